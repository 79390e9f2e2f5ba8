"""Reads of contributed breakthroughs: "Mijn bijdragen", the editors' queue, the origin
of a case, the public credit line on a case page and the account export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import WorkflowState

from casebook.extensions import CasePageExtension
from casebook.models import CasePage
from learning.models import PracticePlan

from .models import OPEN_STATUSES, Contribution, ContributionStatus


def contributions_for_user(*, user: AbstractBaseUser) -> list[Contribution]:
    """The user's contributions, newest first, with their cases (two queries at most)."""
    return list(Contribution.objects.filter(user=user).select_related("case"))


def contribution_get_for_user(*, user: AbstractBaseUser, pk: int) -> Contribution | None:
    return Contribution.objects.select_related("case").filter(user=user, pk=pk).first()


def contribution_open_for_plan(*, plan: PracticePlan) -> Contribution | None:
    """The contribution of `plan` the editors still work on, if any."""
    return Contribution.objects.filter(plan=plan, status__in=OPEN_STATUSES).first()


def contribution_for_case(*, case_id: int) -> Contribution | None:
    return (
        Contribution.objects.filter(case_id=case_id)
        .exclude(status=ContributionStatus.WITHDRAWN)
        .first()
    )


@dataclass(frozen=True)
class QueueRow:
    contribution: Contribution
    age_days: int
    workflow_status: str


def _workflow_statuses(case_ids: list[int]) -> dict[int, str]:
    """The label of each case's current workflow state (one query)."""
    states = WorkflowState.objects.filter(
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id__in=[str(pk) for pk in case_ids],
    ).order_by("created_at")
    return {int(state.object_id): str(state.get_status_display()) for state in states}


def contribution_queue(*, now: datetime | None = None) -> list[QueueRow]:
    """The contributions the editors still work on, oldest first, with their age in days
    and workflow state; a fixed number of queries however long the queue is."""
    now = now or timezone.now()
    contributions: QuerySet[Contribution] = (
        Contribution.objects.filter(status__in=OPEN_STATUSES)
        .select_related("case")
        .order_by("submitted_at", "pk")
    )
    rows = list(contributions)
    workflow = _workflow_statuses([c.case_id for c in rows if c.case_id])
    return [
        QueueRow(
            contribution=contribution,
            age_days=(now - contribution.submitted_at).days,
            workflow_status=workflow.get(contribution.case_id, ""),
        )
        for contribution in rows
    ]


def contributions_for_export(user: AbstractBaseUser) -> list[dict[str, Any]]:
    """The user's contributions and the cases they became (for "Download al mijn
    gegevens"); a fixed number of queries."""
    return [
        {
            "case_title": contribution.case_title,
            "status": contribution.status,
            "status_label": str(contribution.get_status_display()),
            "case_id": contribution.case_id,
            "case_url": contribution.case.full_url
            if contribution.case and contribution.case.live
            else "",
            "plan_id": contribution.plan_id,
            "template": contribution.template_title,
            "template_version": contribution.template_version,
            "organisation_named": contribution.name_organisation,
            "organisation": contribution.organisation,
            "consent_at": contribution.consent_at,
            "submitted_at": contribution.submitted_at,
            "status_changed_at": contribution.status_changed_at,
            "published_at": contribution.published_at,
            "return_reason": contribution.return_reason,
        }
        for contribution in Contribution.objects.filter(user=user)
        .select_related("case")
        .order_by("submitted_at", "pk")
    ]


#: The organisations credited on case pages, by case id (one cache entry for all cases,
#: so a case page reads no table of this app; forgotten whenever a contribution changes).
CREDITS_CACHE_KEY = "contributions:credits"
CREDITS_CACHE_SECONDS = 60 * 60


def contribution_credits() -> dict[int, str]:
    """{case id: organisation} of every contribution that chose to name its organisation."""
    credits = cache.get(CREDITS_CACHE_KEY)
    if credits is None:
        credits = dict(
            Contribution.objects.filter(name_organisation=True, case__isnull=False)
            .exclude(status=ContributionStatus.WITHDRAWN)
            .exclude(organisation="")
            .values_list("case_id", "organisation")
        )
        cache.set(CREDITS_CACHE_KEY, credits, CREDITS_CACHE_SECONDS)
    return credits


def contribution_credits_forget() -> None:
    cache.delete(CREDITS_CACHE_KEY)


def contributed_by_for_case(*, request: HttpRequest, case: CasePage) -> dict[str, Any]:
    """The organisation a case credits, when its contributor chose to name it (never the
    person); no query once the credits are cached."""
    return {"contributed_by": contribution_credits().get(case.pk, "") if case.pk else ""}


CASE_PAGE_EXTENSION = CasePageExtension(
    name="contributions",
    context=contributed_by_for_case,
    templates={"facts": "contributions/case_facts.html"},
)
