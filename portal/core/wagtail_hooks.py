"""Admin hooks of the kernel: "Nieuwe versie maken" on every versioned page (standards,
plan templates), in the page header's menu and in the page listings' "more" menu."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .models import VersionedPage
from .version_actions import version_can_create_next
from .version_admin import new_version_view


@hooks.register("register_admin_urls")
def register_version_urls() -> list:
    return [path("versies/<int:page_id>/nieuw/", new_version_view, name="portal_version_new")]


def _new_version_button(page: Any, user: Any, priority: int) -> Button | None:
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, VersionedPage):
        return None
    if not version_can_create_next(page=page, user=user):
        return None
    url = reverse("portal_version_new", args=[page.pk])
    return Button(
        _("Nieuwe versie maken"),
        url,
        icon_name="copy",
        priority=priority,
        attrs={
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": url,
        },
    )


@hooks.register("register_page_header_buttons")
def new_version_header_button(page: Any, user: Any, view_name: str, next_url: str | None = None):
    button = _new_version_button(page, user, priority=25)
    if button is not None:
        yield button


@hooks.register("register_page_listing_more_buttons")
def new_version_listing_button(page: Any, user: Any, next_url: str | None = None):
    button = _new_version_button(page, user, priority=21)
    if button is not None:
        yield button
