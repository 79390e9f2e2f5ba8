"""The table of standard tariffs in the Wagtail admin ("Standaardtarieven").

IPW's editors and moderators keep it (permissions from migration learning 0005). A
change applies to new calculations only: practice plans keep the unit price they were
computed with and say when a tariff changed since (see `learning.plans.costs`).
Registered in `learning/wagtail_hooks.py`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import Tariff


class TariffViewSet(SnippetViewSet):
    model = Tariff
    icon = "table"
    menu_label = _("Standaardtarieven")
    menu_name = "tariffs"
    menu_order = 260  # just after "Casusboek" (250)
    add_to_admin_menu = True
    list_display = ["name", "cost_domain", "unit", "amount", "active", "updated_at"]
    list_filter = ["cost_domain", "active"]
    search_fields = ["name", "description", "source"]
    search_backend_name = None  # plain database search: substrings in the listed fields
    ordering = ["cost_domain", "name"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("cost_domain"), FieldPanel("unit"), FieldPanel("amount")]),
        FieldPanel("source"),
        FieldPanel("description"),
        FieldPanel("active"),
    ]
