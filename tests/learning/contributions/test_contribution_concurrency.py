"""Two overlapping submits of one plan (a double click) give one case: the second waits
for the first and is refused as already under review. Row locks across threads need
PostgreSQL: the 'pytest postgres' stage runs this."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from learning.contributions.models import Contribution
from learning.contributions.services import ContributionRefused, contribution_submit

pytestmark = [
    pytest.mark.postgresql,  # the SQLite stage deselects it; the PostgreSQL stage runs it
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_double_submit_of_one_plan_gives_one_case(
    professional, completed_plan, draft, monkeypatch
):
    from learning.contributions import services  # noqa: PLC0415

    # Timing, not a stand-in: each submit waits (up to 2 s) at the guard for the other,
    # so without the plan's row lock both would be past their "already shared?" check.
    both_checked = threading.Barrier(2)
    guard = services.contribution_guard

    def guard_after_both_checked(**kwargs):
        try:
            both_checked.wait(timeout=2)
        except threading.BrokenBarrierError:
            pass
        return guard(**kwargs)

    monkeypatch.setattr(services, "contribution_guard", guard_after_both_checked)
    start = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit() -> None:
        start.wait()
        try:
            contribution_submit(
                user=professional,
                plan=completed_plan,
                draft=draft,
                consent=True,
                name_organisation=False,
            )
            outcome = "shared"
        except ContributionRefused as refused:
            outcome = f"refused: {refused.errors}"
        except BaseException as error:  # noqa: BLE001 - reported in the assertion
            outcome = repr(error)
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(outcomes) == 2 and "shared" in outcomes, outcomes
    (refusal,) = [outcome for outcome in outcomes if outcome != "shared"]
    # The second is told what happened (not some clash of the two cases' titles).
    assert "Je hebt dit plan al gedeeld" in refusal, refusal
    assert Contribution.objects.filter(plan=completed_plan).count() == 1
