"""An address that is too long: the search forms keep queries short (`maxlength`, the
server's limit), and an address over MAX_URL_LENGTH gets a Dutch 414 page in the site
layout (JSON on the API) before gunicorn's own, bare 414 would."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from gunicorn.config import Config

from search.text import MAX_QUERY_CHARS

pytestmark = pytest.mark.django_db

SEARCH = "/zoeken/"


def too_long_query() -> str:
    return "schulden " * (settings.MAX_URL_LENGTH // 9 + 1)


def search_inputs(html: bytes) -> list:
    page = BeautifulSoup(html, "html.parser")
    return [
        field
        for field in page.find_all("input")
        if field.get("type") == "search" or field.get("name") == "q"
    ]


# --- maxlength: the limit in the forms ------------------------------------------------


def test_every_search_input_has_the_servers_query_limit_as_maxlength(client, case_index):
    pages = {
        "home (header)": client.get("/"),
        "site search": client.get(SEARCH, {"q": "schulden"}),
        "case listing": client.get(case_index.url),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        inputs = search_inputs(response.content)
        assert inputs, name
        for field in inputs:
            assert field.get("maxlength") == str(MAX_QUERY_CHARS), (name, field.get("id"))
    assert len(search_inputs(pages["site search"].content)) == 2  # header and the form
    assert len(search_inputs(pages["case listing"].content)) == 2


def test_the_longest_query_a_form_sends_stays_under_the_address_limit(client, case_index):
    # Accented letters take six characters each in the address (é = %C3%A9).
    query = "é" * MAX_QUERY_CHARS
    assert client.get(SEARCH, {"q": query}).status_code == 200
    assert client.get(case_index.url, {"q": query, "sort": "recent"}).status_code == 200


# --- 414 ------------------------------------------------------------------------------


def test_a_long_address_gets_a_dutch_414_page_in_the_site_layout(site_root):
    query = too_long_query()

    response = Client().get(SEARCH, {"q": query})

    assert response.status_code == 414
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "nl"
    assert page.find("nav", attrs={"aria-label": "Hoofdmenu"}) is not None
    assert page.h1.get_text(strip=True) == "Dit adres is te lang"
    assert f"langer dan {settings.MAX_URL_LENGTH} tekens" in page.get_text()
    # The layout does not link back to the address that is too long (login `next`).
    assert "schulden" not in response.content.decode()
    assert page.find("a", href="/accounts/login/") is not None


def test_a_logged_in_visitor_keeps_the_header_of_a_logged_in_visitor(site_root, editor):
    client = Client()
    client.force_login(editor)

    response = client.get(SEARCH, {"q": too_long_query()})

    assert response.status_code == 414
    assert "Mijn profiel" in response.content.decode()


def test_the_limit_counts_the_address_as_sent_percent_encoded(site_root):
    client = Client()
    # 700 letters, but 4,200 characters in the address.
    assert client.get(SEARCH, {"q": "é" * 700}).status_code == 414
    # Exactly at the limit is still answered.
    at_limit = SEARCH + "?q=" + "a" * (settings.MAX_URL_LENGTH - len(SEARCH) - 3)
    assert len(at_limit) == settings.MAX_URL_LENGTH
    assert client.get(at_limit).status_code == 200
    assert client.get(at_limit + "a").status_code == 414


def test_a_long_path_without_a_query_gets_414_too(site_root):
    response = Client().get("/" + "casus-" * 700 + "/")
    assert response.status_code == 414


def test_the_api_answers_414_in_json(site_root):
    response = Client().get("/api/v1/cases/", {"q": too_long_query()})

    assert response.status_code == 414
    assert response["Content-Type"].startswith("application/json")
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content) == {
        "detail": f"Het adres is langer dan {settings.MAX_URL_LENGTH} tekens."
    }


def test_the_limit_is_below_gunicorns_request_line_limit():
    """gunicorn (README, "Production deployment", run without a config) refuses a request
    line over limit_request_line with a bare 414: the longest method, the address and the
    protocol must fit, so every address over our limit that gunicorn lets through gets
    the Dutch page."""
    longest_line = len("OPTIONS ") + settings.MAX_URL_LENGTH + len(" HTTP/1.1")
    assert longest_line <= Config().limit_request_line
