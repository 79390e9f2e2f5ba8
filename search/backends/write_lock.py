"""One writer at a time per index in the database engine.

An index update deletes a document's rows and inserts them again. Two updates of the
same document at once (two saves of one page: each runs its update after its own
commit) both delete, and under PostgreSQL's READ COMMITTED the second then inserts a
row the first already inserted: a duplicate key. Inside the update's transaction,
`index_write_lock(name)` takes a transaction-level advisory lock on PostgreSQL, so
writers of one index take turns; SQLite needs none (the portal's SQLite settings start
every transaction as a writer, BEGIN IMMEDIATE, so writers already take turns).
"""

from __future__ import annotations

import zlib

from django.db import connection


def index_write_lock(name: str) -> None:
    """Wait for, then hold until the transaction ends, the write lock of index `name`.
    Call inside transaction.atomic()."""
    if connection.vendor != "postgresql":
        return
    key = zlib.crc32(f"search-index:{name}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
