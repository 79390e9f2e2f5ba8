"""Every allauth page renders inside the site layout, in Dutch, with Utrecht markup."""

import re

import pytest

from portal.accounts.factories import DEFAULT_PASSWORD, UserFactory, totp_activate

pytestmark = pytest.mark.django_db


def assert_site_page(html: str, heading: str) -> None:
    assert html.count("<main") == 1 and "<header" in html and "<footer" in html
    assert '<html lang="nl"' in html
    h1 = re.search(r'<h1 class="utrecht-heading-1">\s*(.*?)\s*</h1>', html, re.S)
    assert h1, "no Utrecht h1"
    assert h1.group(1) == heading
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "style=" not in main
    assert not re.search(r"<script(?![^>]*(src=|type=\"application/json\"))", main)
    # Every visible input has a label.
    for input_id in re.findall(r'<input(?![^>]*type="(?:hidden|submit)")[^>]*id="([^"]+)"', main):
        assert f'for="{input_id}"' in main, f"input {input_id} has no label"


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/accounts/login/", "Inloggen"),
        ("/accounts/signup/", "Registreren"),
        ("/accounts/password/reset/", "Nieuw wachtwoord"),
        ("/accounts/password/reset/done/", "Nieuw wachtwoord"),
        ("/accounts/confirm-email/", "Verifieer je e-mailadres"),
    ],
)
def test_anonymous_pages(client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    assert_site_page(response.content.decode(), heading)


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/accounts/email/", "E-mailadressen"),
        ("/accounts/password/change/", "Wachtwoord wijzigen"),
        ("/accounts/logout/", "Uitloggen"),
        ("/accounts/2fa/", "Twee-factor-authenticatie"),
        ("/accounts/reauthenticate/", "Toegang bevestigen"),
    ],
)
def test_pages_for_logged_in_users(client, url, heading):
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 200
    assert_site_page(response.content.decode(), heading)


def test_mfa_pages_render_in_the_layout(client):
    user = UserFactory()
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD})

    activate = client.get("/accounts/2fa/totp/activate/")
    html = activate.content.decode()
    assert_site_page(html, "Activeer authenticator-app")
    assert 'alt="QR-code om te scannen' in html

    totp_activate(user)
    client.post("/accounts/2fa/recovery-codes/generate/")
    codes = client.get("/accounts/2fa/recovery-codes/")
    assert codes.status_code == 200
    assert_site_page(codes.content.decode(), "Herstelcodes")


def test_mfa_login_step_renders_in_the_layout(client):
    user = UserFactory()
    totp_activate(user)
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})

    html = client.get("/accounts/2fa/authenticate/").content.decode()

    assert_site_page(html, "Twee-factor-authenticatie")
    assert 'autocomplete="one-time-code"' in html


def test_password_reset_mail_is_sent_in_dutch(client, mailoutbox):
    UserFactory(email="vergeten@example.org")
    client.post("/accounts/password/reset/", {"email": "vergeten@example.org"})
    assert len(mailoutbox) == 1
    assert "[Doorbraak Leeromgeving]" in mailoutbox[0].subject
    assert "wachtwoord" in mailoutbox[0].body.lower()
