"""Failed logins are limited without telling whether an account exists."""

import re

import pytest

from portal.accounts.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"


def form_errors(html: str) -> str:
    """The text of the error summary above the login form."""
    match = re.search(r'<div class="utrecht-alert utrecht-alert--error[^"]*".*?</ul>', html, re.S)
    assert match, "no error summary on the page"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))).strip()


def test_wrong_password_and_unknown_email_get_the_same_message(client):
    UserFactory(email="bestaat@example.org")

    wrong_password = client.post(LOGIN_URL, {"login": "bestaat@example.org", "password": "fout"})
    unknown = client.post(LOGIN_URL, {"login": "onbekend@example.org", "password": "fout"})

    assert wrong_password.status_code == unknown.status_code == 200
    assert form_errors(wrong_password.content.decode()) == form_errors(unknown.content.decode())
    assert "e-mailadres en/of wachtwoord is niet correct" in form_errors(unknown.content.decode())
    # The typed e-mail address is kept.
    assert 'value="onbekend@example.org"' in unknown.content.decode()


def _lock_out(client, email: str, ip: str) -> str:
    """Fail until allauth's login_failed limit per login (5 in 5 minutes) kicks in.

    Each account is tried from its own IP address, so the per-IP limit plays no part.
    """
    data = {"login": email, "password": "fout"}
    for _attempt in range(5):
        response = client.post(LOGIN_URL, data, REMOTE_ADDR=ip)
        assert "Te veel" not in response.content.decode()
    return client.post(LOGIN_URL, data, REMOTE_ADDR=ip).content.decode()


def test_lock_out_message_is_the_same_for_existing_and_unknown_accounts(client):
    UserFactory(email="bestaat@example.org")

    existing = form_errors(_lock_out(client, "bestaat@example.org", "10.0.0.1"))
    unknown = form_errors(_lock_out(client, "onbekend@example.org", "10.0.0.2"))

    assert existing == unknown
    assert "Te veel inlogpogingen" in existing


def test_locked_out_account_cannot_log_in_with_the_right_password(client):
    user = UserFactory(email="bestaat@example.org")
    _lock_out(client, user.email, "10.0.0.1")

    response = client.post(
        LOGIN_URL, {"login": user.email, "password": DEFAULT_PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )

    assert "_auth_user_id" not in client.session
    assert "Te veel inlogpogingen" in form_errors(response.content.decode())
