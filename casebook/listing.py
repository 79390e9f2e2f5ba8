"""Context of the case listing (CaseIndexPage): search box, facets, results, pages.

Every query goes through the case search (`case_search.queries.case_search`); this module
only turns the request into validated parameters and the answer into template context.
"""

from __future__ import annotations

from django.http import HttpRequest

from search.pagination import page_links

from .case_search.facets import CASE_FACETS, SORT_CHOICES
from .case_search.forms import CaseSearchForm
from .case_search.queries import case_search
from .impact import impact_page_for

PER_PAGE = 20


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
        "page_links": page_links(page=result.page, num_pages=result.num_pages),
        "has_filters": params.has_filters,
        # How many facet values are chosen: shown on the folded "Filters" button.
        "active_filter_count": sum(len(params.selected(facet)) for facet in CASE_FACETS),
        "impact_page": impact_page_for(index=index),
    }
