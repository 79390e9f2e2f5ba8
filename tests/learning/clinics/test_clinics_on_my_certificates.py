"""Attendance at a kraak-en-maak-sessie counts as accredited study load: the learner
sees the sessions they attended on "Mijn certificaten", beside their certificates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from learning.clinics.factories import RegistrationFactory, SessionFactory
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_attended_sessions_are_listed_with_their_study_load(client):
    learner = UserFactory()
    attended = SessionFactory(title="Kraak-en-maak Zwolle", study_load_hours=Decimal("2.5"))
    missed = SessionFactory(title="Kraak-en-maak Utrecht")
    RegistrationFactory(session=attended, user=learner, attended=True)
    RegistrationFactory(session=missed, user=learner, attended=False)
    RegistrationFactory(session=missed, user=UserFactory(), attended=True)  # someone else
    client.force_login(learner)

    page = BeautifulSoup(client.get(reverse("learning_certificate_list")).content, "html.parser")

    table = page.find("caption", string="Sessies waarbij je aanwezig was").find_parent("table")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.tbody.find_all("tr")
    ]
    assert len(rows) == 1
    assert rows[0][0] == "Kraak-en-maak Zwolle"
    assert rows[0][2] == "2,5 uur"
    assert "Je hebt nog geen certificaten" not in page.get_text()


def test_without_sessions_or_certificates_the_page_says_how_to_get_one(client):
    client.force_login(UserFactory())

    page = BeautifulSoup(client.get(reverse("learning_certificate_list")).content, "html.parser")

    assert "Je hebt nog geen certificaten" in page.get_text()
    assert page.find("caption", string="Sessies waarbij je aanwezig was") is None
