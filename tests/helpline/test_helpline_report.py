"""The monthly report: volume, share contacted on time and median time to first
contact, by urgency, kind and region."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from portal.accounts.factories import client_login_with_mfa
from portal.helpline.due import AMSTERDAM
from portal.helpline.factories import ReferralFactory, SubmissionFactory
from portal.helpline.selectors import submission_report

pytestmark = pytest.mark.django_db


def march(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=AMSTERDAM)


@pytest.fixture
def march_submissions():
    # On time: contacted 2 hours after arrival (Monday 2 March, due Wednesday 4 March).
    SubmissionFactory(received_at=march(2), first_contact_at=march(2, 12), region="Utrecht")
    # Late: urgent, contacted the next day.
    SubmissionFactory(
        received_at=march(3), urgent=True, first_contact_at=march(4, 14), region="utrecht "
    )
    # Late: never contacted, due long past.
    ReferralFactory(received_at=march(5), region="Maastricht")
    # Another month: not counted.
    SubmissionFactory(received_at=datetime(2026, 4, 1, 10, tzinfo=AMSTERDAM))


def test_report_counts_volume_on_time_share_and_median(march_submissions):
    report = submission_report(year=2026, month=3, now=march(31))

    assert report.total.volume == 3
    assert report.total.contacted_on_time == 1
    assert report.total.late == 2
    assert report.total.on_time_share == pytest.approx(1 / 3)
    assert report.total.median_hours_to_contact == pytest.approx((2 + 28) / 2)

    urgent, normal = report.by_urgency
    assert (urgent.volume, urgent.late) == (1, 1)
    assert (normal.volume, normal.contacted_on_time) == (2, 1)
    regions = {row.label: row.volume for row in report.by_region}
    assert regions == {"Utrecht": 2, "Maastricht": 1}  # free text grouped case-insensitively


def test_items_not_yet_due_are_not_judged():
    SubmissionFactory(received_at=march(30))
    report = submission_report(year=2026, month=3, now=march(30, 11))
    assert report.total.pending == 1
    assert report.total.on_time_share is None


def test_report_page_for_staff_shows_the_figures(client, staff, march_submissions):
    client_login_with_mfa(client, staff)

    response = client.get(reverse("helpline_inbox:report"), {"month": "2026-03"})

    html = response.content.decode()
    assert "maart 2026" in html
    assert "Aandeel op tijd" in html
    assert "Maastricht" in html
    assert "33%" in html


def test_report_is_closed_to_editors(client, editor):
    client_login_with_mfa(client, editor)
    response = client.get(reverse("helpline_inbox:report"))
    assert response.status_code in {302, 403}
    assert "Aandeel op tijd" not in response.content.decode()


def test_first_contact_hours_are_wall_clock(march_submissions):
    row = submission_report(year=2026, month=3, now=march(31)).by_region[0]
    assert sorted(row.hours_to_contact) == [2.0, 28.0]
    assert timedelta(hours=row.median_hours_to_contact) == timedelta(hours=15)
