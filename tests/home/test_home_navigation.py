"""The main menu: what it shows, that it is built in one query and cached, and that a
publish, unpublish, move, delete or privacy change shows on the next request."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from wagtail.models import PageViewRestriction, Site

from portal.core import page_cache
from portal.core.page_cache import page_tree_generation
from portal.home.factories import ContentPageFactory
from portal.home.navigation import main_menu, main_menu_build


@pytest.fixture(autouse=True)
def _page_cache_kept(monkeypatch):
    """Counted requests follow the warm-up at once, but a busy machine may take more
    than the process-local cache's ten seconds: keep its values for the test."""
    monkeypatch.setattr(page_cache, "LOCAL_TIMEOUT", 3600)


def menu_titles(client) -> list[str]:
    response = client.get("/")
    soup = BeautifulSoup(response.content, "html.parser")
    nav = soup.find("nav", attrs={"aria-label": "Hoofdmenu"})
    return [link.get_text(strip=True) for link in nav.find_all("a")]


@pytest.fixture
def menu_pages(site_root):
    about = ContentPageFactory(parent=site_root, title="Over de methode", show_in_menus=True)
    join = ContentPageFactory(parent=site_root, title="Meedoen", show_in_menus=True)
    ContentPageFactory(parent=site_root, title="Toegankelijkheid", show_in_menus=False)
    return about, join


def test_menu_shows_live_public_menu_pages_in_order(client, menu_pages):
    assert menu_titles(client) == ["Home", "Over de methode", "Meedoen", "Sessies"]


def test_menu_links_lead_to_the_pages_and_mark_the_current_one(client, menu_pages):
    about, _join = menu_pages
    response = client.get(about.url)
    soup = BeautifulSoup(response.content, "html.parser")
    nav = soup.find("nav", attrs={"aria-label": "Hoofdmenu"})
    current = nav.find("a", attrs={"aria-current": "page"})
    assert current.get_text(strip=True) == "Over de methode"
    assert current["href"] == about.url


def test_menu_is_built_in_one_query(
    rf: RequestFactory, menu_pages, site_root, django_assert_num_queries
):
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    request = rf.get("/")
    request._wagtail_site = site  # as Site.find_for_request leaves it
    main_menu_build(site=site, request=request)  # Wagtail caches the site root paths
    with django_assert_num_queries(1):
        menu = main_menu_build(site=site, request=request)
    assert [item.title for item in menu.items] == ["Over de methode", "Meedoen"]


def test_menu_comes_from_the_cache_until_the_tree_changes(
    rf: RequestFactory, menu_pages, site_root, django_assert_num_queries
):
    site = Site.objects.select_related("root_page").get(is_default_site=True)

    def request():
        request = rf.get("/")
        request._wagtail_site = site  # as Site.find_for_request leaves it
        return request

    main_menu(request=request())
    with django_assert_num_queries(0):
        menu = main_menu(request=request())
    assert [item.title for item in menu.items] == ["Over de methode", "Meedoen"]
    ContentPageFactory(parent=site_root, title="Erbij", show_in_menus=True)
    with django_assert_num_queries(1):
        menu = main_menu(request=request())
    assert [item.title for item in menu.items] == ["Over de methode", "Meedoen", "Erbij"]


def test_every_page_pays_no_query_for_a_cached_menu(
    client, menu_pages, django_assert_max_num_queries
):
    about, _join = menu_pages
    client.get(about.url)  # creates the footer settings (a change: a new generation)
    client.get(about.url)  # fills the caches
    # Site, home page, the route, the page: nothing for the menu or the footer.
    with django_assert_max_num_queries(5):
        response = client.get(about.url)
    assert response.status_code == 200


def test_a_published_page_shows_on_the_next_request(client, menu_pages, site_root):
    assert "Nieuw" not in menu_titles(client)
    page = ContentPageFactory(parent=site_root, title="Nieuw", show_in_menus=True, live=False)
    assert "Nieuw" not in menu_titles(client)
    page.save_revision().publish()
    assert "Nieuw" in menu_titles(client)


def test_an_unpublished_page_leaves_the_menu(client, menu_pages):
    about, _join = menu_pages
    assert "Over de methode" in menu_titles(client)
    about.unpublish()
    assert "Over de methode" not in menu_titles(client)


def test_a_deleted_page_leaves_the_menu(client, menu_pages):
    _about, join = menu_pages
    assert "Meedoen" in menu_titles(client)
    join.delete()
    assert "Meedoen" not in menu_titles(client)


def test_a_moved_page_leaves_the_menu_and_the_new_place_shows(client, menu_pages):
    about, join = menu_pages
    assert menu_titles(client) == ["Home", "Over de methode", "Meedoen", "Sessies"]
    join.move(about, pos="last-child")
    assert menu_titles(client) == ["Home", "Over de methode", "Sessies"]


def test_a_renamed_page_shows_its_new_title_after_publishing(client, menu_pages):
    about, _join = menu_pages
    menu_titles(client)
    about.title = "De methode"
    about.save_revision().publish()
    assert "De methode" in menu_titles(client)


def test_a_private_page_leaves_the_menu_and_stays_private(client, menu_pages):
    about, _join = menu_pages
    assert "Over de methode" in menu_titles(client)
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert "Over de methode" not in menu_titles(client)
    response = client.get(about.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_page_under_a_private_page_is_still_refused_to_visitors(client, menu_pages):
    about, _join = menu_pages
    child = ContentPageFactory(parent=about, title="Verdieping")
    assert client.get(child.url).status_code == 200  # the privacy shortcut is cached now
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(child.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_generation_changes_when_a_page_is_published(menu_pages, site_root):
    before = page_tree_generation()
    ContentPageFactory(parent=site_root, title="Nog een").save_revision().publish()
    assert page_tree_generation() != before
