"""The index outbox: every change that affects an engine index is recorded in its own
transaction and applied to the engine until that succeeds, so an outage loses nothing.

Against an engine that cannot be reached (a closed loopback port: connection refused) and
the real test node (marker `elasticsearch`); the concurrency and refusal tests stand a
recording engine in for the network (`engine_*_apply` only), to count what is written.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from casebook.case_search.index import CASE_INDEX_NAME
from casebook.case_search.indexing import case_index_update
from casebook.case_search.queries import CaseSearchParams, case_search
from casebook.factories import CasePageFactory
from portal.accounts.factories import UserFactory, client_login_with_mfa
from search.backends import DATABASE_BACKEND, ELASTICSEARCH_BACKEND
from search.backends.breaker import reset_breakers
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.elasticsearch.indexing import DocumentsRefused
from search.indexes.site import document_key
from search.indexing import (
    faceted_index_rebuild,
    search_updates_paused,
    site_index_rebuild,
    site_index_update,
)
from search.models import CaseDocument, IndexOperation, SiteDocument
from search.outbox import SITE_INDEX, outbox_backoff, outbox_drain, outbox_record
from search.tasks import outbox_drain_schedule, search_outbox_drain_task

pytestmark = pytest.mark.django_db

#: Anonymous case texts (the guard checks the factories' invented ones too).
NEUTRAL_TEXT = {
    "household": "Huishouden",
    "situation": "Een huishouden loopt vast tussen instanties.",
    "perspective": "Rust en overzicht.",
    "barrier": "Regels blokkeren elkaar.",
    "breakthrough": "Een uitzondering op de regel.",
}


def keys_of(case) -> set[tuple[str, str]]:
    return {(CASE_INDEX_NAME, str(case.pk)), (SITE_INDEX, document_key(case))}


def pending_for(case) -> list[IndexOperation]:
    return [
        operation
        for operation in IndexOperation.objects.order_by("pk")
        if (operation.index, operation.key) in keys_of(case)
    ]


def titles(**params) -> list[str]:
    return [hit.title for hit in case_search(params=CaseSearchParams(**params)).results]


@pytest.fixture
def engine_down(settings, closed_port, es_index_prefix) -> Iterator[str]:
    """Elasticsearch configured at a port nobody listens on; a fresh circuit breaker."""
    settings.SEARCH_BACKEND = ELASTICSEARCH_BACKEND
    settings.SEARCH_AUTO_UPDATE = True
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    settings.ELASTICSEARCH_INDEX_PREFIX = es_index_prefix
    settings.OPENSEARCH_URL = ""
    settings.SEARCH_ENGINE = ""
    reset_breakers()
    yield settings.ELASTICSEARCH_URL
    reset_breakers()


# -- recording -----------------------------------------------------------------------------
def test_with_the_database_engine_alone_nothing_is_recorded(settings, make_case):
    settings.SEARCH_BACKEND = DATABASE_BACKEND
    settings.ELASTICSEARCH_URL = ""
    make_case("Huurachterstand opgelost")

    assert not IndexOperation.objects.exists()
    assert titles(q="huurachterstand") == ["Huurachterstand opgelost"]


def test_publishing_records_its_operations_inside_its_transaction(
    engine_down, case_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        case = CasePageFactory(parent=case_index, title="Nog niet gecommit", **NEUTRAL_TEXT)
        # Not committed yet: the operations are there, the index writes wait.
        assert {(op.index, op.key) for op in pending_for(case)} == keys_of(case)
        assert not CaseDocument.objects.filter(pk=case.pk).exists()
    assert after_commit


class Rollback(Exception):
    pass


def test_a_rolled_back_change_records_nothing(engine_down, case_index):
    before = IndexOperation.objects.count()
    with pytest.raises(Rollback), transaction.atomic():
        CasePageFactory(parent=case_index, title="Teruggedraaid", **NEUTRAL_TEXT)
        assert IndexOperation.objects.count() > before
        raise Rollback

    assert IndexOperation.objects.count() == before


def test_paused_updates_record_nothing(engine_down, case_index):
    before = IndexOperation.objects.count()
    with search_updates_paused():
        CasePageFactory(parent=case_index, title="Bulk geladen", **NEUTRAL_TEXT)

    assert IndexOperation.objects.count() == before


# -- an engine that is down ----------------------------------------------------------------
def test_an_unreachable_engine_leaves_the_operations_pending_with_error_and_backoff(
    engine_down, make_case
):
    started = timezone.now()
    case = make_case("Huurachterstand opgelost", domains=["Wonen"])

    operations = pending_for(case)
    # One row per document: duplicates of one key are merged when they fail.
    assert {(op.index, op.key) for op in operations} == keys_of(case)
    for operation in operations:
        assert operation.attempts == 1
        assert "Connection" in operation.last_error
        assert operation.claimed_until is None
        wait = operation.next_attempt_at - started
        assert timedelta(seconds=14) < wait < timedelta(seconds=20)
    # The database index was written after the commit: the fallback finds the case.
    result = case_search(params=CaseSearchParams(q="huurachterstand"))
    assert result.notice
    assert [hit.title for hit in result.results] == ["Huurachterstand opgelost"]
    assert SiteDocument.objects.filter(key=document_key(case)).exists()


def test_while_the_breaker_is_open_a_drain_waits_without_counting_attempts(engine_down, make_case):
    case = make_case("Huurachterstand opgelost")

    result = outbox_drain(include_waiting=True)  # the failed write opened the breaker

    assert result.stopped == "breaker_open"
    assert [op.attempts for op in pending_for(case)] == [1, 1]

    reset_breakers()  # its cool-off is over
    retried = timezone.now()
    result = outbox_drain(include_waiting=True)

    assert (result.applied, result.stopped) == (0, "unavailable")
    for operation in pending_for(case):
        assert operation.attempts == 2
        wait = operation.next_attempt_at - retried
        assert timedelta(seconds=29) < wait < timedelta(seconds=35)


def test_the_backoff_doubles_up_to_its_cap(settings):
    settings.SEARCH_OUTBOX_BACKOFF_BASE = 15
    settings.SEARCH_OUTBOX_BACKOFF_MAX = 600
    waits = [outbox_backoff(attempts).total_seconds() for attempts in range(1, 9)]

    assert waits == [15, 30, 60, 120, 240, 480, 600, 600]
    assert outbox_backoff(500) == timedelta(seconds=600)


def test_direct_updates_go_through_the_outbox_too(engine_down, case_index):
    with search_updates_paused():
        case = CasePageFactory(parent=case_index, title="Geïmporteerd", **NEUTRAL_TEXT)
    assert not pending_for(case)

    case_index_update(page_ids=[case.pk])  # as the import does after its commit
    site_index_update(keys=[document_key(case)])

    # Both recorded; the first was tried (and opened the breaker), the second waits for it.
    assert {(op.index, op.key, op.attempts) for op in pending_for(case)} == {
        (CASE_INDEX_NAME, str(case.pk), 1),
        (SITE_INDEX, document_key(case), 0),
    }
    assert CaseDocument.objects.filter(pk=case.pk).exists()
    assert SiteDocument.objects.filter(key=document_key(case)).exists()


def test_a_rebuild_while_the_engine_is_down_marks_nothing_done(engine_down, make_case):
    case = make_case("Huurachterstand opgelost")
    reset_breakers()

    call_command("search_index", "--rebuild", verbosity=0)

    assert len(pending_for(case)) == 2
    assert CaseDocument.objects.filter(pk=case.pk).exists()


def test_the_drain_command_reports_what_it_did(engine_down, make_case, capsys):
    make_case("Huurachterstand opgelost")
    waiting = IndexOperation.objects.count()
    reset_breakers()

    call_command("search_index", "--drain")  # nothing due yet: the backoff runs
    assert f"0 toegepast, 0 mislukt, {waiting} wachtend" in capsys.readouterr().out

    call_command("search_index", "--drain", "--all")
    assert f"0 toegepast, {waiting} mislukt, {waiting} wachtend" in capsys.readouterr().out


def test_with_a_deferring_task_backend_the_drain_schedules_its_next_run(
    engine_down, make_case, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    queue = search_outbox_drain_task.get_backend()

    def drains() -> list:
        """When each enqueued drain is to run (None: at once)."""
        path = search_outbox_drain_task.module_path
        return [
            result.task.run_after for result in queue.results if result.task.module_path == path
        ]

    case = make_case("Huurachterstand opgelost")
    # The commit enqueued a drain for the worker (not run here: the dummy backend keeps it).
    assert drains() == [None]
    assert [op.attempts for op in pending_for(case)] == [0, 0]

    search_outbox_drain_task.call()  # the worker runs it: the engine is down

    assert [op.attempts for op in pending_for(case)] == [1, 1]
    scheduled = drains()[1:]
    assert len(scheduled) == 1  # the next drain, when the operations are due again
    due = max(op.next_attempt_at for op in pending_for(case))
    # (not before the breaker's cool-off ends, which may be a little later)
    assert due - timedelta(seconds=1) <= scheduled[0] <= due + timedelta(seconds=31)
    outbox_drain_schedule()  # asked again: one drain per due time is enough
    assert len(drains()) == 2


# -- a recording engine: what is written, and how often ----------------------------------
@pytest.fixture
def recording_engine(settings, monkeypatch, closed_port) -> dict[str, list]:
    """The Elasticsearch backend with its two engine writes replaced by a recorder
    (50 ms per write, so concurrent drains overlap). `refuse` names keys to refuse."""
    settings.SEARCH_BACKEND = ELASTICSEARCH_BACKEND
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    settings.OPENSEARCH_URL = ""
    settings.SEARCH_ENGINE = ""
    reset_breakers()
    written: dict[str, list] = {"site": [], "faceted": [], "refuse": []}
    lock = threading.Lock()

    def site_apply(self, keys):
        time.sleep(0.05)
        with lock:
            written["site"].extend(keys)
        refused = {key: "mapper_parsing_exception" for key in keys if key in written["refuse"]}
        if refused:
            raise DocumentsRefused(refused)

    def faceted_apply(self, index, *, documents, removed_ids):
        time.sleep(0.05)
        with lock:
            written["faceted"].extend([doc["id"] for doc in documents] + sorted(removed_ids))

    monkeypatch.setattr(ElasticsearchBackend, "engine_site_apply", site_apply)
    monkeypatch.setattr(ElasticsearchBackend, "engine_faceted_apply", faceted_apply)
    return written


def test_duplicates_of_a_key_are_applied_once(recording_engine):
    outbox_record(index=SITE_INDEX, keys=["home.contentpage:1", "home.contentpage:2"])
    outbox_record(index=SITE_INDEX, keys=["home.contentpage:1"])
    outbox_record(index=CASE_INDEX_NAME, keys=[7, 7, 8])

    result = outbox_drain()

    assert sorted(recording_engine["site"]) == ["home.contentpage:1", "home.contentpage:2"]
    assert sorted(recording_engine["faceted"]) == [7, 8]  # gone: removed from the engine
    assert (result.applied, result.failed) == (5, 0)
    assert not IndexOperation.objects.exists()


def test_a_refused_document_fails_alone(recording_engine):
    recording_engine["refuse"].append("home.contentpage:2")
    outbox_record(index=SITE_INDEX, keys=[f"home.contentpage:{n}" for n in (1, 2, 3)])

    outbox_drain()

    (left,) = IndexOperation.objects.all()
    assert (left.key, left.attempts) == ("home.contentpage:2", 1)
    assert "mapper_parsing_exception" in left.last_error


def test_operations_of_an_index_no_longer_registered_are_dropped(recording_engine):
    outbox_record(index="verdwenen", keys=[1, 2])

    result = outbox_drain()

    assert (result.applied, result.failed) == (0, 0)
    assert recording_engine["faceted"] == []
    assert not IndexOperation.objects.exists()


def test_a_drain_leaves_rows_another_drain_holds_until_its_lease_passes(recording_engine):
    outbox_record(index=SITE_INDEX, keys=["home.contentpage:1"])
    IndexOperation.objects.update(claimed_until=timezone.now() + timedelta(minutes=5))

    outbox_drain(include_waiting=True)
    assert recording_engine["site"] == []

    IndexOperation.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))
    outbox_drain()
    assert recording_engine["site"] == ["home.contentpage:1"]
    assert not IndexOperation.objects.exists()


ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.postgresql  # the SQLite stage deselects it; the PostgreSQL stage runs it
@pytest.mark.skipif(
    not ON_POSTGRES,
    reason="SQLite's in-memory test database locks whole tables between threads (no busy "
    "wait); the 'pytest postgres' stage runs this against row locks with SKIP LOCKED",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_drains_apply_every_operation_once(recording_engine):
    keys = [f"home.contentpage:{n}" for n in range(1, 1201)]  # three batches
    outbox_record(index=SITE_INDEX, keys=keys)
    errors: list[BaseException] = []

    def drain() -> None:
        try:
            outbox_drain()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=drain) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(recording_engine["site"]) == sorted(keys)  # each exactly once
    assert not IndexOperation.objects.exists()


# -- the admin -----------------------------------------------------------------------------
@pytest.fixture
def superuser(db):
    return UserFactory(email="beheerder@example.org", is_superuser=True, is_staff=True)


def test_the_dashboard_shows_the_backlog_to_superusers_only(
    engine_down, make_case, client, superuser, editor
):
    make_case("Huurachterstand opgelost")

    client_login_with_mfa(client, superuser)
    html = client.get("/admin/").content.decode()
    assert "Zoekindex: updates wachten op de zoekmachine" in html
    assert "Elasticsearch is niet bereikbaar" in html
    assert "Wachtende updates" in html
    assert "ConnectionError" in html  # the last error
    assert "/admin/zoeken/wachtrij/" in html

    other = Client()
    client_login_with_mfa(other, editor)
    html = other.get("/admin/").content.decode()
    assert other.get("/admin/").status_code == 200
    assert "Zoekindex: updates wachten" not in html
    assert other.get("/admin/zoeken/wachtrij/").status_code == 403
    assert other.post("/admin/zoeken/wachtrij/opnieuw/").status_code == 403


def test_no_panel_when_all_is_well(settings, site_root, client, superuser):
    settings.SEARCH_BACKEND = DATABASE_BACKEND
    settings.ELASTICSEARCH_URL = ""
    client_login_with_mfa(client, superuser)

    assert "Zoekindex: updates wachten" not in client.get("/admin/").content.decode()


def test_the_list_shows_each_operation_and_retries_on_request(engine_down, make_case, superuser):
    case = make_case("Huurachterstand opgelost")
    client = Client(enforce_csrf_checks=True)
    client_login_with_mfa(client, superuser)

    page = client.get("/admin/zoeken/wachtrij/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<caption>Wachtende opdrachten, de oudste eerst" in html
    assert '<th scope="col">Volgende poging</th>' in html
    assert f"<code>{document_key(case)}</code>" in html
    assert "Nu opnieuw proberen" in html

    assert client.post("/admin/zoeken/wachtrij/opnieuw/").status_code == 403  # no CSRF token
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else None
    token = token or client.cookies["csrftoken"].value
    answer = client.post(
        "/admin/zoeken/wachtrij/opnieuw/", {"csrfmiddlewaretoken": token}, follow=True
    )

    assert answer.redirect_chain[-1][0].endswith("/admin/zoeken/wachtrij/")
    messages = [str(message) for message in answer.context["messages"]]
    assert any("wachten nog: de zoekmachine gaf een fout" in message for message in messages)
    assert [op.attempts for op in pending_for(case)] == [2, 2]  # tried again, at once


# -- the real node -------------------------------------------------------------------------
@pytest.fixture
def es(elasticsearch_settings, settings):
    settings.SEARCH_BACKEND = ELASTICSEARCH_BACKEND
    settings.SEARCH_AUTO_UPDATE = True
    return elasticsearch_settings


def engine_and_database_answers(settings, **params):
    """The engine's answer and the database's, as (titles, facet counts)."""
    answers = []
    for backend in (ELASTICSEARCH_BACKEND, DATABASE_BACKEND):
        settings.SEARCH_BACKEND = backend
        result = case_search(params=CaseSearchParams(**params))
        assert not result.notice
        answers.append(
            (
                sorted(hit.title for hit in result.results),
                [(f.name, [(o.value, o.count) for o in f.options]) for f in result.facets],
            )
        )
    settings.SEARCH_BACKEND = ELASTICSEARCH_BACKEND
    return answers


@pytest.mark.elasticsearch
def test_published_changes_drain_and_the_engine_finds_them(es, make_case):
    case = make_case("Huurachterstand opgelost", domains=["Wonen"])

    assert pending_for(case) == []
    result = case_search(params=CaseSearchParams(q="huurachterstand"))
    assert (result.backend, result.notice) == ("elasticsearch", "")
    assert [hit.title for hit in result.results] == ["Huurachterstand opgelost"]


@pytest.mark.elasticsearch
def test_a_rebuild_marks_done_what_it_covered(es, settings, make_case, closed_port, monkeypatch):
    import search.indexing  # noqa: PLC0415

    # Hold back the drain a rebuild runs when it is done, to see what the rebuild marked.
    after_rebuild: list[bool] = []
    monkeypatch.setattr(search.indexing, "outbox_drain", lambda: after_rebuild.append(True))
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"  # the node is away
    reset_breakers()
    case = make_case("Huurachterstand opgelost")
    site_operation = IndexOperation.objects.get(index=SITE_INDEX, key=document_key(case))
    settings.ELASTICSEARCH_URL = es  # and back
    reset_breakers()
    late: list[int] = []

    def record_while_rebuilding(done: int, total: int) -> None:
        if not late:  # a change recorded after the rebuild started is not covered by it
            outbox_record(index=CASE_INDEX_NAME, keys=[case.pk])
            late.append(IndexOperation.objects.latest("pk").pk)

    faceted_index_rebuild(index=CASE_INDEX_NAME, progress=record_while_rebuilding)

    # The case index's operation is done; the late one and the site index's wait.
    assert {op.pk for op in pending_for(case)} == {site_operation.pk, late[0]}
    site_index_rebuild()
    assert [op.pk for op in pending_for(case)] == late
    assert titles(q="huurachterstand") == ["Huurachterstand opgelost"]
    # Each rebuild drains what was recorded meanwhile as soon as it is done.
    assert after_rebuild == [True, True]
    outbox_drain()
    assert pending_for(case) == []


@pytest.mark.elasticsearch
def test_after_an_outage_the_backlog_drains_and_the_engines_agree(
    es, settings, make_case, django_capture_on_commit_callbacks, closed_port
):
    make_case("Eerste doorbraak", domains=["Wonen"], region="Zwolle")
    gone = make_case("Tweede doorbraak", domains=["Wonen", "Schulden"], region="Utrecht")
    assert not IndexOperation.objects.exists()

    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"  # the node goes away
    settings.SEARCH_OUTBOX_BACKOFF_BASE = 0  # due again at once (no waiting in a test)
    reset_breakers()
    make_case("Derde doorbraak", domains=["Schulden"], region="Zwolle")
    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    assert IndexOperation.objects.filter(attempts__gt=0).exists()

    settings.ELASTICSEARCH_URL = es  # it is back; nobody rebuilds
    reset_breakers()
    call_command("search_index", "--drain", verbosity=0)

    assert not IndexOperation.objects.exists()
    for params in ({}, {"domains": ("Wonen",)}, {"q": "doorbraak"}):
        engine, database = engine_and_database_answers(settings, **params)
        assert engine == database
    assert engine_and_database_answers(settings)[0][0] == ["Derde doorbraak", "Eerste doorbraak"]


@pytest.mark.elasticsearch
def test_a_new_change_after_the_outage_takes_the_waiting_backlog_along(
    es, settings, make_case, closed_port
):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    reset_breakers()
    waiting = make_case("Tijdens de storing")
    assert all(op.next_attempt_at > timezone.now() for op in pending_for(waiting))

    settings.ELASTICSEARCH_URL = es
    reset_breakers()
    make_case("Na de storing")  # its drain succeeds, so the waiting ones go along

    assert not IndexOperation.objects.exists()
    assert sorted(titles()) == ["Na de storing", "Tijdens de storing"]
    assert case_search(params=CaseSearchParams()).backend == "elasticsearch"


@pytest.mark.elasticsearch
def test_retry_now_in_the_admin_drains_the_backlog(es, settings, make_case, closed_port):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    reset_breakers()
    make_case("Tijdens de storing")
    settings.ELASTICSEARCH_URL = es
    client = Client()
    client_login_with_mfa(client, UserFactory(is_superuser=True, is_staff=True))

    answer = client.post("/admin/zoeken/wachtrij/opnieuw/", follow=True)

    messages = [str(message) for message in answer.context["messages"]]
    assert any(message.startswith("De zoekindex is bijgewerkt") for message in messages)
    assert not IndexOperation.objects.exists()
    assert titles(q="storing") == ["Tijdens de storing"]


# -- one writer at a time ------------------------------------------------------------------
def test_one_drain_at_a_time_and_the_holder_takes_what_came_meanwhile(recording_engine):
    """A drain that finds another one writing returns at once ("busy"); the one writing
    looks again when it is done, so the newer change does not wait for a next trigger
    (and two drains never write one document in the wrong order)."""
    outbox_record(index=SITE_INDEX, keys=["home.contentpage:1"])
    inner: list = []
    original = ElasticsearchBackend.engine_site_apply

    def apply_and_meanwhile(self, keys):
        if not inner:  # while the first drain writes: a new change, and its own drain
            outbox_record(index=SITE_INDEX, keys=["home.contentpage:2"])
            inner.append(outbox_drain())
        original(self, keys)

    ElasticsearchBackend.engine_site_apply = apply_and_meanwhile
    try:
        result = outbox_drain()
    finally:
        ElasticsearchBackend.engine_site_apply = original

    assert inner[0].stopped == "busy" and inner[0].applied == 0
    assert recording_engine["site"] == ["home.contentpage:1", "home.contentpage:2"]
    assert result.applied == 2
    assert not IndexOperation.objects.exists()


def test_a_request_the_engine_refuses_on_one_index_does_not_hold_up_the_others(
    recording_engine, monkeypatch
):
    from elastic_transport import ApiResponseMeta, HttpHeaders  # noqa: PLC0415
    from elasticsearch import BadRequestError  # noqa: PLC0415

    from search.backends.breaker import CLOSED, engine_breaker  # noqa: PLC0415

    def refuse(self, index, *, documents, removed_ids):
        meta = ApiResponseMeta(
            status=400, http_version="1.1", headers=HttpHeaders(), duration=0.0, node=None
        )
        raise BadRequestError("illegal_argument_exception", meta=meta, body={})

    monkeypatch.setattr(ElasticsearchBackend, "engine_faceted_apply", refuse)
    outbox_record(index=CASE_INDEX_NAME, keys=[7])
    outbox_record(index=SITE_INDEX, keys=["home.contentpage:1"])

    result = outbox_drain()

    assert recording_engine["site"] == ["home.contentpage:1"]  # the site index went on
    (waiting,) = IndexOperation.objects.all()
    assert (waiting.index, waiting.key, waiting.attempts) == (CASE_INDEX_NAME, "7", 1)
    assert "illegal_argument_exception" in waiting.last_error
    assert waiting.next_attempt_at > timezone.now()
    assert (result.applied, result.failed, result.stopped) == (1, 1, "")
    assert engine_breaker().state == CLOSED  # the engine answered: it is not down


def test_a_rebuild_holds_back_drains_until_its_new_index_is_in_place(recording_engine, monkeypatch):
    """A change drained into the old index while a rebuild fills the new one would be
    lost when the alias moves; the drain waits and runs right after the rebuild."""
    from search.backends.database import DatabaseBackend  # noqa: PLC0415

    during: list = []

    def rebuild(self, progress=None, engine_rebuilt=None):
        outbox_record(index=SITE_INDEX, keys=["home.contentpage:9"])
        during.append(outbox_drain())
        count = DatabaseBackend().site_index_rebuild(progress=progress)
        engine_rebuilt()  # the new index is in place behind the alias
        return count

    monkeypatch.setattr(ElasticsearchBackend, "site_index_rebuild", rebuild)

    site_index_rebuild()

    assert during[0].stopped == "busy"
    assert recording_engine["site"] == ["home.contentpage:9"]  # applied after the rebuild
    assert not IndexOperation.objects.exists()


@pytest.mark.elasticsearch
def test_a_rebuild_that_cannot_reach_the_engine_leaves_the_whole_index_to_the_outbox(
    es, settings, make_case, closed_port
):
    """A restore or a rebuild while the engine is down must not leave the engine serving
    what it had before without anyone knowing: the whole index waits in the outbox (and
    shows in the backlog), and the engine's copy is rebuilt when it is back."""
    from search.outbox import WHOLE_INDEX  # noqa: PLC0415

    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"  # the node is away
    reset_breakers()
    with search_updates_paused():  # as a restore loads: nothing recorded per object
        make_case("Huurachterstand opgelost")
    site_index_rebuild()
    faceted_index_rebuild(index=CASE_INDEX_NAME)

    waiting = {(op.index, op.key) for op in IndexOperation.objects.all()}
    assert {(SITE_INDEX, WHOLE_INDEX), (CASE_INDEX_NAME, WHOLE_INDEX)} <= waiting

    settings.ELASTICSEARCH_URL = es  # and back
    reset_breakers()
    outbox_drain(include_waiting=True)

    assert not IndexOperation.objects.exists()
    result = case_search(params=CaseSearchParams(q="huurachterstand"))
    assert (result.backend, result.notice) == ("elasticsearch", "")  # the engine answers
    assert [hit.title for hit in result.results] == ["Huurachterstand opgelost"]
