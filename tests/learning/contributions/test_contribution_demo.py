"""The demo: the demo professional's shared plan waits in the editors' queue, once."""

from __future__ import annotations

import pytest

from casebook.models import CasePage
from learning.contributions.demo import PROFESSIONAL_EMAIL, contributions_demo_load
from learning.contributions.models import Contribution, ContributionStatus
from learning.contributions.selectors import contribution_queue
from portal.accounts.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def test_the_demo_contribution_is_a_draft_in_the_queue_and_loads_once(template, case_index):
    ProfileFactory(
        user__email=PROFESSIONAL_EMAIL, user__username=PROFESSIONAL_EMAIL, organisation="Wijkteam"
    )

    first = contributions_demo_load()
    again = contributions_demo_load()

    assert first == again
    assert Contribution.objects.count() == 1
    assert first.status == ContributionStatus.SUBMITTED
    assert first.organisation == "Wijkteam"
    case = CasePage.objects.get(pk=first.case_id)
    assert not case.live
    assert case.title == "Wasmachine direct uit bijzondere bijstand"
    assert [row.contribution for row in contribution_queue()] == [first]


def test_without_the_demo_professional_nothing_is_loaded(template, case_index):
    assert contributions_demo_load() is None
    assert not Contribution.objects.exists()
