"""The calendar file of a registration and of a cancellation, parsed back with icalendar."""

from __future__ import annotations

from datetime import UTC

import pytest
from icalendar import Calendar

from learning.clinics import services
from learning.clinics.ics import registration_ics_uid

pytestmark = pytest.mark.django_db


def _event(mail):
    filename, content, mimetype = mail.attachments[0]
    assert filename.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return calendar, events[0]


def test_the_confirmation_carries_an_event_of_the_session(session, learner, mails):
    with mails() as outbox:
        registration = services.registration_create(session=session, user=learner)
    calendar, event = _event(outbox[0])
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(event["UID"]) == registration_ics_uid(registration=registration)
    assert event.decoded("DTSTART") == session.starts_at.astimezone(UTC)
    assert event.decoded("DTEND") == session.ends_at.astimezone(UTC)
    assert str(event["SUMMARY"]) == "Kraak-en-maak-sessie: Kraken in Zwolle"
    assert str(event["LOCATION"]) == "Stadskantoor, zaal 2.14"
    assert str(event["URL"]).endswith(f"/sessies/{session.pk}/")
    assert str(event["STATUS"]) == "CONFIRMED"


def test_the_cancellation_cancels_the_same_event(session, learner, mails):
    registration = services.registration_create(session=session, user=learner)
    with mails() as outbox:
        services.registration_cancel(registration=registration, user=learner)
    calendar, event = _event(outbox[0])
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == registration_ics_uid(registration=registration)
    assert int(event["SEQUENCE"]) > 0


def test_the_uid_stays_the_same_when_registering_again(session, learner, mails):
    first = services.registration_create(session=session, user=learner)
    services.registration_cancel(registration=first, user=learner)
    with mails() as outbox:
        again = services.registration_create(session=session, user=learner)
    _calendar, event = _event(outbox[0])
    assert str(event["UID"]) == registration_ics_uid(registration=first)
    assert again.uid == first.uid


def test_an_online_session_gives_its_link_as_location(session, learner, mails):
    session.online_url = "https://meet.example.org/kraak"
    session.save()
    with mails() as outbox:
        services.registration_create(session=session, user=learner)
    _calendar, event = _event(outbox[0])
    assert str(event["LOCATION"]) == "https://meet.example.org/kraak"
