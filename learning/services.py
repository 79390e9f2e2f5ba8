"""The rules of the learning environment: enrolling, answering, finishing lessons and
taking the final test. Views call these; they raise ValidationError with a Dutch
message the view shows next to the form.

Decisions:
- Choice questions are scored right or wrong: single choice is right when the one
  chosen option is correct; multiple choice only when exactly the correct options are
  chosen (all of them and none else). A learner may answer again; the newest answer counts.
- A lesson is complete when every required exercise is answered, and every required
  choice question is answered correctly (retries are allowed, so wrong-then-right
  passes). Reflections and case exercises count once answered: they are not judged.
  A required practice-plan assignment counts once the learner has completed a practice
  plan started from that assignment (same lesson and block id); an assignment whose
  template is no longer visible cannot be done and does not count.
- The final test: every question must be answered; the score is the percentage of
  right answers, rounded down; passed when it reaches the course's pass mark. At most
  `max_attempts` attempts, and none after passing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casebook.models import Law, LawArticle
from portal.anonymisation.policy import PERSONAL_DATA
from portal.anonymisation.validation import personal_data_errors

from .blocks import CHOICE_BLOCK_TYPES, EXERCISE_BLOCK_TYPES
from .certificates import certificate_issue_if_complete
from .exercises import choice_options, course_for_page, lesson_missing_exercises
from .models import (
    CoursePage,
    Enrolment,
    ExerciseAnswer,
    FinalTestAttempt,
    FinalTestPage,
    LessonPage,
    LessonProgress,
)
from .selectors import course_is_complete, learner_practice_plans

MAX_TEXT_LENGTH = 5000


def exercise_block_get(*, lesson: LessonPage, block_id: str):
    """The exercise block with this id in the lesson's body, or a ValidationError."""
    for child in lesson.body:
        if child.id == block_id and child.block_type in EXERCISE_BLOCK_TYPES:
            if child.block_type == "case_exercise" and child.value.visible_case() is None:
                raise ValidationError(_("De casus van deze opdracht is niet (meer) beschikbaar."))
            return child
    raise ValidationError(_("Deze oefening bestaat niet (meer). Laad de les opnieuw."))


def _enrolment_get(*, user: AbstractBaseUser, course: CoursePage | None) -> Enrolment:
    if not user.is_authenticated or course is None:
        raise ValidationError(_("Log in en schrijf je in voor deze cursus om te oefenen."))
    enrolment = Enrolment.objects.filter(user=user, course=course).first()
    if enrolment is None:
        raise ValidationError(_("Schrijf je eerst in voor deze cursus."))
    return enrolment


def enrolment_create(*, user: AbstractBaseUser, course: CoursePage) -> Enrolment:
    """Self-enrolment of a logged-in learner in a live course. Enrolling twice is harmless:
    the existing enrolment is returned."""
    if not user.is_authenticated:
        raise ValidationError(_("Log in om je in te schrijven."))
    if not course.live:
        raise ValidationError(_("Deze cursus is niet beschikbaar."))
    if not Enrolment.objects.filter(user=user, course=course).exists():
        from learning.paths.services import enrolment_check_prerequisites  # noqa: PLC0415

        enrolment_check_prerequisites(user=user, course=course)  # unmet prerequisite: refused
    enrolment, _created = Enrolment.objects.get_or_create(user=user, course=course)
    return enrolment


def _choice_score(*, block_type: str, value: Any, answer: Mapping[str, Any]):
    options = choice_options(value=value)
    known = {option.id for option in options}
    chosen = [str(option_id) for option_id in answer.get("options") or []]
    if not chosen:
        message = (
            _("Kies een antwoord.")
            if block_type == "single_choice"
            else _("Kies minstens één antwoord.")
        )
        raise ValidationError(message)
    if not set(chosen) <= known:
        raise ValidationError(_("Dit antwoord hoort niet bij de vraag. Laad de les opnieuw."))
    if block_type == "single_choice" and len(set(chosen)) != 1:
        raise ValidationError(_("Kies één antwoord."))
    correct_ids = {option.id for option in options if option.is_correct}
    correct = set(chosen) == correct_ids
    ordered = [option.id for option in options if option.id in set(chosen)]
    return {"options": ordered}, correct


def _text(answer: Mapping[str, Any], key: str, *, empty_message: str) -> str:
    text = str(answer.get(key) or "").strip()
    if not text:
        raise ValidationError(empty_message)
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError(
            _("Je antwoord is %(length)s tekens; het mag er hoogstens %(max)s zijn.")
            % {"length": len(text), "max": MAX_TEXT_LENGTH}
        )
    return text


def legal_basis_labels(*, tokens: list[str]) -> dict[str, str]:
    """Labels of legal-basis choices "law:<id>" and "article:<id>" that exist."""
    law_ids, article_ids = set(), set()
    for token in tokens:
        kind, _sep, raw_id = str(token).partition(":")
        if raw_id.isdigit():
            (law_ids if kind == "law" else article_ids if kind == "article" else set()).add(
                int(raw_id)
            )
    labels = {f"law:{law.pk}": law.name for law in Law.objects.filter(pk__in=law_ids)}
    for article in LawArticle.objects.filter(pk__in=article_ids).select_related("law"):
        labels[f"article:{article.pk}"] = str(article)
    return labels


def _case_answer(answer: Mapping[str, Any]) -> dict[str, Any]:
    breakthrough = _text(
        answer, "breakthrough", empty_message=_("Beschrijf de doorbraak die jij zou voorstellen.")
    )
    tokens = list(dict.fromkeys(str(token) for token in answer.get("legal_bases") or []))
    if not tokens:
        raise ValidationError(_("Kies minstens één wettelijke grondslag."))
    labels = legal_basis_labels(tokens=tokens)
    if set(tokens) - set(labels):
        raise ValidationError(_("Een gekozen grondslag bestaat niet (meer). Kies opnieuw."))
    return {
        "breakthrough": breakthrough,
        "legal_bases": [{"id": token, "label": labels[token]} for token in tokens],
    }


def _guard_answer(stored: Mapping[str, Any]) -> None:
    """The guard on what the learner typed (a reflection's text, a case exercise's
    breakthrough): ExerciseAnswer.answer is a guarded field of the one policy."""
    typed = {key: stored[key] for key in ("text", "breakthrough") if stored.get(key)}
    found = personal_data_errors(
        typed,
        labels=dict.fromkeys(typed, _("Je antwoord")),
        reason=_("een antwoord mag niets bevatten waaraan een huishouden te herkennen is"),
    )
    if found:
        messages = [message for field in found.values() for message in field]
        raise ValidationError(" ".join(messages), code=PERSONAL_DATA)


@transaction.atomic
def answer_submit(
    *, user: AbstractBaseUser, lesson: LessonPage, block_id: str, answer: Mapping[str, Any]
) -> ExerciseAnswer:
    """Store (or replace) the learner's answer to one exercise and score it.

    `answer` holds `options` (list of option ids) for choice questions, `text` for a
    reflection, `breakthrough` and `legal_bases` ("law:<id>"/"article:<id>") for a case
    exercise. Reflections and case answers are stored without a verdict (correct=None).
    """
    enrolment = _enrolment_get(user=user, course=course_for_page(page=lesson))
    child = exercise_block_get(lesson=lesson, block_id=block_id)
    correct: bool | None = None
    if child.block_type in CHOICE_BLOCK_TYPES:
        stored, correct = _choice_score(
            block_type=child.block_type, value=child.value, answer=answer
        )
    elif child.block_type == "reflection_question":
        stored = {"text": _text(answer, "text", empty_message=_("Schrijf je antwoord op."))}
    else:
        stored = _case_answer(answer)
    _guard_answer(stored)
    score = None if correct is None else (1 if correct else 0)
    now = timezone.now()
    existing = (
        ExerciseAnswer.objects.select_for_update()
        .filter(user=user, lesson=lesson, block_id=block_id)
        .first()
    )
    if existing is None:
        result = ExerciseAnswer.objects.create(
            user=user,
            lesson=lesson,
            block_id=block_id,
            block_type=child.block_type,
            answer=stored,
            correct=correct,
            score=score,
            submitted_at=now,
        )
    else:
        existing.block_type = child.block_type
        existing.answer = stored
        existing.correct = correct
        existing.score = score
        existing.attempts += 1
        existing.submitted_at = now
        existing.save()
        result = existing
    Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson)
    return result


def _assignment_label(child) -> str:
    template = child.value.current_template() or child.value.get("template")
    instruction = " ".join(str(child.value.get("instruction") or "").split())
    if len(instruction) > 80:
        instruction = instruction[:79].rstrip() + "…"
    if template is not None:
        return _("‘%(instruction)s’ (sjabloon %(template)s)") % {
            "instruction": instruction,
            "template": template.title,
        }
    return _("‘%(instruction)s’") % {"instruction": instruction}


def lesson_missing_message(*, lesson: LessonPage, missing: Sequence[tuple[str, str]]) -> str:
    """The Dutch message for a lesson that cannot be completed yet: how many exercises
    are open, and which practice-plan assignments still need a completed plan."""
    plan_blocks = {child.id: child for child in lesson.body if child.block_type == "practice_plan"}
    open_plans = [plan_blocks[block_id] for block_id, _reason in missing if block_id in plan_blocks]
    count = len(missing) - len(open_plans)
    parts = []
    if count:
        parts.append(
            ngettext(
                "Maak eerst de verplichte oefeningen af: nog %(count)d oefening niet (goed) "
                "beantwoord.",
                "Maak eerst de verplichte oefeningen af: nog %(count)d oefeningen niet (goed) "
                "beantwoord.",
                count,
            )
            % {"count": count}
        )
    if open_plans:
        labels = ", ".join(_assignment_label(child) for child in open_plans)
        parts.append(
            ngettext(
                "Rond eerst je oefenplan af voor de opdracht %(assignments)s.",
                "Rond eerst je oefenplannen af voor de opdrachten %(assignments)s.",
                len(open_plans),
            )
            % {"assignments": labels}
        )
    return " ".join(parts)


@transaction.atomic
def lesson_complete(*, user: AbstractBaseUser, lesson: LessonPage) -> LessonProgress:
    """Mark a lesson complete once its required exercises and practice-plan assignments
    are done (see module doc)."""

    course = course_for_page(page=lesson)
    enrolment = _enrolment_get(user=user, course=course)
    answers = {
        answer.block_id: answer
        for answer in ExerciseAnswer.objects.filter(user=user, lesson=lesson)
    }
    plans = learner_practice_plans(user=user, lesson=lesson)
    missing = lesson_missing_exercises(lesson=lesson, answers=answers, plans=plans)
    if missing:
        raise ValidationError(lesson_missing_message(lesson=lesson, missing=missing))
    progress, _created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"completed_at": timezone.now()}
    )
    enrolment.last_lesson = lesson
    enrolment.save(update_fields=["last_lesson"])
    enrolment_completion_update(enrolment=enrolment)
    return progress


def enrolment_completion_update(*, enrolment: Enrolment) -> Enrolment:
    """Set (or clear) `completed_at` from the course's completion rule."""

    complete = course_is_complete(enrolment=enrolment)
    if complete and enrolment.completed_at is None:
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])

        certificate_issue_if_complete(enrolment=enrolment)
    return enrolment


def final_test_get(*, course: CoursePage) -> FinalTestPage | None:
    return FinalTestPage.objects.live().child_of(course).first()


@transaction.atomic
def attempt_submit(
    *, user: AbstractBaseUser, course: CoursePage, answers: Mapping[str, list[str]]
) -> FinalTestAttempt:
    """Score one attempt at the course's final test.

    `answers` maps each question's block id to the chosen option ids. A missing answer
    raises a ValidationError keyed by block id, so the form can point at the question."""
    enrolment = _enrolment_get(user=user, course=course)
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()  # one at a time
    test = final_test_get(course=course)
    if test is None:
        raise ValidationError(_("Deze cursus heeft geen eindtoets."))
    attempts = list(FinalTestAttempt.objects.filter(user=user, course=course))
    if any(attempt.passed for attempt in attempts):
        raise ValidationError(_("Je bent al geslaagd voor deze eindtoets."))
    if len(attempts) >= course.max_attempts:
        raise ValidationError(
            _(
                "Je hebt alle %(max_attempts)s pogingen voor deze eindtoets gebruikt. Neem "
                "contact op met het IPW als je de toets opnieuw wilt doen."
            )
            % {"max_attempts": course.max_attempts}
        )
    errors: dict[str, str] = {}
    stored: dict[str, list[str]] = {}
    right = 0
    questions = list(test.questions)
    for child in questions:
        try:
            cleaned, correct = _choice_score(
                block_type=child.block_type,
                value=child.value,
                answer={"options": answers.get(child.id) or []},
            )
        except ValidationError as error:
            errors[child.id] = error.messages[0]
            continue
        stored[child.id] = cleaned["options"]
        right += int(correct)
    if errors:
        raise ValidationError(errors)
    total = len(questions)
    score = (right * 100) // total if total else 0
    attempt = FinalTestAttempt.objects.create(
        user=user,
        course=course,
        number=len(attempts) + 1,
        score=score,
        passed=score >= course.pass_mark,
        answers=stored,
    )
    enrolment_completion_update(enrolment=enrolment)
    return attempt
