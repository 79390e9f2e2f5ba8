"""Reads of plan templates (the import point of `learning.models.plans`).

The rules live in `learning.plans.template_pages`; practice plans in
`learning.plans.practice`.
"""

from __future__ import annotations

from .template_pages import (
    PlanTemplateUsage,
    UsedInLesson,
    plan_template_current_version,
    plan_template_family,
    plan_template_index_context,
    plan_template_is_current,
    plan_template_list_current,
    plan_template_page_context,
    plan_template_practice_url,
    plan_template_predecessor,
    plan_template_successor,
    plan_template_usage,
)

__all__ = [
    "PlanTemplateUsage",
    "UsedInLesson",
    "plan_template_current_version",
    "plan_template_family",
    "plan_template_index_context",
    "plan_template_is_current",
    "plan_template_list_current",
    "plan_template_page_context",
    "plan_template_practice_url",
    "plan_template_predecessor",
    "plan_template_successor",
    "plan_template_usage",
]
