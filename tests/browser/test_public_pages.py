"""Public pages in a real browser: accessible (axe), keyboard-usable, no CSP violations,
and usable on a phone (the header menu folds away, with and without JavaScript)."""

from __future__ import annotations

import pytest
import wagtail_factories
from playwright.sync_api import Locator, Page, expect
from wagtail.models import Collection

from portal.home.factories import (
    ContentPageFactory,
    accordion,
    callout,
    link_card,
    link_cards,
    paragraph,
    quote,
    table,
    video,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def content_page(site_root):
    image = wagtail_factories.ImageFactory(
        title="Keukentafelgesprek", collection=Collection.get_first_root_node()
    )
    referral = ContentPageFactory(parent=site_root, title="Aanmelden", slug="aanmelden")
    return ContentPageFactory(
        parent=site_root,
        title="Over de methode",
        slug="over-de-methode",
        intro="Hoe professionals samen een vastgelopen situatie weer in beweging krijgen.",
        body=[
            paragraph(
                "<h2>Waar het om gaat</h2><p>Eerst kijken wat het huishouden nodig heeft.</p>"
            ),
            callout("<p>Begin bij de eerste stap die de rest losmaakt.</p>", heading="Tip"),
            quote("Wat nodig is, gaat voor wat de regel zegt.", attribution="Een consulent"),
            accordion(
                [
                    (
                        "Voor wie is de methode?",
                        "<p>Voor huishoudens met veel problemen tegelijk.</p>",
                    ),
                    ("Wat kost het?", "<p>Dat hangt af van de gemeente.</p>"),
                ],
                heading="Veelgestelde vragen",
            ),
            table(
                [["Stap", "Wie"], ["Situatieschets", "Professional"], ["Doorbraak", "Team"]],
                caption="Stappen en wie ze zet",
            ),
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": "Twee mensen in gesprek aan een keukentafel",
                    "caption": "Een gesprek thuis",
                },
            },
            video(
                title="De methode in drie minuten",
                url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                transcript_html="<p>In deze video vertellen we hoe een doorbraak ontstaat.</p>",
            ),
            link_cards(
                [link_card(page=referral, text="Een huishouden aanmelden.")], heading="Verder"
            ),
        ],
    )


def test_home_page_is_accessible(browser_page, live_server, site_root, assert_accessible):
    browser_page.goto(live_server.url + site_root.url)

    assert browser_page.locator("h1").inner_text() == site_root.title
    assert_accessible(browser_page)


def test_content_page_with_blocks_is_accessible(
    browser_page, live_server, content_page, assert_accessible
):
    browser_page.goto(live_server.url + content_page.url)

    assert browser_page.locator("h1").inner_text() == "Over de methode"
    assert browser_page.locator("table caption").inner_text() == "Stappen en wie ze zet"
    assert browser_page.locator("summary", has_text="Voor wie is de methode?").is_visible()
    # The video player itself is not loaded until the visitor asks for it.
    assert browser_page.locator("iframe").count() == 0
    assert_accessible(browser_page)


def test_skip_link_is_first_and_moves_focus_to_main(browser_page, live_server, content_page):
    browser_page.goto(live_server.url + content_page.url)

    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate(
        "() => ({text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert focused["href"] == "#main"
    assert "naar de inhoud" in focused["text"].lower()
    # Hidden until focused, then visible to sighted keyboard users.
    assert browser_page.get_by_role("link", name=focused["text"]).is_visible()

    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("() => document.activeElement.id") == "main"


def test_not_found_page_is_accessible(browser_page, live_server, site_root, assert_accessible):
    response = browser_page.goto(live_server.url + "/deze-pagina-bestaat-niet/")

    assert response.status == 404
    assert browser_page.locator("h1").inner_text() == "Pagina niet gevonden"
    assert_accessible(browser_page)


PHONE = {"width": 375, "height": 740}
WIDE = {"width": 1280, "height": 800}


@pytest.fixture
def menu_page(site_root):
    return ContentPageFactory(
        parent=site_root, title="Over de methode", slug="over-de-methode", show_in_menus=True
    )


def menu_toggle(page: Page) -> Locator:
    return page.get_by_role("banner").locator("summary", has_text="Menu")


def menu_link(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name)


def toggle_state(page: Page) -> dict:
    """What a screen reader is told about the "Menu" toggle (Chromium's accessibility
    tree; Playwright's role queries do not cover <summary>)."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    for node in nodes:
        if node.get("name", {}).get("value") == "Menu" and not node.get("ignored"):
            properties = {prop["name"]: prop["value"].get("value") for prop in node["properties"]}
            return {"role": node["role"]["value"], **properties}
    return {}


def header_height(page: Page) -> float:
    return page.get_by_role("banner").bounding_box()["height"]


def test_header_menu_folds_on_a_phone_without_javascript(
    browser_page_without_js, live_server, menu_page
):
    page = browser_page_without_js
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")

    # Closed: the brand and the "Menu" button, no more than a strip of the screen.
    expect(menu_toggle(page)).to_be_visible()
    expect(menu_link(page, "Over de methode")).to_be_hidden()
    expect(page.get_by_role("searchbox", name="Zoek op de site")).to_be_hidden()
    assert header_height(page) < 120
    state = toggle_state(page)  # a button ("disclosure triangle") that says it is closed
    assert (state["role"], state["focusable"], state["expanded"]) == (
        "DisclosureTriangle",
        True,
        False,
    )

    # Opened with the keyboard (Enter on the focused summary), closed with a click.
    menu_toggle(page).focus()
    page.keyboard.press("Enter")
    expect(menu_link(page, "Over de methode")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Zoek op de site")).to_be_visible()
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()
    assert toggle_state(page)["expanded"] is True
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    menu_toggle(page).click()
    expect(menu_link(page, "Over de methode")).to_be_hidden()

    # A wide screen shows the menu as a bar, without a toggle.
    page.set_viewport_size(WIDE)
    expect(menu_toggle(page)).to_be_hidden()
    expect(menu_link(page, "Over de methode")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Zoek op de site")).to_be_visible()


def test_header_menu_on_a_phone_with_javascript(
    browser_page, live_server, menu_page, assert_accessible
):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + menu_page.url)
    expect(menu_toggle(page)).to_be_visible()
    expect(menu_link(page, "Over de methode")).to_be_hidden()
    assert header_height(page) < 120
    assert_accessible(page)

    menu_toggle(page).click()
    expect(menu_link(page, "Over de methode")).to_be_visible()
    expect(menu_link(page, "Over de methode")).to_have_attribute("aria-current", "page")
    assert_accessible(page)  # the open menu too: contrast, names, target sizes

    # Escape closes it and leaves focus on the toggle.
    menu_link(page, "Home").focus()
    page.keyboard.press("Escape")
    expect(menu_link(page, "Over de methode")).to_be_hidden()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"

    # Wide: the whole menu shows and the toggle is gone; back on the phone it is folded.
    page.set_viewport_size(WIDE)
    expect(menu_toggle(page)).to_be_hidden()
    expect(menu_link(page, "Home")).to_be_visible()
    assert_accessible(page)


def test_browser_pages_run_without_motion(browser_page, live_server, site_root):
    """The fixtures switch motion off (see conftest), so axe never reads a colour halfway
    through a transition; this checks that the switch still works under the site's CSP."""
    browser_page.goto(live_server.url + "/")
    motion = browser_page.evaluate(
        """() => {
            const style = getComputedStyle(document.querySelector(".portal-brand__link"));
            return {
                reduced: matchMedia("(prefers-reduced-motion: reduce)").matches,
                transition: style.transitionProperty,
                animation: parseFloat(style.animationDuration),
            };
        }"""
    )
    assert motion["reduced"] is True
    # From the fixture's style sheet, not the defaults ("all" and 0 s): the sheet applied.
    assert motion["transition"] == "none"
    assert 0 < motion["animation"] < 0.001
