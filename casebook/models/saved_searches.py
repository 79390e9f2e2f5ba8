"""Saved searches: a professional's casebook search (query and filters) kept under a name,
with an optional mail digest of newly published matching cases.

The rules (saving, the digest, the signed links) live in `casebook.saved_searches`; this
module only holds the rows.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from portal.anonymisation.policy import GuardedText


class AlertFrequency(models.TextChoices):
    NONE = "none", "Geen e-mail"
    DAILY = "daily", "Dagelijks"
    WEEKLY = "weekly", "Wekelijks"


class SavedSearch(GuardedText, models.Model):
    """One saved casebook search of one user."""

    guarded_fields = ("name", "query")
    guard_exempt = {
        "filters": "taxonomy names, phases, outcomes, years and the sort, validated "
        "against the taxonomy by the casebook's search form: no free text",
        "alert_sent_ids": "ids of the cases already mailed (numbers only)",
    }
    guard_reason = "een bewaarde zoekopdracht moet anoniem zijn"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="casebook_saved_searches",
        verbose_name="gebruiker",
    )
    name = models.CharField("naam", max_length=120)
    #: The free text of the search (`q`), as the casebook form cleaned it.
    query = models.CharField("zoekterm", max_length=500, blank=True)
    #: Every other parameter by its GET name (`domain`, `law`, ...), values as lists.
    filters = models.JSONField("filters", default=dict, blank=True)
    frequency = models.CharField(
        "e-mail bij nieuwe casussen",
        max_length=10,
        choices=AlertFrequency.choices,
        default=AlertFrequency.NONE,
    )
    #: Secret part of the feed and unsubscribe links; a new key retires the old links.
    link_key = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField("bewaard op", auto_now_add=True)
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    #: When the mail was switched on: cases published before it are never "new".
    alerts_on_since = models.DateTimeField(null=True, blank=True)
    #: High-water mark of the digest: cases first published up to this moment were
    #: looked at (set when alerts are switched on, moved on by every due run).
    alert_checked_until = models.DateTimeField(null=True, blank=True)
    #: Cases already mailed whose first publication lies inside the look-back window.
    alert_sent_ids = models.JSONField(default=list, blank=True)
    alert_last_sent_at = models.DateTimeField("laatste e-mail", null=True, blank=True)

    class Meta:
        verbose_name = "bewaarde zoekopdracht"
        verbose_name_plural = "bewaarde zoekopdrachten"
        ordering = ("name", "pk")
        indexes = [models.Index(fields=("frequency", "alert_checked_until"))]

    def __str__(self) -> str:
        return self.name
