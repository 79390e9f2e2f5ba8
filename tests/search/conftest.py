"""Fixtures of the search contract suite.

`search_backend` is parametrised over the engines the contract runs on: the database
backend, Elasticsearch 8 and OpenSearch 2, so every test that uses the fixture runs on
all three. The Elasticsearch runs carry the marker `elasticsearch` and use the node at the
environment's ELASTICSEARCH_URL; the OpenSearch runs carry `opensearch` and use
OPENSEARCH_URL (tools/test.sh starts each node in a stage of its own and deselects the
markers in the other stages). Without a node they are skipped with the
reason, and with CI=true they fail: nothing skips silently. Each Elasticsearch test gets
its own empty index (a prefix of its own), removed afterwards.

`make_case(...)` creates a published case and indexes it the way the site does: the
signal handlers schedule the update and it runs when the (captured) transaction commits.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from django.core.cache import cache

from casebook.factories import CasePageFactory, RegionFactory
from casebook.models import CasePage, Law, LawArticle, ProblemDomain
from search.backends.breaker import reset_breakers

BACKENDS = {
    "database": "search.backends.database.DatabaseBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
    "opensearch": "search.backends.opensearch.OpenSearchBackend",
}
ELASTICSEARCH_MARKER = "elasticsearch"
OPENSEARCH_MARKER = "opensearch"
#: The engine runs of `search_backend` and the marker each carries (its tools/test.sh stage).
ENGINE_MARKERS = {"elasticsearch": ELASTICSEARCH_MARKER, "opensearch": OPENSEARCH_MARKER}

NEUTRAL_TEXT = {
    "household": "Huishouden",
    "situation": "Een huishouden loopt vast tussen instanties.",
    "perspective": "Rust en overzicht.",
    "needs_self": "",
    "needs_support": "",
    "needs_treatment": "",
    "barrier": "Regels blokkeren elkaar.",
    "breakthrough": "Een uitzondering op de regel.",
    "engagement": "",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{ELASTICSEARCH_MARKER}: needs the Elasticsearch node at ELASTICSEARCH_URL "
        "(the 'pytest elasticsearch' stage of tools/test.sh)",
    )
    config.addinivalue_line(
        "markers",
        f"{OPENSEARCH_MARKER}: needs the OpenSearch node at OPENSEARCH_URL "
        "(the 'pytest opensearch' stage of tools/test.sh)",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the engine runs of `search_backend` (before -m selects)."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        marker = callspec and ENGINE_MARKERS.get(callspec.params.get("search_backend"))
        if marker:
            item.add_marker(marker)


@pytest.fixture(autouse=True)
def _no_engine_from_the_environment(settings) -> None:
    """A test picks its engine itself (`search_backend`, `elasticsearch_settings`,
    `opensearch_settings`, or a URL of its own); an OPENSEARCH_URL in the environment
    would otherwise win over the ELASTICSEARCH_URL a test sets."""
    settings.OPENSEARCH_URL = ""
    settings.SEARCH_ENGINE = ""


def es_test_prefix() -> str:
    return f"test{os.getpid()}_"


@pytest.fixture
def es_index_prefix() -> str:
    """An index prefix of this test process (lower case, as Elasticsearch wants)."""
    return es_test_prefix()


@pytest.fixture
def elasticsearch_settings(settings, elasticsearch_node_url) -> Iterator[str]:
    """Point the portal at the test node with an index prefix of this test; drop the
    test's indexes afterwards. Yields the URL."""
    from search.backends.elasticsearch import es_client  # noqa: PLC0415

    url = elasticsearch_node_url
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_TIMEOUT = 10  # a busy test machine is not an outage
    settings.ELASTICSEARCH_INDEX_PREFIX = es_test_prefix()
    settings.OPENSEARCH_URL = ""
    settings.SEARCH_ENGINE = ""
    reset_breakers()
    client = es_client()
    client.indices.delete(index=f"{es_test_prefix()}*", ignore_unavailable=True)
    yield url
    client.indices.delete(index=f"{es_test_prefix()}*", ignore_unavailable=True)


@pytest.fixture
def opensearch_settings(settings, opensearch_node_url) -> Iterator[str]:
    """Point the portal at the OpenSearch test node, as `elasticsearch_settings` does
    for Elasticsearch. Yields the URL."""
    from search.backends.elasticsearch import engine_client  # noqa: PLC0415

    url = opensearch_node_url
    settings.OPENSEARCH_URL = url
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_ENGINE = ""
    settings.ELASTICSEARCH_TIMEOUT = 10
    settings.ELASTICSEARCH_INDEX_PREFIX = es_test_prefix()
    reset_breakers()
    client = engine_client("opensearch")
    client.indices.delete(index=f"{es_test_prefix()}*", ignore_unavailable=True)
    yield url
    client.indices.delete(index=f"{es_test_prefix()}*", ignore_unavailable=True)


@pytest.fixture(
    params=[pytest.param(name, marks=getattr(pytest.mark, m)) for name, m in ENGINE_MARKERS.items()]
)
def engine_name(request, settings) -> str:
    """Each external engine in turn (Elasticsearch 8, OpenSearch 2), chosen by its URL as
    in production; for what only the engines do (aliases, analysis, highlighting)."""
    request.getfixturevalue(f"{request.param}_settings")
    settings.SEARCH_BACKEND = None
    settings.SEARCH_AUTO_UPDATE = True
    return request.param


@pytest.fixture(params=list(BACKENDS))
def search_backend(request, settings, caplog) -> Iterator[str]:
    """The engine of this run. An engine run fails when any search of the test was
    answered by the database instead (a query the engine refused falls back quietly,
    which would hide the difference the contract is there to find)."""
    settings.SEARCH_BACKEND = BACKENDS[request.param]
    settings.SEARCH_AUTO_UPDATE = True
    if request.param not in ENGINE_MARKERS:
        settings.ELASTICSEARCH_URL = ""
        settings.OPENSEARCH_URL = ""
        yield request.param
        return
    request.getfixturevalue(f"{request.param}_settings")
    from casebook.case_search.index import CASE_INDEX  # noqa: PLC0415
    from search.backends import get_backend  # noqa: PLC0415

    get_backend().ensure_faceted_index(CASE_INDEX)
    yield request.param
    fallbacks = [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("search.") and "from the database" in record.getMessage()
    ]
    assert not fallbacks, f"{request.param} fell back to the database: {fallbacks}"


def domain(name: str) -> ProblemDomain:
    return ProblemDomain.objects.get(name=name)


def law(name: str) -> Law:
    return Law.objects.get(name=name)


def article(law_name: str, number: str) -> LawArticle:
    return LawArticle.objects.get(law__name=law_name, article=number)


@pytest.fixture
def make_case(case_index, django_capture_on_commit_callbacks) -> Callable[..., CasePage]:
    def make(
        title: str,
        *,
        domains: list[str] = (),
        bases: list[tuple[str, str | None]] = (),
        region: str = "Zwolle",
        prevented: int | None = None,
        **fields,
    ) -> CasePage:
        values = {**NEUTRAL_TEXT, **fields}
        with django_capture_on_commit_callbacks(execute=True):
            return CasePageFactory(
                parent=case_index,
                title=title,
                region=RegionFactory(name=region),
                domains=[domain(name) for name in domains],
                legal_bases=[
                    (law(name), article(name, number) if number else None, "Redenering.")
                    for name, number in bases
                ],
                costs={"wmo": (Decimal("100"), Decimal(prevented))}
                if prevented is not None
                else {},
                **values,
            )

    return make


@pytest.fixture
def contract_cases(make_case, django_capture_on_commit_callbacks) -> dict[str, CasePage]:
    """Four visible cases, one draft and one restricted (both with every filter value
    of case A, so any leak shows)."""
    from wagtail.models import PageViewRestriction  # noqa: PLC0415

    cases = {
        "A": make_case(
            "Achterstand huur betaald uit bijzondere bijstand",
            domains=["Schulden", "Wonen"],
            bases=[("Participatiewet", "35 lid 1")],
            region="Zwolle",
            year=2024,
            phase="eerste_nood",
            outcome="gerealiseerd",
            prevented=5000,
        ),
        "B": make_case(
            "Begeleiding thuis na opname",
            domains=["Schulden", "Wonen", "Psychische gezondheid"],
            bases=[("Wmo 2015", "2.3.5")],
            region="Utrecht",
            year=2025,
            phase="stabiliseren",
            outcome="lopend",
            prevented=20000,
        ),
        "C": make_case(
            "Coach voor werk en inkomen",
            domains=["Schulden", "Inkomen"],
            bases=[("Participatiewet", "18 lid 1"), ("Wmo 2015", "2.3.5")],
            region="Zwolle",
            year=2025,
            phase="hoop_doet_leven",
            outcome="gerealiseerd",
            prevented=12000,
        ),
        "D": make_case(
            "Dak boven het hoofd voor moeder en kind",
            domains=["Wonen"],
            bases=[("Jeugdwet", "2.3")],
            region="Utrecht",
            year=2023,
            phase="eerste_nood",
            outcome="niet_gelukt",
            prevented=0,
        ),
    }
    leak_fields = {
        "domains": ["Schulden", "Wonen"],
        "bases": [("Participatiewet", "35 lid 1")],
        "region": "Zwolle",
        "year": 2024,
        "phase": "eerste_nood",
        "outcome": "gerealiseerd",
        "prevented": 999999,
    }
    cases["draft"] = make_case("Concept achterstand huur", live=False, **leak_fields)
    restricted = make_case("Afgeschermde achterstand huur", **leak_fields)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    cases["restricted"] = restricted
    return cases


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Synonyms and the "bedoelde u" vocabulary are cached; the database is rolled back
    between tests, so the cache is emptied around each one."""
    cache.clear()
    yield
    cache.clear()
