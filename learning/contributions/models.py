"""Contributed breakthroughs: a completed practice plan shared as an anonymised example
case. The case itself is a draft `casebook.CasePage` that goes through IPW's editorial
workflow like any case; this record keeps where it came from (for the editors), who
contributed it (for "Mijn bijdragen" and the mails) and how far the review is.

The casebook never imports the learning environment, so the link lives here: a
one-to-one to the case page, not a field on the case.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from portal.anonymisation.policy import GuardedText


class ContributionStatus(models.TextChoices):
    SUBMITTED = "submitted", "Ingediend"
    IN_REVIEW = "in_review", "In behandeling"
    PUBLISHED = "published", "Gepubliceerd"
    RETURNED = "returned", "Teruggestuurd"
    WITHDRAWN = "withdrawn", "Ingetrokken"
    DECLINED = "declined", "Niet geplaatst"


#: The statuses of a contribution the editors still work on (the queue).
OPEN_STATUSES = (
    ContributionStatus.SUBMITTED,
    ContributionStatus.IN_REVIEW,
    ContributionStatus.RETURNED,
)


class Contribution(GuardedText, models.Model):
    """One practice plan shared as an example case, and the state of its review."""

    guarded_fields = ("case_title",)
    guard_exempt = {
        "organisation": "the contributor's organisation from their profile, named by choice",
        "template_title": "copied from the plan template",
        "template_version": "copied from the plan template",
        "return_reason": "the moderator's comment in the publishing workflow",
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bijdrager",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_contributions",
    )
    plan = models.ForeignKey(
        "learning.PracticePlan",
        verbose_name="oefenplan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    case = models.OneToOneField(
        "casebook.CasePage",
        verbose_name="voorbeeldcasus",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contribution",
    )
    case_title = models.CharField("titel van de casus", max_length=255)
    status = models.CharField(
        "status",
        max_length=20,
        choices=ContributionStatus.choices,
        default=ContributionStatus.SUBMITTED,
    )
    name_organisation = models.BooleanField("organisatie noemen", default=False)
    organisation = models.CharField("organisatie", max_length=200, blank=True)
    template_title = models.CharField("titel van het sjabloon", max_length=255, blank=True)
    template_version = models.CharField("versie van het sjabloon", max_length=20, blank=True)
    consent_at = models.DateTimeField("toestemming huishouden gegeven op")
    return_reason = models.TextField("reden van terugsturen", blank=True)
    submitted_at = models.DateTimeField("ingediend op", auto_now_add=True)
    status_changed_at = models.DateTimeField("status gewijzigd op", auto_now_add=True)
    published_at = models.DateTimeField("gepubliceerd op", null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="contrib_status_idx")]
        permissions = [("review_contribution", "Kan bijdragen beoordelen")]
        verbose_name = "bijdrage"
        verbose_name_plural = "bijdragen"

    def __str__(self) -> str:
        return self.case_title
