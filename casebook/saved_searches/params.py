"""A casebook search as stored in a saved search: the GET parameters the casebook's own
search form (`CaseSearchForm`) accepts, validated and normalised by that form.

Stored as `query` (the free text, `q`) and `filters` (every other parameter by its GET
name, values as sorted lists; the page is dropped, the default sort too), so the same
search saved twice is stored the same way, whatever order or case it was typed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from ..case_search.facets import SORT_RELEVANCE, SORT_YEAR, SORTS
from ..case_search.forms import CaseSearchForm
from ..case_search.queries import CaseSearchParams
from ..models import Outcome, Phase

#: The filter parameters, in the order the casebook shows its facets.
FILTER_PARAMS = ("domain", "law", "article", "region", "phase", "year", "outcome")
NAME_MAX_LENGTH = 120


def search_normalise(*, data: Mapping[str, Any] | QueryDict) -> tuple[str, dict[str, Any]]:
    """`(query, filters)` of the valid parameters in `data` (a request's GET or POST);
    what the casebook's form refuses is left out, as the casebook leaves it out."""
    form = CaseSearchForm(data)
    form.is_valid()
    return search_from_params(params=form.params())


def search_from_params(*, params: CaseSearchParams) -> tuple[str, dict[str, Any]]:
    """`(query, filters)` of a validated case search (the page is left out, and the sort
    when it is the default)."""
    filters: dict[str, Any] = {}
    values = {
        "domain": params.domains,
        "law": params.law,
        "article": params.article,
        "region": params.region,
        "phase": params.phase,
        "year": params.year,
        "outcome": params.outcome,
    }
    for name in FILTER_PARAMS:
        chosen = list(dict.fromkeys(values[name]))
        if chosen:
            filters[name] = sorted(chosen, key=lambda value: str(value).casefold())
    if params.sort and params.sort != SORT_RELEVANCE:
        filters["sort"] = params.sort
    return params.q, filters


def search_params(
    *,
    query: str,
    filters: Mapping[str, Any],
    newest_first: bool = False,
    page: int = 1,
    per_page: int | None = None,
) -> CaseSearchParams:
    """The case search of a stored search (the digest and the feed ask newest first)."""
    extra = {"per_page": per_page} if per_page else {}
    sort = filters.get("sort") or SORT_RELEVANCE
    if sort not in SORTS:  # a sort the casebook no longer offers
        sort = SORT_RELEVANCE
    return CaseSearchParams(
        q=query,
        domains=tuple(filters.get("domain") or ()),
        law=tuple(filters.get("law") or ()),
        article=tuple(filters.get("article") or ()),
        region=tuple(filters.get("region") or ()),
        phase=tuple(filters.get("phase") or ()),
        year=tuple(int(year) for year in filters.get("year") or ()),
        outcome=tuple(filters.get("outcome") or ()),
        sort=SORT_YEAR if newest_first else sort,
        page=page,
        **extra,
    )


def search_pairs(*, query: str, filters: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The search as (name, value) pairs: hidden form fields, or a query string."""
    pairs = [("q", query)] if query else []
    for name in (*FILTER_PARAMS, "sort"):
        value = filters.get(name)
        if value in (None, "", []) or (name == "sort" and value not in SORTS):
            continue
        for item in value if isinstance(value, list | tuple) else [value]:
            pairs.append((name, str(item)))
    return pairs


def search_querystring(*, query: str, filters: Mapping[str, Any]) -> str:
    """`q=...&domain=...` for a link into the casebook."""
    data = QueryDict(mutable=True)
    for name, value in search_pairs(query=query, filters=filters):
        data.appendlist(name, value)
    return data.urlencode()


def search_description(*, query: str, filters: Mapping[str, Any]) -> list[str]:
    """What the search looks for, one part per parameter, in Dutch."""
    parts = []
    if query:
        parts.append(f"‘{query}’")
    labels = {"phase": dict(Phase.choices), "outcome": dict(Outcome.choices)}
    for name in FILTER_PARAMS:
        values = filters.get(name) or []
        names = [str(labels.get(name, {}).get(value, value)) for value in values]
        if names:
            joiner = _(" en ") if name == "domain" else _(" of ")
            parts.append(joiner.join(names))
    return parts


def search_default_name(*, query: str, filters: Mapping[str, Any]) -> str:
    """A name built from the query and filters, e.g. "‘huur’ · Schulden en Wonen · Zwolle"."""
    name = " · ".join(search_description(query=query, filters=filters)) or _("Alle casussen")
    if len(name) > NAME_MAX_LENGTH:
        name = name[: NAME_MAX_LENGTH - 1].rstrip() + "…"
    return name
