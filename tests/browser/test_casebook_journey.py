"""The casebook in a real browser: filter the case listing on two problem domains and a
law, see the counts change, open a case and read its value triangle and cost table;
axe-clean on every page, without JavaScript needed for the filters."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from casebook.case_search.indexing import case_index_rebuild
from casebook.factories import CaseIndexPageFactory, CasePageFactory, RegionFactory
from casebook.models import Law, LawArticle, ProblemDomain

pytestmark = pytest.mark.browser


def _domains(*names: str) -> list[ProblemDomain]:
    return [ProblemDomain.objects.get(name=name) for name in names]


@pytest.fixture
def casebook(site_root):
    index = CaseIndexPageFactory(parent=site_root, title="Voorbeeldcasussen")
    wmo = Law.objects.get(name="Wmo 2015")
    pw = Law.objects.get(name="Participatiewet")
    zwolle = RegionFactory(name="Zwolle")
    deventer = RegionFactory(name="Deventer")
    CasePageFactory(
        parent=index,
        title="Begeleiding thuis na een opname",
        household="Alleenstaande vader met een zoon van zestien",
        region=zwolle,
        year=2025,
        domains=_domains("Schulden", "Wonen", "Psychische gezondheid"),
        legal_bases=[
            (
                wmo,
                LawArticle.objects.get(law=wmo, article="2.3.5"),
                "Maatwerk om de huur te behouden.",
            )
        ],
        costs={"wmo": (1918, 8207), "zvw": (179, 1305)},
        engagement="Vader houdt zelf de regie over zijn geld en zijn huis.",
    )
    CasePageFactory(
        parent=index,
        title="Huurachterstand betaald uit bijzondere bijstand",
        region=zwolle,
        year=2024,
        domains=_domains("Schulden", "Wonen"),
        legal_bases=[
            (pw, LawArticle.objects.get(law=pw, article="35 lid 1"), "Bijzondere kosten.")
        ],
        costs={"participatiewet": (-231, 169)},
    )
    CasePageFactory(
        parent=index,
        title="Medicijnen vergoed via de gemeente",
        region=deventer,
        year=2024,
        domains=_domains("Schulden", "Lichamelijke gezondheid"),
        legal_bases=[(pw, LawArticle.objects.get(law=pw, article="35 lid 1"), "")],
        costs={"participatiewet": (-2052, 3000)},
    )
    CasePageFactory(
        parent=index,
        title="Jeugdhulp na een verhuizing",
        region=deventer,
        year=2023,
        domains=_domains("Wonen", "Jeugdzorg en opvoeding"),
        legal_bases=[(Law.objects.get(name="Jeugdwet"), None, "")],
        costs={"jeugdwet": (1789, 6994)},
    )
    case_index_rebuild()
    return index


def _count_beside(page, name: str, value: str) -> str:
    """The count beside a facet option, as a screen reader reads it."""
    count = page.locator(f'input[name="{name}"][value="{value}"] + label .case-facet__count')
    return " ".join(count.text_content().split())


def test_filter_cases_open_one_and_read_its_value_triangle(
    browser_page, casebook, assert_accessible
):
    page = browser_page
    page.goto(casebook.url)

    status = page.get_by_role("main").get_by_role("status").first
    assert status.inner_text() == "4 casussen gevonden"
    assert page.get_by_text("casussen met álle gekozen domeinen").is_visible()
    assert _count_beside(page, "domain", "Wonen") == "(3 casussen)"
    assert _count_beside(page, "law", "Wmo 2015") == "(1 casus)"
    assert_accessible(page)

    page.get_by_role("checkbox", name=re.compile(r"^Schulden")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Wonen")).check()
    # With JavaScript a change applies at once (static/js/case-filters.js): wait
    # until the listing has swapped in the new results.
    page.locator("form[data-case-filters]:not([aria-busy])").wait_for()

    assert status.inner_text() == "2 casussen gevonden"
    # Counts now tell what adding a value would leave.
    assert _count_beside(page, "domain", "Psychische gezondheid") == "(1 casus)"
    assert _count_beside(page, "law", "Participatiewet") == "(1 casus)"
    assert page.get_by_role("checkbox", name=re.compile(r"^Schulden")).is_checked()
    assert page.get_by_role("checkbox", name=re.compile(r"^Wonen")).is_checked()

    laws = page.get_by_role("group", name="Wet of regeling")
    laws.get_by_role("checkbox", name=re.compile(r"^Wmo 2015 \(")).check()
    # With JavaScript a change applies at once (static/js/case-filters.js): wait
    # until the listing has swapped in the new results.
    page.locator("form[data-case-filters]:not([aria-busy])").wait_for()

    assert status.inner_text() == "1 casus gevonden"
    assert "law=Wmo+2015" in page.url and page.url.count("domain=") == 2
    assert page.get_by_role("link", name="Wis filters").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Begeleiding thuis na een opname").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == "Begeleiding thuis na een opname"
    for heading in ("Legitimiteit", "Betrokkenheid", "Rendement"):
        assert page.get_by_role("heading", name=heading).is_visible()
    assert page.get_by_text("Vader houdt zelf de regie").is_visible()
    table = page.get_by_role("table", name=re.compile("Kosten en baten per wetsdomein"))
    assert table.is_visible()
    wmo_row = table.get_by_role("row", name=re.compile("Wmo 2015"))
    assert "8.207" in wmo_row.inner_text()
    assert "9.512" in table.locator("tfoot").inner_text()  # 8,207 + 1,305 prevented
    assert_accessible(page)


PHONE = {"width": 375, "height": 740}


def test_on_a_phone_the_results_come_first_and_the_filters_fold_without_javascript(
    browser_page_without_js, casebook
):
    page = browser_page_without_js
    page.set_viewport_size(PHONE)
    page.goto(casebook.url)

    toggle = page.get_by_role("main").locator("summary", has_text="Filters")
    schulden = page.get_by_role("checkbox", name=re.compile(r"^Schulden"))
    expect(toggle).to_be_visible()
    expect(schulden).to_be_hidden()
    # The first result starts on the first screen, after the folded filters (before,
    # it came after a screen-long list of checkboxes).
    first_card = page.locator(".case-card").first.bounding_box()
    assert toggle.bounding_box()["y"] < first_card["y"] < PHONE["height"]

    toggle.click()
    expect(schulden).to_be_visible()
    schulden.check()
    page.get_by_role("checkbox", name=re.compile(r"^Wonen")).check()
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_load_state()

    # Folded again over the results, saying how many values are chosen.
    expect(page.get_by_role("main").get_by_role("status").first).to_have_text("2 casussen gevonden")
    expect(toggle).to_have_text(re.compile(r"Filters\s+2 gekozen"))
    expect(schulden).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # A wide screen shows the filters as a sidebar beside the results, no toggle.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(toggle).to_be_hidden()
    expect(schulden).to_be_visible()
    filters = page.locator(".case-filters").bounding_box()
    results = page.locator(".case-results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]


def test_on_a_phone_the_open_filters_are_accessible(
    browser_page, casebook, assert_accessible, set_viewport
):
    page = browser_page
    set_viewport(page, PHONE)
    page.goto(casebook.url)
    page.get_by_role("main").locator("summary", has_text="Filters").click()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Schulden"))).to_be_visible()
    assert_accessible(page)
