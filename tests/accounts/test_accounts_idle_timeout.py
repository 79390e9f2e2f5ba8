"""Idle sessions end: after 8 hours for staff who can reach the admin, after 14 days for
everyone else; the visitor is told why and comes back where they were."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.urls import reverse

from portal.accounts.factories import UserFactory
from portal.accounts.middleware import LAST_SEEN_KEY

pytestmark = pytest.mark.django_db

HOUR = 3600


def idle_for(client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


@pytest.fixture
def staff(db):
    return UserFactory(groups=[Group.objects.get(name="Hulplijn")])


def test_staff_idle_for_a_working_day_are_logged_out_and_told_why(client, site_root, staff):
    client.force_login(staff)
    idle_for(client, 9 * HOUR)

    response = client.get("/leren/")

    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert url.path == reverse("account_login")
    assert parse_qs(url.query)["next"] == ["/leren/"]
    assert SESSION_KEY not in client.session
    page = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert "Je was een tijd niet actief en bent daarom uitgelogd." in page.get_text()


def test_staff_who_keep_working_stay_logged_in(client, site_root, staff):
    client.force_login(staff)
    idle_for(client, 7 * HOUR)
    assert client.get("/").status_code == 200
    idle_for(client, 7 * HOUR)  # seven more hours after the last page: still within 8
    assert client.get("/").status_code == 200
    assert client.session[SESSION_KEY] == str(staff.pk)


def test_a_learner_stays_logged_in_overnight_but_not_for_three_weeks(client, site_root):
    learner = UserFactory()
    client.force_login(learner)
    idle_for(client, 20 * HOUR)
    assert client.get("/").status_code == 200
    assert SESSION_KEY in client.session

    idle_for(client, 21 * 24 * HOUR)
    assert client.get("/").status_code == 302
    assert SESSION_KEY not in client.session
