"""Publishing through the Wagtail admin as editors and moderators use it: an editor's
"publish" is refused and only a submission for moderation is possible; the moderator
approves in the admin; scheduled publishing and the audit log are Wagtail's own."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from portal.accounts.factories import client_login_with_mfa
from portal.home.factories import ContentPageFactory
from portal.home.models import ContentPage


@pytest.fixture
def page(home) -> ContentPage:
    page = ContentPageFactory(parent=home, title="Doorverwijzen", slug="doorverwijzen")
    page.unpublish()
    return ContentPage.objects.get(pk=page.pk)


def _edit_data(**extra) -> dict:
    data = nested_form_data(
        {
            "title": "Doorverwijzen",
            "slug": "doorverwijzen",
            "intro": "Zo meldt een huisartsenpraktijk een huishouden aan.",
            "body": streamfield([]),
        }
    )
    data.update(extra)
    return data


def test_editor_cannot_publish_from_the_admin_only_submit(client, page, editor):
    client_login_with_mfa(client, editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    edit = client.get(edit_url)
    assert edit.status_code == 200
    assert b"action-publish" not in edit.content  # no publish button for editors

    client.post(edit_url, _edit_data(**{"action-publish": "publish"}))
    page.refresh_from_db()
    assert not page.live  # a forged publish does not publish

    client.post(edit_url, _edit_data(**{"action-submit": "submit"}))
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "IPW redactie"


def test_a_second_submit_of_a_page_under_review_is_explained_not_a_500(client, page, editor):
    """A double click on "Stuur door naar IPW redactie": Wagtail alone answers the second
    with a 500 (one workflow in progress per page); the portal's editor says the page is
    already with the editors (and Wagtail that it is locked while they review it)."""
    client_login_with_mfa(client, editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(edit_url, _edit_data(**{"action-submit": "submit"}))
    revisions = page.revisions.count()

    second = _edit_data(**{"action-submit": "submit", "intro": "Zo meldt een wijkteam aan."})
    response = client.post(edit_url, second, follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze pagina is al doorgestuurd naar de redactie" in html
    assert "Zo meldt een wijkteam aan." in html  # what the editor typed is still there
    assert page.revisions.count() == revisions  # nothing half-written
    states = WorkflowState.objects.filter(object_id=str(page.pk))
    assert [state.status for state in states] == [WorkflowState.STATUS_IN_PROGRESS]


def test_moderator_approves_in_the_admin_and_the_page_goes_live(client, page, editor, moderator):
    client_login_with_mfa(client, editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        _edit_data(**{"action-submit": "submit"}),
    )
    client.logout()

    client_login_with_mfa(client, moderator)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    task_state = state.current_task_state
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", task_state.pk],
        ),
        {"comment": "Helder, akkoord."},
    )
    assert response.status_code in (200, 302)

    page.refresh_from_db()
    assert page.live
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= actions


def test_scheduled_publishing_goes_live_when_the_time_comes(page, moderator):
    go_live = timezone.now() + datetime.timedelta(hours=1)
    page.go_live_at = go_live
    revision = page.save_revision(user=moderator, approved_go_live_at=go_live)
    revision.publish(user=moderator)
    page.refresh_from_db()
    assert not page.live  # scheduled, not yet published

    call_command("publish_scheduled")  # before the time: nothing happens
    page.refresh_from_db()
    assert not page.live

    # The hour has passed (moved back rather than waited for).
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
