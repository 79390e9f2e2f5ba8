"""Courses, lessons and plan templates in the site search (the search app's type registry).

A lesson's searchable text is its objective, recap and theory blocks only: exercise
blocks hold the right answers and their feedback, which must not surface in snippets.
A plan template is found in its current version only: a superseded version stays
readable at its address but leaves the search, like a superseded standard."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search.indexes.site import SiteType, site_type_register, streamfield_text

from .plans.template_pages import plan_template_list_current

#: Lesson blocks whose text may be searched and shown in a snippet.
LESSON_TEXT_BLOCKS = frozenset({"paragraph", "reflection_prompt"})


def _course_text(page) -> list[str]:
    return [
        page.summary,
        page.audience,
        page.learning_goals,
        page.prior_knowledge,
        *streamfield_text(page.body),
    ]


def _lesson_text(page) -> list[str]:
    parts = [page.learning_objective, page.recap]
    for child in page.body:
        if child.block_type in LESSON_TEXT_BLOCKS:
            parts += [str(part) for part in child.block.get_searchable_content(child.value)]
    return parts


def _plan_template_text(page) -> list[str]:
    parts = [page.summary, *streamfield_text(page.intro)]
    for section in page.sections.all():
        parts += [section.heading, strip_tags(section.guidance)]
    return parts


def _plan_template_current(queryset: QuerySet) -> QuerySet:
    return queryset.filter(pk__in=plan_template_list_current().values("pk")).prefetch_related(
        "sections"
    )


def _plan_template_related(page) -> list[str]:
    """The version a template supersedes leaves (or re-enters) the search with it."""
    if getattr(page, "supersedes_id", None):
        return [f"learning.plantemplatepage:{page.supersedes_id}"]
    return []


def register_learning_types() -> None:
    site_type_register(
        SiteType(
            name="course",
            label=_("Cursus"),
            plural=_("Cursussen"),
            model="learning.CoursePage",
            text=_course_text,
        )
    )
    site_type_register(
        SiteType(
            name="lesson",
            label=_("Les"),
            plural=_("Lessen"),
            model="learning.LessonPage",
            text=_lesson_text,
        )
    )
    site_type_register(
        SiteType(
            name="plan_template",
            label=_("Plansjabloon"),
            plural=_("Plansjablonen"),
            model="learning.PlanTemplatePage",
            text=_plan_template_text,
            date=lambda page: page.effective_date,
            filter=_plan_template_current,
            related_keys=_plan_template_related,
        )
    )
