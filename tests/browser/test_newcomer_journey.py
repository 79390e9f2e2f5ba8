"""The newcomer's journey of the foundation issue, in a real browser: sign up, verify
the e-mail address, log in, read a standard and follow the link to its newer version.
Every page on the way is checked with axe."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from portal.accounts.models import Profile
from portal.standards.factories import StandardIndexPageFactory, StandardPageFactory

pytestmark = pytest.mark.browser

EMAIL = "nieuw@wijkteam.example.nl"
PASSWORD = "Keukentafel-gesprek-42"


@pytest.fixture
def standards(site_root):
    index = StandardIndexPageFactory(parent=site_root)
    old = StandardPageFactory(
        parent=index,
        title="Doorbraakplan",
        version="1.0",
        effective_date=datetime.date(2023, 1, 1),
    )
    new = StandardPageFactory(
        parent=index,
        title="Doorbraakplan",
        version="2.0",
        effective_date=datetime.date(2025, 1, 1),
        supersedes=old,
    )
    return index, old, new


def test_newcomer_signs_up_verifies_logs_in_and_follows_a_standard_to_its_new_version(
    browser_page, assert_accessible, standards
):
    index, old, new = standards
    page = browser_page

    # Sign up from the home page.
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Account aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

    # A mistake first: the form keeps what was typed and says what is wrong, in Dutch.
    page.get_by_label("E-mail", exact=True).fill(EMAIL)
    page.get_by_label("Voornaam").fill("Sam")
    page.get_by_label("Achternaam").fill("Visser")
    page.get_by_label("Organisatie").fill("Wijkteam Oost")
    page.get_by_label("Functie").select_option("wijkteam")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("Wachtwoord.*(opnieuw|herhaal|bevestig)", re.I)).fill(
        "iets-anders-123"
    )
    page.get_by_role(
        "button", name=re.compile("aanmelden|account aanmaken|registreren", re.I)
    ).click()
    expect(page.get_by_label("Organisatie")).to_have_value("Wijkteam Oost")
    assert_accessible(page)

    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("Wachtwoord.*(opnieuw|herhaal|bevestig)", re.I)).fill(PASSWORD)
    page.get_by_role(
        "button", name=re.compile("aanmelden|account aanmaken|registreren", re.I)
    ).click()
    expect(page.get_by_text(re.compile("bevestig|verifi", re.I)).first).to_be_visible()
    assert_accessible(page)

    profile = Profile.objects.get(user__email=EMAIL)
    assert profile.organisation == "Wijkteam Oost"
    assert profile.role == "wijkteam"

    # The verification mail (locmem backend) holds the confirmation link.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    confirm_path = re.sub(r"^https?://[^/]+", "", link.group(0))
    page.goto(confirm_path)
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("bevestig", re.I)).click()

    # Log in with the verified address.
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("E-mail", exact=True).fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("aanmelden|inloggen", re.I)).click()
    expect(page.get_by_role("link", name="Mijn profiel")).to_be_visible()
    assert_accessible(page)

    # Read the standards: the listing shows only the current version.
    page.goto(index.url)
    assert_accessible(page)
    listing = page.locator("main")
    expect(listing.get_by_role("link", name=re.compile("Doorbraakplan"))).to_have_count(1)

    # The old version stays readable, says it was superseded and links to the new one.
    page.goto(old.url)
    expect(
        page.get_by_text("Deze versie is vervangen door versie 2.0", exact=False)
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Ga naar Doorbraakplan, versie 2.0")).click()
    expect(page).to_have_url(re.compile(re.escape(new.url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Doorbraakplan")
    expect(page.get_by_text("Vervangt", exact=True)).to_be_visible()
    assert_accessible(page)
