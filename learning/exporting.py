"""The learner's own learning data for "Download al mijn gegevens" (accounts export).

Reflections are included: they are the learner's own words."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from .models import Enrolment, ExerciseAnswer, FinalTestAttempt, LessonProgress


def learning_data_for_export(user: AbstractBaseUser) -> dict[str, Any]:
    enrolments = Enrolment.objects.filter(user=user).select_related("course", "last_lesson")
    progress = LessonProgress.objects.filter(enrolment__user=user).select_related(
        "enrolment__course", "lesson"
    )
    answers = ExerciseAnswer.objects.filter(user=user).select_related("lesson")
    attempts = FinalTestAttempt.objects.filter(user=user).select_related("course")
    return {
        "enrolments": [
            {
                "course": enrolment.course.title,
                "enrolled_at": enrolment.enrolled_at,
                "completed_at": enrolment.completed_at,
                "last_lesson": enrolment.last_lesson.title if enrolment.last_lesson else None,
            }
            for enrolment in enrolments
        ],
        "completed_lessons": [
            {
                "course": item.enrolment.course.title,
                "lesson": item.lesson.title,
                "completed_at": item.completed_at,
            }
            for item in progress
        ],
        "exercise_answers": [
            {
                "lesson": answer.lesson.title,
                "exercise_id": answer.block_id,
                "exercise_type": answer.block_type,
                "answer": answer.answer,
                "correct": answer.correct,
                "attempts": answer.attempts,
                "submitted_at": answer.submitted_at,
            }
            for answer in answers
        ],
        "final_test_attempts": [
            {
                "course": attempt.course.title,
                "number": attempt.number,
                "score": attempt.score,
                "passed": attempt.passed,
                "answers": attempt.answers,
                "submitted_at": attempt.submitted_at,
            }
            for attempt in attempts
        ],
    }
