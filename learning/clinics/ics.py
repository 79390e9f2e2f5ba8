"""The calendar file (RFC 5545) sent with a registration or a cancellation.

One UID per registration, so a calendar updates the same event: the confirmation is a
METHOD:REQUEST event (SEQUENCE 0), the cancellation a METHOD:CANCEL event with
STATUS:CANCELLED and a higher SEQUENCE. Times are written in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import timezone
from icalendar import Calendar, Event

from .models import Registration

PRODID = "-//Instituut voor Publieke Waarden//Doorbraak Leeromgeving//NL"
UID_DOMAIN = "doorbraak-leeromgeving"


def registration_ics_uid(*, registration: Registration) -> str:
    return f"kraak-en-maak-{registration.uid}@{UID_DOMAIN}"


def registration_ics(
    *, registration: Registration, url: str, cancelled: bool = False, now: datetime | None = None
) -> str:
    """The .ics text for `registration` (its session's time, place and page)."""
    session = registration.session
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")

    event = Event()
    event.add("uid", registration_ics_uid(registration=registration))
    event.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", f"Kraak-en-maak-sessie: {session.title}")
    event.add("location", session.online_url or session.location)
    event.add("url", url)
    event.add("description", f"{session.description}\n\n{url}")
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", 1 if cancelled else 0)
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
