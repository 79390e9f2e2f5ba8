"""Plan template pages: versions, usage, validation and the context of their pages.

A plan template is versioned like a standard (see `portal.core.versioning`): a
newer version supersedes the older one, which stays readable at its own address and is
marked as superseded. Listings and the site search show current versions only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, ReferenceIndex

from casebook.models import CaseIndexPage, CasePage
from learning.models import CoursePage, LessonPage
from learning.models.plans import PlanTemplateIndexPage, PlanTemplatePage, SectionKind
from portal.core.versioning import (
    VersionWording,
    version_family,
    version_family_ids,
    version_is_current,
    version_list_current,
    version_predecessor,
    version_successor,
    version_supersedes_validate,
)
from portal.core.versioning import version_current as _version_current

PLAN_TEMPLATE_WORDING = VersionWording(
    cannot_replace_itself=gettext_lazy("Een sjabloon kan zichzelf niet vervangen."),
    this_page=gettext_lazy("dit sjabloon"),
)

#: Section kinds a template may hold at most once: the builder has one tool for each.
SINGLE_SECTION_KINDS = (SectionKind.LEGAL_BASES, SectionKind.COST_BENEFIT)

#: What the practice plan builder offers for each kind of section.
SECTION_TOOLS = {
    SectionKind.TEXT: gettext_lazy("Je schrijft dit onderdeel in een tekstveld."),
    SectionKind.LEGAL_BASES: gettext_lazy(
        "Je kiest de wettelijke grondslagen met de wettenzoeker en legt per grondslag uit "
        "waarom die past."
    ),
    SectionKind.COST_BENEFIT: gettext_lazy(
        "Je berekent de kosten en de voorkomen kosten per wetsdomein met de rekenhulp, op "
        "basis van de standaardtarieven."
    ),
}


# -- versions ----------------------------------------------------------------------------
def plan_template_list_current(
    *, index: PlanTemplateIndexPage | Page | None = None
) -> QuerySet[PlanTemplatePage]:
    """Live, public templates that no live, public version supersedes, by title."""
    return version_list_current(model=PlanTemplatePage, index=index)


def plan_template_is_current(*, template: PlanTemplatePage) -> bool:
    return version_is_current(page=template)


def plan_template_successor(*, template: PlanTemplatePage) -> PlanTemplatePage | None:
    """The live, public version that directly replaces this one, or None."""
    return version_successor(page=template)


def plan_template_predecessor(*, template: PlanTemplatePage) -> PlanTemplatePage | None:
    """The older version this one replaces, while that is still live and public."""
    return version_predecessor(page=template)


def plan_template_current_version(*, template: PlanTemplatePage) -> PlanTemplatePage | None:
    """The newest live, public version reached by following the successors of this
    template (the template itself when it is current), or None when nothing is live."""
    return _version_current(page=template)


def plan_template_family(*, template: PlanTemplatePage) -> QuerySet[PlanTemplatePage]:
    """Every version of this template, in any state, newest first."""
    return version_family(page=template)


# -- usage -------------------------------------------------------------------------------
@dataclass(frozen=True)
class UsedInLesson:
    lesson: LessonPage
    course: CoursePage | None


#: How many cases a template page names; the rest is a count (a template may be
#: followed by thousands of cases).
USAGE_CASE_LIMIT = 10


@dataclass(frozen=True)
class PlanTemplateUsage:
    lessons: list[UsedInLesson] = field(default_factory=list)
    #: The newest cases (at most USAGE_CASE_LIMIT) and how many there are in all.
    cases: list[CasePage] = field(default_factory=list)
    case_count: int = 0

    @property
    def more_cases(self) -> int:
        return self.case_count - len(self.cases)

    def __bool__(self) -> bool:
        return bool(self.lessons or self.cases)


def _courses_of(lessons: Iterable[LessonPage]) -> dict[str, CoursePage]:
    """The course of each lesson (course > module > lesson), by course path, in one query."""
    steplen = Page.steplen
    paths = {lesson.path[: -2 * steplen] for lesson in lessons if len(lesson.path) > 2 * steplen}
    if not paths:
        return {}
    return {course.path: course for course in CoursePage.objects.filter(path__in=paths)}


def plan_template_usage(*, template: PlanTemplatePage) -> PlanTemplateUsage:
    """The live, public lessons and cases that use any version of this template.

    Lessons are found through Wagtail's reference index (a plan template link, a
    practice plan assignment or a link in the text of the lesson); cases through their
    `plan_template` field. A fixed number of queries, whatever the number of uses.
    """
    if template.pk is None:
        return PlanTemplateUsage()
    family = version_family_ids(page=template)
    lesson_ids = {
        int(object_id)
        for object_id in ReferenceIndex.objects.filter(
            content_type=ContentType.objects.get_for_model(LessonPage),
            to_content_type=ContentType.objects.get_for_model(Page),
            to_object_id__in=[str(pk) for pk in family],
        ).values_list("object_id", flat=True)
    }
    lessons = (
        list(
            LessonPage.objects.live()
            .public()
            .filter(pk__in=lesson_ids)
            .only("title", "path", "url_path", "depth")
            .order_by("title", "pk")
        )
        if lesson_ids
        else []
    )
    courses = _courses_of(lessons)
    steplen = Page.steplen
    case_queryset = CasePage.objects.live().public().filter(plan_template__in=family)
    cases = list(
        case_queryset.only("title", "path", "url_path", "depth").order_by(
            "-first_published_at", "-pk"
        )[:USAGE_CASE_LIMIT]
    )
    case_count = len(cases) if len(cases) < USAGE_CASE_LIMIT else case_queryset.count()
    return PlanTemplateUsage(
        lessons=[
            UsedInLesson(lesson=lesson, course=courses.get(lesson.path[: -2 * steplen]))
            for lesson in lessons
        ],
        cases=cases,
        case_count=case_count,
    )


# -- validation --------------------------------------------------------------------------
def plan_template_section_errors(*, sections: Iterable[Any]) -> list[str]:
    """Dutch messages for a list of sections (objects or dicts with `key` and `kind`):
    every key once, and at most one legal-bases and one cost-benefit section."""

    def value(section: Any, name: str) -> Any:
        return section.get(name) if isinstance(section, dict) else getattr(section, name, None)

    rows = list(sections)
    errors: list[str] = []
    keys = Counter(value(row, "key") for row in rows if value(row, "key"))
    for key, count in keys.items():
        if count > 1:
            errors.append(
                _(
                    "De sleutel ‘%(key)s’ staat bij %(count)s onderdelen. Geef elk onderdeel "
                    "een eigen sleutel."
                )
                % {"key": key, "count": count}
            )
    kinds = Counter(value(row, "kind") for row in rows)
    for kind in SINGLE_SECTION_KINDS:
        if kinds[kind] > 1:
            errors.append(
                _(
                    "Een sjabloon kan maar één onderdeel van de soort ‘%(kind)s’ hebben; "
                    "dit sjabloon heeft er %(count)s."
                )
                % {"kind": SectionKind(kind).label, "count": kinds[kind]}
            )
    return errors


def plan_template_validate(*, template: PlanTemplatePage) -> None:
    """Check a template before it is saved: its "vervangt" link (as for standards, and
    only to a version of the same kind of template) and its sections.

    Raises a ValidationError in Dutch. The sections are read from the instance (in
    memory when the admin form has set them, see `template_forms.PlanTemplatePageForm`).
    """
    version_supersedes_validate(page=template, wording=PLAN_TEMPLATE_WORDING)
    older = template.supersedes
    if older is not None and template.kind and older.kind != template.kind:
        raise ValidationError(
            {
                "supersedes": _(
                    "%(title)s is een ander soort sjabloon (%(kind)s). Een nieuwe versie "
                    "vervangt alleen een versie van hetzelfde sjabloon."
                )
                % {"title": older.title, "kind": older.get_kind_display()}
            }
        )
    errors = plan_template_section_errors(sections=template.sections.all())
    if errors:
        raise ValidationError(errors)


# -- page context ------------------------------------------------------------------------
def plan_template_practice_url(*, template: PlanTemplatePage, user: Any) -> str:
    """Where "Oefen met dit sjabloon" leads: the builder, or the login page first."""
    start = f"{reverse('practice_plan_start')}?{urlencode({'sjabloon': template.pk})}"
    if user is not None and user.is_authenticated:
        return start
    return f"{reverse('account_login')}?{urlencode({'next': start})}"


def plan_template_index_context(*, index: PlanTemplateIndexPage, user: Any) -> dict[str, Any]:
    """The current templates under this index (one query for the list)."""
    templates = plan_template_list_current(index=index).only(
        "title",
        "slug",
        "path",
        "depth",
        "url_path",
        "kind",
        "version",
        "effective_date",
        "summary",
    )
    return {"templates": templates}


def plan_template_page_context(*, template: PlanTemplatePage, user: Any) -> dict[str, Any]:
    """What a template page shows: its version status, sections with the builder's tool
    for each, where it is used, and the practice call to action.

    On a superseded version, "current_version" is the newest live version to read, and
    practising starts from that version.
    """
    current = plan_template_current_version(template=template)
    superseded = current is not None and current.pk != template.pk
    practice_template = current if current is not None else template
    sections = [
        {"section": section, "tool": SECTION_TOOLS.get(section.kind, SECTION_TOOLS["text"])}
        for section in template.sections.all()
    ]
    usage = plan_template_usage(template=template)
    return {
        "successor": plan_template_successor(template=template),
        "predecessor": plan_template_predecessor(template=template),
        "current_version": current if superseded else None,
        "is_superseded": superseded,
        "sections": sections,
        "usage": usage,
        "case_index": (CaseIndexPage.objects.live().public().first() if usage.more_cases else None),
        "practice_template": practice_template if practice_template.practice_enabled else None,
        "practice_url": (
            plan_template_practice_url(template=practice_template, user=user)
            if practice_template.practice_enabled and practice_template.pk
            else ""
        ),
    }
