"""The case listing (CaseIndexPage): search box, facets with counts, result cards,
sorting, pagination that keeps the filters, Dutch messages for bad parameters, and a
constant number of queries as cases grow."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from casebook.case_search.indexing import case_index_rebuild
from search.indexing import search_updates_paused

pytestmark = pytest.mark.django_db

#: The 60,000-character queries test the view itself: without the Dutch 414 that
#: answers an address over MAX_URL_LENGTH first (tests/shell/test_views_414.py).
LONGER_ADDRESSES = override_settings(MAX_URL_LENGTH=1_000_000)


def get(client, index, **params):
    response = client.get(index.url, params)
    assert response.status_code == 200
    return response.content.decode()


def checkbox(html: str, name: str, value: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}" value="{re.escape(value)}"[^>]*>', html)
    assert match, f"no checkbox {name}={value}"
    return match.group(0)


def option_count(html: str, name: str, value: str) -> int:
    """The count printed beside a facet option."""
    match = re.search(
        rf'name="{name}" value="{re.escape(value)}"[^>]*>\s*<label[^>]*>[^<]*'
        r'<span class="portal-count[^"]*">\((\d+)',
        html,
    )
    assert match, f"no count for {name}={value}"
    return int(match.group(1))


def option_label(html: str, name: str, value: str) -> str:
    """The text of a facet option's label, its count included."""
    box = BeautifulSoup(html, "html.parser").find("input", attrs={"name": name, "value": value})
    assert box is not None, f"no checkbox {name}={value}"
    return box.find_next_sibling("label").get_text(" ", strip=True)


def test_listing_shows_cards_facets_and_counts(search_backend, client, contract_cases, case_index):
    html = get(client, case_index)

    assert 'role="status">4 casussen gevonden' in html
    for key in "ABCD":
        assert contract_cases[key].title in html
    assert contract_cases["draft"].title not in html
    assert contract_cases["restricted"].title not in html
    assert '<label class="utrecht-form-label" for="case-search-q">' in html
    assert "casussen met álle gekozen domeinen" in html
    assert option_count(html, "domain", "Schulden") == 3
    assert option_count(html, "law", "Wmo 2015") == 2
    # Region and year counts below CASEBOOK_MIN_COUNT are withheld, also unfiltered.
    assert option_label(html, "region", "Zwolle") == "Zwolle (minder dan 3)"
    assert option_count(html, "phase", "eerste_nood") == 2
    assert option_label(html, "year", "2025") == "2025 (minder dan 3)"
    assert option_count(html, "outcome", "gerealiseerd") == 2
    assert ">Filters toepassen<" in html
    assert "€\xa020.000" in html  # costs prevented of case B, Dutch thousands separator
    assert "style=" not in html.split("<main", 1)[1]
    assert "<script" not in html.split("<main", 1)[1]


def test_ticking_two_domains_and_a_law_narrows_and_recounts(
    search_backend, client, contract_cases, case_index
):
    html = get(client, case_index, domain=["Schulden", "Wonen"], law="Wmo 2015")

    assert 'role="status">1 casus gevonden' in html
    assert contract_cases["B"].title in html
    assert contract_cases["A"].title not in html
    assert "checked" in checkbox(html, "domain", "Schulden")
    assert "checked" in checkbox(html, "law", "Wmo 2015")
    assert option_count(html, "domain", "Psychische gezondheid") == 1
    # Law counts ignore the law filter: Participatiewet would add case A.
    assert option_count(html, "law", "Participatiewet") == 1
    assert "Wis filters" in html


def test_free_text_search_keeps_the_query_in_the_box(
    search_backend, client, contract_cases, case_index
):
    html = get(client, case_index, q="achterstand huur")

    assert 'value="achterstand huur"' in html
    assert 'role="status">1 casus gevonden' in html


def test_sorting_by_costs_prevented(search_backend, client, contract_cases, case_index):
    html = get(client, case_index, sort="costs_prevented")

    positions = [html.index(contract_cases[key].title) for key in "BCAD"]
    assert positions == sorted(positions)
    assert '<option value="costs_prevented" selected>' in html


def test_pagination_keeps_the_filters(search_backend, client, make_case, case_index):
    with search_updates_paused():
        for number in range(23):
            make_case(f"Casus {number:02d}", domains=["Schulden"], year=2000 + number)
        make_case("Zonder schulden", domains=["Wonen"])
    case_index_rebuild()

    html = get(client, case_index, domain="Schulden", sort="year")

    assert 'role="status">23 casussen gevonden' in html
    assert html.count('class="case-card"') == 20
    assert 'href="?domain=Schulden&amp;sort=year&amp;page=2"' in html
    second = get(client, case_index, domain="Schulden", sort="year", page=2)
    assert second.count('class="case-card"') == 3
    assert "Casus 00" in second
    assert 'aria-current="page"' in second


def test_bad_parameters_get_a_dutch_message_not_an_error(
    search_backend, client, contract_cases, case_index
):
    html = get(
        client,
        case_index,
        year="twintig",
        page="-3",
        sort="alfabet",
        domain="Onbekend domein",
        phase="later",
        article="35",
    )

    assert 'role="alert"' in html
    assert "Een jaar bestaat uit vier cijfers" in html
    assert "Een paginanummer is een geheel getal vanaf 1." in html
    assert "Kies een bestaande sortering." in html
    assert "Onbekend probleemdomein: Onbekend domein. Kies uit: " in html
    assert "Kies een bestaande fase." in html
    assert "Onbekend artikel: 35." in html
    # The rest of the page still works: every visible case, unfiltered.
    assert 'role="status">4 casussen gevonden' in html


@LONGER_ADDRESSES
def test_a_60000_character_query_in_the_listing(search_backend, client, contract_cases, case_index):
    html = get(client, case_index, q="schuld " * 8571)

    assert "casussen gevonden" in html or "casus gevonden" in html


def _listing_queries(client, index) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            index.url, {"domain": "Schulden", "region": "Zwolle", "q": "huishouden"}
        )
        assert response.status_code == 200
    return len(queries)


def test_queries_per_page_stay_constant_as_cases_grow(
    search_backend, client, make_case, case_index, django_assert_max_num_queries
):
    with search_updates_paused():
        for number in range(5):
            make_case(f"Klein {number}", domains=["Schulden", "Wonen"], region="Zwolle")
    case_index_rebuild()
    client.get(case_index.url)  # warm the site and translation caches
    with django_assert_max_num_queries(25):
        small = _listing_queries(client, case_index)

    with search_updates_paused():
        for number in range(55):
            make_case(
                f"Groot {number}",
                domains=["Schulden", "Wonen", "Inkomen"][: 1 + number % 3],
                bases=[("Participatiewet", "35 lid 1")],
                region=["Zwolle", "Utrecht", "Deventer"][number % 3],
                year=2015 + number % 10,
            )
    case_index_rebuild()
    with django_assert_max_num_queries(small):
        _listing_queries(client, case_index)
