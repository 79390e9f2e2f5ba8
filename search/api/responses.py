"""JSON answers of the read-only API, shared by every API view (site search here, the
apps' own views such as the casebook's cases).

Successful answers may be cached by anyone for a minute (they hold only what an
anonymous visitor may see); errors are never cached. Bad parameters get HTTP 400 with a
Dutch message per field, never a 500; a method the endpoint does not take gets 405 in
JSON with an `Allow` header (`api_view`). The shell's error views answer 403, 404 and
500 on /api/ in JSON with the same `detail` key.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

MAX_AGE = 60
#: The API is read-only: every endpoint takes these methods and no others.
READ_METHODS = ("GET", "HEAD")


def absolute_url(request: HttpRequest, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def api_json(data: dict, *, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    if status == 200:
        patch_cache_control(response, public=True, max_age=MAX_AGE)
    else:
        patch_cache_control(response, no_store=True)
    return response


def api_bad_request(form: forms.Form) -> JsonResponse:
    """HTTP 400 with the form's errors: {"error": ..., "fields": {name: [messages]}}."""
    return api_json(
        {
            "error": _("Een of meer parameters zijn ongeldig."),
            "fields": {
                name: [str(error) for error in errors] for name, errors in form.errors.items()
            },
        },
        status=400,
    )


def api_method_not_allowed(request: HttpRequest, allowed: tuple[str, ...]) -> JsonResponse:
    """HTTP 405 in JSON, with the methods the endpoint does take in `Allow`."""
    response = api_json(
        {
            "detail": _("De methode %(method)s is hier niet toegestaan; gebruik %(allowed)s.")
            % {"method": request.method, "allowed": " of ".join(allowed)}
        },
        status=405,
    )
    response["Allow"] = ", ".join(allowed)
    return response


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A read-only API endpoint: GET and HEAD, anything else 405 in JSON.

    CSRF-exempt, because the view never changes anything and never reads a body: a
    POST, PUT or DELETE gets the honest 405 instead of the CSRF failure (403)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in READ_METHODS:
            return api_method_not_allowed(request, READ_METHODS)
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)
