"""Follows: a person follows a page (a standard, a plan template, a course or the lessons
learned) and hears about new versions and new items under it.

`Follow`: who follows what. `FollowSetting`: how they want to hear (each mail at once,
or one digest a day). `FollowNotice`: one new published revision for one follower,
recorded once (unique per follower and revision), so a mail never goes out twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Direct, een mail per nieuwe versie of les")
    DAILY = "daily", _("Eén overzicht per dag")


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("gebruiker"),
    )
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("pagina")
    )
    created_at = models.DateTimeField(_("gevolgd sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("gevolgde pagina")
        verbose_name_plural = _("gevolgde pagina's")
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="follows_follow_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.page_id}"


class FollowSetting(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follow_setting",
        verbose_name=_("gebruiker"),
    )
    frequency = models.CharField(
        _("hoe vaak"), max_length=16, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )

    class Meta:
        verbose_name = _("instelling volgen")
        verbose_name_plural = _("instellingen volgen")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.frequency}"


class FollowNotice(models.Model):
    """A published revision that one follower is told about (at once or in the digest)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follow_notices",
        verbose_name=_("gebruiker"),
    )
    followed = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("gevolgde pagina")
    )
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("nieuwe pagina")
    )
    revision_id = models.PositiveBigIntegerField(_("revisie"))
    created_at = models.DateTimeField(_("gemaakt"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verstuurd"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "revision_id"], name="follows_notice_once_per_revision"
            )
        ]
        indexes = [models.Index(fields=["sent_at", "user"], name="follows_notice_pending")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.page_id}@{self.revision_id}"
