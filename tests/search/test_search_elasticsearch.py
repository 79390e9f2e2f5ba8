"""What only the external engines (Elasticsearch 8 and OpenSearch 2, each run in turn by
the `engine_name` fixture) do: the timestamped index behind an alias and its
atomic swap (search never goes empty during a rebuild), the Dutch analysis with the
editors' synonyms, highlighting, the autocomplete subfield, after-commit updates.
The contract shared with the database engine is in test_search_contract.py."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from casebook.case_search.index import CASE_INDEX
from casebook.case_search.queries import CaseSearchParams, case_search
from search.backends import get_backend
from search.backends.elasticsearch import BulkItemFailed, es_client
from search.backends.elasticsearch.mappings import alias_for, pattern_for
from search.indexing import search_updates_paused

pytestmark = pytest.mark.django_db


@pytest.fixture
def es(engine_name):
    backend = get_backend()
    assert backend.name == engine_name
    backend.ensure_faceted_index(CASE_INDEX)
    return backend


def titles(**params) -> set[str]:
    result = case_search(params=CaseSearchParams(**params))
    assert result.backend == get_backend().name and not result.notice
    return {hit.title for hit in result.results}


def alias_targets() -> list[str]:
    return sorted(es_client().indices.get_alias(name=alias_for(CASE_INDEX.name)))


def test_rebuild_swaps_the_alias_to_a_new_timestamped_index_and_drops_the_old(
    es, make_case, django_capture_on_commit_callbacks
):
    make_case("Blijft zichtbaar")
    hidden = make_case("Wordt afgeschermd")
    (old,) = alias_targets()
    with search_updates_paused(), django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    assert titles() == {"Blijft zichtbaar", "Wordt afgeschermd"}  # not updated yet

    out = StringIO()
    call_command("search_index", "--rebuild", stdout=out)

    (new,) = alias_targets()
    assert new != old
    assert re.fullmatch(re.escape(alias_for(CASE_INDEX.name)) + r"-\d{20}", new)
    assert list(es_client().indices.get(index=pattern_for(CASE_INDEX.name))) == [new]
    assert "1/1" in out.getvalue() and f"({es.name})" in out.getvalue()
    assert titles() == {"Blijft zichtbaar"}


def test_searches_read_the_old_index_until_the_new_one_is_complete(es, make_case):
    make_case("Oude casus een")
    make_case("Oude casus twee")
    (old,) = alias_targets()
    seen_during_rebuild = []

    def documents():
        for number, document in enumerate(CASE_INDEX.documents()):
            if number == 1:  # halfway: the new index holds one document
                seen_during_rebuild.append((titles(), alias_targets()))
            yield {**document, "title": document["title"].replace("Oude", "Nieuwe")}

    assert es.faceted_index_rebuild(CASE_INDEX, documents=documents(), total=2) == 2

    assert seen_during_rebuild == [({"Oude casus een", "Oude casus twee"}, [old])]
    assert titles() == {"Nieuwe casus een", "Nieuwe casus twee"}


def test_a_failed_rebuild_keeps_the_old_index(es, make_case):
    make_case("Blijft vindbaar")
    (old,) = alias_targets()

    def broken():
        yield from CASE_INDEX.documents()
        yield {"id": "geen getal", "title": "Kapot", "year": "nooit"}

    with pytest.raises(BulkItemFailed):
        es.es_faceted_index_rebuild(CASE_INDEX, documents=broken(), total=2)

    assert alias_targets() == [old]
    assert titles() == {"Blijft vindbaar"}
    assert list(es_client().indices.get(index=pattern_for(CASE_INDEX.name))) == [old]


def test_after_commit_updates_index_and_remove_by_page_id(
    es, make_case, django_capture_on_commit_callbacks
):
    case = make_case("Gepubliceerd")
    source = es_client().get(index=alias_for(CASE_INDEX.name), id=str(case.pk))["_source"]
    assert source["title"] == "Gepubliceerd" and "text_stems" not in source

    with django_capture_on_commit_callbacks(execute=True):
        case.unpublish()

    assert not es_client().exists(index=alias_for(CASE_INDEX.name), id=str(case.pk))
    assert titles() == set()


def test_dutch_analysis_with_the_editors_synonyms(es, make_case):
    from search.models import Synonym  # noqa: PLC0415
    from search.synonyms import synonyms_changed  # noqa: PLC0415

    Synonym.objects.update_or_create(
        term="PW", defaults={"synonyms": "Participatiewet, bijzondere bijstand"}
    )
    synonyms_changed()
    make_case("Bijstand na ontslag", situation="De cliënt vroeg bijzondere bijstand aan.")
    make_case("Woningen gezocht", situation="Er waren geen woningen vrij.")
    call_command("search_index", "--rebuild", verbosity=0)  # synonyms live in the index

    assert titles(q="pw") == {"Bijstand na ontslag"}
    assert titles(q="client") == {"Bijstand na ontslag"}
    assert titles(q="woning") == {"Woningen gezocht"}


def test_free_text_hits_carry_a_highlighted_fragment(es, make_case):
    case = make_case("Grip op geld", situation="Het gezin had schulden bij <drie> instanties.")

    result = case_search(params=CaseSearchParams(q="schuld"))

    fragment = result.highlights[case.pk]
    assert "<mark>schulden</mark>" in fragment
    assert "&lt;drie&gt;" in fragment  # the text itself is escaped


def test_titles_have_an_autocomplete_subfield(es, make_case):
    make_case("Schuldhulp op maat")
    make_case("Wonen in de wijk")

    response = es_client().search(
        index=alias_for(CASE_INDEX.name), query={"match": {"title.autocomplete": "schuldh"}}
    )

    assert [hit["_source"]["title"] for hit in response["hits"]["hits"]] == ["Schuldhulp op maat"]
