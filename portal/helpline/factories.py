"""Factories for helpline submissions and staff; used by tests and the demo loader."""

from __future__ import annotations

import factory
from django.contrib.auth.models import AbstractBaseUser, Group
from django.utils import timezone

from portal.accounts.factories import ProfileFactory, UserFactory
from portal.accounts.models import Role

from .due import due_at
from .mail import HULPLIJN_GROUP
from .models import (
    REFERENCE_PREFIX,
    CannedAnswer,
    ContactPreference,
    HouseholdType,
    Kind,
    Message,
    Status,
    Submission,
)


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A helpline question; ``kind=Kind.REFERRAL`` (or ReferralFactory) for a referral."""

    class Meta:
        model = Submission

    class Params:
        number = factory.Sequence(lambda n: n + 1)

    kind = Kind.QUESTION
    reference = factory.LazyAttribute(
        lambda o: f"{REFERENCE_PREFIX[Kind(o.kind)]}-{o.received_at.year}-{o.number:06d}"
    )
    user = None
    name = factory.Faker("name", locale="nl_NL")
    organisation = factory.Faker("company", locale="nl_NL")
    role = Role.WIJKTEAM
    email = factory.Sequence(lambda n: f"vraagsteller{n}@example.org")
    phone = "030 123 45 67"
    question = "Hoe onderbouw ik een uitzondering op de wachttijd voor schuldhulp?"
    barrier = "De gemeente wil pas helpen na drie maanden stabiel inkomen."
    related_law = "Wet gemeentelijke schuldhulpverlening (Wgs)"
    region = "Utrecht"
    urgent = False
    contact_preference = ContactPreference.PHONE
    received_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: due_at(o.received_at, urgent=o.urgent))
    status = Status.NEW


class ReferralFactory(SubmissionFactory):
    kind = Kind.REFERRAL
    question = ""
    barrier = ""
    related_law = ""
    situation = "Gezin met schulden en een dreigende huisuitzetting; zorg loopt vast op wachtlijst."
    consent_confirmed_at = factory.LazyAttribute(lambda o: o.received_at)
    region = "Maastricht"
    household_type = HouseholdType.SINGLE_PARENT
    organisations_involved = 4


class MessageFactory(factory.django.DjangoModelFactory):
    """A message in a thread: IPW's answer by default; ``from_staff=False`` (or
    ReplyFactory) for the professional's reply."""

    class Meta:
        model = Message

    submission = factory.SubFactory(SubmissionFactory)
    body = "Je kunt de bijzondere bijstand (art. 35 Participatiewet) als grondslag gebruiken."
    from_staff = True


#: IPW's answer (the name from before threads).
AnswerFactory = MessageFactory


class ReplyFactory(MessageFactory):
    from_staff = False
    author = factory.LazyAttribute(lambda o: o.submission.user)
    body = "Dank je. De gemeente vraagt nu om een verklaring van de huisarts; kan dat?"


class CannedAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CannedAnswer
        django_get_or_create = ("title",)

    title = factory.Sequence(lambda n: f"Standaardantwoord {n}")
    body = "Dank voor je vraag. We bellen je binnen twee werkdagen om mee te denken."


def hulplijn_group() -> Group:
    """The Hulplijn group from the migrations (with the helpline permission)."""
    return Group.objects.get(name=HULPLIJN_GROUP)


def hulplijn_staff(**kwargs) -> AbstractBaseUser:
    """A helpline staff member: in the Hulplijn group, with a profile."""
    user = UserFactory(groups=[hulplijn_group()], **kwargs)
    ProfileFactory(user=user, organisation="Instituut voor Publieke Waarden", role=Role.ANDERS)
    return user
