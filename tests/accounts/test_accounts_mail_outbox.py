"""Mail never blocks an account flow: allauth's mails go through the helpline's outbox, so
sign-up and password reset answer normally while the mail server is down, and the mail
goes out when it is back."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from portal.accounts.factories import UserFactory
from portal.accounts.services import account_delete
from portal.helpline.models import MailKind, MailStatus, OutgoingMail

pytestmark = pytest.mark.django_db

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def _mail_server_down(port: int) -> override_settings:
    return override_settings(
        EMAIL_BACKEND=SMTP_BACKEND, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, EMAIL_TIMEOUT=2
    )


def test_sign_up_while_the_mail_server_is_down_then_the_mail_goes_out(
    client, closed_port, django_capture_on_commit_callbacks
):
    data = {
        "email": "anna.jansen@example.org",
        "first_name": "Anna",
        "last_name": "Jansen",
        "organisation": "Wijkteam Noord",
        "role": "wijkteam",
        "password1": "Een-lang-wachtwoord-2026",
        "password2": "Een-lang-wachtwoord-2026",
    }
    with _mail_server_down(closed_port), django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", data, follow=True)

    assert response.status_code == 200  # the next page, not a 500
    assert get_user_model().objects.filter(email="anna.jansen@example.org").exists()
    waiting = OutgoingMail.objects.get(kind=MailKind.ACCOUNT)
    assert waiting.status == MailStatus.PENDING
    assert waiting.to == ["anna.jansen@example.org"]
    assert "/accounts/confirm-email/" in waiting.body
    assert mail.outbox == []

    # The server is back: the retry sends it, and the outbox keeps nothing of it.
    call_command("helpline_send_pending", "--all", stdout=StringIO())
    assert [message.to for message in mail.outbox] == [["anna.jansen@example.org"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert not OutgoingMail.objects.filter(kind=MailKind.ACCOUNT).exists()


def test_password_reset_while_the_mail_server_is_down_answers_normally(
    client, closed_port, django_capture_on_commit_callbacks
):
    UserFactory(email="sanne@example.org")
    with _mail_server_down(closed_port), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/password/reset/", {"email": "sanne@example.org"}, follow=True
        )

    assert response.status_code == 200
    assert OutgoingMail.objects.get(kind=MailKind.ACCOUNT).status == MailStatus.PENDING


def test_deleting_the_account_deletes_the_account_mails_to_its_address(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="sanne@example.org")
    other = UserFactory(email="iemand@example.org")
    for address in (user.email, other.email):
        client.post("/accounts/password/reset/", {"email": address})

    assert OutgoingMail.objects.filter(kind=MailKind.ACCOUNT).count() == 2
    account_delete(user=user)
    assert [m.to for m in OutgoingMail.objects.filter(kind=MailKind.ACCOUNT)] == [
        ["iemand@example.org"]
    ]
