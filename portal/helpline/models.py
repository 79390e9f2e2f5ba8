"""Helpline questions and referrals, the answers IPW sends, and the mail outbox.

A question ("Hulp nodig?") and a referral ("aanmelden") share one model, `Submission`:
they go through the same triage inbox, the same due-time promise and the same report.
The household's personal data is never stored: only the professional's contact details
and free text that passed the anonymisation guard.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Role

#: Size limits of the form fields (also enforced by the forms).
NAME_MAX = 150
ORGANISATION_MAX = 200
EMAIL_MAX = 254
PHONE_MAX = 30
QUESTION_MAX = 4000
BARRIER_MAX = 2000
SITUATION_MAX = 2000
LAW_MAX = 200
REGION_MAX = 100
CONTACT_TIME_MAX = 200
CONTEXT_URL_MAX = 500
CONTEXT_TITLE_MAX = 255
ANSWER_MAX = 10000
NOTES_MAX = 10000


class Kind(models.TextChoices):
    QUESTION = "question", _("Hulpvraag")
    REFERRAL = "referral", _("Aanmelding")


class Status(models.TextChoices):
    NEW = "new", _("Nieuw")
    IN_PROGRESS = "in_progress", _("In behandeling")
    WAITING = "waiting", _("Wacht op reactie")
    CLOSED = "closed", _("Afgerond")


class ContactPreference(models.TextChoices):
    PHONE = "phone", _("Telefonisch")
    EMAIL = "email", _("Per e-mail")


#: Prefix of the reference number per kind: HL-2026-000123 and AM-2026-000045.
REFERENCE_PREFIX = {Kind.QUESTION: "HL", Kind.REFERRAL: "AM"}


class Submission(models.Model):
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    reference = models.CharField(_("kenmerk"), max_length=32, unique=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helpline_submissions",
        verbose_name=_("account van de afzender"),
    )

    # The professional (or referrer): never the household.
    name = models.CharField(_("naam"), max_length=NAME_MAX)
    organisation = models.CharField(_("organisatie"), max_length=ORGANISATION_MAX)
    role = models.CharField(_("functie"), max_length=32, choices=Role.choices)
    email = models.EmailField(_("e-mailadres"), max_length=EMAIL_MAX)
    phone = models.CharField(_("telefoonnummer"), max_length=PHONE_MAX)

    # A question.
    question = models.TextField(_("vraag"), max_length=QUESTION_MAX, blank=True)
    barrier = models.TextField(_("belemmering"), max_length=BARRIER_MAX, blank=True)
    related_law = models.CharField(_("wet of regeling"), max_length=LAW_MAX, blank=True)
    # A referral.
    situation = models.TextField(_("situatie"), max_length=SITUATION_MAX, blank=True)
    consent_confirmed_at = models.DateTimeField(
        _("toestemming bevestigd op"), null=True, blank=True
    )

    region = models.CharField(_("gemeente"), max_length=REGION_MAX, blank=True)
    urgent = models.BooleanField(_("spoed"), default=False)
    contact_preference = models.CharField(
        _("contact bij voorkeur"),
        max_length=16,
        choices=ContactPreference.choices,
        default=ContactPreference.PHONE,
    )
    contact_time = models.CharField(
        _("voorkeur voor tijdstip"), max_length=CONTACT_TIME_MAX, blank=True
    )
    context_url = models.CharField(
        _("gesteld vanaf pagina"), max_length=CONTEXT_URL_MAX, blank=True
    )
    context_title = models.CharField(
        _("titel van die pagina"), max_length=CONTEXT_TITLE_MAX, blank=True
    )

    # Triage.
    received_at = models.DateTimeField(_("ontvangen op"), db_index=True)
    due_at = models.DateTimeField(_("uiterlijk contact op"), db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helpline_assignments",
        verbose_name=_("behandelaar"),
    )
    internal_notes = models.TextField(_("interne notities"), max_length=NOTES_MAX, blank=True)
    first_contact_at = models.DateTimeField(_("eerste contact op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("hulplijnvraag of aanmelding")
        verbose_name_plural = _("hulplijnvragen en aanmeldingen")
        ordering = ["-received_at"]
        # Only "handle": the triage inbox checks this one permission (see permissions.py);
        # Django's add/change/delete/view are not created, so they cannot be handed out
        # to other groups by accident.
        default_permissions = ()
        permissions = [("handle_submission", _("Kan hulplijnvragen en aanmeldingen behandelen"))]

    def __str__(self) -> str:
        return self.reference or f"{self.get_kind_display()} {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED


class Answer(models.Model):
    """An answer sent to the professional from the inbox; they see it on their profile."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="answers", verbose_name=_("vraag")
    )
    body = models.TextField(_("antwoord"), max_length=ANSWER_MAX)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verstuurd door"),
    )
    created_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        ordering = ["created_at", "pk"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.submission} – {self.created_at:%Y-%m-%d %H:%M}"


class MailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Ontvangstbevestiging")
    STAFF_NOTICE = "staff_notice", _("Melding aan de Hulplijn")
    ANSWER = "answer", _("Antwoord")


class MailStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")
    SENDING = "sending", _("Wordt verstuurd")
    SENT = "sent", _("Verstuurd")
    FAILED = "failed", _("Mislukt")


class OutgoingMail(models.Model):
    """One mail in the outbox: written with the submission, sent by a background task,
    retried with backoff by `helpline_send_pending` until it is sent or gives up."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="mails",
        verbose_name=_("vraag"),
    )
    kind = models.CharField(_("soort"), max_length=16, choices=MailKind.choices)
    to = models.JSONField(_("aan"), default=list)
    subject = models.CharField(_("onderwerp"), max_length=255)
    body = models.TextField(_("tekst"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MailStatus.choices,
        default=MailStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    next_attempt_at = models.DateTimeField(_("volgende poging"), db_index=True)
    last_attempt_at = models.DateTimeField(_("laatste poging"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        ordering = ["created_at", "pk"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.submission} ({self.get_status_display()})"
