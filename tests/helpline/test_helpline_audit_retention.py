"""Audit log (every view, export and deletion of a submission) and the retention rule."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.accounts.factories import client_login_with_mfa
from portal.helpline.factories import AnswerFactory, SubmissionFactory
from portal.helpline.models import Message, OutgoingMail, Status, Submission

pytestmark = pytest.mark.django_db


def entries(action: str) -> list[ModelLogEntry]:
    return list(ModelLogEntry.objects.filter(action=action).order_by("pk"))


def test_opening_a_submission_is_logged_with_who(client, staff):
    submission = SubmissionFactory()
    client_login_with_mfa(client, staff)

    client.get(reverse("helpline_inbox:edit", args=[submission.pk]))

    [entry] = entries("helpline.view")
    assert entry.user == staff
    assert entry.object_id == str(submission.pk)
    assert entry.label == submission.reference
    # And it shows in the submission's history in the admin.
    history = client.get(reverse("helpline_inbox:history", args=[submission.pk]))
    assert "Hulplijnbericht bekeken" in history.content.decode()


def test_export_logs_every_exported_submission_without_free_text(client, staff):
    first, second = SubmissionFactory(), SubmissionFactory()
    client_login_with_mfa(client, staff)

    response = client.get(reverse("helpline_inbox:index"), {"export": "csv"})
    csv = response.content.decode()

    assert first.reference in csv and second.reference in csv
    assert first.question not in csv  # operational fields only
    assert {e.object_id for e in entries("helpline.export")} == {str(first.pk), str(second.pk)}
    assert all(e.user == staff for e in entries("helpline.export"))


def test_deleting_in_the_admin_is_logged(client, staff):
    submission = SubmissionFactory()
    client_login_with_mfa(client, staff)

    client.post(reverse("helpline_inbox:delete", args=[submission.pk]))

    assert not Submission.objects.exists()
    [entry] = entries("wagtail.delete")
    assert entry.user == staff
    assert entry.label == submission.reference


def test_triage_and_answer_are_logged(client, staff):
    submission = SubmissionFactory()
    client_login_with_mfa(client, staff)

    client.post(
        reverse("helpline_inbox:edit", args=[submission.pk]),
        {"status": Status.IN_PROGRESS, "assignee": staff.pk, "internal_notes": "", "answer": "Ja."},
    )

    assert entries("helpline.triage")[0].data["changed"] == ["status", "assignee"]
    assert len(entries("helpline.answer")) == 1


def test_purge_deletes_only_submissions_closed_longer_than_the_retention(settings):
    settings.HELPLINE_RETENTION_DAYS = 30
    now = timezone.now()
    expired = SubmissionFactory(status=Status.CLOSED, closed_at=now - timedelta(days=31))
    AnswerFactory(submission=expired)
    recent = SubmissionFactory(status=Status.CLOSED, closed_at=now - timedelta(days=29))
    old_but_open = SubmissionFactory(received_at=now - timedelta(days=400), status=Status.WAITING)
    out = StringIO()

    call_command("helpline_purge", stdout=out)

    assert set(Submission.objects.all()) == {recent, old_but_open}
    assert not Message.objects.filter(submission_id=expired.pk).exists()
    assert not OutgoingMail.objects.filter(submission_id=expired.pk).exists()
    assert expired.reference in out.getvalue()
    [entry] = entries("helpline.purge")
    assert entry.object_id == str(expired.pk)
    assert entry.label == expired.reference
    assert entry.data["retention_days"] == 30


def test_purge_default_retention_is_twelve_months_and_dry_run_keeps_everything():
    now = timezone.now()
    kept = SubmissionFactory(status=Status.CLOSED, closed_at=now - timedelta(days=364))
    gone = SubmissionFactory(status=Status.CLOSED, closed_at=now - timedelta(days=366))

    out = StringIO()
    call_command("helpline_purge", "--dry-run", stdout=out)
    assert gone.reference in out.getvalue()
    assert Submission.objects.count() == 2

    call_command("helpline_purge", stdout=StringIO())
    assert list(Submission.objects.all()) == [kept]


def test_purge_deletes_submissions_never_closed_after_the_second_limit(settings):
    settings.HELPLINE_RETENTION_OPEN_DAYS = 730
    now = timezone.now()
    forgotten = SubmissionFactory(received_at=now - timedelta(days=731), status=Status.WAITING)
    AnswerFactory(submission=forgotten)
    still_open = SubmissionFactory(received_at=now - timedelta(days=700), status=Status.NEW)

    call_command("helpline_purge", stdout=StringIO())

    assert list(Submission.objects.all()) == [still_open]
    assert not Message.objects.filter(submission_id=forgotten.pk).exists()
    [entry] = entries("helpline.purge")
    assert entry.label == forgotten.reference
    assert entry.data["retention_days"] == 730


def test_the_csv_export_opens_in_dutch_excel_and_runs_no_formulas(client, staff):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    due = datetime(2026, 12, 4, 17, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    submission = SubmissionFactory(region="@SUM(1+1)", urgent=True, due_at=due)
    client_login_with_mfa(client, staff)

    content = client.get(reverse("helpline_inbox:index"), {"export": "csv"}).content

    assert content.startswith("\ufeff".encode())
    header, row = content.decode("utf-8-sig").splitlines()[:2]
    cells = dict(zip(header.split(";"), row.split(";"), strict=True))
    assert cells["Kenmerk"] == submission.reference
    assert cells["Gemeente"] == "'@SUM(1+1)"
    assert cells["Spoed"] == "Ja"
    assert cells["Uiterlijk contact op"] == "2026-12-04 17:00"  # Dutch time, no seconds
