"""Learning paths in the Wagtail admin ("Leerlijnen", a snippet): editors put courses
in order and name a prerequisite per course."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import LearningPath


class LearningPathViewSet(SnippetViewSet):
    model = LearningPath
    icon = "list-ol"
    menu_label = _("Leerlijnen")
    menu_name = "paths"
    menu_order = 265
    add_to_admin_menu = True
    list_display = ["title", "slug"]
    search_fields = ["title", "description"]
    search_backend_name = None
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        InlinePanel("items", label=_("Cursussen, in volgorde"), min_num=1),
    ]


register_snippet(LearningPathViewSet)
