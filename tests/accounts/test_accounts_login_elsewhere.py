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


def _paths_without_arguments() -> list[str]:
    """Every URL of the site whose pattern takes no arguments (admin and API included)."""
    from django.urls import URLPattern, URLResolver, get_resolver  # noqa: PLC0415

    found: list[str] = []

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            route = str(pattern.pattern)
            if "<" in route or "(?P" in route or "\\" in route:
                continue
            route = route.lstrip("^").rstrip("$")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern):
                found.append("/" + (prefix + route).lstrip("/"))

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


def test_exactly_one_url_logs_in_with_a_password(client):
    """Every URL without arguments gets a POST with a valid e-mail address and password
    under every usual field name; only allauth's login may log the person in."""
    user = UserFactory(is_staff=True, is_superuser=True)
    credentials = {
        "login": user.email,
        "username": user.username,
        "email": user.email,
        "password": DEFAULT_PASSWORD,
    }
    paths = _paths_without_arguments()
    assert {"/admin/login/", "/_util/login/", reverse("account_login")} <= set(paths)
    assert len(paths) > 100  # the whole site, not a sample
    logged_in_by = []
    for path in paths:
        client.post(path, credentials)
        if SESSION_KEY in client.session:
            logged_in_by.append(path)
            client.logout()

    assert logged_in_by == [reverse("account_login")]
