"""Routing a URL to its page in two queries, however deep the page sits.

Wagtail's `Page.route` walks the tree one level at a time: for each slug a query for
the child and one for its specific object, so a lesson five levels down costs ten
queries before it is served. `page_tree_route` (called by the site root's `route`)
asks for every page on the way at once, by their URL paths (Wagtail keeps `url_path`
up to date on save and move), and loads only the last one's specific object.

Wagtail's rules stay: a page on the way whose class routes itself (a
`RoutablePageMixin` page, or any other `route` override) gets the rest of the path, as
in `Page.route`; a page on the way need not be live, the page served must be; a path
whose pages do not line up (an out-of-date `url_path`) is walked the Wagtail way.

The pages on the way are kept on the served page (`route_ancestors`), from the site
root down, so the breadcrumbs need no query of their own; and when none of them is
restricted (the cached restricted paths say so), Wagtail's privacy check before serving
needs no query either.

What a path leads to (the pages on the way and the specific page) is kept in the
page-tree cache (portal.core.page_cache): it changes only when a page is saved,
published, unpublished, moved or deleted, which starts a new generation. So a page read
again costs no routing query at all. Each request unpickles its own copy. Paths that
Wagtail walks itself (self-routing pages, out-of-date URL paths, 404s) are not cached,
so made-up addresses cannot fill the cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction

from .page_cache import page_is_public, page_tree_cached


@dataclass
class _Walk:
    """The pages of a URL's way found by their URL paths: `pages` from the root down as
    far as they line up; `stop` the index of the path component where they stop (None:
    the whole path), and whether the page there routes its own sub-paths."""

    pages: list[Page]
    stop: int | None = None
    self_routing: Page | None = None


class _WalkIt(Exception):
    """Wagtail must route this path itself; nothing is cached for it (so made-up
    addresses cannot fill the cache). Carries the walk, so it is not asked again."""

    def __init__(self, walk: _Walk) -> None:
        super().__init__()
        self.walk = walk


def page_tree_route(*, root: Page, request: HttpRequest, path_components: list[str]) -> Any:
    """`root.route(request, path_components)`: no query for a path read before under the
    same page tree, one or two otherwise (see the module doc)."""
    if not path_components:
        return Page.route(root, request, path_components)
    path = "/".join(path_components)
    try:
        ancestors, page = page_tree_cached(
            f"route:{root.pk}:{sha256(path.encode()).hexdigest()}",
            lambda: _pages_on_the_way(root=root, path_components=path_components),
        )
    except _WalkIt as stopped:
        walk = stopped.walk
        _link_parents(walk.pages)
        current = walk.pages[-1]
        if walk.self_routing is not None:
            # A page that routes its own sub-paths gets the rest of the path.
            walk.self_routing._cached_parent_obj = current
            return walk.self_routing.specific.route(request, path_components[walk.stop + 1 :])
        # Not where the URL paths say: let Wagtail walk from here (it answers 404 when
        # there is no such page).
        return Page.route(current, request, path_components[walk.stop :])
    _link_parents([*ancestors, page])
    page.route_ancestors = ancestors
    _skip_privacy_query_when_public(page, [*ancestors, page])
    return page.route(request, [])


def _link_parents(pages: list[Page]) -> None:
    """As Page.route does: each page knows its parent without a query."""
    for parent, child in zip(pages, pages[1:], strict=False):
        child._cached_parent_obj = parent


def _walk(*, root: Page, path_components: list[str]) -> _Walk:
    """Every page on the way in one query (see the module doc)."""
    url_paths = [
        root.url_path + "/".join(path_components[: index + 1]) + "/"
        for index in range(len(path_components))
    ]
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=url_paths, path__startswith=root.path)
    }
    pages: list[Page] = [root]
    for index, url_path in enumerate(url_paths):
        current = pages[-1]
        child = found.get(url_path)
        if (
            child is None
            or child.depth != current.depth + 1
            or not child.path.startswith(current.path)
        ):
            return _Walk(pages=pages, stop=index)
        specific_class = child.specific_class
        if specific_class is not None and specific_class.route is not Page.route:
            return _Walk(pages=pages, stop=index, self_routing=child)
        pages.append(child)
    return _Walk(pages=pages)


def _pages_on_the_way(*, root: Page, path_components: list[str]) -> tuple[list[Page], Page]:
    """The pages from the root down to the path's page and that page's specific object;
    _WalkIt when Wagtail must route the path itself."""
    walk = _walk(root=root, path_components=path_components)
    if walk.stop is not None:
        raise _WalkIt(walk)
    return walk.pages[:-1], walk.pages[-1].specific


def _skip_privacy_query_when_public(page: Page, pages_on_the_way: list[Page]) -> None:
    """Wagtail checks a page's view restrictions before serving it, in two queries (its
    ancestors, then their restrictions). When the cached restricted paths
    (portal.core.page_cache) show that nothing on the way is restricted, the answer is
    "none" without asking. A restricted page, or an alias anywhere on the way (aliases
    take their original's restrictions), is checked the Wagtail way."""
    if any(item.alias_of_id for item in pages_on_the_way) or not page_is_public(page):
        return
    page.get_view_restrictions = PageViewRestriction.objects.none
