"""Scoring of each exercise type (services.answer_submit)."""

import pytest
from django.core.exceptions import ValidationError

from casebook.factories import (
    CaseIndexPageFactory,
    CasePageFactory,
    LawArticleFactory,
    LawFactory,
)
from learning.factories import LessonPageFactory, case_exercise
from learning.models import Enrolment, ExerciseAnswer
from learning.services import answer_submit, enrolment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(course, learner, lessons_of):
    enrolment_create(user=learner, course=course)
    return lessons_of(course)["Wat is een doorbraak"]


def test_single_choice_right_and_wrong(learner, lesson):
    wrong = answer_submit(
        user=learner, lesson=lesson, block_id="single", answer={"options": ["s-wrong"]}
    )
    assert wrong.correct is False
    right = answer_submit(
        user=learner, lesson=lesson, block_id="single", answer={"options": ["s-right"]}
    )
    assert right.correct is True
    assert right.attempts == 2  # one row, the newest answer counts
    assert ExerciseAnswer.objects.filter(user=learner).count() == 1


def test_single_choice_refuses_two_options_or_none(learner, lesson):
    with pytest.raises(ValidationError, match="Kies één antwoord"):
        answer_submit(
            user=learner,
            lesson=lesson,
            block_id="single",
            answer={"options": ["s-wrong", "s-right"]},
        )
    with pytest.raises(ValidationError, match="Kies een antwoord"):
        answer_submit(user=learner, lesson=lesson, block_id="single", answer={"options": []})


@pytest.mark.parametrize(
    ("chosen", "correct"),
    [
        (["m-leg", "m-bet"], True),
        (["m-leg"], False),  # not all correct options
        (["m-leg", "m-bet", "m-snel"], False),  # a wrong one too
        (["m-snel"], False),
    ],
)
def test_multiple_choice_needs_all_and_only_the_correct_options(learner, lesson, chosen, correct):
    answer = answer_submit(
        user=learner, lesson=lesson, block_id="multi", answer={"options": chosen}
    )
    assert answer.correct is correct


def test_unknown_option_or_block_is_refused(learner, lesson):
    with pytest.raises(ValidationError, match="hoort niet bij de vraag"):
        answer_submit(user=learner, lesson=lesson, block_id="multi", answer={"options": ["x"]})
    with pytest.raises(ValidationError, match="bestaat niet"):
        answer_submit(user=learner, lesson=lesson, block_id="nope", answer={"options": ["x"]})


def test_reflection_is_stored_without_a_verdict(learner, lesson):
    answer = answer_submit(
        user=learner, lesson=lesson, block_id="reflect", answer={"text": "  Mijn eigen casus.  "}
    )
    assert answer.correct is None
    assert answer.answer == {"text": "Mijn eigen casus."}
    with pytest.raises(ValidationError, match="Schrijf je antwoord op"):
        answer_submit(user=learner, lesson=lesson, block_id="reflect", answer={"text": "   "})


def test_case_exercise_is_stored_with_labels_and_not_judged(learner, course, lesson):
    law = LawFactory(name="Participatiewet")
    article = LawArticleFactory(law=law, article="35")
    case_index = CaseIndexPageFactory(parent=course.get_parent().get_parent())
    case = CasePageFactory(parent=case_index, legal_bases=[(law, article, "Bijzondere bijstand")])
    module = lesson.get_parent()
    case_lesson = LessonPageFactory(parent=module, body=[case_exercise(case.pk, id="case")])
    answer = answer_submit(
        user=learner,
        lesson=case_lesson,
        block_id="case",
        answer={
            "breakthrough": "Eenmalig de huur betalen",
            "legal_bases": [f"article:{article.pk}"],
        },
    )
    assert answer.correct is None
    assert answer.answer["legal_bases"] == [
        {"id": f"article:{article.pk}", "label": "Participatiewet art. 35"}
    ]
    with pytest.raises(ValidationError, match="minstens één wettelijke grondslag"):
        answer_submit(
            user=learner, lesson=case_lesson, block_id="case", answer={"breakthrough": "Iets"}
        )
    with pytest.raises(ValidationError, match="bestaat niet"):
        answer_submit(
            user=learner,
            lesson=case_lesson,
            block_id="case",
            answer={"breakthrough": "Iets", "legal_bases": ["law:999999"]},
        )


def test_only_enrolled_learners_can_answer(course, other_learner, lessons_of):
    lesson = lessons_of(course)["Wat is een doorbraak"]
    with pytest.raises(ValidationError, match="Schrijf je eerst in"):
        answer_submit(
            user=other_learner, lesson=lesson, block_id="single", answer={"options": ["s-right"]}
        )


def test_answering_remembers_the_last_lesson(learner, course, lesson):
    answer_submit(user=learner, lesson=lesson, block_id="single", answer={"options": ["s-right"]})
    assert Enrolment.objects.get(user=learner, course=course).last_lesson_id == lesson.pk


def test_a_reflection_with_personal_data_is_refused_and_nothing_is_stored(learner, lesson):
    with pytest.raises(ValidationError) as caught:
        answer_submit(
            user=learner,
            lesson=lesson,
            block_id="reflect",
            answer={"text": "Mevrouw Jansen, BSN 123456782, had geen inkomen meer."},
        )
    message = caught.value.messages[0]
    assert "een naam (“Mevrouw Jansen”)" in message
    assert "een BSN (“123456782”)" in message
    assert not ExerciseAnswer.objects.filter(user=learner, block_id="reflect").exists()


def test_a_first_name_pseudonym_in_a_reflection_is_fine(learner, lesson):
    answer = answer_submit(
        user=learner,
        lesson=lesson,
        block_id="reflect",
        answer={"text": "Het gezin van Fatima had € 2.400,00 schuld; moeder Anouk zocht werk."},
    )
    assert answer.answer["text"].startswith("Het gezin van Fatima")
