"""The status of a contribution follows IPW's editorial workflow, with a mail on every
change: an editor submits the case for moderation (in behandeling), a moderator sends it
back with a reason (teruggestuurd) or publishes it (gepubliceerd, with a link)."""

from __future__ import annotations

import pytest
from django.core import mail

from casebook.factories import CasePageFactory
from learning.contributions.models import ContributionStatus
from learning.contributions.services import contribution_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def contribution(professional, completed_plan, draft):
    return contribution_submit(
        user=professional, plan=completed_plan, draft=draft, consent=True, name_organisation=False
    )


def _to_contributor() -> list:
    """The mails to the contributor (Wagtail also mails the moderators)."""
    return [message for message in mail.outbox if message.to == ["sanne@example.org"]]


def _submit_for_moderation(case, editor):
    case.refresh_from_db()
    return case.get_workflow().start(case, editor)


def _act(state, moderator, action, comment=""):
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, action, comment=comment)


def test_editor_submits_moderator_publishes(
    contribution, editor, moderator, django_capture_on_commit_callbacks
) -> None:
    case = contribution.case
    with django_capture_on_commit_callbacks(execute=True):
        state = _submit_for_moderation(case, editor)
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.IN_REVIEW
    [in_review] = _to_contributor()
    assert "in behandeling" in in_review.subject
    assert in_review.to == ["sanne@example.org"]

    with django_capture_on_commit_callbacks(execute=True):
        _act(state, moderator, "approve")
    contribution.refresh_from_db()
    case.refresh_from_db()
    assert case.live
    assert contribution.status == ContributionStatus.PUBLISHED
    assert contribution.published_at is not None
    published = _to_contributor()[-1]
    assert "staat in het casusboek" in published.subject
    assert case.full_url in published.body


def test_moderator_sends_it_back_with_a_reason_and_the_editor_resubmits(
    contribution, editor, moderator, django_capture_on_commit_callbacks
) -> None:
    state = _submit_for_moderation(contribution.case, editor)

    with django_capture_on_commit_callbacks(execute=True):
        _act(state, moderator, "reject", comment="De belemmering is nog te algemeen.")
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.RETURNED
    assert contribution.return_reason == "De belemmering is nog te algemeen."
    returned = _to_contributor()[-1]
    assert "teruggestuurd" in returned.subject
    assert "De belemmering is nog te algemeen." in returned.body

    state.refresh_from_db()
    state.resume(editor)
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.IN_REVIEW
    assert contribution.return_reason == ""


def test_a_case_that_was_not_contributed_changes_nothing(
    case_index, editor, moderator, contribution
) -> None:
    other = CasePageFactory(parent=case_index, live=False)
    other.save_revision(user=editor)
    state = other.get_workflow().start(other, editor)
    _act(state, moderator, "approve")

    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.SUBMITTED


def test_republishing_a_published_case_sends_no_second_mail(
    contribution, editor, moderator, django_capture_on_commit_callbacks
) -> None:
    state = _submit_for_moderation(contribution.case, editor)
    _act(state, moderator, "approve")
    case = contribution.case
    case.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        case.save_revision(user=moderator).publish(user=moderator)

    assert _to_contributor() == []
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.PUBLISHED


def test_an_editor_deleting_the_draft_tells_the_contributor_and_frees_the_plan(
    contribution, professional, completed_plan, draft, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        contribution.case.delete()

    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.DECLINED
    assert contribution.case is None
    assert "niet geplaatst" in _to_contributor()[-1].subject
    again = contribution_submit(
        user=professional, plan=completed_plan, draft=draft, consent=True, name_organisation=False
    )
    assert again.status == ContributionStatus.SUBMITTED
