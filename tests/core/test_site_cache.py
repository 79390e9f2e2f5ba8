"""Wagtail's site of a request comes from the page-tree cache: no site or root page
query per request, and a changed site or home page shows on the next request."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from portal.core import page_cache
from portal.home.factories import ContentPageFactory


@pytest.fixture(autouse=True)
def _page_cache_kept(monkeypatch):
    monkeypatch.setattr(page_cache, "LOCAL_TIMEOUT", 3600)


def _tables(queries: list[dict]) -> str:
    return " ".join(query["sql"] for query in queries)


def test_a_page_is_served_without_asking_for_the_site_or_the_home_page(client, site_root):
    page = ContentPageFactory(parent=site_root, title="Over de methode")
    client.get(page.url)
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True) == (
        "Over de methode"
    )
    sql = _tables(queries.captured_queries)
    assert "wagtailcore_site" not in sql
    assert "home_homepage" not in sql


def test_a_renamed_site_and_an_edited_home_page_show_at_once(client, site_root):
    client.get("/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Leeromgeving Noord"
    site.save()
    site_root.title = "Welkom in de leeromgeving"
    site_root.save_revision().publish()
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert "Leeromgeving Noord" in soup.title.get_text()
    assert "Welkom in de leeromgeving" in soup.title.get_text()


def test_an_unknown_host_gets_the_default_site(client, site_root, settings):
    settings.ALLOWED_HOSTS = ["localhost", "andere.example.nl"]
    page = ContentPageFactory(parent=site_root, title="Contact")
    client.get(page.url)
    response = client.get(page.url, HTTP_HOST="andere.example.nl")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True) == "Contact"
