"""When must IPW have made contact? The helpline's promise as arithmetic.

The promise (from IPW's referral guide): IPW contacts the sender within two working
days; urgent (spoed) the same working day. In numbers, in Europe/Amsterdam time:

* Working days are Monday to Friday, except Dutch public holidays; working hours are
  09:00-17:00 (settings HELPLINE_WORKDAY_START / HELPLINE_WORKDAY_END).
* Urgent: at least two working hours (HELPLINE_URGENT_MIN_WORKING_HOURS, default 2). On a
  working day with at least two working hours left (also before 09:00): the end of that
  day. With less left (16:59 on a Friday), after closing, or on a day off: the next
  working day at HELPLINE_URGENT_NEXT_DAY_TIME (default "11:00").
* Not urgent: the end of the second working day after the day of arrival
  (HELPLINE_RESPONSE_WORKING_DAYS, default 2). Monday 10:00 -> Wednesday 17:00;
  Friday -> Tuesday; Saturday -> Tuesday.

Public holidays come from the `holidays` package (holidays.country_holidays("NL")), with
two decisions, both settings:

* Good Friday (Goede Vrijdag) is in that calendar but is not a general day off in the
  Netherlands (the Algemene termijnenwet does not count it either): IPW works, so it is a
  working day unless HELPLINE_CLOSED_ON_GOOD_FRIDAY is True.
* Liberation Day (Bevrijdingsdag, 5 May): the package counts it only in lustrum years
  (2025, 2030, ...), which is what most collective agreements give as a day off.
  HELPLINE_LIBERATION_DAY = "lustrum" (default) follows that; "always" closes every year,
  "never" works every year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

_GOOD_FRIDAY = "Good Friday"
_LIBERATION_DAY = "Liberation Day"


@lru_cache(maxsize=64)
def _nl_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("NL", years=year, language="en_US").items())


def _parse_time(value: str | time) -> time:
    if isinstance(value, time):
        return value
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class WorkingCalendar:
    """Working hours and closed days of the helpline."""

    start: time = time(9, 0)
    end: time = time(17, 0)
    response_working_days: int = 2
    closed_on_good_friday: bool = False
    liberation_day: str = "lustrum"  # "lustrum", "always" or "never"
    extra_closed_days: frozenset[date] = field(default_factory=frozenset)
    urgent_min_hours: float = 2.0
    urgent_next_day_time: time = time(11, 0)

    @classmethod
    def from_settings(cls) -> WorkingCalendar:
        return cls(
            start=_parse_time(getattr(settings, "HELPLINE_WORKDAY_START", "09:00")),
            end=_parse_time(getattr(settings, "HELPLINE_WORKDAY_END", "17:00")),
            response_working_days=int(getattr(settings, "HELPLINE_RESPONSE_WORKING_DAYS", 2)),
            closed_on_good_friday=bool(getattr(settings, "HELPLINE_CLOSED_ON_GOOD_FRIDAY", False)),
            liberation_day=getattr(settings, "HELPLINE_LIBERATION_DAY", "lustrum"),
            urgent_min_hours=float(getattr(settings, "HELPLINE_URGENT_MIN_WORKING_HOURS", 2)),
            urgent_next_day_time=_parse_time(
                getattr(settings, "HELPLINE_URGENT_NEXT_DAY_TIME", "11:00")
            ),
        )

    def holiday_name(self, day: date) -> str | None:
        """The public holiday on `day` that closes the helpline, or None."""
        if self.liberation_day == "always" and day.month == 5 and day.day == 5:
            return _LIBERATION_DAY
        name = _nl_holidays(day.year).get(day)
        if name is None:
            return None
        if _GOOD_FRIDAY in name and not self.closed_on_good_friday:
            return None
        if _LIBERATION_DAY in name and self.liberation_day == "never":
            return None
        return name

    def is_working_day(self, day: date) -> bool:
        return (
            day.weekday() < 5 and day not in self.extra_closed_days and not self.holiday_name(day)
        )

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def end_of(self, day: date) -> datetime:
        return datetime.combine(day, self.end, tzinfo=AMSTERDAM)


def due_at(
    received_at: datetime, *, urgent: bool, calendar: WorkingCalendar | None = None
) -> datetime:
    """The moment by which IPW must have contacted the sender (aware, Amsterdam time).

    `received_at` must be timezone-aware. `calendar` defaults to the one in settings.
    """
    if received_at.tzinfo is None:
        raise ValueError("received_at must be timezone-aware")
    calendar = calendar or WorkingCalendar.from_settings()
    local = received_at.astimezone(AMSTERDAM)
    day = local.date()
    if urgent:
        if calendar.is_working_day(day):
            start = max(local, datetime.combine(day, calendar.start, tzinfo=AMSTERDAM))
            if calendar.end_of(day) - start >= timedelta(hours=calendar.urgent_min_hours):
                return calendar.end_of(day)
        return datetime.combine(
            calendar.next_working_day(day), calendar.urgent_next_day_time, tzinfo=AMSTERDAM
        )
    for _ in range(calendar.response_working_days):
        day = calendar.next_working_day(day)
    return calendar.end_of(day)


def is_overdue(*, due: datetime, closed: bool, contacted: bool, now: datetime) -> bool:
    """Overdue: the due time has passed and IPW has neither made contact nor closed it.

    The promise is about the first contact: once IPW has answered or called (the status
    left "nieuw"), the item is no longer late, even when it stays open for weeks.
    """
    return not closed and not contacted and now > due
