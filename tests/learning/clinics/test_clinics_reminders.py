"""The reminder the day before: sent once per registration, however often the job runs
(the task and the management command)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from learning.clinics import services
from learning.clinics.factories import SessionFactory
from learning.clinics.tasks import clinics_send_reminders_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def tomorrow_session(facilitator):
    start = (timezone.localtime() + timedelta(days=1)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    return SessionFactory(title="Morgen kraken", facilitator=facilitator, starts_at=start)


def test_a_reminder_is_sent_once(tomorrow_session, learner, make_user, mails):
    services.registration_create(session=tomorrow_session, user=learner)
    later = SessionFactory(starts_at=timezone.now() + timedelta(days=5))
    services.registration_create(session=later, user=make_user())

    with mails() as outbox:
        assert services.reminders_send_due() == 1
        assert services.reminders_send_due() == 0
        call_command("clinics_send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        clinics_send_reminders_task.enqueue()
    assert [m.subject for m in outbox] == ["Herinnering: Morgen kraken"]
    assert outbox[0].to == [learner.email]
    assert "nog geen oefenplan gekoppeld" in outbox[0].body
    registration = tomorrow_session.registrations.get()
    assert registration.reminder_sent_at is not None


def test_the_waiting_list_and_cancelled_get_no_reminder(tomorrow_session, make_user, mails):
    tomorrow_session.capacity = 1
    tomorrow_session.save()
    first, waiting = make_user(), make_user()
    registration = services.registration_create(session=tomorrow_session, user=first)
    services.registration_create(session=tomorrow_session, user=waiting)
    services.registration_cancel(registration=registration, user=first)  # waiting moves up
    with mails() as outbox:
        assert services.reminders_send_due() == 1
    assert [m.to for m in outbox] == [[waiting.email]]


def test_the_command_reports_the_count(tomorrow_session, learner, capsys):
    services.registration_create(session=tomorrow_session, user=learner)
    call_command("clinics_send_reminders")
    call_command("clinics_send_reminders")
    out = capsys.readouterr().out
    assert "Herinneringen verstuurd: 1" in out
    assert "Herinneringen verstuurd: 0" in out
