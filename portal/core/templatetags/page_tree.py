"""Template filters over the page tree that reuse what routing already loaded, and
whether to draw the editors' user bar."""

from __future__ import annotations

from django import template
from wagtail.models import Page

from ..admin_access import may_use_admin as admin_access_may_use

register = template.Library()


@register.filter
def breadcrumb_ancestors(page: Page) -> list[Page]:
    """The page's ancestors below Wagtail's tree root, from the top down: the ones
    routing found on its way (portal.core.page_routing, no query), else from the tree."""
    ancestors = getattr(page, "route_ancestors", None)
    if ancestors is not None:
        return list(ancestors)
    return list(page.get_ancestors())[1:]


@register.simple_tag(takes_context=True)
def may_use_admin(context: template.Context) -> bool:
    """Whether the request's user may use Wagtail's admin (portal.core.admin_access):
    the user bar is drawn only then, without the two permission queries per page."""
    request = context.get("request")
    return admin_access_may_use(getattr(request, "user", None))
