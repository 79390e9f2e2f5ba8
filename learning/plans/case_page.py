"""What the learning environment adds to a case page (casebook.extensions): the plan
template the case's plan follows, and "Oefen met deze casus" with a template to practise
with. Registered in LearningConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from casebook.extensions import CasePageExtension
from casebook.models import CasePage
from portal.core.page_cache import page_tree_cached

from ..models import PlanTemplateKind, PlanTemplatePage
from .template_pages import plan_template_current_version


def plan_templates_for_case(*, request: HttpRequest, case: CasePage) -> dict[str, Any]:
    """The template the case's plan follows (its newest live version) and the template a
    learner practises with from this case: that one, else the current Doorbraakplan.
    The same for every visitor and made of pages only, so kept in the page-tree cache
    (at most three queries when the tree has changed, none otherwise)."""
    template_id = case.plan_template_id
    return page_tree_cached(
        f"case-plan-templates:{template_id or 0}",
        lambda: _plan_templates(case=case),
    )


def _plan_templates(*, case: CasePage) -> dict[str, Any]:
    followed = (
        plan_template_current_version(template=case.plan_template)
        if case.plan_template_id
        else None
    )
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


CASE_PAGE_EXTENSION = CasePageExtension(
    name="plan_templates",
    context=plan_templates_for_case,
    templates={
        "facts": "learning/plans/case_facts.html",
        "after_body": "learning/plans/case_practice.html",
    },
)
