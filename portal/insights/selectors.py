"""Reads of lessons learned (insights) and of the combined news feed."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.db.models.functions import Lower
from taggit.models import Tag
from wagtail.models import Page

from portal.standards.selectors import standard_list_current

from .models import InsightPage

FEED_SIZE = 30


def insight_list(*, index: Page | None = None, tag: str | None = None) -> QuerySet[InsightPage]:
    """Live, public insights, newest first; optionally under one index and with one tag
    (by slug). Tags are prefetched, so a listing runs a fixed number of queries."""
    queryset = InsightPage.objects.live().public()
    if index is not None:
        queryset = queryset.child_of(index)
    if tag:
        queryset = queryset.filter(tags__slug=tag)
    return queryset.order_by("-date", "-first_published_at", "-pk").prefetch_related("tags")


def insight_tag_list(*, index: Page | None = None) -> QuerySet[Tag]:
    """The tags used by live, public insights, alphabetical (ignoring case), with
    `num_insights`."""
    insights = InsightPage.objects.live().public()
    if index is not None:
        insights = insights.child_of(index)
    return (
        Tag.objects.filter(insights_insightpagetag_items__content_object__in=insights)
        .annotate(num_insights=Count("insights_insightpagetag_items", distinct=True))
        .order_by(Lower("name"), "name")
    )


def feed_item_list(*, limit: int = FEED_SIZE) -> list[Page]:
    """The newest current standards, plan templates and insights together, by first
    publication date.

    A superseded standard or template is left out: its newer version is the news. Three
    queries plus one for the tags of the insights, whatever the number of pages.
    """
    from learning.plans.template_pages import plan_template_list_current  # noqa: PLC0415

    versioned: list[Page] = [
        *standard_list_current()
        .exclude(first_published_at__isnull=True)
        .order_by("-first_published_at", "-pk")[:limit],
        *plan_template_list_current()
        .exclude(first_published_at__isnull=True)
        .order_by("-first_published_at", "-pk")[:limit],
    ]
    insights: list[InsightPage] = list(
        InsightPage.objects.live()
        .public()
        .exclude(first_published_at__isnull=True)
        .order_by("-first_published_at", "-pk")
        .prefetch_related("tags")[:limit]
    )
    items: list[Page] = [*versioned, *insights]
    items.sort(key=lambda page: page.first_published_at, reverse=True)
    return items[:limit]
