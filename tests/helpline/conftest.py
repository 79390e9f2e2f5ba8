"""Fixtures for the helpline tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from portal.accounts.factories import GroupFactory, ProfileFactory, UserFactory
from portal.accounts.models import Role
from portal.helpline.factories import hulplijn_staff


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    """Rate-limit counters live in the (local-memory) cache: start every test at zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def professional(db):
    profile = ProfileFactory(
        user__first_name="Sanne",
        user__last_name="de Wit",
        user__email="sanne.dewit@wijkteam.example.org",
        organisation="Wijkteam Noord",
        role=Role.WIJKTEAM,
    )
    return profile.user


@pytest.fixture
def staff(db):
    return hulplijn_staff(first_name="Hanna", last_name="Hulp", email="hanna@ipw.example.org")


@pytest.fixture
def team_lead(db):
    return UserFactory(groups=[GroupFactory(name="Teamleider")])


def _question_post(**overrides) -> dict[str, str]:
    """A valid POST for the question form."""
    data = {
        "name": "Sanne de Wit",
        "organisation": "Wijkteam Noord",
        "role": Role.WIJKTEAM,
        "email": "sanne.dewit@wijkteam.example.org",
        "phone": "030 123 45 67",
        "question": "Hoe onderbouw ik een uitzondering op de wachttijd voor schuldhulp?",
        "barrier": "De gemeente helpt pas na drie maanden stabiel inkomen.",
        "related_law": "Wet gemeentelijke schuldhulpverlening (Wgs)",
        "region": "Utrecht",
        "contact_preference": "phone",
        "contact_time": "dinsdagochtend",
        "context_url": "",
        "extra_veld": "",
    }
    data.update(overrides)
    return data


def _referral_post(**overrides) -> dict[str, str]:
    data = {
        "name": "Dokter Bakker",
        "organisation": "Huisartsenpraktijk Daalhof",
        "role": Role.HUISARTS,
        "email": "bakker@praktijk.example.org",
        "phone": "043 123 45 67",
        "region": "Maastricht",
        "situation": "Gezin met schulden, dreigende huisuitzetting en zorg die vastloopt.",
        "consent": "on",
        "contact_preference": "phone",
        "contact_time": "",
        "extra_veld": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def question_post():
    """`question_post(**overrides)`: a valid POST for the question form."""
    return _question_post


@pytest.fixture
def referral_post():
    """`referral_post(**overrides)`: a valid POST for the referral form."""
    return _referral_post
