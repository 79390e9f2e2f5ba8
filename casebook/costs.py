"""Cost-benefit of a case: computed from its cost rows, never typed twice.

Per law domain a case records the direct cost (negative) or return (positive) of the
breakthrough and the costs prevented in the first year. The totals and the net result
are always derived here:

    net = direct_total + prevented_total - breakthrough_cost
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .models import CaseCost, CasePage, CostDomain

ZERO = Decimal("0.00")
_DOMAIN_ORDER = {value: position for position, value in enumerate(CostDomain.values)}


@dataclass(frozen=True)
class CostRow:
    """The direct cost or return and the prevented costs in one law domain."""

    domain: str
    label: str
    direct: Decimal
    prevented: Decimal


@dataclass(frozen=True)
class CostSummary:
    """A case's cost rows (in the order of CostDomain) and the totals derived from them."""

    rows: list[CostRow]
    direct_total: Decimal
    prevented_total: Decimal
    breakthrough_cost: Decimal
    net: Decimal


def case_cost_summary(*, case: CasePage) -> CostSummary:
    """The cost table of a case.

    Reads `case.costs.all()`, so a prefetch is used when present and an unsaved preview
    (rows in memory) works too. Rows of the same domain are added up.
    """
    direct: dict[str, Decimal] = {}
    prevented: dict[str, Decimal] = {}
    for cost in case.costs.all():
        direct[cost.domain] = direct.get(cost.domain, ZERO) + (cost.direct or ZERO)
        prevented[cost.domain] = prevented.get(cost.domain, ZERO) + (cost.prevented or ZERO)
    labels = dict(CostDomain.choices)
    rows = [
        CostRow(
            domain=domain,
            label=str(labels.get(domain, domain)),
            direct=direct[domain],
            prevented=prevented[domain],
        )
        for domain in sorted(direct, key=lambda d: _DOMAIN_ORDER.get(d, len(_DOMAIN_ORDER)))
    ]
    direct_total = sum((row.direct for row in rows), ZERO)
    prevented_total = sum((row.prevented for row in rows), ZERO)
    breakthrough_cost = case.breakthrough_cost or ZERO
    return CostSummary(
        rows=rows,
        direct_total=direct_total,
        prevented_total=prevented_total,
        breakthrough_cost=breakthrough_cost,
        net=direct_total + prevented_total - breakthrough_cost,
    )


def prevented_total_expression() -> Coalesce:
    """The total costs prevented by a case, as an expression for a CasePage queryset:

    CasePage.objects.annotate(prevented=prevented_total_expression()).order_by("-prevented")

    A correlated subquery (not a join), so it combines safely with other annotations
    and filters on related rows without multiplying sums.
    """
    output = DecimalField(max_digits=14, decimal_places=2)
    totals = (
        CaseCost.objects.filter(page=OuterRef("pk"))
        .order_by()
        .values("page")
        .annotate(total=Sum("prevented"))
        .values("total")
    )
    return Coalesce(Subquery(totals, output_field=output), Value(ZERO), output_field=output)
