"""Every account page, message and mail the site shows is Dutch with "je": no English
left over, no "u"/"uw", the portal's name (not the host) and the person's name (not the
generated username). Pages are parsed, not matched as markup: the check reads the
visible text of <title> and <main> (and placeholders, labels for screen readers,
alternative texts and button values in it)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.mail import EmailMessage
from django.test import Client

from portal.accounts.factories import DEFAULT_PASSWORD, UserFactory, totp_activate
from portal.accounts.models import Role

pytestmark = pytest.mark.django_db

PORTAL = "Doorbraak Leeromgeving"
#: The generated username of the test person: never shown, never mailed.
USERNAME = "sdevries42"
NEW_PASSWORD = "Doorbraak-wachtwoord-42"
#: Words of allauth's and Django's English that have no place in a Dutch text.
ENGLISH = re.compile(
    r"\b(?:the|your|you|please|with|this|that|sign|signed|password|email|forgot|remember|"
    r"verify|verified|unverified|confirm|confirmation|enter|click|here|hello|thank|"
    r"username|required|invalid|incorrect|recovery|generate|activate|deactivate|cancel|"
    r"submit|change|changed|add|remove|primary|security|key|reset|successfully)\b",
    re.IGNORECASE,
)
#: Formal address; the portal says "je" and "jouw".
FORMAL = re.compile(r"\b(?:u|uw)\b|a\.u\.b\.|alstublieft", re.IGNORECASE)
URL = re.compile(r"https?://\S+")


def visible_text(html: str) -> str:
    page = BeautifulSoup(html, "html.parser")
    for hidden in page(["script", "style", "template"]):
        hidden.decompose()
    main = page.find("main")
    assert main is not None, "no <main>"
    parts = [page.title.get_text(" ", strip=True) if page.title else "", main.get_text(" ")]
    for element in main.find_all(True):
        if element.name == "input" and element.get("type") == "hidden":
            continue
        for attribute in ("placeholder", "title", "alt", "aria-label"):
            if element.get(attribute):
                parts.append(element[attribute])
        if element.get("type") in {"submit", "button"} and element.get("value"):
            parts.append(element["value"])
    return " ".join(" ".join(parts).split())


def assert_dutch(text: str, where: str) -> None:
    text = URL.sub(" ", text)
    english = sorted({word.lower() for word in ENGLISH.findall(text)})
    formal = sorted(set(FORMAL.findall(text)))
    assert not english and not formal, f"{where}: English {english}, formal {formal}: {text}"
    assert USERNAME not in text, f"{where} shows the username: {text}"


def assert_dutch_page(response, where: str = "", *, status: int = 200) -> str:
    where = where or response.wsgi_request.path
    assert response.status_code == status, where
    assert response["Content-Type"].startswith("text/html")
    text = visible_text(response.content.decode())
    assert_dutch(text, where)
    for message in get_messages(response.wsgi_request):
        assert_dutch(str(message), f"message on {where}")
    return text


def assert_messages_dutch(response) -> list[str]:
    """The flash messages a (redirecting) answer left for the next page."""
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    for text in texts:
        assert_dutch(text, f"message after {response.wsgi_request.path}")
    return texts


@pytest.fixture
def sanne(db):
    return UserFactory(
        first_name="Sanne", last_name="de Vries", email="sanne@example.org", username=USERNAME
    )


def log_in(client: Client, user) -> None:
    """Through the form, so allauth records a fresh authentication (pages that want a
    recent one render directly instead of asking again)."""
    response = client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert_messages_dutch(response)


def signup_data(**overrides: str) -> dict[str, str]:
    return {
        "email": "anna.jansen@example.org",
        "first_name": "Anna",
        "last_name": "Jansen",
        "organisation": "Wijkteam Oost",
        "role": Role.WIJKTEAM.value,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }


# Pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/key/done/",
        "/accounts/password/reset/key/1-verlopen/",  # a link that does not work
        "/accounts/confirm-email/",  # "we sent you a mail"
        "/accounts/confirm-email/ongeldig/",  # a link that does not work
        "/accounts/inactive/",
    ],
)
def test_pages_for_visitors(client, url):
    assert_dutch_page(client.get(url))


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/accounts/login/", {"login": "sanne@example.org", "password": "fout"}),
        ("/accounts/login/", {"login": "geen-adres", "password": ""}),
        ("/accounts/signup/", {}),
        ("/accounts/signup/", signup_data(email="x", password2="iets anders")),
        ("/accounts/signup/", signup_data(password1="1234", password2="1234")),
        ("/accounts/password/reset/", {"email": "geen-adres"}),
    ],
)
def test_form_errors_for_visitors(client, sanne, url, data):
    text = assert_dutch_page(client.post(url, data))
    assert "Het formulier is niet verstuurd" in text


def test_too_many_failed_logins(client, sanne):
    for _ in range(6):
        response = client.post(
            "/accounts/login/", {"login": sanne.email, "password": "fout"}, REMOTE_ADDR="10.0.0.9"
        )
    assert "Te veel inlogpogingen" in assert_dutch_page(response)


def test_too_many_password_reset_requests(client, sanne):
    for _ in range(6):
        response = client.post("/accounts/password/reset/", {"email": sanne.email})
    assert "Even wachten" in assert_dutch_page(response, status=429)


def test_password_reset_from_the_mailed_link(client, sanne, mailoutbox):
    client.post("/accounts/password/reset/", {"email": sanne.email})
    link = URL.search(mailoutbox[0].body).group(0)

    form = client.get(link, follow=True)
    assert_dutch_page(form)
    form_url = form.redirect_chain[-1][0]
    wrong = client.post(form_url, {"password1": NEW_PASSWORD, "password2": "iets anders"})
    assert "Je moet hetzelfde wachtwoord twee keer intoetsen." in assert_dutch_page(wrong)
    done = client.post(
        form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )
    assert "Je wachtwoord is gewijzigd." in assert_dutch_page(done)


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/logout/",
        "/accounts/reauthenticate/",
        "/accounts/reauthenticate/code/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/signup/",  # "you are already logged in"
    ],
)
def test_pages_for_logged_in_people(client, sanne, url):
    log_in(client, sanne)
    assert_dutch_page(client.get(url, follow=True), url)


def test_setting_a_first_password(client, sanne):
    sanne.set_unusable_password()
    sanne.save()
    client.force_login(sanne)

    page = client.get("/accounts/password/set/")
    assert "Wachtwoord instellen" in assert_dutch_page(page)
    done = client.post(
        "/accounts/password/set/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert "Je wachtwoord is ingesteld." in assert_messages_dutch(done)


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/accounts/password/change/", {"oldpassword": "fout", "password1": "kort"}),
        ("/accounts/email/", {"action_add": "", "email": "geen-adres"}),
        ("/accounts/email/", {"action_add": "", "email": "sanne@example.org"}),
        ("/accounts/reauthenticate/", {"password": "fout"}),
    ],
)
def test_form_errors_for_logged_in_people(client, sanne, url, data):
    log_in(client, sanne)
    text = assert_dutch_page(client.post(url, data))
    assert "Het formulier is niet verstuurd" in text


def test_managing_email_addresses(client, sanne, mailoutbox):
    log_in(client, sanne)

    added = client.post("/accounts/email/", {"action_add": "", "email": "werk@example.org"})
    assert "We hebben een bevestigingsmail gestuurd naar werk@example.org." in (
        assert_messages_dutch(added)
    )
    address = EmailAddress.objects.get(email="werk@example.org")
    confirm_url = f"/accounts/confirm-email/{EmailConfirmationHMAC(address).key}/"
    assert "Sanne de Vries" in assert_dutch_page(client.get(confirm_url))
    confirmed = client.post(confirm_url)
    assert "Je hebt het e-mailadres werk@example.org bevestigd." in (
        assert_messages_dutch(confirmed)
    )
    for action in ("action_primary", "action_send", "action_remove"):
        email = "sanne@example.org" if action == "action_remove" else "werk@example.org"
        response = client.post("/accounts/email/", {action: "", "email": email}, follow=True)
        assert_dutch_page(response, action)
    refused = client.post(
        "/accounts/email/", {"action_remove": "", "email": "werk@example.org"}, follow=True
    )
    assert "Je kunt je primaire e-mailadres" in assert_dutch_page(refused)


def test_changing_the_password(client, sanne):
    log_in(client, sanne)
    done = client.post(
        "/accounts/password/change/",
        {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Je wachtwoord is gewijzigd." in assert_dutch_page(done)


def test_confirming_by_a_mailed_code(client, sanne, mailoutbox):
    log_in(client, sanne)
    sent = client.post("/accounts/reauthenticate/code/", {"recipient": sanne.email}, follow=True)
    assert_dutch_page(sent)
    wrong = client.post("/accounts/reauthenticate/code/confirm/", {"code": "000000"})
    assert_dutch_page(wrong)


def test_logging_out(client, sanne, site_root):
    log_in(client, sanne)
    response = client.post("/accounts/logout/")
    assert "Je bent afgemeld." in assert_messages_dutch(response)


def test_multi_factor_pages(client, sanne):
    totp_activate(sanne)
    response = client.post(
        "/accounts/login/", {"login": sanne.email, "password": DEFAULT_PASSWORD}, follow=True
    )
    assert "Vul de code uit je authenticator-app in" in assert_dutch_page(response)
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert "Het formulier is niet verstuurd" in assert_dutch_page(wrong)

    client.force_login(sanne)
    client.post("/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD})
    for url in (
        "/accounts/2fa/",
        "/accounts/2fa/totp/deactivate/",
        "/accounts/2fa/recovery-codes/generate/",
        "/accounts/2fa/reauthenticate/",
    ):
        assert_dutch_page(client.get(url), url)
    generated = client.post("/accounts/2fa/recovery-codes/generate/", follow=True)
    assert "herstelcodes beschikbaar" in assert_dutch_page(generated)
    assert_dutch_page(client.get("/accounts/2fa/recovery-codes/"))
    wrong = client.post("/accounts/2fa/reauthenticate/", {"code": "000000"})
    assert "Het formulier is niet verstuurd" in assert_dutch_page(wrong)


# Mails ---------------------------------------------------------------------------------


def assert_dutch_mail(message: EmailMessage, *, greeting: str) -> None:
    where = f"mail {message.subject!r}"
    assert message.subject.startswith(f"[{PORTAL}] "), where
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.body.startswith(f"{greeting}\n"), f"{where}: {message.body}"
    assert PORTAL in message.body, where
    assert "Hallo van" not in message.body and "testserver!" not in message.body, where
    assert "gebruiker" not in message.body, where
    assert_dutch(f"{message.subject}\n{message.body}", where)


def signup(client: Client, sanne) -> None:
    client.post("/accounts/signup/", signup_data())


def signup_with_a_known_address(client: Client, sanne) -> None:
    client.post("/accounts/signup/", signup_data(email=sanne.email))


def password_reset(client: Client, sanne) -> None:
    client.post("/accounts/password/reset/", {"email": sanne.email})


def password_reset_unknown_address(client: Client, sanne) -> None:
    client.post("/accounts/password/reset/", {"email": "onbekend@example.org"})


def address_added(client: Client, sanne) -> None:
    log_in(client, sanne)
    client.post("/accounts/email/", {"action_add": "", "email": "werk@example.org"})


def code_to_confirm_it_is_you(client: Client, sanne) -> None:
    log_in(client, sanne)
    client.post("/accounts/reauthenticate/code/", {"recipient": sanne.email})


@pytest.mark.parametrize(
    ("trigger", "subject", "greeting"),
    [
        (signup, "Bevestig je e-mailadres", "Hallo Anna,"),
        (signup_with_a_known_address, "Je hebt al een account", "Hallo Sanne,"),
        (password_reset, "Nieuw wachtwoord instellen", "Hallo Sanne,"),
        (password_reset_unknown_address, "Geen account met dit e-mailadres", "Hallo,"),
        (address_added, "Bevestig je e-mailadres", "Hallo Sanne,"),
        (code_to_confirm_it_is_you, "Je code om te bevestigen dat jij het bent", "Hallo Sanne,"),
    ],
    ids=lambda value: value.__name__ if callable(value) else None,
)
def test_mails(client, sanne, mailoutbox, trigger: Callable, subject, greeting):
    trigger(client, sanne)

    assert [message.subject for message in mailoutbox] == [f"[{PORTAL}] {subject}"]
    assert_dutch_mail(mailoutbox[0], greeting=greeting)


def test_notification_mails_if_switched_on(
    client, sanne, mailoutbox, settings, django_capture_on_commit_callbacks
):
    """allauth's notifications (ACCOUNT_EMAIL_NOTIFICATIONS, off on this site) come out
    Dutch too: their text sits in our templates/account/email/base_notification.txt."""
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    log_in(client, sanne)
    client.post(
        "/accounts/password/change/",
        {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    EmailAddress.objects.create(user=sanne, email="werk@example.org", verified=True)
    client.post("/accounts/email/", {"action_primary": "", "email": "werk@example.org"})
    client.post("/accounts/email/", {"action_remove": "", "email": "sanne@example.org"})
    totp_activate(sanne)
    client.post("/accounts/reauthenticate/", {"password": NEW_PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):  # allauth mails after commit
        client.post("/accounts/2fa/recovery-codes/generate/")
        client.post("/accounts/2fa/totp/deactivate/")

    subjects = [message.subject.removeprefix(f"[{PORTAL}] ") for message in mailoutbox]
    assert sorted(subjects) == [
        "Authenticator-app gedeactiveerd",
        "E-mailadres gewijzigd",
        "E-mailadres verwijderd",
        "Nieuwe herstelcodes gegenereerd",
        "Wachtwoord gewijzigd",
    ]
    for message in mailoutbox:
        assert_dutch_mail(message, greeting="Hallo Sanne,")
        assert "Er is iets gewijzigd aan je account bij Doorbraak Leeromgeving" in message.body


def test_a_mail_without_a_first_name_greets_by_the_whole_name_or_plainly(client, mailoutbox):
    UserFactory(first_name="", last_name="", email="naamloos@example.org", username=USERNAME)
    client.post("/accounts/password/reset/", {"email": "naamloos@example.org"})
    assert_dutch_mail(mailoutbox[0], greeting="Hallo,")
    assert get_user_model().objects.get(email="naamloos@example.org").username == USERNAME
