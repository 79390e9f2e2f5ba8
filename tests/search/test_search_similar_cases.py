"""'Vergelijkbare casussen': most shared problem domains and laws first, then text."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from casebook.case_search.queries import similar_cases

pytestmark = pytest.mark.django_db


def test_cases_sharing_most_domains_and_laws_come_first(search_backend, contract_cases):
    similar = similar_cases(case=contract_cases["A"])

    # B shares Schulden and Wonen; C shares Schulden and the Participatiewet; D only Wonen.
    assert [case.title[0] for case in similar[:2]] in (["B", "C"], ["C", "B"])
    assert similar[-1] == contract_cases["D"]
    assert contract_cases["A"] not in similar
    assert contract_cases["draft"] not in similar
    assert contract_cases["restricted"] not in similar


def test_text_decides_between_equally_shared_cases(search_backend, make_case):
    case = make_case(
        "Medicijnen uit bijzondere bijstand",
        domains=["Schulden"],
        situation="Medicijnen voor de maag werden niet vergoed door de zorgverzekeraar.",
    )
    make_case("Ander verhaal", domains=["Schulden"], situation="Een scooter voor het werk.")
    make_case(
        "Maagmedicijnen",
        domains=["Schulden"],
        situation="Medicijnen voor de maag werden niet vergoed.",
    )

    assert [c.title for c in similar_cases(case=case)] == ["Maagmedicijnen", "Ander verhaal"]


def test_limit_and_template(search_backend, contract_cases):
    similar = similar_cases(case=contract_cases["B"], limit=2)
    assert len(similar) == 2

    html = render_to_string("casebook/includes/similar_cases.html", {"cases": similar})
    assert html.count("<li") == 2
    assert similar[0].title in html and similar[0].url in html
    assert render_to_string("casebook/includes/similar_cases.html", {"cases": []}).strip() == ""


def test_a_restricted_case_still_gets_public_suggestions(search_backend, contract_cases):
    similar = similar_cases(case=contract_cases["restricted"])

    assert contract_cases["A"] in similar
    assert contract_cases["draft"] not in similar
