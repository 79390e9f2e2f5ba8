"""The search page /zoeken/ and the autocomplete /zoeken/suggesties/, as a visitor
sees them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from portal.home.factories import ContentPageFactory
from search.text import query_truncate

pytestmark = pytest.mark.django_db

#: The 60,000-character queries test the view itself: without the Dutch 414 that
#: answers an address over MAX_URL_LENGTH first (tests/shell/test_views_414.py).
LONGER_ADDRESSES = override_settings(MAX_URL_LENGTH=1_000_000)


@pytest.fixture
def pages(search_backend, site_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(25):
            ContentPageFactory(
                parent=site_root,
                title=f"Schulden en wonen {number:02d}",
                intro="Een huishouden met schulden zoekt een woning.",
            )
        ContentPageFactory(parent=site_root, title="Huurachterstand", intro="Over huur.")


def test_results_show_count_type_snippet_and_pages(pages, client):
    response = client.get("/zoeken/", {"q": "schuld"})
    html = response.content.decode()

    assert response.status_code == 200
    assert 'role="search"' in html
    assert '<label class="utrecht-form-label" for="site-search-q">' in html
    assert 'role="status">25 resultaten voor ‘schuld’' in html
    assert "<mark>schulden</mark>" in html
    assert 'Pagina&#x27;s <span class="portal-count">(25)</span>' in html
    assert 'rel="next" href="?q=schuld&amp;page=2"' in html
    assert "Schulden en wonen 00" in html

    page_two = client.get("/zoeken/", {"q": "schuld", "page": "2"}).content.decode()
    assert page_two.count('class="site-result"') == 5


def test_bedoelde_u_links_to_the_suggestion(pages, client):
    html = client.get("/zoeken/", {"q": "hurachterstnd"}).content.decode()

    assert "0 resultaten" in html
    assert (
        'Bedoelde je: <a class="utrecht-link utrecht-link--html-a" href="?q=huurachterstand">'
        in html
    )


def test_empty_query_and_bad_parameters_get_dutch_messages(pages, client):
    html = client.get("/zoeken/", {"q": ""}).content.decode()
    assert "Vul een zoekterm in." in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="site-search-q-help site-search-q-error"' in html

    html = client.get("/zoeken/", {"q": "schuld", "type": "onzin", "page": "abc"}).content.decode()
    assert "Onbekende soort inhoud" in html
    assert "Een paginanummer is een geheel getal vanaf 1." in html
    assert "25 resultaten" in html  # the valid query still answers


@LONGER_ADDRESSES
def test_a_60000_character_query_is_cut_and_costs_what_its_cut_costs(pages, client):
    typed = "schulden " * 6700
    for _warm_up in range(2):  # the first creates the footer settings: a new generation
        client.get("/zoeken/", {"q": "schulden"})
    with CaptureQueriesContext(connection) as long_queries:
        response = client.get("/zoeken/", {"q": typed})
    with CaptureQueriesContext(connection) as cut_queries:
        client.get("/zoeken/", {"q": query_truncate(typed)})

    assert response.status_code == 200
    assert "Je zoekterm was te lang" in response.content.decode()
    assert "25 resultaten" in response.content.decode()
    # The work is bounded by the cut (500 characters), not by what was typed.
    sizes = [sum(len(q["sql"]) for q in c.captured_queries) for c in (long_queries, cut_queries)]
    assert sizes[0] <= sizes[1]


def test_queries_per_search_page_do_not_grow(
    pages, client, site_root, django_capture_on_commit_callbacks
):
    def queries() -> int:
        client.get("/zoeken/", {"q": "schuld"})  # warm caches (site, synonyms)
        with CaptureQueriesContext(connection) as captured:
            client.get("/zoeken/", {"q": "schuld"})
        return len(captured.captured_queries)

    before = queries()
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(20):
            ContentPageFactory(parent=site_root, title=f"Meer schulden {number}")
    # Not more (fewer, when enough results make the "bedoelde je" look-up unnecessary).
    assert queries() <= before <= 12


def test_autocomplete_returns_matching_titles_as_json(pages, client):
    response = client.get("/zoeken/suggesties/", {"q": "huurach"})

    assert response.status_code == 200
    assert response.json() == [
        {
            "title": "Huurachterstand",
            "url": "/huurachterstand/",
            "type": "page",
            "type_label": "Pagina",
        }
    ]
    assert "public" in response["Cache-Control"]
    assert client.get("/zoeken/suggesties/", {"q": "h"}).json() == []
    assert len(client.get("/zoeken/suggesties/", {"q": "schulden"}).json()) == 8
