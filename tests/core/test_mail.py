"""portal.core.mail: any app queues a mail; it goes out through the outbox after the
transaction commits, with its attachments, and nothing of it stays once sent."""

from __future__ import annotations

import pytest
from django.core import mail as django_mail
from django.db import transaction

from portal.core.mail import MailAttachment, queue_mail
from portal.helpline.models import OutgoingMail

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_queued_mail_goes_out_after_commit_with_its_attachment():
    with transaction.atomic():
        queue_mail(
            to=["lid@example.org", ""],
            subject="Je bent ingeschreven",
            body="Tot dan.",
            attachments=[MailAttachment("sessie.ics", "BEGIN:VCALENDAR", "text/calendar")],
        )
        assert django_mail.outbox == []  # not inside the transaction

    (sent,) = django_mail.outbox
    assert sent.to == ["lid@example.org"]
    assert sent.subject == "Je bent ingeschreven"
    assert sent.attachments[0][0] == "sessie.ics"
    assert "BEGIN:VCALENDAR" in str(sent.attachments[0][1])
    assert not OutgoingMail.objects.exists()  # sent: the outbox keeps nothing of it


def test_a_mail_that_can_be_stopped_carries_the_one_click_unsubscribe_headers():
    url = "https://leeromgeving.example/afmelden/abc/"
    with transaction.atomic():
        queue_mail(to=["lid@example.org"], subject="Nieuw", body="...", unsubscribe_url=url)
        queue_mail(to=["lid@example.org"], subject="Ingeschreven", body="...")

    stoppable, plain = django_mail.outbox
    assert stoppable.extra_headers == {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert "List-Unsubscribe" not in plain.message()


def test_a_rolled_back_transaction_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_mail(to=["lid@example.org"], subject="x", body="y")
        raise RuntimeError

    assert django_mail.outbox == []
    assert not OutgoingMail.objects.exists()


def test_a_refused_mail_waits_in_the_outbox(settings):
    settings.EMAIL_BACKEND = "tests.core.test_mail.RefusingBackend"
    with transaction.atomic():
        queue_mail(to=["lid@example.org"], subject="Herinnering", body="Morgen.")

    (waiting,) = OutgoingMail.objects.all()
    assert waiting.status == "pending" and "weigert" in waiting.last_error


class RefusingBackend:
    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("de mailserver weigert")
