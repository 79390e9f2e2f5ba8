"""An editor gets a clear Dutch message when the "vervangt" link makes no sense."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from portal.standards.factories import StandardPageFactory


def _supersedes_error(page) -> str:
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    return " ".join(excinfo.value.message_dict["supersedes"])


def test_a_standard_cannot_replace_itself(standards_index):
    page = StandardPageFactory(parent=standards_index, title="Doorbraakplan")
    page.supersedes = page

    assert "kan zichzelf niet vervangen" in _supersedes_error(page)


def test_the_replaced_version_may_not_start_later(standards_index):
    newer = StandardPageFactory(
        parent=standards_index, version="2.0", effective_date=datetime.date(2025, 1, 1)
    )
    page = StandardPageFactory(
        parent=standards_index, version="3.0", effective_date=datetime.date(2024, 1, 1)
    )
    page.supersedes = newer

    message = _supersedes_error(page)
    assert "latere ingangsdatum" in message
    assert "2.0" in message


def test_same_effective_date_is_allowed(standards_index):
    old = StandardPageFactory(parent=standards_index, effective_date=datetime.date(2025, 1, 1))
    page = StandardPageFactory(
        parent=standards_index, version="1.1", effective_date=datetime.date(2025, 1, 1)
    )
    page.supersedes = old

    page.full_clean()  # no error


def test_a_version_is_replaced_by_one_newer_version_only(standards_index):
    old = StandardPageFactory(parent=standards_index, title="Doorbraakplan", version="1.0")
    StandardPageFactory(
        parent=standards_index,
        title="Doorbraakplan",
        version="2.0",
        effective_date=datetime.date(2026, 1, 1),
        supersedes=old,
    )
    rival = StandardPageFactory(
        parent=standards_index,
        title="Doorbraakplan (variant)",
        version="2.1",
        effective_date=datetime.date(2026, 2, 1),
    )
    rival.supersedes = old

    assert "wordt al vervangen door Doorbraakplan (versie 2.0)" in _supersedes_error(rival)


def test_a_cycle_of_versions_is_refused(standards_index):
    day = datetime.date(2025, 1, 1)
    first = StandardPageFactory(parent=standards_index, version="1.0", effective_date=day)
    second = StandardPageFactory(
        parent=standards_index, version="2.0", effective_date=day, supersedes=first
    )
    first.supersedes = second

    assert "kring" in _supersedes_error(first)
