"""How a completed practice plan maps onto an example case.

The plan's text sections go to the case's texts by their key (the Doorbraakplan's keys,
and the nearest sections of the other IPW formats), its legal bases to the case's legal
bases, and its calculator to the case's costs per law domain: the cost of the
breakthrough becomes a negative direct amount, the costs prevented stay as they are, so
the case's net result is the plan's return ("rendement"). What a plan does not hold
(household type, problem domains, phase, region, outcome) is suggested where the plan
gives a hint and otherwise left for the author to choose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from casebook.models import Outcome, ProblemDomain
from learning.models import PracticePlan, PracticePlanLegalBasis
from learning.plans.calculator import plan_cost_summary
from learning.plans.costs import practice_plan_cost_lines_prefetch

#: Case text field → the plan section keys it is taken from, in order (joined).
SECTION_KEYS: dict[str, tuple[str, ...]] = {
    "situation": ("situatie", "gaat-goed", "zorgen"),
    "perspective": ("perspectief",),
    "needs_self": ("zelf",),
    "needs_support": ("ondersteuning", "nodig", "wie-helpt"),
    "needs_treatment": ("behandeling",),
    "barrier": ("belemmering",),
    "breakthrough": ("doorbraak", "eerste-stap"),
    "engagement": ("betrokkenheid",),
}

#: The case's texts, in the order the share form shows them.
TEXT_FIELDS = ("title", "household", *SECTION_KEYS)


@dataclass
class LegalBasisDraft:
    law_id: int
    article_id: int | None
    label: str
    reasoning: str


@dataclass
class CostDraft:
    domain: str
    label: str
    direct: Decimal
    prevented: Decimal


@dataclass
class CaseDraft:
    """An example case as the author will review it; nothing is stored yet."""

    title: str = ""
    household: str = ""
    situation: str = ""
    perspective: str = ""
    needs_self: str = ""
    needs_support: str = ""
    needs_treatment: str = ""
    barrier: str = ""
    breakthrough: str = ""
    engagement: str = ""
    legal_bases: list[LegalBasisDraft] = field(default_factory=list)
    costs: list[CostDraft] = field(default_factory=list)
    problem_domain_ids: list[int] = field(default_factory=list)
    phase: str = ""
    region_id: int | None = None
    year: int | None = None
    outcome: str = Outcome.LOPEND
    plan_template_id: int | None = None


def _joined(answers: dict, keys: tuple[str, ...]) -> str:
    parts = [str(answers.get(key) or "").strip() for key in keys]
    return "\n\n".join(part for part in parts if part)


def suggested_problem_domains(*, text: str) -> list[int]:
    """The problem domains whose name occurs in `text` (a whole word, any case)."""
    lowered = text.lower()
    return [
        domain.pk
        for domain in ProblemDomain.objects.order_by("name")
        if re.search(rf"\b{re.escape(domain.name.lower())}\b", lowered)
    ]


def _legal_bases(plan: PracticePlan) -> list[LegalBasisDraft]:
    """The plan's legal bases whose law still exists (a case's legal basis needs one)."""
    rows = PracticePlanLegalBasis.objects.filter(plan=plan, law__isnull=False).order_by(
        "sort_order", "pk"
    )
    return [
        LegalBasisDraft(
            law_id=row.law_id,
            article_id=row.article_id,
            label=str(row),
            reasoning=row.reasoning,
        )
        for row in rows
    ]


def _costs(plan: PracticePlan) -> list[CostDraft]:
    summary = plan_cost_summary(plan=practice_plan_cost_lines_prefetch(plan=plan))
    return [
        CostDraft(domain=row.domain, label=row.label, direct=-row.cost, prevented=row.prevented)
        for row in summary.rows
    ]


def plan_to_case(*, plan: PracticePlan) -> CaseDraft:
    """The example case a practice plan makes, for the author to review."""
    answers = plan.answers or {}
    texts = {name: _joined(answers, keys) for name, keys in SECTION_KEYS.items()}
    completed = plan.completed_at or plan.updated_at
    return CaseDraft(
        title=plan.title,
        **texts,
        legal_bases=_legal_bases(plan),
        costs=_costs(plan),
        problem_domain_ids=suggested_problem_domains(text="\n".join(texts.values())),
        year=completed.year if completed else None,
        plan_template_id=plan.template_id,
    )
