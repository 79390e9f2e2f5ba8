"""The due-time promise: two working days, urgent the same working day, counting
weekends and Dutch public holidays, in Amsterdam time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.helpline.due import AMSTERDAM, WorkingCalendar, due_at, is_overdue


def ams(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("received", "expected", "why"),
    [
        (ams(2026, 3, 2, 10, 0), ams(2026, 3, 4, 17, 0), "Monday -> Wednesday"),
        (ams(2026, 3, 2, 18, 30), ams(2026, 3, 4, 17, 0), "Monday evening -> Wednesday"),
        (ams(2026, 3, 5, 11, 0), ams(2026, 3, 9, 17, 0), "Thursday -> Monday over the weekend"),
        (ams(2026, 3, 6, 11, 0), ams(2026, 3, 10, 17, 0), "Friday -> Tuesday"),
        (ams(2026, 3, 7, 12, 0), ams(2026, 3, 10, 17, 0), "Saturday -> Tuesday"),
        (ams(2026, 4, 24, 10, 0), ams(2026, 4, 29, 17, 0), "Friday, King's Day Monday 27 April"),
        (ams(2026, 12, 24, 10, 0), ams(2026, 12, 29, 17, 0), "Christmas 25-26 Dec, weekend"),
        (ams(2026, 5, 13, 9, 0), ams(2026, 5, 18, 17, 0), "Ascension Day Thursday 14 May"),
        (ams(2026, 4, 2, 10, 0), ams(2026, 4, 7, 17, 0), "Good Friday works, Easter Monday not"),
    ],
)
def test_not_urgent_is_end_of_second_working_day(received, expected, why):
    assert due_at(received, urgent=False) == expected, why


@pytest.mark.parametrize(
    ("received", "expected", "why"),
    [
        (ams(2026, 3, 2, 10, 0), ams(2026, 3, 2, 17, 0), "during working hours: same day"),
        (ams(2026, 3, 2, 7, 45), ams(2026, 3, 2, 17, 0), "before 09:00: same day"),
        (ams(2026, 3, 2, 15, 0), ams(2026, 3, 2, 17, 0), "exactly two hours left: same day"),
        (ams(2026, 3, 2, 15, 1), ams(2026, 3, 3, 11, 0), "under two hours left: 11:00 next day"),
        (ams(2026, 3, 2, 16, 59), ams(2026, 3, 3, 11, 0), "a minute before closing: next day"),
        (ams(2026, 3, 6, 16, 59), ams(2026, 3, 9, 11, 0), "Friday 16:59: Monday 11:00"),
        (ams(2026, 3, 2, 17, 0), ams(2026, 3, 3, 11, 0), "at 17:00: next working day"),
        (ams(2026, 3, 2, 21, 0), ams(2026, 3, 3, 11, 0), "evening: next working day"),
        (ams(2026, 3, 6, 18, 0), ams(2026, 3, 9, 11, 0), "Friday evening: Monday"),
        (ams(2026, 3, 8, 10, 0), ams(2026, 3, 9, 11, 0), "Sunday: Monday"),
        (ams(2026, 4, 26, 10, 0), ams(2026, 4, 28, 11, 0), "Sunday before King's Day: Tuesday"),
        (ams(2026, 4, 27, 10, 0), ams(2026, 4, 28, 11, 0), "on King's Day: Tuesday"),
    ],
)
def test_urgent_gets_at_least_two_working_hours(received, expected, why):
    assert due_at(received, urgent=True) == expected, why


def test_urgent_next_day_time_comes_from_settings(settings):
    settings.HELPLINE_URGENT_NEXT_DAY_TIME = "10:30"
    assert due_at(ams(2026, 3, 6, 16, 59), urgent=True) == ams(2026, 3, 9, 10, 30)


def test_received_in_utc_is_judged_in_amsterdam_time():
    # 16:30 UTC on a winter Monday is 17:30 in Amsterdam: after working hours.
    received = datetime(2026, 3, 2, 16, 30, tzinfo=UTC)
    assert due_at(received, urgent=True) == ams(2026, 3, 3, 11, 0)
    # Summer time: 12:30 UTC is 14:30 in Amsterdam, still the same day.
    assert due_at(datetime(2026, 7, 6, 12, 30, tzinfo=UTC), urgent=True) == ams(2026, 7, 6, 17)


def test_liberation_day_is_a_day_off_in_lustrum_years_only():
    calendar = WorkingCalendar()
    assert not calendar.is_working_day(ams(2025, 5, 5).date())  # Monday, lustrum year
    assert calendar.is_working_day(ams(2026, 5, 5).date())  # Tuesday, not a lustrum year
    # Friday 2 May 2025: Monday 5 May is off, so Tuesday 6 and Wednesday 7 count.
    assert due_at(ams(2025, 5, 2, 10), urgent=False) == ams(2025, 5, 7, 17)


def test_liberation_day_can_be_closed_every_year():
    always = WorkingCalendar(liberation_day="always")
    assert not always.is_working_day(ams(2026, 5, 5).date())
    # Monday 4 May 2026 10:00 -> Tuesday 5 closed -> Wednesday 6, Thursday 7.
    assert due_at(ams(2026, 5, 4, 10), urgent=False, calendar=always) == ams(2026, 5, 7, 17)
    assert due_at(ams(2026, 5, 4, 10), urgent=False) == ams(2026, 5, 6, 17)


def test_working_hours_come_from_settings(settings):
    settings.HELPLINE_WORKDAY_END = "16:00"
    assert due_at(ams(2026, 3, 2, 13, 30), urgent=True) == ams(2026, 3, 2, 16, 0)
    assert due_at(ams(2026, 3, 2, 14, 30), urgent=True) == ams(2026, 3, 3, 11, 0)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        due_at(datetime(2026, 3, 2, 10), urgent=False)  # noqa: DTZ001


def test_overdue_means_past_due_without_contact_and_not_closed():
    due = ams(2026, 3, 4, 17)
    later = ams(2026, 3, 5, 9)
    assert is_overdue(due=due, closed=False, contacted=False, now=later)
    assert not is_overdue(due=due, closed=False, contacted=False, now=ams(2026, 3, 4, 16))
    assert not is_overdue(due=due, closed=True, contacted=False, now=later)
    assert not is_overdue(due=due, closed=False, contacted=True, now=later)
