"""Error answers people can meet by normal use are Dutch pages in the site's layout (JSON
on the API, for every status): an expired form (CSRF), a post over the size limit, not
found, a method the API does not take (405), an error (500). (No access:
tests/learning/test_practice_plan_views.py, a team lead writing in a shared plan.)"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def heading(response) -> str:
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "nl"
    assert page.find("nav", attrs={"aria-label": "Hoofdmenu"}) is not None  # site layout
    return page.h1.get_text(strip=True)


def test_an_expired_form_gets_a_dutch_page_that_says_what_to_do(site_root):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("helpline_question"), {"question": "Mijn vraag"})
    assert response.status_code == 403
    assert heading(response) == "Je formulier is verlopen"
    assert "er is niets opgeslagen" in response.content.decode()


def test_the_api_answers_json_without_a_csrf_token():
    # The endpoints are read-only and answer a POST with 405 (tests/search/test_api.py);
    # any other address under /api/ still checks the token, and says so in JSON.
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/bestaat-niet/", {})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert "CSRF" in json.loads(response.content)["detail"]


def test_a_post_to_an_api_endpoint_gets_405_in_json():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/cases/", {})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert json.loads(response.content)["detail"].startswith("De methode POST is hier niet")


def test_an_error_in_the_api_answers_json(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("casebook.case_search.api.case_search", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/cases/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content) == {
        "detail": "Er ging iets mis aan onze kant. Probeer het later opnieuw."
    }


def test_a_post_over_the_size_limit_says_what_the_limit_is(client, site_root, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    response = client.post(reverse("helpline_question"), {"question": "x" * 200_000})
    assert response.status_code == 400
    assert heading(response) == "Dit verzoek kunnen we niet verwerken"
    assert "groter dan 97,7 KB" in " ".join(response.content.decode().split())


def test_an_unknown_api_address_answers_json(client):
    response = client.get("/api/v1/bestaat-niet/")
    assert response.status_code == 404
    assert json.loads(response.content) == {"detail": "Niet gevonden."}
