"""Reads of the shell: the site-wide news feed over the content of several apps."""

from __future__ import annotations

from wagtail.models import Page

from learning.plans.template_pages import plan_template_list_current
from portal.insights.models import InsightPage
from portal.standards.selectors import standard_list_current

FEED_SIZE = 30


def feed_item_list(*, limit: int = FEED_SIZE) -> list[Page]:
    """The newest current standards, plan templates and insights together, by first
    publication date.

    A superseded standard or template is left out: its newer version is the news. Three
    queries plus one for the tags of the insights, whatever the number of pages.
    """
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
