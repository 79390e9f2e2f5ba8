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

from hashlib import sha256
from typing import Any

from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction

from .page_cache import page_is_public, page_tree_cached


class _WalkIt(Exception):
    """Wagtail must route this path itself; nothing is cached for it (so made-up
    addresses cannot fill the cache)."""


def page_tree_route(*, root: Page, request: HttpRequest, path_components: list[str]) -> Any:
    """`root.route(request, path_components)`: no query for a path read before under the
    same page tree, two otherwise (see the module doc)."""
    if not path_components:
        return Page.route(root, request, path_components)
    path = "/".join(path_components)
    try:
        ancestors, page = page_tree_cached(
            f"route:{root.pk}:{sha256(path.encode()).hexdigest()}",
            lambda: _pages_on_the_way(root=root, path_components=path_components),
        )
    except _WalkIt:
        return _route_uncached(root=root, request=request, path_components=path_components)
    for parent, child in zip(ancestors, [*ancestors[1:], page], strict=True):
        child._cached_parent_obj = parent  # as Page.route does: no query for the parent
    page.route_ancestors = ancestors
    _skip_privacy_query_when_public(page, [*ancestors, page])
    return page.route(request, [])


def _pages_on_the_way(*, root: Page, path_components: list[str]) -> tuple[list[Page], Page]:
    """The pages from the root down to the path's page and that page's specific object;
    _WalkIt when Wagtail must route the path itself."""
    url_paths = [
        root.url_path + "/".join(path_components[: index + 1]) + "/"
        for index in range(len(path_components))
    ]
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=url_paths, path__startswith=root.path)
    }
    current: Page = root
    ancestors: list[Page] = [root]
    for url_path in url_paths:
        child = found.get(url_path)
        if (
            child is None
            or child.depth != current.depth + 1
            or not child.path.startswith(current.path)
        ):
            raise _WalkIt
        specific_class = child.specific_class
        if specific_class is not None and specific_class.route is not Page.route:
            raise _WalkIt
        ancestors.append(child)
        current = child
    return ancestors[:-1], current.specific


def _route_uncached(*, root: Page, request: HttpRequest, path_components: list[str]) -> Any:
    """Routing without the cache: Wagtail's walk from where the URL paths stop lining
    up, or the rest of the path handed to a page that routes itself."""
    url_paths = [
        root.url_path + "/".join(path_components[: index + 1]) + "/"
        for index in range(len(path_components))
    ]
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=url_paths, path__startswith=root.path)
    }
    current: Page = root
    ancestors: list[Page] = [root]
    for index, url_path in enumerate(url_paths):
        child = found.get(url_path)
        if (
            child is None
            or child.depth != current.depth + 1
            or not child.path.startswith(current.path)
        ):
            # Not where the URL paths say: let Wagtail walk from here (it answers 404
            # when there is no such page).
            return Page.route(current, request, path_components[index:])
        child._cached_parent_obj = current  # as Page.route does: no query for the parent
        specific_class = child.specific_class
        if specific_class is not None and specific_class.route is not Page.route:
            # A page that routes its own sub-paths gets the rest of the path.
            return child.specific.route(request, path_components[index + 1 :])
        ancestors.append(child)
        current = child
    page = current.specific
    page.route_ancestors = ancestors[:-1]
    page._cached_parent_obj = ancestors[-2]
    _skip_privacy_query_when_public(page, ancestors)
    return page.route(request, [])


def _skip_privacy_query_when_public(page: Page, pages_on_the_way: list[Page]) -> None:
    """Wagtail checks a page's view restrictions before serving it, in two queries (its
    ancestors, then their restrictions). When the cached restricted paths
    (portal.core.page_cache) show that nothing on the way is restricted, the answer is
    "none" without asking. A restricted page, or an alias anywhere on the way (aliases
    take their original's restrictions), is checked the Wagtail way."""
    if any(item.alias_of_id for item in pages_on_the_way) or not page_is_public(page):
        return
    page.get_view_restrictions = PageViewRestriction.objects.none
