"""casebook_import_benchmark: a real import (committed, indexes updated after the commit)
whose phases are printed, and whose cases are searchable afterwards. No time is asserted."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from casebook.case_search.queries import CaseSearchParams, case_search
from casebook.importing import ImportTimings, case_import
from casebook.management.commands.casebook_import_benchmark import synthetic_records
from casebook.models import CasePage

PHASES = (
    "controleren (velden)",
    "privacyfilter",
    "pagina's opslaan en commit",
    "zoekindexen bijwerken",
    "totaal",
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_benchmark_imports_commits_and_finds_every_case() -> None:
    out = StringIO()
    call_command(
        "casebook_import_benchmark", "--in-place", "--count", "6", "--no-progress", stdout=out
    )
    printed = out.getvalue()

    for phase in PHASES:
        assert phase in printed
    assert "load average" in printed
    assert (
        "Vindbaar: 6 van 6 nieuwe casussen via de casuszoekfunctie, 6 via de sitezoekfunctie"
        in (printed)
    )
    # Committed, not rolled back: the cases stay and the case search finds them.
    assert CasePage.objects.live().count() == 6
    assert case_search(params=CaseSearchParams(q="synthetische")).total == 6


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_import_timings_cover_every_phase(case_index) -> None:
    records = synthetic_records(
        3, domains=["Schulden", "Wonen"], laws=["Participatiewet"], regions=["Utrecht"]
    )
    timings = ImportTimings()

    case_import(records=records, parent=case_index, create_missing=True, timings=timings)

    assert timings.guard > 0
    assert timings.storing > 0
    assert timings.indexing > 0  # the index update after the commit ran
    assert timings.total >= timings.storing + timings.indexing
    assert set(timings.processor) == {"validation", "guard", "storing", "indexing"}
    assert timings.guard_texts >= timings.guard_checks > 0
    assert case_search(params=CaseSearchParams(q="synthetische")).total == 3


def test_benchmark_refuses_a_count_below_one() -> None:
    with pytest.raises(CommandError, match="minstens 1"):
        call_command("casebook_import_benchmark", "--in-place", "--count", "0")
