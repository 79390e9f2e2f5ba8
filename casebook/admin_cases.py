"""The admin's list of cases ("Casussen" in the Casusboek menu): Wagtail's flat page
listing of CasePage with filters by problem domain, law, region, year and status, plus
the import screen (casebook.admin_import) as a menu item beside it."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter, ModelMultipleChoiceFilter
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import WorkflowState

from .admin_import import case_import_allowed, case_import_view
from .models import CaseLegalBasis, CasePage, Law, ProblemDomain, Region

STATUS_CHOICES = [
    ("live", _("Gepubliceerd")),
    ("changed", _("Gepubliceerd, met wijzigingen in concept")),
    ("draft", _("Concept (niet gepubliceerd)")),
    ("moderation", _("Ter beoordeling")),
]


class CaseFilterSet(PageFilterSet):
    problem_domains = ModelMultipleChoiceFilter(
        label=_("Probleemdomein"),
        queryset=ProblemDomain.objects.order_by("name"),
        widget=CheckboxSelectMultiple,
        conjoined=True,  # every chosen domain, as in the public case search
    )
    law = ModelChoiceFilter(
        label=_("Wet of regeling"),
        queryset=Law.objects.order_by("name"),
        method="filter_law",
    )
    region = ModelChoiceFilter(label=_("Regio"), queryset=Region.objects.order_by("name"))
    year = ChoiceFilter(label=_("Jaar"), choices=[], empty_label=_("Alle jaren"))
    status = ChoiceFilter(
        label=_("Status"),
        choices=STATUS_CHOICES,
        method="filter_status",
        widget=RadioSelect,
        empty_label=_("Alle"),
    )

    class Meta:
        model = CasePage
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = CasePage.objects.order_by("-year").values_list("year", flat=True).distinct()
        self.filters["year"].extra["choices"] = [(year, str(year)) for year in years]

    def filter_law(self, queryset: QuerySet, name: str, value: Law | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(
            Exists(CaseLegalBasis.objects.filter(page=OuterRef("pk"), law=value))
        )

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "live":
            return queryset.filter(live=True, has_unpublished_changes=False)
        if value == "changed":
            return queryset.filter(live=True, has_unpublished_changes=True)
        if value == "draft":
            return queryset.filter(live=False)
        if value == "moderation":
            return queryset.filter(
                _specific_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS
            ).distinct()
        return queryset


class CaseIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet:
        return super().get_base_queryset().select_related("region")


class CaseListingViewSet(PageListingViewSet):
    model = CasePage
    index_view_class = CaseIndexView
    filterset_class = CaseFilterSet
    icon = "doc-full"
    menu_label = _("Casussen")
    menu_order = 10
    name = "casebook_cases"
    url_prefix = "casussen"
    columns = [
        *IndexView.base_columns[:2],
        Column("region", label=_("Regio"), accessor="region"),
        Column("year", label=_("Jaar"), accessor="year", sort_key="year"),
        *IndexView.base_columns[2:],
    ]


class _ImportMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return case_import_allowed(request.user)


class CaseImportViewSet(ViewSet):
    icon = "upload"
    menu_label = _("Casussen importeren")
    menu_order = 20
    name = "casebook_import"
    url_prefix = "casussen-importeren"

    def get_urlpatterns(self) -> list:
        return [path("", case_import_view, name="index")]

    def get_menu_item(self, order: int | None = None) -> MenuItem:
        return _ImportMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=order if order is not None else self.menu_order,
        )

    @property
    def menu_url(self) -> str:
        return reverse("casebook_import:index")
