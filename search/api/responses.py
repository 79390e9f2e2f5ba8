"""JSON answers of the read-only API, shared by every API view (site search here, the
apps' own views such as the casebook's cases).

Successful answers may be cached by anyone for a minute (they hold only what an
anonymous visitor may see); errors are never cached. Bad parameters get HTTP 400 with a
Dutch message per field, never a 500.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

MAX_AGE = 60


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
