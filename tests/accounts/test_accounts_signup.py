"""Sign-up, e-mail verification and login of professionals (allauth + our profile)."""

import re

import pytest
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.exceptions import ValidationError

from portal.accounts import validators
from portal.accounts.factories import DEFAULT_PASSWORD, UserFactory
from portal.accounts.models import Profile, Role

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/accounts/signup/"
LOGIN_URL = "/accounts/login/"


def signup_data(**overrides: str) -> dict[str, str]:
    data = {
        "email": "anna.jansen@example.org",
        "first_name": "Anna",
        "last_name": "de Vries",
        "organisation": "Huisartsenpraktijk De Linde",
        "role": Role.POH.value,
        "registerplein_number": "",
        "skj_number": "110 012 345",
        "big_number": "BIG 190-123-456-01",
        "password1": "Doorbraak-wachtwoord-42",
        "password2": "Doorbraak-wachtwoord-42",
    }
    data.update(overrides)
    return data


def test_signup_page_renders_in_site_layout_with_labels_and_autocomplete(client):
    html = client.get(SIGNUP_URL).content.decode()

    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert "Registreren" in html  # allauth's Dutch translation is active
    for name in ("email", "first_name", "last_name", "organisation", "role", "big_number"):
        assert f'<label class="utrecht-form-label" for="id_{name}">' in html
    assert 'autocomplete="given-name"' in html
    assert 'autocomplete="family-name"' in html
    assert 'autocomplete="organization"' in html
    assert 'autocomplete="new-password"' in html
    assert "utrecht-textbox" in html and "utrecht-button" in html
    assert "style=" not in html.split("<main", 1)[1]


def test_signup_stores_profile_and_sends_verification_mail(client, mailoutbox):
    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    user = get_user_model().objects.get(email="anna.jansen@example.org")
    assert (user.first_name, user.last_name) == ("Anna", "de Vries")
    profile = Profile.objects.get(user=user)
    assert profile.organisation == "Huisartsenpraktijk De Linde"
    assert profile.role == Role.POH
    assert profile.skj_number == "110012345"
    assert profile.big_number == "19012345601"
    assert profile.registerplein_number == ""

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["anna.jansen@example.org"]
    assert "/accounts/confirm-email/" in mailoutbox[0].body
    assert not EmailAddress.objects.get(user=user).verified
    # Not logged in: verification is mandatory.
    assert "_auth_user_id" not in client.session


def test_signing_up_with_a_known_address_looks_and_works_like_a_new_sign_up(
    client, mailoutbox, monkeypatch
):
    """Same page, one mail, and the same password hashing: the answer takes as long, so
    neither the page nor its timing tells whether the address has an account."""
    UserFactory(email="anna.jansen@example.org")
    hashed = []
    encode = MD5PasswordHasher.encode
    monkeypatch.setattr(
        MD5PasswordHasher, "encode", lambda self, *a: hashed.append(1) or encode(self, *a)
    )

    known = client.post(SIGNUP_URL, signup_data())
    new = client.post(SIGNUP_URL, signup_data(email="nieuw@example.org"))

    assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
    assert len(hashed) == 2  # one for each sign-up
    assert [message.to for message in mailoutbox] == [
        ["anna.jansen@example.org"],  # "you already have an account"
        ["nieuw@example.org"],  # the verification
    ]
    assert get_user_model().objects.filter(email="anna.jansen@example.org").count() == 1


def test_bad_signup_keeps_typed_values_and_explains_in_dutch(client, mailoutbox):
    data = signup_data(organisation="", big_number="12345", registerplein_number="12ab")
    response = client.post(SIGNUP_URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul de organisatie in waar je werkt." in html
    assert "Een BIG-nummer bestaat uit precies 11 cijfers" in html
    assert "Een registratienummer van Registerplein bestaat uit 4 tot 8 cijfers" in html
    assert "Het formulier is niet verstuurd" in html  # error summary on top
    # Typed values are kept.
    assert 'value="anna.jansen@example.org"' in html
    assert 'value="Anna"' in html
    assert 'value="de Vries"' in html
    assert 'value="12345"' in html
    assert '<option value="poh" selected>' in html
    # Errors are tied to their input.
    big_input = re.search(r"<input[^>]*name=\"big_number\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in big_input
    assert 'aria-describedby="id_big_number_error"' in big_input
    assert 'id="id_big_number_error"' in html
    assert not get_user_model().objects.filter(email="anna.jansen@example.org").exists()
    assert mailoutbox == []


def test_signup_requires_a_role_from_the_list(client):
    html = client.post(SIGNUP_URL, signup_data(role="astronaut")).content.decode()
    assert "Kies een functie uit de lijst." in html
    assert not Profile.objects.exists()


def test_login_before_verification_is_refused(client, mailoutbox):
    client.post(SIGNUP_URL, signup_data())
    mailoutbox.clear()

    response = client.post(
        LOGIN_URL,
        {"login": "anna.jansen@example.org", "password": "Doorbraak-wachtwoord-42"},
    )

    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    page = client.get(response["Location"]).content.decode()
    assert "Verifieer je e-mailadres" in page


def test_verified_user_logs_in_lands_on_the_learning_environment_and_is_greeted_by_name(
    client, site_root
):
    user = UserFactory(email="piet@example.org", first_name="Piet", last_name="Bos")

    response = client.post(LOGIN_URL, {"login": "piet@example.org", "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/leren/"  # "Mijn leeromgeving"
    assert client.session["_auth_user_id"] == str(user.pk)
    page = " ".join(client.get("/leren/").content.decode().split())
    assert "Piet Bos" in page
    assert "piet@example.org</" not in page  # the username is not how we greet


def test_logging_in_returns_to_the_page_it_started_from(client, site_root):
    UserFactory(email="piet@example.org")
    header = BeautifulSoup(client.get("/zoeken/?q=schulden").content, "html.parser")
    login_link = header.find("a", string="Inloggen")["href"]
    assert login_link == "/accounts/login/?next=/zoeken/%3Fq%3Dschulden"

    response = client.post(login_link, {"login": "piet@example.org", "password": DEFAULT_PASSWORD})
    assert response["Location"] == "/zoeken/?q=schulden"


def test_confirming_the_mail_verifies_the_address(client, mailoutbox):
    client.post(SIGNUP_URL, signup_data())
    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mailoutbox[0].body).group(1)

    page = client.get(f"/accounts/confirm-email/{key}/")
    assert page.status_code == 200
    assert "anna.jansen@example.org" in page.content.decode()
    client.post(f"/accounts/confirm-email/{key}/")

    assert EmailAddress.objects.get(email="anna.jansen@example.org").verified


@pytest.mark.parametrize(
    ("register", "raw", "expected"),
    [
        (validators.BIG, "19012345601", "19012345601"),
        (validators.BIG, "big: 1901 2345 601", "19012345601"),
        (validators.SKJ, "SKJ-110012345", "110012345"),
        (validators.REGISTERPLEIN, "12.34.56", "123456"),
        (validators.REGISTERPLEIN, "  ", ""),
    ],
)
def test_register_numbers_accept_common_notations(register, raw, expected):
    assert validators.register_number_clean(raw, register=register) == expected


@pytest.mark.parametrize(
    ("register", "raw"),
    [
        (validators.BIG, "1901234560"),
        (validators.BIG, "1901234560X"),
        (validators.SKJ, "1234"),
        (validators.REGISTERPLEIN, "123456789"),
    ],
)
def test_register_numbers_refuse_wrong_formats(register, raw):
    with pytest.raises(ValidationError) as excinfo:
        validators.register_number_clean(raw, register=register)
    assert "cijfers" in str(excinfo.value.messages[0])


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-1", "Dit wachtwoord is te kort: gebruik minstens 10 tekens."),
        ("12345678901234", "Dit wachtwoord bestaat alleen uit cijfers"),
        ("password1234", "Dit wachtwoord wordt te vaak gebruikt"),
        ("anna.jansen.example", "Dit wachtwoord lijkt te veel op je naam of e-mailadres."),
    ],
)
def test_password_rules_are_explained_in_dutch_with_je(client, password, message):
    html = client.post(
        SIGNUP_URL, signup_data(password1=password, password2=password)
    ).content.decode()
    text = " ".join(html.split())
    assert message in text
    assert "This password" not in text and "Uw wachtwoord" not in text
    assert not get_user_model().objects.filter(email="anna.jansen@example.org").exists()
