"""Registering, cancelling and the waiting list (`registration_create`,
`registration_cancel`): capacity is never exceeded, a freed place goes to the first on
the waiting list with a mail, a double submit gets a Dutch message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from learning.clinics import services
from learning.clinics.factories import SessionFactory
from learning.clinics.models import Audience, RegistrationStatus
from learning.clinics.selectors import registration_waiting_position
from learning.factories import TeamFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db


def test_places_until_full_then_the_waiting_list_in_order(session, make_user, mails):
    users = [make_user() for _ in range(4)]
    with mails() as outbox:
        registrations = [services.registration_create(session=session, user=u) for u in users]
    assert [r.status for r in registrations] == [
        RegistrationStatus.REGISTERED,
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITING,
        RegistrationStatus.WAITING,
    ]
    assert [registration_waiting_position(registration=r) for r in registrations] == [
        None,
        None,
        1,
        2,
    ]
    subjects = [m.subject for m in outbox]
    assert subjects[:2] == ["Inschrijving: Kraken in Zwolle"] * 2
    assert subjects[2:] == ["Wachtlijst: Kraken in Zwolle"] * 2
    assert "plaats 2" in outbox[3].body
    assert session.registrations.filter(status=RegistrationStatus.REGISTERED).count() == 2


def test_a_freed_place_goes_to_the_first_on_the_waiting_list_with_a_mail(session, make_user, mails):
    first, second, waiting_1, waiting_2 = (make_user() for _ in range(4))
    registrations = {}
    for user in (first, second, waiting_1, waiting_2):
        registrations[user] = services.registration_create(session=session, user=user)

    with mails() as outbox:
        services.registration_cancel(registration=registrations[first], user=first)

    for registration in registrations.values():
        registration.refresh_from_db()
    assert registrations[first].status == RegistrationStatus.CANCELLED
    assert registrations[waiting_1].status == RegistrationStatus.REGISTERED
    assert registrations[waiting_2].status == RegistrationStatus.WAITING
    assert registration_waiting_position(registration=registrations[waiting_2]) == 1
    by_recipient = {m.to[0]: m for m in outbox}
    assert by_recipient[first.email].subject == "Afgemeld: Kraken in Zwolle"
    promoted = by_recipient[waiting_1.email]
    assert promoted.subject == "Plaats vrijgekomen: Kraken in Zwolle"
    assert "niet meer op de wachtlijst" in promoted.body
    assert promoted.attachments[0][0].endswith(".ics")
    assert waiting_2.email not in by_recipient


def test_cancelling_from_the_waiting_list_frees_no_place(session, make_user, mails):
    users = [make_user() for _ in range(3)]
    registrations = [services.registration_create(session=session, user=u) for u in users]
    with mails() as outbox:
        services.registration_cancel(registration=registrations[2], user=users[2])
    assert outbox == []
    assert session.registrations.filter(status=RegistrationStatus.REGISTERED).count() == 2


def test_a_double_submit_gets_a_dutch_message(session, learner):
    services.registration_create(session=session, user=learner)
    with pytest.raises(ValidationError) as error:
        services.registration_create(session=session, user=learner)
    assert error.value.messages == ["Je bent al ingeschreven voor deze sessie."]
    assert session.registrations.count() == 1


def test_registering_again_after_cancelling_reuses_the_row(session, learner):
    registration = services.registration_create(session=session, user=learner)
    services.registration_cancel(registration=registration, user=learner)
    again = services.registration_create(session=session, user=learner)
    assert again.pk == registration.pk
    assert again.status == RegistrationStatus.REGISTERED


def test_cancelling_twice_is_refused(session, learner):
    registration = services.registration_create(session=session, user=learner)
    services.registration_cancel(registration=registration, user=learner)
    with pytest.raises(ValidationError, match="al afgemeld"):
        services.registration_cancel(registration=registration, user=learner)


def test_a_started_session_takes_no_registrations(facilitator, learner):
    started = SessionFactory(
        facilitator=facilitator, starts_at=timezone.now() - timedelta(minutes=5)
    )
    with pytest.raises(ValidationError, match="al begonnen"):
        services.registration_create(session=started, user=learner)


def test_a_team_session_is_open_to_its_members_only(facilitator, learner, make_user):
    team = TeamFactory()
    TeamMembershipFactory(team=team, user=learner)
    team_session = SessionFactory(facilitator=facilitator, audience=Audience.TEAM, team=team)
    assert services.registration_create(session=team_session, user=learner)
    with pytest.raises(ValidationError, match="niet open"):
        services.registration_create(session=team_session, user=make_user())


def test_raising_the_capacity_fills_it_from_the_waiting_list(session, make_user, mails):
    users = [make_user() for _ in range(3)]
    for user in users:
        services.registration_create(session=session, user=user)
    session.capacity = 3
    session.save()
    with mails() as outbox:
        promoted = services.session_fill_from_waiting_list(session=session)
    assert [r.user for r in promoted] == [users[2]]
    assert [m.to for m in outbox] == [[users[2].email]]


def test_the_session_rules(facilitator):
    session = SessionFactory.build(
        facilitator=facilitator,
        location="",
        online_url="",
        audience=Audience.TEAM,
        team=None,
    )
    session.ends_at = session.starts_at - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert set(error.value.message_dict) >= {"ends_at", "location", "team"}
