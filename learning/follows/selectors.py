"""Reads of follows: the button's state on a page, and the profile's list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from wagtail.models import Page

from learning.models import CoursePage
from portal.core.models import VersionedPage
from portal.insights.models import InsightIndexPage

from .models import Follow, FollowSetting, Frequency


def follow_exists(*, user: Any, page: Page) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(user=user, page=page).exists()


def follow_what_is_news(*, page: Page) -> str:
    """What a follower of this page hears about, in a few words."""
    specific_class = page.specific_class
    if specific_class is not None and issubclass(specific_class, CoursePage):
        return _("Je krijgt een mail als er een nieuwe les of module in deze cursus verschijnt.")
    if specific_class is not None and issubclass(specific_class, InsightIndexPage):
        return _("Je krijgt een mail als er een nieuwe geleerde les verschijnt.")
    if specific_class is not None and issubclass(specific_class, VersionedPage):
        return _("Je krijgt een mail als er een nieuwe versie verschijnt.")
    return ""


@dataclass(frozen=True)
class FollowedPage:
    page_id: int
    title: str
    url: str | None


@dataclass(frozen=True)
class ProfileFollows:
    pages: list[FollowedPage]
    frequency: str
    choices: list[tuple[str, str]]


def follows_for_profile(*, user: Any) -> ProfileFollows:
    """The pages a user follows, newest follow first, and their mail setting (two
    queries, whatever the number of follows)."""
    follows = Follow.objects.filter(user=user).select_related("page").order_by("-created_at", "-pk")
    pages = [
        FollowedPage(
            page_id=follow.page_id,
            title=follow.page.title,
            url=follow.page.url if follow.page.live else None,
        )
        for follow in follows
    ]
    frequency = (
        FollowSetting.objects.filter(user=user).values_list("frequency", flat=True).first()
        or Frequency.IMMEDIATE
    )
    return ProfileFollows(pages=pages, frequency=frequency, choices=list(Frequency.choices))
