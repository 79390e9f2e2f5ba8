"""The embedded default under concurrent saves: `make run` serves with threads, and two
requests that read and then write at the same time must both be saved, not answered with
"database is locked". Runs the real settings against a real SQLite file in a fresh
process (the test process is bound to its own test database)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

# Eight threads, each with its own connection (Django's are per thread), each reading and
# then writing inside one transaction: the pattern of saving a form.
PROBE = """
import json
import threading
import time

import django

django.setup()
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (n integer)")
    cursor.execute("INSERT INTO counter VALUES (0)")
errors = []


def save(rounds):
    try:
        for _ in range(rounds):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                time.sleep(0.005)
                cursor.execute("UPDATE counter SET n = n + 1")
    except Exception as error:
        errors.append(str(error))
    finally:
        connections.close_all()


threads = [threading.Thread(target=save, args=(5,)) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM counter")
    total = cursor.fetchone()[0]
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
print(json.dumps({"total": total, "errors": errors, "journal_mode": mode}))
"""


def test_concurrent_saves_on_sqlite_all_land(tmp_path: Path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["total"] == 8 * 5
    assert outcome["journal_mode"] == "wal"
