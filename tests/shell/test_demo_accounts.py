"""Demo accounts (portal.accounts.demo) as `load_demo` leaves them: one per group, able to
log in, staff behind MFA with a known secret."""

from __future__ import annotations

import re
import time
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from portal.accounts import demo

pytestmark = pytest.mark.django_db

STAFF = [spec for spec in demo.DEMO_USERS if spec.admin]
NON_STAFF = [spec for spec in demo.DEMO_USERS if not spec.admin]


def _user(spec: demo.DemoUser):
    return get_user_model().objects.get(email=spec.email)


def _demo_totp(email: str, *args: str) -> str:
    """Run `demo_totp`. Waits out the last seconds of a TOTP period first: allauth accepts
    the current period only, so a code must not be used after its period ends."""
    remaining = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if remaining < 3:
        time.sleep(remaining + 0.1)
    out = StringIO()
    call_command("demo_totp", email, *args, stdout=out)
    return out.getvalue()


def test_one_demo_user_per_group_plus_a_superuser():
    groups = {spec.group for spec in demo.DEMO_USERS}
    assert groups == {
        "IPW redacteur",
        "IPW moderator",
        "Hulplijn",
        "Teamleider",
        "Professional",
        None,
    }


@pytest.mark.parametrize("spec", demo.DEMO_USERS, ids=lambda spec: spec.email)
def test_demo_user_logs_in_and_has_group_profile_and_mfa(demo_output, client, settings, spec):
    assert client.login(username=spec.email, password=settings.PORTAL_DEMO_PASSWORD)

    user = _user(spec)
    if spec.group is None:
        assert user.is_superuser
        assert not user.groups.exists()
    else:
        assert not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [spec.group]
    assert EmailAddress.objects.get(user=user).verified
    assert user.get_full_name() == f"{spec.first_name} {spec.last_name}"
    assert user.profile.organisation == spec.organisation
    assert user.profile.role == spec.role
    assert user.profile.get_role_display() != spec.role  # a known role choice
    # Only users who reach the admin need (and get) a second factor.
    assert user.has_perm("wagtailadmin.access_admin") is spec.admin
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert types == ({"totp", "recovery_codes"} if spec.admin else set())


def test_professional_logs_in_through_the_login_form(demo_output, client, settings):
    response = client.post(
        reverse("account_login"),
        {"login": "professional@demo.doorbraak.nl", "password": settings.PORTAL_DEMO_PASSWORD},
    )

    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


def test_demo_staff_is_asked_for_a_code_not_to_set_up_mfa(demo_output, client):
    client.force_login(_user(STAFF[0]))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_demo_staff_reaches_the_admin_with_password_and_demo_totp_code(
    demo_output, client, settings
):
    settings.DEBUG = True  # demo_totp is for development only
    email = "redacteur@demo.doorbraak.nl"

    response = client.post(
        reverse("account_login"), {"login": email, "password": settings.PORTAL_DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")

    response = client.post(reverse("mfa_authenticate"), {"code": _demo_totp(email).strip()})
    assert response.status_code == 302

    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.wsgi_request.user.email == email


def test_demo_totp_prints_a_code_allauth_accepts(demo_output, settings):
    settings.DEBUG = True

    for spec in STAFF:
        code = _demo_totp(spec.email).strip()

        assert re.fullmatch(r"\d{6}", code), spec.email
        authenticator = Authenticator.objects.get(user=_user(spec), type="totp")
        assert TOTP(authenticator).validate_code(code), spec.email


def test_demo_totp_lists_recovery_codes_that_work(demo_output, settings):
    settings.DEBUG = True

    output = _demo_totp("beheer@demo.doorbraak.nl", "--herstelcodes")

    codes = re.findall(r"\b\d{8}\b", output)
    assert len(codes) == 10
    authenticator = Authenticator.objects.get(
        user__email="beheer@demo.doorbraak.nl", type="recovery_codes"
    )
    assert RecoveryCodes(authenticator).validate_code(codes[0])


def test_demo_totp_refuses_other_addresses(demo_output, settings):
    settings.DEBUG = True

    with pytest.raises(CommandError, match="geen demo-account"):
        _demo_totp("iemand@example.org")


def test_demo_totp_refuses_demo_users_without_admin_access(demo_output, settings):
    settings.DEBUG = True

    with pytest.raises(CommandError, match="geen authenticator"):
        _demo_totp(NON_STAFF[0].email)


def test_demo_totp_refuses_outside_development(demo_output, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="alleen in een ontwikkelomgeving"):
        _demo_totp("beheer@demo.doorbraak.nl")
