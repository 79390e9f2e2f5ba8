"""Read-only JSON views over the search interface.

Only what an anonymous visitor may see: both indexes hold live, public content only,
and nothing here looks at the requester, so a logged-in request gets the same answer
(and a shared cache may keep it). Bad parameters get HTTP 400 with a Dutch message per
field, never a 500.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..cases import CaseHit, CaseSearchResult, case_search
from ..forms import CaseSearchForm
from ..site import SiteHit, SiteSearchResult, site_search
from ..site_forms import SiteSearchForm

PER_PAGE = 20
MAX_AGE = 60


def _absolute(request: HttpRequest, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def _json(data: dict, *, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    if status == 200:
        patch_cache_control(response, public=True, max_age=MAX_AGE)
    else:
        patch_cache_control(response, no_store=True)
    return response


def _bad_request(form) -> JsonResponse:
    return _json(
        {
            "error": _("Een of meer parameters zijn ongeldig."),
            "fields": {
                name: [str(error) for error in errors] for name, errors in form.errors.items()
            },
        },
        status=400,
    )


def _money(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01")))


def _case(request: HttpRequest, hit: CaseHit) -> dict:
    return {
        "id": hit.id,
        "title": hit.title,
        "url": _absolute(request, hit.url),
        "domains": hit.domains,
        "legal_bases": [{"law": basis.law, "article": basis.article} for basis in hit.legal_bases],
        "region": hit.region,
        "year": hit.year,
        "costs_prevented": _money(hit.prevented_total),
    }


def case_result_json(request: HttpRequest, result: CaseSearchResult) -> dict:
    data = {
        "total": result.total,
        "results": [_case(request, hit) for hit in result.results],
        "facets": {
            facet.param: [
                {"value": option.value, "label": option.label, "count": option.count}
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


@require_GET
def cases_view(request: HttpRequest) -> JsonResponse:
    """GET /api/v1/cases/?q=&domain=&law=&article=&region=&phase=&year=&outcome=&sort=&page="""
    form = CaseSearchForm(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    result = case_search(params=form.params(per_page=PER_PAGE))
    return _json(case_result_json(request, result))


def _site_hit(request: HttpRequest, hit: SiteHit) -> dict:
    return {
        "type": hit.type,
        "type_label": hit.type_label,
        "title": hit.title,
        "url": _absolute(request, hit.url),
        "snippet_html": str(hit.snippet_html),
        "date": hit.date.isoformat() if hit.date else None,
    }


def site_result_json(request: HttpRequest, result: SiteSearchResult) -> dict:
    return {
        "total": result.total,
        "results": [_site_hit(request, hit) for hit in result.results],
        "facets": {
            "type": [
                {"value": option.value, "label": option.label, "count": option.count}
                for option in result.type_facets
            ]
        },
        "suggestion": result.suggestion,
        "notice": str(result.notice) if result.notice else None,
        "page": result.page,
        "num_pages": result.num_pages,
    }


@require_GET
def site_search_view(request: HttpRequest) -> JsonResponse:
    """GET /api/v1/search/?q=&type=&page="""
    form = SiteSearchForm(request.GET, require_query=True)
    if not form.is_valid():
        return _bad_request(form)
    result = site_search(params=form.params(per_page=PER_PAGE))
    return _json(site_result_json(request, result))
