"""`manage.py page_benchmark` runs against the current database and prints, per page
type, the queries and CPU milliseconds per request with the load average. No timing
is asserted: only that every page type is measured and answered."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from learning.models import Team
from portal.shell.page_benchmark import PAGE_TYPES


def run(*args: str) -> str:
    out = StringIO()
    call_command("page_benchmark", *args, stdout=out)
    return out.getvalue()


def test_prints_queries_and_cpu_for_every_page_type(demo_output):
    output = run("--requests", "1")
    assert "Load average" in output
    for page_type in PAGE_TYPES:
        line = next(
            (line for line in output.splitlines() if line.startswith(page_type + " ")), None
        )
        assert line is not None, f"{page_type} ontbreekt:\n{output}"
        status, queries, cpu = line[len(page_type) :].split()[:3]
        assert status == "200", line
        assert int(queries) >= 0  # a page read from the caches may need none
        assert re.fullmatch(r"\d+\.\d", cpu)


def test_team_sizes_are_measured_and_rolled_back(demo_output):
    teams = Team.objects.count()
    output = run("--requests", "1", "--page", "home", "--team-sizes", "3,7")
    rows = [line.split() for line in output.splitlines() if re.match(r"\s+[37]\s", line)]
    assert [row[0] for row in rows] == ["3", "7"]
    assert Team.objects.count() == teams  # nothing stays behind


def test_bad_team_sizes_get_a_clear_message(db):
    with pytest.raises(CommandError, match="komma"):
        run("--team-sizes", "honderd")


def test_case_counts_are_listed_measured_and_rolled_back(demo_output):
    """The casebook is topped up to each number of cases: the listing really lists them
    (the first column is the casebook's own count), the listing, impact page and case
    page are measured at each number, and nothing stays behind."""
    from casebook.case_search.queries import CaseSearchParams, case_search
    from casebook.models import CaseCost, CasePage

    cases, costs = CasePage.objects.count(), CaseCost.objects.count()
    listed = case_search(params=CaseSearchParams(per_page=1)).total
    sizes = (listed + 3, listed + 8)
    output = run("--requests", "1", "--page", "home", "--case-counts", ",".join(map(str, sizes)))
    rows = [
        line.split()
        for line in output.splitlines()
        if re.match(r"\s+\d+\s", line) and line.split()[0] in {str(size) for size in sizes}
    ]
    assert [int(row[0]) for row in rows] == list(sizes), output
    for row in rows:
        listing_q, listing_ms, impact_q, impact_ms, first_ms, case_q, case_ms = row[1:8]
        assert min(int(listing_q), int(impact_q), int(case_q)) >= 0
        for figure in (listing_ms, impact_ms, first_ms, case_ms):
            assert re.fullmatch(r"\d+\.\d", figure), row
    assert (CasePage.objects.count(), CaseCost.objects.count()) == (cases, costs)
    assert case_search(params=CaseSearchParams(per_page=1)).total == listed


def test_bad_case_counts_get_a_clear_message(db):
    with pytest.raises(CommandError, match="--case-counts"):
        run("--case-counts", "tien")
