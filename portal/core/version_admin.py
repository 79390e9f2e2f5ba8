"""The admin view behind "Nieuwe versie maken": a confirmation page (GET, so the action
also works from a plain link) and the action itself (POST). The buttons in the page
header and the page listings post straight away (Wagtail's `w-action#post`), so the
editor lands in the new draft's editor in one click."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from .models import VersionedPage
from .version_actions import (
    VersionBlockedError,
    version_can_create_next,
    version_create_next,
    version_next_plan,
)


def _blocked_message(request: HttpRequest, *, page: VersionedPage, blocker: Page) -> None:
    blocker = blocker.specific
    edit_url = reverse("wagtailadmin_pages:edit", args=[blocker.pk])
    if blocker.live:
        text = _(
            "Versie %(version)s is al vervangen door %(title)s. Maak een nieuwe versie van "
            "die nieuwste versie."
        )
    else:
        text = _(
            "Er is al een nieuwe versie in de maak: %(title)s (concept). Maak die af of "
            "verwijder hem; daarna kun je opnieuw een nieuwe versie maken."
        )
    text = text % {"version": page.version, "title": blocker.get_admin_display_title()}
    lock = blocker.get_lock()
    if lock is not None and lock.for_user(request.user):
        text += " " + _("Het concept is vergrendeld: %(message)s") % {
            "message": lock.get_message(request.user)
        }
    messages.error(request, text, buttons=[messages.button(edit_url, _("Open die versie"))])


def new_version_view(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, VersionedPage) or not version_can_create_next(
        page=page, user=request.user
    ):
        raise PermissionDenied
    if request.method == "POST":
        try:
            new_page = version_create_next(page=page, user=request.user)
        except VersionBlockedError as error:
            _blocked_message(request, page=page, blocker=error.blocker)
            return redirect("wagtailadmin_pages:edit", page.pk)
        messages.success(
            request,
            _(
                "Versie %(version)s is gemaakt als concept. Vul in wat er is veranderd en "
                "stuur de versie ter beoordeling."
            )
            % {"version": new_page.version},
        )
        return redirect("wagtailadmin_pages:edit", new_page.pk)
    return TemplateResponse(
        request,
        "core/admin/new_version_confirm.html",
        {"page": page, "plan": version_next_plan(page=page)},
    )
