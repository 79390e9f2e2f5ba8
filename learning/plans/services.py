"""Writes of plan templates, with their rules (the import point of
`learning.models.plans`; the rules live in `learning.plans.template_pages`)."""

from __future__ import annotations

from .template_pages import plan_template_section_errors, plan_template_validate

__all__ = ["plan_template_section_errors", "plan_template_validate"]
