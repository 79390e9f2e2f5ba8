"""`{% clinic_plan_comments plan as groups %}`: the facilitators' comments on a practice
plan for its author (used by clinics/includes/plan_comments.html on the plan page)."""

from __future__ import annotations

from typing import Any

from django import template

from learning.models import PracticePlan

from ..selectors import PlanCommentGroup, plan_comments_for_owner

register = template.Library()


@register.simple_tag(takes_context=True)
def clinic_plan_comments(context: dict[str, Any], plan: PracticePlan) -> list[PlanCommentGroup]:
    request = context.get("request")
    if request is None or plan is None:
        return []
    return plan_comments_for_owner(plan=plan, user=request.user)
