"""Case clinics (kraak-en-maak-sessies): a session IPW schedules, the registrations of
professionals (with a waiting list), the practice plan a participant brings, the
facilitator's comments per plan section, and attendance (accredited study load).

The rules live in `learning.clinics.services` and `learning.clinics.selectors`; these
models only hold data.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from portal.anonymisation.policy import GuardedText

#: The group of facilitators (created by migration clinics 0002).
FACILITATOR_GROUP = "Begeleider"
#: IPW's moderators may facilitate a session too.
MODERATOR_GROUP = "IPW moderator"


def facilitator_choices() -> Q:
    return Q(groups__name__in=[FACILITATOR_GROUP, MODERATOR_GROUP])


class Audience(models.TextChoices):
    EVERYONE = "everyone", "Iedereen met een account"
    TEAM = "team", "Eén team"
    REGION = "region", "Eén gemeente of regio"


class Session(GuardedText, models.Model):
    """One case clinic: when, where (online or a location), for whom, how many places."""

    guarded_fields = ("title", "description")
    guard_exempt = {
        "location": "the venue of the session (an office address), not a household",
        "online_url": "the link of the online meeting",
    }

    title = models.CharField("titel", max_length=200)
    description = models.TextField("omschrijving", max_length=4000)
    starts_at = models.DateTimeField("begint op")
    ends_at = models.DateTimeField("eindigt op")
    online_url = models.URLField(
        "link online sessie",
        blank=True,
        help_text="Vul een link in voor een online sessie, of een locatie hieronder.",
    )
    location = models.CharField(
        "locatie", max_length=300, blank=True, help_text="Adres of naam van de zaal."
    )
    region = models.ForeignKey(
        "casebook.Region",
        verbose_name="regio",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Waar de sessie plaatsvindt, of voor welke gemeente of regio hij is.",
    )
    capacity = models.PositiveSmallIntegerField(
        "aantal plaatsen", validators=[MinValueValidator(1)]
    )
    audience = models.CharField(
        "wie mag zich inschrijven",
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
    )
    team = models.ForeignKey(
        "learning.Team",
        verbose_name="team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Alleen als de sessie voor één team is.",
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="begeleider",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_clinics",
        limit_choices_to=facilitator_choices,
    )
    study_load_hours = models.DecimalField(
        "studiebelasting (uren)",
        max_digits=4,
        decimal_places=1,
        default=Decimal("2.0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Telt als geaccrediteerde studiebelasting voor wie aanwezig was.",
    )
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)
    updated_at = models.DateTimeField("laatst gewijzigd", auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = "kraak-en-maak-sessie"
        verbose_name_plural = "kraak-en-maak-sessies"
        permissions = [("export_attendance", "Kan de accreditatie-export downloaden")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # The app's rules import this module: they are read when the session is validated.
        from .services import session_validate  # noqa: PLC0415

        super().clean()
        session_validate(session=self)

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Ingeschreven"
    WAITING = "waiting", "Op de wachtlijst"
    CANCELLED = "cancelled", "Afgemeld"


class Registration(models.Model):
    """A professional's place (or place on the waiting list) in a session; one row per
    person and session, reused when they register again after cancelling."""

    session = models.ForeignKey(
        Session, verbose_name="sessie", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="deelnemer",
        on_delete=models.CASCADE,
        related_name="clinic_registrations",
    )
    status = models.CharField(
        "status", max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    #: The calendar UID of this registration (stays the same for its updates).
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    #: Order of the waiting list: who joined it first gets the first freed place.
    queued_at = models.DateTimeField("op de wachtlijst sinds", null=True, blank=True)
    plan = models.ForeignKey(
        "learning.PracticePlan",
        verbose_name="meegebracht oefenplan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinic_registrations",
    )
    attended = models.BooleanField("aanwezig", null=True, blank=True)
    attendance_recorded_at = models.DateTimeField("aanwezigheid vastgelegd op", null=True)
    reminder_sent_at = models.DateTimeField("herinnering verstuurd op", null=True, blank=True)
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)
    updated_at = models.DateTimeField("laatst gewijzigd", auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="clinics_unique_registration")
        ]
        verbose_name = "inschrijving"
        verbose_name_plural = "inschrijvingen"

    def __str__(self) -> str:
        return f"{self.user} – {self.session} ({self.get_status_display()})"


class PlanComment(GuardedText, models.Model):
    """The facilitator's comment on one section of a plan brought to a session."""

    guarded_fields = ("text",)
    guard_exempt = {
        "section_key": "identifier of a plan section",
        "section_heading": "copied from the plan's section list",
    }

    registration = models.ForeignKey(
        Registration, verbose_name="inschrijving", on_delete=models.CASCADE, related_name="comments"
    )
    plan = models.ForeignKey(
        "learning.PracticePlan",
        verbose_name="oefenplan",
        on_delete=models.CASCADE,
        related_name="clinic_comments",
    )
    section_key = models.CharField("onderdeel", max_length=40)
    section_heading = models.CharField("kop van het onderdeel", max_length=200)
    text = models.TextField("opmerking", max_length=3000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="begeleider",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("geplaatst op", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "opmerking bij een oefenplan"
        verbose_name_plural = "opmerkingen bij oefenplannen"

    def __str__(self) -> str:
        return f"{self.section_heading}: {self.text[:40]}"
