"""A new version in one click, in a real browser: a professional follows a standard with
the "Volgen" button; an editor opens the standard in the admin, chooses "Nieuwe versie
maken" and lands in the new draft's editor, writes what changed and submits it; a
moderator publishes it; the follower gets one mail with the change and an unsubscribe
link that works without logging in. Screenshots of the admin action, the follow button,
the new version's page (1280 and 375 px) and the import screen go to var/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import WorkflowState

from casebook.factories import CaseIndexPageFactory
from learning.follows.models import Follow
from portal.accounts.factories import DEFAULT_PASSWORD, UserFactory, totp_activate, totp_code
from portal.standards.factories import StandardIndexPageFactory, StandardPageFactory
from portal.standards.models import StandardPage

pytestmark = pytest.mark.browser

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 375, "height": 740}


@pytest.fixture
def world(site_root):
    index = StandardIndexPageFactory(parent=site_root)
    standard = StandardPageFactory(parent=index, title="Doorbraakplan", version="1.0")
    follower = UserFactory(first_name="Sanne", email="sanne@wijkteam.example.org")
    editor = UserFactory(
        email="redacteur@ipw.example.org", groups=[Group.objects.get(name="IPW redacteur")]
    )
    moderator = UserFactory(
        email="moderator@ipw.example.org", groups=[Group.objects.get(name="IPW moderator")]
    )
    return {
        "standard": standard,
        "follower": follower,
        "editor": (editor, totp_activate(editor)),
        "moderator": (moderator, totp_activate(moderator)),
    }


def log_in(page, email: str, *, secret: str | None = None) -> None:
    """Through allauth's form; staff also type their TOTP code."""
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("aanmelden|inloggen", re.I)).click()
    if secret is not None:
        page.locator("input[name=code]").fill(totp_code(secret))
        page.locator("form:has(input[name=code]) button[type=submit]").first.click()
    expect(page.get_by_role("link", name="Mijn profiel")).to_be_visible()


def _admin_action(page, selector: str) -> None:
    """Click an action of the page editor's footer menu (folded behind "More actions")."""
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator(
            "footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']"
        ).first.click()
    button.click()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_new_version_in_one_click_published_and_mailed_to_the_follower(
    browser_page, chromium_browser, live_server, world, assert_accessible, set_viewport
):
    from playwright.sync_api import expect

    standard = world["standard"]
    page = browser_page

    # 1. The professional follows the standard.
    log_in(page, world["follower"].email)
    page.goto(standard.url)
    set_viewport(page, WIDE)
    page.get_by_role("button", name="Volgen").click()
    expect(page.get_by_role("button", name="Niet meer volgen")).to_be_visible()
    _shot(page, "follow-button-1280.png")
    set_viewport(page, NARROW)
    _shot(page, "follow-button-375.png")
    assert_accessible(page)
    set_viewport(page, WIDE)
    assert Follow.objects.filter(user=world["follower"], page=standard).exists()
    page.goto("/accounts/profile/#volgen")
    follows = page.locator("section.follows-profile")
    expect(follows.get_by_role("link", name="Doorbraakplan")).to_be_visible()
    follows.get_by_role("radio", name="Eén overzicht per dag").check()
    follows.get_by_role("radio", name=re.compile("^Direct")).check()
    follows.get_by_role("button", name="Instelling opslaan").click()
    expect(page.get_by_text("Je mail-instelling voor wat je volgt is opgeslagen.")).to_be_visible()
    _shot(page, "profile-follows-1280.png")
    assert_accessible(page)

    # 2. The editor makes the next version in one click and lands in its editor.
    editor, editor_secret = world["editor"]
    editor_context = chromium_browser.new_context(
        locale="nl-NL", base_url=live_server.url, viewport=WIDE
    )
    editor_page = editor_context.new_page()
    try:
        log_in(editor_page, editor.email, secret=editor_secret)
        editor_page.goto(f"/admin/pages/{standard.pk}/edit/")
        header = editor_page.locator("header")
        header.locator("[data-w-dropdown-target='toggle']").first.click()
        action = editor_page.get_by_role("link", name="Nieuwe versie maken")
        expect(action).to_be_visible()
        _shot(editor_page, "admin-new-version-action-1280.png")
        action.click()
        expect(editor_page.get_by_text("Versie 2.0 is gemaakt als concept")).to_be_visible()
        new = StandardPage.objects.get(supersedes=standard)
        assert editor_page.url.endswith(f"/admin/pages/{new.pk}/edit/")
        expect(editor_page.locator("#id_version")).to_have_value("2.0")

        # Submitting without "Wat is er veranderd" is refused in Dutch.
        _admin_action(editor_page, "button[name='action-submit']")
        expect(
            editor_page.get_by_text(re.compile("Vul in wat er is veranderd ten opzichte van"))
        ).to_be_visible()
        editor_page.locator("#id_changes").fill(
            "De waardendriehoek is toegevoegd aan de onderbouwing."
        )
        # The live server shares this thread's SQLite connection: wait in the browser
        # for the answer, never poll the database meanwhile.
        with editor_page.expect_navigation():
            _admin_action(editor_page, "button[name='action-submit']")
        editor_page.wait_for_load_state("networkidle")
    finally:
        editor_context.close()
    new.refresh_from_db()
    assert not new.live
    assert WorkflowState.objects.filter(
        object_id=str(new.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()
    assert mail.outbox == [] or all("sanne@" not in ",".join(message.to) for message in mail.outbox)

    # 3. The moderator publishes it.
    moderator, moderator_secret = world["moderator"]
    moderator_context = chromium_browser.new_context(
        locale="nl-NL", base_url=live_server.url, viewport=WIDE
    )
    moderator_page = moderator_context.new_page()
    try:
        log_in(moderator_page, moderator.email, secret=moderator_secret)
        moderator_page.goto(f"/admin/pages/{new.pk}/edit/")
        _admin_action(moderator_page, "button[data-workflow-action-name='approve']")
        moderator_page.wait_for_load_state("networkidle")
        modal_submit = moderator_page.locator(".modal button[type=submit]")
        if modal_submit.count() and modal_submit.first.is_visible():
            with moderator_page.expect_navigation():
                modal_submit.first.click()
        moderator_page.wait_for_load_state("networkidle")
    finally:
        moderator_context.close()
    new.refresh_from_db()
    assert new.live

    # 4. The follower got one mail, with what changed and a link to stop following.
    to_follower = [message for message in mail.outbox if message.to == [world["follower"].email]]
    assert len(to_follower) == 1
    body = to_follower[0].body
    assert to_follower[0].subject == "Nieuwe versie van Doorbraakplan"
    assert "De waardendriehoek is toegevoegd aan de onderbouwing." in body

    # 5. Readers of the new version see what changed.
    page.goto(new.url)
    expect(page.get_by_role("heading", name="Wat is er veranderd in versie 2.0")).to_be_visible()
    expect(page.get_by_role("button", name="Niet meer volgen")).to_be_visible()  # moved on
    _shot(page, "new-version-page-1280.png")
    set_viewport(page, NARROW)
    _shot(page, "new-version-page-375.png")
    assert_accessible(page)

    # 6. The unsubscribe link works logged out.
    link = re.search(r"https?://\S+(/volgen/afmelden/\S+/)", body).group(1)
    page.context.clear_cookies()
    page.goto(link)
    page.get_by_role("button", name="Niet meer volgen").click()
    expect(page.get_by_text(re.compile("Je volgt Doorbraakplan niet meer"))).to_be_visible()
    assert_accessible(page)
    assert not Follow.objects.filter(user=world["follower"]).exists()


def test_the_import_screen(browser_page, chromium_browser, live_server, world, assert_accessible):
    from playwright.sync_api import expect

    CaseIndexPageFactory(parent=world["standard"].get_parent().get_parent())
    editor, editor_secret = world["editor"]
    page = browser_page
    page.set_viewport_size(WIDE)
    log_in(page, editor.email, secret=editor_secret)
    page.goto("/admin/casussen-importeren/")
    expect(page.get_by_role("heading", name="Casussen importeren")).to_be_visible()
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "casussen.json",
                "mimeType": "application/json",
                "buffer": b'[{"title": "Zonder inhoud", "year": 1800}]',
            }
        ]
    )
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("Er is niets opgeslagen.")).to_be_visible()
    _shot(page, "admin-case-import-errors-1280.png")
    page.goto("/admin/casussen/")
    expect(page.get_by_role("columnheader", name="Regio")).to_be_visible()
    _shot(page, "admin-case-list-1280.png")
