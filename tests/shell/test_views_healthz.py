"""/healthz/ for monitoring: ok when everything works; degraded (still 200: the site works
on) when the search engine does not answer or mails wait too long."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.helpline.factories import SubmissionFactory
from portal.helpline.models import MailKind, MailStatus, OutgoingMail
from search.backends.breaker import reset_breakers

pytestmark = pytest.mark.django_db


def test_all_well(client, settings):
    settings.ELASTICSEARCH_URL = settings.OPENSEARCH_URL = ""  # the database engine alone
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "search": {
            "engine": "database",
            "status": "ok",
            "engine_state": "up",
            "outbox": {"pending": 0, "failing": 0, "oldest_pending_age_seconds": None},
        },
        "mail": {"status": "ok", "overdue": 0, "failed_last_day": 0},
    }


def test_a_mail_that_waits_too_long_makes_mail_degraded(client):
    OutgoingMail.objects.create(
        submission=SubmissionFactory(),
        kind=MailKind.CONFIRMATION,
        to=["professional@example.org"],
        subject="Ontvangen",
        body="…",
        status=MailStatus.PENDING,
        attempts=3,
        next_attempt_at=timezone.now() - timedelta(hours=1),
    )
    response = client.get("/healthz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["mail"]["overdue"] == 1


def test_an_unreachable_search_engine_makes_search_degraded(client, settings, closed_port):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    settings.OPENSEARCH_URL = ""
    reset_breakers()
    response = client.get("/healthz/")
    reset_breakers()
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    search = body["search"]
    # A failed ping opens the engine's circuit breaker at once: either says "not there".
    assert search.pop("engine_state") in {"down", "breaker_open"}
    assert search == {
        "engine": "elasticsearch",
        "status": "degraded",
        "outbox": {"pending": 0, "failing": 0, "oldest_pending_age_seconds": None},
    }
