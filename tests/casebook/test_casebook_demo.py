"""The demo casebook: an editor or visitor of a fresh demo site finds a published casebook
with 30+ varied, anonymous example cases, and loading the demo again changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from casebook import demo
from casebook.costs import case_cost_summary
from casebook.models import (
    CaseIndexPage,
    CasePage,
    Law,
    LawArticle,
    ProblemDomain,
    Region,
)
from portal.anonymisation import find_personal_data
from portal.anonymisation.validation import personal_data_errors


@pytest.fixture
def records() -> list[dict]:

    return demo.demo_records()


@pytest.fixture
def loaded(site_root):

    demo.load(home=site_root)
    return site_root


def _index(home):

    return CaseIndexPage.objects.child_of(home).get()


def _cases(home):

    return CasePage.objects.child_of(_index(home))


def test_loading_twice_creates_the_cases_once(loaded, records):

    cases = _cases(loaded)
    first = sorted(cases.values_list("title", flat=True))
    assert len(first) >= 30
    assert len(first) == len(records)

    demo.load(home=loaded)

    assert CaseIndexPage.objects.count() == 1
    assert sorted(_cases(loaded).values_list("title", flat=True)) == first


def test_the_casebook_index_is_published_in_the_menu(loaded):
    index = _index(loaded)
    assert index.title == "Voorbeeldcasussen"
    assert index.slug == "casussen"
    assert index.show_in_menus
    assert index.live
    assert index.live_revision_id is not None
    assert index.intro.strip()
    # Every demo case is published and public: anonymous visitors see them all.
    assert _cases(loaded).live().public().count() == _cases(loaded).count()


def test_a_deleted_demo_case_comes_back_and_an_edited_one_is_kept(loaded):

    cases = _cases(loaded)
    total = cases.count()
    deleted, edited = cases.order_by("path")[:2]
    deleted_title = deleted.title
    deleted.delete()
    edited.household = "Door een redacteur aangepast huishouden"
    edited.save_revision().publish()

    demo.load(home=loaded)

    assert _cases(loaded).count() == total
    assert _cases(loaded).filter(title=deleted_title).exists()
    edited.refresh_from_db()
    assert edited.household == "Door een redacteur aangepast huishouden"


def test_every_demo_case_passes_the_anonymisation_guard(loaded, records):

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    findings = [
        (record["title"], finding.kind, finding.text)
        for record in records
        for text in strings(record)
        for finding in find_personal_data(text)
    ]
    assert findings == []

    for case in _cases(loaded).prefetch_related("legal_bases"):
        fields = {
            name: getattr(case, name)
            for name in (
                "title",
                "household",
                "situation",
                "perspective",
                "needs_self",
                "needs_support",
                "needs_treatment",
                "barrier",
                "breakthrough",
                "engagement",
            )
        }
        for number, basis in enumerate(case.legal_bases.all(), start=1):
            fields[f"grondslag {number}"] = basis.reasoning
        assert personal_data_errors(fields) == {}, case.title


def test_the_two_gp_example_cases_are_there_with_their_amounts(loaded):

    cases = _cases(loaded)
    anika = cases.get(title__startswith="Anika")
    lola = cases.get(title__startswith="Lola")

    # Anika: self-care medication of € 171 a month, a year of it from bijzondere bijstand.
    assert "€ 171" in anika.situation
    assert anika.breakthrough_cost == Decimal("2052.00") == 12 * Decimal("171")
    assert "bijzondere bijstand" in anika.breakthrough
    # Lola: physiotherapy of € 899, paid despite the arrears, saves four months of benefit.
    assert lola.breakthrough_cost == Decimal("899.00")
    assert "€ 899" in lola.breakthrough
    assert "vier maanden uitkering" in lola.engagement
    assert case_cost_summary(case=lola).direct_total > lola.breakthrough_cost

    for case in (anika, lola):
        bases = {
            (b.law.name, b.article.article if b.article else "") for b in case.legal_bases.all()
        }
        assert ("Participatiewet", "35 lid 1") in bases
        assert case.outcome == "gerealiseerd"


def test_the_zwolle_cases_add_up_to_the_council_figures(loaded):

    zwolle = list(_cases(loaded).filter(region__name="Zwolle"))
    prevented = sum(case_cost_summary(case=case).prevented_total for case in zwolle)

    assert len(zwolle) == 12
    assert prevented == Decimal("226953.00")
    assert round(prevented / len(zwolle)) == 18913


def test_the_cases_are_varied(loaded):
    cases = list(_cases(loaded).prefetch_related("problem_domains"))
    cocktails = [frozenset(d.name for d in case.problem_domains.all()) for case in cases]

    assert {case.phase for case in cases} == {"eerste_nood", "stabiliseren", "hoop_doet_leven"}
    assert {case.outcome for case in cases} == {"gerealiseerd", "lopend", "niet_gelukt"}
    assert {case.year for case in cases} >= set(range(2021, 2027))
    assert len({case.region_id for case in cases}) >= 8
    assert all(2 <= len(cocktail) <= 4 for cocktail in cocktails)

    # The recurring toxic cocktails each appear more than once.
    recurring = [
        {"Psychische gezondheid", "Niet passende ondersteuning", "Wonen"},
        {"Schulden", "Inkomen", "Wonen"},
        {"Jeugdzorg en opvoeding", "Schulden"},
        {"Middelengebruik", "Dakloosheid"},
    ]
    for combination in recurring:
        assert sum(combination <= cocktail for cocktail in cocktails) >= 2, combination

    # Prevented costs are realistic: mostly between € 5.000 and € 40.000 a case.

    totals = [case_cost_summary(case=case).prevented_total for case in cases]
    in_range = sum(Decimal(5000) <= total <= Decimal(40000) for total in totals)
    assert in_range >= 2 / 3 * len(cases)
    assert max(totals) <= Decimal(50000)


def test_every_name_a_demo_case_uses_exists_after_loading(loaded, records):

    domains = set(ProblemDomain.objects.values_list("name", flat=True))
    laws = set(Law.objects.values_list("name", flat=True))
    regions = dict(Region.objects.values_list("name", "province"))
    articles = set(LawArticle.objects.values_list("law__name", "article"))

    for record in records:
        assert set(record["problem_domains"]) <= domains, record["title"]
        assert record["region"] in regions, record["title"]
        for basis in record["legal_bases"]:
            assert basis["law"] in laws, record["title"]
            if basis["article"]:
                assert (basis["law"], basis["article"]) in articles, record["title"]
    # The demo adds its municipalities with their province.
    assert regions["Zwolle"] == "Overijssel"
    assert regions["Heerlen"] == "Limburg"

    # The stored cases carry the same toxic cocktails as the file.
    stored = {
        case.title: {d.name for d in case.problem_domains.all()}
        for case in _cases(loaded).prefetch_related("problem_domains")
    }
    assert stored == {record["title"]: set(record["problem_domains"]) for record in records}
