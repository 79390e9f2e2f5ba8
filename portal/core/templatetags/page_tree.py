"""Template filters over the page tree that reuse what routing already loaded."""

from __future__ import annotations

from django import template
from wagtail.models import Page

register = template.Library()


@register.filter
def breadcrumb_ancestors(page: Page) -> list[Page]:
    """The page's ancestors below Wagtail's tree root, from the top down: the ones
    routing found on its way (portal.core.page_routing, no query), else from the tree."""
    ancestors = getattr(page, "route_ancestors", None)
    if ancestors is not None:
        return list(ancestors)
    return list(page.get_ancestors())[1:]
