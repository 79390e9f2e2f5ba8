"""Writes of the case clinics, with their rules.

- Registering, cancelling and the waiting list lock the session row
  (`select_for_update`), so overlapping requests never give away more places than the
  session has; a second "register" for the same person is refused with a Dutch message.
- A place that frees up goes to whoever joined the waiting list first, with a mail.
- Mails go through `portal.core.mail.queue_mail` (sent after the transaction commits);
  a confirmation carries an .ics file, a cancellation a METHOD:CANCEL one.
- A plan brought to a session is checked by the anonymisation guard again.
- Only the facilitator of a session comments on its plans and records its attendance.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from learning.models import PracticePlan, TeamMembership
from learning.plans import practice
from portal.anonymisation.policy import guard_instance
from portal.core.mail import MailAttachment, queue_mail

from .ics import registration_ics
from .models import Audience, PlanComment, Registration, RegistrationStatus, Session

ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)


# --------------------------------------------------------------------------- sessions


def session_validate(*, session: Session) -> None:
    """The rules of a session as IPW schedules it (called by `Session.clean`)."""
    errors: dict[str, str] = {}
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        errors["ends_at"] = _("Het einde moet na het begin liggen.")
    if not session.online_url and not session.location:
        errors["location"] = _("Vul een locatie in, of een link voor een online sessie.")
    if session.audience == Audience.TEAM and not session.team_id:
        errors["team"] = _("Kies het team dat zich mag inschrijven.")
    if session.audience == Audience.REGION and not session.region_id:
        errors["region"] = _("Kies de gemeente of regio die zich mag inschrijven.")
    if errors:
        raise ValidationError(errors)


def session_url(*, session: Session) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("clinics:detail", kwargs={"session_id": session.pk})


def session_is_open_to(*, session: Session, user: AbstractBaseUser) -> bool:
    """May `user` register for `session` (by its audience)?"""
    if not user.is_authenticated:
        return False
    if session.audience == Audience.TEAM:
        return TeamMembership.objects.filter(team_id=session.team_id, user=user).exists()
    if session.audience == Audience.REGION:
        if session.region is None:
            return False
        # A municipality or region: the professional works there, as their profile's
        # organisation or one of their teams' organisations says ("Gemeente Zwolle").
        name = session.region.name
        profile = getattr(user, "profile", None)
        if profile is not None and name.lower() in (profile.organisation or "").lower():
            return True
        return TeamMembership.objects.filter(user=user, team__organisation__icontains=name).exists()
    return True


def session_has_started(*, session: Session, now: datetime | None = None) -> bool:
    return session.starts_at <= (now or timezone.now())


# ---------------------------------------------------------------------------- mails


def _when(session: Session) -> str:
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    return _("%(date)s, %(start)s tot %(end)s uur") % {
        "date": date_format(start, "l j F Y"),
        "start": date_format(start, "H:i"),
        "end": date_format(end, "H:i"),
    }


def _where(session: Session) -> str:
    if session.online_url:
        return _("Online: %(url)s") % {"url": session.online_url}
    return session.location


def _mail_confirmation(registration: Registration, *, promoted: bool = False) -> None:
    session = registration.session
    url = session_url(session=session)
    intro = (
        _(
            "Er is een plaats vrijgekomen: je staat niet meer op de wachtlijst en bent nu "
            "ingeschreven voor de kraak-en-maak-sessie ‘%(title)s’."
        )
        if promoted
        else _("Je bent ingeschreven voor de kraak-en-maak-sessie ‘%(title)s’.")
    ) % {"title": session.title}
    body = "\n\n".join(
        [
            intro,
            _("Wanneer: %(when)s") % {"when": _when(session)},
            _("Waar: %(where)s") % {"where": _where(session)},
            _(
                "Neem je een casus mee? Koppel een van je oefenplannen op de pagina van de "
                "sessie, dan kan de begeleider het vooraf lezen: %(url)s"
            )
            % {"url": url},
            _(
                "Het bijgevoegde agendabestand zet de sessie in je agenda. Kun je niet? "
                "Meld je dan af, dan gaat je plaats naar de wachtlijst."
            ),
        ]
    )
    subject = (_("Plaats vrijgekomen: %(title)s") if promoted else _("Inschrijving: %(title)s")) % {
        "title": session.title
    }
    queue_mail(
        to=[registration.user.email],
        subject=subject,
        body=body,
        attachments=[
            MailAttachment(
                "kraak-en-maak-sessie.ics",
                registration_ics(registration=registration, url=url),
                "text/calendar",
            )
        ],
    )


def _mail_waiting(registration: Registration, *, position: int) -> None:
    session = registration.session
    queue_mail(
        to=[registration.user.email],
        subject=_("Wachtlijst: %(title)s") % {"title": session.title},
        body="\n\n".join(
            [
                _(
                    "De kraak-en-maak-sessie ‘%(title)s’ is vol. Je staat op de wachtlijst, "
                    "op plaats %(position)s."
                )
                % {"title": session.title, "position": position},
                _(
                    "Komt er een plaats vrij, dan krijg je die automatisch en sturen we je "
                    "een bevestiging met een agendabestand."
                ),
                _("Wanneer: %(when)s") % {"when": _when(session)},
                session_url(session=session),
            ]
        ),
    )


def _mail_cancelled(registration: Registration) -> None:
    session = registration.session
    url = session_url(session=session)
    queue_mail(
        to=[registration.user.email],
        subject=_("Afgemeld: %(title)s") % {"title": session.title},
        body="\n\n".join(
            [
                _("Je bent afgemeld voor de kraak-en-maak-sessie ‘%(title)s’ (%(when)s).")
                % {"title": session.title, "when": _when(session)},
                _("Het bijgevoegde agendabestand haalt de sessie uit je agenda."),
                url,
            ]
        ),
        attachments=[
            MailAttachment(
                "kraak-en-maak-sessie-afgemeld.ics",
                registration_ics(registration=registration, url=url, cancelled=True),
                "text/calendar",
            )
        ],
    )


def _mail_reminder(registration: Registration) -> None:
    session = registration.session
    url = session_url(session=session)
    lines = [
        _("Morgen is de kraak-en-maak-sessie ‘%(title)s’.") % {"title": session.title},
        _("Wanneer: %(when)s") % {"when": _when(session)},
        _("Waar: %(where)s") % {"where": _where(session)},
    ]
    if registration.plan_id is None:
        lines.append(
            _(
                "Je hebt nog geen oefenplan gekoppeld. Neem je een casus mee? Koppel je plan "
                "op de pagina van de sessie: %(url)s"
            )
            % {"url": url}
        )
    else:
        lines.append(url)
    queue_mail(
        to=[registration.user.email],
        subject=_("Herinnering: %(title)s") % {"title": session.title},
        body="\n\n".join(lines),
    )


# --------------------------------------------------------------------- registrations


def _locked_session(session_id: int) -> Session:
    return (
        Session.objects.select_for_update(of=("self",)).select_related("region").get(pk=session_id)
    )


def _registered_count(session: Session) -> int:
    return session.registrations.filter(status=RegistrationStatus.REGISTERED).count()


def _waiting_position(registration: Registration) -> int:
    return (
        Registration.objects.filter(
            session_id=registration.session_id,
            status=RegistrationStatus.WAITING,
            queued_at__lte=registration.queued_at,
        )
        .exclude(queued_at=registration.queued_at, pk__gt=registration.pk)
        .count()
    )


def registration_create(
    *, session: Session, user: AbstractBaseUser, plan: PracticePlan | None = None
) -> Registration:
    """Register `user` for `session`: a place while there is one, else the waiting list.

    Refused (ValidationError, Dutch) when the session has started, is not open to the
    user, or the user already has a place or a waiting-list place (a double submit).
    """
    with transaction.atomic():
        locked = _locked_session(session.pk)
        if session_has_started(session=locked):
            raise ValidationError(_("Deze sessie is al begonnen; inschrijven kan niet meer."))
        if not session_is_open_to(session=locked, user=user):
            raise ValidationError(_("Deze sessie is niet open voor jouw team of gemeente."))
        registration = Registration.objects.filter(session=locked, user=user).first()
        if registration is not None and registration.status in ACTIVE:
            raise ValidationError(
                _("Je bent al ingeschreven voor deze sessie.")
                if registration.status == RegistrationStatus.REGISTERED
                else _("Je staat al op de wachtlijst voor deze sessie.")
            )
        if registration is None:
            registration = Registration(session=locked, user=user)
        registration.session = locked
        full = _registered_count(locked) >= locked.capacity
        registration.status = RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED
        registration.queued_at = timezone.now() if full else None
        registration.attended = None
        registration.attendance_recorded_at = None
        registration.reminder_sent_at = None
        registration.save()
        if plan is not None:
            registration_attach_plan(registration=registration, plan=plan, user=user)
        if full:
            _mail_waiting(registration, position=_waiting_position(registration))
        else:
            _mail_confirmation(registration)
        return registration


def _promote_first_waiting(session: Session) -> Registration | None:
    """Give a free place to the first on the waiting list (the session is locked)."""
    if _registered_count(session) >= session.capacity:
        return None
    first = (
        session.registrations.filter(status=RegistrationStatus.WAITING)
        .select_related("user")
        .order_by("queued_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = RegistrationStatus.REGISTERED
    first.queued_at = None
    first.session = session
    first.save(update_fields=["status", "queued_at", "updated_at"])
    _mail_confirmation(first, promoted=True)
    return first


def registration_cancel(*, registration: Registration, user: AbstractBaseUser) -> Registration:
    """Cancel the user's place or waiting-list place; a freed place goes to the first on
    the waiting list. Cancelling twice is refused with a Dutch message."""
    with transaction.atomic():
        session = _locked_session(registration.session_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.user_id != user.pk:
            raise ValidationError(_("Dit is niet jouw inschrijving."))
        if current.status == RegistrationStatus.CANCELLED:
            raise ValidationError(_("Je bent al afgemeld voor deze sessie."))
        if session_has_started(session=session):
            raise ValidationError(_("Deze sessie is al begonnen; afmelden kan niet meer."))
        had_place = current.status == RegistrationStatus.REGISTERED
        current.status = RegistrationStatus.CANCELLED
        current.queued_at = None
        current.session = session
        current.save(update_fields=["status", "queued_at", "updated_at"])
        if had_place:
            _mail_cancelled(current)
            _promote_first_waiting(session)
        return current


def session_fill_from_waiting_list(*, session: Session) -> list[Registration]:
    """After IPW raised the capacity: give the new places to the waiting list."""
    promoted: list[Registration] = []
    with transaction.atomic():
        locked = _locked_session(session.pk)
        while (registration := _promote_first_waiting(locked)) is not None:
            promoted.append(registration)
    return promoted


def practice_plan_guard_messages(*, plan: PracticePlan) -> list[str]:
    """The anonymisation guard's Dutch messages for everything written in `plan`: title,
    section answers, legal-basis reasoning and cost-line descriptions."""
    headings = {section["key"]: section["heading"] for section in plan.sections or []}
    fields = {"__title": plan.title}
    labels = {"__title": str(PracticePlan._meta.get_field("title").verbose_name)}
    for key, answer in (plan.answers or {}).items():
        if isinstance(answer, str) and answer.strip():
            fields[key] = answer
            labels[key] = headings.get(key, key)
    messages = practice.practice_plan_text_errors(fields=fields, labels=labels)
    for row in [*plan.legal_bases.all(), *plan.cost_lines.all()]:
        messages.extend(
            str(m) for errors in guard_instance(row).values() for e in errors for m in e.messages
        )
    return messages


def registration_attach_plan(
    *, registration: Registration, plan: PracticePlan | None, user: AbstractBaseUser
) -> Registration:
    """Bring one of the user's own practice plans to the session (None: take it back).
    The plan's texts pass the anonymisation guard again; a finding refuses the plan with
    the guard's message, which names the fragment."""
    if registration.user_id != user.pk:
        raise ValidationError(_("Dit is niet jouw inschrijving."))
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Je bent afgemeld voor deze sessie; schrijf je eerst weer in."))
    if plan is not None:
        if plan.owner_id != user.pk:
            raise ValidationError(_("Je kunt alleen je eigen oefenplannen meenemen."))
        messages = practice_plan_guard_messages(plan=plan)
        if messages:
            raise ValidationError(messages)
    registration.plan = plan
    registration.save(update_fields=["plan", "updated_at"])
    return registration


# ------------------------------------------------------------------ the facilitator


def session_is_facilitated_by(*, session: Session, user: AbstractBaseUser) -> bool:
    return bool(user.is_authenticated and session.facilitator_id == user.pk)


def plan_comment_create(
    *, registration: Registration, section_key: str, text: str, author: AbstractBaseUser
) -> PlanComment:
    """A comment of the session's facilitator on one section of the attached plan."""
    session = registration.session
    if not session_is_facilitated_by(session=session, user=author):
        raise ValidationError(_("Alleen de begeleider van deze sessie kan opmerkingen plaatsen."))
    plan = registration.plan
    if plan is None:
        raise ValidationError(_("Bij deze inschrijving is geen oefenplan gekoppeld."))
    section = practice.practice_plan_section_get(plan=plan, key=section_key)
    if section is None:
        raise ValidationError(_("Dit onderdeel bestaat niet in dit oefenplan."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf een opmerking.")})
    comment = PlanComment(
        registration=registration,
        plan=plan,
        section_key=section_key,
        section_heading=section["heading"],
        text=text,
        author=author,
    )
    comment.full_clean()
    comment.save()
    return comment


def attendance_record(
    *, session: Session, attended_ids: Collection[int], recorded_by: AbstractBaseUser
) -> int:
    """Record who attended: the registrations in `attended_ids` were there, the other
    registered participants were not. Only the facilitator, once the session has begun.
    Returns the number of participants present."""
    if not session_is_facilitated_by(session=session, user=recorded_by):
        raise ValidationError(_("Alleen de begeleider van deze sessie legt aanwezigheid vast."))
    if not session_has_started(session=session):
        raise ValidationError(_("Je legt de aanwezigheid vast als de sessie begonnen is."))
    now = timezone.now()
    wanted = {int(pk) for pk in attended_ids}
    registrations = session.registrations.filter(status=RegistrationStatus.REGISTERED)
    with transaction.atomic():
        present = registrations.filter(pk__in=wanted).update(
            attended=True, attendance_recorded_at=now, updated_at=now
        )
        registrations.exclude(pk__in=wanted).update(
            attended=False, attendance_recorded_at=now, updated_at=now
        )
    return present


# ------------------------------------------------------------------------ reminders


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Remind everybody with a place in a session that starts before the end of
    tomorrow (Dutch time) and has not begun. Each registration is reminded once: the
    reminder is recorded (a conditional update) before its mail is queued, so running
    this twice, or twice at once, never sends a second reminder. Returns the count."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    end = timezone.make_aware(datetime.combine(tomorrow + timedelta(days=1), datetime.min.time()))
    due = Registration.objects.filter(
        status=RegistrationStatus.REGISTERED,
        reminder_sent_at__isnull=True,
        session__starts_at__gt=now,
        session__starts_at__lt=end,
    ).select_related("session", "user")
    sent = 0
    for registration in due:
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed:
                _mail_reminder(registration)
                sent += 1
    return sent


# ------------------------------------------------------------------ account deletion


def clinics_delete_for_user(user: AbstractBaseUser) -> int:
    """Delete what the clinics hold about `user` (registrations with their plan links
    and the comments they received); a freed place goes to the waiting list."""
    registrations = list(
        Registration.objects.filter(user=user).values_list("pk", "session_id", "status")
    )
    count = PlanComment.objects.filter(registration__user=user).delete()[0]
    count += Registration.objects.filter(user=user).delete()[0]
    with transaction.atomic():
        for _pk, session_id, status in registrations:
            if status == RegistrationStatus.REGISTERED:
                session = Session.objects.select_for_update().filter(pk=session_id).first()
                if session is not None and not session_has_started(session=session):
                    _promote_first_waiting(session)
    return count
