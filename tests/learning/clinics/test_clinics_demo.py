"""The clinics' demo: a facilitator and two upcoming sessions, created once."""

from __future__ import annotations

import pytest

from learning.clinics.demo import FACILITATOR_EMAIL, PROFESSIONAL_EMAIL, clinics_demo_load
from learning.clinics.factories import ClinicPlanFactory
from learning.clinics.models import FACILITATOR_GROUP, Session
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_is_idempotent(mails):
    professional = UserFactory(email=PROFESSIONAL_EMAIL)
    plan = ClinicPlanFactory(owner=professional)
    with mails():
        first = clinics_demo_load()
        second = clinics_demo_load()
    assert [s.pk for s in first] == [s.pk for s in second]
    assert Session.objects.count() == 2
    online, zwolle = first
    assert online.online_url and not zwolle.online_url
    assert online.facilitator.email == FACILITATOR_EMAIL
    assert online.facilitator.groups.filter(name=FACILITATOR_GROUP).exists()
    registration = online.registrations.get()
    assert (registration.user, registration.plan) == (professional, plan)
