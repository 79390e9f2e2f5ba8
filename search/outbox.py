"""The index outbox: durable updates of the external search engine.

Every change that affects an engine index records an `IndexOperation` (index name, key)
in the same transaction as the change, when an external engine (Elasticsearch,
OpenSearch) is configured; with the database engine alone nothing is recorded (its index
is written after the commit, `search.indexing`). A drain applies what is due:

- oldest first, in batches: the rows are claimed (`select_for_update(skip_locked=True)`
  where the database has it, then held for `CLAIM_LEASE`), so concurrent drains (threads,
  processes, cron and a worker) never take the same rows; a drain that dies lets go when
  the lease passes;
- duplicates of one key are coalesced (claimed together, applied once), and each object's
  current state is re-read, so applying an operation twice or late is harmless;
- one bulk write per index (`engine_faceted_apply`, `engine_site_apply` on the backend);
- an applied operation is deleted (the table holds the backlog only, nothing to prune);
  one that fails stays, with its error, one more attempt and a next attempt after an
  exponential backoff (`outbox_backoff`, capped); a document the engine refuses fails
  alone, the others of its batch are done;
- an unavailable engine (`UNAVAILABLE`, including an open circuit breaker) ends the
  drain: the rest waits; while the breaker is open nothing is claimed at all;
- a drain that applied something proves the engine is back: it then also takes the
  operations still waiting for their backoff, so the backlog of an outage empties at once.

Who drains (`search.tasks`): a task after every commit that recorded operations, the
task again at the next due time when the task backend can defer (production's database
backend), `manage.py search_index --drain` from cron, and "Nu opnieuw proberen" in the
admin. `search_index --rebuild` marks done what it covered (`outbox_pending_ids`,
`outbox_mark_done`).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from .backends import get_backend, has_engine
from .backends.breaker import OPEN, BreakerOpen, engine_breaker
from .backends.elasticsearch.client import UNAVAILABLE, is_outage, log_write_skipped
from .backends.elasticsearch.indexing import DocumentsRefused
from .backends.write_lock import engine_writer
from .faceted import FacetedIndex, faceted_index, faceted_indexes
from .models import IndexOperation

logger = logging.getLogger("search.outbox")

#: The name of the site index in the outbox (faceted indexes go by their own names).
SITE_INDEX = "site"
#: The key of an operation that stands for a whole index: recorded when a rebuild (a
#: restore, `search_index --rebuild`) could not reach the engine, so the engine's copy is
#: rebuilt when it is back instead of silently serving what it had before.
WHOLE_INDEX = "*"
#: Operations claimed and applied at once (one bulk write per index).
BATCH_SIZE = 500
#: How long a drain holds the rows it claimed (longer than any bulk write takes).
CLAIM_LEASE = timedelta(minutes=5)
#: Longest error text kept on a row.
ERROR_LENGTH = 2000
#: Rows per DELETE/UPDATE by id (well under SQLite's limit of variables).
ID_CHUNK = 500


def outbox_enabled() -> bool:
    """Is there an engine to keep an outbox for? (Not with the database engine alone.)"""
    return has_engine()


def outbox_backoff(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failure: SEARCH_OUTBOX_BACKOFF_BASE seconds (15),
    doubled per failure, at most SEARCH_OUTBOX_BACKOFF_MAX (600)."""
    base = float(getattr(settings, "SEARCH_OUTBOX_BACKOFF_BASE", 15))
    cap = float(getattr(settings, "SEARCH_OUTBOX_BACKOFF_MAX", 600))
    return timedelta(seconds=min(base * 2 ** min(max(attempts - 1, 0), 30), cap))


# -- recording -----------------------------------------------------------------------------
def outbox_record(*, index: str, keys: Iterable[str | int]) -> int:
    """Record that these documents of `index` changed, in the current transaction (so a
    rolled-back change records nothing). Returns the number recorded (0 without an
    engine)."""
    if not outbox_enabled():
        return 0
    now = timezone.now()
    rows = [
        IndexOperation(index=index, key=key, created_at=now, next_attempt_at=now)
        for key in sorted({str(key) for key in keys if key is not None and str(key)})
    ]
    IndexOperation.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


# -- reading the documents of a faceted index ----------------------------------------------
def faceted_documents(definition: FacetedIndex, ids: Iterable[int]) -> tuple[list[dict], set[int]]:
    """The current documents of `ids` that are visible, and the ids to remove (not
    visible, or gone)."""
    ids = set(ids)
    if not ids:
        return [], set()
    documents = list(definition.documents(definition.queryset().filter(pk__in=ids)))
    return documents, ids - {document["id"] for document in documents}


# -- draining ------------------------------------------------------------------------------
@dataclass
class DrainResult:
    """What a drain did: operations applied (done) and failed (left pending), and why it
    stopped early ("no_engine", "breaker_open", "unavailable"; "" when it finished)."""

    applied: int = 0
    failed: int = 0
    stopped: str = ""

    def as_dict(self) -> dict[str, int | str]:
        return {"applied": self.applied, "failed": self.failed, "stopped": self.stopped}


def _breaker_open() -> bool:
    """Is the engine's breaker open (in its cool-off)? Then nothing is claimed."""
    return engine_breaker().state == OPEN


def _unclaimed(now: datetime) -> Q:
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)


def _for_update():
    """Rows locked for this transaction; rows another drain holds are skipped where the
    database can (PostgreSQL); SQLite has no row locks (its writers take turns)."""
    features = connection.features
    if not features.has_select_for_update:
        return IndexOperation.objects.all()
    return IndexOperation.objects.select_for_update(
        skip_locked=features.has_select_for_update_skip_locked
    )


def _claim(
    *, after: int, up_to: int, include_waiting: bool, run_started: datetime
) -> tuple[list[IndexOperation], int]:
    """Claim the next batch (oldest first, ids after `after`, not tried since the drain
    started), with every other unclaimed row of the same keys (coalesced: one application
    covers them). Returns the rows and the id to continue after."""
    now = timezone.now()
    with transaction.atomic():
        due = _unclaimed(now) & Q(pk__gt=after, pk__lte=up_to)
        due &= Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lt=run_started)
        if not include_waiting:
            due &= Q(next_attempt_at__lte=now)
        batch = list(_for_update().filter(due).order_by("pk")[:BATCH_SIZE])
        if not batch:
            return [], after
        cursor = batch[-1].pk
        keys: dict[str, set[str]] = defaultdict(set)
        for operation in batch:
            keys[operation.index].add(operation.key)
        claimed = {operation.pk for operation in batch}
        for name, index_keys in keys.items():
            batch += list(
                _for_update()
                .filter(_unclaimed(now), index=name, key__in=index_keys)
                .exclude(pk__in=claimed)
            )
        ids = [operation.pk for operation in batch]
        for chunk in _chunks(ids):
            IndexOperation.objects.filter(pk__in=chunk).update(
                claimed_until=now + CLAIM_LEASE, last_attempt_at=now
            )
    return batch, cursor


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start : start + ID_CHUNK]


def _done(operations: Iterable[IndexOperation]) -> int:
    ids = [operation.pk for operation in operations]
    for chunk in _chunks(ids):
        IndexOperation.objects.filter(pk__in=chunk).delete()
    return len(ids)


def _failed(operations: Iterable[IndexOperation], errors: dict[str, str] | str) -> int:
    """Leave these operations pending: one row per key (the oldest; its duplicates are
    dropped), with the error, one more attempt, and the next attempt after the backoff."""
    now = timezone.now()
    by_key: dict[tuple[str, str], list[IndexOperation]] = defaultdict(list)
    for operation in operations:
        by_key[(operation.index, operation.key)].append(operation)
    updates: dict[tuple[int, str], list[int]] = defaultdict(list)
    drop: list[int] = []
    for (_index, key), rows in by_key.items():
        rows.sort(key=lambda row: row.pk)
        kept, *duplicates = rows
        drop += [row.pk for row in duplicates]
        attempts = max(row.attempts for row in rows) + 1
        error = errors if isinstance(errors, str) else errors.get(key, "")
        updates[(attempts, error[:ERROR_LENGTH])].append(kept.pk)
    with transaction.atomic():
        for chunk in _chunks(drop):
            IndexOperation.objects.filter(pk__in=chunk).delete()
        for (attempts, error), ids in updates.items():
            for chunk in _chunks(ids):
                IndexOperation.objects.filter(pk__in=chunk).update(
                    attempts=attempts,
                    last_error=error,
                    next_attempt_at=now + outbox_backoff(attempts),
                    claimed_until=None,
                )
    return len(by_key)


def _error_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:ERROR_LENGTH]


def _apply_index(backend, name: str, keys: set[str]) -> None:
    """Write the current state of `keys` of index `name` to the engine; raises when the
    engine is unavailable (`UNAVAILABLE`) or refuses documents (`DocumentsRefused`).
    The key `WHOLE_INDEX` rebuilds the engine's copy of the index (it covers the rest)."""
    if WHOLE_INDEX in keys:
        if name == SITE_INDEX:
            backend.engine_site_rebuild()
        else:
            backend.engine_faceted_rebuild(faceted_index(name))
        return
    if name == SITE_INDEX:
        backend.engine_site_apply(keys)
        return
    definition = faceted_index(name)
    documents, removed = faceted_documents(definition, {int(key) for key in keys})
    backend.engine_faceted_apply(definition, documents=documents, removed_ids=removed)


def _apply_batch(backend, batch: list[IndexOperation], result: DrainResult) -> bool:
    """Apply a claimed batch, index by index. False when the engine was unavailable
    (everything not yet applied is left pending)."""
    by_index: dict[str, list[IndexOperation]] = defaultdict(list)
    for operation in batch:
        by_index[operation.index].append(operation)
    names = list(by_index)
    for position, name in enumerate(names):
        operations = by_index[name]
        keys = {operation.key for operation in operations}
        if name != SITE_INDEX and name not in {index.name for index in faceted_indexes()}:
            # The index is no longer registered (an app dropped it): nothing to apply.
            logger.warning("Index %r is not registered: %d operation(s) dropped", name, len(keys))
            _done(operations)
            continue
        try:
            _apply_index(backend, name, keys)
        except UNAVAILABLE as error:
            if not (isinstance(error, BreakerOpen) or is_outage(error)):
                # The engine answered but refused the request (a 4xx: a refused index
                # creation, a request too large): this index waits, the others go on.
                logger.warning("Search engine refused the %s update: %s", name, error)
                result.failed += _failed(operations, _error_text(error))
                continue
            waiting = [op for rest in names[position:] for op in by_index[rest]]
            failed = _failed(waiting, _error_text(error))
            log_write_skipped("document(s)", failed, error)
            result.failed += failed
            return False
        except DocumentsRefused as refused:
            errors = refused.errors
            result.applied += _done(op for op in operations if op.key not in errors)
            failing = [op for op in operations if op.key in errors]
            logger.warning("Search engine refused %s document(s): %s", name, refused)
            result.failed += _failed(failing, errors)
        except Exception as error:  # a bug must not stop the other indexes (logged, retried)
            logger.exception("Applying %d %s operation(s) failed", len(keys), name)
            result.failed += _failed(operations, _error_text(error))
        else:
            result.applied += _done(operations)
    return True


def _drain_pass(
    backend, *, include_waiting: bool, run_started: datetime, result: DrainResult
) -> None:
    """One pass over the operations recorded so far, oldest first; each is tried at most
    once per drain."""
    up_to = IndexOperation.objects.aggregate(last=Max("pk"))["last"]
    after = 0
    while up_to is not None:
        if _breaker_open():
            result.stopped = "breaker_open"
            return
        batch, after = _claim(
            after=after, up_to=up_to, include_waiting=include_waiting, run_started=run_started
        )
        if not batch:
            return
        if not _apply_batch(backend, batch, result):
            result.stopped = "unavailable"
            return


#: Most times a drain looks again for what was recorded while it held the writer lock.
MAX_ROUNDS = 5


def outbox_drain(*, include_waiting: bool = False) -> DrainResult:
    """Apply the pending operations that are due (or all of them, `include_waiting`).
    Never raises for an engine that is down; the operations then wait.

    One drain (or rebuild) writes to the engine at a time (`engine_writer`): a drain that
    finds the lock taken returns at once ("busy"), and the holder looks again for due
    operations after letting go, so nothing recorded meanwhile waits for the next
    trigger."""
    result = DrainResult()
    if not outbox_enabled():
        result.stopped = "no_engine"
        return result
    backend = get_backend()
    for _round in range(MAX_ROUNDS):
        with engine_writer(blocking=False) as held:
            if not held:
                result.stopped = result.stopped or "busy"
                return result
            started = timezone.now()
            _drain_pass(
                backend, include_waiting=include_waiting, run_started=started, result=result
            )
            if not include_waiting and result.applied and not result.stopped and _waiting_exists():
                # The engine answered: what waits for its backoff need not wait any longer.
                _drain_pass(backend, include_waiting=True, run_started=started, result=result)
        if result.stopped or not _due_exists():
            break
    if result.applied or result.failed:
        logger.info("Index outbox drained: %s", result.as_dict())
    return result


def _due_exists() -> bool:
    now = timezone.now()
    return IndexOperation.objects.filter(_unclaimed(now), next_attempt_at__lte=now).exists()


def _waiting_exists() -> bool:
    return IndexOperation.objects.filter(_unclaimed(timezone.now())).exists()


def outbox_next_due() -> datetime | None:
    """When the next drain has something to do: the earliest next attempt (not before the
    breaker's cool-off ends); None when nothing is pending."""
    now = timezone.now()
    operations = IndexOperation.objects.all()
    candidates = [
        when
        for when in (
            operations.filter(_unclaimed(now)).aggregate(at=Min("next_attempt_at"))["at"],
            operations.exclude(_unclaimed(now)).aggregate(at=Min("claimed_until"))["at"],
        )
        if when is not None
    ]
    if not candidates:
        return None
    due = max(min(candidates), now)
    if outbox_enabled():
        breaker = engine_breaker()
        if breaker.state == OPEN and breaker.retry_at:
            due = max(due, breaker.retry_at)
    return due


# -- rebuilds ------------------------------------------------------------------------------
def outbox_pending_ids(*, index: str) -> list[int]:
    """The operations of `index` recorded (and committed) so far: a rebuild that starts
    now reads every change they stand for."""
    if not outbox_enabled():
        return []
    return list(IndexOperation.objects.filter(index=index).values_list("pk", flat=True))


def outbox_mark_done(*, ids: Iterable[int]) -> int:
    """Operations a rebuild covered are done (deleted); returns how many there were."""
    deleted = 0
    for chunk in _chunks(list(ids)):
        deleted += IndexOperation.objects.filter(pk__in=chunk).delete()[0]
    return deleted


# -- what operators see --------------------------------------------------------------------
@dataclass(frozen=True)
class OutboxStats:
    """The backlog: documents waiting (each index and key once), those whose last try
    failed, the oldest waiting operation, and the latest error."""

    pending: int
    failing: int
    oldest_created_at: datetime | None
    last_error: str
    last_error_at: datetime | None

    def oldest_age_seconds(self, now: datetime | None = None) -> int | None:
        if self.oldest_created_at is None:
            return None
        age = (now or timezone.now()) - self.oldest_created_at
        return max(0, int(age.total_seconds()))


EMPTY_STATS = OutboxStats(
    pending=0, failing=0, oldest_created_at=None, last_error="", last_error_at=None
)


def outbox_stats() -> OutboxStats:
    operations = IndexOperation.objects.all()
    pending = operations.values("index", "key").distinct().count()
    if not pending:
        return EMPTY_STATS
    failing = operations.filter(attempts__gt=0).values("index", "key").distinct().count()
    latest = (
        operations.filter(attempts__gt=0)
        .exclude(last_error="")
        .order_by("-last_attempt_at", "-pk")
        .values("last_error", "last_attempt_at")
        .first()
    )
    return OutboxStats(
        pending=pending,
        failing=failing,
        oldest_created_at=operations.aggregate(oldest=Min("created_at"))["oldest"],
        last_error=latest["last_error"] if latest else "",
        last_error_at=latest["last_attempt_at"] if latest else None,
    )


def outbox_list(*, limit: int = 200) -> list[IndexOperation]:
    """The pending operations, oldest first (the admin's list)."""
    return list(IndexOperation.objects.order_by("pk")[:limit])
