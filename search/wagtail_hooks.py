"""The search app in the Wagtail admin: the editors' synonyms ("Synoniemen") and, for
administrators, the index outbox (a dashboard panel and "Instellingen" >
"Zoekindex-wachtrij", see search.admin_views)."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import admin_urls, outbox_panel_for, user_sees_outbox
from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Synoniemen")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["term", "synonyms"]
    search_fields = ["term", "synonyms"]
    search_backend_name = None  # plain database search: substrings, any listed field
    ordering = ["term"]
    panels = [FieldPanel("term"), FieldPanel("synonyms")]


register_snippet(SynonymViewSet)


# -- the index outbox (search.admin_views), for administrators -------------------------
@hooks.register("register_admin_urls")
def register_outbox_admin_urls() -> list:
    return admin_urls()


@hooks.register("construct_homepage_panels")
def add_outbox_panel(request: HttpRequest, panels: list) -> None:
    panel = outbox_panel_for(request)
    if panel is not None:
        panels.append(panel)


class OutboxMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return user_sees_outbox(request.user)


@hooks.register("register_settings_menu_item")
def register_outbox_menu_item() -> MenuItem:
    return OutboxMenuItem(
        _("Zoekindex-wachtrij"), reverse("search_outbox"), icon_name="search", order=900
    )
