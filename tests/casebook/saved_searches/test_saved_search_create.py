"""Saving the casebook's current search: the parameters the casebook form validates,
normalised (names as the taxonomy spells them, sorted, no page, unknown ones left out),
a default name from query and filters, the anonymisation guard on the name and the query
(typed text kept), the limit and the same search twice refused in Dutch, and the box on
the casebook page for visitors and professionals."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from casebook.models import AlertFrequency, SavedSearch
from casebook.saved_searches import services
from casebook.saved_searches.params import search_normalise

pytestmark = pytest.mark.django_db

SAVE = "/zoekopdrachten/bewaren/"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_search_is_stored_as_the_casebook_form_normalises_it(client, professional, cases):
    client.force_login(professional)
    response = client.post(
        SAVE,
        {
            "q": "  huur ",
            "domain": ["wonen", "SCHULDEN", "Wonen"],
            "region": ["Atlantis"],  # unknown: left out, as the casebook leaves it out
            "year": ["2024"],
            "sort": "relevance",
            "page": "3",
            "name": "",
            "frequency": "weekly",
        },
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=professional)
    assert saved.query == "huur"
    assert saved.filters == {"domain": ["Schulden", "Wonen"], "year": [2024]}
    assert saved.name == "‘huur’ · Schulden en Wonen · 2024"
    assert saved.frequency == AlertFrequency.WEEKLY
    # Back to the casebook with the same search applied.
    assert response["Location"] == "/casussen/?q=huur&domain=Schulden&domain=Wonen&year=2024"


def test_the_same_search_typed_differently_normalises_the_same():
    first = search_normalise(data={"domain": ["Wonen", "Schulden"], "page": "2"})
    second = search_normalise(data={"domain": ["schulden", "wonen"], "sort": "relevance"})
    assert first == second == ("", {"domain": ["Schulden", "Wonen"]})


def test_a_name_with_personal_data_is_refused_and_what_was_typed_is_kept(
    client, professional, cases
):
    client.force_login(professional)
    response = client.post(
        SAVE,
        {"domain": "Schulden", "name": "Gezin van Fatima bel 06-12345678", "frequency": "none"},
    )
    assert response.status_code == 400
    page = soup(response)
    alert = page.select_one("[role=alert]").get_text(" ", strip=True)
    assert "Naam" in alert and "telefoonnummer" in alert.lower()
    assert page.select_one("#saved-search-name")["value"] == "Gezin van Fatima bel 06-12345678"
    # The search itself is kept as well (hidden), so saving again needs no retyping.
    assert page.select_one("input[type=hidden][name=domain]")["value"] == "Schulden"
    assert not SavedSearch.objects.exists()


def test_a_query_with_personal_data_is_refused_at_the_query(client, professional, cases):
    client.force_login(professional)
    response = client.post(
        SAVE, {"q": "bsn 111222333", "name": "Mijn zoekopdracht", "frequency": "none"}
    )
    assert response.status_code == 400
    page = soup(response)
    field = page.select_one("#saved-search-q")
    assert field["value"] == "bsn 111222333"
    assert "BSN" in page.select_one("[role=alert]").get_text(" ", strip=True)
    assert not SavedSearch.objects.exists()


def test_at_most_the_limit_with_a_dutch_message(client, professional, cases, settings):
    settings.CASEBOOK_SAVED_SEARCHES_MAX = 2
    for name in ("Wonen", "Schulden"):
        services.saved_search_create(
            user=professional, name=name, query="", filters={"domain": [name]}
        )
    client.force_login(professional)
    response = client.post(SAVE, {"q": "huur", "name": "Derde", "frequency": "none"})
    assert response.status_code == 400
    assert "Je kunt hoogstens 2 zoekopdrachten bewaren" in response.content.decode()
    assert soup(response).select_one("#saved-search-name")["value"] == "Derde"
    assert SavedSearch.objects.count() == 2


def test_the_same_search_twice_is_refused(professional, cases):
    services.saved_search_create(
        user=professional, name="Wonen", query="", filters={"domain": ["Wonen"]}
    )
    with pytest.raises(Exception, match="al bewaard als ‘Wonen’"):
        services.saved_search_create(
            user=professional, name="Anders", query="", filters={"domain": ["Wonen"]}
        )


def test_a_visitor_sees_a_login_link_that_returns_to_the_save_form(client, cases):
    response = client.get("/casussen/", {"domain": "Schulden"})
    link = soup(response).find("a", string="Log in om deze zoekopdracht te bewaren")
    assert link is not None
    assert link["href"].startswith("/accounts/login/?next=")
    assert "zoekopdrachten%2Fbewaren%2F%3Fdomain%3DSchulden" in link["href"]
    assert soup(response).select_one(".saved-search-box form") is None


def test_after_login_the_save_form_shows_the_search(client, professional, cases):
    client.force_login(professional)
    response = client.get(SAVE, {"domain": "schulden", "q": "huur"})
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Zoekopdracht bewaren"
    assert page.select_one("#saved-search-name")["value"] == "‘huur’ · Schulden"
    assert page.select_one("#saved-search-q")["value"] == "huur"


def test_a_professional_saves_from_the_casebook_and_then_sees_it_saved(client, professional, cases):
    client.force_login(professional)
    response = client.get("/casussen/", {"domain": ["Wonen", "Schulden"]})
    box = soup(response).select_one(".saved-search-box")
    form = box.find("form")
    assert "Je bewaart: Schulden en Wonen" in box.get_text(" ", strip=True)
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    data["domain"] = [i["value"] for i in form.select("input[name=domain]")]
    data["frequency"] = "daily"
    response = client.post(form["action"], data, follow=True)
    assert "Zoekopdracht ‘Schulden en Wonen’ bewaard." in response.content.decode()
    box = soup(response).select_one(".saved-search-box")
    assert "Je hebt deze zoekopdracht bewaard als ‘Schulden en Wonen’" in box.get_text(
        " ", strip=True
    )
    assert box.find("form") is None


def test_the_box_costs_one_query_for_a_professional(client, professional, cases):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/casussen/")  # warm caches (site root, content types)
    with CaptureQueriesContext(connection) as anonymous:
        client.get("/casussen/", {"domain": "Wonen"})
    # Read now: captured_queries slices the query log, which the next request resets.
    anonymous_queries = list(anonymous.captured_queries)
    client.force_login(professional)
    client.get("/casussen/")
    with CaptureQueriesContext(connection) as logged_in:
        client.get("/casussen/", {"domain": "Wonen"})
    saved = [q for q in logged_in.captured_queries if "casebook_savedsearch" in q["sql"]]
    assert len(saved) == 1
    assert not [q for q in anonymous_queries if "casebook_savedsearch" in q["sql"]]


def test_saving_requires_a_login(client, cases):
    response = client.post(SAVE, {"domain": "Wonen", "name": "x", "frequency": "none"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not SavedSearch.objects.exists()
