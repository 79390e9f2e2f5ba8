"""Overlapping registrations never exceed the capacity (the session row is locked with
`select_for_update`). Real concurrency needs PostgreSQL (`bash tools/postgres.sh run --
.venv/bin/python -m pytest tests/learning/clinics`); SQLite serialises writes anyway."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from learning.clinics import services
from learning.clinics.factories import SessionFactory
from learning.clinics.models import RegistrationStatus
from portal.accounts.factories import UserFactory

pytestmark = [
    pytest.mark.postgresql,  # the SQLite stage deselects it; the PostgreSQL stage runs it
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_overlapping_registrations_never_exceed_the_capacity():
    session = SessionFactory(capacity=2)
    users = [UserFactory() for _ in range(8)]
    start = threading.Barrier(len(users))
    errors: list[BaseException] = []

    def register(user):
        try:
            start.wait()
            services.registration_create(session=session, user=user)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(session.registrations.values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.REGISTERED) == 2
    assert statuses.count(RegistrationStatus.WAITING) == 6


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_submit_at_the_same_moment_gives_one_registration():
    session = SessionFactory(capacity=5)
    user = UserFactory()
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def register():
        try:
            start.wait()
            services.registration_create(session=session, user=user)
            outcomes.append("ok")
        except Exception as error:  # noqa: BLE001 - the message is the outcome
            outcomes.append(" ".join(getattr(error, "messages", [repr(error)])))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["Je bent al ingeschreven voor deze sessie.", "ok"]
    assert session.registrations.count() == 1
