"""The exercises of a lesson, read: a choice block's options, the required exercises and
practice-plan assignments that still keep a lesson open, and the course a page is in.
Shared by the learning rules that write (services) and those that read (selectors)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .blocks import CHOICE_BLOCK_TYPES, EXERCISE_BLOCK_TYPES
from .models import CoursePage, ExerciseAnswer, LessonPage, PracticePlan, PracticePlanStatus

__all__ = ["ChoiceOption", "choice_options", "course_for_page", "lesson_missing_exercises"]


@dataclass(frozen=True)
class ChoiceOption:
    id: str
    text: str
    is_correct: bool
    feedback: str


def choice_options(*, value: Any) -> list[ChoiceOption]:
    """The options of a choice block value, each with its stable ListBlock item id."""
    return [
        ChoiceOption(
            id=str(item.id),
            text=item.value["text"],
            is_correct=bool(item.value["is_correct"]),
            feedback=item.value["feedback"],
        )
        for item in value["options"].bound_blocks
    ]


def course_for_page(*, page) -> CoursePage | None:
    return CoursePage.objects.ancestor_of(page).first()


def lesson_missing_exercises(
    *,
    lesson: LessonPage,
    answers: Mapping[str, ExerciseAnswer],
    plans: Mapping[str, PracticePlan] | None = None,
) -> list[tuple[str, str]]:
    """(block id, reason) for each required exercise or practice-plan assignment that
    still keeps the lesson open. `plans` are the learner's practice plans of this lesson
    by assignment block id (see `selectors.learner_practice_plans`)."""
    plans = plans or {}
    missing = []
    for child in lesson.body:
        if child.block_type == "practice_plan":
            if child.value.get("required") and not _assignment_done(child, plans):
                missing.append((child.id, _("oefenplan nog niet afgerond")))
            continue
        if child.block_type not in EXERCISE_BLOCK_TYPES or not child.value.get("required"):
            continue
        if child.block_type == "case_exercise" and child.value.visible_case() is None:
            continue  # its case was unpublished or restricted: it cannot be done now
        answer = answers.get(child.id)
        if answer is None:
            missing.append((child.id, _("nog niet beantwoord")))
        elif child.block_type in CHOICE_BLOCK_TYPES and not answer.correct:
            missing.append((child.id, _("nog niet goed beantwoord")))
    return missing


def _assignment_done(child, plans: Mapping[str, PracticePlan]) -> bool:
    plan = plans.get(child.id)
    if plan is not None and plan.status == PracticePlanStatus.COMPLETED:
        return True
    # A template that is no longer visible cannot be practised: the assignment is void.
    return child.value.current_template() is None
