"""Teams: who leads which team, what a team lead sees, the CSV export, and the
"Teamleider" group.

Rules:
- A team lead is a user with a `lead` membership of that team. They see that team's
  progress and nothing of other teams; a plain member sees no team page at all.
  Staff rights do not open a team page either: the admin has its own views.
- A team lead sees progress figures only (enrolled, percent, required lessons done,
  final test passed and best score, completion date, last activity): the rows hold
  numbers and dates, never an answer, a reflection or a test answer.
- Progress is the learner's own `selectors.CourseProgress`: required lessons and the
  final test count, optional lessons never (so "100 %" always sits beside "3 van 3").
- The team page lists every live course at least one member of the team is enrolled
  in, and for each course every member, enrolled or not. Leads are not members: they
  are not counted and get no row.
- Last activity: the newest of enrolling, an answer to an exercise in the course, a
  lesson completed and a final-test attempt.
- Sorting (`?sort=` in the URL, kept by the CSV link): `name` (A–Z, the default),
  `progress` (highest first) or `activity` (most recent first, never active last).
- The "Teamleider" group mirrors the lead memberships (`team_lead_group_sync`): being
  in it grants nothing, the memberships decide.

CSV export: the portal's one CSV writer (portal.core.csv_export: `;`, BOM, Ja/Nee,
local times, formulas neutralised); percentages as whole numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from portal.core.csv_export import csv_text

from .models import (
    CoursePage,
    Enrolment,
    ExerciseAnswer,
    FinalTestAttempt,
    LessonProgress,
    Team,
    TeamMembership,
    TeamRole,
)
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
    gettext_lazy("Verplichte lessen afgerond"),
    gettext_lazy("Verplichte lessen totaal"),
    gettext_lazy("Eindtoets"),
    gettext_lazy("Beste score eindtoets (%)"),
    gettext_lazy("Afgerond op"),
    gettext_lazy("Laatste activiteit"),
]

SORT_CHOICES = {
    "name": gettext_lazy("naam"),
    "progress": gettext_lazy("voortgang"),
    "activity": gettext_lazy("laatste activiteit"),
}
DEFAULT_SORT = "name"


def team_sort_clean(value: str | None) -> str:
    """A sort key from the URL, or the default for anything else."""
    return value if value in SORT_CHOICES else DEFAULT_SORT


#: Filtering (`?status=` in the URL, kept by the sort links and the CSV link): everyone,
#: or only the members who have not started, are busy, or have completed the course.
STATUS_CHOICES = {
    "": gettext_lazy("iedereen"),
    "not_started": gettext_lazy("niet gestart"),
    "in_progress": gettext_lazy("bezig"),
    "completed": gettext_lazy("afgerond"),
}


def team_status_clean(value: str | None) -> str:
    """A status filter from the URL, or "" (everyone) for anything else."""
    return value if value in STATUS_CHOICES else ""


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
    last_activity: datetime | None = None

    @property
    def is_complete(self) -> bool:
        return self.completed_on is not None

    @property
    def passed(self) -> bool:
        return self.test_status == FinalTestStatus.PASSED

    @property
    def status(self) -> str:
        """ "not_started", "in_progress" or "completed" (the team page's filter)."""
        if not self.enrolled:
            return "not_started"
        return "completed" if self.is_complete else "in_progress"


@dataclass
class TeamCourse:
    course: CoursePage
    rows: list[MemberCourseRow] = field(default_factory=list)
    status: str = ""  # the filter (STATUS_CHOICES); the counts always cover every row

    @property
    def shown_rows(self) -> list[MemberCourseRow]:
        """The rows the filter keeps (every row without a filter)."""
        if not self.status:
            return self.rows
        return [row for row in self.rows if row.status == self.status]

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
    membership: TeamMembership,
    outline: CourseProgress,
    progress: CourseProgress | None,
    last_activity: datetime | None = None,
) -> MemberCourseRow:
    name = member_name(membership.user)
    role = membership.get_role_display()
    is_lead = membership.role == TeamRole.LEAD
    lessons_total = outline.required_total
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
        lessons_done=progress.required_done,
        lessons_total=lessons_total,
        test_status=_test_status(progress),
        best_score=progress.best_score,
        completed_on=_local_date(progress.enrolment.completed_at),
        last_activity=last_activity,
    )


def _newest(*moments: datetime | None) -> datetime | None:
    return max((moment for moment in moments if moment is not None), default=None)


def _last_activity(
    *, enrolments: list[Enrolment], outlines: dict[int, CourseProgress]
) -> dict[tuple[int, int], datetime]:
    """Newest activity per (user, course) in three queries (see module doc)."""
    keys = {(e.user_id, e.course_id) for e in enrolments}
    result: dict[tuple[int, int], datetime] = {
        (e.user_id, e.course_id): e.enrolled_at for e in enrolments
    }

    def bump(key: tuple[int, int], moment: datetime | None) -> None:
        if key in keys and moment is not None:
            result[key] = _newest(result.get(key), moment)

    for row in (
        LessonProgress.objects.filter(enrolment__in=enrolments)
        .values("enrolment__user_id", "enrolment__course_id")
        .annotate(newest=Max("completed_at"))
        .order_by()
    ):
        bump((row["enrolment__user_id"], row["enrolment__course_id"]), row["newest"])
    user_ids = {e.user_id for e in enrolments}
    for row in (
        FinalTestAttempt.objects.filter(user_id__in=user_ids, course_id__in=list(outlines))
        .values("user_id", "course_id")
        .annotate(newest=Max("submitted_at"))
        .order_by()
    ):
        bump((row["user_id"], row["course_id"]), row["newest"])
    course_of_lesson = {
        status.lesson.pk: course_id
        for course_id, outline in outlines.items()
        for status in outline.lessons
    }
    for row in (
        ExerciseAnswer.objects.filter(user_id__in=user_ids, lesson_id__in=list(course_of_lesson))
        .values("user_id", "lesson_id")
        .annotate(newest=Max("submitted_at"))
        .order_by()
    ):
        bump((row["user_id"], course_of_lesson[row["lesson_id"]]), row["newest"])
    return result


def _sorted_rows(rows: list[MemberCourseRow], sort: str) -> list[MemberCourseRow]:
    if sort == "progress":
        return sorted(rows, key=lambda row: (not row.enrolled, -row.percent))
    if sort == "activity":
        return sorted(
            rows,
            key=lambda row: (row.last_activity is None, -(row.last_activity or _EPOCH).timestamp()),
        )
    return rows  # memberships come in name order


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def team_progress(*, team: Team, sort: str = DEFAULT_SORT, status: str = "") -> TeamProgress:
    """Each member's progress per course (see module doc) in a fixed number of queries:
    memberships, enrolments, the course outlines, completed lessons, attempts and the
    last activity."""
    memberships = list(
        TeamMembership.objects.filter(team=team, role=TeamRole.MEMBER)
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
    activity = _last_activity(enrolments=enrolments, outlines=outlines)
    team_courses = [
        TeamCourse(
            course=course,
            rows=_sorted_rows(
                [
                    _row(
                        m,
                        outlines[course.pk],
                        by_learner.get((m.user_id, course.pk)),
                        activity.get((m.user_id, course.pk)),
                    )
                    for m in memberships
                ],
                team_sort_clean(sort),
            ),
            status=team_status_clean(status),
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
                row.last_activity,
            )
            for team_course in progress.courses
            for row in team_course.shown_rows
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
