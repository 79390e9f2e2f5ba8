"""Writes of a practice plan's cost-benefit (the calculator), and the tariff table it uses.

Amounts are snapshots: a cost line copies the tariff's unit price when the line is first
computed (or when its tariff changes), so IPW editing a tariff later never changes a
saved plan. The plan can tell which lines are out of date (`plan_cost_summary().stale`)
and the learner can recompute them with `practice_plan_costs_refresh`.

The arithmetic itself lives in `learning.plans.calculator`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casebook.models import CostDomain
from portal.anonymisation.validation import personal_data_errors

from ..models import CostSide, PracticePlan, PracticePlanCostLine, PracticePlanStatus, Tariff
from .practice import guard_reason, practice_plan_progress


class PlanRowsRefused(Exception):
    """A save that stored nothing because rows hold personal data (or break a rule).

    `errors` maps a row's position in the submitted list to {field name: [messages]}.
    """

    def __init__(self, errors: Mapping[int, Mapping[str, list[str]]]) -> None:
        super().__init__("practice plan rows refused")
        self.errors = {index: dict(fields) for index, fields in errors.items()}


@dataclass(frozen=True)
class CostLineInput:
    """One submitted calculator row. With a tariff, `domain`, `unit` and `unit_price`
    come from the tariff (or the kept line); without one they are the learner's own."""

    side: str
    quantity: Decimal
    tariff: Tariff | None = None
    description: str = ""
    domain: str = ""
    unit: str = ""
    unit_price: Decimal | None = None
    #: The stored line this row edits (its id), so a kept tariff line keeps its price.
    line_id: int | None = None


def tariffs_for_plan(*, plan: PracticePlan | None = None) -> list[Tariff]:
    """The tariffs a calculator row may choose: the active ones, plus inactive ones the
    plan already uses (existing lines keep working after IPW retires a tariff)."""
    condition = Q(active=True)
    if plan is not None and plan.pk:
        condition |= Q(pk__in=plan.cost_lines.values("tariff_id"))
    tariffs = list(Tariff.objects.filter(condition))
    order = {value: position for position, value in enumerate(CostDomain.values)}
    return sorted(tariffs, key=lambda t: (order.get(t.cost_domain, len(order)), t.name.lower()))


def practice_plan_cost_lines_prefetch(*, plan: PracticePlan) -> PracticePlan:
    """Load the plan's lines with their tariffs in one query (for `plan_cost_summary`)."""
    prefetch_related_objects(
        [plan],
        Prefetch("cost_lines", queryset=PracticePlanCostLine.objects.select_related("tariff")),
    )
    return plan


def _guard(lines: Sequence[CostLineInput]) -> dict[int, dict[str, list[str]]]:
    errors: dict[int, dict[str, list[str]]] = {}
    label = str(_("Omschrijving"))
    for index, line in enumerate(lines):
        found = personal_data_errors(
            {"description": line.description},
            labels={"description": label},
            reason=guard_reason(),
        )
        if found:
            errors[index] = found
    return errors


def practice_plan_costs_save(
    *, plan: PracticePlan, lines: Sequence[CostLineInput], section_key: str = ""
) -> list[PracticePlanCostLine]:
    """Replace the plan's cost lines by `lines` (in that order), all or nothing.

    - A row that edits a stored line with the same tariff keeps that line's unit price:
      the plan keeps the amounts it was computed with.
    - A new row, or a row whose tariff changed, copies the tariff's current amount.
    - A row without a tariff is an own amount: its typed description, domain and price.
    - Descriptions go through the casebook's anonymisation guard; if any holds personal
      data nothing is stored and `PlanRowsRefused` says which rows.

    `costs_computed_at` becomes now: it is the date of the last calculation. Kept lines
    may still carry an older tariff's price; `plan_cost_summary().stale` lists those.
    """
    errors = _guard(lines)
    for index, line in enumerate(lines):
        if line.side not in CostSide.values:
            errors.setdefault(index, {})["side"] = [str(_("Kies de kant van deze regel."))]
        if line.tariff is None and (line.unit_price is None or not line.domain):
            errors.setdefault(index, {})["unit_price"] = [
                str(_("Een eigen regel heeft een wetsdomein en een bedrag per eenheid."))
            ]
    if errors:
        raise PlanRowsRefused(errors)

    with transaction.atomic():
        PracticePlan.objects.select_for_update().filter(pk=plan.pk).first()  # lock
        existing = {
            line.pk: line
            for line in PracticePlanCostLine.objects.filter(plan=plan).select_related("tariff")
        }
        new_lines: list[PracticePlanCostLine] = []
        for position, row in enumerate(lines):
            kept = existing.get(row.line_id) if row.line_id else None
            if row.tariff is not None:
                tariff = row.tariff
                if kept is not None and kept.tariff_id == tariff.pk:
                    unit_price, unit = kept.unit_price, kept.unit or tariff.unit
                else:
                    unit_price, unit = tariff.amount, tariff.unit
                domain = tariff.cost_domain
                description = row.description.strip() or tariff.name
            else:
                unit_price = row.unit_price or Decimal("0")
                unit, domain, description = row.unit, row.domain, row.description.strip()
            new_lines.append(
                PracticePlanCostLine(
                    plan=plan,
                    side=row.side,
                    domain=domain,
                    tariff=row.tariff,
                    description=description[:200],
                    unit=unit[:30],
                    unit_price=unit_price,
                    quantity=row.quantity,
                    sort_order=position,
                )
            )
        PracticePlanCostLine.objects.filter(plan=plan).delete()
        created = PracticePlanCostLine.objects.bulk_create(new_lines)
        plan.costs_computed_at = timezone.now()
        plan_tool_saved(plan=plan, section_key=section_key, fields=["costs_computed_at"])
    return created


def plan_tool_saved(*, plan: PracticePlan, section_key: str, fields: list[str]) -> None:
    """Finish a tool section's save (inside its transaction): remember the section as the
    place to continue, and put a completed plan back in progress when a required section
    is now empty (the same rule as text sections)."""
    fields = [*fields, "updated_at"]
    # The rows just changed: forget what the caller's plan had loaded about them.
    for attribute in ("has_cost_lines", "has_legal_bases"):
        plan.__dict__.pop(attribute, None)
    cache = getattr(plan, "_prefetched_objects_cache", {})
    cache.pop("cost_lines", None)
    cache.pop("legal_bases", None)
    if section_key:
        plan.current_section = section_key
        fields.append("current_section")
    if (
        plan.status == PracticePlanStatus.COMPLETED
        and not practice_plan_progress(plan=plan).can_complete
    ):
        plan.status = PracticePlanStatus.DRAFT
        plan.completed_at = None
        fields += ["status", "completed_at"]
    plan.save(update_fields=fields)


def practice_plan_costs_refresh(*, plan: PracticePlan) -> int:
    """Recompute the lines whose tariff changed since with the current tariffs.

    Returns how many lines changed; sets `costs_computed_at` to now.
    """
    with transaction.atomic():
        PracticePlan.objects.select_for_update().filter(pk=plan.pk).first()  # lock
        stale = [
            line
            for line in PracticePlanCostLine.objects.filter(
                plan=plan, tariff__isnull=False
            ).select_related("tariff")
            if line.tariff.amount != line.unit_price
        ]
        for line in stale:
            line.unit_price = line.tariff.amount
            line.unit = line.tariff.unit
        PracticePlanCostLine.objects.bulk_update(stale, ["unit_price", "unit"])
        plan.costs_computed_at = timezone.now()
        plan.save(update_fields=["costs_computed_at", "updated_at"])
    return len(stale)
