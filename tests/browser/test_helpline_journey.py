"""The helpline journey in a real browser: a professional presses "Hulp nodig?" on a
case page and sends an urgent question; helpline staff log in with TOTP, find it at the
top of the inbox and answer it; the professional sees the status on their profile and
reads the answer in the thread ("Mijn vragen").
axe runs on every page, the Wagtail admin pages included."""

from __future__ import annotations

import re

import pytest

from portal.accounts.factories import DEFAULT_PASSWORD, ProfileFactory, totp_activate, totp_code
from portal.accounts.models import Role
from portal.helpline.factories import SubmissionFactory, hulplijn_staff
from portal.home.factories import ContentPageFactory, paragraph

pytestmark = pytest.mark.browser

QUESTION = "Hoe onderbouw ik een uitzondering op de wachttijd voor schuldhulp?"
ANSWER = "Gebruik de hardheidsclausule van de Wgs en leg de kosten-batenafweging erbij."


def log_in(page, email: str, *, secret: str | None = None) -> None:
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("aanmelden|inloggen", re.I)).click()
    if secret is not None:
        page.locator("input[name=code]").fill(totp_code(secret))
        page.locator("form:has(input[name=code]) button[type=submit]").first.click()
    expect(page.get_by_role("link", name="Mijn profiel")).to_be_visible()


def test_help_button_question_inbox_answer_profile(
    browser_page, chromium_browser, live_server, site_root, assert_accessible
):
    from playwright.sync_api import expect

    page = browser_page
    professional = ProfileFactory(
        user__first_name="Sanne",
        user__last_name="de Wit",
        user__email="sanne@wijkteam.example.org",
        organisation="Wijkteam Noord",
        role=Role.WIJKTEAM,
    ).user
    staff = hulplijn_staff(email="hanna@ipw.example.org", first_name="Hanna", last_name="Hulp")
    secret = totp_activate(staff)
    # Work already in the inbox, due later than an urgent question sent now.
    waiting = SubmissionFactory.create_batch(2)
    case_page = ContentPageFactory(
        parent=site_root,
        title="Casus: schuldhulp loopt vast",
        slug="casus-schuldhulp",
        body=[paragraph("<p>Een gezin wacht op schuldhulp en raakt het huis kwijt.</p>")],
    )

    # 1. The professional, logged in, reads a case and presses the help button.
    log_in(page, professional.email)
    page.goto(case_page.url)
    page.get_by_role("link", name="Hulp nodig?").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hulp nodig?")
    expect(page.get_by_text("Casus: schuldhulp loopt vast")).to_be_visible()  # the context
    expect(page.get_by_label("Je naam")).to_have_value("Sanne de Wit")  # prefilled
    assert_accessible(page)

    # 2. An urgent question; first with personal data, which is refused, text kept.
    page.get_by_label("Je telefoonnummer").fill("030 123 45 67")
    page.get_by_label("Je vraag", exact=True).fill("Mevrouw Jansen (BSN 111222333) zit vast.")
    page.get_by_label(re.compile("^Spoed")).check()
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("een BSN")
    expect(page.get_by_label("Je vraag", exact=True)).to_have_value(
        "Mevrouw Jansen (BSN 111222333) zit vast."
    )
    expect(page.get_by_label(re.compile("^Spoed"))).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Je vraag", exact=True).fill(QUESTION)
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je vraag is ontvangen")
    reference = page.get_by_test_id("helpline-reference").inner_text()
    assert re.fullmatch(r"HL-\d{4}-\d{6}", reference)
    assert_accessible(page)

    # 3. Helpline staff log in with password and TOTP; the question tops the inbox.
    staff_context = chromium_browser.new_context(locale="nl-NL", base_url=live_server.url)
    staff_page = staff_context.new_page()
    try:
        log_in(staff_page, staff.email, secret=secret)
        staff_page.goto("/admin/hulplijn/")
        first_row = staff_page.locator("table.listing tbody tr").first
        expect(first_row).to_contain_text(reference)
        expect(first_row).to_contain_text("Spoed")
        for other in waiting:
            expect(staff_page.locator("table.listing")).to_contain_text(other.reference)
        assert_accessible(staff_page)  # the whole admin page, Wagtail's chrome included

        # 4. Open it, answer it.
        first_row.get_by_role("link", name=re.compile("Hoe onderbouw ik")).click()
        expect(staff_page.locator(".helpline-summary")).to_contain_text(QUESTION)
        assert_accessible(staff_page)
        staff_page.locator("select[name=status]").select_option("waiting")
        staff_page.locator("textarea[name=answer]").fill(ANSWER)
        staff_page.locator("footer button[type=submit]").first.click()
        expect(staff_page.get_by_text("het antwoord is verstuurd")).to_be_visible()
        assert_accessible(staff_page)

        # The monthly report counts it.
        staff_page.goto("/admin/hulplijn/report/")
        expect(staff_page.get_by_role("table").first).to_contain_text("Alle berichten")
        assert_accessible(staff_page)
    finally:
        staff_context.close()

    # 5. The professional sees the status on their profile, the answer in the thread.
    page.goto("/accounts/profile/")
    section = page.locator("section.helpline-profile")
    expect(section).to_contain_text(reference)
    expect(section).to_contain_text("Wacht op reactie")
    assert_accessible(page)
    section.get_by_role("link", name=re.compile(reference)).click()
    expect(page.locator(".helpline-thread")).to_contain_text(ANSWER)
    assert_accessible(page)


def test_referral_form_and_its_errors_are_accessible(browser_page, site_root, assert_accessible):
    from playwright.sync_api import expect

    page = browser_page
    page.goto("/hulplijn/aanmelden/")
    assert_accessible(page)

    page.get_by_label("Naam van de verwijzer").fill("Dokter Bakker")
    page.get_by_label("Korte schets van de situatie").fill("Gezin met schulden.")
    page.get_by_role("button", name="Aanmelding versturen").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bevestig dat het huishouden toestemming heeft gegeven")
    expect(page.get_by_label("Korte schets van de situatie")).to_have_value("Gezin met schulden.")
    # The summary links to the field: following it puts focus on the checkbox.
    summary.get_by_role("link", name=re.compile("toestemming")).click()
    expect(page.locator("#id_consent")).to_be_focused()
    assert_accessible(page)
