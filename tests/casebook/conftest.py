"""Fixtures shared by the casebook's tests."""

from __future__ import annotations

import pytest

from casebook.models import CaseIndexPage


@pytest.fixture
def index(case_index: CaseIndexPage) -> CaseIndexPage:
    """The case index (the shared `case_index` fixture), under its local name."""
    return case_index
