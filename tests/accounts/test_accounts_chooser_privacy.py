"""Staff without edit rights on pages (the Hulplijn group) read no titles of draft or
private pages in the Wagtail admin: not in the page chooser (browse, search, the
"chosen" answer), not in the move views, not in any admin view that takes a page id.
Editors and moderators still see every page they may work on."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page, PageViewRestriction

from portal.accounts.admin_page_privacy import pages_visible_to
from portal.accounts.factories import client_login_with_mfa
from portal.helpline.factories import hulplijn_staff
from portal.home.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

PUBLIC = "Vogel Koolmees openbaar"
DRAFT = "Vogel Zwaluw concept"
PRIVATE = "Vogel Merel besloten"
UNDER_PRIVATE = "Vogel Uil onder besloten"
UNDER_DRAFT = "Vogel Reiger onder concept"
PENDING_LIVE = "Vogel Specht gepubliceerd"
PENDING_DRAFT = "Vogel Specht nieuwe titel"
HIDDEN = (DRAFT, PRIVATE, UNDER_PRIVATE, UNDER_DRAFT, PENDING_DRAFT)


@pytest.fixture
def pages(home) -> dict[str, Page]:
    public = ContentPageFactory(parent=home, title=PUBLIC)
    draft = ContentPageFactory(parent=home, title=DRAFT, live=False, has_unpublished_changes=True)
    private = ContentPageFactory(parent=home, title=PRIVATE)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    under_private = ContentPageFactory(parent=private, title=UNDER_PRIVATE)
    under_draft = ContentPageFactory(parent=draft, title=UNDER_DRAFT)
    pending = ContentPageFactory(parent=home, title=PENDING_LIVE)
    pending.title = PENDING_DRAFT
    pending.save_revision()  # a title change waiting in a draft: draft_title changes
    return {
        "home": home,
        "public": public,
        "draft": draft,
        "private": private,
        "under_private": under_private,
        "under_draft": under_draft,
        "pending": pending,
    }


@pytest.fixture
def helpline_client(client, pages):
    client_login_with_mfa(client, hulplijn_staff(email="hulp@ipw.example.org"))
    return client


def hidden_titles_in(html: str) -> list[str]:
    return [title for title in HIDDEN if title in html]


# --- The page chooser -----------------------------------------------------------------


def test_helpline_staff_browse_only_public_published_pages(helpline_client, pages):
    response = helpline_client.get(f"/admin/choose-page/{pages['home'].pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert PUBLIC in html
    assert hidden_titles_in(html) == []


def test_helpline_staff_search_finds_no_draft_or_private_titles(helpline_client, pages):
    response = helpline_client.get("/admin/choose-page/search/", {"q": "Vogel"})

    assert response.status_code == 200
    html = response.content.decode()
    assert PUBLIC in html
    assert hidden_titles_in(html) == []


@pytest.mark.parametrize("name", ["draft", "private", "under_private", "pending"])
def test_helpline_staff_cannot_browse_into_a_hidden_page(helpline_client, pages, name):
    response = helpline_client.get(f"/admin/choose-page/{pages[name].pk}/")

    assert response.status_code == 404
    assert hidden_titles_in(response.content.decode()) == []


def test_helpline_staff_get_no_hidden_page_as_the_first_page_of_a_page_type(helpline_client, pages):
    """Asked for one page type, the chooser opens at the pages' first common ancestor:
    a draft there is hidden too."""
    from portal.standards.factories import StandardIndexPageFactory

    StandardIndexPageFactory(parent=pages["draft"])
    opens_at_draft = helpline_client.get(
        "/admin/choose-page/", {"page_type": "standards.standardindexpage"}
    )
    opens_at_home = helpline_client.get("/admin/choose-page/", {"page_type": "home.contentpage"})

    assert opens_at_draft.status_code == 404
    assert hidden_titles_in(opens_at_draft.content.decode()) == []
    assert opens_at_home.status_code == 200
    assert hidden_titles_in(opens_at_home.content.decode()) == []


def test_helpline_staff_chosen_answer_names_no_hidden_page(helpline_client, pages):
    for name in ("draft", "private", "under_draft", "pending"):
        response = helpline_client.get(
            "/admin/choose-page/chosen-multiple/", {"id": [pages["public"].pk, pages[name].pk]}
        )
        assert response.status_code == 404, name
        assert hidden_titles_in(response.content.decode()) == []

    response = helpline_client.get(
        "/admin/choose-page/chosen-multiple/", {"id": [pages["public"].pk]}
    )
    assert response.status_code == 200
    assert PUBLIC in response.content.decode()


def test_editor_still_sees_drafts_and_private_pages_in_the_chooser(client, pages, editor):
    client_login_with_mfa(client, editor)

    browse = client.get(f"/admin/choose-page/{pages['home'].pk}/").content.decode()
    search = client.get("/admin/choose-page/search/", {"q": "Vogel"}).content.decode()

    for html in (browse, search):
        assert PUBLIC in html
        assert DRAFT in html
        assert PRIVATE in html
        assert PENDING_DRAFT in html
    assert UNDER_PRIVATE in search
    assert UNDER_DRAFT in search
    assert client.get(f"/admin/choose-page/{pages['draft'].pk}/").status_code == 200


def test_rights_on_a_section_open_that_section_and_its_ancestors_only(pages, editor):
    """Permission on the private section only: its pages and the way to them, no drafts
    elsewhere (the pages Wagtail's explorer would show)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name="Sectieredactie")
    GroupPagePermission.objects.create(
        group=group,
        page=pages["private"],
        permission=Permission.objects.get(codename="change_page"),
    )
    user = hulplijn_staff(email="sectie@ipw.example.org")
    user.groups.add(group)

    titles = set(
        pages_visible_to(pages=Page.objects.all(), user=user).values_list("title", flat=True)
    )

    assert {PUBLIC, PRIVATE, UNDER_PRIVATE, pages["home"].title} <= titles
    assert {DRAFT, UNDER_DRAFT} & titles == set()


# --- Moving pages ---------------------------------------------------------------------


def test_helpline_staff_get_no_titles_from_the_move_views(helpline_client, pages):
    urls = [
        f"/admin/pages/{pages['draft'].pk}/move/",
        f"/admin/pages/{pages['draft'].pk}/move/{pages['home'].pk}/confirm/",
        f"/admin/pages/{pages['public'].pk}/move/{pages['private'].pk}/confirm/",
        f"/admin/pages/{pages['pending'].pk}/move/{pages['public'].pk}/confirm/",
    ]
    for url in urls:
        response = helpline_client.get(url, follow=True)
        assert hidden_titles_in(response.content.decode()) == [], url
        assert "confirm_move" not in response.templates[0].name, url


def test_helpline_staff_may_not_confirm_a_move_of_public_pages_either(helpline_client, pages):
    other = ContentPageFactory(parent=pages["home"], title="Vogel Mus openbaar")
    url = f"/admin/pages/{pages['public'].pk}/move/{other.pk}/confirm/"

    response = helpline_client.get(url)

    assert response.status_code in (302, 403)
    assert PUBLIC not in response.content.decode()
    assert helpline_client.post(url).status_code in (302, 403)
    pages["public"].refresh_from_db()
    assert pages["public"].get_parent().pk == pages["home"].pk


def test_moderator_still_confirms_moves(client, pages, moderator):
    client_login_with_mfa(client, moderator)
    target = ContentPageFactory(parent=pages["home"], title="Vogel Gaai doel")

    response = client.get(f"/admin/pages/{pages['draft'].pk}/move/{target.pk}/confirm/")

    assert response.status_code == 200
    assert DRAFT in response.content.decode()


# --- Every admin view that takes a page id --------------------------------------------


def _admin_routes(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _admin_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if route.startswith("admin/") and "<" in route and "(" not in route:
                yield route


def test_no_admin_view_shows_helpline_staff_a_hidden_title(helpline_client, pages):
    """Every admin URL with parameters, each filled with the id of every hidden page (and
    the same id as ?id= and a search for the shared word): no hidden title anywhere."""
    ids = [pages[name].pk for name in ("draft", "private", "under_draft", "pending")]
    leaks = []
    routes = sorted(set(_admin_routes(get_resolver().url_patterns)))
    assert any("choose-page" in route for route in routes)
    for route in routes:
        for pk in ids:
            url = "/" + re.sub(r"<(?:\w+:)?\w+>", str(pk), route)
            response = helpline_client.get(url, {"q": "Vogel", "id": pk})
            if hidden_titles_in(response.content.decode(errors="replace")):
                leaks.append(f"{response.status_code} {url}")
    assert leaks == []
