"""`{% follows_for_profile as follows %}`: what the logged-in person follows and their
mail setting, for the profile page (two queries)."""

from __future__ import annotations

from django import template

from ..selectors import ProfileFollows
from ..selectors import follows_for_profile as follows_select

register = template.Library()


@register.simple_tag(takes_context=True)
def follows_for_profile(context: template.Context) -> ProfileFollows | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return follows_select(user=user)
