"""The circuit breaker in front of the search engine: during an outage no search waits
for the engine's timeout more than once per cool-off, and one probe at a time finds out
whether it is back.

The breaker's rules are tested on a clock the test moves; the promise to visitors on a
real socket that accepts connections and never answers (a hanging node), counting the
connections the site makes to it.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from casebook.case_search.queries import CaseSearchParams, case_search
from search.backends.breaker import (
    CLOSED,
    HALF_OPEN,
    OPEN,
    BreakerOpen,
    CircuitBreaker,
    engine_breaker,
    reset_breakers,
)
from search.backends.elasticsearch import FALLBACK_NOTICE, ElasticsearchBackend

NOTICE = str(FALLBACK_NOTICE)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(settings) -> Clock:
    settings.SEARCH_BREAKER_COOLOFF = 30
    return Clock()


def test_a_failure_opens_the_breaker_until_the_cool_off_has_passed(clock):
    breaker = CircuitBreaker(clock=clock)
    assert breaker.allow() and breaker.state == CLOSED

    breaker.record_failure(ConnectionError("refused"))

    assert breaker.state == OPEN
    assert not breaker.allow()
    assert "refused" in breaker.last_error
    assert breaker.retry_at is not None
    clock.now += 29
    assert not breaker.allow()


def test_after_the_cool_off_one_probe_at_a_time(clock):
    breaker = CircuitBreaker(clock=clock)
    breaker.record_failure("timeout")
    clock.now += 30

    assert breaker.state == HALF_OPEN
    assert breaker.allow()  # the probe
    assert not breaker.allow()  # everyone else still goes to the database

    breaker.record_failure("still down")  # the probe failed: another cool-off
    assert not breaker.allow()
    clock.now += 30
    assert breaker.allow()
    breaker.record_success()  # the probe answered

    assert breaker.state == CLOSED
    assert breaker.allow() and breaker.allow()
    assert breaker.last_error == "" and breaker.retry_at is None


def test_many_threads_at_once_let_exactly_one_probe_through(clock):
    breaker = CircuitBreaker(clock=clock)
    breaker.record_failure("down")
    clock.now += 31
    start = threading.Barrier(24)
    allowed: list[bool] = []
    lock = threading.Lock()

    def ask() -> None:
        start.wait()
        answer = breaker.allow()
        with lock:
            allowed.append(answer)

    threads = [threading.Thread(target=ask) for _ in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert allowed.count(True) == 1


class HangingNode:
    """A loopback port that accepts connections, counts them and never answers."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.server.settimeout(0.2)
        self.connections = 0
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.getsockname()[1]}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._held.append(connection)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for connection in self._held:
            connection.close()
        self.server.close()


@pytest.fixture
def hanging_node(settings, es_index_prefix) -> Iterator[HangingNode]:
    node = HangingNode()
    settings.SEARCH_BACKEND = None  # chosen by ELASTICSEARCH_URL, as in production
    settings.SEARCH_ENGINE = ""
    settings.OPENSEARCH_URL = ""
    settings.SEARCH_AUTO_UPDATE = True
    settings.ELASTICSEARCH_URL = node.url
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    settings.ELASTICSEARCH_INDEX_PREFIX = es_index_prefix
    settings.SEARCH_BREAKER_COOLOFF = 60
    reset_breakers()
    yield node
    reset_breakers()
    node.close()


def search(**params):
    return case_search(params=CaseSearchParams(**params))


@pytest.mark.django_db
def test_a_hanging_engine_costs_one_timeout_then_searches_go_to_the_database_at_once(
    hanging_node, case_index
):
    results = [search(q="schulden"), search(), search(q="wonen"), search(domains=["Schulden"])]

    # Every visitor got an answer with the notice, and only the first search asked the
    # hanging node (and waited for its timeout); the others went to the database at once.
    assert all(result.notice == NOTICE for result in results)
    assert hanging_node.connections == 1
    breaker = engine_breaker(hanging_node.url)
    assert breaker.state == OPEN
    assert ElasticsearchBackend().engine_status() == "breaker_open"
    assert hanging_node.connections == 1  # the health check did not wait either


@pytest.mark.django_db
def test_after_the_cool_off_one_probe_asks_the_engine_again(hanging_node, settings, case_index):
    search()
    assert hanging_node.connections == 1
    breaker = engine_breaker(hanging_node.url)
    breaker._opened_at_clock -= 61  # the cool-off has passed

    assert search().notice == NOTICE  # the probe: it waits once more, and fails
    assert hanging_node.connections == 2
    assert breaker.state == OPEN
    assert search().notice == NOTICE
    assert hanging_node.connections == 2


def test_an_open_breaker_refuses_calls_without_touching_the_network(settings, closed_port):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    settings.SEARCH_BACKEND = None
    settings.OPENSEARCH_URL = ""
    settings.SEARCH_ENGINE = ""
    reset_breakers()
    client = ElasticsearchBackend().client
    with pytest.raises(Exception) as first:
        client.indices.exists_alias(name="x")
    assert not isinstance(first.value, BreakerOpen)  # the real error, once

    with pytest.raises(BreakerOpen):
        client.indices.exists_alias(name="x")
    reset_breakers()


def test_a_probe_that_ends_without_an_answer_gives_its_turn_back(clock):
    """A bug before the request, or a consumer that stops reading a bulk stream, says
    nothing about the engine: the next call may probe (the breaker never stays shut)."""
    breaker = CircuitBreaker(clock=clock)
    breaker.record_failure("down")
    clock.now += 31
    assert breaker.allow()  # the probe

    breaker.release_probe()

    assert breaker.allow()  # the next caller probes


def test_the_guarded_client_releases_a_probe_on_an_error_of_our_own(settings, closed_port):
    from search.backends.elasticsearch.client import GuardedClient  # noqa: PLC0415

    breaker = CircuitBreaker()
    breaker.record_failure("down")
    breaker._opened_at_clock -= 10_000  # cooled off

    class Target:
        def search(self, **kwargs):
            raise TypeError("a bug before any request")

        def bulk_stream(self):
            yield from ()

    client = GuardedClient(Target(), breaker=breaker)
    with pytest.raises(TypeError):
        client.search(index="x")
    assert breaker.allow()  # the turn was given back; this call is the new probe
    breaker.release_probe()

    # A bulk stream the consumer abandons halfway (a refused item) gives the turn back.
    from search.backends.elasticsearch.opensearch_client import OpenSearchClient  # noqa: PLC0415

    class Streaming(OpenSearchClient):
        def __init__(self) -> None:
            super().__init__(client=None)

        def streaming_bulk_helper(self, actions, **kwargs):
            for action in actions:
                yield False, {"index": {"_id": action["_id"], "error": "refused"}}

    client = GuardedClient(Streaming(), breaker=breaker)
    stream = client.streaming_bulk([{"_id": "1"}, {"_id": "2"}])
    assert next(stream)[0] is False  # this call is the probe
    assert not breaker.allow()  # nobody else probes meanwhile
    stream.close()  # the consumer stops reading

    assert breaker.allow()


def test_a_refused_query_does_not_open_the_breaker_but_an_outage_does():
    from elastic_transport import ApiResponseMeta, HttpHeaders  # noqa: PLC0415
    from elasticsearch import ApiError  # noqa: PLC0415
    from opensearchpy import exceptions as os_exceptions  # noqa: PLC0415

    from search.backends.elasticsearch.client import is_outage  # noqa: PLC0415

    def es_error(status: int) -> ApiError:
        meta = ApiResponseMeta(
            status=status, http_version="1.1", headers=HttpHeaders(), duration=0.0, node=None
        )
        return ApiError("error", meta=meta, body={})

    assert not is_outage(es_error(400))
    assert not is_outage(es_error(404))
    assert is_outage(es_error(503))
    assert is_outage(es_error(429))
    assert not is_outage(os_exceptions.RequestError(400, "parse", {}))
    assert is_outage(os_exceptions.ConnectionTimeout("TIMEOUT", "timed out", None))
    assert is_outage(os_exceptions.TransportError(503, "unavailable", {}))
    assert not is_outage(os_exceptions.SerializationError("bad"))
