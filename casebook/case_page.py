"""Context of a case page: the problem domains, legal bases, cost table and chart, the
related insights and standards a visitor may see, similar cases, and what other apps add
through casebook.extensions (the learning environment: plan templates to practise with).

The number of queries does not grow with the number of legal bases, costs or domains:
each relation is read once (legal bases with their law and article in one join).
Relations are read through the page's own managers, so a preview of unsaved changes
(rows kept in memory by modelcluster) shows the same as the published page.

What the page shows of the case itself is the same for every visitor: for a published
case it is built once per page-tree generation (`portal.core.page_cache`, renewed when a
page is saved, published, unpublished, moved or deleted, when privacy changes and when the
casebook's taxonomy changes, see casebook.impact) and kept in the cache, similar cases
included (whose search costs grow with the casebook). A preview is always built afresh.
Only the casebook's address and what other apps add are computed per request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from portal.core.charts import bar_chart
from portal.core.money import format_euro
from portal.core.page_cache import page_is_public, page_tree_cached
from portal.insights.models import InsightPage
from portal.standards.models import StandardPage

from .case_search.queries import similar_cases
from .costs import CostSummary, case_cost_summary
from .extensions import case_page_extension_context
from .models import CasePage


@dataclass(frozen=True)
class LinkedPage:
    """A page the case page links to, as it is kept in the cache: small and plain."""

    title: str
    url: str


@dataclass(frozen=True)
class SimilarCase:
    """A similar case as the case page lists it."""

    title: str
    url: str
    household: str
    region: str
    year: int


def _similar_cases(*, case: CasePage) -> list[SimilarCase]:
    """Cases like this one, from the case search (none for an unsaved preview)."""
    if case.pk is None:
        return []
    return [
        SimilarCase(
            title=other.title,
            url=other.get_url() or "",
            household=other.household,
            region=other.region.name,
            year=other.year,
        )
        for other in similar_cases(case=case, limit=5)
    ]


def _visible_pages(chosen: Any, model: type) -> list[LinkedPage]:
    """The chosen pages of `model` that are live and public, by title: one query (none
    for a preview's pages in memory); privacy from the cached restricted paths."""
    pages = [
        page
        for page in chosen.all()
        if isinstance(page, model) and page.live and page_is_public(page)
    ]
    pages.sort(key=lambda page: (page.title.casefold(), page.pk))
    return [LinkedPage(title=page.title, url=page.get_url() or "") for page in pages]


def _cost_table(summary: CostSummary) -> dict:
    """The cost summary with every amount in Dutch notation, for the template."""
    return {
        "rows": [
            {
                "label": row.label,
                "direct": format_euro(row.direct),
                "prevented": format_euro(row.prevented),
            }
            for row in summary.rows
        ],
        "direct_total": format_euro(summary.direct_total),
        "prevented_total": format_euro(summary.prevented_total),
        "breakthrough_cost": format_euro(summary.breakthrough_cost),
        "net": format_euro(summary.net),
    }


def case_page_parts(*, case: CasePage) -> dict[str, Any]:
    """What the page shows of `case`, the same for every visitor: region, problem
    domains, legal bases, costs (table and chart), related reading and similar cases."""
    summary = case_cost_summary(case=case)
    chart = None
    if summary.rows:
        chart = bar_chart(
            slug="case-prevented",
            title=_("Voorkomen kosten in het eerste jaar per wetsdomein"),
            rows=[(row.label, row.prevented) for row in summary.rows],
        )
    return {
        "region": case.region if case.region_id else None,
        "problem_domains": list(case.problem_domains.all()),
        "legal_bases": list(case.legal_bases.select_related("law", "article")),
        "cost_summary": summary,
        "cost_table": _cost_table(summary),
        "cost_chart": chart,
        "related_insights": _visible_pages(case.related_insights, InsightPage),
        "related_standards": _visible_pages(case.related_standards, StandardPage),
        "similar_cases": _similar_cases(case=case),
    }


def cached_case_page_parts(*, request: HttpRequest, case: CasePage) -> dict[str, Any]:
    """`case_page_parts`, from the page-tree cache for a published case as served (built
    afresh for a preview, a draft or an unsaved page)."""
    if case.pk is None or not case.live or getattr(request, "is_preview", False):
        return case_page_parts(case=case)
    return page_tree_cached(f"casebook:case-page:{case.pk}", lambda: case_page_parts(case=case))


def case_page_context(*, request: HttpRequest, case: CasePage) -> dict:
    casebook = case.get_parent()
    return {
        # The case's domains, laws and region link into the casebook filtered on them.
        "casebook_url": casebook.get_url(request) if casebook else "",
        **cached_case_page_parts(request=request, case=case),
        **case_page_extension_context(request=request, case=case),
    }
