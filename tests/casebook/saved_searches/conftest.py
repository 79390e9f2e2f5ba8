"""Fixtures of the saved-search tests: a casebook with a few indexed cases, a
professional, and helpers to publish a case later and to catch the mails."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.utils import timezone

from casebook.case_search.indexing import case_index_rebuild
from casebook.factories import CasePageFactory, RegionFactory
from casebook.models import ProblemDomain
from portal.accounts.factories import UserFactory


def domains(*names: str) -> list[ProblemDomain]:
    return [ProblemDomain.objects.get(name=name) for name in names]


@pytest.fixture
def professional(db):
    return UserFactory(first_name="Noor", last_name="Bakker", email="noor@wijkteam.example.nl")


@pytest.fixture
def cases(index):
    """Three cases published a week ago (before any search in the tests is saved)."""
    week_ago = timezone.now() - timedelta(days=7)
    zwolle = RegionFactory(name="Zwolle")
    deventer = RegionFactory(name="Deventer")
    made = [
        CasePageFactory(
            parent=index,
            title="Huurachterstand betaald uit bijzondere bijstand",
            region=zwolle,
            year=2024,
            domains=domains("Schulden", "Wonen"),
            first_published_at=week_ago,
        ),
        CasePageFactory(
            parent=index,
            title="Medicijnen vergoed via de gemeente",
            region=deventer,
            year=2024,
            domains=domains("Schulden", "Lichamelijke gezondheid"),
            first_published_at=week_ago,
        ),
        CasePageFactory(
            parent=index,
            title="Jeugdhulp na een verhuizing",
            region=deventer,
            year=2023,
            domains=domains("Wonen", "Jeugdzorg en opvoeding"),
            first_published_at=week_ago,
        ),
    ]
    case_index_rebuild()
    return made


@pytest.fixture
def publish(index, django_capture_on_commit_callbacks):
    """`publish(title=..., domains=[...], region=..., ...)`: a case published now (or at
    `first_published_at`), with its index update run as after a real commit."""

    def _publish(*, domain_names=("Schulden", "Wonen"), **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return CasePageFactory(parent=index, domains=domains(*domain_names), **kwargs)

    return _publish


@pytest.fixture
def mails(mailoutbox, django_capture_on_commit_callbacks):
    """`with mails() as outbox:` the mails queued inside, as sent after the commit."""

    @contextmanager
    def capture():
        with django_capture_on_commit_callbacks(execute=True):
            yield mailoutbox

    return capture
