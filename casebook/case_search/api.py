"""`GET /api/v1/cases/`: the case search as JSON (read-only).

Only what an anonymous visitor may see: the case index holds live, public cases only,
and nothing here looks at the requester, so a logged-in request gets the same answer
(and a shared cache may keep it). Bad parameters get HTTP 400 with a Dutch message per
field, never a 500; an unknown domain, law or region name is answered with the valid
names. Names are matched ignoring case, laws also by their abbreviation ("pw"), as the
importer matches them (casebook.importing.names). Counts follow the privacy rule of
casebook.case_search.counts.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest, JsonResponse

from search.api.responses import absolute_url, api_bad_request, api_json, api_view

from .counts import counts_protected, facet_counts_protected, shown_count
from .forms import CaseSearchForm
from .queries import CaseHit, CaseSearchResult, case_search

PER_PAGE = 20


def _money(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01")))


def _case(request: HttpRequest, hit: CaseHit) -> dict:
    return {
        "id": hit.id,
        "title": hit.title,
        "url": absolute_url(request, hit.url),
        "domains": hit.domains,
        "legal_bases": [{"law": basis.law, "article": basis.article} for basis in hit.legal_bases],
        "region": hit.region,
        "year": hit.year,
        "costs_prevented": _money(hit.prevented_total),
    }


def case_result_json(request: HttpRequest, result: CaseSearchResult) -> dict:
    """The answer of the cases API. With a region or year filter, a count between 1 and
    CASEBOOK_MIN_COUNT (exclusive) is withheld: `"count": null` with `"count_label":
    "minder dan 3"` (and `"total": null` with `"total_label"` for the result total); the
    region and year facets' counts always follow that rule; see
    casebook.case_search.counts for the rule."""
    params = result.params
    protected = counts_protected(region=params.region, year=params.year, q=params.q)
    total = shown_count(result.total, protected=protected)
    data = {
        "total": total.value,
        "total_label": total.label,
        "results": [_case(request, hit) for hit in result.results],
        "facets": {
            facet.param: [
                {
                    "value": option.value,
                    "label": option.label,
                    **shown_count(
                        option.count,
                        protected=facet_counts_protected(param=facet.param, protected=protected),
                    ).as_json(),
                }
                for option in facet.options
            ]
            for facet in result.facets
        },
        "page": result.page,
        "num_pages": result.num_pages,
    }
    if result.notice:
        data["notice"] = str(result.notice)
    return data


@api_view
def cases_view(request: HttpRequest) -> JsonResponse:
    """GET /api/v1/cases/?q=&domain=&law=&article=&region=&phase=&year=&outcome=&sort=&page="""
    form = CaseSearchForm(request.GET)
    if not form.is_valid():
        return api_bad_request(form)
    result = case_search(params=form.params(per_page=PER_PAGE))
    return api_json(case_result_json(request, result))
