"""The main menu: the live, public children of the site's root page that editors marked
"Tonen in menu's", in the editors' order.

Built in one query and kept in Django's cache per site (portal.core.page_cache): a
publish, unpublish, move, delete or privacy change anywhere in the tree starts a new
generation, so the next request builds the menu afresh. What is cached are plain
values (title, URL, tree path), never per-request state.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction, Site

from portal.core.page_cache import page_tree_cached


@dataclass(frozen=True)
class MenuItem:
    pk: int
    title: str
    url: str
    path: str
    depth: int


@dataclass(frozen=True)
class MainMenu:
    site_root: MenuItem | None
    items: tuple[MenuItem, ...] = ()


def _item(page: Page, request: HttpRequest | None) -> MenuItem:
    return MenuItem(
        pk=page.pk,
        title=page.title,
        url=page.get_url(request=request) or "",
        path=page.path,
        depth=page.depth,
    )


def main_menu_build(*, site: Site, request: HttpRequest | None = None) -> MainMenu:
    """The menu of `site` in one query: restricted pages (or a restricted root) are
    left out in the same SQL, as Wagtail's `.public()` would."""
    root = site.root_page
    steplen = Page.steplen
    root_and_ancestors = [root.path[:end] for end in range(steplen, len(root.path) + 1, steplen)]
    restricted = PageViewRestriction.objects.filter(
        Q(page_id=OuterRef("pk")) | Q(page__path__in=root_and_ancestors)
    )
    children = (
        Page.objects.child_of(root).live().in_menu().filter(~Exists(restricted)).order_by("path")
    )
    return MainMenu(
        site_root=_item(root, request),
        items=tuple(_item(page, request) for page in children),
    )


def main_menu(*, request: HttpRequest) -> MainMenu:
    """The menu for this request's site, from the cache when the tree has not changed."""
    site = Site.find_for_request(request)
    if site is None:
        return MainMenu(site_root=None)
    return page_tree_cached(
        f"main-menu:site:{site.pk}", lambda: main_menu_build(site=site, request=request)
    )
