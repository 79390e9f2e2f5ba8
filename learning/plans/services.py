"""Writes of plan templates and practice plans, with their rules."""

from __future__ import annotations


def plan_template_validate(*, template) -> None:
    return None
