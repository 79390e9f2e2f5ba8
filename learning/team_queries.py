"""The team page's queries that keep a page's work bounded: the counts per course over
the whole team, and the members of one course filtered by status and sorted in the
database (see `learning.teams` for the rules), so a page loads only its own rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

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
from .selectors import CourseProgress

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def team_members(team: Team) -> QuerySet[TeamMembership]:
    return TeamMembership.objects.filter(team=team, role=TeamRole.MEMBER)


@dataclass(frozen=True)
class TeamSummary:
    members: int
    courses: list[CoursePage]
    enrolled: dict[int, int]
    completed: dict[int, int]


def team_summary(*, team: Team) -> TeamSummary:
    """Members, their live courses and the counts per course, in three queries
    whatever the number of members."""
    members = team_members(team)
    counts = list(
        Enrolment.objects.filter(user_id__in=members.values("user_id"), course__live=True)
        .values("course_id")
        .annotate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
        )
        .order_by()
    )
    courses = list(
        CoursePage.objects.filter(pk__in=[row["course_id"] for row in counts]).order_by("path")
    )
    return TeamSummary(
        members=members.count(),
        courses=courses,
        enrolled={row["course_id"]: row["enrolled"] for row in counts},
        completed={row["course_id"]: row["completed"] for row in counts},
    )


def team_members_ordered(
    *, team: Team, outline: CourseProgress, sort: str, status: str
) -> QuerySet[TeamMembership]:
    """The team's members for one course, filtered by status and sorted in the
    database (see the module doc), so a page needs only its own rows:
    `name` A–Z; `progress` by steps done, highest first, not enrolled last;
    `activity` newest first, not enrolled last; ties by name."""
    course_id = outline.course.pk
    enrolment = Enrolment.objects.filter(user_id=OuterRef("user_id"), course_id=course_id)
    members = (
        team_members(team)
        .select_related("user")
        .annotate(
            enrolled=Exists(enrolment),
            completed=Exists(enrolment.filter(completed_at__isnull=False)),
        )
    )
    if status == "not_started":
        members = members.filter(enrolled=False)
    elif status == "in_progress":
        members = members.filter(enrolled=True, completed=False)
    elif status == "completed":
        members = members.filter(completed=True)
    names = ("user__last_name", "user__first_name", "user__username", "pk")
    if sort == "progress":
        required = [item.lesson.pk for item in outline.lessons if item.lesson.required]
        done = (
            LessonProgress.objects.filter(
                enrolment__user_id=OuterRef("user_id"),
                enrolment__course_id=course_id,
                lesson_id__in=required,
            )
            .values("enrolment_id")
            .annotate(count=Count("pk"))
            .values("count")[:1]
        )
        steps = Coalesce(Subquery(done), 0)
        if outline.final_test is not None:
            passed = FinalTestAttempt.objects.filter(
                user_id=OuterRef("user_id"), course_id=course_id, passed=True
            )
            steps = steps + Case(When(Exists(passed), then=1), default=0)
        return members.annotate(steps=steps).order_by("-enrolled", "-steps", *names)
    if sort == "activity":
        epoch = Value(_EPOCH, output_field=DateTimeField())
        lessons = [item.lesson.pk for item in outline.lessons]

        def newest(queryset: QuerySet, group: str, moment: str) -> Coalesce:
            return Coalesce(
                Subquery(queryset.values(group).annotate(newest=Max(moment)).values("newest")[:1]),
                epoch,
            )

        activity = Greatest(
            Coalesce(Subquery(enrolment.values("enrolled_at")[:1]), epoch),
            newest(
                LessonProgress.objects.filter(
                    enrolment__user_id=OuterRef("user_id"), enrolment__course_id=course_id
                ),
                "enrolment_id",
                "completed_at",
            ),
            newest(
                FinalTestAttempt.objects.filter(user_id=OuterRef("user_id"), course_id=course_id),
                "user_id",
                "submitted_at",
            ),
            newest(
                ExerciseAnswer.objects.filter(user_id=OuterRef("user_id"), lesson_id__in=lessons),
                "user_id",
                "submitted_at",
            ),
        )
        return members.annotate(activity=activity).order_by("-enrolled", "-activity", *names)
    return members.order_by(*names)
