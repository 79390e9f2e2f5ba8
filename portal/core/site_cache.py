"""The Wagtail site of a request, with its root page, from the page-tree cache.

Wagtail finds the site of every request with a query (`Site.find_for_request`: the
hostname, the port, the default site), then loads the root page's specific object
(a second query) before routing. Both answers depend only on the request's host and
port and on the sites and pages, and `portal.core.page_cache` starts a new generation
whenever a site or a page changes; so `CachedSiteMiddleware` keeps them under that
generation and hands Wagtail the answer the way Wagtail itself keeps it for the rest of
the request (`request._wagtail_site`). Each request gets its own copy (the cache stores
pickles), so nothing is shared between threads.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Site

from .page_cache import page_tree_cached


def _site_with_root(request: HttpRequest) -> Site | None:
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site


def cached_site_for_request(request: HttpRequest) -> Site | None:
    """What `Site.find_for_request(request)` answers, with the root page's specific
    object loaded; no query while the page tree is unchanged."""
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"site:{hostname}:{request.get_port()}"
    return page_tree_cached(key, lambda: _site_with_root(request))


class CachedSiteMiddleware:
    """Sets Wagtail's per-request site (`request._wagtail_site`) from the cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not hasattr(request, "_wagtail_site"):
            try:
                request._wagtail_site = cached_site_for_request(request)
            except DatabaseError:
                # The database is down: leave the site to Wagtail, so that views which
                # need none (the health check) still answer, and pages fail as before
                # (portal.shell's Dutch 503).
                pass
        return self.get_response(request)
