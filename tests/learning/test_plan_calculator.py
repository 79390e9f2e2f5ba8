"""The calculator's arithmetic, on lines saved through `practice_plan_costs_save`: amounts
per line rounded half up to cents, totals per law domain on both sides, the return
(prevented minus cost) and the ratio (euros prevented per euro spent)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from learning.factories import TariffFactory
from learning.plans.calculator import cost_line_amount, plan_cost_summary
from learning.plans.costs import CostLineInput, practice_plan_costs_save

D = Decimal


@pytest.mark.parametrize(
    ("quantity", "unit_price", "expected"),
    [
        ("3", "1250.00", "3750.00"),
        ("0.5", "0.05", "0.03"),  # 0.025 -> half up
        ("1.5", "33.33", "50.00"),  # 49.995 -> half up
        ("0.25", "10.02", "2.51"),  # 2.505 -> half up
        ("0.33", "10.01", "3.30"),  # 3.3033 -> down
        ("0", "999.99", "0.00"),
    ],
)
def test_a_line_is_quantity_times_unit_price_rounded_half_up_to_cents(
    quantity: str, unit_price: str, expected: str
) -> None:
    assert cost_line_amount(quantity=D(quantity), unit_price=D(unit_price)) == D(expected)


def test_totals_per_domain_return_and_ratio_over_several_lines(plan) -> None:
    benefit = TariffFactory(name="Maand bijstand", cost_domain="participatiewet", amount=D("1250"))
    youth = TariffFactory(name="Week jeugdzorg", cost_domain="jeugdwet", amount=D("812.40"))
    help_hour = TariffFactory(name="Uur huishoudelijke hulp", cost_domain="wmo", amount=D("31.15"))
    practice_plan_costs_save(
        plan=plan,
        lines=[
            CostLineInput(side="cost", tariff=help_hour, quantity=D("40")),  # 1246.00
            CostLineInput(
                side="cost",
                description="Medicatie uit bijzondere bijstand",
                domain="participatiewet",
                unit_price=D("171.00"),
                quantity=D("6"),
            ),  # 1026.00
            CostLineInput(side="prevented", tariff=benefit, quantity=D("4")),  # 5000.00
            CostLineInput(side="prevented", tariff=youth, quantity=D("10")),  # 8124.00
            CostLineInput(side="prevented", tariff=help_hour, quantity=D("2.5")),  # 77.875 -> 77.88
        ],
    )

    summary = plan_cost_summary(plan=plan)

    rows = {row.domain: (row.cost, row.prevented, row.net) for row in summary.rows}
    assert [row.domain for row in summary.rows] == ["wmo", "jeugdwet", "participatiewet"]
    assert rows["wmo"] == (D("1246.00"), D("77.88"), D("-1168.12"))
    assert rows["jeugdwet"] == (D("0.00"), D("8124.00"), D("8124.00"))
    assert rows["participatiewet"] == (D("1026.00"), D("5000.00"), D("3974.00"))
    assert summary.cost_total == D("2272.00")
    assert summary.prevented_total == D("13201.88")
    assert summary.net == D("10929.88")
    assert summary.ratio == D("5.8")  # 13201.88 / 2272 = 5.81
    assert summary.stale == []
    assert summary.computed_at is not None


def test_without_costs_there_is_no_ratio_and_the_return_is_what_is_prevented(plan) -> None:
    tariff = TariffFactory(name="Nacht opvang", cost_domain="wmo", amount=D("95.50"))
    practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="prevented", tariff=tariff, quantity=D("14"))]
    )

    summary = plan_cost_summary(plan=plan)

    assert summary.cost_total == D("0.00")
    assert summary.net == D("1337.00")
    assert summary.ratio is None


def test_ratio_rounds_half_up_to_one_decimal(plan) -> None:
    practice_plan_costs_save(
        plan=plan,
        lines=[
            CostLineInput(
                side="cost", domain="zvw", description="Fysio", unit_price=D("100"), quantity=D("1")
            ),
            CostLineInput(
                side="prevented",
                domain="zvw",
                description="Ziekenhuis",
                unit_price=D("125"),
                quantity=D("1"),
            ),
        ],
    )

    assert plan_cost_summary(plan=plan).ratio == D("1.3")  # 1.25 -> 1.3


def test_an_empty_plan_has_zero_totals(plan) -> None:
    summary = plan_cost_summary(plan=plan)

    assert summary.is_empty
    assert (summary.cost_total, summary.prevented_total, summary.net) == (0, 0, 0)
    assert summary.rows == []
