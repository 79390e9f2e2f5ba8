"""A lesson is complete when its required exercises are answered, choice questions
correctly (retries allowed); a course when its required lessons and the test are done."""

import pytest
from django.core.exceptions import ValidationError

from learning.models import Enrolment, LessonProgress
from learning.services import answer_submit, attempt_submit, enrolment_create, lesson_complete

pytestmark = pytest.mark.django_db


def test_lesson_stays_open_until_required_exercises_are_right(course, learner, lessons_of):
    enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)["Wat is een doorbraak"]
    with pytest.raises(ValidationError, match="nog 3 oefeningen"):
        lesson_complete(user=learner, lesson=lesson)
    answer_submit(user=learner, lesson=lesson, block_id="single", answer={"options": ["s-wrong"]})
    answer_submit(
        user=learner, lesson=lesson, block_id="multi", answer={"options": ["m-leg", "m-bet"]}
    )
    answer_submit(user=learner, lesson=lesson, block_id="reflect", answer={"text": "Iets"})
    with pytest.raises(ValidationError, match="nog 1 oefening niet"):
        lesson_complete(user=learner, lesson=lesson)  # the single choice is still wrong
    answer_submit(user=learner, lesson=lesson, block_id="single", answer={"options": ["s-right"]})
    progress = lesson_complete(user=learner, lesson=lesson)  # the optional one is not needed
    assert progress.completed_at is not None
    assert lesson_complete(user=learner, lesson=lesson).pk == progress.pk  # idempotent


def test_a_lesson_without_exercises_completes_at_once(course, learner, lessons_of):
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)["De waardendriehoek"])
    assert LessonProgress.objects.filter(enrolment__user=learner).count() == 1


def test_not_enrolled_cannot_complete(course, learner, lessons_of):
    with pytest.raises(ValidationError, match="Schrijf je eerst in"):
        lesson_complete(user=learner, lesson=lessons_of(course)["De waardendriehoek"])


def _finish_required_lessons(learner, course, lessons_of):
    lessons = lessons_of(course)
    lesson = lessons["Wat is een doorbraak"]
    answer_submit(user=learner, lesson=lesson, block_id="single", answer={"options": ["s-right"]})
    answer_submit(
        user=learner, lesson=lesson, block_id="multi", answer={"options": ["m-leg", "m-bet"]}
    )
    answer_submit(user=learner, lesson=lesson, block_id="reflect", answer={"text": "Iets"})
    for title in ("Wat is een doorbraak", "De waardendriehoek", "Cocktails herkennen"):
        lesson_complete(user=learner, lesson=lessons[title])


def test_course_completes_with_required_lessons_and_a_passed_test(course, learner, lessons_of):
    enrolment = enrolment_create(user=learner, course=course)
    _finish_required_lessons(learner, course, lessons_of)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None  # the final test is still open
    attempt_submit(user=learner, course=course, answers={"t1": ["t1-good"], "t2": ["t2-a", "t2-b"]})
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_passing_the_test_before_the_lessons_does_not_complete(course, learner, lessons_of):
    enrolment_create(user=learner, course=course)
    attempt_submit(user=learner, course=course, answers={"t1": ["t1-good"], "t2": ["t2-a", "t2-b"]})
    assert Enrolment.objects.get(user=learner).completed_at is None
    _finish_required_lessons(learner, course, lessons_of)
    assert Enrolment.objects.get(user=learner).completed_at is not None
