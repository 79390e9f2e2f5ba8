"""Store first, mail afterwards: the confirmation and the notice to the helpline go
through an outbox; a mail-server outage never reaches the sender and nothing is lost."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from portal.helpline.models import MailKind, MailStatus, OutgoingMail, Submission

pytestmark = pytest.mark.django_db

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
LOCMEM_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_confirmation_and_staff_notice_are_mailed_after_commit(
    client, site_root, staff, professional, question_post, django_capture_on_commit_callbacks
):
    client.force_login(professional)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("helpline_question"), question_post(urgent="on"))

    submission = Submission.objects.get()
    confirmation, notice = sorted(mail.outbox, key=lambda message: message.to != [submission.email])
    assert confirmation.to == ["sanne.dewit@wijkteam.example.org"]
    assert submission.reference in confirmation.subject
    assert submission.reference in confirmation.body
    assert notice.to == ["hanna@ipw.example.org"]
    assert notice.subject.startswith("SPOED: ")
    # The notice links to the inbox but does not carry the question itself.
    assert f"/admin/hulplijn/edit/{submission.pk}/" in notice.body
    assert "wachttijd voor schuldhulp" not in notice.body
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}


def test_a_sender_who_is_not_logged_in_gets_no_confirmation_mail(
    client, site_root, staff, question_post, django_capture_on_commit_callbacks
):
    """Otherwise anyone could make the portal mail any address; the page gives the
    reference instead, and the helpline hears of the question as always."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("helpline_question"), question_post(), follow=True)

    submission = Submission.objects.get()
    assert [message.to for message in mail.outbox] == [["hanna@ipw.example.org"]]
    text = " ".join(response.content.decode().split())
    assert submission.reference in text
    assert "sturen we geen bevestiging per e-mail" in text


def test_mail_server_down_then_back(
    client, site_root, professional, question_post, closed_port, django_capture_on_commit_callbacks
):
    client.force_login(professional)
    # The mail server is down: a real SMTP connection to a closed port is refused.
    with override_settings(
        EMAIL_BACKEND=SMTP_BACKEND, EMAIL_HOST="127.0.0.1", EMAIL_PORT=closed_port, EMAIL_TIMEOUT=2
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("helpline_question"), question_post(), follow=True)

    submission = Submission.objects.get()
    assert response.status_code == 200
    assert "Je vraag is ontvangen" in response.content.decode()
    assert submission.reference in response.content.decode()
    confirmation = OutgoingMail.objects.get(kind=MailKind.CONFIRMATION)
    assert confirmation.status == MailStatus.PENDING
    assert confirmation.attempts == 1
    assert "Connection" in confirmation.last_error or "refused" in confirmation.last_error
    assert confirmation.next_attempt_at > confirmation.last_attempt_at
    assert mail.outbox == []

    # Still down: cron retries (after the backoff), the mail stays pending.
    with override_settings(
        EMAIL_BACKEND=SMTP_BACKEND, EMAIL_HOST="127.0.0.1", EMAIL_PORT=closed_port, EMAIL_TIMEOUT=2
    ):
        call_command("helpline_send_pending", "--all", stdout=StringIO())
    confirmation.refresh_from_db()
    assert confirmation.status == MailStatus.PENDING
    assert confirmation.attempts == 2

    # The server is back. Within the backoff nothing is sent yet...
    with override_settings(EMAIL_BACKEND=LOCMEM_BACKEND):
        call_command("helpline_send_pending", stdout=StringIO())
        assert mail.outbox == []
        # ...and once it is sent (here at once, as after a known outage), exactly once.
        call_command("helpline_send_pending", "--all", stdout=StringIO())
        call_command("helpline_send_pending", "--all", stdout=StringIO())

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [submission.email]
    assert submission.reference in mail.outbox[0].subject
    confirmation.refresh_from_db()
    assert confirmation.status == MailStatus.SENT
    assert confirmation.attempts == 3
    assert confirmation.sent_at is not None


def test_a_mail_gives_up_after_the_maximum_attempts(
    site_root, closed_port, settings, django_capture_on_commit_callbacks
):
    from portal.helpline.factories import SubmissionFactory
    from portal.helpline.services import outgoing_mail_send

    settings.HELPLINE_MAIL_MAX_ATTEMPTS = 2
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port
    submission = SubmissionFactory()
    outgoing = OutgoingMail.objects.create(
        submission=submission,
        kind=MailKind.CONFIRMATION,
        to=[submission.email],
        subject="Test",
        body="Test",
        next_attempt_at=submission.received_at,
    )

    assert outgoing_mail_send(mail_id=outgoing.pk) == MailStatus.PENDING
    assert outgoing_mail_send(mail_id=outgoing.pk) == MailStatus.FAILED
    assert outgoing_mail_send(mail_id=outgoing.pk) == MailStatus.FAILED  # not tried again
    outgoing.refresh_from_db()
    assert outgoing.attempts == 2


def test_sent_mail_is_never_sent_twice(site_root):
    from portal.helpline.factories import SubmissionFactory
    from portal.helpline.services import outgoing_mail_send

    submission = SubmissionFactory()
    outgoing = OutgoingMail.objects.create(
        submission=submission,
        kind=MailKind.CONFIRMATION,
        to=[submission.email],
        subject="Test",
        body="Test",
        next_attempt_at=submission.received_at,
    )

    outgoing_mail_send(mail_id=outgoing.pk)
    outgoing_mail_send(mail_id=outgoing.pk)
    call_command("helpline_send_pending", "--all", stdout=StringIO())

    assert len(mail.outbox) == 1
