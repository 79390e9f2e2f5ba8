"""Standards published by IPW (a plan format, a way of working), with versions.

A newer version points at the version it replaces (`supersedes`); "vervangen door" is
derived from that link (see `selectors.standard_successor`), never stored twice.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.anonymisation.policy import GuardedText
from portal.core.blocks import ContentStreamBlock
from portal.core.models import VersionedPage
from portal.core.version_forms import VersionedPageForm


class StandardIndexPage(GuardedText, Page):
    """The list of current standards: one entry per standard, its newest live version."""

    guarded_fields = ("intro",)

    intro = models.TextField("Introductie", blank=True, max_length=600)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["standards.StandardPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "Overzicht standaarden"
        verbose_name_plural = "Overzichten standaarden"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # The app's rules import this module: they are read when the page is served.
        from .selectors import standard_list_current  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context["standards"] = standard_list_current(index=self)
        return context


class StandardPage(GuardedText, VersionedPage):
    """One version of a standard. A newer version is a new page that supersedes this one,
    so the old text stays readable at its own address."""

    guarded_fields = ("summary", "body", "changes")

    base_form_class = VersionedPageForm  # "Wat is er veranderd" required for a new version

    summary = models.TextField(
        "Samenvatting",
        max_length=600,
        help_text="Eén tot drie zinnen: waar gaat deze standaard over? Staat ook in de "
        "overzichten en de nieuwsfeed.",
    )
    body = StreamField(ContentStreamBlock(), verbose_name="Inhoud", blank=True)

    parent_page_types = ["standards.StandardIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        VersionedPage.version_panel,
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("effective_date"),
    ]

    class Meta:
        verbose_name = "Standaard"
        verbose_name_plural = "Standaarden"

    def clean(self) -> None:
        # The app's rules import this module: they are read when the page is served.
        from .services import standard_supersedes_validate  # noqa: PLC0415

        super().clean()
        standard_supersedes_validate(standard=self)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # The app's rules import this module: they are read when the page is served.
        from .selectors import standard_predecessor, standard_successor  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context["successor"] = standard_successor(standard=self)
        context["predecessor"] = standard_predecessor(standard=self)
        return context
