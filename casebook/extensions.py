"""Extension points of the casebook for apps above it (the casebook imports none of them).

An app adds a part to every case page by registering an extension in its
AppConfig.ready(): a function that returns extra template context for one case, and the
templates that show it, per slot of the case page:

    register_case_page_extension(CasePageExtension(
        name="plan_templates",
        context=plan_templates_for_case,            # (*, request, case) -> dict
        templates={"facts": "learning/plans/case_facts.html",
                   "after_body": "learning/plans/case_practice.html"},
    ))

Slots: "facts" (items of the facts list under the title: <dt>/<dd> pairs) and
"after_body" (sections after the case's own content). A template sees the case page's
whole context, its extension's keys included.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

SLOTS = ("facts", "after_body")


@dataclass(frozen=True)
class CasePageExtension:
    name: str
    context: Callable[..., Mapping[str, Any]]
    templates: Mapping[str, str]

    def __post_init__(self) -> None:
        unknown = set(self.templates) - set(SLOTS)
        if unknown:
            raise ValueError(f"Unknown case page slot(s) {sorted(unknown)}; use {SLOTS}")


_EXTENSIONS: dict[str, CasePageExtension] = {}


def register_case_page_extension(extension: CasePageExtension) -> CasePageExtension:
    """Add (or replace, by name) a part of the case page."""
    _EXTENSIONS[extension.name] = extension
    return extension


def case_page_extensions() -> list[CasePageExtension]:
    return list(_EXTENSIONS.values())


def case_page_extension_context(*, request: HttpRequest, case: Any) -> dict[str, Any]:
    """The context every extension adds, plus `case_extension_templates`: per slot the
    templates to include, in registration order."""
    context: dict[str, Any] = {}
    templates: dict[str, list[str]] = {slot: [] for slot in SLOTS}
    for extension in case_page_extensions():
        context.update(extension.context(request=request, case=case))
        for slot, template in extension.templates.items():
            templates[slot].append(template)
    context["case_extension_templates"] = templates
    return context
