"""What learners and visitors see: the catalogue, course outlines and progress.

Progress arithmetic: one definition (`CourseProgress`), used by the course, module and
lesson pages, the dashboard, the catalogue, the team view, its CSV and the course report:
- only required lessons and the final test count; optional lessons never do (they are
  shown, labelled "optioneel", with their tick, but add nothing to any figure);
- a module: completed required lessons / live required lessons of the module;
- a course: "steps" are its required lessons plus the final test (when it has a live
  one); done steps are completed required lessons plus a passed test. Percentages are
  rounded down, so 100% only shows when everything is done.
- "Verder waar je gebleven was": the next *required* step: the required lesson the
  learner last worked in while it is still incomplete, else the first incomplete
  required lesson after it (wrapping round), else the final test if not passed.

Outlines and progress for many courses load in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from hashlib import sha256
from operator import or_
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from casebook.models import Law
from portal.core.page_cache import page_tree_cached

from .blocks import CHOICE_BLOCK_TYPES, EXERCISE_BLOCK_TYPES
from .exercises import choice_options, course_for_page, lesson_missing_exercises
from .final_test_review import attempt_review, review_visible
from .models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    ExerciseAnswer,
    FinalTestAttempt,
    FinalTestPage,
    LessonPage,
    LessonProgress,
    ModulePage,
    PracticePlan,
    PracticePlanStatus,
)
from .models.courses import ReviewMode


def percent(done: int, total: int) -> int:
    """Whole percent, rounded down; 0 of 0 is 0."""
    return (done * 100) // total if total else 0


@dataclass
class LessonStatus:
    lesson: LessonPage
    done: bool = False


@dataclass
class ModuleProgress:
    module: ModulePage
    lessons: list[LessonStatus] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Required lessons only: optional ones never count."""
        return sum(1 for status in self.lessons if status.lesson.required)

    @property
    def done(self) -> int:
        return sum(1 for status in self.lessons if status.lesson.required and status.done)

    @property
    def is_complete(self) -> bool:
        return self.done == self.total

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)


@dataclass
class CourseProgress:
    course: CoursePage
    modules: list[ModuleProgress]
    final_test: FinalTestPage | None
    enrolment: Enrolment | None = None
    attempts: list[FinalTestAttempt] = field(default_factory=list)

    @property
    def lessons(self) -> list[LessonStatus]:
        return [status for module in self.modules for status in module.lessons]

    @property
    def required_total(self) -> int:
        return sum(1 for status in self.lessons if status.lesson.required)

    @property
    def required_done(self) -> int:
        return sum(1 for status in self.lessons if status.lesson.required and status.done)

    @property
    def passed(self) -> bool:
        return any(attempt.passed for attempt in self.attempts)

    @property
    def best_score(self) -> int | None:
        return max((attempt.score for attempt in self.attempts), default=None)

    @property
    def attempts_left(self) -> int:
        if self.passed:
            return 0
        return max(self.course.max_attempts - len(self.attempts), 0)

    @property
    def steps_total(self) -> int:
        return self.required_total + (1 if self.final_test else 0)

    @property
    def steps_done(self) -> int:
        return self.required_done + (1 if self.final_test and self.passed else 0)

    @property
    def percent(self) -> int:
        return percent(self.steps_done, self.steps_total)

    @property
    def is_complete(self) -> bool:
        return (
            self.steps_total > 0
            and self.required_done == self.required_total
            and (self.final_test is None or self.passed)
        )

    @property
    def total_minutes(self) -> int:
        return sum(status.lesson.estimated_minutes for status in self.lessons)

    @property
    def next_lesson(self) -> LessonPage | None:
        """ "Verder waar je gebleven was": the required lesson last worked in while it is
        still open, else the first open required lesson after it (wrapping round); None
        when only the test is left or everything is done. Optional lessons never."""
        statuses = self.lessons
        last_id = self.enrolment.last_lesson_id if self.enrolment else None
        start = next((i for i, s in enumerate(statuses) if s.lesson.pk == last_id), 0)
        for status in statuses[start:] + statuses[:start]:
            if status.lesson.required and not status.done:
                return status.lesson
        return None

    @property
    def continue_page(self):
        """Where "Verder" leads: the next lesson, else the final test while not passed."""
        lesson = self.next_lesson
        if lesson is not None:
            return lesson
        if self.final_test is not None and not self.passed and self.attempts_left:
            return self.final_test
        return None


@dataclass(frozen=True)
class PagerLink:
    """One "Vorige" or "Volgende" button: where it leads and what it says."""

    page: Any
    label: str


def course_pager(
    *, progress: CourseProgress, page: Any
) -> tuple[PagerLink | None, PagerLink | None]:
    """ "Vorige" and "Volgende" for a module, lesson or final-test page, through the
    course in order: course → each module's lessons (optional ones too) → final test.
    A module page leads on to its first lesson and back to the lesson before it; the
    last lesson leads to the final test; the final test back to the last lesson."""
    sequence: list[tuple[Any, str]] = []
    for module in progress.modules:
        sequence.extend((status.lesson, "lesson") for status in module.lessons)
    if progress.final_test is not None:
        sequence.append((progress.final_test, "test"))
    course_link = PagerLink(page=progress.course, label=_("Cursusoverzicht"))

    def link(item: tuple[Any, str]) -> PagerLink:
        target, kind = item
        label = _("Eindtoets") if kind == "test" else target.title
        return PagerLink(page=target, label=label)

    if isinstance(page, ModulePage):
        module = next((m for m in progress.modules if m.module.pk == page.pk), None)
        if module is None or not module.lessons:
            return course_link, None
        first = next(
            i for i, item in enumerate(sequence) if item[0].pk == module.lessons[0].lesson.pk
        )
        previous = link(sequence[first - 1]) if first else course_link
        return previous, link(sequence[first])
    index = next((i for i, item in enumerate(sequence) if item[0].pk == page.pk), None)
    if index is None:
        return course_link, None
    previous = link(sequence[index - 1]) if index else course_link
    following = link(sequence[index + 1]) if index + 1 < len(sequence) else None
    return previous, following


def course_list_live(*, index: CourseIndexPage) -> QuerySet[CoursePage]:
    """Live, public courses of the catalogue, in the editors' order."""
    return CoursePage.objects.child_of(index).live().public().order_by("path")


def catalogue_courses() -> QuerySet[CoursePage]:
    """Every live, public course of the catalogue(s), in the editors' order: what a
    newcomer's dashboard offers."""
    return CoursePage.objects.live().public().order_by("path")


@dataclass(frozen=True)
class CatalogueStatus:
    """A learner's own status for one course in the catalogue."""

    state: str  # "not_started", "in_progress" or "completed"
    percent: int = 0

    @property
    def label(self) -> str:
        if self.state == "completed":
            return _("Afgerond")
        if self.state == "in_progress":
            return _("Bezig: %(percent)s%%") % {"percent": self.percent}
        return _("Niet gestart")


def catalogue_statuses(
    *, user: AbstractBaseUser, courses: list[CoursePage]
) -> dict[int, CatalogueStatus]:
    """The learner's status per course (keyed by course id), by the one definition of
    progress, in a fixed number of queries; empty for a visitor. Not enrolled is "not
    started"; enrolled is "in progress" with its percent until the course is complete."""
    if not user.is_authenticated or not courses:
        return {}
    enrolments = list(
        Enrolment.objects.filter(user=user, course_id__in=[course.pk for course in courses])
    )
    progress = course_progress_many(courses=courses, user=user, enrolments=enrolments)
    statuses = {}
    for course in courses:
        item = progress.get(course.pk)
        if item is None or item.enrolment is None:
            statuses[course.pk] = CatalogueStatus("not_started")
        elif item.is_complete or item.enrolment.completed_at is not None:
            statuses[course.pk] = CatalogueStatus("completed", 100)
        else:
            statuses[course.pk] = CatalogueStatus("in_progress", item.percent)
    return statuses


def _path_filter(courses: Iterable[CoursePage]) -> Q | None:
    clauses = [Q(path__startswith=course.path) for course in courses]
    return reduce(or_, clauses) if clauses else None


def _outline_pages(
    *, courses: list[CoursePage], where: Q, cached: bool
) -> tuple[list[ModulePage], list[LessonPage], list[FinalTestPage]]:
    """The live modules, lessons and final tests under `courses`, in tree order: three
    queries, or none from the page-tree cache (portal.core.page_cache) when `cached`."""

    def build() -> tuple[list[ModulePage], list[LessonPage], list[FinalTestPage]]:
        return (
            list(ModulePage.objects.live().filter(where).order_by("path")),
            list(LessonPage.objects.live().filter(where).defer("body").order_by("path")),
            list(FinalTestPage.objects.live().filter(where).defer("questions").order_by("path")),
        )

    if not cached:
        return build()
    ids = ",".join(f"{course.pk}:{course.path}" for course in courses)
    return page_tree_cached(f"course-outline:{sha256(ids.encode()).hexdigest()}", build)


def course_progress_many(
    *,
    courses: list[CoursePage],
    user: AbstractBaseUser | None = None,
    enrolments: Iterable[Enrolment] = (),
    outline_cache: bool = False,
) -> dict[int, CourseProgress]:
    """Outline and progress of each course, keyed by course id, in a fixed number of
    queries (modules, lessons, tests; and, for a learner, progress and attempts).
    `outline_cache`: take the outline from the page-tree cache (pages that show it);
    rules that decide something (completion) read the tree itself."""
    where = _path_filter(courses)
    if where is None:
        return {}
    by_course_id = {
        course.pk: CourseProgress(course=course, modules=[], final_test=None) for course in courses
    }
    by_path = {course.path: by_course_id[course.pk] for course in courses}
    steplen = CoursePage.steplen
    module_pages, lesson_pages, test_pages = _outline_pages(
        courses=courses, where=where, cached=outline_cache
    )
    modules: dict[str, ModuleProgress] = {}
    for module in module_pages:
        progress = by_path.get(module.path[:-steplen])
        if progress is not None:
            modules[module.path] = ModuleProgress(module=module)
            progress.modules.append(modules[module.path])
    lesson_statuses: dict[int, list[LessonStatus]] = {}
    for lesson in lesson_pages:
        module_progress = modules.get(lesson.path[:-steplen])
        if module_progress is not None:
            status = LessonStatus(lesson=lesson)
            module_progress.lessons.append(status)
            lesson_statuses.setdefault(lesson.pk, []).append(status)
    for test in test_pages:
        progress = by_path.get(test.path[:-steplen])
        if progress is not None and progress.final_test is None:
            progress.final_test = test
    enrolments = [e for e in enrolments if e.course_id in by_course_id]
    if user is not None and user.is_authenticated and enrolments:
        for enrolment in enrolments:
            by_course_id[enrolment.course_id].enrolment = enrolment
        done = set(
            LessonProgress.objects.filter(enrolment__in=enrolments).values_list(
                "enrolment__course_id", "lesson_id"
            )
        )
        for course_id, progress in by_course_id.items():
            for status in progress.lessons:
                status.done = (course_id, status.lesson.pk) in done
        for attempt in FinalTestAttempt.objects.filter(
            user=user, course_id__in=list(by_course_id)
        ).order_by("number"):
            by_course_id[attempt.course_id].attempts.append(attempt)
    return by_course_id


def enrolment_get(*, user: AbstractBaseUser, course: CoursePage) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def course_progress(*, course: CoursePage, user: AbstractBaseUser | None = None) -> CourseProgress:
    """One course's outline (from the page-tree cache) and the learner's progress: what
    the course, module, lesson and final-test pages show."""
    enrolment = enrolment_get(user=user, course=course) if user is not None else None
    enrolments = [enrolment] if enrolment else []
    return course_progress_many(
        courses=[course], user=user, enrolments=enrolments, outline_cache=True
    )[course.pk]


def course_of_page(*, page: Any) -> CoursePage | None:
    """The course a module, lesson or final test belongs to, for showing the page: from
    the page-tree cache (one query when the tree has changed)."""
    return page_tree_cached(f"course-of:{page.path}", lambda: course_for_page(page=page))


def course_is_complete(*, enrolment: Enrolment) -> bool:
    """Complete when every required live lesson is done and the final test (if the
    course has a live one) is passed."""
    course = enrolment.course
    progress = course_progress_many(courses=[course], user=enrolment.user, enrolments=[enrolment])
    return progress[course.pk].is_complete


def learner_dashboard(*, user: AbstractBaseUser) -> list[CourseProgress]:
    """ "Mijn leeromgeving": every course the learner is enrolled in, newest first, with
    progress; a fixed number of queries however many courses and lessons."""
    enrolments = list(
        Enrolment.objects.filter(user=user, course__live=True)
        .select_related("course", "last_lesson")
        .order_by("-enrolled_at")
    )
    progress = course_progress_many(
        courses=[enrolment.course for enrolment in enrolments], user=user, enrolments=enrolments
    )
    return [progress[enrolment.course_id] for enrolment in enrolments]


def learner_answers(*, user: AbstractBaseUser, lesson: LessonPage) -> dict[str, ExerciseAnswer]:
    """The learner's own answers in a lesson, by block id. Never anyone else's."""
    if not user.is_authenticated:
        return {}
    return {a.block_id: a for a in ExerciseAnswer.objects.filter(user=user, lesson=lesson)}


def learner_practice_plans(
    *, user: AbstractBaseUser, lesson: LessonPage
) -> dict[str, PracticePlan]:
    """The learner's own practice plans started from the lesson's assignments, by
    assignment block id, in one query (none when the lesson has no assignment). Of
    several plans for one assignment, a completed one counts first, then the newest."""
    if not user.is_authenticated:
        return {}
    block_ids = [child.id for child in lesson.body if child.block_type == "practice_plan"]
    if not block_ids:
        return {}
    plans: dict[str, PracticePlan] = {}
    for plan in PracticePlan.objects.filter(
        owner=user, lesson=lesson, assignment_block_id__in=block_ids
    ).order_by("-updated_at", "-pk"):
        chosen = plans.get(plan.assignment_block_id)
        if chosen is None or (
            plan.status == PracticePlanStatus.COMPLETED
            and chosen.status != PracticePlanStatus.COMPLETED
        ):
            plans[plan.assignment_block_id] = plan
    return plans


# --------------------------------------------------------------------- page contexts


def course_page_context(*, course: CoursePage, user: AbstractBaseUser) -> dict[str, Any]:
    progress = course_progress(course=course, user=user)
    return {"progress": progress, "enrolment": progress.enrolment}


def module_page_context(*, module: ModulePage, user: AbstractBaseUser) -> dict[str, Any]:
    course = course_of_page(page=module)
    if course is None:
        return {"course": None, "progress": None, "module_progress": None}
    progress = course_progress(course=course, user=user)
    module_progress = next((m for m in progress.modules if m.module.pk == module.pk), None)
    pager_previous, pager_next = course_pager(progress=progress, page=module)
    return {
        "course": course,
        "progress": progress,
        "module_progress": module_progress,
        "pager_previous": pager_previous,
        "pager_next": pager_next,
    }


@dataclass
class OptionRow:
    id: str
    text: str
    is_correct: bool
    feedback: str
    selected: bool


@dataclass
class ExerciseState:
    """What a learner sees of one exercise: their own answer, feedback and errors."""

    block_id: str
    block_type: str
    answer: ExerciseAnswer | None
    options: list[OptionRow] = field(default_factory=list)
    text: str = ""
    breakthrough: str = ""
    chosen_bases: set[str] = field(default_factory=set)
    error: str = ""

    @property
    def answered(self) -> bool:
        return self.answer is not None

    @property
    def show_feedback(self) -> bool:
        return self.answer is not None and not self.error


def _exercise_states(
    *,
    lesson: LessonPage,
    answers: dict[str, ExerciseAnswer],
    form_error: dict[str, Any] | None,
) -> dict[str, ExerciseState]:

    states = {}
    error_block = (form_error or {}).get("block_id")
    for child in lesson.body:
        if child.block_type not in EXERCISE_BLOCK_TYPES:
            continue
        answer = answers.get(child.id)
        stored = answer.answer if answer else {}
        if child.id == error_block:
            stored = form_error.get("posted", {})  # keep what the learner typed or chose
        state = ExerciseState(block_id=child.id, block_type=child.block_type, answer=answer)
        if child.id == error_block:
            state.error = form_error.get("message", "")
        if child.block_type in CHOICE_BLOCK_TYPES:
            chosen = set(stored.get("options") or [])
            state.options = [
                OptionRow(o.id, o.text, o.is_correct, o.feedback, o.id in chosen)
                for o in choice_options(value=child.value)
            ]
        elif child.block_type == "reflection_question":
            state.text = stored.get("text", "")
        else:
            state.breakthrough = stored.get("breakthrough", "")
            state.chosen_bases = {
                item["id"] if isinstance(item, dict) else str(item)
                for item in stored.get("legal_bases") or []
            }
        states[child.id] = state
    return states


@dataclass(frozen=True)
class MissingExercise:
    """A required exercise or assignment that keeps "Les afronden" shut, as a link."""

    anchor: str
    label: str
    reason: str


def _missing_links(*, lesson: LessonPage, missing: list[tuple[str, str]]) -> list[MissingExercise]:
    blocks = {child.id: child for child in lesson.body}
    links = []
    for block_id, reason in missing:
        child = blocks.get(block_id)
        if child is None:
            continue
        if child.block_type == "practice_plan":
            links.append(MissingExercise(f"opdracht-{block_id}", _("Oefenplan"), reason))
            continue
        if child.block_type == "case_exercise":
            label = _("Casusopdracht")
        else:
            label = str(child.value.get("question") or "")
        links.append(MissingExercise(f"oefening-{block_id}", label or _("Oefening"), reason))
    return links


def lesson_page_context(
    *, lesson: LessonPage, user: AbstractBaseUser, form_error: dict[str, Any] | None = None
) -> dict[str, Any]:

    course = course_of_page(page=lesson)
    progress = course_progress(course=course, user=user) if course else None
    enrolment = progress.enrolment if progress else None
    answers = learner_answers(user=user, lesson=lesson) if enrolment else {}
    plans = learner_practice_plans(user=user, lesson=lesson)
    statuses = progress.lessons if progress else []
    index = next((i for i, s in enumerate(statuses) if s.lesson.pk == lesson.pk), None)
    pager_previous, pager_next = (
        course_pager(progress=progress, page=lesson) if progress else (None, None)
    )
    has_case_exercise = any(child.block_type == "case_exercise" for child in lesson.body)
    missing = lesson_missing_exercises(lesson=lesson, answers=answers, plans=plans)
    return {
        "course": course,
        "progress": progress,
        "enrolment": enrolment,
        "module_progress": next(
            (m for m in progress.modules if any(s.lesson.pk == lesson.pk for s in m.lessons)),
            None,
        )
        if progress
        else None,
        "lesson_done": bool(index is not None and statuses[index].done),
        "pager_previous": pager_previous,
        "pager_next": pager_next,
        "exercise_states": _exercise_states(lesson=lesson, answers=answers, form_error=form_error)
        if enrolment
        else {},
        "missing_exercises": missing,
        "missing_links": _missing_links(lesson=lesson, missing=missing),
        "practice_plans": plans,
        "complete_error": (form_error or {}).get("complete", ""),
        "laws": legal_basis_choices() if has_case_exercise else [],
    }


def legal_basis_choices() -> list[dict[str, Any]]:
    """Every law with its articles, as checkbox choices ("law:<id>", "article:<id>")."""
    return [
        {
            "token": f"law:{law.pk}",
            "label": law.name,
            "articles": [
                {
                    "token": f"article:{article.pk}",
                    "label": f"{law.name}, artikel {article.article}"
                    + (f" ({article.title})" if article.title else ""),
                }
                for article in law.articles.all()
            ],
        }
        for law in Law.objects.prefetch_related("articles")
    ]


def final_test_page_context(
    *, test: FinalTestPage, user: AbstractBaseUser, form_error: dict[str, Any] | None = None
) -> dict[str, Any]:

    course = course_of_page(page=test)
    progress = course_progress(course=course, user=user) if course else None
    errors = (form_error or {}).get("errors", {})
    posted = (form_error or {}).get("posted", {})
    questions = [
        {
            "id": child.id,
            "block_type": child.block_type,
            "question": child.value["question"],
            "error": errors.get(child.id, ""),
            "options": [
                OptionRow(o.id, o.text, False, "", o.id in set(posted.get(child.id, [])))
                for o in choice_options(value=child.value)
            ],
        }
        for child in test.questions
    ]
    pager_previous, pager_next = (
        course_pager(progress=progress, page=test) if progress else (None, None)
    )
    attempts = progress.attempts if progress and progress.enrolment else []
    show_review = bool(attempts) and review_visible(test=test, passed=progress.passed)
    return {
        "reviews": [
            {"attempt": attempt, "questions": attempt_review(test=test, attempt=attempt)}
            for attempt in reversed(attempts)
        ]
        if show_review
        else [],
        "review_after_passing": bool(attempts)
        and not show_review
        and test.review_mode == ReviewMode.AFTER_PASSING,
        "course": course,
        "progress": progress,
        "pager_previous": pager_previous,
        "pager_next": pager_next,
        "enrolment": progress.enrolment if progress else None,
        "questions": questions,
        "test_error": (form_error or {}).get("message", ""),
        "last_attempt": progress.attempts[-1] if progress and progress.attempts else None,
    }
