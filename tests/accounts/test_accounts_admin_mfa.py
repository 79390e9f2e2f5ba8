"""The Wagtail admin is only for staff, and only after multi-factor authentication."""

from urllib.parse import parse_qs, urlsplit

import pytest

from portal.accounts.factories import (
    DEFAULT_PASSWORD,
    ProfileFactory,
    UserFactory,
    admin_group,
    client_login_with_mfa,
    totp_activate,
    totp_code,
)

pytestmark = pytest.mark.django_db

ADMIN_URL = "/admin/"
LOGIN_URL = "/accounts/login/"


def login(client, user) -> None:
    response = client.post(LOGIN_URL, {"login": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302


def is_admin_dashboard(response) -> bool:
    return (
        response.status_code == 200
        and "Wagtail" in response.content.decode()
        and (
            'id="wagtail"' in response.content.decode()
            or "w-dashboard" in response.content.decode()
        )
    )


@pytest.fixture
def staff_user():
    return UserFactory(email="redacteur@example.org", groups=[admin_group("IPW redacteur")])


def test_professional_never_sees_the_admin(client):
    professional = ProfileFactory(user__email="prof@example.org").user
    login(client, professional)

    response = client.get(ADMIN_URL, follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/profile/"
    html = response.content.decode()
    assert "geen toegang tot de beheeromgeving" in html
    assert not is_admin_dashboard(response)


def test_anonymous_visitor_is_sent_to_allauth_login(client):
    response = client.get(ADMIN_URL)

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == LOGIN_URL


def test_staff_without_mfa_is_sent_to_totp_setup(client, staff_user):
    login(client, staff_user)

    response = client.get(ADMIN_URL)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # allauth asks for the password again before MFA settings change.
    confirm = client.get(response["Location"], follow=True)
    assert urlsplit(confirm.redirect_chain[-1][0]).path == "/accounts/reauthenticate/"
    assert "tweestapsverificatie verplicht" in confirm.content.decode()
    setup = client.post(confirm.redirect_chain[-1][0], {"password": DEFAULT_PASSWORD}, follow=True)
    assert setup.redirect_chain[-1][0] == "/accounts/2fa/totp/activate/"
    html = setup.content.decode()
    assert "QR-code" in html
    assert 'autocomplete="one-time-code"' in html
    # Every admin page is closed, not just the dashboard.
    assert client.get("/admin/pages/").status_code == 302


def test_superuser_without_mfa_is_sent_to_totp_setup(client):
    superuser = UserFactory(email="beheer@example.org", is_superuser=True, is_staff=True)
    login(client, superuser)

    response = client.get(ADMIN_URL)

    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_setting_up_totp_opens_the_admin(client, staff_user):
    login(client, staff_user)
    client.post("/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD})
    setup = client.get("/accounts/2fa/totp/activate/")
    secret = setup.context["form"].secret

    done = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert done.status_code == 302

    # No second code needed: the set-up itself proved the authenticator app.

    assert is_admin_dashboard(client.get(ADMIN_URL))


def test_staff_with_totp_but_no_mfa_this_session_must_reauthenticate(client, staff_user):
    secret = totp_activate(staff_user)
    # A session where only the password was used (e.g. before TOTP was required).
    client.force_login(staff_user)

    response = client.get("/admin/pages/?q=test")

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/accounts/2fa/reauthenticate/"
    assert parse_qs(location.query)["next"] == ["/admin/pages/?q=test"]

    page = client.get(response["Location"])
    assert "code" in page.content.decode().lower()
    after = client.post(
        response["Location"], {"code": totp_code(secret), "next": "/admin/pages/?q=test"}
    )
    assert after.status_code == 302
    assert after["Location"] == "/admin/pages/?q=test"
    assert is_admin_dashboard(client.get(ADMIN_URL))


def test_login_with_totp_code_opens_the_admin_dashboard(client, staff_user):
    secret = totp_activate(staff_user)

    response = client.post(LOGIN_URL, {"login": staff_user.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # password alone is not enough

    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302

    dashboard = client.get(ADMIN_URL)
    assert is_admin_dashboard(dashboard)


def test_wrong_totp_code_keeps_the_admin_closed(client, staff_user):
    totp_activate(staff_user)
    client.post(LOGIN_URL, {"login": staff_user.email, "password": DEFAULT_PASSWORD})

    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})

    assert response.status_code == 200
    assert "Ongeldige code." in response.content.decode()
    assert client.get(ADMIN_URL).status_code == 302


def test_profiles_are_listed_in_the_admin_for_superusers(client):
    superuser = UserFactory(email="beheer@example.org", is_superuser=True)
    ProfileFactory(user__first_name="Kees", user__last_name="Boom", organisation="GGD Noord")
    secret = totp_activate(superuser)
    client.post(LOGIN_URL, {"login": superuser.email, "password": DEFAULT_PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})

    html = client.get("/admin/snippets/accounts/profile/").content.decode()

    assert "Kees Boom" in html
    assert "GGD Noord" in html


def test_client_login_with_mfa_helper_opens_the_admin(client, staff_user):
    client_login_with_mfa(client, staff_user)
    assert is_admin_dashboard(client.get(ADMIN_URL))
