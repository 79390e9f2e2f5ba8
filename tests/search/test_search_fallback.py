"""When Elasticsearch is unreachable or slow, case search answers from the database with
a short notice (never a 500) and publishing keeps working; a rebuild catches up.

Real sockets, no mocks: a closed loopback port (connection refused), a port that accepts
but never answers (timeout), and a second real node stopped in the middle of a test.
"""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from casebook.case_search.indexing import case_index_rebuild
from casebook.case_search.queries import CaseSearchParams, case_search
from search.backends import get_backend
from search.backends.elasticsearch import FALLBACK_NOTICE
from search.models import CaseDocument

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ES_SH = ROOT / "tools" / "elasticsearch" / "es.sh"
NOTICE = str(FALLBACK_NOTICE)


def search(**params):
    return case_search(params=CaseSearchParams(**params))


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def es_at_closed_port(settings, es_index_prefix) -> str:
    settings.SEARCH_BACKEND = None  # chosen by ELASTICSEARCH_URL, as in production
    settings.SEARCH_AUTO_UPDATE = True
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    settings.ELASTICSEARCH_INDEX_PREFIX = es_index_prefix
    return settings.ELASTICSEARCH_URL


@pytest.fixture
def silent_server(settings, es_index_prefix) -> Iterator[str]:
    """A port that accepts connections and never answers: a hanging node."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        settings.SEARCH_BACKEND = None
        settings.SEARCH_AUTO_UPDATE = True
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.getsockname()[1]}"
        settings.ELASTICSEARCH_TIMEOUT = 0.5
        settings.ELASTICSEARCH_INDEX_PREFIX = es_index_prefix
        yield settings.ELASTICSEARCH_URL


def test_unreachable_node_answers_from_the_database_with_a_notice(es_at_closed_port, make_case):
    # Publishing works while Elasticsearch is down (the update only logs a warning).
    make_case("Huurachterstand opgelost", domains=["Wonen", "Schulden"], region="Zwolle")
    make_case("Werk gevonden", domains=["Inkomen"], region="Utrecht")
    assert get_backend().name == "elasticsearch"

    result = search(domains=("Wonen",))

    assert result.notice == NOTICE
    assert result.backend == "database"
    assert [hit.title for hit in result.results] == ["Huurachterstand opgelost"]
    assert {o.value: o.count for o in result.facets_by_name["region"].options} == {"Zwolle": 1}


def test_listing_shows_the_notice_instead_of_an_error(
    es_at_closed_port, client, make_case, case_index
):
    make_case("Schulden geregeld", domains=["Schulden"])

    page = client.get(case_index.url, {"q": "schulden"})

    assert page.status_code == 200
    html = page.content.decode()
    assert "Schulden geregeld" in html
    assert "De uitgebreide zoekmachine is even niet bereikbaar" in html


def test_similar_cases_and_rebuild_work_without_the_node(es_at_closed_port, contract_cases):
    from casebook.case_search.queries import similar_cases  # noqa: PLC0415

    similar = similar_cases(case=contract_cases["A"])
    assert similar and contract_cases["A"] not in similar

    CaseDocument.objects.all().delete()
    # The rebuild fills the database index (the fallback) and skips the absent node.
    assert case_index_rebuild() == 4
    assert search().total == 4


def test_a_hanging_node_times_out_into_the_fallback(silent_server, make_case):
    make_case("Hangende zoekmachine", domains=["Wonen"])

    result = search(q="zoekmachine")

    assert result.notice == NOTICE
    assert [hit.title for hit in result.results] == ["Hangende zoekmachine"]


# -- a real node, stopped during the test ----------------------------------------------
def _es_sh(command: str, state_file: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ES_STATE_FILE": str(state_file)}
    return subprocess.run(  # noqa: S603
        ["bash", str(ES_SH), command],  # noqa: S607
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture
def second_node(tmp_path, elasticsearch_node_url) -> Iterator[tuple[str, Callable[[], object]]]:
    """A second, throwaway node (tools/elasticsearch/es.sh with its own state file); the
    test may stop it; it is always stopped at the end."""
    # Needs the Elasticsearch stage (its fixture skips, or fails with CI=true, elsewhere).
    state = tmp_path / "node.state"
    started = _es_sh("start", state)
    if started.returncode != 0:
        pytest.fail(f"second node did not start:\n{started.stderr}")
    url = started.stdout.strip().rpartition("ELASTICSEARCH_URL=")[2]
    try:
        yield url, lambda: _es_sh("stop", state)
    finally:
        _es_sh("stop", state)


@pytest.mark.elasticsearch
def test_stopping_the_node_mid_test_falls_back_and_publishing_still_works(
    second_node, settings, make_case, es_index_prefix
):
    url, stop_node = second_node
    settings.SEARCH_BACKEND = None
    settings.SEARCH_AUTO_UPDATE = True
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_TIMEOUT = 2
    settings.ELASTICSEARCH_INDEX_PREFIX = es_index_prefix

    make_case("Eerste doorbraak", domains=["Wonen"], region="Zwolle")
    make_case("Tweede doorbraak", domains=["Wonen", "Schulden"], region="Utrecht")
    before = search(domains=("Wonen",))
    assert (before.backend, before.notice, before.total) == ("elasticsearch", "", 2)

    stop_node()

    after = search(domains=("Wonen",))
    assert after.notice == NOTICE
    assert after.backend == "database"
    assert {hit.title for hit in after.results} == {hit.title for hit in before.results}
    assert [(f.name, [(o.value, o.count) for o in f.options]) for f in after.facets] == [
        (f.name, [(o.value, o.count) for o in f.options]) for f in before.facets
    ]

    # Publishing a case still works, and the fallback finds it.
    make_case("Derde doorbraak", domains=["Wonen"])
    assert search(domains=("Wonen",)).total == 3
