"""How search is doing (search.health) and what /healthz/ says about it: the engine's
state and the index outbox's backlog. Search trouble is "degraded" (200: searches still
work from the database), never "unhealthy" (503 is for the database alone)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone

from search.backends import DATABASE_BACKEND, ELASTICSEARCH_BACKEND
from search.backends.breaker import reset_breakers
from search.health import search_health
from search.models import IndexOperation
from search.outbox import SITE_INDEX, outbox_record

pytestmark = pytest.mark.django_db

EMPTY_OUTBOX = {"pending": 0, "failing": 0, "oldest_pending_age_seconds": None}


@pytest.fixture
def engine_down(settings, closed_port, es_index_prefix) -> Iterator[None]:
    settings.SEARCH_BACKEND = ELASTICSEARCH_BACKEND
    settings.SEARCH_AUTO_UPDATE = True
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    settings.ELASTICSEARCH_INDEX_PREFIX = es_index_prefix
    settings.OPENSEARCH_URL = ""
    settings.SEARCH_ENGINE = ""
    reset_breakers()
    yield
    reset_breakers()


def age(operations, *, minutes: int) -> None:
    operations.update(created_at=timezone.now() - timedelta(minutes=minutes))


def test_the_database_engine_alone_is_ok_without_an_outbox(settings):
    settings.SEARCH_BACKEND = DATABASE_BACKEND
    settings.ELASTICSEARCH_URL = ""

    assert search_health() == {
        "engine": "database",
        "status": "ok",
        "engine_state": "up",
        "outbox": EMPTY_OUTBOX,
    }


def test_an_engine_that_is_down_with_a_backlog_is_degraded_with_its_age(
    engine_down, make_case, client
):
    make_case("Huurachterstand opgelost")
    age(IndexOperation.objects.all(), minutes=10)

    response = client.get("/healthz/")

    assert response.status_code == 200  # the site works: searches come from the database
    body = response.json()
    assert (body["status"], body["database"]) == ("degraded", "ok")
    search = body["search"]
    assert (search["engine"], search["status"]) == ("elasticsearch", "degraded")
    assert search["engine_state"] in {"down", "breaker_open"}
    outbox = search["outbox"]
    assert (outbox["pending"], outbox["failing"]) == (2, 2)  # the case and its site document
    assert 600 <= outbox["oldest_pending_age_seconds"] < 700


def test_the_breaker_open_is_reported_without_asking_the_engine(engine_down, make_case):
    make_case("Huurachterstand opgelost")  # the failed write opened the breaker

    health = search_health()

    assert (health["status"], health["engine_state"]) == ("degraded", "breaker_open")


def test_a_database_that_is_not_usable_answers_503(client, settings, monkeypatch):
    from django.db import DatabaseError  # noqa: PLC0415

    import search.health  # noqa: PLC0415

    def broken():
        raise DatabaseError("no such table: search_indexoperation")

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    monkeypatch.setattr(search.health, "outbox_stats", broken)

    response = client.get("/healthz/")

    assert response.status_code == 503
    assert response.json() == {"status": "unhealthy", "database": "error"}
    assert response["Retry-After"] == "60"


@pytest.fixture
def engine_up(elasticsearch_settings, settings) -> str:
    settings.SEARCH_BACKEND = ELASTICSEARCH_BACKEND
    return elasticsearch_settings


@pytest.mark.elasticsearch
def test_an_engine_that_is_up_without_a_backlog_is_ok(engine_up, client):
    body = client.get("/healthz/").json()

    assert body["search"] == {
        "engine": "elasticsearch",
        "status": "ok",
        "engine_state": "up",
        "outbox": EMPTY_OUTBOX,
    }


@pytest.mark.elasticsearch
def test_a_backlog_older_than_the_setting_is_degraded_even_with_the_engine_up(engine_up, settings):
    settings.SEARCH_OUTBOX_DEGRADED_AFTER = 300
    outbox_record(index=SITE_INDEX, keys=["home.contentpage:1"])
    age(IndexOperation.objects.all(), minutes=4)
    assert search_health()["status"] == "ok"  # waiting, but not for long

    age(IndexOperation.objects.all(), minutes=6)
    health = search_health()

    assert (health["status"], health["engine_state"]) == ("degraded", "up")
    assert health["outbox"]["pending"] == 1
    assert health["outbox"]["failing"] == 0
