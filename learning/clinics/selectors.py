"""Reads of the case clinics: the public list and detail, a professional's own
registrations, the facilitator's pages, the comments a plan's author sees, the
accreditation CSV and the account export.

Privacy: the plans brought to a session are read by that session's facilitator only
(`session_get_for_facilitator` answers None for everybody else, and views answer 404).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from casebook.models import Region
from learning.models import PracticePlan, PracticePlanCostLine, SectionKind
from learning.plans.calculator import PlanCostSummary, plan_cost_summary
from portal.core.csv_export import csv_text

from .models import PlanComment, Registration, RegistrationStatus, Session

WHEN_UPCOMING = "komend"
WHEN_PAST = "voorbij"


def _with_counts(queryset: QuerySet[Session]) -> QuerySet[Session]:
    return queryset.annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
        ),
    )


def session_list(
    *,
    when: str = WHEN_UPCOMING,
    region: Region | None = None,
    online: bool | None = None,
    now: datetime | None = None,
) -> QuerySet[Session]:
    """Sessions for the public list: upcoming (not yet ended; soonest first) or past
    (latest first), optionally in one region, online only or on location only."""
    now = now or timezone.now()
    sessions = Session.objects.select_related("region", "facilitator", "team")
    if when == WHEN_PAST:
        sessions = sessions.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        sessions = sessions.filter(ends_at__gt=now).order_by("starts_at", "pk")
    if region is not None:
        sessions = sessions.filter(region=region)
    if online is True:
        sessions = sessions.exclude(online_url="")
    elif online is False:
        sessions = sessions.filter(online_url="")
    return _with_counts(sessions)


def session_regions() -> QuerySet[Region]:
    """The regions that have at least one session (the choices of the region filter)."""
    return Region.objects.filter(Exists(Session.objects.filter(region=OuterRef("pk")))).order_by(
        "name"
    )


def session_get(*, session_id: int) -> Session | None:
    return _with_counts(
        Session.objects.select_related("region", "facilitator", "team").filter(pk=session_id)
    ).first()


def session_places_left(*, session: Session) -> int:
    registered = getattr(session, "registered_count", None)
    if registered is None:
        registered = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    return max(session.capacity - registered, 0)


def registration_for_user(*, session: Session, user: AbstractBaseUser) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.select_related("plan")
        .filter(session=session, user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def registration_waiting_position(*, registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when the registration is not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(
        session_id=registration.session_id, status=RegistrationStatus.WAITING
    ).filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registration_get_for_owner(
    *, user: AbstractBaseUser, registration_id: int
) -> Registration | None:
    return (
        Registration.objects.select_related("session", "plan")
        .filter(pk=registration_id, user=user)
        .first()
    )


def plans_to_bring(*, user: AbstractBaseUser) -> list[PracticePlan]:
    """The user's own practice plans, newest first (the choices when attaching one)."""
    return list(PracticePlan.objects.filter(owner=user).order_by("-updated_at", "-pk"))


def registrations_of_user(*, user: AbstractBaseUser) -> list[Registration]:
    """ "Mijn sessies": the user's registrations that are not cancelled, soonest session
    first, each with `waiting_position` and `comments_count` (a constant number of
    queries, however many there are)."""
    ahead = (
        Registration.objects.filter(
            session_id=OuterRef("session_id"), status=RegistrationStatus.WAITING
        )
        .filter(
            Q(queued_at__lt=OuterRef("queued_at"))
            | Q(queued_at=OuterRef("queued_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = list(
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("session", "session__region", "plan")
        .annotate(
            comments_count=Count("comments", distinct=True),
            waiting_ahead=Coalesce(Subquery(ahead), 0),
        )
        .order_by("session__starts_at", "pk")
    )
    for row in rows:
        row.waiting_position = (
            row.waiting_ahead + 1 if row.status == RegistrationStatus.WAITING else None
        )
    return rows


# ------------------------------------------------------------------ the facilitator


def session_get_for_facilitator(*, user: AbstractBaseUser, session_id: int) -> Session | None:
    """The session when `user` is its facilitator; None for everybody else (other
    facilitators, team leads and staff included)."""
    if not user.is_authenticated:
        return None
    return _with_counts(
        Session.objects.select_related("region").filter(pk=session_id, facilitator=user)
    ).first()


def sessions_facilitated_by(*, user: AbstractBaseUser) -> list[Session]:
    if not user.is_authenticated:
        return []
    return list(_with_counts(Session.objects.filter(facilitator=user)).order_by("-starts_at", "pk"))


def session_participants(*, session: Session) -> list[Registration]:
    """The session's registered participants (then the waiting list), with their plan
    and how many comments it has."""
    return list(
        session.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user", "plan")
        .annotate(comments_count=Count("comments"))
        .order_by("status", "queued_at", "created_at", "pk")
    )


def registration_get_for_facilitator(
    *, session: Session, registration_id: int
) -> Registration | None:
    """A registration of `session` (already checked to be the facilitator's) with a
    plan attached."""
    return (
        Registration.objects.select_related("user", "plan", "session")
        .filter(session=session, pk=registration_id, plan__isnull=False)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


@dataclass
class PlanSectionView:
    key: str
    heading: str
    kind: str
    required: bool
    answer: str
    comments: list[PlanComment] = field(default_factory=list)


@dataclass
class PlanReadView:
    """A practice plan as the facilitator reads it: as the plan page shows it."""

    plan: PracticePlan
    sections: list[PlanSectionView]
    legal_bases: list[Any]
    costs: PlanCostSummary | None


def plan_read_view(*, registration: Registration) -> PlanReadView:
    plan = registration.plan
    comments_by_key: dict[str, list[PlanComment]] = {}
    for comment in registration.comments.filter(plan=plan).select_related("author"):
        comments_by_key.setdefault(comment.section_key, []).append(comment)
    kinds = {section["kind"] for section in plan.sections}
    costs = None
    if SectionKind.COST_BENEFIT in kinds:
        plan = PracticePlan.objects.prefetch_related(
            Prefetch("cost_lines", queryset=PracticePlanCostLine.objects.select_related("tariff"))
        ).get(pk=plan.pk)
        costs = plan_cost_summary(plan=plan)
    legal_bases = list(plan.legal_bases.all()) if SectionKind.LEGAL_BASES in kinds else []
    sections = [
        PlanSectionView(
            key=section["key"],
            heading=section["heading"],
            kind=section["kind"],
            required=section.get("required", False),
            answer=(plan.answers or {}).get(section["key"], ""),
            comments=comments_by_key.get(section["key"], []),
        )
        for section in plan.sections
    ]
    return PlanReadView(plan=plan, sections=sections, legal_bases=legal_bases, costs=costs)


# --------------------------------------------------------------- the plan's author


@dataclass
class PlanCommentGroup:
    section_key: str
    section_heading: str
    comments: list[PlanComment]


def plan_comments_for_owner(
    *, plan: PracticePlan, user: AbstractBaseUser
) -> list[PlanCommentGroup]:
    """The facilitators' comments on `plan`, per section in the plan's order; only for
    the plan's author (empty for anybody else, a team lead reading a shared plan too)."""
    if not user.is_authenticated or plan.owner_id != user.pk:
        return []
    comments = list(
        PlanComment.objects.filter(plan=plan, registration__user=user).select_related(
            "registration__session", "author"
        )
    )
    order = {section["key"]: position for position, section in enumerate(plan.sections or [])}
    groups: dict[str, PlanCommentGroup] = {}
    for comment in sorted(
        comments, key=lambda c: (order.get(c.section_key, len(order)), c.created_at, c.pk)
    ):
        group = groups.setdefault(
            comment.section_key,
            PlanCommentGroup(comment.section_key, comment.section_heading, []),
        )
        group.comments.append(comment)
    return list(groups.values())


# ------------------------------------------------------------------- accreditation


@dataclass(frozen=True)
class AttendanceRow:
    name: str
    email: str
    registerplein_number: str
    skj_number: str
    big_number: str
    session: str
    day: date
    hours: Decimal


def attendance_rows(*, user: AbstractBaseUser | None = None) -> list[AttendanceRow]:
    """Attended sessions (accredited study load), oldest first; of one user or all."""
    registrations = Registration.objects.filter(
        attended=True, status=RegistrationStatus.REGISTERED
    ).select_related("user", "user__profile", "session")
    if user is not None:
        registrations = registrations.filter(user=user)
    rows = []
    for registration in registrations.order_by("session__starts_at", "user__last_name", "pk"):
        person = registration.user
        profile = getattr(person, "profile", None) if hasattr(person, "profile") else None
        rows.append(
            AttendanceRow(
                name=person.get_full_name() or person.get_username(),
                email=person.email,
                registerplein_number=getattr(profile, "registerplein_number", "") or "",
                skj_number=getattr(profile, "skj_number", "") or "",
                big_number=getattr(profile, "big_number", "") or "",
                session=registration.session.title,
                day=timezone.localtime(registration.session.starts_at).date(),
                hours=registration.session.study_load_hours,
            )
        )
    return rows


ATTENDANCE_HEADERS = [
    "Deelnemer",
    "E-mailadres",
    "Registerplein",
    "SKJ",
    "BIG",
    "Sessie",
    "Datum",
    "Studiebelasting (uren)",
]


def attendance_csv() -> str:
    """The accreditation CSV for IPW's moderators (the project's one CSV writer)."""
    return csv_text(
        headers=ATTENDANCE_HEADERS,
        rows=(
            [
                row.name,
                row.email,
                row.registerplein_number,
                row.skj_number,
                row.big_number,
                row.session,
                row.day,
                row.hours,
            ]
            for row in attendance_rows()
        ),
    )


# ------------------------------------------------------------------ account export


def clinics_data_for_export(user: AbstractBaseUser) -> list[dict[str, Any]]:
    """Everything the clinics hold about `user`, for "Download al mijn gegevens"."""
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("session", "plan")
        .prefetch_related("comments")
        .order_by("session__starts_at", "pk")
    )
    return [
        {
            "sessie": registration.session.title,
            "begint_op": registration.session.starts_at,
            "eindigt_op": registration.session.ends_at,
            "status": registration.get_status_display(),
            "ingeschreven_op": registration.created_at,
            "meegebracht_oefenplan": (
                {"id": registration.plan_id, "werktitel": registration.plan.title}
                if registration.plan_id
                else None
            ),
            "aanwezig": registration.attended,
            "studiebelasting_uren": (
                str(registration.session.study_load_hours) if registration.attended else None
            ),
            "herinnering_verstuurd_op": registration.reminder_sent_at,
            "opmerkingen_ontvangen": [
                {
                    "onderdeel": comment.section_heading,
                    "opmerking": comment.text,
                    "geplaatst_op": comment.created_at,
                }
                for comment in registration.comments.all()
            ],
        }
        for registration in registrations
    ]
