"""The demo course tree: the catalogue under the home page, and each course with its
modules, lessons and final test. Pages are found by slug under their parent and only
created (and published, so each has a revision) when missing."""

from __future__ import annotations

from typing import Any

import factory
from wagtail.models import Page

from learning.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    FinalTestPageFactory,
    LessonPageFactory,
    ModulePageFactory,
)
from learning.models import CourseIndexPage, CoursePage, FinalTestPage, LessonPage, ModulePage

INDEX_FIELDS = {
    "title": "Leeromgeving",
    "slug": "leeromgeving",
    "intro": (
        "Online cursussen over de Doorbraakmethode, in je eigen tempo. Met oefeningen op "
        "echte, geanonimiseerde casussen, en accreditatiepunten als je slaagt."
    ),
    "seo_title": "Leeromgeving: cursussen over de Doorbraakmethode",
    "search_description": (
        "Cursussen over de Doorbraakmethode: de methode, giftige cocktails, het "
        "doorbraakplan en doorverwijzen vanuit de huisartsenpraktijk."
    ),
    "show_in_menus": True,
}


def _ensure(parent: Page, model: type[Page], page_factory: type[factory.Factory], **fields: Any):
    """The child of `parent` with this slug, or a new, published one."""
    page = model.objects.child_of(parent).filter(slug=fields["slug"]).first()
    if page is None:
        page = page_factory(parent=parent, live=False, **fields)
        page.save_revision().publish()
        page = model.objects.get(pk=page.pk)  # fresh tree fields for adding children
    return page


def index_ensure(*, home: Page) -> CourseIndexPage:
    """The catalogue under `home`: the existing one (editors may have renamed it; there is
    at most one per home page), or a new one shown in the menu."""
    index = CourseIndexPage.objects.child_of(home).first()
    if index is not None:
        return index
    return _ensure(home, CourseIndexPage, CourseIndexPageFactory, **INDEX_FIELDS)


def course_ensure(*, index: CourseIndexPage, spec: dict) -> CoursePage:
    """A course with its modules, lessons and final test, from the demo data `spec`."""
    course = _ensure(index, CoursePage, CoursePageFactory, **spec["fields"])
    for module_spec in spec["modules"]:
        lessons = module_spec["lessons"]
        fields = {key: value for key, value in module_spec.items() if key != "lessons"}
        module = _ensure(course, ModulePage, ModulePageFactory, **fields)
        for lesson_fields in lessons:
            _ensure(module, LessonPage, LessonPageFactory, **lesson_fields)
    if not FinalTestPage.objects.child_of(course).exists():  # at most one per course
        _ensure(course, FinalTestPage, FinalTestPageFactory, **spec["final_test"])
    return CoursePage.objects.get(pk=course.pk)
