"""Demo content of the case clinics: a facilitator and two sessions (one online, one on
location in Zwolle), with the demo professional registered for the online one and their
first practice plan brought along. Idempotent: creates only what is missing.

The shell's demo loader discovers a module-level `load(*, home)`; this module offers
`clinics_demo_load()` for the lead to wire in (e.g. `load = ...` plus DEMO_AFTER).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import ValidationError
from django.utils import timezone

from casebook.models import Region
from learning.models import PracticePlan
from portal.accounts.demo import DEMO_EMAIL_DOMAIN

from .models import FACILITATOR_GROUP, Audience, Registration, Session
from .services import registration_attach_plan, registration_create

FACILITATOR_EMAIL = f"begeleider@{DEMO_EMAIL_DOMAIN}"
PROFESSIONAL_EMAIL = f"professional@{DEMO_EMAIL_DOMAIN}"
DEMO_AFTER = ("learning", "casebook", "accounts")


def _facilitator() -> AbstractBaseUser:
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=FACILITATOR_EMAIL).first()
    if user is None:
        user = user_model.objects.create_user(
            username=FACILITATOR_EMAIL,
            email=FACILITATOR_EMAIL,
            password=settings.PORTAL_DEMO_PASSWORD,
            first_name="Femke",
            last_name="Begeleider",
        )
    user.groups.add(Group.objects.get_or_create(name=FACILITATOR_GROUP)[0])
    return user


def _at(days: int, hour: int) -> timezone.datetime:
    return (timezone.localtime() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def clinics_demo_load(*, home: object = None) -> list[Session]:
    """Create the demo facilitator and two upcoming sessions (if missing)."""
    facilitator = _facilitator()
    zwolle = Region.objects.filter(name__iexact="Zwolle").first()
    specs = [
        {
            "title": "Online kraak-en-maak: vastgelopen schulden",
            "description": (
                "Breng een casus mee waarin schulden de rest blokkeren. We zoeken samen de "
                "doorbraak en de wettelijke grondslag voor de uitzondering."
            ),
            "starts_at": _at(14, 14),
            "online_url": "https://meet.example.org/kraak-en-maak",
            "location": "",
            "region": None,
            "capacity": 12,
        },
        {
            "title": "Kraak-en-maak in Zwolle: wonen en zorg",
            "description": (
                "Een middag met wijkteams en huisartsenpraktijken uit de regio: we maken in "
                "kleine groepen een doorbraakplan voor ieders meegebrachte casus."
            ),
            "starts_at": _at(21, 13),
            "online_url": "",
            "location": "Stadskantoor Zwolle, zaal De Doorbraak",
            "region": zwolle,
            "capacity": 8,
        },
    ]
    sessions = []
    for spec in specs:
        session = Session.objects.filter(title=spec["title"]).first()
        if session is None:
            session = Session.objects.create(
                **spec,
                ends_at=spec["starts_at"] + timedelta(hours=3),
                audience=Audience.EVERYONE,
                facilitator=facilitator,
                study_load_hours=Decimal("3.0"),
            )
        sessions.append(session)

    professional = get_user_model().objects.filter(email__iexact=PROFESSIONAL_EMAIL).first()
    if (
        professional is not None
        and not Registration.objects.filter(session=sessions[0], user=professional).exists()
    ):
        registration = registration_create(session=sessions[0], user=professional)
        plan = PracticePlan.objects.filter(owner=professional).order_by("pk").first()
        if plan is not None:
            try:
                registration_attach_plan(registration=registration, plan=plan, user=professional)
            except ValidationError:  # a demo plan the guard refuses stays at home
                pass
    return sessions


#: Found by the demo loader (portal.shell.demo).
load = clinics_demo_load
