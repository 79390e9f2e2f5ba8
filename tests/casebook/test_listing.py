"""The casebook listing as a visitor reads it: chips for the active filters, filters that
apply on change (with the buttons kept for browsers without JavaScript), a snippet per
result, "bedoelde je", tags that link into the filtered casebook, privacy-aware counts."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from casebook.case_search.indexing import case_index_rebuild
from casebook.factories import CasePageFactory, RegionFactory
from casebook.models import Law, LawArticle, ProblemDomain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_engine(settings):
    settings.SEARCH_BACKEND = "search.backends.database.DatabaseBackend"
    settings.ELASTICSEARCH_URL = ""
    settings.OPENSEARCH_URL = ""
    settings.SEARCH_ENGINE = ""
    cache.clear()
    yield
    cache.clear()


def _domains(*names: str) -> list[ProblemDomain]:
    return [ProblemDomain.objects.get(name=name) for name in names]


@pytest.fixture
def cases(index):
    pw = Law.objects.get(name="Participatiewet")
    wmo = Law.objects.get(name="Wmo 2015")
    zwolle, deventer = RegionFactory(name="Zwolle"), RegionFactory(name="Deventer")
    common = {
        "parent": index,
        "perspective": "Rust.",
        "barrier": "Regels.",
        "breakthrough": "Een uitzondering.",
    }
    CasePageFactory(
        title="Huurachterstand betaald uit bijzondere bijstand",
        household="Moeder met twee kinderen",
        situation="Het gezin kreeg een aanzegging tot ontruiming door de huurachterstand.",
        region=zwolle,
        year=2024,
        domains=_domains("Schulden", "Wonen"),
        legal_bases=[(pw, LawArticle.objects.get(law=pw, article="35 lid 1"), "Kosten.")],
        **common,
    )
    CasePageFactory(
        title="Begeleiding thuis na een opname",
        household="Alleenstaande vader",
        situation="Na de opname liep de administratie vast en groeiden de schulden.",
        region=zwolle,
        year=2025,
        domains=_domains("Schulden", "Psychische gezondheid"),
        legal_bases=[(wmo, None, "Maatwerk.")],
        **common,
    )
    CasePageFactory(
        title="Medicijnen vergoed via de gemeente",
        household="Oudere man",
        situation="Hij kon zijn medicijnen niet meer betalen.",
        region=deventer,
        year=2024,
        domains=_domains("Schulden"),
        legal_bases=[(pw, None, "")],
        **common,
    )
    case_index_rebuild()
    return index


def _soup(client, index, **params) -> BeautifulSoup:
    response = client.get(index.url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def test_active_filters_are_chips_that_each_remove_one_value(client, cases):
    soup = _soup(client, cases, domain=["schulden", "Wonen"], law="pw", q="huur")

    chips = soup.select("a.case-chip")
    assert [chip["aria-label"] for chip in chips] == [
        "Verwijder filter Schulden",
        "Verwijder filter Wonen",
        "Verwijder filter Participatiewet",
    ]
    # Each chip is the same search without that value (names as the taxonomy spells them).
    assert _query(chips[0]["href"]) == {
        "q": ["huur"],
        "domain": ["Wonen"],
        "law": ["Participatiewet"],
    }
    assert _query(chips[2]["href"]) == {"q": ["huur"], "domain": ["Schulden", "Wonen"]}
    clear = soup.find("a", string="Alles wissen")
    assert _query(clear["href"]) == {"q": ["huur"]}
    # The folded "Filters" button says how many are chosen.
    assert soup.select_one("#case-filters-count").get_text(strip=True) == "3 gekozen"

    # Following a chip removes the filter.
    soup = _soup(client, cases, **_query(chips[1]["href"]))
    assert [chip.get_text(" ", strip=True) for chip in soup.select("a.case-chip")] == [
        "Schulden ×",
        "Participatiewet ×",
    ]


def test_no_chips_without_filters(client, cases):
    soup = _soup(client, cases)

    assert soup.select("a.case-chip") == []
    assert soup.find("a", string="Alles wissen") is None


def test_filters_apply_on_change_with_the_buttons_kept_without_javascript(client, cases):
    soup = _soup(client, cases)

    form = soup.select_one("form[data-case-filters]")
    assert form is not None and form["method"] == "get"
    script = soup.find("script", src=lambda src: src and src.endswith("js/case-filters.js"))
    assert script is not None and script.has_attr("defer")
    # The buttons stay in the page (for browsers without JavaScript); the script hides them.
    apply = [button.get_text(strip=True) for button in form.select("button[data-case-apply]")]
    assert apply == ["Filters toepassen", "Sorteren"]
    # What the script swaps has an id, and the live count is kept outside it.
    assert {part["id"] for part in soup.select("[data-case-swap]")} >= {
        "case-filters-body",
        "case-results-body",
        "case-filters-count",
    }
    assert soup.select_one("#case-results-count")["role"] == "status"


def test_each_result_has_a_snippet_with_the_query_marked(client, cases):
    soup = _soup(client, cases, q="huurachterstand")

    cards = soup.select(".case-card")
    assert len(cards) == 1
    snippet = cards[0].select_one(".case-card__snippet")
    assert [mark.get_text() for mark in snippet.find_all("mark")] == ["huurachterstand"]
    assert "aanzegging tot ontruiming" in snippet.get_text()


def test_without_a_query_the_snippet_is_the_start_of_the_situation(client, cases):
    soup = _soup(client, cases, domain="Psychische gezondheid")

    snippet = soup.select_one(".case-card .case-card__snippet")
    assert snippet.get_text(strip=True).startswith("Na de opname liep de administratie")
    assert snippet.find("mark") is None


def test_a_misspelt_query_gets_bedoelde_je(client, cases):
    soup = _soup(client, cases, q="medicijnn", domain="Schulden")

    suggestion = soup.select_one(".case-results__suggestion a")
    assert suggestion.get_text() == "medicijnen"
    assert _query(suggestion["href"]) == {"q": ["medicijnen"], "domain": ["Schulden"]}
    soup = _soup(client, cases, **_query(suggestion["href"]))
    assert [a.get_text() for a in soup.select(".case-card__title a")] == [
        "Medicijnen vergoed via de gemeente"
    ]


def test_no_suggestion_when_the_query_finds_enough(client, cases):
    soup = _soup(client, cases, q="schulden")

    assert soup.select_one(".case-results__suggestion") is None


def test_domain_law_and_region_tags_on_a_card_link_into_the_filtered_casebook(client, cases):
    soup = _soup(client, cases, q="huurachterstand")
    card = soup.select_one(".case-card")

    links = {a["aria-label"]: a["href"] for a in card.select("a.case-tag")}
    assert links == {
        "Alle casussen met Schulden": f"{cases.url}?domain=Schulden",
        "Alle casussen met Wonen": f"{cases.url}?domain=Wonen",
        "Alle casussen met de Participatiewet": f"{cases.url}?law=Participatiewet",
        "Alle casussen in Zwolle": f"{cases.url}?region=Zwolle",
    }
    soup = _soup(client, cases, region="Zwolle")
    assert len(soup.select(".case-card")) == 2


def test_counts_below_three_read_minder_dan_3_with_a_region_or_year(client, cases):
    soup = _soup(client, cases, year="2024")

    assert soup.select_one("#case-results-count").get_text(strip=True) == (
        "minder dan 3 casussen gevonden"
    )
    assert len(soup.select(".case-card")) == 2  # the results themselves are listed
    label = soup.select_one("input[name=region][value=Zwolle]").find_next_sibling("label")
    assert label.get_text(" ", strip=True) == "Zwolle (minder dan 3)"

    soup = _soup(client, cases, domain="Schulden")
    assert soup.select_one("#case-results-count").get_text(strip=True) == "3 casussen gevonden"
    label = soup.select_one("input[name=domain][value=Schulden]").find_next_sibling("label")
    assert " ".join(label.get_text(" ", strip=True).split()) in {
        "Schulden (3 casussen)",
        "Schulden (3 casussen )",
    }


def test_the_region_and_year_facets_withhold_small_counts_without_a_filter(client, cases):
    """A region or year facet's count is that region or year with the other filters: it
    would tell what choosing the region withholds ("minder dan 3"), so it is withheld too."""
    soup = _soup(client, cases, domain="Schulden")

    label = soup.select_one("input[name=region][value=Zwolle]").find_next_sibling("label")
    assert label.get_text(" ", strip=True) == "Zwolle (minder dan 3)"
    assert "minder dan 3" in _soup(client, cases, region="Zwolle", domain="Schulden").select_one(
        "#case-results-count"
    ).get_text(strip=True)


def test_queries_per_page_stay_constant_with_snippets(client, cases, django_assert_max_num_queries):
    client.get(cases.url, {"q": "schulden"})  # warm the caches
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    with CaptureQueriesContext(connection) as few:
        client.get(cases.url, {"q": "schulden", "domain": "Schulden"})
    for number in range(5):
        CasePageFactory(
            parent=cases,
            title=f"Schulden geregeld {number}",
            situation="Schulden en nog eens schulden.",
            region=RegionFactory(name="Zwolle"),
            domains=_domains("Schulden"),
        )
    case_index_rebuild()
    with django_assert_max_num_queries(len(few.captured_queries)):
        soup = _soup(client, cases, q="schulden", domain="Schulden")
    assert len(soup.select(".case-card__snippet mark")) >= 5


def test_a_free_text_naming_a_region_withholds_small_counts_like_the_filter(client, cases):
    """Region names are searchable text: "zwolle" finds the region's cases as the filter
    does, so its counts are withheld the same way (page and API)."""
    for q in ("zwolle", "ZWOLLE schulden"):
        soup = _soup(client, cases, q=q)
        assert soup.select_one("#case-results-count").get_text(strip=True) == (
            "minder dan 3 casussen gevonden"
        )
        data = client.get("/api/v1/cases/", {"q": q}).json()
        assert data["total"] is None and data["total_label"] == "minder dan 3"

    soup = _soup(client, cases, q="zwolsche")  # not a region name: a number
    assert "minder dan" not in soup.select_one("#case-results-count").get_text(strip=True)


def test_a_shown_count_is_in_dutch_notation():
    from casebook.case_search.counts import shown_count  # noqa: PLC0415

    assert shown_count(2400, protected=True).label == "2.400"
    assert shown_count(2, protected=False).label == "2"
    assert shown_count(2, protected=True).label == "minder dan 3"
