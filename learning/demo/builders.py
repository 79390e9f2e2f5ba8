"""Small helpers for the demo course texts: stable block ids and references to the demo
cases and plan templates that other apps' demos created.

Block and option ids are UUIDs derived from a readable key ("kdm/1/1/vraag"), so every
run of the demo produces the same ids, and an editor who opens a demo lesson in the
admin sees ordinary UUIDs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from wagtail.models import Page

from casebook.models import CasePage
from learning import factories
from learning.models import PlanTemplatePage

DEMO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://demo.doorbraak.nl/leeromgeving")


def block_id(key: str) -> str:
    return str(uuid.uuid5(DEMO_NAMESPACE, key))


def right(key: str, text: str, feedback: str) -> dict:
    return factories.option(text, correct=True, feedback=feedback, id=block_id(key))


def wrong(key: str, text: str, feedback: str) -> dict:
    return factories.option(text, correct=False, feedback=feedback, id=block_id(key))


def single(key: str, question: str, *options: tuple[bool, str, str]) -> dict:
    """A single-choice question; each option is (correct, text, feedback)."""
    return factories.single_choice(question, _options(key, options), id=block_id(key))


def multiple(key: str, question: str, *options: tuple[bool, str, str]) -> dict:
    """A multiple-choice question; each option is (correct, text, feedback)."""
    return factories.multiple_choice(question, _options(key, options), id=block_id(key))


def _options(key: str, options: tuple[tuple[bool, str, str], ...]) -> list[dict]:
    return [
        (right if correct else wrong)(f"{key}/{number}", text, feedback)
        for number, (correct, text, feedback) in enumerate(options, start=1)
    ]


def text(key: str, html: str) -> dict:
    return factories.paragraph(html, id=block_id(key))


def reflection(key: str, question: str) -> dict:
    return factories.reflection_question(question, id=block_id(key))


def prompt(key: str, question: str) -> dict:
    return factories.reflection_prompt(question, id=block_id(key))


# Demo cases (casebook.demo) by the start of their title, and plan templates
# (learning.demo.plans) by kind; lessons refer to them by these keys.
CASE_TITLES = {
    "anika": "Anika:",
    "lola": "Lola:",
    "huurschuld": "Huurschuld en psychiatrie houden elkaar gevangen",
    "kinderopvang": "Kinderopvang in plaats van opvoedhulp",
    "vermogen": "Inkomen zonder toegang tot de voorziening",
    "woning": "Eerst een woning, dan minder jeugdhulp",
}
TEMPLATE_KINDS = {
    "doorbraakplan": "doorbraakplan",
    "maatwerkcanvas": "maatwerkcanvas",
    "schot-voor-de-boeg": "schot_voor_de_boeg",
    "inclusiecriteria": "inclusiecriteria",
}


@dataclass(frozen=True)
class Refs:
    """Ids of the demo cases and plan templates found under the home page. A lesson
    block that points at one that is missing is left out, so the course still loads
    when the casebook or the plan templates are not there."""

    cases: dict[str, int] = field(default_factory=dict)
    templates: dict[str, int] = field(default_factory=dict)

    def case_study(self, key: str, case: str, introduction: str) -> dict | None:
        case_id = self.cases.get(case)
        if case_id is None:
            return None
        return factories.case_study(case_id, introduction=introduction, id=block_id(key))

    def case_exercise(self, key: str, case: str, instruction: str) -> dict | None:
        case_id = self.cases.get(case)
        if case_id is None:
            return None
        return factories.case_exercise(case_id, instruction=instruction, id=block_id(key))

    def plan_template(self, key: str, template: str, description: str) -> dict | None:
        page_id = self.templates.get(template)
        if page_id is None:
            return None
        return factories.plan_template(page_id, description, id=block_id(key))

    def practice_plan(
        self, key: str, template: str, instruction: str, *, case: str = "", required: bool
    ) -> dict | None:
        """An assignment to make a practice plan with a template (from a case, if given)."""
        page_id = self.templates.get(template)
        if page_id is None:
            return None
        return {
            "type": "practice_plan",
            "id": block_id(key),
            "value": {
                "template": page_id,
                "case": self.cases.get(case) if case else None,
                "instruction": instruction,
                "required": required,
            },
        }


def refs_find(*, home: Page) -> Refs:
    """Look up the live demo cases and current plan templates under `home`."""
    cases = {}
    for key, title in CASE_TITLES.items():
        case = (
            CasePage.objects.descendant_of(home)
            .live()
            .filter(title__startswith=title)
            .order_by("path")
            .first()
        )
        if case is not None:
            cases[key] = case.pk
    current = (
        PlanTemplatePage.objects.descendant_of(home)
        .live()
        .public()
        .exclude(successors__live=True)
        .order_by("-effective_date", "-pk")
    )
    templates = {}
    for key, kind in TEMPLATE_KINDS.items():
        template = current.filter(kind=kind).first()
        if template is not None:
            templates[key] = template.pk
    return Refs(cases=cases, templates=templates)


def body(*blocks: dict | None) -> list[dict]:
    """A StreamField body without the blocks whose reference was missing."""
    return [block for block in blocks if block is not None]
