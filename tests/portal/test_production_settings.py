"""Production settings, loaded in a fresh process with realistic environment variables
(production settings read the environment at import time, so they cannot be loaded into
the test process that already runs on portal.settings.test)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

HOST = "leeromgeving.example.nl"

# Runs inside the production settings: the values that matter and what a request gets.
PROBE = """
import json
import sys

import django

django.setup()
from django.conf import settings
from django.test import Client

host = sys.argv[1]
client = Client()
over_https = client.get("/healthz/", HTTP_HOST=host, HTTP_X_FORWARDED_PROTO="https")
over_http = client.get("/over-de-methode/", HTTP_HOST=host)
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SILENCED_SYSTEM_CHECKS": list(settings.SILENCED_SYSTEM_CHECKS),
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "https_status": over_https.status_code,
    "https_headers": dict(over_https.headers),
    "http_status": over_http.status_code,
    "http_location": over_http.headers.get("Location"),
}))
"""


def production_env(tmp_path: Path) -> dict[str, str]:
    """What an operator sets (README, "Configuratie"); nothing else from this process."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),  # 67 random characters
        ALLOWED_HOSTS=HOST,
        CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py, no shell
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_checks_pass_without_silenced_checks(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path)
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    tmp_path = tmp_path_factory.mktemp("production")
    env = production_env(tmp_path)
    migrated = run(["manage.py", "migrate", "--noinput"], env)  # as a deployment does
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    result = run(["-c", PROBE, HOST], env)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_silences_no_checks_and_runs_without_debug(production):
    assert production["SILENCED_SYSTEM_CHECKS"] == []
    assert production["DEBUG"] is False


def test_production_sends_hsts_for_at_least_a_year_over_https(production):
    assert production["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["https_status"] == 200
    hsts = production["https_headers"]["Strict-Transport-Security"]
    assert hsts.startswith("max-age=31536000")
    assert "includeSubDomains" in hsts


def test_production_redirects_plain_http_to_https(production):
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["http_status"] == 301
    assert production["http_location"] == f"https://{HOST}/over-de-methode/"


def test_production_cookies_only_travel_over_https(production):
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
