"""Actions a higher layer adds to content pages (the "Volgen" button of learning.follows
on a standard, a plan template, a course and the lessons learned), without the content
apps knowing that layer: it registers a renderer in its `AppConfig.ready()`, and the
page templates say where actions go with `{% page_actions page %}`.

    register_page_action("volgen", render_follow_button)  # (request, page) -> html or ""
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

PageAction = Callable[[HttpRequest, Any], str]

_actions: dict[str, PageAction] = {}


def register_page_action(name: str, func: PageAction) -> None:
    if name in _actions and _actions[name] is not func:
        raise ValueError(f"A page action named {name!r} is already registered.")
    _actions[name] = func


def page_actions_render(*, request: HttpRequest | None, page: Any) -> SafeString:
    """The html of every registered action for `page` (each renderer escapes its own)."""
    if request is None or page is None:
        return mark_safe("")  # noqa: S308 (empty)
    parts = [func(request, page) for func in _actions.values()]
    return mark_safe("".join(part for part in parts if part))  # noqa: S308 (rendered templates)
