"""Lessons learned across cases ("geleerde lessen"). Called Insight in code, because
"Lesson" belongs to the courses."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.anonymisation.policy import GuardedText
from portal.core.blocks import ContentStreamBlock

INSIGHTS_PER_PAGE = 10


class InsightPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "insights.InsightPage", related_name="tagged_items", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = "Label van een geleerde les"
        verbose_name_plural = "Labels van geleerde lessen"


class InsightIndexPage(GuardedText, Page):
    """All lessons learned, newest first, filterable by label."""

    guarded_fields = ("intro",)

    intro = models.TextField("Introductie", blank=True, max_length=600)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["insights.InsightPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "Overzicht geleerde lessen"
        verbose_name_plural = "Overzichten geleerde lessen"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # The app's rules import this module: they are read when the page is served.
        from .selectors import insight_list, insight_tag_list  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        tag_slug = request.GET.get("tag", "").strip()[:100]
        tags = list(insight_tag_list(index=self))
        active_tag = next((tag for tag in tags if tag.slug == tag_slug), None)
        insights = insight_list(index=self, tag=tag_slug or None)
        page_obj = Paginator(insights, INSIGHTS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            {
                "tags": tags,
                "tag_slug": tag_slug,
                "active_tag": active_tag,
                "page_obj": page_obj,
                "insights": page_obj.object_list,
            }
        )
        return context


class InsightPage(GuardedText, Page):
    """One lesson learned: what the cases taught, and what to do with it."""

    guarded_fields = ("title", "summary", "body", "source", "region")

    date = models.DateField("Datum", default=timezone.localdate)
    summary = models.TextField(
        "Samenvatting",
        max_length=600,
        help_text="Eén tot drie zinnen: de les in het kort. Staat ook in het overzicht "
        "en de nieuwsfeed.",
    )
    body = StreamField(ContentStreamBlock(), verbose_name="Inhoud", blank=True)
    source = models.CharField(
        "Bron",
        max_length=255,
        blank=True,
        help_text="Waar komt de les vandaan? Bijvoorbeeld een raadsnotitie of een evaluatie.",
    )
    region = models.CharField(
        "Gemeente of regio", max_length=120, blank=True, help_text="Bijvoorbeeld Zwolle."
    )
    tags = ClusterTaggableManager(
        "Labels",
        through=InsightPageTag,
        blank=True,
        help_text="Labels om lessen te vinden, bijvoorbeeld: schulden, wonen, regels.",
    )

    parent_page_types = ["insights.InsightIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("region"), FieldPanel("tags")],
            heading="Herkomst en labels",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("region"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = "Geleerde les"
        verbose_name_plural = "Geleerde lessen"
