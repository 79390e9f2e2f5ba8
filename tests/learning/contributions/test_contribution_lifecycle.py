"""Withdrawal, the editors' queue, the account export and deletion, and what the casebook
and the impact page count (a contributed case only once it is published)."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from wagtail.models import WorkflowState

from casebook.case_search.queries import CaseSearchParams, case_search
from casebook.impact import impact_figures
from casebook.models import CasePage
from learning.contributions.models import Contribution, ContributionStatus
from learning.contributions.selectors import contribution_queue
from learning.contributions.services import (
    ContributionRefused,
    contribution_submit,
    contribution_withdraw,
)
from learning.plans import practice
from portal.accounts.export import user_data_export
from portal.accounts.factories import ProfileFactory, UserFactory
from portal.accounts.services import account_delete

pytestmark = pytest.mark.django_db


@pytest.fixture
def contribution(professional, completed_plan, draft):
    return contribution_submit(
        user=professional, plan=completed_plan, draft=draft, consent=True, name_organisation=True
    )


def _publish(case, editor, moderator) -> None:
    case.refresh_from_db()
    state = case.get_workflow().start(case, editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    case.refresh_from_db()


# ----------------------------------------------------------------------- withdrawal


def test_withdrawing_before_publication_deletes_the_draft(professional, contribution) -> None:
    case_id = contribution.case_id

    contribution_withdraw(user=professional, contribution=contribution)

    assert not CasePage.objects.filter(pk=case_id).exists()
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.WITHDRAWN
    assert contribution.case is None
    assert contribution.plan is not None  # the plan stays, and may be shared again


def test_a_case_under_review_can_be_withdrawn_and_its_workflow_goes_with_it(
    professional, contribution, editor
) -> None:
    case_id = contribution.case_id
    contribution.case.get_workflow().start(contribution.case, editor)
    assert WorkflowState.objects.filter(object_id=str(case_id)).exists()

    contribution_withdraw(user=professional, contribution=contribution)

    assert not WorkflowState.objects.filter(object_id=str(case_id)).exists()
    assert CasePage.objects.count() == 0


def test_a_published_case_cannot_be_withdrawn(
    professional, contribution, editor, moderator
) -> None:
    _publish(contribution.case, editor, moderator)
    contribution.refresh_from_db()

    with pytest.raises(ContributionRefused):
        contribution_withdraw(user=professional, contribution=contribution)

    assert CasePage.objects.get(pk=contribution.case_id).live


def test_only_the_contributor_may_withdraw(contribution) -> None:
    with pytest.raises(ContributionRefused):
        contribution_withdraw(user=UserFactory(), contribution=contribution)
    assert CasePage.objects.filter(pk=contribution.case_id).exists()


# ----------------------------------------------------------------------- the queue


def _more_contributions(template, region, draft, count: int) -> None:
    for number in range(count):
        user = UserFactory()
        ProfileFactory(user=user, organisation=f"Gemeente {number}")
        plan = practice.practice_plan_create(owner=user, template=template, title=f"Plan {number}")
        plan.answers = {"situatie": "Een situatie."}
        plan.status = "completed"
        plan.completed_at = timezone.now()
        plan.save()
        contribution_submit(
            user=user,
            plan=plan,
            draft=dataclasses.replace(draft, title=f"Casus {number}", legal_bases=[]),
            consent=True,
            name_organisation=number % 2 == 0,
        )


def test_the_queue_lists_open_contributions_oldest_first_with_their_age(
    contribution, template, region, draft, editor
) -> None:
    Contribution.objects.filter(pk=contribution.pk).update(
        submitted_at=timezone.now() - timedelta(days=9)
    )
    _more_contributions(template, region, draft, 1)
    contribution.case.get_workflow().start(contribution.case, editor)

    rows = contribution_queue()

    assert [row.contribution.case_title for row in rows] == [
        "Huurachterstand betaald uit bijzondere bijstand",
        "Casus 0",
    ]
    assert [row.age_days for row in rows] == [9, 0]
    assert rows[0].workflow_status  # "in progress", in the admin's language
    assert rows[1].workflow_status == ""
    assert rows[0].contribution.template_title == "Doorbraakplan"


def test_the_queue_leaves_out_published_and_withdrawn_contributions(
    professional, contribution, template, region, draft, editor, moderator
) -> None:
    _more_contributions(template, region, draft, 2)
    _publish(contribution.case, editor, moderator)
    withdrawn = Contribution.objects.get(case_title="Casus 1")
    contribution_withdraw(user=withdrawn.user, contribution=withdrawn)

    assert [row.contribution.case_title for row in contribution_queue()] == ["Casus 0"]


def test_the_queue_reads_a_fixed_number_of_queries(
    contribution, template, region, draft, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(2):
        assert len(contribution_queue()) == 1
    _more_contributions(template, region, draft, 4)
    with django_assert_max_num_queries(2):
        rows = contribution_queue()
        assert [row.contribution.case.title for row in rows]
    assert len(rows) == 5


# ----------------------------------------------------------------------- the account


def test_contributions_and_their_cases_are_in_the_data_export(professional, contribution) -> None:
    data = user_data_export(user=professional)
    json.dumps(data, cls=DjangoJSONEncoder)

    [exported] = data["bijdragen"]
    assert exported["case_title"] == "Huurachterstand betaald uit bijzondere bijstand"
    assert exported["case_id"] == contribution.case_id
    assert exported["status"] == "submitted"
    assert exported["organisation"] == "Wijkteam Zwolle-Zuid"
    assert exported["template"] == "Doorbraakplan"
    assert exported["consent_at"] is not None


def test_deleting_the_account_deletes_a_draft_case(professional, contribution) -> None:
    case_id = contribution.case_id

    account_delete(user=professional)

    assert not CasePage.objects.filter(pk=case_id).exists()
    assert not Contribution.objects.exists()


def test_deleting_the_account_keeps_a_published_case_without_the_link(
    professional, contribution, editor, moderator
) -> None:
    _publish(contribution.case, editor, moderator)

    account_delete(user=professional)

    contribution.refresh_from_db()
    assert contribution.user is None
    assert contribution.plan is None
    assert CasePage.objects.get(pk=contribution.case_id).live


# ----------------------------------------------------------------------- the casebook


def test_the_casebook_and_impact_page_count_a_contributed_case_once_published(
    contribution, editor, moderator, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        contribution.case.save_revision(user=editor)  # an edit of the draft: still not counted
    assert case_search(params=CaseSearchParams()).total == 0
    assert impact_figures().case_count == 0

    with django_capture_on_commit_callbacks(execute=True):
        _publish(contribution.case, editor, moderator)

    assert case_search(params=CaseSearchParams()).total == 1
    assert impact_figures().case_count == 1
