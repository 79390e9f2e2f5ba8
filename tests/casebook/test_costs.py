"""Cost totals are computed from the rows, never typed twice; the prevented total sorts
case querysets; amounts read the Dutch way; the chart scales its bars."""

from __future__ import annotations

from decimal import Decimal

from casebook.costs import case_cost_summary, prevented_total_expression
from casebook.factories import CasePageFactory, ProblemDomainFactory
from casebook.models import CaseCost, CasePage


def test_summary_totals_and_net_follow_from_the_rows(index) -> None:
    case = CasePageFactory(
        parent=index,
        breakthrough_cost=Decimal("1000.00"),
        costs={"zvw": (0, "12500.40"), "wmo": (-250, 1918), "participatiewet": (-500, 3000)},
    )

    summary = case_cost_summary(case=case)

    assert [(row.domain, row.label) for row in summary.rows] == [
        ("wmo", "Wmo 2015"),
        ("participatiewet", "Participatiewet"),
        ("zvw", "Zvw"),
    ]
    assert summary.direct_total == Decimal("-750.00")
    assert summary.prevented_total == Decimal("17418.40")
    assert summary.breakthrough_cost == Decimal("1000.00")
    assert summary.net == Decimal("15668.40")


def test_a_changed_row_changes_every_total(index) -> None:
    case = CasePageFactory(parent=index, breakthrough_cost=Decimal("0"), costs={"wmo": (0, 100)})
    CaseCost.objects.filter(page=case).update(prevented=Decimal("400"))

    summary = case_cost_summary(case=CasePage.objects.get(pk=case.pk))

    assert summary.prevented_total == Decimal("400")
    assert summary.net == Decimal("400")


def test_case_without_rows_costs_only_its_breakthrough(index) -> None:
    case = CasePageFactory(parent=index, breakthrough_cost=Decimal("750"))

    summary = case_cost_summary(case=case)

    assert summary.rows == []
    assert summary.direct_total == summary.prevented_total == Decimal("0")
    assert summary.net == Decimal("-750")


def test_summary_of_unsaved_rows_in_a_preview(index) -> None:
    """A preview holds the edited rows in memory (modelcluster); the summary uses them."""
    case = CasePageFactory(parent=index, breakthrough_cost=Decimal("100"), costs={"wmo": (0, 5)})
    case.costs = [
        CaseCost(domain="jeugdwet", direct=Decimal("10"), prevented=Decimal("900")),
        CaseCost(domain="wmo", direct=Decimal("-10"), prevented=Decimal("300")),
    ]

    summary = case_cost_summary(case=case)

    assert [row.domain for row in summary.rows] == ["wmo", "jeugdwet"]
    assert summary.prevented_total == Decimal("1200")
    assert summary.net == Decimal("1100")


def test_prevented_total_expression_sorts_cases_and_counts_none_as_zero(index) -> None:
    shared = ProblemDomainFactory(name="Schulden")
    other = ProblemDomainFactory(name="Wonen")
    low = CasePageFactory(parent=index, title="Weinig", costs={"wmo": (0, 100)})
    high = CasePageFactory(
        parent=index,
        title="Veel",
        domains=[shared, other],
        costs={"wmo": (0, 1000), "zvw": (0, "250.50")},
    )
    none = CasePageFactory(parent=index, title="Geen kosten")

    ranked = list(
        CasePage.objects.annotate(prevented=prevented_total_expression()).order_by(
            "-prevented", "title"
        )
    )

    assert [(case.title, case.prevented) for case in ranked] == [
        ("Veel", Decimal("1250.50")),
        ("Weinig", Decimal("100")),
        ("Geen kosten", Decimal("0")),
    ]
    assert {low.pk, high.pk, none.pk} == {case.pk for case in ranked}
    # A join that repeats the case row (two matching domains) does not double the sum.
    joined = CasePage.objects.filter(problem_domains__in=[shared, other]).annotate(
        prevented=prevented_total_expression()
    )
    assert {case.prevented for case in joined} == {Decimal("1250.50")}
