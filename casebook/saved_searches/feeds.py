"""An RSS feed per saved search: the newest published cases it finds. The address holds a
signed token (tokens.py), so a feed reader needs no login; only live, public cases (the
anonymised cases anyone may read) are in it, the same as in the casebook."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from ..models import SavedSearch
from .selectors import MatchingCase, cases_matching, saved_search_path, saved_search_summary
from .tokens import saved_search_for_feed_token

FEED_ITEMS = 20


class SavedSearchFeed(Feed):
    language = "nl"

    def get_object(self, request: HttpRequest, token: str) -> SavedSearch:  # type: ignore[override]
        saved_search = saved_search_for_feed_token(token=token)
        if saved_search is None:
            raise Http404(_("Deze feed bestaat niet (meer)."))
        return saved_search

    def title(self, obj: SavedSearch) -> str:
        return _("Casussen: %(name)s") % {"name": obj.name}

    def link(self, obj: SavedSearch) -> str:
        return saved_search_path(saved_search=obj)

    def description(self, obj: SavedSearch) -> str:
        parts = saved_search_summary(saved_search=obj)
        return _("Nieuw gepubliceerde voorbeeldcasussen bij je zoekopdracht: %(search)s.") % {
            "search": " · ".join(parts) or _("alle casussen")
        }

    def items(self, obj: SavedSearch) -> list[MatchingCase]:
        return cases_matching(query=obj.query, filters=obj.filters, limit=FEED_ITEMS)

    def item_title(self, item: MatchingCase) -> str:
        return item.hit.title

    def item_description(self, item: MatchingCase) -> str:
        hit = item.hit
        details = " · ".join(str(part) for part in (hit.household, hit.region, hit.year) if part)
        return f"{details}. {hit.summary}" if hit.summary else details

    def item_link(self, item: MatchingCase) -> str:
        return item.hit.url

    def item_guid(self, item: MatchingCase) -> str:
        return f"doorbraak-leeromgeving:page:{item.hit.id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: MatchingCase) -> datetime:
        return item.published_at

    def item_categories(self, item: MatchingCase) -> list[str]:
        return list(item.hit.domains)
