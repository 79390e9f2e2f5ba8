"""Template tags for the help button and the profile section."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from ..selectors import submission_list_for_user

register = template.Library()


@register.simple_tag(takes_context=True)
def helpline_button_href(context: dict[str, Any]) -> str:
    """The helpline form's address, with the current page as context (so a question
    asked from a case, lesson or practice-plan page carries that page along)."""
    url = reverse("helpline_question")
    request = context.get("request")
    if request is None or request.path.startswith(url):
        return url
    return f"{url}?{urlencode({'context': request.get_full_path()})}"


@register.simple_tag(takes_context=True)
def helpline_submissions_for_user(context: dict[str, Any]) -> list:
    """The logged-in user's own questions and referrals, with answers."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return list(submission_list_for_user(user=user))
