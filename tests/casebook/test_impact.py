"""The impact page: its figures equal a direct computation over the visible published
cases (drafts and restricted cases never count), in the context and on the page; filters
by region and year; accessible charts with their data as tables; constant queries."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from casebook.factories import (
    CasePageFactory,
    LawArticleFactory,
    LawFactory,
    ProblemDomainFactory,
    RegionFactory,
)
from casebook.impact import impact_figures, impact_page_for
from casebook.models import CaseIndexPage, CostDomain, ImpactPage, Law

CENT = Decimal("0.01")


# ------------------------------------------------------------------ plain-Python reference


@dataclass
class Spec:
    """What a test case holds, kept beside the page to compute the figures by hand."""

    region: str
    year: int
    domains: list[str]
    bases: list[tuple[str, str | None]]
    costs: dict[str, tuple[str, str]]
    breakthrough_cost: str = "1000.00"
    visible: bool = True
    extra: dict = field(default_factory=dict)


def reference(specs: list[Spec], *, region: str | None = None, year: int | None = None) -> dict:
    """Every impact figure, computed directly from the specs of the visible cases."""
    cases = [
        s
        for s in specs
        if s.visible and (region is None or s.region == region) and (year is None or s.year == year)
    ]
    n = len(cases)

    def average(total: Decimal) -> Decimal:
        return (total / n).quantize(CENT, ROUND_HALF_UP) if n else Decimal("0.00")

    domains = {}
    for domain in CostDomain:
        direct = sum(
            (Decimal(c.costs[domain.value][0]) for c in cases if domain in c.costs), Decimal(0)
        )
        prevented = sum(
            (Decimal(c.costs[domain.value][1]) for c in cases if domain in c.costs), Decimal(0)
        )
        domains[domain.value] = (direct, prevented, average(direct), average(prevented))
    direct_total = sum((d[0] for d in domains.values()), Decimal(0))
    prevented_total = sum((d[1] for d in domains.values()), Decimal(0))

    def ranking(counter: Counter) -> list[tuple[tuple[str, ...], int]]:
        items = sorted(counter.items(), key=lambda kv: (-kv[1], [n.casefold() for n in kv[0]]))
        return items[:10]

    pairs: Counter = Counter()
    triples: Counter = Counter()
    laws: Counter = Counter()
    articles: Counter = Counter()
    for c in cases:
        names = sorted(set(c.domains), key=str.casefold)
        pairs.update(combinations(names, 2))
        triples.update(combinations(names, 3))
        laws.update({(law,) for law, _ in c.bases})
        articles.update({(law, art) for law, art in c.bases if art})
    return {
        "case_count": n,
        "domains": domains,
        "direct_total": direct_total,
        "prevented_total": prevented_total,
        "direct_average": average(direct_total),
        "prevented_average": average(prevented_total),
        "breakthrough_cost_total": sum((Decimal(c.breakthrough_cost) for c in cases), Decimal(0)),
        "pairs": [(" + ".join(k), v) for k, v in ranking(pairs)],
        "triples": [(" + ".join(k), v) for k, v in ranking(triples)],
        "laws": [(k[0], v) for k, v in ranking(laws)],
        "articles": [(f"{k[0]} art. {k[1]}", v) for k, v in ranking(articles)],
    }


def euro(value: Decimal) -> str:
    """Whole euros, Dutch style, as the page shows them."""
    whole = int(value.quantize(Decimal(1), ROUND_HALF_UP))
    return "€\xa0" + f"{whole:,}".replace(",", ".")


# ------------------------------------------------------------------ data


@pytest.fixture
def exact_counts(settings) -> None:
    """The figures themselves, every count as a number: the privacy rule ("minder dan 3"
    with a region or year) is switched off here and has tests of its own below."""
    settings.CASEBOOK_MIN_COUNT = 1


@pytest.fixture
def impact_page(index) -> ImpactPage:
    page = ImpactPage(title="Impact", slug="impact", intro="Wat de doorbraken opleveren.")
    index.add_child(instance=page)
    return page


def build(index: CaseIndexPage, specs: list[Spec]) -> None:
    for spec in specs:
        bases = []
        for law_name, article in spec.bases:
            law = LawFactory(name=law_name)
            bases.append(
                (law, LawArticleFactory(law=law, article=article) if article else None, "Grond.")
            )
        case = CasePageFactory(
            parent=index,
            region=RegionFactory(name=spec.region),
            year=spec.year,
            domains=[ProblemDomainFactory(name=name) for name in spec.domains],
            legal_bases=bases,
            costs=spec.costs,
            breakthrough_cost=Decimal(spec.breakthrough_cost),
            live=spec.extra.get("live", True),
        )
        if spec.extra.get("restricted"):
            PageViewRestriction.objects.create(page=case, restriction_type="login")


SPECS = [
    Spec(
        "Zwolle",
        2024,
        ["Schulden", "Wonen", "Psychische gezondheid"],
        [("Participatiewet", "35 lid 1"), ("Wmo 2015", "2.3.5")],
        {"wmo": ("1918.40", "8207.10"), "participatiewet": ("-231.00", "169.00")},
        "899.00",
    ),
    Spec(
        "Zwolle",
        2025,
        ["Schulden", "Wonen", "Inkomen"],
        [("Participatiewet", "35 lid 1")],
        {"jeugdwet": ("1789.00", "6994.49"), "wgs": ("-31.00", "84.00")},
        "171.00",
    ),
    Spec(
        "Heerlen",
        2025,
        ["Schulden", "Psychische gezondheid", "Inkomen", "Wonen"],
        [("Participatiewet", "18 lid 1"), ("Jeugdwet", None)],
        {"wmo": ("0", "12000.00"), "zvw": ("179.00", "1305.00"), "wlz": ("-337.00", "245.00")},
    ),
    Spec(
        "Heerlen",
        2024,
        ["Inkomen", "Wonen"],
        [("Wmo 2015", "2.3.5"), ("Wet kinderopvang", None)],
        {"other": ("250.00", "3000.00")},
        "0",
    ),
    # A draft and a restricted case: big, distinctive numbers that must never count.
    Spec(
        "Zwolle",
        2025,
        ["Dakloosheid", "Verblijfsstatus"],
        [("Woningwet", "9")],
        {"wmo": ("-90000.00", "500000.00")},
        visible=False,
        extra={"live": False},
    ),
    Spec(
        "Heerlen",
        2024,
        ["Dakloosheid", "Verblijfsstatus", "Veiligheid"],
        [("Huisvestingswet 2014", "12")],
        {"wlz": ("70000.00", "400000.00")},
        visible=False,
        extra={"restricted": True},
    ),
]


def page_soup(client, url: str) -> tuple[BeautifulSoup, dict]:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser"), response.context


def text(node) -> str:
    """Visible text with runs of ordinary white space collapsed (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", node.get_text(" ", strip=True)).strip()


def ranking_rows(soup: BeautifulSoup, slug: str) -> list[tuple[str, int]]:
    table = soup.find(id=f"impact-{slug}-table")
    if table is None:
        return []
    rows = table.find("tbody").find_all("tr")
    return [(text(row.find("th")), int(text(row.find_all("td")[-1]))) for row in rows]


def assert_page_matches(soup: BeautifulSoup, context: dict, expected: dict) -> None:
    figures = context["figures"]

    # In the context: every figure exactly.
    assert figures.case_count == expected["case_count"]
    for row in figures.domains:
        direct, prevented, direct_avg, prevented_avg = expected["domains"][row.domain]
        assert (row.direct_total, row.prevented_total) == (direct, prevented), row.domain
        assert (row.direct_average, row.prevented_average) == (direct_avg, prevented_avg)
    for name in (
        "direct_total",
        "prevented_total",
        "direct_average",
        "prevented_average",
        "breakthrough_cost_total",
    ):
        assert getattr(figures, name) == expected[name], name
    assert [(c.label, c.count) for c in figures.pairs] == expected["pairs"]
    assert [(c.label, c.count) for c in figures.triples] == expected["triples"]
    assert [(u.label, u.count) for u in figures.laws] == expected["laws"]
    assert [(u.label, u.count) for u in figures.articles] == expected["articles"]

    # On the page: what a visitor reads.
    if not expected["case_count"]:
        assert soup.find(id="impact-case-count-empty")
        return
    assert text(soup.find(id="impact-case-count")) == str(expected["case_count"])
    assert text(soup.find(id="impact-prevented-total")) == euro(expected["prevented_total"])
    assert text(soup.find(id="impact-prevented-average")) == euro(expected["prevented_average"])
    assert text(soup.find(id="impact-direct-total")) == euro(expected["direct_total"])
    assert text(soup.find(id="impact-direct-average")) == euro(expected["direct_average"])
    assert text(soup.find(id="impact-breakthrough-total")) == euro(
        expected["breakthrough_cost_total"]
    )
    table = soup.find(id="impact-domains-table")
    for domain in CostDomain:
        cells = [text(td) for td in table.find("tr", attrs={"data-domain": domain.value})("td")]
        direct, prevented, direct_avg, prevented_avg = expected["domains"][domain.value]
        assert cells == [euro(prevented), euro(prevented_avg), euro(direct), euro(direct_avg)]
    total = [text(td) for td in table.find("tr", attrs={"data-domain": "total"})("td")]
    assert total == [
        euro(expected["prevented_total"]),
        euro(expected["prevented_average"]),
        euro(expected["direct_total"]),
        euro(expected["direct_average"]),
    ]
    for slug in ("pairs", "triples", "laws", "articles"):
        assert ranking_rows(soup, slug) == expected[slug], slug


# ------------------------------------------------------------------ figures


@pytest.mark.django_db
def test_figures_equal_a_direct_computation_over_visible_cases(client, index, impact_page):
    build(index, SPECS)
    expected = reference(SPECS)
    assert expected["case_count"] == 4

    soup, context = page_soup(client, impact_page.url)

    assert_page_matches(soup, context, expected)
    # The selector gives the same figures as the page.
    assert impact_figures() == context["figures"]
    # Nothing of the draft or the restricted case shows anywhere on the page.
    page_text = soup.get_text()
    for hidden in ("Dakloosheid", "Verblijfsstatus", "Woningwet", "Huisvestingswet"):
        assert hidden not in page_text
    # Spot checks a reader would make: two pairs occur in three cases, in alphabetical
    # order, then the pairs of two cases, also in alphabetical order.
    assert expected["pairs"][:5] == [
        ("Inkomen + Wonen", 3),
        ("Schulden + Wonen", 3),
        ("Inkomen + Schulden", 2),
        ("Psychische gezondheid + Schulden", 2),
        ("Psychische gezondheid + Wonen", 2),
    ]
    assert expected["laws"][0] == ("Participatiewet", 3)
    assert expected["articles"][:2] == [
        ("Participatiewet art. 35 lid 1", 2),
        ("Wmo 2015 art. 2.3.5", 2),
    ]


@pytest.mark.django_db
def test_zwolle_sources_average_per_case(client, index, impact_page):
    """The Zwolle note: 12 cases, € 226.953 prevented, € 18.913 per case."""
    amounts = ["18000.00"] * 11 + ["28953.00"]
    specs = [
        Spec("Zwolle", 2023, ["Schulden", "Wonen"], [], {"wmo": ("0", amount)})
        for amount in amounts
    ]
    build(index, specs)

    soup, context = page_soup(client, impact_page.url)

    figures = context["figures"]
    assert figures.case_count == 12
    assert figures.prevented_total == Decimal("226953.00")
    assert figures.prevented_average == Decimal("18912.75")
    assert text(soup.find(id="impact-prevented-total")) == "€\xa0226.953"
    assert text(soup.find(id="impact-prevented-average")) == "€\xa018.913"
    assert_page_matches(soup, context, reference(specs))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "region", "year"),
    [
        ("?region=zwolle", "Zwolle", None),
        ("?region=Zwolle", "Zwolle", None),
        ("?year=2025", None, 2025),
        ("?region=heerlen&year=2024", "Heerlen", 2024),
        ("?region=ZWOLLE&year=2024", "Zwolle", 2024),
        ("?region=&year=", None, None),
    ],
)
def test_filter_by_region_and_year(client, index, impact_page, exact_counts, query, region, year):
    """By the casebook's parameters (the region's name, any case), and by an older link
    with the region's slug."""
    build(index, SPECS)

    soup, context = page_soup(client, impact_page.url + query)

    assert_page_matches(soup, context, reference(SPECS, region=region, year=year))
    assert not soup.select(".portal-error-summary")
    # The form keeps the selection.
    region_select = soup.find("select", attrs={"name": "region"})
    year_select = soup.find("select", attrs={"name": "year"})
    selected_region = region_select.find("option", selected=True)
    selected_year = year_select.find("option", selected=True)
    assert text(selected_region) == (region or "Alle regio's")
    assert text(selected_year) == (str(year) if year else "Alle jaren")
    # Labelled selects and a "Toon" button.
    for select in (region_select, year_select):
        assert soup.find("label", attrs={"for": select["id"]})
    assert text(soup.find("form", class_="impact-filter").find("button")) == "Toon"
    # Only regions and years with visible cases are offered.
    assert [text(o) for o in region_select("option")] == ["Alle regio's", "Heerlen", "Zwolle"]
    # The options carry the names the casebook takes.
    assert [o["value"] for o in region_select("option")] == ["", "Heerlen", "Zwolle"]
    assert [text(o) for o in year_select("option")] == ["Alle jaren", "2025", "2024"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "bad_field", "region", "year"),
    [
        ("?region=atlantis", "region", None, None),
        ("?year=abc", "year", None, None),
        ("?year=1850&region=zwolle", "year", "Zwolle", None),
        ("?region=%3Cscript%3E&year=2025", "region", None, 2025),
    ],
)
def test_invalid_parameter_gives_a_dutch_message_and_valid_figures(
    client, index, impact_page, exact_counts, query, bad_field, region, year
):
    build(index, SPECS)

    soup, context = page_soup(client, impact_page.url + query)

    summary = soup.find(class_="portal-error-summary")
    assert summary is not None and summary["role"] == "alert"
    message = text(summary)
    assert ("regio" if bad_field == "region" else "jaar") in message
    assert "Kies een" in message and "uit de lijst" in message
    assert "<script>" not in soup.decode_contents().split("<main", 1)[1].split("</main>")[0]
    # The message is tied to its select and linked from the summary.
    select = soup.find("select", attrs={"name": bad_field})
    assert select["aria-invalid"] == "true"
    assert soup.find(id=select["aria-describedby"]) is not None
    assert summary.find("a")["href"] == f"#{select['id']}"
    # The valid part of the selection still applies.
    assert_page_matches(soup, context, reference(SPECS, region=region, year=year))


@pytest.mark.django_db
def test_empty_selection_and_empty_casebook(client, index, impact_page):
    soup, context = page_soup(client, impact_page.url)
    assert context["figures"].case_count == 0
    assert "Er zijn geen gepubliceerde casussen" in text(soup.find(id="impact-case-count-empty"))
    assert soup.find("svg", class_="portal-chart__svg") is None


# ------------------------------------------------------------------ privacy and links


@pytest.mark.django_db
def test_a_selection_of_fewer_than_three_cases_shows_no_number_and_no_amounts(
    client, index, impact_page
):
    """Zwolle has two visible cases: with the region chosen, the count reads "minder dan
    3", the amounts are withheld (sums over one or two households) and so is every
    ranking count below three, in the tables and the charts."""
    build(index, SPECS)

    soup, context = page_soup(client, impact_page.url + "?region=Zwolle")

    assert text(soup.find(id="impact-case-count")) == "minder dan 3"
    assert "geen bedragen" in text(soup.find(id="impact-amounts-withheld"))
    for figure in ("impact-prevented-total", "impact-direct-total", "impact-domains-table"):
        assert soup.find(id=figure) is None, figure
    laws = soup.find(id="impact-laws-table")
    assert {text(row("td")[-1]) for row in laws.find("tbody")("tr")} == {"minder dan 3"}
    assert soup.find(id="chart-laws-title") is None
    assert soup.find(id="chart-prevented-title") is None
    # The numbers stay in the figures themselves (the rule is about what is shown).
    assert context["figures"].case_count == 2


@pytest.mark.django_db
def test_without_region_or_year_every_count_is_a_number(client, index, impact_page):
    build(index, SPECS)

    soup, _context = page_soup(client, impact_page.url)

    assert text(soup.find(id="impact-case-count")) == "4"
    assert ("Schulden + Wonen", 3) in ranking_rows(soup, "pairs")
    assert soup.find(id="impact-prevented-total") is not None


@pytest.mark.django_db
def test_each_figure_links_into_the_filtered_casebook(client, index, impact_page, settings):
    build(index, SPECS)
    casebook = index.url

    soup, _context = page_soup(client, impact_page.url)
    assert soup.find(id="impact-case-count").find("a")["href"] == casebook
    pair = soup.find(id="impact-pairs-table").find("a", string="Schulden + Wonen")
    assert pair["href"] == f"{casebook}?domain=Schulden&domain=Wonen"
    law = soup.find(id="impact-laws-table").find("a", string="Participatiewet")
    assert law["href"] == f"{casebook}?law=Participatiewet"
    article = soup.find(id="impact-articles-table").find(
        "a", string="Participatiewet art. 35 lid 1"
    )
    assert article["href"] == f"{casebook}?article=Participatiewet+art.+35+lid+1"
    wmo = soup.find(id="impact-domains-table").find("tr", attrs={"data-domain": "wmo"}).find("a")
    assert wmo["href"] == f"{casebook}?law=Wmo+2015"

    # With a selection, the links keep the region and year (by name, as the casebook).
    settings.CASEBOOK_MIN_COUNT = 1
    soup, _context = page_soup(client, impact_page.url + "?region=zwolle&year=2024")
    assert soup.find(id="impact-case-count").find("a")["href"] == (
        f"{casebook}?region=Zwolle&year=2024"
    )
    law = soup.find(id="impact-laws-table").find("tbody").find("a")
    assert law["href"].startswith(f"{casebook}?region=Zwolle&year=2024&law=")

    # The links work: the casebook answers them with the same cases.
    response = client.get(f"{casebook}?domain=Schulden&domain=Wonen")
    assert response.status_code == 200


# ------------------------------------------------------------------ charts and markup


@pytest.mark.django_db
def test_charts_are_accessible_svg_with_their_data_as_tables(client, index, impact_page):
    build(index, SPECS)
    response = client.get(impact_page.url)
    soup = BeautifulSoup(response.content, "html.parser")

    charts = soup.find_all("svg", class_="portal-chart__svg")
    assert len(charts) == 6
    for svg in charts:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        title, desc = svg.find(id=title_id), svg.find(id=desc_id)
        assert title.name == "title" and text(title)
        assert desc.name == "desc" and "tabel" in text(desc)
        # The chart's data table follows it.
        assert svg.find_next("table") is not None
    # The description reads out the values, e.g. the top pair.
    pairs_desc = soup.find(id="chart-pairs-desc")
    assert "Schulden + Wonen: 3 casussen" in text(pairs_desc)
    prevented_desc = text(soup.find(id="chart-prevented-desc"))
    assert f"Wmo 2015: {euro(Decimal('20207.10'))}" in prevented_desc
    # A cost bar is drawn left of zero and its text carries the minus sign.
    direct = soup.find(id="chart-direct-title").parent
    assert direct.find("line", class_="portal-chart__zero") is not None
    assert direct.find("rect", class_="portal-chart__bar--negative") is not None
    assert "€\xa0-231" in text(soup.find(id="chart-direct-desc"))
    # CSP: no inline styles or scripts on the page.
    assert not soup.find_all(attrs={"style": True})
    assert not soup.find_all("style")
    assert all(script.get("src") for script in soup.find_all("script"))


# ------------------------------------------------------------------ queries


def many_specs(count: int) -> list[Spec]:
    names = ["Schulden", "Wonen", "Inkomen", "Werk", "Psychische gezondheid"]
    return [
        Spec(
            f"Gemeente {i % 3}",
            2023 + i % 3,
            names[i % 3 : i % 3 + 3],
            [("Participatiewet", "35 lid 1"), (f"Verordening {i % 4}", None)],
            {"wmo": ("100.00", f"{1000 + i}.50"), "zvw": ("-10.00", "20.00")},
        )
        for i in range(count)
    ]


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_cases(
    client, index, impact_page, exact_counts, django_assert_max_num_queries
):
    build(index, many_specs(5))
    with django_assert_max_num_queries(8) as few:
        impact_figures()
    few_queries = len(few.captured_queries)  # read now: a request resets the query log
    response = client.get(impact_page.url + "?region=gemeente-1&year=2024")
    assert response.status_code == 200
    page_few = _page_queries(client, impact_page.url + "?region=gemeente-1&year=2024")

    build(index, many_specs(50)[5:])
    with django_assert_max_num_queries(few_queries):
        figures = impact_figures()
    assert figures.case_count == 50
    _page_queries(client, impact_page.url + "?region=gemeente-1&year=2024")  # computes
    with django_assert_max_num_queries(page_few):
        soup, context = page_soup(client, impact_page.url + "?region=gemeente-1&year=2024")
    assert_page_matches(soup, context, reference(many_specs(50), region="Gemeente 1", year=2024))


# ------------------------------------------------------------------ page type


@pytest.mark.django_db
def test_impact_page_lives_once_under_the_casebook(index, impact_page):
    assert ImpactPage.parent_page_types == ["casebook.CaseIndexPage"]
    assert ImpactPage.allowed_subpage_models() == []
    assert not ImpactPage.can_create_at(index)  # max_count 1: the one exists already
    assert impact_page.url == "/casussen/impact/"
    assert impact_page_for(index=index) == impact_page
    impact_page.unpublish()
    assert impact_page_for(index=index) is None


@pytest.mark.django_db
def test_editors_can_add_the_impact_page_to_a_casebook(index):
    assert ImpactPage.allowed_parent_page_models() == [CaseIndexPage]
    assert ImpactPage.can_create_at(index)


# ------------------------------------------------------------------ computed once per change


def _page_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_a_newly_published_case_counts_at_once(client, index, impact_page):
    """The figures are cached, yet an editor who publishes a case sees it counted on the
    next visit, and no longer after unpublishing it (or after editing its costs)."""
    build(index, SPECS)
    soup, _context = page_soup(client, impact_page.url)
    assert text(soup.find(id="impact-case-count")) == "4"

    case = CasePageFactory(
        parent=index,
        region=RegionFactory(name="Deventer"),
        year=2026,
        domains=[ProblemDomainFactory(name="Schulden")],
        costs={"wmo": ("0", "1000.00")},
        live=False,
    )
    case.save_revision().publish()
    soup, _context = page_soup(client, impact_page.url)
    assert text(soup.find(id="impact-case-count")) == "5"
    assert "Deventer" in text(soup.find(id="impact-region"))  # offered in the filter now
    assert "2026" in text(soup.find(id="impact-year"))

    cost = case.costs.get(domain="wmo")
    cost.prevented = Decimal("1000000.00")
    cost.save()  # a cost edited on its own: its signal starts a new generation
    soup, _context = page_soup(client, impact_page.url)
    expected = reference(SPECS)["prevented_total"] + Decimal("1000000.00")
    assert text(soup.find(id="impact-prevented-total")) == euro(expected)

    case.refresh_from_db()
    case.unpublish()
    soup, _context = page_soup(client, impact_page.url)
    assert text(soup.find(id="impact-case-count")) == "4"
    assert "Deventer" not in text(soup.find(id="impact-region"))


@pytest.mark.django_db
def test_a_renamed_law_shows_at_once(client, index, impact_page):
    build(index, SPECS)
    page_soup(client, impact_page.url)
    law = Law.objects.get(name="Participatiewet")
    law.name = "Participatiewet (gewijzigd)"
    law.save()
    soup, _context = page_soup(client, impact_page.url)
    assert ranking_rows(soup, "laws")[0] == ("Participatiewet (gewijzigd)", 3)


@pytest.mark.django_db
def test_the_second_request_computes_nothing_and_the_privacy_rule_still_holds(
    client, index, impact_page
):
    """The second visit to a selection reads the cached figures: fewer queries, none of
    them over the cases; the cached figures of a small selection still read "minder dan
    3" (the rule is applied on every request), and another selection has its own figures."""
    build(index, SPECS)
    url = impact_page.url + "?region=Zwolle"
    first = _page_queries(client, url)
    second = _page_queries(client, url)
    assert second < first

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        soup, context = page_soup(client, url)
    assert not [q for q in queries if "casebook_casecost" in q["sql"]]
    assert text(soup.find(id="impact-case-count")) == "minder dan 3"
    assert soup.find(id="impact-prevented-total") is None
    assert context["figures"].case_count == 2

    soup, context = page_soup(client, impact_page.url + "?region=Heerlen&year=2025")
    assert context["figures"].case_count == 1
    assert text(soup.find(id="impact-case-count")) == "minder dan 3"
    soup, _context = page_soup(client, impact_page.url)
    assert text(soup.find(id="impact-case-count")) == "4"


@pytest.mark.django_db
def test_cached_page_queries_stay_constant_as_cases_grow(
    client, index, impact_page, exact_counts, django_assert_max_num_queries
):
    build(index, many_specs(5))
    url = impact_page.url + "?region=Gemeente 1&year=2024"
    _page_queries(client, url)
    few = _page_queries(client, url)

    build(index, many_specs(50)[5:])
    _page_queries(client, url)  # the first visit after the change computes the figures
    with django_assert_max_num_queries(few):
        soup, context = page_soup(client, url)
    assert_page_matches(soup, context, reference(many_specs(50), region="Gemeente 1", year=2024))
