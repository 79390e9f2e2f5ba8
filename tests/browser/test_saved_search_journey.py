"""Saved searches in a real browser, on a phone and on a desktop: a professional filters
the casebook on two problem domains and a region, removes the region again with its chip
(the save box follows, as the listing's script swaps it), saves the search with a daily mail;
a matching case is published afterwards (through Wagtail's own publish); the alert task
runs and the digest mail names the new case. The save box, the save page, the profile
section, the edit page and the unsubscribe page pass axe and the 375 px check; the box
and the profile section are screenshot at 1280 and 375 px (tmp_path)."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from casebook.case_search.indexing import case_index_rebuild
from casebook.factories import CaseIndexPageFactory, CasePageFactory, RegionFactory
from casebook.models import ProblemDomain, SavedSearch
from casebook.saved_searches.tasks import saved_search_alerts_send_task
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.browser

EMAIL = "noor@wijkteam.example.nl"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _domains(*names: str) -> list[ProblemDomain]:
    return [ProblemDomain.objects.get(name=name) for name in names]


@pytest.fixture
def casebook(site_root):
    index = CaseIndexPageFactory(parent=site_root, title="Voorbeeldcasussen")
    zwolle = RegionFactory(name="Zwolle")
    deventer = RegionFactory(name="Deventer")
    week_ago = timezone.now() - timedelta(days=7)
    for title, region, names in (
        ("Huurachterstand betaald uit bijzondere bijstand", zwolle, ("Schulden", "Wonen")),
        ("Energieschuld en een dreigende ontruiming", deventer, ("Schulden", "Wonen")),
        ("Medicijnen vergoed via de gemeente", deventer, ("Schulden",)),
        ("Jeugdhulp na een verhuizing", zwolle, ("Wonen", "Jeugdzorg en opvoeding")),
    ):
        CasePageFactory(
            parent=index,
            title=title,
            region=region,
            year=2024,
            domains=_domains(*names),
            first_published_at=week_ago,
        )
    case_index_rebuild()
    UserFactory(email=EMAIL, first_name="Noor", last_name="Bakker")
    return index


def _apply(page) -> None:
    """Filters apply on change where the page's script does it; else the button."""
    apply = page.get_by_role("button", name="Filters toepassen")
    if apply.is_visible():
        apply.click()
        page.wait_for_load_state()


def _tick(page, name: str, value: str) -> None:
    page.locator(f'input[name="{name}"][value="{value}"]').check()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_filter_save_and_get_the_new_case_in_the_digest(
    browser_page, casebook, log_in, assert_accessible, set_viewport, tmp_path, size
):
    page = browser_page
    log_in(page, EMAIL)  # the header's account links show on a wide screen
    set_viewport(page, size)
    page.goto(casebook.url)
    status = page.locator(".case-results__count")
    expect(status).to_have_text("4 casussen gevonden")

    # 1. Filter: two domains and a region (on a phone, the filters are folded first).
    toggle = page.get_by_role("main").locator("summary", has_text="Filters")
    if toggle.is_visible():
        toggle.click()
    _tick(page, "domain", "Schulden")
    _tick(page, "domain", "Wonen")
    _tick(page, "region", "Zwolle")
    _apply(page)
    # With a region chosen, a count under 3 may be withheld ("minder dan 3"): count cards.
    cards = page.locator(".case-card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Huurachterstand betaald uit bijzondere bijstand")

    # 2. Remove the region again with its chip (the chip for each chosen filter).
    chips = page.locator(".case-chips")
    expect(chips.get_by_role("link", name=re.compile("^Verwijder filter"))).to_have_count(3)
    chips.get_by_role("link", name="Verwijder filter Zwolle").click()
    expect(chips.get_by_role("link", name=re.compile("^Verwijder filter"))).to_have_count(2)
    expect(cards).to_have_count(2)
    expect(status).to_have_text("2 casussen gevonden")
    expect(page).to_have_url(
        re.compile(r"domain=Schulden.*domain=Wonen|domain=Wonen.*domain=Schulden")
    )
    assert "region=" not in page.url

    # 3. Save the search with a daily mail.
    box = page.locator(".saved-search-box")
    box.scroll_into_view_if_needed()
    expect(box).to_contain_text("Je bewaart: Schulden en Wonen")
    expect(box.get_by_label("Naam")).to_have_value("Schulden en Wonen")
    box.get_by_label("E-mail bij nieuwe casussen").select_option(label="Dagelijks")
    box.screenshot(path=tmp_path / f"save-box-{size['width']}.png")
    assert_accessible(page)
    box.get_by_role("button", name="Zoekopdracht bewaren").click()
    expect(page.locator(".portal-messages")).to_contain_text(
        "Zoekopdracht ‘Schulden en Wonen’ bewaard."
    )
    expect(page.locator(".saved-search-box")).to_contain_text(
        "Je hebt deze zoekopdracht bewaard als ‘Schulden en Wonen’"
    )
    saved = SavedSearch.objects.get()
    assert (saved.query, saved.filters) == ("", {"domain": ["Schulden", "Wonen"]})

    # 4. The profile lists it; the edit page and the unsubscribe page are accessible too.
    page.goto("/accounts/profile/#zoekopdrachten")
    section = page.locator("#zoekopdrachten")
    expect(section.get_by_role("heading", name="Schulden en Wonen")).to_be_visible()
    expect(section.get_by_label("E-mail bij nieuwe casussen")).to_have_value("daily")
    section.scroll_into_view_if_needed()
    section.screenshot(path=tmp_path / f"profile-section-{size['width']}.png")
    assert_accessible(page)

    # 5. A matching case is published afterwards, through Wagtail's own publish.
    new = CasePageFactory(
        parent=casebook,
        title="Beslagvrije voet hersteld na een loonbeslag",
        region=RegionFactory(name="Kampen"),
        year=2025,
        domains=_domains("Schulden", "Wonen"),
        live=False,
        first_published_at=None,
    )
    new.save_revision().publish()
    # The digest last ran yesterday morning: today's run is due.
    SavedSearch.objects.filter(pk=saved.pk).update(
        alert_checked_until=timezone.now() - timedelta(days=1)
    )

    # 6. The alert task sends the digest with the new case, once.
    mail.outbox.clear()
    assert saved_search_alerts_send_task.enqueue().return_value == 1
    assert saved_search_alerts_send_task.enqueue().return_value == 0
    (digest,) = mail.outbox
    assert digest.to == [EMAIL]
    assert digest.subject == "Nieuwe casus bij je zoekopdracht ‘Schulden en Wonen’"
    assert "- Beslagvrije voet hersteld na een loonbeslag" in digest.body
    assert "Huurachterstand" not in digest.body  # published before the search was saved

    # 7. The unsubscribe link in the mail works without logging in.
    unsubscribe = re.search(r"https?://\S+/zoekopdrachten/afmelden/\S+/", digest.body).group(0)
    page.context.clear_cookies()
    page.goto(urlsplit(unsubscribe).path)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Afmelden voor e-mail over nieuwe casussen"
    )
    assert_accessible(page)
    page.screenshot(path=tmp_path / f"unsubscribe-{size['width']}.png", full_page=True)
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_role("status").filter(has_text="geen e-mail meer")).to_be_visible()
    saved.refresh_from_db()
    assert saved.frequency == "none"


def test_the_save_and_edit_pages_are_accessible(
    browser_page, casebook, log_in, assert_accessible, tmp_path
):
    page = browser_page
    log_in(page, EMAIL)
    # The save page (where the login link leads), with a refused name kept as typed.
    page.goto("/zoekopdrachten/bewaren/?domain=Schulden&q=huur")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoekopdracht bewaren")
    page.get_by_label("Naam").fill("Gezin van Fatima, 06-12345678")
    page.get_by_role("button", name="Zoekopdracht bewaren").click()
    expect(page.get_by_role("alert")).to_contain_text("telefoonnummer")
    expect(page.get_by_label("Naam")).to_have_value("Gezin van Fatima, 06-12345678")
    assert_accessible(page)
    page.screenshot(path=tmp_path / "save-page-error.png", full_page=True)
    page.get_by_label("Naam").fill("Huur en schulden")
    page.get_by_role("button", name="Zoekopdracht bewaren").click()
    expect(page.locator(".portal-messages")).to_contain_text("‘Huur en schulden’ bewaard")

    saved = SavedSearch.objects.get()
    page.goto(f"/zoekopdrachten/{saved.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoekopdracht ‘Huur en schulden’")
    assert_accessible(page)
    page.screenshot(path=tmp_path / "edit-page.png", full_page=True)
