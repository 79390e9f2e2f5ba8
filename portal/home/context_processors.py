from django.http import HttpRequest

from portal.core.page_cache import page_tree_generation

from .navigation import main_menu


def navigation(request: HttpRequest) -> dict:
    """The main navigation (portal.home.navigation): one query when the page tree has
    changed, none otherwise (cached per site, per page-tree generation, and on the
    request)."""
    if not hasattr(request, "_portal_navigation"):
        request._portal_navigation = main_menu(request=request)
    return {
        "main_navigation": request._portal_navigation,
        # The key of fragments that are the same for every visitor (the footer).
        "page_tree_generation": page_tree_generation(),
    }
