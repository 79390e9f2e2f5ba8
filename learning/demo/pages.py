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


LINK_BLOCK_TYPES = {"plan_template": "page", "practice_plan": "template"}


def _links(body: list[dict]) -> dict[str, tuple[str, object]]:
    """{block id: (block type, linked template id)} of the template links in raw data."""
    return {
        block["id"]: (block["type"], block["value"].get(LINK_BLOCK_TYPES[block["type"]]))
        for block in body
        if block["type"] in LINK_BLOCK_TYPES
    }


def lesson_links_update(*, course: CoursePage, spec: dict) -> int:
    """Bring the plan-template links and practice-plan assignments of existing demo
    lessons in line with the demo data: a demo loaded before the plan templates existed
    linked standards pages there. A lesson whose links already match is left alone, so a
    second run publishes nothing; returns how many lessons were updated."""
    updated = 0
    for module_spec in spec["modules"]:
        module = ModulePage.objects.child_of(course).filter(slug=module_spec["slug"]).first()
        if module is None:
            continue
        for lesson_fields in module_spec["lessons"]:
            wanted = _links(lesson_fields["body"])
            if not wanted:
                continue
            lesson = LessonPage.objects.child_of(module).filter(slug=lesson_fields["slug"]).first()
            if lesson is None:
                continue
            stored = _links(list(lesson.body.raw_data))
            if all(stored.get(block_id) == link for block_id, link in wanted.items()):
                continue
            draft = lesson.get_latest_revision_as_object()
            draft.body = lesson_fields["body"]
            draft.save_revision().publish()
            updated += 1
    return updated
