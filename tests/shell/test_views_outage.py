"""A database that cannot be reached is an outage that visitors see as such: a Dutch 503
page with Retry-After (JSON on the API), never the 500 page, and a health endpoint that
says unhealthy. Real faults, in a fresh process (the test process needs its own working
database): a PostgreSQL address where nothing listens, and a SQLite file that is not a
database."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

PROBE = """
import json

import django

django.setup()
from django.test import Client

client = Client(raise_request_exception=False)
answers = {}
for path in ("/", "/casussen/", "/api/v1/cases/", "/healthz/"):
    response = client.get(path)
    answers[path] = {
        "status": response.status_code,
        "type": response.get("Content-Type", ""),
        "retry_after": response.get("Retry-After"),
        "body": response.content.decode(),
    }
print(json.dumps(answers))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again: nothing listens there


def _corrupt_sqlite(tmp_path: Path) -> str:
    path = tmp_path / "kapot.sqlite3"
    path.write_bytes(b"dit is geen database " * 200)
    return f"sqlite:///{path}"


@pytest.fixture(params=["postgres-down", "sqlite-corrupt"])
def outage(request, tmp_path: Path) -> dict[str, dict]:
    if request.param == "postgres-down":
        url = f"postgres://portal@127.0.0.1:{_free_port()}/portal"
    else:
        url = _corrupt_sqlite(tmp_path)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "DATABASE_URL": url}
    result = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    answers["log"] = result.stderr
    return answers


def test_pages_say_in_dutch_that_the_site_is_briefly_unavailable(outage):
    for path in ("/", "/casussen/"):
        answer = outage[path]
        assert answer["status"] == 503, path
        assert answer["retry_after"] == "60"
        page = BeautifulSoup(answer["body"], "html.parser")
        assert page.html["lang"] == "nl"
        assert page.h1.get_text(strip=True) == "Even niet bereikbaar"
        assert "Er ging iets mis" not in page.get_text()


def test_the_api_answers_json(outage):
    answer = outage["/api/v1/cases/"]
    assert answer["status"] == 503
    assert answer["type"].startswith("application/json")
    assert "niet bij haar gegevens" in json.loads(answer["body"])["detail"]


def test_health_is_unhealthy_and_the_log_says_why(outage):
    answer = outage["/healthz/"]
    assert answer["status"] == 503
    assert json.loads(answer["body"]) == {"status": "unhealthy", "database": "unavailable"}
    assert "Database unavailable while serving /" in outage["log"]
