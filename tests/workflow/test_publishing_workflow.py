"""Every page goes through "IPW redactie": an editor submits, a moderator approves."""

import pytest
from wagtail.models import Page, Workflow, WorkflowState

from portal.standards.factories import StandardIndexPageFactory
from portal.standards.models import StandardPage


@pytest.fixture
def draft(home, editor) -> StandardPage:
    """A standard the editor wrote and saved as a draft."""
    index = StandardIndexPageFactory(parent=home)
    page = index.add_child(
        instance=StandardPage(
            title="Maatwerkcanvas",
            summary="Een gesprekskaart op één vel.",
            version="1.0",
            live=False,
            owner=editor,
        )
    )
    page.save_revision(user=editor)
    return page


def test_the_root_page_uses_the_ipw_workflow(db):
    root = Page.get_first_root_node()
    workflow = root.get_workflow()

    assert workflow.name == "IPW redactie"
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == ["Goedkeuring door IPW moderator"]
    assert list(tasks[0].groups.values_list("name", flat=True)) == ["IPW moderator"]
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()


def test_editor_cannot_publish_but_moderator_can(draft, editor, moderator):
    assert draft.get_workflow().name == "IPW redactie"
    assert draft.permissions_for_user(editor).can_edit()
    assert not draft.permissions_for_user(editor).can_publish()
    assert draft.permissions_for_user(moderator).can_publish()


def test_submitted_page_goes_live_after_the_moderator_approves(draft, editor, moderator):
    state = draft.get_workflow().start(draft, editor)
    task_state = state.current_task_state
    task = task_state.task.specific

    draft.refresh_from_db()
    assert not draft.live
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert task.get_actions(draft, editor) == []  # an editor cannot approve their own work
    assert "approve" in {action for action, *_ in task.get_actions(draft, moderator)}

    task.on_action(task_state, moderator, "approve")

    draft.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert draft.live
    assert draft.live_revision.user == editor


def test_rejected_page_stays_a_draft_and_needs_changes(draft, editor, moderator):
    state = draft.get_workflow().start(draft, editor)
    task_state = state.current_task_state

    task_state.task.specific.on_action(
        task_state, moderator, "reject", comment="Vul de samenvatting aan."
    )

    draft.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not draft.live
