"""Queries per lesson, module and course page stay few and fixed: the page tree is
found in two queries, privacy and the outline come from the page-tree cache, the menu
and the footer cost nothing once cached (portal.core.page_cache)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from casebook.factories import CasePageFactory
from learning.factories import LessonPageFactory, case_study, option, paragraph, single_choice
from learning.models import LessonPage, ModulePage
from learning.services import enrolment_create, lesson_complete
from portal.core import page_cache

MAX_QUERIES = 14


@pytest.fixture(autouse=True)
def _page_cache_kept(monkeypatch):
    """Counted requests follow the warm-up at once, but a busy machine may take more
    than the process-local cache's ten seconds: keep its values for the test."""
    monkeypatch.setattr(page_cache, "LOCAL_TIMEOUT", 3600)


@pytest.fixture
def realistic_lesson(course, case_index, learner):
    """A lesson with text, a case study and an exercise, in the course's first module,
    for an enrolled learner who finished the lesson before it."""
    case = CasePageFactory(parent=case_index, title="Wasmachine uit bijzondere bijstand")
    module = ModulePage.objects.child_of(course).order_by("path").first()
    lesson = LessonPageFactory(
        parent=module,
        title="Een casus bekeken",
        body=[
            paragraph("<p>Lees de casus en beantwoord de vraag.</p>"),
            case_study(case.pk, introduction="Een voorbeeld uit de praktijk."),
            single_choice(
                "Wat was de doorbraak?",
                [option("Bijzondere bijstand", correct=True, id="q-a"), option("Niets", id="q-b")],
                id="case-question",
            ),
        ],
    )
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=LessonPage.objects.get(title="De waardendriehoek"))
    return lesson


def test_lesson_page_with_outline_stays_under_fifteen_queries(
    logged_in, realistic_lesson, django_assert_max_num_queries
):
    logged_in.get(realistic_lesson.url)  # the first visit fills the caches
    logged_in.get(realistic_lesson.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = logged_in.get(realistic_lesson.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    text = soup.get_text(" ", strip=True)
    # What the learner sees is all there: the case, the exercise, the outline.
    assert "Wasmachine uit bijzondere bijstand" in text
    assert "Wat was de doorbraak?" in text
    assert "Cocktails herkennen" in text  # a lesson of the other module, in the outline
    crumbs = soup.find("nav", attrs={"aria-label": "Kruimelpad"})
    assert [a.get_text(strip=True) for a in crumbs.find_all("a")][-2:] == [
        "Kennismaken",
        "De methode",
    ]


def test_lesson_page_queries_do_not_grow_with_the_course(
    logged_in, realistic_lesson, course, django_assert_max_num_queries
):
    module = ModulePage.objects.child_of(course).order_by("path").last()
    for number in range(8):
        LessonPageFactory(parent=module, title=f"Extra les {number}")
    logged_in.get(realistic_lesson.url)
    logged_in.get(realistic_lesson.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = logged_in.get(realistic_lesson.url)
    assert "Extra les 7" in response.content.decode()


def test_a_lesson_published_later_shows_in_the_outline(logged_in, realistic_lesson, course):
    logged_in.get(realistic_lesson.url)
    module = ModulePage.objects.child_of(course).order_by("path").last()
    new = LessonPageFactory(parent=module, title="Nieuwe les", live=False)
    assert "Nieuwe les" not in logged_in.get(realistic_lesson.url).content.decode()
    new.save_revision().publish()
    assert "Nieuwe les" in logged_in.get(realistic_lesson.url).content.decode()


def test_module_page_stays_under_fifteen_queries(
    logged_in, realistic_lesson, course, django_assert_max_num_queries
):
    module = ModulePage.objects.child_of(course).order_by("path").first()
    logged_in.get(module.url)
    logged_in.get(module.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = logged_in.get(module.url)
    assert "Een casus bekeken" in response.content.decode()


def test_course_page_queries_stay_fixed(
    logged_in, realistic_lesson, course, django_assert_max_num_queries
):
    """The course page shows more of the learner's own state than a lesson (learning
    paths and target dates, the certificate, following): 16 queries today."""
    logged_in.get(course.url)
    logged_in.get(course.url)
    with django_assert_max_num_queries(18):
        response = logged_in.get(course.url)
    assert "Een casus bekeken" in response.content.decode()
