"""The contract of the case search interface, run on every backend (`search_backend`).

Filters, AND over problem domains, facet counts with several ticked values, sorting,
paging, visibility, stemming and long queries: the same answers from every engine.
"""

from __future__ import annotations

import pytest

from casebook.case_search.queries import CaseSearchParams, case_search
from search.text import query_truncate

pytestmark = pytest.mark.django_db


def titles(result) -> set[str]:
    return {hit.title for hit in result.results}


def ids(result) -> set[int]:
    return {hit.id for hit in result.results}


def counts(result, facet: str) -> dict:
    return {option.value: option.count for option in result.facets_by_name[facet].options}


def search(**params):
    return case_search(params=CaseSearchParams(**params))


def test_without_filters_every_visible_case_and_nothing_else(search_backend, contract_cases):
    result = search()

    visible = {contract_cases[key].pk for key in "ABCD"}
    assert result.total == 4
    assert ids(result) == visible
    assert contract_cases["draft"].pk not in ids(result)
    assert contract_cases["restricted"].pk not in ids(result)
    # Facet counts do not count hidden cases either (both have Schulden + Wonen).
    assert counts(result, "domains")["Schulden"] == 3
    assert counts(result, "region")["Zwolle"] == 2


def test_a_hit_is_plain_data_with_what_a_card_shows(search_backend, contract_cases):
    (hit,) = search(q="Coach").results

    case = contract_cases["C"]
    assert hit.id == case.pk
    assert hit.url == case.url
    assert hit.domains == ["Inkomen", "Schulden"]
    assert [(basis.law, basis.article) for basis in hit.legal_bases] == [
        ("Participatiewet", "18 lid 1"),
        ("Wmo 2015", "2.3.5"),
    ]
    assert (hit.region, hit.year, hit.phase_label, hit.outcome_label) == (
        "Zwolle",
        2025,
        "Hoop doet leven",
        "Gerealiseerd",
    )
    assert hit.prevented_total == 12000


def test_problem_domains_combine_with_and(search_backend, contract_cases):
    assert ids(search(domains=("Schulden", "Wonen"))) == {
        contract_cases["A"].pk,
        contract_cases["B"].pk,
    }
    assert ids(search(domains=("Schulden", "Wonen", "Psychische gezondheid"))) == {
        contract_cases["B"].pk
    }
    assert search(domains=("Inkomen", "Wonen")).total == 0


def test_domain_counts_tell_how_many_remain_when_the_domain_is_added(
    search_backend, contract_cases
):
    result = search(domains=("Schulden", "Wonen"))

    domain_counts = counts(result, "domains")
    assert domain_counts == {"Schulden": 2, "Wonen": 2, "Psychische gezondheid": 1}
    # Adding the domain gives exactly that many results.
    assert search(domains=("Schulden", "Wonen", "Psychische gezondheid")).total == 1
    selected = {o.value for o in result.facets_by_name["domains"].options if o.selected}
    assert selected == {"Schulden", "Wonen"}


def test_single_value_facets_count_without_their_own_filter(search_backend, contract_cases):
    result = search(region=("Zwolle",))

    assert result.total == 2
    # Ticking Zwolle does not hide Utrecht: its count is what ticking it as well adds.
    assert counts(result, "region") == {"Zwolle": 2, "Utrecht": 2}
    assert counts(result, "year") == {2024: 1, 2025: 1}
    assert search(region=("Zwolle", "Utrecht")).total == 4


def test_counts_stay_right_with_several_values_ticked_in_several_facets(
    search_backend, contract_cases
):
    result = search(domains=("Schulden",), region=("Zwolle",), year=(2024, 2025))

    assert ids(result) == {contract_cases["A"].pk, contract_cases["C"].pk}
    # Other facets count over the two results; a facet's own values ignore its filter.
    assert counts(result, "region") == {"Zwolle": 2, "Utrecht": 1}
    assert counts(result, "year") == {2024: 1, 2025: 1}
    assert counts(result, "law") == {"Participatiewet": 2, "Wmo 2015": 1}
    assert counts(result, "domains") == {"Schulden": 2, "Wonen": 1, "Inkomen": 1}
    assert counts(result, "phase") == {"eerste_nood": 1, "hoop_doet_leven": 1}
    # Every count equals the total of the search with that value added.
    for year, count in counts(result, "year").items():
        assert search(domains=("Schulden",), region=("Zwolle",), year=(year,)).total == count


def test_law_and_article_filters(search_backend, contract_cases):
    assert ids(search(law=("Wmo 2015",))) == {contract_cases["B"].pk, contract_cases["C"].pk}
    assert ids(search(article=("Participatiewet art. 35 lid 1",))) == {contract_cases["A"].pk}
    assert ids(search(law=("Participatiewet", "Jeugdwet"))) == {
        contract_cases[key].pk for key in "ACD"
    }

    result = search(law=("Participatiewet",))
    # Articles of every law of the results (case C also rests on the Wmo).
    assert counts(result, "article") == {
        "Participatiewet art. 35 lid 1": 1,
        "Participatiewet art. 18 lid 1": 1,
        "Wmo 2015 art. 2.3.5": 1,
    }
    # A law is counted once per case, even with two of its articles.
    assert counts(search(), "law") == {
        "Participatiewet": 2,
        "Wmo 2015": 2,
        "Jeugdwet": 1,
    }


def test_phase_and_outcome_filters_with_dutch_labels(search_backend, contract_cases):
    result = search(phase=("eerste_nood",), outcome=("gerealiseerd", "niet_gelukt"))

    assert ids(result) == {contract_cases["A"].pk, contract_cases["D"].pk}
    phase_labels = {o.value: o.label for o in result.facets_by_name["phase"].options}
    assert phase_labels["eerste_nood"] == "Eerste nood"
    # Choice facets keep the order of the phases, not of the alphabet.
    result = search(phase=("eerste_nood",))
    assert [o.value for o in result.facets_by_name["phase"].options] == [
        "eerste_nood",
        "stabiliseren",
        "hoop_doet_leven",
    ]


def test_selected_value_without_matches_still_shows_with_zero(search_backend, contract_cases):
    result = search(domains=("Inkomen", "Wonen"))

    options = {o.value: o for o in result.facets_by_name["domains"].options}
    assert options["Wonen"].selected and options["Wonen"].count == 0
    assert options["Inkomen"].selected


def test_sort_by_costs_prevented_and_by_year(search_backend, contract_cases):
    by_costs = search(sort="costs_prevented").results
    assert [hit.title[0] for hit in by_costs] == ["B", "C", "A", "D"]

    by_year = search(sort="year").results
    assert [hit.year for hit in by_year] == [2025, 2025, 2024, 2023]
    assert [hit.title[0] for hit in by_year] == ["B", "C", "A", "D"]


def test_amounts_in_cents_sort_and_read_back_exactly(search_backend, make_case):
    """Money is exact on every engine (the engines store whole cents)."""
    from decimal import Decimal  # noqa: PLC0415

    make_case("Een cent minder", prevented=Decimal("2400.49"))
    make_case("Een cent meer", prevented=Decimal("2400.50"))
    make_case("Veel meer", prevented=Decimal("1234567.89"))

    hits = search(sort="costs_prevented").results

    assert [hit.title for hit in hits] == ["Veel meer", "Een cent meer", "Een cent minder"]
    assert [hit.prevented_total for hit in hits] == [
        Decimal("1234567.89"),
        Decimal("2400.50"),
        Decimal("2400.49"),
    ]


def test_relevance_puts_title_matches_first(search_backend, make_case):
    make_case("Hulp bij de administratie", situation="Er was een woning nodig.")
    make_case("Een woning voor vader", situation="Vader zocht een woning.")

    result = search(q="woning")

    assert result.total == 2
    assert result.results[0].title == "Een woning voor vader"


def test_paging_twenty_per_page(search_backend, make_case):
    for number in range(25):
        make_case(f"Casus {number:02d}", year=2000 + number)

    first = search(sort="year")
    second = search(sort="year", page=2)
    beyond = search(sort="year", page=99)

    assert first.total == second.total == 25
    assert (first.num_pages, len(first.results), len(second.results)) == (2, 20, 5)
    assert first.results[0].year == 2024
    assert ids(first).isdisjoint(ids(second))
    assert (beyond.page, ids(beyond)) == (2, ids(second))  # past the end: the last page
    assert not first.has_previous and first.has_next
    assert second.has_previous and not second.has_next


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("schulden", "Moeder heeft een schuld bij de energieleverancier."),
        ("schuld", "Vader heeft schulden bij drie schuldeisers."),
        ("woningen", "Het gezin dreigt de woning kwijt te raken."),
        ("woning", "Er zijn te weinig woningen in de regio."),
        ("cliënt", "De client wilde zelf de regie."),
    ],
)
def test_dutch_stemming_on_index_and_query(search_backend, make_case, query, text):
    make_case("Gevonden casus", situation=text)
    make_case("Andere casus", situation="Het huishouden zoekt werk en rust.")

    assert titles(search(q=query)) == {"Gevonden casus"}


def test_free_text_finds_cases_by_the_law_they_use(search_backend, make_case):
    make_case("Met bijstand", bases=[("Participatiewet", "35 lid 1")])
    make_case("Met jeugdhulp", bases=[("Jeugdwet", None)])

    assert titles(search(q="participatiewet")) == {"Met bijstand"}
    assert titles(search(q="jeugdwet")) == {"Met jeugdhulp"}


def test_every_query_word_must_match(search_backend, make_case):
    make_case("Werk en schulden", situation="Hij zoekt werk en heeft schulden.")
    make_case("Alleen werk", situation="Hij zoekt werk.")

    assert titles(search(q="werk schulden")) == {"Werk en schulden"}
    assert titles(search(q="werk")) == {"Werk en schulden", "Alleen werk"}
    # Words like "de" and "en" do not narrow anything down.
    assert titles(search(q="de schulden en")) == {"Werk en schulden"}


def test_free_text_and_facets_together(search_backend, contract_cases):
    result = search(q="achterstand huur", domains=("Schulden",))

    assert ids(result) == {contract_cases["A"].pk}
    assert counts(result, "domains") == {"Schulden": 1, "Wonen": 1}


def test_a_60000_character_query_answers_as_its_cut(search_backend, contract_cases):
    """Only the first 500 characters (cut at a word) are searched, on every engine: the
    work is bounded by the cut, not by what was typed (no time is asserted)."""
    query = ("schulden woningen bijstand " * 3000)[:60000]
    assert len(query) == 60000

    result = search(q=query)
    cut = search(q=query_truncate(query))

    assert ids(result) == ids(cut)
    assert result.total == cut.total
    hostile = search(q="%_' \" \\ ; -- DROP TABLE " + "ä" * 60000)
    assert hostile.total == 0


def test_unknown_sort_is_refused_by_the_params():
    with pytest.raises(ValueError, match="sort"):
        CaseSearchParams(sort="title")


def test_single_values_are_accepted_as_well_as_tuples():
    params = CaseSearchParams(law="Participatiewet", year=2024, domains=["Wonen", "Wonen"])

    assert params.law == ("Participatiewet",)
    assert params.year == (2024,)
    assert params.domains == ("Wonen",)


def test_editor_synonyms_widen_free_text_on_both_engines(search_backend, make_case):
    from django.core.management import call_command  # noqa: PLC0415

    from search.models import Synonym  # noqa: PLC0415
    from search.synonyms import synonyms_changed  # noqa: PLC0415

    Synonym.objects.update_or_create(
        term="PW", defaults={"synonyms": "Participatiewet, bijzondere bijstand"}
    )
    synonyms_changed()
    make_case("Bijstand na ontslag", situation="De cliënt vroeg bijzondere bijstand aan.")
    make_case("Medicijnen vergoed", situation="Betaald uit de Participatiewet.")
    make_case("Woningen gezocht", situation="Er waren geen woningen vrij.")
    call_command("search_index", "--rebuild", verbosity=0)  # Elasticsearch: synonyms in the index

    assert titles(search(q="pw")) == {"Bijstand na ontslag", "Medicijnen vergoed"}
    assert titles(search(q="bijzondere bijstand")) == {"Bijstand na ontslag", "Medicijnen vergoed"}
    # Every group is still required: the synonyms widen one word, not the whole query.
    assert titles(search(q="pw medicijnen")) == {"Medicijnen vergoed"}
    assert titles(search(q="woningen")) == {"Woningen gezocht"}
