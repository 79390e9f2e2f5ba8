"""The "Volgen" / "Niet meer volgen" button, registered as a page action
(portal.core.page_actions) for the page types a person can follow."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from .selectors import follow_exists, follow_what_is_news
from .services import page_is_followable


def follow_button_render(request: HttpRequest, page: Any) -> str:
    if not page_is_followable(page=page) or not page.live:
        return ""
    return render_to_string(
        "follows/button.html",
        {
            "page": page,
            "following": follow_exists(user=request.user, page=page),
            "news": follow_what_is_news(page=page),
        },
        request=request,
    )
