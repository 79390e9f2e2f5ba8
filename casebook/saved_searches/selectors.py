"""Reading saved searches: a user's list, one of them, the cases that are new for one,
the casebook link, and the data export."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from ..case_search.queries import CaseHit, case_search
from ..models import CaseIndexPage, CasePage, SavedSearch
from .params import search_description, search_params, search_querystring

#: The newest published cases looked at for one digest or feed (a bound on the work).
CANDIDATE_LIMIT = 500
#: Results read per search page, and at most this many pages, while looking for them.
SEARCH_PAGE_SIZE = 100
SEARCH_MAX_PAGES = 20
DEFAULT_MAX_SAVED_SEARCHES = 25


def max_saved_searches() -> int:
    """How many searches one user may keep (`CASEBOOK_SAVED_SEARCHES_MAX`, default 25)."""
    return int(getattr(settings, "CASEBOOK_SAVED_SEARCHES_MAX", DEFAULT_MAX_SAVED_SEARCHES))


def saved_search_list(*, user: AbstractBaseUser) -> list[SavedSearch]:
    if not user.is_authenticated:
        return []
    return list(SavedSearch.objects.filter(user=user).order_by("name", "pk"))


def saved_search_get(*, user: AbstractBaseUser, pk: int) -> SavedSearch | None:
    """The user's own saved search `pk` (None for someone else's: the views answer 404)."""
    if not user.is_authenticated:
        return None
    return SavedSearch.objects.filter(user=user, pk=pk).first()


def saved_search_same(
    *, saved_searches: Collection[SavedSearch], query: str, filters: Mapping[str, Any]
) -> SavedSearch | None:
    """Among `saved_searches`, the one that is this search already (normalised params)."""
    for saved_search in saved_searches:
        if saved_search.query == query and saved_search.filters == dict(filters):
            return saved_search
    return None


def casebook_path() -> str:
    """The path of the casebook listing (the first live, public case index)."""
    index = CaseIndexPage.objects.live().public().order_by("path").first()
    return (index.get_url() if index else None) or "/"


def saved_search_path(*, saved_search: SavedSearch, casebook: str | None = None) -> str:
    """The casebook listing with this search applied."""
    base = casebook if casebook is not None else casebook_path()
    query = search_querystring(query=saved_search.query, filters=saved_search.filters)
    return f"{base}?{query}" if query else base


def saved_search_summary(*, saved_search: SavedSearch) -> list[str]:
    return search_description(query=saved_search.query, filters=saved_search.filters)


@dataclass(frozen=True)
class MatchingCase:
    """A published case that matches a saved search, as the case search returned it."""

    hit: CaseHit
    published_at: datetime


def cases_matching(
    *,
    query: str,
    filters: Mapping[str, Any],
    published_after: datetime | None = None,
    exclude_ids: Collection[int] = (),
    limit: int | None = None,
) -> list[MatchingCase]:
    """Live, public cases first published after `published_after` (newest first) that
    the casebook search with these parameters finds.

    The search is the casebook's own (`case_search`, sorted newest year first); it is
    read page by page until every candidate is found or no candidate can come any more
    (the results are past the oldest candidate's year). No candidate: no search at all.
    """
    candidates = CasePage.objects.live().public().filter(first_published_at__isnull=False)
    if published_after is not None:
        candidates = candidates.filter(first_published_at__gt=published_after)
    if exclude_ids:
        candidates = candidates.exclude(pk__in=list(exclude_ids))
    rows = list(
        candidates.order_by("-first_published_at", "-pk").values_list(
            "pk", "year", "first_published_at"
        )[:CANDIDATE_LIMIT]
    )
    if not rows:
        return []
    remaining = {pk: year for pk, year, _published in rows}
    published = {pk: when for pk, _year, when in rows}
    found: dict[int, CaseHit] = {}
    for page in range(1, SEARCH_MAX_PAGES + 1):
        result = case_search(
            params=search_params(
                query=query,
                filters=filters,
                newest_first=True,
                page=page,
                per_page=SEARCH_PAGE_SIZE,
            )
        )
        for hit in result.results:
            if hit.id in remaining:
                found[hit.id] = hit
                del remaining[hit.id]
        if not remaining or not result.results or not result.has_next:
            break
        if result.results[-1].year < min(remaining.values()):
            break  # sorted by year: the candidates left are not among the matches
    matches = sorted(
        (MatchingCase(hit=hit, published_at=published[pk]) for pk, hit in found.items()),
        key=lambda match: (match.published_at, match.hit.id),
        reverse=True,
    )
    return matches[:limit] if limit else matches


def saved_searches_for_export(user: AbstractBaseUser) -> list[dict[str, Any]]:
    """The user's saved searches for "Download al mijn gegevens" (no link secrets)."""
    return [
        {
            "name": saved_search.name,
            "query": saved_search.query,
            "filters": saved_search.filters,
            "frequency": saved_search.frequency,
            "frequency_label": str(saved_search.get_frequency_display()),
            "created_at": saved_search.created_at,
            "updated_at": saved_search.updated_at,
            "last_mail_sent_at": saved_search.alert_last_sent_at,
        }
        for saved_search in SavedSearch.objects.filter(user=user).order_by("name", "pk")
    ]
