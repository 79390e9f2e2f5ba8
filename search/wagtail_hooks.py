"""Editor synonyms in the Wagtail admin ("Zoeken" > "Synoniemen")."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
