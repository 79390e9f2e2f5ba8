"""A page read again is routed from the page-tree cache, and every change to the tree
shows on the next request: an edit, a move, an unpublish, privacy."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from wagtail.models import PageViewRestriction

from portal.core import page_cache
from portal.home.factories import ContentPageFactory


@pytest.fixture(autouse=True)
def _page_cache_kept(monkeypatch):
    monkeypatch.setattr(page_cache, "LOCAL_TIMEOUT", 3600)


def _heading(response) -> str:
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


@pytest.fixture
def deep_page(site_root):
    parent = site_root
    for depth in range(4):
        parent = ContentPageFactory(parent=parent, title=f"Niveau {depth}")
    return parent


def test_a_page_read_again_costs_no_routing_query(client, deep_page, django_assert_max_num_queries):
    client.get(deep_page.url)
    client.get(deep_page.url)
    with django_assert_max_num_queries(1):  # Wagtail's footer settings, nothing else
        response = client.get(deep_page.url)
    assert _heading(response) == "Niveau 3"
    crumbs = BeautifulSoup(response.content, "html.parser").find(
        "nav", attrs={"aria-label": "Kruimelpad"}
    )
    assert [a.get_text(strip=True) for a in crumbs.find_all("a")] == [
        "Home",
        "Niveau 0",
        "Niveau 1",
        "Niveau 2",
    ]


def test_a_published_edit_shows_at_once(client, deep_page):
    client.get(deep_page.url)
    deep_page.title = "Nieuwe titel"
    deep_page.save_revision().publish()
    assert _heading(client.get(deep_page.url)) == "Nieuwe titel"


def test_a_moved_page_answers_at_its_new_address(client, site_root, deep_page):
    old_url = deep_page.url
    client.get(old_url)
    deep_page.move(site_root, pos="last-child")
    deep_page.refresh_from_db()
    assert _heading(client.get(deep_page.url)) == "Niveau 3"
    # The old address is no longer the page: Wagtail's automatic redirect answers it.
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == deep_page.url


def test_an_unpublished_page_is_gone_at_once(client, deep_page):
    url = deep_page.url
    client.get(url)
    deep_page.unpublish()
    assert client.get(url).status_code == 404


def test_a_page_made_private_asks_for_a_login_at_once(client, deep_page):
    url = deep_page.url
    client.get(url)
    PageViewRestriction.objects.create(
        page=deep_page.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_made_up_addresses_are_not_kept(client, deep_page):
    client.get(deep_page.url)
    for number in range(5):
        assert client.get(f"/bestaat-niet-{number}/").status_code == 404
        assert client.get(f"{deep_page.url}ook-niet-{number}/").status_code == 404
    keys = list(caches["default"]._cache)  # the test settings' LocMemCache
    # Only the real page's route is kept, not one per made-up address.
    assert len([key for key in keys if ":route:" in key]) == 1
