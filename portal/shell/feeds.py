"""The news feed of the portal (RSS 2.0 and Atom): new standards, plan templates and
lessons learned."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from learning.models import PlanTemplatePage
from portal.insights.models import InsightPage
from portal.standards.models import StandardPage

from .selectors import feed_item_list


class PortalRssFeed(Feed):
    title = _("Doorbraak Leeromgeving: standaarden en geleerde lessen")
    link = "/"
    description = _(
        "Nieuwe standaarden, plansjablonen en geleerde lessen van het Instituut voor "
        "Publieke Waarden."
    )
    language = "nl"

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpRequest:
        # The request is the feed's "object", so items can build their URLs for this site.
        return request

    def items(self, obj: HttpRequest) -> list[Page]:
        items = feed_item_list()
        for item in items:
            item.feed_url = item.get_url(request=obj)
        return items

    def item_title(self, item: Page) -> str:
        if isinstance(item, StandardPage | PlanTemplatePage):
            return _("%(title)s (versie %(version)s)") % {
                "title": item.title,
                "version": item.version,
            }
        return item.title

    def item_description(self, item: Page) -> str:
        return getattr(item, "summary", "")

    def item_link(self, item: Page) -> str:
        return item.feed_url

    def item_guid(self, item: Page) -> str:
        return f"doorbraak-leeromgeving:page:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Page) -> datetime | None:
        return item.first_published_at

    def item_updateddate(self, item: Page) -> datetime | None:
        return item.last_published_at

    def item_categories(self, item: Page) -> list[str]:
        if isinstance(item, InsightPage):
            return [_("Geleerde les"), *(tag.name for tag in item.tags.all())]
        if isinstance(item, PlanTemplatePage):
            return [_("Plansjabloon")]
        return [_("Standaard")]


class PortalAtomFeed(PortalRssFeed):
    feed_type = Atom1Feed
    subtitle = PortalRssFeed.description
