"""The plan-to-case mapping: every case field the plan holds, and the suggestions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from casebook.models import Law, Outcome, ProblemDomain
from learning.contributions.mapping import plan_to_case
from learning.factories import PlanTemplatePageFactory
from learning.plans import practice

pytestmark = pytest.mark.django_db


def test_every_text_of_the_plan_lands_in_its_case_field(completed_plan, answers) -> None:
    case = plan_to_case(plan=completed_plan)

    assert case.title == "Huur"
    assert case.situation == answers["situatie"]
    assert case.perspective == answers["perspectief"]
    assert case.needs_self == answers["zelf"]
    assert case.needs_support == answers["ondersteuning"]
    assert case.needs_treatment == answers["behandeling"]
    assert case.barrier == answers["belemmering"]
    assert case.breakthrough == answers["doorbraak"]
    assert case.engagement == answers["betrokkenheid"]
    assert case.household == ""  # a plan has no household type: the author writes it


def test_legal_bases_keep_law_article_and_reasoning(completed_plan) -> None:
    law = Law.objects.get(name="Participatiewet")

    [basis] = plan_to_case(plan=completed_plan).legal_bases

    assert basis.law_id == law.pk
    assert basis.article_id == law.articles.get(article="35 lid 1").pk
    assert basis.reasoning == "Bijzondere bijstand voor noodzakelijke kosten."
    assert "Participatiewet" in basis.label


def test_a_legal_basis_whose_law_was_removed_is_left_out(completed_plan) -> None:
    completed_plan.legal_bases.update(law=None)

    assert plan_to_case(plan=completed_plan).legal_bases == []


def test_costs_per_law_domain_come_from_the_calculator(completed_plan) -> None:
    costs = {cost.domain: cost for cost in plan_to_case(plan=completed_plan).costs}

    # The cost of the breakthrough is a negative direct amount; prevented stays.
    assert costs["participatiewet"].direct == Decimal("-1380.00")
    assert costs["participatiewet"].prevented == Decimal("5000.00")
    assert costs["wmo"].direct == Decimal("0.00")
    assert costs["wmo"].prevented == Decimal("1050.00")
    assert [c.domain for c in plan_to_case(plan=completed_plan).costs] == ["wmo", "participatiewet"]


def test_problem_domains_are_suggested_from_the_text_year_and_template_from_the_plan(
    completed_plan,
) -> None:
    case = plan_to_case(plan=completed_plan)

    suggested = set(
        ProblemDomain.objects.filter(pk__in=case.problem_domain_ids).values_list("name", flat=True)
    )
    assert suggested == {"Schulden", "Inkomen"}  # "schulden", "stabiel inkomen"
    assert case.year == completed_plan.completed_at.year
    assert case.plan_template_id == completed_plan.template_id
    assert case.outcome == Outcome.LOPEND
    assert case.phase == ""
    assert case.region_id is None


def test_the_maatwerkcanvas_sections_map_to_the_nearest_case_fields(professional, template) -> None:
    canvas = PlanTemplatePageFactory(
        parent=template.get_parent(),
        title="Maatwerkcanvas",
        sections=[
            ("gaat-goed", "Wat gaat goed", "text"),
            ("zorgen", "Zorgen", "text"),
            ("nodig", "Wat is nodig", "text"),
            ("eerste-stap", "Eerste stap", "text"),
        ],
    )
    plan = practice.practice_plan_create(owner=professional, template=canvas, title="Canvas")
    plan.answers = {
        "gaat-goed": "Goed.",
        "zorgen": "Zorg.",
        "nodig": "Nodig.",
        "eerste-stap": "Stap.",
    }

    case = plan_to_case(plan=plan)

    assert case.situation == "Goed.\n\nZorg."
    assert case.needs_support == "Nodig."
    assert case.breakthrough == "Stap."
