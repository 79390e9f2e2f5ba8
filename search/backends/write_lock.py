"""One writer at a time: per index in the database engine, and for the external engine.

An index update deletes a document's rows and inserts them again. Two updates of the
same document at once (two saves of one page: each runs its update after its own
commit) both delete, and under PostgreSQL's READ COMMITTED the second then inserts a
row the first already inserted: a duplicate key. Inside the update's transaction,
`index_write_lock(name)` takes a transaction-level advisory lock on PostgreSQL, so
writers of one index take turns; SQLite needs none (the portal's SQLite settings start
every transaction as a writer, BEGIN IMMEDIATE, so writers already take turns).
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


def index_write_lock(name: str) -> None:
    """Wait for, then hold until the transaction ends, the write lock of index `name`.
    Call inside transaction.atomic()."""
    if connection.vendor != "postgresql":
        return
    key = zlib.crc32(f"search-index:{name}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


#: One engine writer at a time in this process (drains and rebuilds); PostgreSQL's
#: session advisory lock extends it across processes.
_engine_writer = threading.Lock()
_ENGINE_WRITER_KEY = zlib.crc32(b"search-engine-writer")


@contextmanager
def engine_writer(*, blocking: bool) -> Iterator[bool]:
    """Hold the external engine's writer lock; yields whether this caller holds it.

    Drains of the index outbox and rebuilds take turns, so two drains never write one
    document in the wrong order (each applies the state it read), and no drain writes a
    change to the old index while a rebuild fills the new one (the change would be lost
    when the alias moves). A drain does not wait (`blocking=False`: what it leaves is
    drained by the holder, which looks again after letting go); a rebuild waits.
    Never re-entered by the holding thread.
    """
    if not _engine_writer.acquire(blocking=blocking):
        yield False
        return
    try:
        if connection.vendor != "postgresql":
            yield True
            return
        with connection.cursor() as cursor:
            if blocking:
                cursor.execute("SELECT pg_advisory_lock(%s)", [_ENGINE_WRITER_KEY])
                held = True
            else:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [_ENGINE_WRITER_KEY])
                held = bool(cursor.fetchone()[0])
        if not held:
            yield False
            return
        try:
            yield True
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_ENGINE_WRITER_KEY])
    finally:
        _engine_writer.release()
