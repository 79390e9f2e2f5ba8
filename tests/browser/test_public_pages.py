"""Public pages in a real browser: accessible (axe), keyboard-usable, no CSP violations."""

from __future__ import annotations

import pytest
import wagtail_factories
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
