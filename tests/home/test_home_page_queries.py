"""Queries per page stay few and fixed for content pages and standards, logged in or
not: the menu, the footer, privacy and the page tree cost nothing once cached."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from portal.accounts.factories import UserFactory
from portal.core import page_cache
from portal.home.factories import ContentPageFactory
from portal.standards.factories import StandardPageFactory

MAX_QUERIES = 14


@pytest.fixture(autouse=True)
def _page_cache_kept(monkeypatch):
    """Counted requests follow the warm-up at once, but a busy machine may take more
    than the process-local cache's ten seconds: keep its values for the test."""
    monkeypatch.setattr(page_cache, "LOCAL_TIMEOUT", 3600)


@pytest.fixture
def member(client, db):
    client.force_login(UserFactory(email="lid@example.org"))
    return client


def warm(client, url: str) -> None:
    client.get(url)  # creates the footer settings (a change: a new generation)
    client.get(url)  # fills the caches


def test_standard_page_stays_under_fifteen_queries(
    member, standards_index, django_assert_max_num_queries
):
    for _number in range(3):
        ContentPageFactory(parent=standards_index.get_parent(), show_in_menus=True)
    standard = StandardPageFactory(parent=standards_index, title="Aanmelden bij het IPW")
    warm(member, standard.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = member.get(standard.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text(strip=True).startswith("Aanmelden bij het IPW")


def test_deep_content_page_costs_the_same_as_a_shallow_one(
    client, site_root, django_assert_max_num_queries
):
    parent = site_root
    for depth in range(5):
        parent = ContentPageFactory(parent=parent, title=f"Niveau {depth}")
    warm(client, parent.url)
    with django_assert_max_num_queries(6):
        response = client.get(parent.url)
    soup = BeautifulSoup(response.content, "html.parser")
    crumbs = soup.find("nav", attrs={"aria-label": "Kruimelpad"})
    assert [a.get_text(strip=True) for a in crumbs.find_all("a")] == [
        "Home",
        "Niveau 0",
        "Niveau 1",
        "Niveau 2",
        "Niveau 3",
    ]


def test_an_unknown_address_is_still_not_found(client, site_root):
    page = ContentPageFactory(parent=site_root, title="Bestaat")
    assert client.get(page.url + "bestaat-niet/").status_code == 404
    assert client.get("/bestaat-niet/ook-niet/").status_code == 404


def test_a_draft_page_is_not_served(client, site_root):
    page = ContentPageFactory(parent=site_root, title="Concept", live=False)
    assert client.get(page.url).status_code == 404
