"""Teams: who leads which team, what a team lead sees, the CSV export, and the
"Teamleider" group.

Rules:
- A team lead is a user with a `lead` membership of that team. They see that team's
  progress and nothing of other teams; a plain member sees no team page at all.
  Staff rights do not open a team page either: the admin has its own views.
- A team lead sees progress figures only (enrolled, percent, lessons done, final test
  passed and best score, completion date): the rows hold numbers and dates, never an
  answer, a reflection or a test answer.
- The team page lists every live course at least one person in the team is enrolled
  in, and for each course every person in the team (members and leads), enrolled or not.
- The "Teamleider" group mirrors the lead memberships (`team_lead_group_sync`): being
  in it grants nothing, the memberships decide.

CSV export: the portal's one CSV writer (portal.core.csv_export: `;`, BOM, Ja/Nee,
local times, formulas neutralised); percentages as whole numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from portal.core.csv_export import csv_text

from .models import CoursePage, Enrolment, Team, TeamMembership, TeamRole
from .reports import enrolments_progress
from .selectors import CourseProgress, course_progress_many

TEAM_LEAD_GROUP = "Teamleider"

CSV_HEADERS = [
    gettext_lazy("Team"),
    gettext_lazy("Naam"),
    gettext_lazy("Rol"),
    gettext_lazy("Cursus"),
    gettext_lazy("Ingeschreven"),
    gettext_lazy("Ingeschreven op"),
    gettext_lazy("Voortgang (%)"),
    gettext_lazy("Lessen afgerond"),
    gettext_lazy("Lessen totaal"),
    gettext_lazy("Eindtoets"),
    gettext_lazy("Beste score eindtoets (%)"),
    gettext_lazy("Afgerond op"),
]


class FinalTestStatus:
    PASSED = gettext_lazy("geslaagd")
    FAILED = gettext_lazy("niet geslaagd")
    NOT_TAKEN = gettext_lazy("nog niet gemaakt")
    NO_TEST = gettext_lazy("geen eindtoets")


# ----------------------------------------------------------------------- selectors


def teams_led_by(*, user: AbstractBaseUser) -> QuerySet[Team]:
    """The teams this user leads (empty for anyone else)."""
    if not user.is_authenticated:
        return Team.objects.none()
    return Team.objects.filter(memberships__user=user, memberships__role=TeamRole.LEAD).distinct()


def team_get_for_lead(*, user: AbstractBaseUser, team_id: int) -> Team | None:
    """The team when `user` leads it; None otherwise (the view answers 404, so the
    existence of other teams is not revealed)."""
    return teams_led_by(user=user).filter(pk=team_id).first()


def member_name(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class MemberCourseRow:
    """One person's progress in one course: figures only (see module doc)."""

    name: str
    role: str
    is_lead: bool
    enrolled: bool
    enrolled_on: date | None = None
    percent: int = 0
    lessons_done: int = 0
    lessons_total: int = 0
    test_status: str = FinalTestStatus.NO_TEST
    best_score: int | None = None
    completed_on: date | None = None

    @property
    def is_complete(self) -> bool:
        return self.completed_on is not None

    @property
    def passed(self) -> bool:
        return self.test_status == FinalTestStatus.PASSED


@dataclass
class TeamCourse:
    course: CoursePage
    rows: list[MemberCourseRow] = field(default_factory=list)

    @property
    def enrolled(self) -> int:
        return sum(1 for row in self.rows if row.enrolled)

    @property
    def completed(self) -> int:
        return sum(1 for row in self.rows if row.is_complete)


@dataclass
class TeamProgress:
    team: Team
    memberships: list[TeamMembership]
    courses: list[TeamCourse]


def _local_date(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def _test_status(progress: CourseProgress) -> str:
    if progress.final_test is None:
        return FinalTestStatus.NO_TEST
    if progress.passed:
        return FinalTestStatus.PASSED
    return FinalTestStatus.FAILED if progress.attempts else FinalTestStatus.NOT_TAKEN


def _row(
    membership: TeamMembership, outline: CourseProgress, progress: CourseProgress | None
) -> MemberCourseRow:
    name = member_name(membership.user)
    role = membership.get_role_display()
    is_lead = membership.role == TeamRole.LEAD
    lessons_total = len(outline.lessons)
    if progress is None:
        return MemberCourseRow(
            name=name,
            role=role,
            is_lead=is_lead,
            enrolled=False,
            lessons_total=lessons_total,
            test_status=FinalTestStatus.NOT_TAKEN
            if outline.final_test
            else FinalTestStatus.NO_TEST,
        )
    return MemberCourseRow(
        name=name,
        role=role,
        is_lead=is_lead,
        enrolled=True,
        enrolled_on=_local_date(progress.enrolment.enrolled_at),
        percent=progress.percent,
        lessons_done=sum(1 for status in progress.lessons if status.done),
        lessons_total=lessons_total,
        test_status=_test_status(progress),
        best_score=progress.best_score,
        completed_on=_local_date(progress.enrolment.completed_at),
    )


def team_progress(*, team: Team) -> TeamProgress:
    """Each person's progress per course (see module doc) in a fixed number of queries:
    memberships, enrolments, the course outlines, completed lessons and attempts."""
    memberships = list(
        TeamMembership.objects.filter(team=team)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    enrolments = list(
        Enrolment.objects.filter(
            user_id__in=[m.user_id for m in memberships], course__live=True
        ).select_related("course")
    )
    courses = sorted({e.course_id: e.course for e in enrolments}.values(), key=lambda c: c.path)
    outlines = course_progress_many(courses=courses)
    by_enrolment = enrolments_progress(courses=courses, enrolments=enrolments, outlines=outlines)
    by_learner = {(e.user_id, e.course_id): by_enrolment.get(e.pk) for e in enrolments}
    team_courses = [
        TeamCourse(
            course=course,
            rows=[
                _row(m, outlines[course.pk], by_learner.get((m.user_id, course.pk)))
                for m in memberships
            ],
        )
        for course in courses
    ]
    return TeamProgress(team=team, memberships=memberships, courses=team_courses)


def team_progress_csv(*, progress: TeamProgress) -> str:
    """The team's progress as CSV text for Excel (portal.core.csv_export), BOM included."""
    return csv_text(
        headers=CSV_HEADERS,
        rows=(
            (
                progress.team.name,
                row.name,
                row.role,
                team_course.course.title,
                row.enrolled,
                row.enrolled_on,
                row.percent if row.enrolled else None,
                row.lessons_done if row.enrolled else None,
                row.lessons_total,
                row.test_status,
                row.best_score,
                row.completed_on,
            )
            for team_course in progress.courses
            for row in team_course.rows
        ),
    )


def team_progress_csv_filename(*, team: Team, today: date | None = None) -> str:
    from django.utils.text import slugify

    today = today or timezone.localdate()
    return f"teamvoortgang-{slugify(team.name) or team.pk}-{today.isoformat()}.csv"


# ------------------------------------------------------------------------ services


def team_lead_group_sync() -> Group:
    """Make the "Teamleider" group hold exactly the users with a lead membership.
    Called after a team is saved or deleted in the admin, and by `team_membership_set`."""
    group, _created = Group.objects.get_or_create(name=TEAM_LEAD_GROUP)
    leads = get_user_model().objects.filter(team_memberships__role=TeamRole.LEAD).distinct()
    group.user_set.set(list(leads))
    return group


@transaction.atomic
def team_membership_set(*, team: Team, user: AbstractBaseUser, role: str) -> TeamMembership:
    """Add `user` to `team` with `role`, or change their role; keeps the group in step."""
    membership, _created = TeamMembership.objects.update_or_create(
        team=team, user=user, defaults={"role": TeamRole(role)}
    )
    team_lead_group_sync()
    return membership


@transaction.atomic
def team_membership_remove(*, team: Team, user: AbstractBaseUser) -> None:
    TeamMembership.objects.filter(team=team, user=user).delete()
    team_lead_group_sync()
