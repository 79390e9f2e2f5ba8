"""Progress of many learners at once, and the editors' report per course.

Progress is never re-implemented here: the outline of each course comes from
`selectors.course_progress_many` (live modules, lessons and final test) and every
learner gets a `selectors.CourseProgress` of their own, so percentages, "complete" and
the best score mean exactly what the learner sees on their own dashboard.

Report decisions (shown to editors in the admin as well):
- enrolled: every enrolment in the course.
- completed: enrolments with a completion date (set by the services when the course's
  completion rule was met; a later change to the course does not take it away).
- in progress: not completed, but started (at least one lesson done or one test attempt).
- not started: the rest.
- average final-test score: the mean of each learner's *best* attempt, over the learners
  who made at least one attempt, rounded to one decimal. Counting every attempt would
  weigh learners who needed several tries more heavily than those who passed at once.
- where learners stop: for each learner in progress, the first required lesson (in
  course order) they have not completed, or the final test when all required lessons
  are done. The lesson with the most learners is where most of them stall.

Every function loads a fixed number of queries, however many learners and lessons.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from .models import (
    CoursePage,
    Enrolment,
    FinalTestAttempt,
    FinalTestPage,
    LessonPage,
    LessonProgress,
)
from .selectors import CourseProgress, LessonStatus, ModuleProgress, course_progress_many

REPORT_PERMISSION = "learning.view_course_report"


def user_can_view_course_report(*, user: AbstractBaseUser) -> bool:
    """Editors and moderators (by the permission their groups hold) and superusers."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(REPORT_PERMISSION))


# ------------------------------------------------------------ progress of many learners


def _fresh_progress(outline: CourseProgress, enrolment: Enrolment) -> CourseProgress:
    """A copy of a course outline with its own lesson statuses, for one learner."""
    return CourseProgress(
        course=outline.course,
        modules=[
            ModuleProgress(
                module=module.module,
                lessons=[LessonStatus(lesson=status.lesson) for status in module.lessons],
            )
            for module in outline.modules
        ],
        final_test=outline.final_test,
        enrolment=enrolment,
    )


def enrolments_progress(
    *,
    courses: list[CoursePage],
    enrolments: Iterable[Enrolment],
    outlines: dict[int, CourseProgress] | None = None,
) -> dict[int, CourseProgress]:
    """Progress per enrolment (keyed by enrolment id) for learners of `courses`, in a
    fixed number of queries: the outlines (unless given, as returned by
    `course_progress_many` without a user), the completed lessons and the attempts.

    Attempts are loaded without their answers: whoever reads this sees figures only."""
    if outlines is None:
        outlines = course_progress_many(courses=courses)
    enrolments = [e for e in enrolments if e.course_id in outlines]
    if not enrolments:
        return {}
    result = {e.pk: _fresh_progress(outlines[e.course_id], e) for e in enrolments}
    done: dict[int, set[int]] = {}
    for enrolment_id, lesson_id in LessonProgress.objects.filter(
        enrolment_id__in=list(result)
    ).values_list("enrolment_id", "lesson_id"):
        done.setdefault(enrolment_id, set()).add(lesson_id)
    for enrolment_id, progress in result.items():
        lessons_done = done.get(enrolment_id, set())
        for status in progress.lessons:
            status.done = status.lesson.pk in lessons_done
    by_learner = {(e.user_id, e.course_id): result[e.pk] for e in enrolments}
    attempts = (
        FinalTestAttempt.objects.filter(
            user_id__in={e.user_id for e in enrolments},
            course_id__in={e.course_id for e in enrolments},
        )
        .defer("answers")
        .order_by("number")
    )
    for attempt in attempts:
        progress = by_learner.get((attempt.user_id, attempt.course_id))
        if progress is not None:
            progress.attempts.append(attempt)
    return result


def stop_point(progress: CourseProgress) -> LessonPage | FinalTestPage | None:
    """Where a learner stands still: the first required lesson not done, else the final
    test while not passed, else nothing."""
    for status in progress.lessons:
        if status.lesson.required and not status.done:
            return status.lesson
    if progress.final_test is not None and not progress.passed:
        return progress.final_test
    return None


# ------------------------------------------------------------------- course report


@dataclass
class CourseSummary:
    course: CoursePage
    enrolled: int = 0
    started: int = 0
    completed: int = 0
    test_takers: int = 0
    passed: int = 0
    average_best_score: Decimal | None = None

    @property
    def in_progress(self) -> int:
        return self.started - self.completed

    @property
    def not_started(self) -> int:
        return self.enrolled - self.started


@dataclass
class StopRow:
    page: LessonPage | FinalTestPage
    module_title: str
    learners: int
    share: int  # whole percent of the learners in progress


@dataclass
class CourseReport:
    summary: CourseSummary
    stop_rows: list[StopRow] = field(default_factory=list)

    @property
    def top_stop(self) -> StopRow | None:
        rows = [row for row in self.stop_rows if row.learners]
        return max(rows, key=lambda row: row.learners) if rows else None


def course_report_courses() -> QuerySet[CoursePage]:
    """Every course, live or not, in the order of the page tree."""
    return CoursePage.objects.order_by("path")


def _started_filter() -> Q:
    return Q(Exists(LessonProgress.objects.filter(enrolment=OuterRef("pk")))) | Q(
        Exists(
            FinalTestAttempt.objects.filter(user=OuterRef("user_id"), course=OuterRef("course_id"))
        )
    )


def _average(values: list[int]) -> Decimal | None:
    if not values:
        return None
    mean = Decimal(sum(values)) / Decimal(len(values))
    return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def course_summaries(*, courses: list[CoursePage]) -> list[CourseSummary]:
    """Headline figures per course (see module doc), in two queries for all courses."""
    summaries = {course.pk: CourseSummary(course=course) for course in courses}
    if not summaries:
        return []
    counts = (
        Enrolment.objects.filter(course_id__in=list(summaries))
        .values("course_id")
        .annotate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            started=Count("pk", filter=_started_filter() | Q(completed_at__isnull=False)),
        )
        .order_by()
    )
    for row in counts:
        summary = summaries[row["course_id"]]
        summary.enrolled = row["enrolled"]
        summary.completed = row["completed"]
        summary.started = row["started"]
    best: dict[int, list[tuple[int, bool]]] = {}
    for row in (
        FinalTestAttempt.objects.filter(course_id__in=list(summaries))
        .values("course_id", "user_id")
        .annotate(best=Max("score"), passed=Count("pk", filter=Q(passed=True)))
        .order_by()
    ):
        best.setdefault(row["course_id"], []).append((row["best"], bool(row["passed"])))
    for course_id, rows in best.items():
        summary = summaries[course_id]
        summary.test_takers = len(rows)
        summary.passed = sum(1 for _score, passed in rows if passed)
        summary.average_best_score = _average([score for score, _passed in rows])
    return [summaries[course.pk] for course in courses]


def course_report(*, course: CoursePage) -> CourseReport:
    """The headline figures and where learners in progress stop, for one course."""
    summary = course_summaries(courses=[course])[0]
    started = Enrolment.objects.filter(course=course, completed_at__isnull=True).filter(
        _started_filter()
    )
    outlines = course_progress_many(courses=[course])
    outline = outlines[course.pk]
    progress = enrolments_progress(courses=[course], enrolments=started, outlines=outlines)
    stops = Counter(
        page.pk for page in (stop_point(item) for item in progress.values()) if page is not None
    )
    total = sum(stops.values())
    rows = [
        StopRow(
            page=status.lesson,
            module_title=module.module.title,
            learners=stops.get(status.lesson.pk, 0),
            share=(stops.get(status.lesson.pk, 0) * 100) // total if total else 0,
        )
        for module in outline.modules
        for status in module.lessons
        if status.lesson.required
    ]
    if outline.final_test is not None:
        count = stops.get(outline.final_test.pk, 0)
        rows.append(
            StopRow(
                page=outline.final_test,
                module_title="",
                learners=count,
                share=(count * 100) // total if total else 0,
            )
        )
    return CourseReport(summary=summary, stop_rows=rows)
