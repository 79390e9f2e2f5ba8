"""Context of the case listing (CaseIndexPage): search box, facets, results, pages.

Every query goes through the search interface (`search.cases.case_search`); this module
only turns the request into validated parameters and the answer into template context.
"""

from __future__ import annotations

from django.http import HttpRequest

from casebook.impact import impact_page_for
from search.cases import CaseSearchResult, case_search
from search.forms import SORT_CHOICES, CaseSearchForm

PER_PAGE = 20
#: Pages linked around the current one in the pagination.
PAGE_WINDOW = 2


def case_listing_context(*, request: HttpRequest, index) -> dict:
    form = CaseSearchForm(request.GET)
    form.is_valid()
    params = form.params(per_page=PER_PAGE)
    result = case_search(params=params)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "search_form": form,
        "search_errors": [
            f"{form.fields[name].label}: {error}" if name in form.fields else error
            for name, errors in form.errors.items()
            for error in errors
        ],
        "search": result,
        "sort_choices": SORT_CHOICES,
        "filter_query": query.urlencode(),
        "page_links": _page_links(result),
        "has_filters": params.has_filters,
        "impact_page": impact_page_for(index=index),
    }


def _page_links(result: CaseSearchResult) -> list[int | None]:
    """Page numbers to link: the first, the last and a window around the current page;
    None stands for a gap ("…")."""
    pages = sorted(
        {1, result.num_pages}
        | set(
            range(
                max(1, result.page - PAGE_WINDOW),
                min(result.num_pages, result.page + PAGE_WINDOW) + 1,
            )
        )
    )
    links: list[int | None] = []
    for number in pages:
        if links and links[-1] is not None and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links
