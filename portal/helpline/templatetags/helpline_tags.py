"""Template tags for the help button, the header badge, "Mijn vragen" and the dates."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from ..dates import datetime_long as _datetime_long
from ..dates import urgent_moved_to_next_day
from ..models import Submission
from ..selectors import submission_list_for_user, unread_count_for_user

register = template.Library()

_UNREAD_ATTRIBUTE = "_helpline_unread_count"


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
    """The logged-in user's own questions and referrals, with their messages."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return list(submission_list_for_user(user=user))


@register.simple_tag(takes_context=True)
def helpline_unread_count(context: dict[str, Any]) -> int:
    """Unread answers for the logged-in user: one query, kept on the request so the
    header and the page can both ask."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, _UNREAD_ATTRIBUTE):
        setattr(request, _UNREAD_ATTRIBUTE, unread_count_for_user(user=user))
    return getattr(request, _UNREAD_ATTRIBUTE)


@register.filter
def datetime_long(value: datetime | None) -> str:
    """ "vrijdag 4 december 2026 om 16:59"."""
    return _datetime_long(value)


@register.filter
def urgent_next_day(submission: Submission) -> bool:
    return urgent_moved_to_next_day(
        received_at=submission.received_at, due_at=submission.due_at, urgent=submission.urgent
    )
