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

from portal.accounts.factories import UserFactory

from .models import (
    AccreditationRegister,
    CourseFormat,
    CourseIndexPage,
    CoursePage,
    FinalTestPage,
    LessonPage,
    ModulePage,
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
