"""Certificates: proof that a learner finished a course, pinned to the course as it was.

A certificate copies ("pins") what it states at the moment of issue: the learner's
name, the course title, hours, accreditation points, register and accreditation id,
and the id of the course's live revision. A later change to the course (new title,
other points) therefore never changes an issued certificate; the PDF and the public
verification page are built from these copies only.

The certificate also pins what registers ask for: the learner's own number in the
course's register (from the profile) and IPW's signatory (name and function, from the
admin setting "Certificaten: ondertekening", `CertificateSettings`).

The revision id is a plain number, not a foreign key: Wagtail may purge old revisions,
and a certificate must not lose or change anything when that happens.

Rules (issue, verify, revoke, PDF) live in `learning.certificates`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .courses import AccreditationRegister


class Certificate(models.Model):
    guard_exempt = {
        "code": "generated verification code",
        "learner_name": "the professional's own name, printed on the certificate",
        "course_title": "copied from the course",
        "accreditation_register": "copied from the course",
        "accreditation_register_label": "copied from the course",
        "accreditation_id": "copied from the course",
        "register_number": "the professional's own register number, needed for accreditation",
        "signatory_name": "IPW's signatory, copied from the certificate settings",
        "signatory_function": "IPW's signatory's function, copied from the certificate settings",
        "revoked_reason": (
            "IPW's reason for revoking a professional's own certificate; about the "
            "professional, not a household, and shown to staff only"
        ),
    }
    code = models.CharField(
        "verificatiecode",
        max_length=32,
        unique=True,
        editable=False,
        help_text="Lang en willekeurig; iedereen met de code kan het certificaat controleren.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="deelnemer",
        on_delete=models.CASCADE,
        related_name="learning_certificates",
    )
    course = models.ForeignKey(
        "learning.CoursePage",
        verbose_name="cursus",
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
        help_text="Mag leeg raken als de cursus wordt verwijderd; het certificaat blijft geldig.",
    )
    course_revision_id = models.PositiveIntegerField(
        "versie (revisie) van de cursus", null=True, blank=True
    )
    issued_at = models.DateTimeField("uitgereikt op")

    # The pinned snapshot: what the certificate states, copied at issue.
    learner_name = models.CharField("naam deelnemer", max_length=300)
    course_title = models.CharField("cursus (bij uitreiking)", max_length=255)
    effort_hours = models.DecimalField("studiebelasting (uren)", max_digits=5, decimal_places=1)
    accreditation_points = models.DecimalField("accreditatiepunten", max_digits=5, decimal_places=1)
    accreditation_register = models.CharField("register (code)", max_length=20)
    accreditation_register_label = models.CharField("register", max_length=100)
    accreditation_id = models.CharField("accreditatienummer", max_length=60, blank=True)
    register_number = models.CharField(
        "registratienummer deelnemer",
        max_length=20,
        blank=True,
        help_text="Het nummer van de deelnemer in het register van de cursus (uit het profiel).",
    )
    signatory_name = models.CharField("ondertekenaar", max_length=200, blank=True)
    signatory_function = models.CharField("functie ondertekenaar", max_length=200, blank=True)

    revoked_at = models.DateTimeField("ingetrokken op", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ingetrokken door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_reason = models.TextField("reden van intrekking", blank=True, max_length=1000)

    class Meta:
        constraints = [
            # One certificate per learner per course (so also per course version); see
            # learning.certificates for why a new course version does not add a second.
            models.UniqueConstraint(fields=["user", "course"], name="learning_unique_certificate")
        ]
        ordering = ["-issued_at"]
        permissions = [("revoke_certificate", "Kan certificaten intrekken")]
        verbose_name = "certificaat"
        verbose_name_plural = "certificaten"

    def __str__(self) -> str:
        return f"{self.learner_name} – {self.course_title} ({self.code})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_accredited(self) -> bool:
        return self.accreditation_register != AccreditationRegister.NONE

    def get_verify_url(self) -> str:
        return reverse("learning_certificate_verify", args=[self.code])

    def get_pdf_url(self) -> str:
        return reverse("learning_certificate_pdf", args=[self.code])


@register_setting(icon="doc-full")
class CertificateSettings(BaseGenericSetting):
    """Who signs IPW's certificates. A certificate copies the signatory when it is issued,
    so a new signatory does not change certificates already issued."""

    guard_exempt = {
        "signatory_name": "IPW's own signatory, printed on certificates",
        "signatory_function": "IPW's own signatory's function, printed on certificates",
    }

    signatory_name = models.CharField(
        "Naam ondertekenaar",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld: drs. A. Jansen. Staat onder elk nieuw certificaat.",
    )
    signatory_function = models.CharField(
        "Functie ondertekenaar",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld: directeur Instituut voor Publieke Waarden.",
    )

    panels = [FieldPanel("signatory_name"), FieldPanel("signatory_function")]

    class Meta:
        verbose_name = "Certificaten: ondertekening"
        verbose_name_plural = "Certificaten: ondertekening"
