"""Reads of lessons learned (insights)."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.db.models.functions import Lower
from taggit.models import Tag
from wagtail.models import Page

from .models import InsightPage


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
