"""What learners, team leads and visitors see of paths and assignments.

Every status here comes from the one definition of progress (`learning.selectors.
CourseProgress`, through `course_progress_many` and `learning.reports.
enrolments_progress`): a course is done when that says it is complete (or the
enrolment was marked completed). Lists load in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.models import CoursePage, Enrolment, Team, TeamMembership, TeamRole
from learning.reports import enrolments_progress
from learning.selectors import CourseProgress, course_progress_many
from learning.teams import member_name
from portal.core.csv_export import csv_text

from .models import Assignment, LearningPath, PathCourse, ReminderSent, TargetDate


def _is_done(progress: CourseProgress | None) -> bool:
    if progress is None or progress.enrolment is None:
        return False
    return progress.is_complete or progress.enrolment.completed_at is not None


def completed_course_ids(*, user: AbstractBaseUser, course_ids: Iterable[int]) -> set[int]:
    """The courses among `course_ids` the learner has completed (the one definition)."""
    course_ids = list(course_ids)
    if not user.is_authenticated or not course_ids:
        return set()
    enrolments = list(
        Enrolment.objects.filter(user=user, course_id__in=course_ids).select_related("course")
    )
    if not enrolments:
        return set()
    progress = course_progress_many(
        courses=[e.course for e in enrolments], user=user, enrolments=enrolments
    )
    return {course_id for course_id, item in progress.items() if _is_done(item)}


# ------------------------------------------------------------------ prerequisites


@dataclass(frozen=True)
class UnmetPrerequisite:
    path: LearningPath
    prerequisite: CoursePage

    @property
    def message(self) -> str:
        return _(
            "Rond eerst de cursus ‘%(prerequisite)s’ af: deze cursus bouwt daarop voort "
            "in de leerlijn ‘%(path)s’."
        ) % {"prerequisite": self.prerequisite.title, "path": self.path.title}


def prerequisites_unmet(*, user: AbstractBaseUser, course: CoursePage) -> list[UnmetPrerequisite]:
    """The prerequisites of `course` (in any path) the learner has not completed yet."""
    items = list(
        PathCourse.objects.filter(course=course, prerequisite__isnull=False)
        .exclude(prerequisite=course)
        .select_related("path", "prerequisite")
        .order_by("path__title", "sort_order")
    )
    if not items:
        return []
    done = completed_course_ids(user=user, course_ids={item.prerequisite_id for item in items})
    seen: set[int] = set()
    unmet = []
    for item in items:
        if item.prerequisite_id not in done and item.prerequisite_id not in seen:
            seen.add(item.prerequisite_id)
            unmet.append(UnmetPrerequisite(path=item.path, prerequisite=item.prerequisite))
    return unmet


# ------------------------------------------------------------------ paths


@dataclass
class PathCourseRow:
    item: PathCourse
    state: str  # "not_started", "in_progress", "completed"
    percent: int = 0
    blocked_by: CoursePage | None = None

    @property
    def course(self) -> CoursePage:
        return self.item.course

    @property
    def label(self) -> str:
        if self.state == "completed":
            return _("Afgerond")
        if self.state == "in_progress":
            return _("Bezig: %(percent)s%%") % {"percent": self.percent}
        if self.blocked_by is not None:
            return _("Eerst ‘%(title)s’ afronden") % {"title": self.blocked_by.title}
        return _("Niet gestart")


@dataclass
class PathProgress:
    path: LearningPath
    rows: list[PathCourseRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def done(self) -> int:
        return sum(1 for row in self.rows if row.state == "completed")

    @property
    def percent(self) -> int:
        return self.done * 100 // self.total if self.total else 0


def path_list() -> QuerySet[LearningPath]:
    return LearningPath.objects.all()


def path_get(*, slug: str) -> LearningPath | None:
    return LearningPath.objects.filter(slug=slug).first()


def paths_progress(*, paths: list[LearningPath], user: AbstractBaseUser) -> list[PathProgress]:
    """Each path's live courses in order with the learner's status, in a fixed number of
    queries however many paths and courses."""
    if not paths:
        return []
    items = list(
        PathCourse.objects.filter(path__in=paths, course__live=True)
        .select_related("course", "prerequisite")
        .order_by("path_id", "sort_order", "pk")
    )
    courses = {item.course_id: item.course for item in items}
    courses.update({i.prerequisite_id: i.prerequisite for i in items if i.prerequisite_id})
    courses = list(courses.values())
    enrolments = (
        list(Enrolment.objects.filter(user=user, course_id__in=[c.pk for c in courses]))
        if user.is_authenticated and courses
        else []
    )
    progress = (
        course_progress_many(courses=courses, user=user, enrolments=enrolments)
        if enrolments
        else {}
    )
    result = {path.pk: PathProgress(path=path) for path in paths}
    done = {course_id for course_id, item in progress.items() if _is_done(item)}
    for item in items:
        course_progress = progress.get(item.course_id)
        if item.course_id in done:
            row = PathCourseRow(item=item, state="completed", percent=100)
        elif course_progress is not None and course_progress.enrolment is not None:
            row = PathCourseRow(item=item, state="in_progress", percent=course_progress.percent)
        else:
            row = PathCourseRow(item=item, state="not_started")
        if row.state == "not_started" and item.prerequisite_id and item.prerequisite_id not in done:
            row.blocked_by = item.prerequisite
        result[item.path_id].rows.append(row)
    return [result[path.pk] for path in paths]


def dashboard_paths(*, user: AbstractBaseUser) -> list[PathProgress]:
    """The paths with a course the learner is enrolled in or assigned, with progress."""
    if not user.is_authenticated:
        return []
    enrolled = Enrolment.objects.filter(user=user).values("course_id")
    assigned = Assignment.objects.filter(user=user).values("course_id")
    paths = list(
        LearningPath.objects.filter(
            Q(items__course_id__in=enrolled) | Q(items__course_id__in=assigned)
        ).distinct()
    )
    return paths_progress(paths=paths, user=user) if paths else []


def paths_to_offer(*, user: AbstractBaseUser) -> QuerySet[LearningPath]:
    """The paths a newcomer's dashboard offers: those not already under "Mijn leerlijnen"
    (no course of them enrolled in or assigned)."""
    paths = LearningPath.objects.all()
    if not user.is_authenticated:
        return paths
    enrolled = Enrolment.objects.filter(user=user).values("course_id")
    assigned = Assignment.objects.filter(user=user).values("course_id")
    return paths.exclude(
        Q(items__course_id__in=enrolled) | Q(items__course_id__in=assigned)
    ).distinct()


# ------------------------------------------------------------------ assignments


@dataclass
class AssignmentStatus:
    assignment: Assignment
    done: bool
    enrolled: bool
    percent: int = 0
    today: date = field(default_factory=timezone.localdate)

    @property
    def overdue(self) -> bool:
        return not self.done and self.assignment.due_date < self.today

    @property
    def days_left(self) -> int:
        return (self.assignment.due_date - self.today).days

    @property
    def label(self) -> str:
        if self.done:
            return _("Afgerond")
        if self.overdue:
            return _("Te laat")
        if self.enrolled:
            return _("Bezig: %(percent)s%%") % {"percent": self.percent}
        return _("Niet gestart")


def _statuses(
    assignments: list[Assignment], *, today: date | None = None
) -> list[AssignmentStatus]:
    """Status of each assignment by the one progress definition, in a fixed number of
    queries (enrolments, outlines, completed lessons, attempts)."""
    today = today or timezone.localdate()
    if not assignments:
        return []
    courses = list({a.course_id: a.course for a in assignments}.values())
    enrolments = list(
        Enrolment.objects.filter(
            user_id__in={a.user_id for a in assignments}, course_id__in=[c.pk for c in courses]
        )
    )
    by_enrolment = enrolments_progress(courses=courses, enrolments=enrolments)
    by_learner = {(e.user_id, e.course_id): by_enrolment.get(e.pk) for e in enrolments}
    result = []
    for assignment in assignments:
        progress = by_learner.get((assignment.user_id, assignment.course_id))
        enrolled = (assignment.user_id, assignment.course_id) in by_learner
        result.append(
            AssignmentStatus(
                assignment=assignment,
                done=_is_done(progress),
                enrolled=enrolled,
                percent=progress.percent if progress is not None else 0,
                today=today,
            )
        )
    return result


def learner_assignments(
    *, user: AbstractBaseUser, today: date | None = None
) -> list[AssignmentStatus]:
    """The courses assigned to the learner (live ones), soonest due first."""
    if not user.is_authenticated:
        return []
    assignments = list(
        Assignment.objects.filter(user=user, course__live=True)
        .select_related("course", "team")
        .order_by("due_date", "pk")
    )
    return _statuses(assignments, today=today)


def learner_target_date(*, user: AbstractBaseUser, course: CoursePage) -> TargetDate | None:
    if not user.is_authenticated:
        return None
    return TargetDate.objects.filter(user=user, course=course).first()


@dataclass
class TeamAssignments:
    team: Team
    rows: list[AssignmentStatus]

    @property
    def late(self) -> int:
        return sum(1 for row in self.rows if row.overdue)


def team_members(*, team: Team) -> QuerySet[TeamMembership]:
    """The team's members (leads are not counted as members), in name order."""
    return (
        TeamMembership.objects.filter(team=team, role=TeamRole.MEMBER)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def team_assignments(*, team: Team, today: date | None = None) -> TeamAssignments:
    """Members × assignments of the team with their status, in a fixed number of queries
    however many members."""
    assignments = list(
        Assignment.objects.filter(
            team=team,
            course__live=True,
            user__team_memberships__team=team,
            user__team_memberships__role=TeamRole.MEMBER,
        )
        .select_related("course", "user")
        .order_by("course__path", "user__last_name", "user__first_name", "user__username")
    )
    return TeamAssignments(team=team, rows=_statuses(assignments, today=today))


CSV_HEADERS = ["Team", "Teamlid", "Cursus", "Uiterlijk af op", "Status", "Voortgang (%)", "Te laat"]


def team_assignments_csv(*, report: TeamAssignments) -> str:
    return csv_text(
        headers=CSV_HEADERS,
        rows=(
            (
                report.team.name,
                member_name(row.assignment.user),
                row.assignment.course.title,
                row.assignment.due_date,
                row.label,
                100 if row.done else row.percent,
                row.overdue,
            )
            for row in report.rows
        ),
    )


# ------------------------------------------------------------------ account export


def paths_data_for_export(user: AbstractBaseUser) -> dict[str, Any]:
    return {
        "toewijzingen": [
            {
                "cursus": a.course.title,
                "team": a.team.name,
                "uiterlijk_af_op": a.due_date,
                "toegewezen_op": a.assigned_at,
            }
            for a in Assignment.objects.filter(user=user).select_related("course", "team")
        ],
        "streefdata": [
            {"cursus": t.course.title, "streefdatum": t.target_date}
            for t in TargetDate.objects.filter(user=user).select_related("course")
        ],
        "herinneringen": [
            {"verstuurd_op": sent_on}
            for sent_on in ReminderSent.objects.filter(user=user).values_list("sent_on", flat=True)
        ],
    }
