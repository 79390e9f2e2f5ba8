"""The site search page and its title autocomplete: thin views over `search.site`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from .site import SiteSearchResult, site_search, title_autocomplete
from .site_forms import SiteSearchForm

#: Pages linked around the current one in the pagination.
PAGE_WINDOW = 2
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
            "page_links": _page_links(result) if result else [],
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


def _page_links(result: SiteSearchResult) -> list[int | None]:
    """The first, the last and a window around the current page; None is a gap."""
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
