"""The shell's middleware: a Dutch answer to an address that is too long.

In production gunicorn answers a request line over its `limit_request_line` (4094
bytes by default; README, "Production deployment") with a bare English 414 before
Django sees it. MAX_URL_LENGTH is set below that, so an address that is too long but
still reaches Django gets a Dutch 414 page in the site layout, or JSON on the API. The
search forms keep queries short before they reach the address (`maxlength`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from search.api.responses import api_json

STATUS_URI_TOO_LONG = 414


def url_too_long(*, request: HttpRequest, limit: int) -> bool:
    """Whether the request target (path and query, as sent: percent-encoded) is longer
    than `limit` characters."""
    return len(request.get_full_path()) > limit


def _request_for_error_page(request: HttpRequest) -> HttpRequest:
    """A copy of `request` for the site root: the layout links back to the current
    address (the login link's `next`), and that address is the problem."""
    short = copy.copy(request)
    short.path = short.path_info = "/"
    short.META = {**request.META, "PATH_INFO": "/", "QUERY_STRING": ""}
    short.GET = QueryDict()
    return short


def uri_too_long_response(*, request: HttpRequest, limit: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api_json(
            {"detail": _("Het adres is langer dan %(limit)s tekens.") % {"limit": limit}},
            status=STATUS_URI_TOO_LONG,
        )
    return render(
        _request_for_error_page(request),
        "414.html",
        {"limit": limit},
        status=STATUS_URI_TOO_LONG,
    )


class URLTooLongMiddleware:
    """Answer 414 (Dutch page, JSON on /api/) to an address over MAX_URL_LENGTH.

    After AuthenticationMiddleware in MIDDLEWARE, so the page's header knows who is
    logged in; nothing after it runs for such a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.MAX_URL_LENGTH
        if url_too_long(request=request, limit=limit):
            return uri_too_long_response(request=request, limit=limit)
        return self.get_response(request)
