"""Courses and lessons in the site search (the search app's type registry).

A lesson's searchable text is its objective, recap and theory blocks only: exercise
blocks hold the right answers and their feedback, which must not surface in snippets."""

from __future__ import annotations

from search.indexes.site import SiteType, site_type_register, streamfield_text

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


def register_learning_types() -> None:
    from django.utils.translation import gettext_lazy as _  # noqa: PLC0415

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
