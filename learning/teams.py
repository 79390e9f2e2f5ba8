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
- Pages (`?pagina=`, with the sort and the filter kept): 50 members a page per course,
  sorted and filtered in the database, so the queries and the work of a request do not
  grow with the team; the counts above each table cover the whole team. The CSV holds
  everyone and is streamed, 500 members a round.
- The "Teamleider" group mirrors the lead memberships (`team_lead_group_sync`): being
  in it grants nothing, the memberships decide.

CSV export: the portal's one CSV writer (portal.core.csv_export: `;`, BOM, Ja/Nee,
local times, formulas neutralised); percentages as whole numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from math import ceil

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.db.models import (
    Max,
    QuerySet,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy

from portal.core.csv_export import csv_stream, csv_text

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
from .team_queries import team_members_ordered, team_summary

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
    """One course of the team page: the rows of this page (sorted and filtered in the
    database, see `team_progress`) and the counts over the whole team."""

    course: CoursePage
    rows: list[MemberCourseRow] = field(default_factory=list)
    status: str = ""  # the filter (STATUS_CHOICES); the counts always cover every member
    members_total: int = 0
    enrolled_total: int = 0
    completed_total: int = 0
    first_shown: int = 1  # the number of the first row on this page

    @property
    def last_shown(self) -> int:
        return self.first_shown + len(self.rows) - 1

    @property
    def shown_rows(self) -> list[MemberCourseRow]:
        """The rows the filter keeps: filtered by the database already."""
        return self.rows

    @property
    def enrolled(self) -> int:
        return self.enrolled_total

    @property
    def completed(self) -> int:
        return self.completed_total

    @property
    def selected_total(self) -> int:
        """How many members the filter keeps in this course (over every page)."""
        return _status_count(
            self.status,
            members=self.members_total,
            enrolled=self.enrolled_total,
            completed=self.completed_total,
        )


def _status_count(status: str, *, members: int, enrolled: int, completed: int) -> int:
    return {
        "": members,
        "not_started": members - enrolled,
        "in_progress": enrolled - completed,
        "completed": completed,
    }[status]


@dataclass
class TeamProgress:
    team: Team
    members_total: int
    courses: list[TeamCourse]
    page: int = 1
    pages: int = 1
    per_page: int | None = None

    @property
    def first_shown(self) -> int:
        """The number of the first member on this page (1 on the first page)."""
        return (self.page - 1) * (self.per_page or 0) + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


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


#: Members per page on the team page: the work of a request is bounded by the page.
MEMBERS_PER_PAGE = 50
#: Members per round when the CSV is written: its memory is bounded by a round.
CSV_CHUNK = 500


def team_page_clean(value: str | None) -> int:
    """A page number from the URL; 1 for anything that is not a positive number (a
    number past the last page shows the last page)."""
    try:
        number = int(value or 1)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def _course_rows(
    *,
    memberships_by_course: dict[int, list[TeamMembership]],
    outlines: dict[int, CourseProgress],
) -> dict[int, list[MemberCourseRow]]:
    """The rows of the given members per course, in the given order: enrolments, lessons
    done, attempts and the last activity in a fixed number of queries."""
    user_ids = {m.user_id for members in memberships_by_course.values() for m in members}
    if not user_ids:
        return {course_id: [] for course_id in memberships_by_course}
    enrolments = list(
        Enrolment.objects.filter(user_id__in=user_ids, course_id__in=list(memberships_by_course))
    )
    courses = [outlines[course_id].course for course_id in memberships_by_course]
    by_enrolment = enrolments_progress(courses=courses, enrolments=enrolments, outlines=outlines)
    by_learner = {(e.user_id, e.course_id): by_enrolment.get(e.pk) for e in enrolments}
    activity = _last_activity(enrolments=enrolments, outlines=outlines)
    return {
        course_id: [
            _row(
                m,
                outlines[course_id],
                by_learner.get((m.user_id, course_id)),
                activity.get((m.user_id, course_id)),
            )
            for m in members
        ]
        for course_id, members in memberships_by_course.items()
    }


def team_progress(
    *,
    team: Team,
    sort: str = DEFAULT_SORT,
    status: str = "",
    page: int | None = None,
    per_page: int = MEMBERS_PER_PAGE,
) -> TeamProgress:
    """Each member's progress per course (see module doc). With `page`, only that page
    of members per course (`per_page` of them, sorted and filtered in the database):
    the queries and the work of a request do not grow with the team. Without, every
    member (for the demo and the tests; the CSV goes through `team_progress_csv_rows`).
    """
    sort, status = team_sort_clean(sort), team_status_clean(status)
    summary = team_summary(team=team)
    outlines = course_progress_many(courses=summary.courses, outline_cache=True)

    def selected(course: CoursePage) -> int:
        return _status_count(
            status,
            members=summary.members,
            enrolled=summary.enrolled.get(course.pk, 0),
            completed=summary.completed.get(course.pk, 0),
        )

    pages = 1
    if page is not None:
        most = max((selected(course) for course in summary.courses), default=0)
        pages = max(ceil(most / per_page), 1)
        page = min(page, pages)
    offset = (page - 1) * per_page if page is not None else 0
    memberships_by_course: dict[int, list[TeamMembership]] = {}
    same_for_every_course: list[TeamMembership] | None = None
    for course in summary.courses:
        if same_for_every_course is not None:
            # By name and without a filter, every course lists the same members.
            memberships_by_course[course.pk] = same_for_every_course
            continue
        ordered = team_members_ordered(
            team=team, outline=outlines[course.pk], sort=sort, status=status
        )
        if page is not None:
            ordered = ordered[offset : offset + per_page]
        memberships_by_course[course.pk] = list(ordered)
        if sort == DEFAULT_SORT and not status:
            same_for_every_course = memberships_by_course[course.pk]
    rows = _course_rows(memberships_by_course=memberships_by_course, outlines=outlines)
    return TeamProgress(
        team=team,
        members_total=summary.members,
        courses=[
            TeamCourse(
                course=course,
                rows=rows[course.pk],
                status=status,
                members_total=summary.members,
                enrolled_total=summary.enrolled.get(course.pk, 0),
                completed_total=summary.completed.get(course.pk, 0),
                first_shown=offset + 1,
            )
            for course in summary.courses
        ],
        page=page or 1,
        pages=pages,
        per_page=per_page if page is not None else None,
    )


def team_progress_csv_rows(
    *, team: Team, sort: str = DEFAULT_SORT, status: str = "", chunk: int = CSV_CHUNK
) -> Iterator[tuple]:
    """The CSV's rows, course by course, `chunk` members at a time: memory and the
    queries of one round are bounded, whatever the size of the team."""
    sort, status = team_sort_clean(sort), team_status_clean(status)
    summary = team_summary(team=team)
    outlines = course_progress_many(courses=summary.courses, outline_cache=True)
    for course in summary.courses:
        ordered = team_members_ordered(
            team=team, outline=outlines[course.pk], sort=sort, status=status
        )
        offset = 0
        while True:
            members = list(ordered[offset : offset + chunk])
            if not members:
                break
            rows = _course_rows(memberships_by_course={course.pk: members}, outlines=outlines)
            for row in rows[course.pk]:
                yield _csv_row(team=team, course=course, row=row)
            if len(members) < chunk:
                break
            offset += chunk


def _csv_row(*, team: Team, course: CoursePage, row: MemberCourseRow) -> tuple:
    return (
        team.name,
        row.name,
        row.role,
        course.title,
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


def team_progress_csv(*, progress: TeamProgress) -> str:
    """A computed progress (all its rows) as CSV text for Excel (portal.core.csv_export),
    BOM included. The view streams `team_progress_csv_stream` instead."""
    return csv_text(
        headers=CSV_HEADERS,
        rows=(
            _csv_row(team=progress.team, course=team_course.course, row=row)
            for team_course in progress.courses
            for row in team_course.shown_rows
        ),
    )


def team_progress_csv_stream(
    *, team: Team, sort: str = DEFAULT_SORT, status: str = ""
) -> Iterator[str]:
    """The team's progress as CSV for Excel, line by line (portal.core.csv_export), for
    a streaming response: the same file as `team_progress_csv`."""
    return csv_stream(
        headers=CSV_HEADERS, rows=team_progress_csv_rows(team=team, sort=sort, status=status)
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
