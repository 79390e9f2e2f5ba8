"""Sessions in the Wagtail admin: IPW moderators and facilitators schedule them (group
"Begeleider" from the data migration); the listing filters; the guard on the texts."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse

from learning.clinics import services
from learning.clinics.models import FACILITATOR_GROUP, Session
from portal.accounts.factories import client_login_with_mfa

pytestmark = pytest.mark.django_db


def test_the_migration_creates_the_facilitator_group_with_session_permissions():
    group = Group.objects.get(name=FACILITATOR_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "add_session", "change_session", "view_session"} <= codenames
    moderator = Group.objects.get(name="IPW moderator")
    assert moderator.permissions.filter(codename="export_attendance").exists()


def test_a_moderator_lists_and_filters_sessions(client, moderator, session):
    client_login_with_mfa(client, moderator)
    url = reverse("wagtailsnippets_clinics_session:list")
    response = client.get(url)
    assert response.status_code == 200
    assert "Kraken in Zwolle" in response.content.decode()
    assert client.get(url, {"audience": "team"}).status_code == 200


def test_a_facilitator_schedules_a_session_and_the_guard_reads_the_description(client, facilitator):
    client_login_with_mfa(client, facilitator)
    url = reverse("wagtailsnippets_clinics_session:add")
    data = {
        "title": "Kraken in Heerlen",
        "description": "Bel 06-12345678 voor de casus.",
        "starts_at": "2027-01-14 13:30",
        "ends_at": "2027-01-14 16:30",
        "online_url": "",
        "location": "Stadhuis Heerlen",
        "region": "",
        "capacity": "12",
        "audience": "everyone",
        "team": "",
        "facilitator": str(facilitator.pk),
        "study_load_hours": "3.0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "06-12345678" in BeautifulSoup(response.content, "html.parser").get_text()
    assert not Session.objects.exists()
    data["description"] = "We kraken samen vastgelopen casussen."
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session = Session.objects.get()
    assert session.facilitator == facilitator
    assert services.session_url(session=session).endswith(f"/sessies/{session.pk}/")
