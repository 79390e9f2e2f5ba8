"""The learner's practice plans in "Download al mijn gegevens" (portal.accounts.export).

Registered in `learning.apps.LearningConfig.ready()`::

    register_exporter("oefenplannen", practice_plans_for_export)
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch

from ..models import PracticePlan, PracticePlanCostLine, PracticePlanLegalBasis
from .calculator import cost_line_amount


def _section_answer(plan: PracticePlan, section: dict[str, Any]) -> Any:
    return (plan.answers or {}).get(section.get("key"), "")


def practice_plans_for_export(user: AbstractBaseUser) -> list[dict[str, Any]]:
    """Every practice plan of `user` with its answers, legal bases and cost lines
    (amounts as strings, so no precision is lost); a fixed number of queries."""
    plans = (
        PracticePlan.objects.filter(owner=user)
        .select_related("case", "lesson")
        .prefetch_related(
            Prefetch("legal_bases", queryset=PracticePlanLegalBasis.objects.order_by("sort_order")),
            Prefetch("cost_lines", queryset=PracticePlanCostLine.objects.order_by("sort_order")),
        )
        .order_by("created_at", "pk")
    )
    return [
        {
            "title": plan.title,
            "template": plan.template_title,
            "template_version": plan.template_version,
            "status": plan.status,
            "case": plan.case.title if plan.case else None,
            "lesson": plan.lesson.title if plan.lesson else None,
            "shared_with_team": plan.shared_with_team,
            "shared_at": plan.shared_at,
            "completed_at": plan.completed_at,
            "created_at": plan.created_at,
            "updated_at": plan.updated_at,
            "sections": [
                {
                    "key": section.get("key"),
                    "heading": section.get("heading"),
                    "kind": section.get("kind"),
                    "answer": _section_answer(plan, section),
                }
                for section in plan.sections
            ],
            "legal_bases": [
                {
                    "law": basis.law_label,
                    "article": basis.article_label,
                    "reasoning": basis.reasoning,
                }
                for basis in plan.legal_bases.all()
            ],
            "cost_lines": [
                {
                    "side": line.side,
                    "domain": line.domain,
                    "description": line.description,
                    "unit": line.unit,
                    "unit_price": str(line.unit_price),
                    "quantity": str(line.quantity),
                    "amount": str(
                        cost_line_amount(quantity=line.quantity, unit_price=line.unit_price)
                    ),
                }
                for line in plan.cost_lines.all()
            ],
            "costs_computed_at": plan.costs_computed_at,
        }
        for plan in plans
    ]
