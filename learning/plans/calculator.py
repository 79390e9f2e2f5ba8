"""The cost-benefit calculator of a practice plan: arithmetic only, never typed twice.

A plan's cost lines each hold a quantity and a unit price (copied from a standard tariff
when the line was computed, or typed by the learner for an own amount). Per law domain
the calculator adds up the cost of the breakthrough and the costs prevented:

    amount  = quantity x unit price, rounded to cents (half up), per line
    return  = prevented_total - cost_total ("rendement")
    ratio   = prevented_total / cost_total, when there are costs

A line whose tariff IPW has changed since is "stale": it keeps its old amount (the plan
says so) until the learner recalculates with the current tariffs. The same arithmetic
runs in the browser (static/js/plan-calculator.js) for totals that update while typing;
the server's figures are the ones that are stored and exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from casebook.models import CostDomain

from ..models import CostSide, PracticePlan, PracticePlanCostLine

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
_DOMAIN_ORDER = {value: position for position, value in enumerate(CostDomain.values)}


def cost_line_amount(*, quantity: Decimal, unit_price: Decimal) -> Decimal:
    """Quantity times unit price, rounded to whole cents (half up)."""
    return (quantity * unit_price).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class DomainTotals:
    """The cost of the breakthrough and the costs prevented in one law domain."""

    domain: str
    label: str
    cost: Decimal
    prevented: Decimal

    @property
    def net(self) -> Decimal:
        return self.prevented - self.cost


@dataclass(frozen=True)
class StaleLine:
    """A line computed with a tariff that has changed since."""

    line: PracticePlanCostLine
    current_price: Decimal


@dataclass(frozen=True)
class PlanCostSummary:
    lines: list[PracticePlanCostLine]
    rows: list[DomainTotals]
    cost_total: Decimal
    prevented_total: Decimal
    stale: list[StaleLine]
    computed_at: datetime | None

    @property
    def net(self) -> Decimal:
        """The return ("rendement"): costs prevented minus the cost of the breakthrough."""
        return self.prevented_total - self.cost_total

    @property
    def ratio(self) -> Decimal | None:
        """Euros prevented per euro spent, to one decimal; None without costs."""
        if self.cost_total <= 0:
            return None
        return (self.prevented_total / self.cost_total).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def is_empty(self) -> bool:
        return not self.lines


def plan_cost_summary(*, plan: PracticePlan) -> PlanCostSummary:
    """The cost table of a practice plan, per law domain in the order of CostDomain.

    Reads `plan.cost_lines.all()`, so a prefetch (with `tariff`) is used when present.
    """
    lines = list(plan.cost_lines.all())
    cost: dict[str, Decimal] = {}
    prevented: dict[str, Decimal] = {}
    stale: list[StaleLine] = []
    for line in lines:
        amount = cost_line_amount(quantity=line.quantity, unit_price=line.unit_price)
        bucket = prevented if line.side == CostSide.PREVENTED else cost
        bucket[line.domain] = bucket.get(line.domain, ZERO) + amount
        tariff = line.tariff
        if tariff is not None and tariff.amount != line.unit_price:
            stale.append(StaleLine(line=line, current_price=tariff.amount))
    labels = dict(CostDomain.choices)
    domains = sorted(
        set(cost) | set(prevented), key=lambda d: _DOMAIN_ORDER.get(d, len(_DOMAIN_ORDER))
    )
    rows = [
        DomainTotals(
            domain=domain,
            label=str(labels.get(domain, domain)),
            cost=cost.get(domain, ZERO),
            prevented=prevented.get(domain, ZERO),
        )
        for domain in domains
    ]
    return PlanCostSummary(
        lines=lines,
        rows=rows,
        cost_total=sum((row.cost for row in rows), ZERO),
        prevented_total=sum((row.prevented for row in rows), ZERO),
        stale=stale,
        computed_at=plan.costs_computed_at,
    )
