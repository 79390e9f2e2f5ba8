"""The casebook in the Wagtail admin: one menu group "Casusboek" with the list of cases
(filters by domain, law, region, year and status), the import screen, and the
taxonomies: problem domains, laws and regulations (with their articles inline) and
regions.

Editors and moderators manage them (permissions from migration 0003); the cases
themselves are pages, edited in the page tree under the case index.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_cases import CaseImportViewSet, CaseListingViewSet
from .models import Law, ProblemDomain, Region


class ProblemDomainViewSet(SnippetViewSet):
    model = ProblemDomain
    icon = "tag"
    menu_label = _("Probleemdomeinen")
    menu_order = 100
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    search_backend_name = None  # plain database search: substrings, any listed field
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]


class LawViewSet(SnippetViewSet):
    model = Law
    icon = "doc-full"
    menu_label = _("Wetten en regelingen")
    menu_order = 200
    list_display = ["name", "abbreviation", "bwb_id", "cost_domain", "is_local_regulation"]
    list_filter = ["cost_domain", "is_local_regulation"]
    search_fields = ["name", "abbreviation", "bwb_id"]
    search_backend_name = None
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("abbreviation"),
        FieldPanel("is_local_regulation"),
        MultiFieldPanel(
            [FieldPanel("bwb_id"), FieldPanel("official_url")], heading=_("Officiële tekst")
        ),
        FieldPanel("cost_domain"),
        FieldPanel("description"),
        InlinePanel("articles", label=_("Artikel"), heading=_("Artikelen")),
    ]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regio's")
    menu_order = 300
    list_display = ["name", "province"]
    list_filter = ["province"]
    search_fields = ["name", "province"]
    search_backend_name = None
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("province")]


class CasebookViewSetGroup(SnippetViewSetGroup):
    items = (
        CaseListingViewSet,
        CaseImportViewSet,
        ProblemDomainViewSet,
        LawViewSet,
        RegionViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = _("Casusboek")
    menu_name = "casebook"
    menu_order = 250


register_snippet(CasebookViewSetGroup)
