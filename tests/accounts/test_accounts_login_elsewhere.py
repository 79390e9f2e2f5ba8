"""One way in: Wagtail's own password forms send every visitor to allauth's login, and a
password posted to them logs nobody in (so allauth's lockout, verification and MFA hold)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from portal.accounts.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

WAGTAIL_LOGINS = ["/admin/login/", "/_util/login/"]


def login_target(response) -> tuple[str, str | None]:
    """(path, next) of the login page a response sends the visitor to."""
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    return url.path, parse_qs(url.query).get("next", [None])[0]


@pytest.mark.parametrize("path", WAGTAIL_LOGINS)
def test_a_posted_password_logs_nobody_in(client, path):
    user = UserFactory(is_staff=True, is_superuser=True)
    response = client.post(path, {"username": user.username, "password": DEFAULT_PASSWORD})

    assert login_target(response)[0] == reverse("account_login")
    assert SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 302  # still not in


@pytest.mark.parametrize("path", WAGTAIL_LOGINS)
def test_an_unverified_account_gets_no_way_round_verification(client, path):
    user = UserFactory(email_verified=False)
    client.post(path, {"username": user.username, "password": DEFAULT_PASSWORD})
    assert SESSION_KEY not in client.session


def test_the_admin_login_keeps_where_the_editor_was_going(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert login_target(response) == (reverse("account_login"), "/admin/pages/")
    assert login_target(client.get("/admin/login/")) == (reverse("account_login"), "/admin/")


def test_a_private_page_login_keeps_the_page_and_drops_other_sites(client):
    response = client.get("/_util/login/?next=/casussen/besloten/")
    assert login_target(response) == (reverse("account_login"), "/casussen/besloten/")
    response = client.get("/_util/login/?next=https://elders.example.com/")
    assert login_target(response) == (reverse("account_login"), None)


def test_wagtail_s_own_login_links_lead_to_allauth(client):
    assert client.get("/admin/").status_code == 302
    response = client.get(reverse("wagtailadmin_login"))
    assert login_target(response)[0] == reverse("account_login")
