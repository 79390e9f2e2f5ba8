"""The site search page and its title autocomplete: thin views over `search.site`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from .pagination import page_links
from .queries import site_search, title_autocomplete
from .site_forms import SiteSearchForm

AUTOCOMPLETE_MAX_AGE = 60


@require_GET
def site_search_view(request: HttpRequest) -> HttpResponse:
    form = SiteSearchForm(request.GET)
    form.is_valid()
    params = form.params()
    result = site_search(params=params) if params else None
    errors = [error for errors in form.errors.values() for error in errors]
    return render(
        request,
        "search/site_search.html",
        {
            "form": form,
            "query": form.cleaned_data.get("q", "") if hasattr(form, "cleaned_data") else "",
            "errors": errors,
            "truncation_notice": form.truncation_notice,
            "search": result,
            "page_links": page_links(page=result.page, num_pages=result.num_pages)
            if result
            else [],
        },
    )


@require_GET
def autocomplete_view(request: HttpRequest) -> JsonResponse:
    """[{title, url, type, type_label}] of titles matching what was typed so far."""
    hits = title_autocomplete(prefix=request.GET.get("q", "")[:100])
    response = JsonResponse(
        [
            {"title": hit.title, "url": hit.url, "type": hit.type, "type_label": hit.type_label}
            for hit in hits
        ],
        safe=False,
    )
    patch_cache_control(response, public=True, max_age=AUTOCOMPLETE_MAX_AGE)
    return response
