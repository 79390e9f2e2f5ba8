"""Reads of plan templates and practice plans."""

from __future__ import annotations

from typing import Any


def plan_template_index_context(*, index, user) -> dict[str, Any]:
    return {}


def plan_template_page_context(*, template, user) -> dict[str, Any]:
    return {}
