from django.http import HttpRequest
from wagtail.models import Page, Site


def navigation(request: HttpRequest) -> dict:
    """The main navigation: the live, public children of the site's root page that
    editors marked "Tonen in menu's". One query, cached on the request."""
    if not hasattr(request, "_portal_navigation"):
        site = Site.find_for_request(request)
        items: list[Page] = []
        if site is not None:
            items = list(site.root_page.get_children().live().public().in_menu().specific())
        request._portal_navigation = {"site_root": site.root_page if site else None, "items": items}
    return {"main_navigation": request._portal_navigation}
