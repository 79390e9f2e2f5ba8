"""Search in a real browser: the site search (with its autocomplete combobox, highlighted
snippets and type filter), then the case listing (query, two domains and a law, counts
that change, open a result); axe-clean on every page."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from casebook.case_search.indexing import case_index_rebuild
from casebook.factories import CaseIndexPageFactory, CasePageFactory, RegionFactory
from casebook.models import Law, LawArticle, ProblemDomain
from portal.home.factories import ContentPageFactory
from search.indexing import site_index_rebuild

pytestmark = pytest.mark.browser


def _domains(*names: str) -> list[ProblemDomain]:
    return [ProblemDomain.objects.get(name=name) for name in names]


def _count_beside(page, name: str, value: str) -> str:
    count = page.locator(f'input[name="{name}"][value="{value}"] + label .case-facet__count')
    return " ".join(count.text_content().split())


@pytest.fixture
def content(site_root):
    cache.clear()
    ContentPageFactory(
        parent=site_root,
        title="Aanmelden bij het IPW",
        intro="Meld een huishouden met schulden en woonproblemen aan.",
    )
    index = CaseIndexPageFactory(parent=site_root, title="Voorbeeldcasussen")
    wmo = Law.objects.get(name="Wmo 2015")
    pw = Law.objects.get(name="Participatiewet")
    zwolle = RegionFactory(name="Zwolle")
    CasePageFactory(
        parent=index,
        title="Begeleiding thuis na een opname",
        region=zwolle,
        year=2025,
        domains=_domains("Schulden", "Wonen", "Psychische gezondheid"),
        legal_bases=[(wmo, LawArticle.objects.get(law=wmo, article="2.3.5"), "Maatwerk.")],
        costs={"wmo": (1918, 8207)},
        situation="Vader raakte zijn huis bijna kwijt door schulden na een opname.",
    )
    CasePageFactory(
        parent=index,
        title="Huurachterstand betaald uit bijzondere bijstand",
        region=zwolle,
        year=2024,
        domains=_domains("Schulden", "Wonen"),
        legal_bases=[(pw, LawArticle.objects.get(law=pw, article="35 lid 1"), "Kosten.")],
        costs={"participatiewet": (-231, 169)},
        situation="Een moeder met schulden dreigde haar woning te verliezen.",
    )
    CasePageFactory(
        parent=index,
        title="Schulden en werk",
        region=zwolle,
        year=2023,
        domains=_domains("Schulden", "Inkomen"),
        legal_bases=[(pw, None, "")],
        costs={"participatiewet": (-231, 169)},
        situation="Werk vinden terwijl de schulden oplopen.",
    )
    case_index_rebuild()
    site_index_rebuild()
    yield index
    cache.clear()


def test_site_search_then_case_listing(browser_page, content, assert_accessible):
    page = browser_page
    page.goto("/zoeken/")
    assert_accessible(page)

    box = page.get_by_role("combobox", name=re.compile("Zoek in pagina"))
    box.fill("huurach")
    listbox = page.get_by_role("listbox")
    option = listbox.get_by_role("option", name=re.compile("Huurachterstand betaald"))
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id")
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    assert_accessible(page)
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"

    box.fill("schulden")
    box.press("Enter")  # no option chosen: Enter submits the search
    page.wait_for_url(re.compile(r"q=schulden"))

    status = page.get_by_role("status").filter(has_text="resultaten")
    assert status.inner_text() == "4 resultaten voor ‘schulden’"
    marks = page.locator(".site-result__snippet mark")
    assert marks.first.inner_text().lower() == "schulden"
    assert_accessible(page)

    types = page.get_by_role("navigation", name="Filter op soort inhoud")
    types.get_by_role("link", name=re.compile(r"^Casussen \(3\)")).click()
    page.wait_for_load_state()
    assert status.inner_text() == "3 resultaten voor ‘schulden’"
    assert (
        page.get_by_role("link", name=re.compile(r"^Casussen")).get_attribute("aria-current")
        == "page"
    )
    assert_accessible(page)

    # The case listing: a query, two domains and a law; the counts follow.
    page.goto(content.url)
    case_status = page.get_by_role("main").get_by_role("status").first
    page.get_by_label("Zoek in de casussen").fill("schulden")
    page.get_by_role("main").get_by_role("button", name="Zoeken", exact=True).click()
    page.wait_for_load_state()
    assert case_status.inner_text() == "3 casussen gevonden"

    assert _count_beside(page, "law", "Participatiewet") == "(2 casussen)"

    page.get_by_role("checkbox", name=re.compile(r"^Schulden")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Wonen")).check()
    # With JavaScript a change applies at once (static/js/case-filters.js): wait
    # until the listing has swapped in the new results.
    page.locator("form[data-case-filters]:not([aria-busy])").wait_for()
    assert case_status.inner_text() == "2 casussen gevonden"
    assert _count_beside(page, "law", "Participatiewet") == "(1 casus)"
    assert _count_beside(page, "law", "Wmo 2015") == "(1 casus)"

    laws = page.get_by_role("group", name="Wet of regeling")

    laws.get_by_role("checkbox", name=re.compile(r"^Participatiewet \(")).check()
    # With JavaScript a change applies at once (static/js/case-filters.js): wait
    # until the listing has swapped in the new results.
    page.locator("form[data-case-filters]:not([aria-busy])").wait_for()
    assert case_status.inner_text() == "1 casus gevonden"
    assert "q=schulden" in page.url and page.url.count("domain=") == 2
    assert_accessible(page)

    page.get_by_role("link", name="Huurachterstand betaald uit bijzondere bijstand").click()
    page.wait_for_load_state()
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Huurachterstand betaald uit bijzondere bijstand"
    )
    assert_accessible(page)
