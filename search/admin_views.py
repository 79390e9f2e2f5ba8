"""The index outbox in the Wagtail admin, for administrators (superusers) only.

- A dashboard panel (`OutboxPanel`, added in wagtail_hooks.py) when updates wait for the
  search engine or the engine is not up: how many, how many failed, how long the oldest
  waits, the latest error.
- A list of the waiting operations ("Zoekindex-wachtrij") with a button that drains the
  outbox now ("Nu opnieuw proberen"): it closes the engine's circuit breaker in this
  process and tries every waiting operation, whatever its backoff.

Everyone else sees no panel and gets 403 on both views (the admin itself already needs
admin access and MFA).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.defaults import permission_denied
from wagtail.admin.ui.components import Component

from .backends import has_engine
from .backends.breaker import engine_breaker
from .health import search_health
from .outbox import outbox_drain, outbox_list, outbox_stats
from .tasks import outbox_drain_schedule

#: Rows the list shows (the oldest first).
LIST_LIMIT = 200

ENGINE_LABELS = {"elasticsearch": "Elasticsearch", "opensearch": "OpenSearch"}
ENGINE_STATES = {
    "up": _("bereikbaar"),
    "down": _("niet bereikbaar"),
    "breaker_open": _("niet bereikbaar (wordt na een storing even niet gevraagd)"),
}


def user_sees_outbox(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def _forbidden(request: HttpRequest) -> HttpResponse | None:
    """403 (the site's page) for anyone but a superuser. Answered, not raised: Wagtail's
    admin turns a raised PermissionDenied into a redirect to the dashboard."""
    if user_sees_outbox(request.user):
        return None
    return permission_denied(request, PermissionDenied())


def _summary(health: dict) -> dict[str, Any]:
    """The context both the panel and the list show."""
    stats = outbox_stats()
    return {
        "engine_label": ENGINE_LABELS.get(health["engine"], health["engine"]),
        "engine_up": health["engine_state"] == "up",
        "engine_state_label": ENGINE_STATES.get(health["engine_state"], health["engine_state"]),
        "degraded": health["status"] == "degraded",
        "stats": stats,
    }


class OutboxPanel(Component):
    """The dashboard panel: shown to superusers when updates wait or the engine is not
    up (see `outbox_panel_for`)."""

    name = "search_outbox"
    order = 50
    template_name = "search/admin/outbox_panel.html"

    def __init__(self, summary: dict[str, Any]) -> None:
        self.summary = summary

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return {**self.summary, "list_url": reverse("search_outbox")}


def outbox_panel_for(request: HttpRequest) -> OutboxPanel | None:
    """The panel for this request, or None: not for other users, not with the database
    engine alone, not when all is well."""
    if not user_sees_outbox(request.user) or not has_engine():
        return None
    summary = _summary(search_health())
    if summary["engine_up"] and not summary["stats"].pending:
        return None
    return OutboxPanel(summary)


@require_GET
def outbox_index(request: HttpRequest) -> HttpResponse:
    if forbidden := _forbidden(request):
        return forbidden
    context: dict[str, Any] = {"has_engine": has_engine(), "limit": LIST_LIMIT}
    if context["has_engine"]:
        context.update(_summary(search_health()))
        operations = outbox_list(limit=LIST_LIMIT + 1)
        context["operations"] = operations[:LIST_LIMIT]
        context["more"] = len(operations) > LIST_LIMIT
        context["now"] = timezone.now()
    return render(request, "search/admin/outbox.html", context)


@require_POST
def outbox_retry(request: HttpRequest) -> HttpResponse:
    """Drain the outbox now: every waiting operation, whatever its backoff."""
    if forbidden := _forbidden(request):
        return forbidden
    if has_engine():
        engine_breaker().reset()  # the operator says: try now
        result = outbox_drain(include_waiting=True)
        outbox_drain_schedule()
        waiting = outbox_stats().pending
        if waiting:
            messages.warning(
                request,
                ngettext(
                    "%(applied)d opdracht toegepast; %(waiting)d wacht nog: de zoekmachine "
                    "gaf een fout. Het wordt vanzelf opnieuw geprobeerd.",
                    "%(applied)d opdrachten toegepast; %(waiting)d wachten nog: de "
                    "zoekmachine gaf een fout. Het wordt vanzelf opnieuw geprobeerd.",
                    result.applied,
                )
                % {"applied": result.applied, "waiting": waiting},
            )
        else:
            messages.success(
                request,
                ngettext(
                    "De zoekindex is bijgewerkt: %(applied)d opdracht toegepast.",
                    "De zoekindex is bijgewerkt: %(applied)d opdrachten toegepast.",
                    result.applied,
                )
                % {"applied": result.applied},
            )
    else:
        messages.info(request, _gettext("Er is geen aparte zoekmachine; er wacht niets."))
    return redirect("search_outbox")


def admin_urls() -> list:
    return [
        path("zoeken/wachtrij/", outbox_index, name="search_outbox"),
        path("zoeken/wachtrij/opnieuw/", outbox_retry, name="search_outbox_retry"),
    ]
