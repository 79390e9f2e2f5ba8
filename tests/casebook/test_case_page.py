"""The case page as a visitor reads it: facts, toxic cocktail, value triangle with legal
bases, cost table and chart, related reading; accessible markup and constant queries."""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import rich_text

from casebook.case_search.indexing import case_index_update
from casebook.factories import (
    CasePageFactory,
    LawArticleFactory,
    LawFactory,
    ProblemDomainFactory,
    RegionFactory,
)
from casebook.models import Law, LawArticle, ProblemDomain
from portal.insights.factories import InsightIndexPageFactory, InsightPageFactory
from portal.standards.factories import StandardIndexPageFactory, StandardPageFactory


class _Outline(HTMLParser):
    """Collects the headings inside <main>, and any style attribute anywhere."""

    def __init__(self) -> None:
        super().__init__()
        self.in_main = False
        self.headings: list[int] = []
        self.style_attributes = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if any(name == "style" for name, _value in attrs):
            self.style_attributes += 1
        if tag == "main":
            self.in_main = True
        if self.in_main and len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False


@pytest.fixture
def case(index):
    participatiewet = Law.objects.get(name="Participatiewet")
    wmo = Law.objects.get(name="Wmo 2015")
    return CasePageFactory(
        parent=index,
        title="Medicijnen uit bijzondere bijstand",
        household="Alleenstaande vader met een zoon van tien",
        situation="De vader kan zijn medicijnen niet meer betalen.",
        breakthrough_cost=Decimal("1000"),
        region=RegionFactory(name="Zwolle"),
        domains=[
            ProblemDomain.objects.get(name="Schulden"),
            ProblemDomain.objects.get(name="Lichamelijke gezondheid"),
        ],
        legal_bases=[
            (
                participatiewet,
                LawArticle.objects.get(law=participatiewet, article="35 lid 1"),
                "Noodzakelijke kosten door bijzondere omstandigheden.",
            ),
            (wmo, None, "Maatwerk voor de zelfredzaamheid."),
        ],
        costs={"wmo": (-250, 1918), "participatiewet": (-500, 3000), "zvw": (0, 12500.40)},
        body=[("paragraph", rich_text("<p>Een aanvullende toelichting van het team.</p>"))],
    )


def test_case_page_shows_the_facts_and_the_toxic_cocktail(client, case) -> None:
    response = client.get(case.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Medicijnen uit bijzondere bijstand</h1>" in html
    assert "Alleenstaande vader met een zoon van tien" in html
    soup = BeautifulSoup(html, "html.parser")
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in soup.select(".casebook-case__facts dt")
    }
    assert facts["Fase"] == "Eerste nood"
    assert facts["Regio"] == "Zwolle"
    assert facts["Jaar"] == "2025"
    assert facts["Uitkomst"] == "Gerealiseerd"
    domains = [li.get_text(strip=True) for li in soup.select(".casebook-case__domains li")]
    assert domains == ["Lichamelijke gezondheid", "Schulden"]
    assert "De vader kan zijn medicijnen niet meer betalen." in html
    assert "Een aanvullende toelichting van het team." in html  # the StreamField body


def test_domains_region_and_laws_link_into_the_filtered_casebook(client, case) -> None:
    soup = BeautifulSoup(client.get(case.url).content.decode(), "html.parser")
    casebook = case.get_parent().url

    schulden = soup.select_one(".casebook-case__domains a[href$='?domain=Schulden']")
    assert schulden is not None and schulden["href"] == f"{casebook}?domain=Schulden"
    assert soup.select_one(f".casebook-case__facts a[href='{casebook}?region=Zwolle']")
    more = soup.select_one(".casebook-legal-basis__more a")
    assert more["href"].startswith(f"{casebook}?law=")

    case_index_update(page_ids=[case.pk])  # as after the publication's commit
    listing = client.get(schulden["href"]).content.decode()
    assert case.title in listing  # the link finds this case (and its like)


def test_value_triangle_links_each_law_to_its_official_text(client, case) -> None:
    html = client.get(case.url).content.decode()

    for heading in ("Legitimiteit", "Betrokkenheid", "Rendement"):
        assert f">{heading}</h3>" in html
    assert (
        '<a href="https://wetten.overheid.nl/BWBR0015703" rel="external">Participatiewet</a>, '
        "artikel 35 lid 1" in html
    )
    assert "Noodzakelijke kosten door bijzondere omstandigheden." in html
    assert 'rel="external">Wmo 2015</a>\n' in html  # no article: no "artikel" after it


def test_cost_table_in_dutch_notation_with_totals_and_net(client, case) -> None:
    html = client.get(case.url).content.decode()

    assert "Kosten en baten per wetsdomein in het eerste jaar</caption>" in html
    # Rows in law-domain order, whole euros with a thousands separator.
    wmo = html.index(">Wmo 2015</th>")
    participatiewet = html.index(">Participatiewet</th>")
    zvw = html.index(">Zvw</th>")
    assert wmo < participatiewet < zvw
    assert "€\xa0-250" in html
    assert "€\xa01.918" in html
    assert "€\xa012.500" in html
    # Totals: direct -750, prevented 17.418,40 -> 17.418; net = -750 + 17.418,40 - 1.000.
    assert "€\xa0-750" in html
    assert "€\xa017.418" in html
    assert "Kosten van de doorbraak" in html and "€\xa01.000" in html
    assert "Netto resultaat" in html and "€\xa015.668" in html


def test_chart_is_an_image_with_a_text_alternative(client, case) -> None:
    soup = BeautifulSoup(client.get(case.url).content, "html.parser")

    svg = soup.find("svg", attrs={"role": "img"})
    title_id, desc_id = svg["aria-labelledby"].split()
    title, desc = svg.find(id=title_id), svg.find(id=desc_id)
    assert title.name == "title"
    assert title.get_text() == "Voorkomen kosten in het eerste jaar per wetsdomein"
    assert desc.get_text() == (
        "Wmo 2015: €\xa01.918; Participatiewet: €\xa03.000; Zvw: €\xa012.500."
    )
    # The largest value gets the longest bar, the others in proportion.
    widths = [float(rect["width"]) for rect in svg.find_all("rect")]
    assert widths == sorted(widths)
    assert widths[0] * 12500 == pytest.approx(widths[2] * 1918, rel=0.01)
    # The figures are in the cost table too; the caption says so.
    assert "tabel" in soup.find("figcaption").get_text()


def test_page_has_one_h1_no_skipped_heading_levels_and_no_inline_styles(client, case) -> None:
    outline = _Outline()
    outline.feed(client.get(case.url).content.decode())

    assert outline.headings.count(1) == 1
    assert outline.headings[0] == 1
    for previous, current in zip(outline.headings, outline.headings[1:], strict=False):
        assert current <= previous + 1, outline.headings
    assert outline.style_attributes == 0


def test_case_without_costs_says_so_and_shows_the_breakthrough_cost(client, index) -> None:
    case = CasePageFactory(parent=index, breakthrough_cost=Decimal("1918"))

    html = client.get(case.url).content.decode()

    assert "geen kosten en baten per wetsdomein vastgelegd" in html
    assert "€\xa01.918" in html
    assert 'role="img"' not in html


def test_only_live_public_insights_and_standards_are_linked(client, site_root, case) -> None:
    insights = InsightIndexPageFactory(parent=site_root)
    standards = StandardIndexPageFactory(parent=site_root)
    live_insight = InsightPageFactory(parent=insights, title="Betaal eerst, regel daarna")
    draft_insight = InsightPageFactory(parent=insights, title="Nog in concept", live=False)
    standard = StandardPageFactory(parent=standards, title="Het doorbraakplan")
    case.related_insights.set([live_insight, draft_insight])
    case.related_standards.set([standard])
    case.save()

    html = client.get(case.url).content.decode()

    assert ">Meer lezen</h2>" in html
    assert f'<a href="{live_insight.url}">Betaal eerst, regel daarna</a>' in html
    assert f'<a href="{standard.url}">Het doorbraakplan</a>' in html
    assert "Nog in concept" not in html


def _rich_case(index, n: int):
    laws = [LawFactory(name=f"Verordening {n}-{i}") for i in range(n)]
    return CasePageFactory(
        parent=index,
        domains=[ProblemDomainFactory(name=f"Domein {n}-{i}") for i in range(n)],
        legal_bases=[
            (law, LawArticleFactory(law=law, article=f"{i + 1}"), "Redenering.")
            for i, law in enumerate(laws)
        ],
        costs=dict(
            list({"wmo": (1, 2), "jeugdwet": (3, 4), "wgs": (5, 6), "zvw": (7, 8)}.items())[:n]
        ),
    )


def _similar_cases_of(index, case, count: int) -> list:
    """`count` published cases sharing the case's domains and laws, in the case index."""
    laws = [basis.law for basis in case.legal_bases.all()]
    others = [
        CasePageFactory(
            parent=index,
            title=f"Vergelijkbaar {number}",
            domains=list(case.problem_domains.all()),
            legal_bases=[(law, None, "Zelfde wet.") for law in laws],
        )
        for number in range(count)
    ]
    case_index_update(page_ids=[case.pk, *(other.pk for other in others)])
    return others


def _page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_legal_bases_costs_and_domains(
    client, index, django_assert_max_num_queries
) -> None:
    small = _rich_case(index, 1)
    large = _rich_case(index, 4)
    _similar_cases_of(index, large, 6)
    case_index_update(page_ids=[small.pk])
    client.get(index.url)  # warm up the site and content type caches

    first_small = _page_queries(client, small.url)  # builds the case's parts
    with django_assert_max_num_queries(first_small):
        response = client.get(large.url)
    html = response.content.decode()
    assert html.count('class="casebook-legal-basis"') == 4
    assert html.count('class="case-similar__item"') == 5
    assert first_small <= 20  # routing, the case's reads, similar cases, other apps' parts

    # Every later visit reads the case's parts from the page-tree cache.
    with django_assert_max_num_queries(10):
        response = client.get(large.url)
    html = response.content.decode()
    assert html.count('class="casebook-legal-basis"') == 4
    assert html.count('class="case-similar__item"') == 5


def test_a_published_change_shows_on_the_next_visit(client, index, case) -> None:
    """The case's parts are cached, yet an editor sees a published change at once: an
    edited legal basis, a renamed law, a newly published similar case."""
    case_index_update(page_ids=[case.pk])
    client.get(case.url)
    assert "Maatwerk voor de zelfredzaamheid." in client.get(case.url).content.decode()

    edited = case.get_latest_revision_as_object()  # as the editor's form does
    bases = list(edited.legal_bases.all())
    for basis in bases:
        if basis.law.name == "Wmo 2015":
            basis.reasoning = "Een nieuwe redenering."
    edited.legal_bases = bases
    edited.save_revision().publish()
    html = client.get(case.url).content.decode()
    assert "Een nieuwe redenering." in html
    assert "Maatwerk voor de zelfredzaamheid." not in html

    law = Law.objects.get(name="Participatiewet")
    law.name = "Participatiewet (nieuw)"
    law.save()
    assert "Participatiewet (nieuw)" in client.get(case.url).content.decode()

    soup = BeautifulSoup(client.get(case.url).content, "html.parser")
    assert soup.find(id="case-similar") is None
    (other,) = _similar_cases_of(index, case, 1)
    soup = BeautifulSoup(client.get(case.url).content, "html.parser")
    assert "Vergelijkbaar 0" in soup.find(id="case-similar").find_parent("section").get_text()


def test_the_page_tree_generation_changes_again_after_the_case_index_is_updated(
    index, django_capture_on_commit_callbacks
) -> None:
    """Similar cases are cached with the case page: after a publication commits, a new
    generation starts only after the case index holds the change, so a page built from
    the old index in between is not kept."""
    case = CasePageFactory(parent=index, live=False)

    def assert_generation_after_flush(callbacks) -> None:
        names = [getattr(callback, "__qualname__", repr(callback)) for callback in callbacks]
        assert "_new_generation" in names[names.index("_flush") + 1 :], names

    with django_capture_on_commit_callbacks() as callbacks:
        case.save_revision().publish()
    assert_generation_after_flush(callbacks)
    with django_capture_on_commit_callbacks() as callbacks:
        PageViewRestriction.objects.create(page=case, restriction_type="login")
    assert_generation_after_flush(callbacks)
