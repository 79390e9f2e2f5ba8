"""Casebook cases inside lessons: the case study shows only live public cases; the case
exercise shows the learner's answer beside the real breakthrough after answering."""

import pytest
from wagtail.models import PageViewRestriction

from casebook.factories import CasePageFactory, LawArticleFactory, LawFactory
from learning.factories import LessonPageFactory, case_exercise, case_study
from learning.services import enrolment_create

pytestmark = pytest.mark.django_db


def test_case_study_block_hides_private_and_unpublished_cases(
    client, course, case_index, lessons_of
):
    public = CasePageFactory(parent=case_index, title="Openbare casus")
    private = CasePageFactory(parent=case_index, title="Besloten casus")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = CasePageFactory(parent=case_index, title="Ingetrokken casus")
    draft.unpublish()
    module = lessons_of(course)["De waardendriehoek"].get_parent()
    lesson = LessonPageFactory(
        parent=module, body=[case_study(public.pk), case_study(private.pk), case_study(draft.pk)]
    )
    html = client.get(lesson.url).content.decode()
    assert "Openbare casus" in html
    assert public.breakthrough in html
    assert "Besloten casus" not in html
    assert "Ingetrokken casus" not in html


def test_case_exercise_reveals_the_real_breakthrough_beside_mine(
    client, course, case_index, learner, lessons_of
):
    law = LawFactory(name="Participatiewet")
    article = LawArticleFactory(law=law, article="35")
    case = CasePageFactory(
        parent=case_index,
        breakthrough="De gemeente betaalt de medicijnen uit bijzondere bijstand.",
        legal_bases=[(law, article, "Individuele bijzondere bijstand")],
    )
    module = lessons_of(course)["De waardendriehoek"].get_parent()
    lesson = LessonPageFactory(parent=module, body=[case_exercise(case.pk, id="case")])
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert case.situation in html
    assert "uit bijzondere bijstand" not in html  # not before answering
    assert f'value="article:{article.pk}"' in html
    client.post(
        lesson.url,
        {
            "action": "answer",
            "block_id": "case",
            "breakthrough": "Mijn voorstel: huur betalen",
            "legal_basis": [f"article:{article.pk}"],
        },
    )
    html = client.get(lesson.url).content.decode()
    assert "Mijn voorstel: huur betalen" in html
    assert "uit bijzondere bijstand" in html
    assert "Individuele bijzondere bijstand" in html


def test_case_exercise_hides_private_and_unpublished_cases_and_does_not_block_the_lesson(
    client, course, case_index, learner, lessons_of
):
    from learning.services import lesson_complete

    private = CasePageFactory(
        parent=case_index, title="Besloten casus", situation="Een besloten situatieschets."
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = CasePageFactory(
        parent=case_index, title="Ingetrokken casus", situation="Een ingetrokken situatie."
    )
    draft.unpublish()
    module = lessons_of(course)["De waardendriehoek"].get_parent()
    lesson = LessonPageFactory(
        parent=module,
        body=[case_exercise(private.pk, id="private"), case_exercise(draft.pk, id="draft")],
    )

    html = client.get(lesson.url).content.decode()  # anonymous
    for hidden in ("Besloten casus", "Een besloten situatieschets", "Ingetrokken casus"):
        assert hidden not in html
    assert "niet beschikbaar" in html

    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert "Een besloten situatieschets" not in html
    assert private.breakthrough not in html
    response = client.post(
        lesson.url, {"action": "answer", "block_id": "private", "breakthrough": "x"}
    )
    assert private.breakthrough not in response.content.decode()
    # The unavailable exercises do not keep the lesson open.
    assert lesson_complete(user=learner, lesson=lesson).completed_at is not None
