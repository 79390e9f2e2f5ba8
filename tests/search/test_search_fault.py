"""The fault test: a real node hangs in the middle of editorial work and comes back.

On each engine (Elasticsearch 8 and OpenSearch 2, a throwaway node of its own): publish,
freeze the node (SIGSTOP: it accepts connections and answers nothing, the worst kind of
outage), publish, unpublish and edit more, search (the database answers, the breaker
opens, the notice is shown, /healthz/ says degraded with the backlog), let the node go
on (SIGCONT), let the outbox drain as cron does, and the engine's answers equal the
database engine's: no case lost, none extra, no edit missing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from casebook.case_search.index import CASE_INDEX
from casebook.case_search.queries import CaseSearchParams, case_search
from search.backends import DATABASE_BACKEND, get_backend
from search.backends.breaker import OPEN, engine_breaker, reset_breakers
from search.backends.elasticsearch import FALLBACK_NOTICE
from search.models import IndexOperation
from search.queries import site_search
from search.site import SiteSearchParams

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
NODES = {
    # engine: (script, state-file variable, URL variable, fixture that needs the stage)
    "elasticsearch": (
        "tools/elasticsearch/es.sh",
        "ES_STATE_FILE",
        "ELASTICSEARCH_URL",
        "elasticsearch_node_url",
    ),
    "opensearch": (
        "tools/opensearch/os.sh",
        "OS_STATE_FILE",
        "OPENSEARCH_URL",
        "opensearch_node_url",
    ),
}
NOTICE = str(FALLBACK_NOTICE)


def _node(engine: str, command: str, state: Path) -> subprocess.CompletedProcess:
    script, state_variable, _url, _fixture = NODES[engine]
    return subprocess.run(  # noqa: S603
        ["bash", str(ROOT / script), command],  # noqa: S607
        env={**os.environ, state_variable: str(state)},
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


class Node:
    def __init__(self, engine: str, url: str, pid: int) -> None:
        self.engine, self.url, self.pid = engine, url, pid
        self.frozen = False

    def freeze(self) -> None:
        os.kill(self.pid, signal.SIGSTOP)
        self.frozen = True

    def thaw(self) -> None:
        os.kill(self.pid, signal.SIGCONT)
        self.frozen = False


@pytest.fixture(
    params=[
        pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
        pytest.param("opensearch", marks=pytest.mark.opensearch),
    ]
)
def own_node(request, tmp_path) -> Iterator[Node]:
    """A throwaway node of the engine (its own state file, port and data), always stopped
    at the end; the test may freeze it."""
    engine = request.param
    request.getfixturevalue(NODES[engine][3])  # skip locally / fail under CI without a stage
    state = tmp_path / "node.state"
    started = _node(engine, "start", state)
    if started.returncode != 0:
        pytest.fail(f"{engine} node did not start:\n{started.stderr[-2000:]}")
    url = started.stdout.strip().rpartition("=")[2]
    pid = int(
        next(
            line.split("=", 1)[1]
            for line in state.read_text().splitlines()
            if line.startswith("PID=")
        )
    )
    node = Node(engine, url, pid)
    try:
        yield node
    finally:
        if node.frozen:
            node.thaw()
        _node(engine, "stop", state)


def search(**params):
    return case_search(params=CaseSearchParams(**params))


def answers(**params) -> tuple[int, list[int], dict]:
    """What a visitor sees: the count, the ids in order, and every facet's counts."""
    result = search(**params)
    facets = {f.name: [(o.value, o.count) for o in f.options] for f in result.facets}
    return result.total, [hit.id for hit in result.results], facets


QUERIES = [
    {},
    {"domains": ("Wonen",)},
    {"domains": ("Schulden",)},
    {"q": "bijgewerkt"},
    {"q": "doorbraak"},
    {"sort": "costs_prevented"},
]


def test_an_outage_loses_nothing_and_the_engine_catches_up_by_itself(
    own_node, settings, make_case, es_index_prefix, django_capture_on_commit_callbacks, client
):
    settings.SEARCH_BACKEND = None  # chosen by the URL, as in production
    settings.SEARCH_ENGINE = ""
    settings.ELASTICSEARCH_URL = ""
    settings.OPENSEARCH_URL = ""
    setattr(settings, NODES[own_node.engine][2], own_node.url)
    settings.SEARCH_AUTO_UPDATE = True
    settings.ELASTICSEARCH_TIMEOUT = 1
    settings.ELASTICSEARCH_INDEX_PREFIX = es_index_prefix
    settings.SEARCH_BREAKER_COOLOFF = 600  # the outage outlasts the test
    reset_breakers()
    backend = get_backend()
    assert backend.name == own_node.engine
    backend.ensure_faceted_index(CASE_INDEX)

    alfa = make_case("Alfa doorbraak", domains=["Wonen"], region="Zwolle")
    bravo = make_case("Bravo doorbraak", domains=["Schulden"], region="Utrecht")
    before = search()
    assert (before.backend, before.notice, before.total) == (own_node.engine, "", 2)
    assert not IndexOperation.objects.exists()  # applied at once while the node is up

    own_node.freeze()
    make_case("Charlie doorbraak", domains=["Wonen"], region="Zwolle")  # waits once
    with django_capture_on_commit_callbacks(execute=True):
        alfa.unpublish()
    make_case("Delta doorbraak", domains=["Schulden", "Wonen"], region="Utrecht")
    with django_capture_on_commit_callbacks(execute=True):
        bravo.title = "Bravo bijgewerkt"
        bravo.save_revision().publish()

    # Visitors get the database's answer at once, with the notice.
    during = search(domains=("Wonen",))
    assert (during.backend, during.notice) == ("database", NOTICE)
    assert {hit.title for hit in during.results} == {"Charlie doorbraak", "Delta doorbraak"}
    assert engine_breaker(own_node.url).state == OPEN
    # Operators see it: degraded (not unhealthy), the breaker open, the backlog counted.
    health = client.get("/healthz/")
    assert health.status_code == 200
    report = json.loads(health.content)
    assert report["status"] == "degraded"
    assert report["search"]["engine_state"] == "breaker_open"
    assert report["search"]["outbox"]["pending"] >= 4

    # The node comes back; after the cool-off one probe finds it, and cron's drain (or
    # the task) applies the backlog, without a rebuild.
    own_node.thaw()
    settings.SEARCH_BREAKER_COOLOFF = 0
    call_command("search_index", "--drain", verbosity=0)

    assert not IndexOperation.objects.exists()
    assert engine_breaker(own_node.url).state != OPEN
    for params in QUERIES:
        on_engine = search(**params)
        assert (on_engine.backend, on_engine.notice) == (own_node.engine, ""), params
        with override_settings(SEARCH_BACKEND=DATABASE_BACKEND):
            expected = answers(**params)
        assert answers(**params) == expected, params
    assert {hit.title for hit in search().results} == {
        "Bravo bijgewerkt",
        "Charlie doorbraak",
        "Delta doorbraak",
    }
    # Site search (its own index, through the same outbox) agrees as well.
    site = site_search(params=SiteSearchParams(q="doorbraak"))
    assert site.backend == own_node.engine and not site.notice
    with override_settings(SEARCH_BACKEND=DATABASE_BACKEND):
        database_site = site_search(params=SiteSearchParams(q="doorbraak"))
    assert sorted(hit.title for hit in site.results) == sorted(
        hit.title for hit in database_site.results
    )
    assert json.loads(client.get("/healthz/").content)["status"] == "ok"
