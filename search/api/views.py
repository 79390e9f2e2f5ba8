"""Read-only JSON view over the site search.

Only what an anonymous visitor may see: the site index holds live, public content only,
and nothing here looks at the requester, so a logged-in request gets the same answer
(and a shared cache may keep it).
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

from ..queries import site_search
from ..site import SiteHit, SiteSearchResult
from ..site_forms import SiteSearchForm
from .responses import absolute_url, api_bad_request, api_json, api_view

PER_PAGE = 20


def _site_hit(request: HttpRequest, hit: SiteHit) -> dict:
    return {
        "type": hit.type,
        "type_label": hit.type_label,
        "title": hit.title,
        "url": absolute_url(request, hit.url),
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


@api_view
def site_search_view(request: HttpRequest) -> JsonResponse:
    """GET /api/v1/search/?q=&type=&page="""
    form = SiteSearchForm(request.GET, require_query=True)
    if not form.is_valid():
        return api_bad_request(form)
    result = site_search(params=form.params(per_page=PER_PAGE))
    return api_json(site_result_json(request, result))
