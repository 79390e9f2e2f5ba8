"""Courses and lessons are found by the site search; the right answers of exercises
never surface in it."""

from __future__ import annotations

import pytest

from learning.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    option,
    single_choice,
)
from search.indexing import site_index_rebuild
from search.queries import site_search
from search.site import SiteSearchParams

pytestmark = pytest.mark.django_db


def test_courses_and_lessons_are_found_without_their_answers(site_root):
    index = CourseIndexPageFactory(parent=site_root)
    course = CoursePageFactory(parent=index, title="Kennismaken met de waardendriehoek")
    module = ModulePageFactory(parent=course)
    LessonPageFactory(
        parent=module,
        title="Legitimiteit toetsen",
        learning_objective="Je toetst een plan aan de waardendriehoek.",
        body=[
            single_choice(
                "Welke toets hoort bij de wet?",
                [
                    option("Legitimiteit", correct=True, feedback="Geheimantwoordtekst klopt."),
                    option("Rendement", feedback="Nee."),
                ],
            )
        ],
    )
    site_index_rebuild()

    result = site_search(params=SiteSearchParams(q="waardendriehoek"))
    found = {(hit.type, hit.title) for hit in result.results}
    assert ("course", "Kennismaken met de waardendriehoek") in found
    assert ("lesson", "Legitimiteit toetsen") in found
    assert {"course", "lesson"} <= {option.value for option in result.type_facets}

    assert site_search(params=SiteSearchParams(q="Geheimantwoordtekst")).total == 0
