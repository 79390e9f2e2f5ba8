"""Factories of the case clinics (tests and the demo)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from learning.factories import PracticePlanFactory
from portal.accounts.factories import UserFactory

from .models import FACILITATOR_GROUP, Audience, Registration, RegistrationStatus, Session

#: A practice plan's sections without a template page: (key, heading) text sections.
PLAN_SECTIONS = [
    {"key": "situatie", "heading": "Situatieschets", "kind": "text", "required": True},
    {"key": "perspectief", "heading": "Perspectief", "kind": "text", "required": True},
    {"key": "doorbraak", "heading": "Doorbraak", "kind": "text", "required": True},
]


def facilitator_group() -> Group:
    return Group.objects.get_or_create(name=FACILITATOR_GROUP)[0]


class FacilitatorFactory(UserFactory):
    """A user in the group "Begeleider"."""

    @factory.post_generation
    def facilitator(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.groups.add(facilitator_group())


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    title = factory.Sequence(lambda n: f"Kraak-en-maak-sessie {n}")
    description = "We kraken samen vastgelopen casussen en maken een doorbraakplan."
    starts_at = factory.LazyFunction(
        lambda: (timezone.localtime() + timedelta(days=7)).replace(
            hour=13, minute=30, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    online_url = ""
    location = "Stadskantoor, zaal 2.14"
    capacity = 10
    audience = Audience.EVERYONE
    facilitator = factory.SubFactory(FacilitatorFactory)
    study_load_hours = Decimal("3.0")


class ClinicPlanFactory(PracticePlanFactory):
    """A practice plan with three text sections, without a template page."""

    sections = factory.LazyFunction(lambda: [dict(s) for s in PLAN_SECTIONS])
    template_title = "Doorbraakplan"
    template_version = "2.0"
    answers = factory.LazyFunction(
        lambda: {
            "situatie": "Een gezin met schulden en een huurachterstand; vijf instanties.",
            "perspectief": "Over zes maanden een vaste woning en rust.",
        }
    )


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration as stored; tests of the rules register through the services."""

    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory)
    status = RegistrationStatus.REGISTERED
