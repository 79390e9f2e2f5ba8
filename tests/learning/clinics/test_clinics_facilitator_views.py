"""The facilitator's pages: the participants, the plans brought (read-only, with a
comment form per section) and attendance. Everybody but the facilitator of that session
gets 404: other facilitators, team leads, staff and the participants themselves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from learning.clinics import services
from learning.clinics.factories import FacilitatorFactory
from learning.factories import TeamFactory, TeamMembershipFactory
from learning.models import TeamRole
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(session, learner, own_plan):
    return services.registration_create(session=session, user=learner, plan=own_plan)


def _urls(session, registration):
    return [
        reverse("clinics:facilitator", args=[session.pk]),
        reverse("clinics:facilitator_plan", args=[session.pk, registration.pk]),
        reverse("clinics:facilitator_attendance", args=[session.pk]),
    ]


def _team_lead_of(user):
    team = TeamFactory()
    TeamMembershipFactory(team=team, user=user)
    lead = UserFactory()
    TeamMembershipFactory(team=team, user=lead, role=TeamRole.LEAD)
    return lead


@pytest.mark.parametrize("who", ["other_facilitator", "team_lead", "superuser", "participant"])
def test_nobody_but_the_facilitator_sees_the_plans(client, session, registration, learner, who):
    own_plan = registration.plan
    own_plan.shared_with_team = True  # even a plan shared with the team lead
    own_plan.save()
    visitor = {
        "other_facilitator": lambda: FacilitatorFactory(),
        "team_lead": lambda: _team_lead_of(learner),
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
        "participant": lambda: learner,
    }[who]()
    client.force_login(visitor)
    for url in _urls(session, registration):
        assert client.get(url).status_code == 404, url
    response = client.post(
        _urls(session, registration)[1], {"section": "situatie", "text": "Stiekem."}
    )
    assert response.status_code == 404
    assert not registration.comments.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, session, registration):
    response = client.get(_urls(session, registration)[0])
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_facilitator_reads_the_plan_and_comments(client, session, registration, facilitator):
    client.force_login(facilitator)
    page = BeautifulSoup(client.get(_urls(session, registration)[0]).content, "html.parser")
    link = page.find("a", string="Gezin met huurschuld")
    assert link["href"] == _urls(session, registration)[1]

    page = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    assert page.h1.get_text(strip=True) == "Gezin met huurschuld"
    headings = [h.get_text(strip=True) for h in page.select("section h2")]
    assert headings == ["Situatieschets", "Perspectief", "Doorbraak"]
    assert "Een gezin met schulden" in page.get_text()
    assert page.select_one("#opmerking-situatie-text")  # a labelled comment box per section
    assert page.find("label", attrs={"for": "opmerking-situatie-text"})

    response = client.post(
        link["href"], {"section": "perspectief", "text": "Wat wil het gezin zelf?"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#onderdeel-perspectief")
    page = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    section = page.find(id="onderdeel-perspectief").find_parent("section")
    assert "Wat wil het gezin zelf?" in section.get_text()


def test_a_refused_comment_shows_the_guard_message_and_keeps_the_text(
    client, session, registration, facilitator
):
    client.force_login(facilitator)
    url = _urls(session, registration)[1]
    text = "Bel haar op 06-12345678."
    response = client.post(url, {"section": "doorbraak", "text": text})
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.select_one(".portal-error-summary")
    assert "06-12345678" in summary.get_text()
    assert page.select_one("#opmerking-doorbraak-text").get_text().strip() == text
    assert not registration.comments.exists()


def test_attendance_after_the_session(client, session, registration, facilitator, make_user):
    other = services.registration_create(session=session, user=make_user())
    session.starts_at = timezone.now() - timedelta(hours=1)
    session.ends_at = timezone.now() + timedelta(hours=1)
    session.save()
    client.force_login(facilitator)
    url = _urls(session, registration)[2]
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert len(page.select("input[type=checkbox][name=present]")) == 2
    response = client.post(url, {"present": [str(registration.pk)]})
    assert response.status_code == 302
    registration.refresh_from_db()
    other.refresh_from_db()
    assert (registration.attended, other.attended) == (True, False)


def test_attendance_waits_for_the_start(client, session, registration, facilitator):
    client.force_login(facilitator)
    response = client.post(_urls(session, registration)[2], {"present": [str(registration.pk)]})
    assert response.status_code == 400
    assert "als de sessie begonnen is" in response.content.decode()
    registration.refresh_from_db()
    assert registration.attended is None
