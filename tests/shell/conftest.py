"""Fixtures of the shell's tests: the demo, loaded through its management command."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command


def _load_demo() -> str:
    """Run `manage.py load_demo` and return what it printed on stdout. Tests run with
    DEBUG off, so they pass the flag a developer would need outside development."""
    out = StringIO()
    call_command("load_demo", "--ook-zonder-debug", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def demo_output(db, monkeypatch: pytest.MonkeyPatch) -> str:
    """Load the demo once (on port 8123) and return its printed report.

    Clears the cache first: allauth remembers used TOTP codes there per user id, and
    ids come back after each test's rollback."""
    cache.clear()
    monkeypatch.setenv("PORT", "8123")
    return _load_demo()


@pytest.fixture
def run_load_demo():
    """`run_load_demo()` runs `manage.py load_demo` (again) and returns what it printed."""
    return _load_demo
