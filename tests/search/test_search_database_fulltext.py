"""The database engine at scale: phrases found through the database's own full-text index
(SQLite FTS5, PostgreSQL's tsvector with GIN), the index kept in step with every write,
and facet counts read straight from the indexes when every document counts. Run on
whichever database the suite runs on (SQLite by default, PostgreSQL with
tools/postgres.sh): what a searcher sees must be the same on both.
"""

from __future__ import annotations

import itertools

import pytest
from django.db import connection

from casebook.case_search.index import CASE_INDEX
from casebook.case_search.queries import CaseSearchParams
from search.backends import DATABASE_BACKEND, get_backend
from search.backends.database import FTS_TABLE
from search.models import CaseDocument, Synonym
from search.synonyms import synonyms_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.SEARCH_BACKEND = DATABASE_BACKEND
    return get_backend(DATABASE_BACKEND)


@pytest.fixture
def participatiewet_synonyms():
    Synonym.objects.update_or_create(
        term="PW", defaults={"synonyms": "Participatiewet, bijzondere bijstand"}
    )
    synonyms_changed()
    yield
    synonyms_changed()


def search(backend, **params):
    return backend.faceted_search(CASE_INDEX, CaseSearchParams(**params))


def titles(result) -> list[str]:
    return [document["title"] for document in result.documents]


def test_a_synonym_phrase_finds_the_words_together_not_apart(
    backend, make_case, participatiewet_synonyms
):
    make_case("Huur betaald uit bijzondere bijstand", situation="Een huurachterstand.")
    make_case("Bijstand en een bijzondere regeling", situation="Los van elkaar.")
    make_case("Beslag op de uitkering", situation="Volgens de Participatiewet mag dat niet.")

    result = search(backend, q="PW")

    assert set(titles(result)) == {
        "Huur betaald uit bijzondere bijstand",
        "Beslag op de uitkering",
    }
    assert result.total == 2


def test_a_phrase_and_a_word_both_required(backend, make_case, participatiewet_synonyms):
    make_case("Huur betaald uit bijzondere bijstand", situation="Het gezin had schulden.")
    make_case("Huur betaald uit bijzondere bijstand bis", situation="Geen achterstand.")
    make_case("Schulden zonder bijstand", situation="Een bijzondere situatie.")

    assert titles(search(backend, q="bijzondere bijstand schulden")) == [
        "Huur betaald uit bijzondere bijstand"
    ]


def test_a_compound_word_finds_its_parts_and_ranks_the_word_itself_first(backend, make_case):
    make_case("Schuld bij de verhuurder", situation="Een achterstand.")
    make_case("Energieschuld na de winter", situation="Een hoge rekening.")

    assert titles(search(backend, q="energieschuld")) == [
        "Energieschuld na de winter",
        "Schuld bij de verhuurder",
    ]
    assert set(titles(search(backend, q="schuld"))) == {
        "Energieschuld na de winter",
        "Schuld bij de verhuurder",
    }


def test_a_title_match_ranks_above_a_match_in_the_text(backend, make_case):
    make_case("Vastgelopen gezin", situation="Er was ook een achterstand bij de woningcorporatie.")
    make_case("Achterstand bij de woningcorporatie", situation="Een vastgelopen gezin.")

    assert titles(search(backend, q="achterstand")) == [
        "Achterstand bij de woningcorporatie",
        "Vastgelopen gezin",
    ]


def test_the_full_text_index_follows_an_update_and_a_removal(
    backend, make_case, participatiewet_synonyms
):
    case = make_case("Huur betaald uit bijzondere bijstand")
    assert titles(search(backend, q="PW")) == ["Huur betaald uit bijzondere bijstand"]

    document = CASE_INDEX.document(case)
    document.update(title="Huur betaald door de gemeente", text="Huur betaald door de gemeente")
    backend.faceted_index_update(CASE_INDEX, documents=[document], removed_ids=[])
    assert search(backend, q="PW").total == 0
    assert titles(search(backend, q="gemeente huur")) == ["Huur betaald door de gemeente"]

    backend.faceted_index_update(CASE_INDEX, documents=[], removed_ids=[case.pk])
    assert search(backend, q="gemeente huur").total == 0
    assert _full_text_rows() == 0


def test_a_rebuild_replaces_the_full_text_index(backend, make_case, participatiewet_synonyms):
    first = make_case("Huur betaald uit bijzondere bijstand")
    second = make_case("Beslag op de uitkering")

    backend.faceted_index_rebuild(
        CASE_INDEX, documents=[CASE_INDEX.document(second)], total=1, progress=None
    )
    assert search(backend, q="PW").total == 0
    assert search(backend, q="beslag").total == 1

    documents = [CASE_INDEX.document(case) for case in (first, second)]
    backend.faceted_index_rebuild(CASE_INDEX, documents=documents, total=2, progress=None)
    assert titles(search(backend, q="PW")) == ["Huur betaald uit bijzondere bijstand"]
    assert _full_text_rows() == CaseDocument.objects.count() == 2


def _full_text_rows() -> int | None:
    """Rows of the SQLite FTS5 table (None on another database: its GIN index is an
    index of the table itself and cannot fall behind)."""
    if connection.vendor != "sqlite":
        return CaseDocument.objects.count()
    with connection.cursor() as cursor:
        # The FTS5 table's own document count (its docsize shadow table).
        cursor.execute(f"SELECT COUNT(*) FROM {FTS_TABLE}_docsize")  # noqa: S608 (a constant)
        return cursor.fetchone()[0]


CASES = [
    # title, domains, bases, region, phase
    ("Een", ["Schulden", "Wonen"], [("Participatiewet", "35 lid 1")], "Zwolle", "eerste_nood"),
    ("Twee", ["Schulden"], [("Wmo 2015", "2.3.5")], "Zwolle", "stabiliseren"),
    ("Drie", ["Wonen", "Inkomen"], [("Participatiewet", "18 lid 1")], "Deventer", "eerste_nood"),
    ("Vier", ["Schulden", "Inkomen"], [("Wmo 2015", None)], "Deventer", "hoop_doet_leven"),
    ("Vijf", ["Inkomen"], [("Participatiewet", "35 lid 1")], "Kampen", "stabiliseren"),
    ("Zes", ["Schulden", "Wonen", "Inkomen"], [("Jeugdwet", None)], "Zwolle", "stabiliseren"),
]


def _expected(documents: list[dict], params: CaseSearchParams) -> dict[str, dict]:
    """Facet counts as the contract defines them, computed from the plain documents: an
    AND facet counts within every filter, an OR facet within every filter but its own."""

    expected = {}
    for facet in CASE_INDEX.facets:
        counted: dict = {}
        for document in documents:
            others = [f for f in CASE_INDEX.facets if f is not facet or f.operator.name == "AND"]
            if all(_passes_all(document, other, params) for other in others):
                values = document.get(facet.field)
                for value in dict.fromkeys(values if facet.multi_valued else [values]):
                    counted[value] = counted.get(value, 0) + 1
        expected[facet.name] = counted
    return expected


def test_facet_counts_with_and_without_text_match_the_contract(backend, make_case):
    cases = [
        make_case(title, domains=domains, bases=bases, region=region, phase=phase)
        for title, domains, bases, region, phase in CASES
    ]
    documents = [CASE_INDEX.document(case) for case in cases]
    combinations = [
        {},
        {"domains": ("Schulden",)},
        {"domains": ("Schulden", "Wonen")},
        {"region": ("Zwolle", "Deventer")},
        {"law": ("Wmo 2015",), "phase": ("stabiliseren",)},
        {"law": ("Participatiewet",), "region": ("Zwolle",), "phase": ("eerste_nood",)},
        {"domains": ("Inkomen",), "law": ("Participatiewet", "Jeugdwet"), "region": ("Kampen",)},
    ]
    for params, q in itertools.product(combinations, ["", "instanties"]):
        query = CaseSearchParams(q=q, **params)
        result = backend.faceted_search(CASE_INDEX, query)
        expected = _expected(documents, query)
        for facet in result.facets:
            counts = {option.value: option.count for option in facet.options if option.count}
            assert counts == {k: v for k, v in expected[facet.name].items() if v}, (
                params,
                q,
                facet.name,
            )
        matching = [
            document
            for document in documents
            if all(_passes_all(document, facet, query) for facet in CASE_INDEX.facets)
        ]
        assert result.total == len(matching), (params, q)


def _passes_all(document: dict, facet, params: CaseSearchParams) -> bool:
    selected = params.selected(facet)
    if not selected:
        return True
    values = document.get(facet.field)
    held = set(values) if facet.multi_valued else {values}
    if facet.multi_valued and facet.operator.name == "AND":
        return set(selected) <= held
    return bool(held & set(selected))


def test_the_first_page_without_text_is_in_the_sort_order(backend, make_case):
    for title, domains, bases, region, phase in CASES:
        make_case(title, domains=domains, bases=bases, region=region, phase=phase, year=2024)

    result = search(backend, sort="year", per_page=4)
    page_two = search(backend, sort="year", per_page=4, page=2)

    assert result.total == 6
    ordered = sorted(CASES, key=lambda case: case[0])
    assert titles(result) + titles(page_two) == [case[0] for case in ordered]
