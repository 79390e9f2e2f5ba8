"""Context of a case page: the problem domains, legal bases, cost table and chart, the
related insights and standards a visitor may see, and similar cases.

The number of queries does not grow with the number of legal bases, costs or domains:
each relation is read once (legal bases with their law and article in one join).
Relations are read through the page's own managers, so a preview of unsaved changes
(rows kept in memory by modelcluster) shows the same as the published page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from portal.insights.models import InsightPage
from portal.standards.models import StandardPage

from .charts import bar_chart, format_euro
from .costs import CostSummary, case_cost_summary
from .models import CasePage


def _similar_cases(*, case: CasePage) -> list[CasePage]:
    """Cases like this one, from the search app (none for an unsaved preview)."""
    if case.pk is None:
        return []
    from search.cases import similar_cases  # noqa: PLC0415 (search imports casebook)

    return list(similar_cases(case=case, limit=5))


def _visible_pages(model: type, chosen: Any) -> list:
    """The chosen pages of `model` that are live and public, by title."""
    ids = [page.pk for page in chosen.all()]
    if not ids:
        return []
    return list(model.objects.live().public().filter(pk__in=ids).order_by("title"))


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


def _plan_templates(*, case: CasePage) -> dict[str, Any]:
    """The template the case's plan follows (its newest live version) and the template a
    learner practises with from this case: that one, else the current Doorbraakplan.
    A fixed number of queries (at most three)."""
    from learning.blocks.content import current_template  # noqa: PLC0415
    from learning.models import PlanTemplateKind, PlanTemplatePage  # noqa: PLC0415

    followed = current_template(case.plan_template) if case.plan_template_id else None
    practice = followed
    if practice is None:
        practice = (
            PlanTemplatePage.objects.live()
            .public()
            .filter(kind=PlanTemplateKind.DOORBRAAKPLAN)
            .exclude(successors__live=True)
            .order_by("-effective_date", "-pk")
            .first()
        )
    if practice is not None and not practice.practice_enabled:
        practice = None
    return {"followed_template": followed, "practice_template": practice}


def case_page_context(*, request: HttpRequest, case: CasePage) -> dict:
    summary = case_cost_summary(case=case)
    chart = None
    if summary.rows:
        chart = bar_chart(
            [(row.label, row.prevented) for row in summary.rows],
            title=_("Voorkomen kosten in het eerste jaar per wetsdomein"),
            chart_id="casebook-prevented-chart",
        )
    return {
        "region": case.region if case.region_id else None,
        "problem_domains": list(case.problem_domains.all()),
        "legal_bases": list(case.legal_bases.select_related("law", "article")),
        "cost_summary": summary,
        "cost_table": _cost_table(summary),
        "cost_chart": chart,
        "related_insights": _visible_pages(InsightPage, case.related_insights),
        "related_standards": _visible_pages(StandardPage, case.related_standards),
        "similar_cases": _similar_cases(case=case),
        **_plan_templates(case=case),
    }
