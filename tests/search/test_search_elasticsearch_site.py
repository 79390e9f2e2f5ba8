"""Site search on the external engines (Elasticsearch 8 and OpenSearch 2 in turn, the
`engine_name` fixture): the answers come from the site index behind the alias
`<prefix>site` (not from the database), a rebuild moves the alias to a new index and
writes the database site index too, and an unreachable node leaves site search and
autocomplete working from the database with the Dutch notice.

Real nodes (markers `elasticsearch`, `opensearch`) and real closed sockets; no mocks.
"""

from __future__ import annotations

import socket

import pytest

from portal.home.factories import ContentPageFactory
from search.backends import get_backend
from search.backends.elasticsearch import FALLBACK_NOTICE, es_client
from search.backends.elasticsearch.mappings import site_alias
from search.indexing import search_updates_paused, site_index_rebuild
from search.models import SiteDocument, Synonym
from search.queries import site_search, title_autocomplete
from search.site import SiteSearchParams

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    def run(make, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return make(*args, **kwargs)

    return run


@pytest.fixture
def es(engine_name):
    backend = get_backend()
    assert backend.name == engine_name
    return backend


def es_search(q: str, **params):
    result = site_search(params=SiteSearchParams(q=q, **params))
    assert result.backend == get_backend().name and not result.notice
    return result


def es_titles(q: str, **params) -> set[str]:
    return {hit.title for hit in es_search(q, **params).results}


def es_keys() -> set[str]:
    client = es_client()
    client.indices.refresh(index=site_alias())
    response = client.search(index=site_alias(), size=100, source=False)
    return {hit["_id"] for hit in response["hits"]["hits"]}


def alias_targets() -> list[str]:
    return sorted(es_client().indices.get_alias(name=site_alias()))


def test_publishing_writes_the_page_to_the_elasticsearch_site_index(es, site_root, publish):
    page = publish(ContentPageFactory, parent=site_root, title="Schulden regelen", intro="")

    assert es_keys() == {f"home.contentpage:{page.pk}"}
    assert es_titles("schuld") == {"Schulden regelen"}

    publish(page.unpublish)
    assert es_keys() == set()
    assert es_titles("schuld") == set()


def test_type_filter_keeps_every_count_and_pages_through_results(es, site_root, publish, make_case):
    for number in range(3):
        publish(ContentPageFactory, parent=site_root, title=f"Woning {number}", intro="")
    make_case("Woning behouden", domains=["Wonen"], situation="Huur betaald.")

    result = es_search("woningen", type="case")
    assert [hit.title for hit in result.results] == ["Woning behouden"]
    counts = {option.value: option.count for option in result.type_facets}
    assert counts["page"] == 3 and counts["case"] == 1
    assert result.all_count == 4

    first = es_search("woning", type="page", per_page=2)
    second = es_search("woning", type="page", per_page=2, page=2)
    beyond = es_search("woning", type="page", per_page=2, page=9)
    assert (first.total, first.num_pages, len(first.results)) == (3, 2, 2)
    assert (second.page, len(second.results)) == (2, 1)
    assert beyond.page == 2
    shown = {hit.title for hit in first.results} | {hit.title for hit in second.results}
    assert shown == {"Woning 0", "Woning 1", "Woning 2"}


def test_highlights_are_escaped_with_mark_tags(es, site_root, publish):
    publish(
        ContentPageFactory,
        parent=site_root,
        title="Uitleg",
        intro="Een <b>vet</b> verhaal over schulden & huur.",
    )
    [hit] = es_search("schuld").results

    assert "<mark>schulden</mark>" in hit.snippet_html
    assert "&lt;b&gt;vet" in hit.snippet_html and "&amp; huur" in hit.snippet_html
    assert "<b>" not in hit.snippet_html


def test_a_new_synonym_works_without_a_rebuild(es, site_root, publish):
    publish(ContentPageFactory, parent=site_root, title="Dreigende uitzetting", intro="")
    assert es_titles("ontruiming") == set()

    publish(Synonym.objects.create, term="ontruiming", synonyms="uitzetting")
    assert es_titles("ontruiming") == {"Dreigende uitzetting"}


def test_bedoelde_u_and_autocomplete_on_elasticsearch(es, site_root, publish):
    publish(ContentPageFactory, parent=site_root, title="Huurachterstand aanpakken", intro="")

    result = es_search("hurachterstnd")
    assert (result.total, result.suggestion) == (0, "huurachterstand")
    assert [hit.title for hit in title_autocomplete(prefix="huurach")] == [
        "Huurachterstand aanpakken"
    ]
    assert [hit.title for hit in title_autocomplete(prefix="huurachterstand aanp")] == [
        "Huurachterstand aanpakken"
    ]
    assert title_autocomplete(prefix="aanpakkenx") == []


def test_rebuild_moves_the_alias_and_fills_both_engines(es, site_root, publish):
    publish(ContentPageFactory, parent=site_root, title="Eerste over schulden", intro="")
    [before] = alias_targets()
    with search_updates_paused():
        ContentPageFactory(parent=site_root, title="Stil over schulden", intro="")
    assert es_titles("schulden") == {"Eerste over schulden"}

    assert site_index_rebuild() == 2

    [after] = alias_targets()
    assert after != before and after.startswith(f"{site_alias()}-")
    assert not es_client().indices.exists(index=before)
    assert es_titles("schulden") == {"Eerste over schulden", "Stil over schulden"}
    assert SiteDocument.objects.count() == 2


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def es_down(settings, es_index_prefix):
    settings.SEARCH_BACKEND = None
    settings.SEARCH_AUTO_UPDATE = True
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    settings.ELASTICSEARCH_INDEX_PREFIX = es_index_prefix


def test_unreachable_elasticsearch_answers_from_the_database_with_a_notice(
    es_down, site_root, publish, caplog
):
    # Publishing keeps working: the database index is written, the failed write logged.
    publish(ContentPageFactory, parent=site_root, title="Schulden en huur", intro="")
    assert "not updated there" in caplog.text

    result = site_search(params=SiteSearchParams(q="schuld"))
    assert result.notice == str(FALLBACK_NOTICE)
    assert [hit.title for hit in result.results] == ["Schulden en huur"]
    assert [hit.title for hit in title_autocomplete(prefix="schul")] == ["Schulden en huur"]
    assert site_index_rebuild() == 1
    assert SiteDocument.objects.count() == 1
