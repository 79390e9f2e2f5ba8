"""Context of the case listing (CaseIndexPage): search box, facets, results, pages.

Every query goes through the case search (`case_search.queries.case_search`); this module
only turns the request into validated parameters and the answer into template context:

- counts as shown (`case_search.counts`: "minder dan 3" with a region or year filter);
- the active filters as chips, each a link to the same address without that value;
- per result a snippet of its text with the query's words in <mark> (the site search's
  `snippet_html`, over the page of results only: one query);
- "bedoelde je …?" when a free-text search finds few cases (the site search's
  `suggestion_for`, over the words of the case titles and the taxonomy).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, QueryDict
from django.utils.safestring import SafeString

from search.pagination import page_links
from search.site import (
    SUGGEST_BELOW,
    highlight_stems,
    snippet_html,
    suggestion_for,
    vocabulary_from_titles,
)
from search.synonyms import expand_query_terms, synonym_vocabulary
from search.text import MAX_QUERY_TERMS, tokens

from .case_search.counts import (
    ShownCount,
    counts_protected,
    facet_counts_protected,
    shown_count,
)
from .case_search.facets import CASE_FACETS, SORT_CHOICES, SORT_RELEVANCE
from .case_search.forms import CaseSearchForm
from .case_search.queries import CaseHit, CaseSearchParams, CaseSearchResult, case_search
from .impact import impact_page_for
from .models import CasePage, Law, ProblemDomain, Region

PER_PAGE = 20
#: Cache key and lifetime of the words "bedoelde je" may suggest on the casebook.
VOCABULARY_CACHE_KEY = "casebook:listing-vocabulary:v1"
VOCABULARY_SECONDS = 10 * 60


@dataclass(frozen=True)
class ShownOption:
    value: object
    label: str
    count: ShownCount
    selected: bool


@dataclass(frozen=True)
class ShownFacet:
    name: str
    param: str
    label: str
    help_text: str
    options: list[ShownOption]


@dataclass(frozen=True)
class FilterChip:
    """An active filter: its label and the address of the listing without it."""

    facet_label: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class ResultCard:
    hit: CaseHit
    snippet: SafeString | str


def _address(params: CaseSearchParams, *, without: tuple[str, object] | None = None) -> str:
    """The listing's address for `params` (search text, sort, every chosen value as the
    taxonomy spells it), leaving out one (facet name, value); the first page."""
    query = QueryDict(mutable=True)
    if params.q:
        query["q"] = params.q
    for facet in CASE_FACETS:
        values = [
            str(value)
            for value in params.selected(facet)
            if without is None or (facet.name, value) != without
        ]
        if values:
            query.setlist(facet.param, values)
    if params.sort != SORT_RELEVANCE:
        query["sort"] = params.sort
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def filter_chips(*, params: CaseSearchParams) -> list[FilterChip]:
    """One chip per chosen facet value, in the order of the facets; each links to the
    same search without that value."""
    return [
        FilterChip(
            facet_label=str(facet.label),
            label=facet.label_for(value),
            remove_url=_address(params, without=(facet.name, value)),
        )
        for facet in CASE_FACETS
        for value in params.selected(facet)
    ]


def clear_filters_url(*, params: CaseSearchParams) -> str:
    """The listing without any filter; the search text and the sort stay."""
    return _address(CaseSearchParams(q=params.q, sort=params.sort, per_page=params.per_page))


def shown_facets(*, result: CaseSearchResult, protected: bool) -> list[ShownFacet]:
    return [
        ShownFacet(
            name=facet.name,
            param=facet.param,
            label=facet.label,
            help_text=facet.help_text,
            options=[
                ShownOption(
                    value=option.value,
                    label=option.label,
                    count=shown_count(
                        option.count,
                        protected=facet_counts_protected(param=facet.param, protected=protected),
                    ),
                    selected=option.selected,
                )
                for option in facet.options
            ],
        )
        for facet in result.facets
    ]


def result_cards(*, result: CaseSearchResult) -> list[ResultCard]:
    """The page's results, each with a snippet: the part of its text where the query's
    words occur, marked; without free text, the start of the situation."""
    if not result.results:
        return []
    groups = expand_query_terms(tokens(result.params.q))[:MAX_QUERY_TERMS]
    if not groups:
        return [ResultCard(hit=hit, snippet=hit.summary) for hit in result.results]
    stems = highlight_stems(groups)
    # The household is on the card already: the snippet comes from the rest of the text.
    fields = ("pk", *(name for name in CasePage.TEXT_FIELDS if name != "household"))
    texts = {
        row["pk"]: "\n".join(str(row[name] or "") for name in fields[1:] if row[name])
        for row in CasePage.objects.filter(pk__in=[hit.id for hit in result.results]).values(
            *fields
        )
    }
    return [
        ResultCard(hit=hit, snippet=snippet_html(texts.get(hit.id, hit.summary), stems))
        for hit in result.results
    ]


def _vocabulary() -> set[str]:
    vocabulary = cache.get(VOCABULARY_CACHE_KEY)
    if vocabulary is None:
        titles = [
            *CasePage.objects.live().public().values_list("title", flat=True),
            *ProblemDomain.objects.values_list("name", flat=True),
            *Law.objects.values_list("name", flat=True),
            *Region.objects.values_list("name", flat=True),
        ]
        vocabulary = vocabulary_from_titles(titles) | synonym_vocabulary()
        cache.set(VOCABULARY_CACHE_KEY, vocabulary, VOCABULARY_SECONDS)
    return vocabulary


def case_suggestion(*, result: CaseSearchResult) -> str | None:
    """ "Bedoelde je …?": when free text finds fewer than SUGGEST_BELOW cases, the query
    with unknown words replaced by close known ones, if that finds more (same filters)."""
    params = result.params
    if not params.q or result.total >= SUGGEST_BELOW:
        return None
    suggestion = suggestion_for(params.q, _vocabulary())
    if not suggestion or suggestion == params.q:
        return None
    found = case_search(
        params=CaseSearchParams(
            q=suggestion,
            **{facet.name: params.selected(facet) for facet in CASE_FACETS},
            per_page=1,
        )
    )
    return suggestion if found.total > result.total else None


def _suggestion_url(query: QueryDict, suggestion: str) -> str:
    copy = query.copy()
    copy["q"] = suggestion
    return f"?{copy.urlencode()}"


def case_listing_context(*, request: HttpRequest, index) -> dict:
    form = CaseSearchForm(request.GET)
    form.is_valid()
    params = form.params(per_page=PER_PAGE)
    result = case_search(params=params)
    query = request.GET.copy()
    query.pop("page", None)
    protected = counts_protected(region=params.region, year=params.year, q=params.q)
    suggestion = case_suggestion(result=result)
    return {
        "search_form": form,
        "search_errors": [
            f"{form.fields[name].label}: {error}" if name in form.fields else error
            for name, errors in form.errors.items()
            for error in errors
        ],
        "search": result,
        "shown_total": shown_count(result.total, protected=protected),
        "shown_facets": shown_facets(result=result, protected=protected),
        "result_cards": result_cards(result=result),
        "filter_chips": filter_chips(params=params),
        "clear_filters_url": clear_filters_url(params=params),
        "suggestion": suggestion,
        "suggestion_url": _suggestion_url(query, suggestion) if suggestion else "",
        "sort_choices": SORT_CHOICES,
        "filter_query": query.urlencode(),
        "page_links": page_links(page=result.page, num_pages=result.num_pages),
        "has_filters": params.has_filters,
        # How many facet values are chosen: shown on the folded "Filters" button.
        "active_filter_count": sum(len(params.selected(facet)) for facet in CASE_FACETS),
        "impact_page": impact_page_for(index=index),
    }
