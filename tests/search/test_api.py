"""The read-only JSON API: /api/v1/cases/ and /api/v1/search/. Shape, filters, errors
(400 with Dutch messages, never a 500), caching, and only what anonymous visitors see."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from portal.home.factories import ContentPageFactory
from search.text import query_truncate

pytestmark = pytest.mark.django_db

#: The 60,000-character queries test the view itself: without the Dutch 414 that
#: answers an address over MAX_URL_LENGTH first (tests/shell/test_views_414.py).
LONGER_ADDRESSES = override_settings(MAX_URL_LENGTH=1_000_000)


def test_cases_shape(contract_cases, client):
    response = client.get("/api/v1/cases/", {"sort": "costs_prevented"})

    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    data = response.json()
    assert set(data) == {"total", "total_label", "results", "facets", "page", "num_pages"}
    assert data["total"] == 4 and data["page"] == 1 and data["num_pages"] == 1
    assert data["total_label"] == "4"
    first = data["results"][0]
    assert first == {
        "id": contract_cases["B"].pk,
        "title": "Begeleiding thuis na opname",
        "url": "http://testserver" + contract_cases["B"].get_url(),
        "domains": ["Psychische gezondheid", "Schulden", "Wonen"],
        "legal_bases": [{"law": "Wmo 2015", "article": "2.3.5"}],
        "region": "Utrecht",
        "year": 2025,
        "costs_prevented": 20000.0,
    }
    domains = {option["value"]: option["count"] for option in data["facets"]["domain"]}
    assert domains["Schulden"] == 3 and domains["Wonen"] == 3
    assert set(data["facets"]) == {"domain", "law", "article", "region", "phase", "year", "outcome"}


def test_cases_filters_and_domains_combine_with_and(contract_cases, client):
    data = client.get(
        "/api/v1/cases/",
        {"domain": ["Schulden", "Wonen"], "law": "Participatiewet", "q": "huur"},
    ).json()

    assert [case["title"] for case in data["results"]] == [
        "Achterstand huur betaald uit bijzondere bijstand"
    ]
    laws = {option["value"]: option["count"] for option in data["facets"]["law"]}
    assert laws["Participatiewet"] == 1

    data = client.get("/api/v1/cases/", {"year": "2025", "region": "Zwolle"}).json()
    assert [case["title"] for case in data["results"]] == ["Coach voor werk en inkomen"]


def test_cases_taxonomy_names_ignore_case(contract_cases, client):
    """'schulden' is 'Schulden', as in the importer: same results, facets named as spelled."""
    exact = client.get("/api/v1/cases/", {"domain": "Schulden", "law": "Participatiewet"}).json()
    typed = client.get("/api/v1/cases/", {"domain": "schulden", "law": "PARTICIPATIEWET"}).json()

    assert typed["total"] == exact["total"] > 0
    assert [case["id"] for case in typed["results"]] == [case["id"] for case in exact["results"]]


def test_laws_and_articles_match_by_abbreviation_and_ignoring_case(contract_cases, client):
    """As the importer: "pw" is the Participatiewet, an article key in any case."""
    exact = client.get("/api/v1/cases/", {"article": "Participatiewet art. 35 lid 1"}).json()
    typed = client.get("/api/v1/cases/", {"article": "pw ART. 35 LID 1", "law": "pw"}).json()

    assert [case["title"] for case in typed["results"]] == [
        "Achterstand huur betaald uit bijzondere bijstand"
    ]
    assert typed["total"] == exact["total"] == 1
    chosen = [option for option in typed["facets"]["article"] if option["value"].startswith("P")]
    assert {"value": "Participatiewet art. 35 lid 1", "count": 1} in [
        {"value": option["value"], "count": option["count"]} for option in chosen
    ]


def test_an_unknown_name_is_answered_with_the_valid_names(contract_cases, client):
    response = client.get("/api/v1/cases/", {"domain": "Schuld"})

    assert response.status_code == 400
    message = response.json()["fields"]["domain"][0]
    assert message.startswith("Onbekend probleemdomein: Schuld. Kies uit: ")
    assert "Schulden" in message and "Wonen" in message

    message = client.get("/api/v1/cases/", {"law": "Wet op niets"}).json()["fields"]["law"][0]
    assert message.startswith("Onbekende wet of regeling: Wet op niets. Kies uit: ")
    assert "Participatiewet" in message and "Wmo 2015" in message and "Jeugdwet" in message


def _counts(facet: list[dict]) -> dict:
    return {option["value"]: (option["count"], option["count_label"]) for option in facet}


def test_counts_below_the_threshold_are_withheld_with_a_region_or_year(
    search_backend, contract_cases, client
):
    """Zwolle holds two visible cases (A, C): with the region filter, every count from 1
    to 2 reads "minder dan 3" (total and facets), on every engine; the results are listed."""
    data = client.get("/api/v1/cases/", {"region": "zwolle"}).json()

    assert data["total"] is None and data["total_label"] == "minder dan 3"
    assert len(data["results"]) == 2
    domains = _counts(data["facets"]["domain"])
    assert domains["Schulden"] == (None, "minder dan 3")
    assert domains["Wonen"] == (None, "minder dan 3")
    years = _counts(data["facets"]["year"])
    assert years[2024] == (None, "minder dan 3")

    by_year = client.get("/api/v1/cases/", {"year": "2025"}).json()
    assert by_year["total"] is None and by_year["total_label"] == "minder dan 3"


def test_counts_without_region_or_year_are_numbers(search_backend, contract_cases, client):
    data = client.get("/api/v1/cases/", {"domain": "Inkomen"}).json()

    assert (data["total"], data["total_label"]) == (1, "1")
    assert _counts(data["facets"]["domain"])["Inkomen"] == (1, "1")


def test_region_and_year_facet_counts_are_withheld_without_a_filter(
    search_backend, contract_cases, client
):
    """Each region or year facet count is narrowed to one region or year: the same number
    the region or year filter would withhold, so it is withheld without the filter too."""
    data = client.get("/api/v1/cases/", {"domain": "Inkomen"}).json()

    assert (data["total"], data["total_label"]) == (1, "1")
    assert all(
        option["count"] is None and option["count_label"] == "minder dan 3"
        for param in ("region", "year")
        for option in data["facets"][param]
        if option["count_label"] != "0"
    )
    assert any(data["facets"]["region"])


def test_the_threshold_is_a_setting(search_backend, contract_cases, client, settings):
    settings.CASEBOOK_MIN_COUNT = 2

    data = client.get("/api/v1/cases/", {"region": "Zwolle"}).json()

    assert (data["total"], data["total_label"]) == (2, "2")
    assert _counts(data["facets"]["phase"])["eerste_nood"] == (None, "minder dan 2")


def test_the_casebook_page_withholds_the_same_counts(
    search_backend, contract_cases, case_index, client
):
    """The listing follows the same rule as the API, on every engine."""

    html = client.get(case_index.get_url(), {"region": "Zwolle"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")

    assert soup.select_one("#case-results-count").get_text(strip=True) == (
        "minder dan 3 casussen gevonden"
    )
    label = soup.select_one("input[name=domain][value=Schulden]").find_next_sibling("label")
    assert "(minder dan 3)" in label.get_text(" ", strip=True)
    assert len(soup.select(".case-card")) == 2

    html = client.get(case_index.get_url(), {"domain": "Schulden"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("#case-results-count").get_text(strip=True) == "3 casussen gevonden"


def test_cases_never_show_drafts_or_restricted_cases_even_to_staff(contract_cases, client):
    staff = get_user_model().objects.create_superuser("redacteur", "r@example.org", "x")
    client.force_login(staff)

    data = client.get("/api/v1/cases/", {"q": "achterstand huur"}).json()

    assert [case["title"] for case in data["results"]] == [
        "Achterstand huur betaald uit bijzondere bijstand"
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": str(10**9)}, "page"),
        ({"year": "abc"}, "year"),
        ({"domain": "Geen bestaand domein"}, "domain"),
        ({"law": "Wet op niets"}, "law"),
        ({"article": "Participatiewet art. 999"}, "article"),
        ({"sort": "bad"}, "sort"),
        ({"phase": "later"}, "phase"),
    ],
)
def test_cases_bad_parameters_get_400_with_dutch_messages(search_backend, client, params, field):
    response = client.get("/api/v1/cases/", params)

    assert response.status_code == 400
    data = response.json()
    assert data["error"] == "Een of meer parameters zijn ongeldig."
    assert list(data["fields"]) == [field]
    assert data["fields"][field][0]  # a Dutch message
    assert "no-store" in response["Cache-Control"]


@LONGER_ADDRESSES
def test_cases_a_60000_character_query_costs_what_its_cut_costs(contract_cases, client):
    """A query is cut to 500 characters at a word boundary: the answer, and the SQL the
    engine runs, are those of the cut, however much was typed (work bounded by the cut,
    without asserting a time)."""
    typed = "huur " * 12000
    client.get("/api/v1/cases/", {"q": "huur"})  # warm-up: the caches a first request fills
    with CaptureQueriesContext(connection) as long_queries:
        response = client.get("/api/v1/cases/", {"q": typed})
    with CaptureQueriesContext(connection) as cut_queries:
        cut = client.get("/api/v1/cases/", {"q": query_truncate(typed)})

    assert response.status_code == 200
    assert response.json()["results"] == cut.json()["results"]
    assert _sql_size(long_queries) <= _sql_size(cut_queries)


def _sql_size(queries: CaptureQueriesContext) -> int:
    return sum(len(query["sql"]) for query in queries.captured_queries)


@pytest.fixture
def site_pages(search_backend, site_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ContentPageFactory(parent=site_root, title="Schulden regelen", intro="Over schulden.")
        ContentPageFactory(parent=site_root, title="Concept schulden", live=False)


def test_site_search_shape_and_snippets(site_pages, client):
    response = client.get("/api/v1/search/", {"q": "schuld"})

    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 1
    assert data["results"] == [
        {
            "type": "page",
            "type_label": "Pagina",
            "title": "Schulden regelen",
            "url": "http://testserver/schulden-regelen/",
            "snippet_html": "Over <mark>schulden</mark>. · De inhoud van deze pagina.",
            "date": data["results"][0]["date"],
        }
    ]
    assert {"value": "page", "label": "Pagina's", "count": 1} in data["facets"]["type"]
    assert data["suggestion"] is None and data["page"] == 1 and data["num_pages"] == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "schuld", "type": "onzin"}, "type"),
        ({"q": "schuld", "page": "0"}, "page"),
        ({"q": "schuld", "page": str(10**9)}, "page"),
    ],
)
def test_site_search_bad_parameters_get_400(site_pages, client, params, field):
    response = client.get("/api/v1/search/", params)

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]


@LONGER_ADDRESSES
def test_site_search_a_60000_character_query(site_pages, client):
    typed = "schulden " * 6700
    client.get("/api/v1/search/", {"q": "schulden"})  # warm-up: the caches a first request fills
    with CaptureQueriesContext(connection) as long_queries:
        response = client.get("/api/v1/search/", {"q": typed})
    with CaptureQueriesContext(connection) as cut_queries:
        client.get("/api/v1/search/", {"q": query_truncate(typed)})

    assert response.status_code == 200
    assert response.json()["total"] == 1
    assert _sql_size(long_queries) <= _sql_size(cut_queries)


def test_head_is_answered_like_get(site_pages, client):
    response = client.head("/api/v1/search/", {"q": "schuld"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("url", ["/api/v1/cases/", "/api/v1/search/?q=schuld"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_another_method_gets_405_in_json_with_allow(url, method):
    # Without a CSRF token too: the read-only endpoints answer the method, not the token.
    client = Client(enforce_csrf_checks=True)

    response = getattr(client, method)(url, data="{}", content_type="application/json")

    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response["Allow"] == "GET, HEAD"
    assert response.json() == {
        "detail": f"De methode {method.upper()} is hier niet toegestaan; gebruik GET of HEAD."
    }
    assert "no-store" in response["Cache-Control"]
