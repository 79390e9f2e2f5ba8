"""Factories for the learning environment, shared by the tests and (later) the demo.

Exercise blocks are built as raw StreamField data with explicit ids, so a test or a
demo can refer to a block or option by id::

    LessonPageFactory(parent=module, body=[
        single_choice("Wat is een doorbraak?", [
            option("De eerste stap die de rest losmaakt", correct=True, feedback="Klopt."),
            option("Een nieuwe regel", feedback="Nee: het gaat om een uitzondering."),
        ], id="q1"),
    ])
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from casebook.models import CostDomain
from portal.accounts.factories import UserFactory

from .models import (
    AccreditationRegister,
    CourseFormat,
    CourseIndexPage,
    CoursePage,
    FinalTestPage,
    LessonPage,
    ModulePage,
    PlanTemplateIndexPage,
    PlanTemplateKind,
    PlanTemplatePage,
    PlanTemplateSection,
    PracticePlan,
    SectionKind,
    Tariff,
    Team,
    TeamKind,
    TeamMembership,
    TeamRole,
)


def _id(value: str | None) -> str:
    return value or str(uuid.uuid4())


def option(text: str, *, correct: bool = False, feedback: str = "", id: str | None = None) -> dict:
    """One choice option (a ListBlock item) as raw data."""
    return {
        "type": "item",
        "id": _id(id),
        "value": {
            "text": text,
            "is_correct": correct,
            "feedback": feedback or ("Goed gezien." if correct else "Dat klopt niet."),
        },
    }


def _choice(kind: str, question: str, options: list[dict], *, required: bool, id: str | None):
    return {
        "type": kind,
        "id": _id(id),
        "value": {"question": question, "options": options, "required": required},
    }


def single_choice(
    question: str, options: list[dict], *, required: bool = True, id: str | None = None
) -> dict:
    return _choice("single_choice", question, options, required=required, id=id)


def multiple_choice(
    question: str, options: list[dict], *, required: bool = True, id: str | None = None
) -> dict:
    return _choice("multiple_choice", question, options, required=required, id=id)


def reflection_question(question: str, *, required: bool = True, id: str | None = None) -> dict:
    return {
        "type": "reflection_question",
        "id": _id(id),
        "value": {"question": question, "required": required},
    }


def case_exercise(
    case_id: int, *, instruction: str = "", required: bool = True, id: str | None = None
) -> dict:
    return {
        "type": "case_exercise",
        "id": _id(id),
        "value": {
            "case": case_id,
            "instruction": instruction or "Wat is hier de doorbraak, en op welke grondslag?",
            "required": required,
        },
    }


def case_study(case_id: int, *, introduction: str = "", id: str | None = None) -> dict:
    return {
        "type": "case_study",
        "id": _id(id),
        "value": {"case": case_id, "introduction": introduction},
    }


def plan_template(page_id: int, description: str, *, id: str | None = None) -> dict:
    return {
        "type": "plan_template",
        "id": _id(id),
        "value": {"page": page_id, "description": description},
    }


def reflection_prompt(prompt: str, *, id: str | None = None) -> dict:
    return {"type": "reflection_prompt", "id": _id(id), "value": {"prompt": prompt}}


def paragraph(html: str, *, id: str | None = None) -> dict:
    return {"type": "paragraph", "id": _id(id), "value": html}


class _PublishedPageFactory(wagtail_factories.PageFactory):
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        abstract = True


class CourseIndexPageFactory(_PublishedPageFactory):
    title = "Leeromgeving"
    slug = "leeromgeving"
    intro = "Cursussen over de Doorbraakmethode, in je eigen tempo."

    class Meta:
        model = CourseIndexPage


class CoursePageFactory(_PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Cursus {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    summary = factory.LazyAttribute(lambda obj: f"Wat je leert in {obj.title}.")
    audience = "Professionals in het sociaal domein en de huisartsenpraktijk."
    learning_goals = "De Doorbraakmethode uitleggen.\nEen doorbraak herkennen."
    effort_hours = Decimal("4.0")
    duration_amount = 2
    duration_unit = "weeks"
    course_format = CourseFormat.E_LEARNING
    accreditation_register = AccreditationRegister.REGISTERPLEIN
    accreditation_points = Decimal("4.0")
    accreditation_id = factory.Sequence(lambda n: f"RP-{1000 + n}")
    accreditation_valid_until = factory.LazyFunction(lambda: datetime.date(2027, 12, 31))
    prior_knowledge = ""
    accessibility_note = "Alle video's hebben een transcriptie."
    pass_mark = 70
    max_attempts = 3

    class Meta:
        model = CoursePage


class ModulePageFactory(_PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    intro = "Een module van de cursus."

    class Meta:
        model = ModulePage


class LessonPageFactory(_PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Les {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    estimated_minutes = 15
    learning_objective = "Je kunt uitleggen wat een doorbraak is."
    recap = "Een doorbraak is de eerste stap die de rest losmaakt."
    required = True
    body = factory.LazyFunction(lambda: [paragraph("<p>De theorie van deze les.</p>")])

    class Meta:
        model = LessonPage


class FinalTestPageFactory(_PublishedPageFactory):
    title = "Eindtoets"
    slug = "eindtoets"
    intro = "Laat zien wat je hebt geleerd."
    questions = factory.LazyFunction(
        lambda: [
            single_choice(
                "Wat is een doorbraak?",
                [
                    option("De eerste stap die de rest losmaakt", correct=True),
                    option("Een nieuwe wet"),
                ],
            )
        ]
    )

    class Meta:
        model = FinalTestPage


def course_tree(
    *, index: CourseIndexPage, modules: int = 2, lessons_per_module: int = 2, **course_kwargs: Any
) -> CoursePage:
    """A course with `modules` modules of `lessons_per_module` plain lessons each."""
    course = CoursePageFactory(parent=index, **course_kwargs)
    for m in range(modules):
        module = ModulePageFactory(parent=course, title=f"{course.title} module {m + 1}")
        for n in range(lessons_per_module):
            LessonPageFactory(parent=module, title=f"{module.title} les {n + 1}")
    return course


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Wijkteam {n}")
    kind = TeamKind.WIJKTEAM
    organisation = "Gemeente Demodorp"


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    role = TeamRole.MEMBER


# --- Plan templates and practice plans ------------------------------------------------

#: The sections of the Doorbraakplan as (key, heading, kind); guidance and examples are
#: short stand-ins here, the demo writes the real ones.
DOORBRAAKPLAN_SECTIONS: list[tuple[str, str, str]] = [
    ("situatie", "Situatieschets", SectionKind.TEXT),
    ("perspectief", "Perspectief over zes maanden", SectionKind.TEXT),
    ("zelf", "Wat het huishouden zelf kan", SectionKind.TEXT),
    ("ondersteuning", "Wat met ondersteuning kan", SectionKind.TEXT),
    ("behandeling", "Wat behandeling nodig heeft", SectionKind.TEXT),
    ("belemmering", "Belemmering", SectionKind.TEXT),
    ("doorbraak", "Doorbraak", SectionKind.TEXT),
    ("legitimiteit", "Legitimiteit: wettelijke grondslagen", SectionKind.LEGAL_BASES),
    ("betrokkenheid", "Betrokkenheid", SectionKind.TEXT),
    ("rendement", "Rendement: kosten en baten", SectionKind.COST_BENEFIT),
]


class PlanTemplateIndexPageFactory(_PublishedPageFactory):
    title = "Plansjablonen"
    slug = "sjablonen"
    intro = "De standaardformats van IPW om een plan te maken."

    class Meta:
        model = PlanTemplateIndexPage


class PlanTemplatePageFactory(_PublishedPageFactory):
    """A live plan template; `sections` is a list of (key, heading, kind) tuples, dicts
    with PlanTemplateSection fields, or None for the Doorbraakplan's sections."""

    title = factory.Sequence(lambda n: f"Doorbraakplan {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    kind = PlanTemplateKind.DOORBRAAKPLAN
    summary = "Het format om een doorbraak te onderbouwen met de waardendriehoek."
    version = "1.0"
    effective_date = factory.LazyFunction(lambda: datetime.date(2026, 1, 1))

    class Meta:
        model = PlanTemplatePage

    @factory.post_generation
    def sections(obj, create: bool, extracted: list | None, **kwargs: Any) -> None:
        if not create:
            return
        rows = DOORBRAAKPLAN_SECTIONS if extracted is None else extracted
        for position, row in enumerate(rows):
            if isinstance(row, dict):
                fields = {"required": True, "example": "", **row}
            else:
                key, heading, kind = row
                fields = {
                    "key": key,
                    "heading": heading,
                    "kind": kind,
                    "guidance": f"<p>Wat hoort in {heading.lower()}.</p>",
                    "example": f"Voorbeeld bij {heading.lower()}.",
                    "required": True,
                }
            fields.setdefault("guidance", f"<p>Toelichting bij {fields['heading']}.</p>")
            PlanTemplateSection.objects.create(page=obj, sort_order=position, **fields)


class TariffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tariff
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Tarief {n}")
    cost_domain = CostDomain.PARTICIPATIEWET
    unit = "maand"
    amount = Decimal("1250.00")
    source = "IPW standaardtarieven 2026"


def template_sections_snapshot(template: PlanTemplatePage) -> list[dict]:
    """The section list a practice plan copies from its template version."""
    return [
        {"key": s.key, "heading": s.heading, "kind": s.kind, "required": s.required}
        for s in template.sections.all()
    ]


class PracticePlanFactory(factory.django.DjangoModelFactory):
    """A practice plan as stored; tests of the rules start plans through
    `learning.plans.practice.practice_plan_create` instead."""

    class Meta:
        model = PracticePlan

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Oefenplan {n}")
    template = None
    template_title = factory.LazyAttribute(lambda o: o.template.title if o.template else "")
    template_version = factory.LazyAttribute(lambda o: o.template.version if o.template else "")
    sections = factory.LazyAttribute(
        lambda o: template_sections_snapshot(o.template) if o.template else []
    )
    answers = factory.LazyFunction(dict)
