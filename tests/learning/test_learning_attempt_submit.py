"""The final test: score, pass mark and the attempts rule."""

import pytest
from django.core.exceptions import ValidationError

from learning.services import attempt_submit, enrolment_create

pytestmark = pytest.mark.django_db

ALL_RIGHT = {"t1": ["t1-good"], "t2": ["t2-a", "t2-b"]}
HALF = {"t1": ["t1-good"], "t2": ["t2-a"]}
NONE_RIGHT = {"t1": ["t1-bad"], "t2": ["t2-c"]}


@pytest.fixture
def enrolled(course, learner):
    return enrolment_create(user=learner, course=course)


def test_score_is_percentage_right_and_pass_mark_is_inclusive(course, learner, enrolled):
    attempt = attempt_submit(user=learner, course=course, answers=HALF)
    assert (attempt.number, attempt.score, attempt.passed) == (1, 50, True)  # pass mark 50


def test_below_the_pass_mark_fails(course, learner, enrolled):
    course.pass_mark = 80
    course.save()
    attempt = attempt_submit(user=learner, course=course, answers=HALF)
    assert (attempt.score, attempt.passed) == (50, False)


def test_attempts_are_limited_with_a_dutch_message(course, learner, enrolled):
    for number in (1, 2, 3):
        assert attempt_submit(user=learner, course=course, answers=NONE_RIGHT).number == number
    with pytest.raises(ValidationError, match="Je hebt alle 3 pogingen"):
        attempt_submit(user=learner, course=course, answers=ALL_RIGHT)


def test_no_attempt_after_passing(course, learner, enrolled):
    attempt_submit(user=learner, course=course, answers=ALL_RIGHT)
    with pytest.raises(ValidationError, match="al geslaagd"):
        attempt_submit(user=learner, course=course, answers=ALL_RIGHT)


def test_every_question_must_be_answered_and_no_attempt_is_used(course, learner, enrolled):
    with pytest.raises(ValidationError) as info:
        attempt_submit(user=learner, course=course, answers={"t1": ["t1-good"]})
    assert info.value.message_dict == {"t2": ["Kies minstens één antwoord."]}
    assert attempt_submit(user=learner, course=course, answers=ALL_RIGHT).number == 1


def test_attempts_are_per_learner(course, learner, other_learner, enrolled):
    enrolment_create(user=other_learner, course=course)
    for _ in range(3):
        attempt_submit(user=learner, course=course, answers=NONE_RIGHT)
    assert attempt_submit(user=other_learner, course=course, answers=ALL_RIGHT).number == 1
