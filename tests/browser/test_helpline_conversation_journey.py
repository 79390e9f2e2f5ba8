"""The helpline conversation in a real browser: a professional (no phone number on the
profile, so the form defaults to e-mail and the first submit goes through) asks a
question; helpline staff find it in the inbox by searching, see the dashboard counts,
insert a standard answer and send it; the professional sees the unread badge in the
header, opens the thread at "Mijn vragen" and replies; staff see the new reply.
axe and the 375 px check run on each new page type, at 1280 and 375 px wide."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from portal.accounts.factories import DEFAULT_PASSWORD, ProfileFactory, totp_activate, totp_code
from portal.accounts.models import Role
from portal.helpline.factories import CannedAnswerFactory, SubmissionFactory, hulplijn_staff

pytestmark = pytest.mark.browser

QUESTION = "Hoe krijg ik bijzondere bijstand voor een eigen bijdrage die de Wmo blokkeert?"
CANNED = "Dank voor je vraag. Art. 35 Participatiewet biedt ruimte voor maatwerk."
REPLY = "Dank je. De consulent vraagt nu om een onderbouwing; heb je een voorbeeld?"
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 375, "height": 800}
#: Set HELPLINE_SCREENSHOTS=/some/folder to keep screenshots of the new pages.
SHOTS = os.environ.get("HELPLINE_SCREENSHOTS", "")


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


def check_both_widths(page, name: str, assert_accessible, set_viewport) -> None:
    """axe at 1280 and at 375 px (plus the sideways-scroll check), screenshots if asked."""
    for label, size in (("1280", WIDE), ("375", NARROW)):
        set_viewport(page, size)
        assert_accessible(page)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS}/{name}-{label}.png", full_page=True)
    set_viewport(page, WIDE)


def test_ask_answer_badge_thread_reply(
    browser_page, chromium_browser, live_server, site_root, assert_accessible, set_viewport
):
    from playwright.sync_api import expect

    page = browser_page
    professional = ProfileFactory(
        user__first_name="Sanne",
        user__last_name="de Wit",
        user__email="sanne@wijkteam.example.org",
        organisation="Wijkteam Noord",
        role=Role.WIJKTEAM,
        work_phone="",
    ).user
    staff = hulplijn_staff(email="hanna@ipw.example.org", first_name="Hanna", last_name="Hulp")
    secret = totp_activate(staff)
    CannedAnswerFactory(title="Bijzondere bijstand", body=CANNED)
    SubmissionFactory(question="Een andere vraag over de Jeugdwet.")
    late = SubmissionFactory(
        question="Een oude vraag die niemand oppakte.",
        received_at=timezone.now() - timedelta(days=10),
    )

    # 1. Ask: no phone on the profile, so e-mail is the default and the first submit works.
    log_in(page, professional.email)
    page.goto("/hulplijn/")
    expect(page.get_by_label("Per e-mail")).to_be_checked()
    page.get_by_label("Je vraag", exact=True).fill(QUESTION)
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je vraag is ontvangen")
    reference = page.get_by_test_id("helpline-reference").inner_text()
    expect(page.get_by_test_id("helpline-due")).to_contain_text(" om ")
    page.get_by_role("link", name="Bekijk de status en antwoorden bij Mijn vragen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    page.get_by_role("link", name="Terug naar Mijn vragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn vragen aan de Hulplijn")
    expect(page.get_by_test_id("header-my-questions")).to_have_text("Mijn vragen")  # no badge

    # 2. Staff: dashboard counts, search the inbox, insert the standard answer, send.
    staff_context = chromium_browser.new_context(locale="nl-NL", base_url=live_server.url)
    staff_context.set_default_timeout(10_000)
    staff_page = staff_context.new_page()
    try:
        log_in(staff_page, staff.email, secret=secret)
        staff_page.goto("/admin/")
        panel = staff_page.locator(".helpline-dashboard")
        expect(panel).to_contain_text("3 Nieuw")
        panel.get_by_role("link", name=re.compile("Nieuw")).click()
        expect(staff_page).to_have_url(re.compile(r"/admin/hulplijn/\?status=new"))

        staff_page.goto("/admin/hulplijn/")
        staff_page.locator("input[name=q]").fill("bijzondere bijstand")
        staff_page.locator("input[name=q]").press("Enter")
        rows = staff_page.locator("table.listing tbody tr")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text(reference)
        expect(rows.first).to_contain_text("Hoe krijg ik bijzondere bijstand voor een eigen")
        check_both_widths(staff_page, "inbox", assert_accessible, set_viewport)

        rows.first.get_by_role("link", name=re.compile("Hoe krijg ik")).click()
        expect(staff_page.locator(".helpline-summary")).to_contain_text(QUESTION)
        staff_page.locator("[data-helpline-canned-select]").select_option(
            label="Bijzondere bijstand"
        )
        staff_page.get_by_role("button", name="Invoegen").click()
        expect(staff_page.locator("textarea[name=answer]")).to_have_value(CANNED)
        check_both_widths(staff_page, "admin-thread", assert_accessible, set_viewport)
        staff_page.locator("select[name=status]").select_option("waiting")
        staff_page.locator("footer button[type=submit]").first.click()
        expect(staff_page.get_by_text("het antwoord is verstuurd")).to_be_visible()

        # 3. The professional sees the badge, opens the thread and replies.
        page.reload()
        badge = page.get_by_test_id("header-my-questions")
        expect(badge).to_contain_text("1")
        expect(badge).to_contain_text("nieuw antwoord")  # for screen readers too
        expect(page.get_by_test_id("thread-unread")).to_have_text("1 nieuw antwoord")
        check_both_widths(page, "mijn-vragen", assert_accessible, set_viewport)

        page.get_by_role("link", name=re.compile("Hoe krijg ik bijzondere bijstand")).click()
        expect(page.locator(".helpline-thread")).to_contain_text(CANNED)
        expect(page.get_by_test_id("helpline-status")).to_have_text("Wacht op reactie")
        expect(page.get_by_test_id("header-my-questions")).to_have_text("Mijn vragen")  # read
        check_both_widths(page, "thread", assert_accessible, set_viewport)

        page.get_by_label("Je reactie").fill(REPLY)
        page.get_by_role("button", name="Reactie versturen").click()
        expect(page.get_by_text("Je reactie is verstuurd naar de Hulplijn.")).to_be_visible()
        expect(page.locator(".helpline-thread")).to_contain_text(REPLY)
        expect(page.get_by_test_id("helpline-status")).to_have_text("In behandeling")

        # 4. Staff see the new reply in the inbox.
        staff_page.goto("/admin/hulplijn/")
        expect(staff_page.locator("table.listing")).to_contain_text("1 nieuwe reactie")
        expect(staff_page.locator("table.listing")).to_contain_text("Afzender: Dank je.")
        late_row = staff_page.locator("table.listing tbody tr").first
        expect(late_row).to_contain_text(late.reference)  # overdue first
        expect(late_row.locator(".helpline-overdue-badge")).to_have_text("Te laat")
        check_both_widths(staff_page, "inbox-all", assert_accessible, set_viewport)
    finally:
        staff_context.close()
