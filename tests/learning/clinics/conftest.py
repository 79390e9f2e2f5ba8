"""Fixtures of the case clinics' tests: a facilitator, a session they run, learners and
their practice plans."""

from __future__ import annotations

import pytest

from learning.clinics.factories import ClinicPlanFactory, FacilitatorFactory, SessionFactory
from portal.accounts.factories import UserFactory


@pytest.fixture
def facilitator(db):
    return FacilitatorFactory(
        first_name="Bram", last_name="Begeleider", email="bram@ipw.example.org"
    )


@pytest.fixture
def session(facilitator):
    return SessionFactory(title="Kraken in Zwolle", facilitator=facilitator, capacity=2)


@pytest.fixture
def make_user(db):
    def make(**kwargs):
        return UserFactory(**kwargs)

    return make


@pytest.fixture
def own_plan(learner):
    return ClinicPlanFactory(owner=learner, title="Gezin met huurschuld")


@pytest.fixture
def mails(mailoutbox, django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (the outbox sends after the commit) and give
    the outbox: `with mails() as outbox: ...`."""
    from contextlib import contextmanager

    @contextmanager
    def capture():
        with django_capture_on_commit_callbacks(execute=True):
            yield mailoutbox

    return capture
