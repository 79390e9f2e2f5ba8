"""The profile page: see and edit your data, download it, delete your account."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model

from portal.accounts import export
from portal.accounts.factories import (
    DEFAULT_PASSWORD,
    ProfileFactory,
    UserFactory,
    admin_group,
    totp_activate,
)
from portal.accounts.models import Profile, Role

pytestmark = pytest.mark.django_db

PROFILE_URL = "/accounts/profile/"


@pytest.fixture
def profile():
    return ProfileFactory(
        user__first_name="Fatima",
        user__last_name="El Amrani",
        user__email="fatima@example.org",
        organisation="Wijkteam Oost",
        role=Role.WIJKTEAM,
        skj_number="110012345",
    )


def test_profile_page_requires_login(client):
    response = client.get(PROFILE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_profile_page_shows_data_and_account_links(client, profile):
    client.force_login(profile.user)

    html = client.get(PROFILE_URL).content.decode()

    assert "Fatima El Amrani" in html
    assert "fatima@example.org" in html
    assert "Wijkteam Oost" in html
    assert "Medewerker wijkteam" in html
    assert "110012345" in html
    for url in ("/accounts/password/change/", "/accounts/email/", "/accounts/2fa/"):
        assert f'href="{url}"' in html
    assert "Download al mijn gegevens" in html
    assert "Account verwijderen" in html
    assert 'href="/admin/"' not in html  # professionals get no admin link


def test_profile_edit_saves_and_confirms(client, profile):
    client.force_login(profile.user)
    data = {
        "first_name": "Fatima",
        "last_name": "El Amrani-Bakker",
        "organisation": "Gemeente Zwolle",
        "role": Role.CONSULENT_SOCIAAL_DOMEIN.value,
        "registerplein_number": "",
        "skj_number": "",
        "big_number": "",
    }

    page = client.post(PROFILE_URL, data, follow=True).content.decode()

    assert "Je profiel is opgeslagen." in page
    profile.refresh_from_db()
    assert profile.organisation == "Gemeente Zwolle"
    assert profile.role == Role.CONSULENT_SOCIAAL_DOMEIN
    assert profile.skj_number == ""
    assert profile.user.last_name == "El Amrani-Bakker"


def test_profile_edit_with_bad_input_keeps_values(client, profile):
    client.force_login(profile.user)
    data = {"first_name": "Fatima", "last_name": "", "organisation": "Nieuw", "role": "wijkteam"}
    data["skj_number"] = "12"

    html = client.post(PROFILE_URL, data).content.decode()

    assert "Vul je achternaam in." in html
    assert "Een SKJ-registratienummer bestaat uit 5 tot 10 cijfers" in html
    assert 'value="Nieuw"' in html
    profile.refresh_from_db()
    assert profile.organisation == "Wijkteam Oost"


def test_user_without_profile_gets_one_by_saving(client):
    user = UserFactory(email="beheer@example.org", is_superuser=True)
    client.force_login(user)
    data = {"first_name": "B", "last_name": "Heer", "organisation": "IPW", "role": "anders"}

    client.post(PROFILE_URL, data)

    assert Profile.objects.get(user=user).organisation == "IPW"


def test_data_export_contains_the_users_data_and_no_secrets(client, profile):
    user = profile.user
    user.groups.add(admin_group("Professional"))
    secret = totp_activate(user)
    client.force_login(user)

    response = client.post("/accounts/profile/export/")

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    raw = response.content.decode()
    data = json.loads(raw)
    assert data["account"]["email"] == "fatima@example.org"
    assert data["account"]["first_name"] == "Fatima"
    assert data["email_addresses"] == [
        {"email": "fatima@example.org", "verified": True, "primary": True}
    ]
    assert data["profile"]["organisation"] == "Wijkteam Oost"
    assert data["profile"]["skj_number"] == "110012345"
    assert data["groups"] == ["Professional"]
    assert data["mfa"]["enabled"] is True
    assert data["mfa"]["authenticators"][0]["type"] == "totp"
    # Never secrets.
    assert "password" not in raw
    assert user.password not in raw
    assert secret not in raw
    assert "secret" not in raw


def test_data_export_includes_registered_sections(client, profile):
    export.register_exporter("cursussen", lambda user: [{"course": "Basis", "user": user.pk}])
    try:
        client.force_login(profile.user)
        data = client.post("/accounts/profile/export/").json()
    finally:
        export.unregister_exporter("cursussen")

    assert data["cursussen"] == [{"course": "Basis", "user": profile.user.pk}]


def test_data_export_needs_post(client, profile):
    client.force_login(profile.user)
    assert client.get("/accounts/profile/export/").status_code == 405


def test_account_deletion_with_wrong_password_keeps_the_account(client, profile):
    client.force_login(profile.user)

    response = client.post("/accounts/profile/delete/", {"password": "verkeerd"})

    html = response.content.decode()
    assert "Dit wachtwoord klopt niet. Je account is niet verwijderd." in html
    assert 'aria-describedby="id_password_help id_password_error"' in html
    assert get_user_model().objects.filter(pk=profile.user.pk).exists()
    assert client.session["_auth_user_id"] == str(profile.user.pk)


def test_account_deletion_removes_everything_and_logs_out(client, profile):
    user = profile.user
    totp_activate(user)
    client.force_login(user)
    confirm = client.get("/accounts/profile/delete/").content.decode()
    assert 'autocomplete="current-password"' in confirm

    response = client.post("/accounts/profile/delete/", {"password": DEFAULT_PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/deleted/"
    html = response.content.decode()
    assert "Je account en alle gegevens die we over je hadden zijn verwijderd." in html
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert not EmailAddress.objects.filter(email="fatima@example.org").exists()
    assert not Authenticator.objects.exists()
