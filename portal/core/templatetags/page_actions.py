"""`{% page_actions page %}`: the actions other apps registered for a content page
(portal.core.page_actions)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from portal.core.page_actions import page_actions_render

register = template.Library()


@register.simple_tag(takes_context=True)
def page_actions(context: template.Context, page: Any) -> SafeString:
    return page_actions_render(request=context.get("request"), page=page)
