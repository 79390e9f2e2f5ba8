"""Dates as the helpline writes them: "vrijdag 4 december 2026 om 16:59".

Django's l10n supplies the Dutch day and month names (LANGUAGE_CODE = "nl"); the time is
Amsterdam time. One function, used by the pages, the admin and the mails.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

#: Django date format: weekday, day, month, year; "om" and the time are added apart.
DATE_FORMAT = "l j F Y"
TIME_FORMAT = "H:i"


def datetime_long(value: datetime | None) -> str:
    """ "vrijdag 4 december 2026 om 16:59" ("" for None)."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return _("%(date)s om %(time)s") % {
        "date": date_format(local, DATE_FORMAT),
        "time": date_format(local, TIME_FORMAT),
    }


def urgent_moved_to_next_day(*, received_at: datetime, due_at: datetime, urgent: bool) -> bool:
    """True for an urgent message due on a later day than it arrived (it came in with
    less than two working hours left, or outside working days)."""
    if not urgent:
        return False
    return timezone.localtime(due_at).date() != timezone.localtime(received_at).date()
