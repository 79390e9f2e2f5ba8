"""The casebook's filters in a real browser, on a desktop (1280 px) and a phone (375 px):
the first result is on the first screen, ticking a filter updates the results without
pressing a button (and without reloading the page), the active filters are chips that
remove one value each; axe-clean on the casebook, a case page and the impact page.

Set SCREENSHOT_DIR to keep screenshots of the casebook at both widths."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from casebook.case_search.indexing import case_index_rebuild
from casebook.factories import CaseIndexPageFactory, CasePageFactory, RegionFactory
from casebook.models import ImpactPage, Law, LawArticle, ProblemDomain

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR", "")


def _domains(*names: str) -> list[ProblemDomain]:
    return [ProblemDomain.objects.get(name=name) for name in names]


@pytest.fixture
def casebook(site_root):
    index = CaseIndexPageFactory(
        parent=site_root,
        title="Voorbeeldcasussen",
        intro="Geanonimiseerde doorbraken uit de praktijk, om van te leren.",
    )
    index.add_child(instance=ImpactPage(title="Impact", slug="impact"))
    wmo = Law.objects.get(name="Wmo 2015")
    pw = Law.objects.get(name="Participatiewet")
    zwolle = RegionFactory(name="Zwolle")
    deventer = RegionFactory(name="Deventer")
    specs = [
        ("Begeleiding thuis na een opname", zwolle, 2025, ("Schulden", "Wonen"), wmo, "2.3.5"),
        (
            "Huurachterstand uit bijzondere bijstand",
            zwolle,
            2024,
            ("Schulden", "Wonen"),
            pw,
            "35 lid 1",
        ),
        ("Medicijnen vergoed via de gemeente", deventer, 2024, ("Schulden",), pw, "35 lid 1"),
        ("Jeugdhulp na een verhuizing", deventer, 2023, ("Wonen",), None, None),
        (
            "Fysiotherapie betaald, uitkering later",
            deventer,
            2025,
            ("Schulden", "Werk"),
            pw,
            "18 lid 1",
        ),
    ]
    for title, region, year, domains, law, article in specs:
        bases = []
        if law is not None:
            bases = [(law, LawArticle.objects.get(law=law, article=article), "Grond.")]
        CasePageFactory(
            parent=index,
            title=title,
            region=region,
            year=year,
            domains=_domains(*domains),
            legal_bases=bases,
            costs={"wmo": (100, 2000)},
        )
    case_index_rebuild()
    return index


def _shot(page, name: str) -> None:
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / f"{name}.png"), full_page=False)


def _status(page):
    return page.locator("#case-results-count")


def test_filter_on_a_desktop_results_update_on_change_and_a_chip_removes_a_filter(
    browser_page, casebook, assert_accessible, set_viewport
):
    page = browser_page
    set_viewport(page, DESKTOP)
    page.goto(casebook.url)
    _shot(page, "casebook-1280")

    # The first result is on the first screen, beside the filters.
    first = page.locator(".case-card").first.bounding_box()
    assert first["y"] + 40 < DESKTOP["height"]
    filters = page.locator(".case-filters").bounding_box()
    assert filters["x"] + filters["width"] <= first["x"]
    # With JavaScript the buttons are gone: a change applies at once.
    expect(page.get_by_role("button", name="Filters toepassen")).to_be_hidden()
    expect(_status(page)).to_have_text("5 casussen gevonden")
    page.evaluate("window.__sameDocument = true")

    page.get_by_role("checkbox", name=re.compile(r"^Schulden")).check()
    expect(_status(page)).to_have_text("4 casussen gevonden")
    page.get_by_role("checkbox", name=re.compile(r"^Wonen")).check()
    expect(_status(page)).to_have_text("2 casussen gevonden")
    expect(page.get_by_role("link", name="Verwijder filter Schulden")).to_be_visible()
    assert "domain=Schulden" in page.url and "domain=Wonen" in page.url
    # Focus stayed on the checkbox that was used.
    assert page.evaluate("document.activeElement.value") == "Wonen"
    assert page.evaluate("window.__sameDocument") is True
    assert_accessible(page)

    page.get_by_role("link", name="Verwijder filter Schulden").click()
    expect(_status(page)).to_have_text("3 casussen gevonden")
    expect(page.get_by_role("link", name="Verwijder filter Schulden")).to_have_count(0)
    expect(page.get_by_role("checkbox", name=re.compile(r"^Schulden"))).not_to_be_checked()
    assert "domain=Schulden" not in page.url
    # Back returns to the filters before the chip was removed.
    page.go_back()
    expect(_status(page)).to_have_text("2 casussen gevonden")
    expect(page.get_by_role("link", name="Verwijder filter Schulden")).to_be_visible()

    page.get_by_role("combobox", name="Sorteren op").select_option(label="Nieuwste eerst")
    expect(page.locator(".case-card__title").first).to_have_text(
        re.compile("Begeleiding thuis na een opname")
    )
    page.get_by_role("link", name="Alles wissen").click()
    expect(_status(page)).to_have_text("5 casussen gevonden")

    # A tag on a card leads into the casebook filtered on it.
    page.get_by_role("link", name="Alle casussen in Zwolle").first.click()
    page.wait_for_load_state()
    expect(_status(page)).to_have_text("minder dan 3 casussen gevonden")
    expect(page.get_by_role("link", name="Verwijder filter Zwolle")).to_be_visible()

    page.get_by_role("link", name="Begeleiding thuis na een opname").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Begeleiding thuis na een opname")
    assert_accessible(page)

    page.goto(casebook.url + "impact/?region=Deventer")
    expect(page.locator("#impact-case-count")).to_have_text("3")
    assert_accessible(page)
    page.locator("#impact-laws-table").get_by_role("link", name="Participatiewet").click()
    page.wait_for_load_state()
    expect(_status(page)).to_have_text("minder dan 3 casussen gevonden")


def test_filter_on_a_phone_results_first_and_filters_in_a_disclosure(
    browser_page, casebook, assert_accessible, set_viewport
):
    page = browser_page
    set_viewport(page, PHONE)
    page.goto(casebook.url)
    _shot(page, "casebook-375")

    toggle = page.get_by_role("main").locator("summary", has_text="Filters")
    first = page.locator(".case-card").first.bounding_box()
    assert toggle.bounding_box()["y"] < first["y"] < PHONE["height"]

    toggle.click()
    page.get_by_role("checkbox", name=re.compile(r"^Schulden")).check()
    expect(_status(page)).to_have_text("4 casussen gevonden")
    expect(toggle).to_have_text(re.compile(r"Filters\s+1 gekozen"))
    page.get_by_role("checkbox", name=re.compile(r"^Werk")).check()
    expect(_status(page)).to_have_text("1 casus gevonden")
    expect(toggle).to_have_text(re.compile(r"Filters\s+2 gekozen"))
    assert_accessible(page)

    page.get_by_role("link", name="Verwijder filter Werk").click()
    expect(_status(page)).to_have_text("4 casussen gevonden")
    expect(toggle).to_have_text(re.compile(r"Filters\s+1 gekozen"))
    _shot(page, "casebook-375-filtered")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
