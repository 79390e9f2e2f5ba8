"""The author reads the facilitator's comments on their practice plan page (the include
`clinics/includes/plan_comments.html`); a team lead reading the shared plan does not."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from learning.clinics import services
from learning.factories import TeamFactory, TeamMembershipFactory
from learning.models import TeamRole
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commented_plan(session, learner, own_plan, facilitator):
    registration = services.registration_create(session=session, user=learner, plan=own_plan)
    services.plan_comment_create(
        registration=registration,
        section_key="perspectief",
        text="Wat wil het gezin zelf over zes maanden?",
        author=facilitator,
    )
    return own_plan


def test_the_author_reads_the_comments_on_the_plan_page(client, learner, commented_plan):
    client.force_login(learner)
    url = reverse("practice_plan_detail", args=[commented_plan.pk])
    page = BeautifulSoup(client.get(url).content, "html.parser")
    section = page.find(id="clinic-comments-heading").find_parent("section")
    assert section.h2.get_text(strip=True) == "Opmerkingen van de begeleider"
    assert section.h3.get_text(strip=True) == "Perspectief"
    text = section.get_text(" ", strip=True)
    assert "Wat wil het gezin zelf over zes maanden?" in text
    assert "Bram Begeleider" in text
    assert "Kraken in Zwolle" in text


def test_a_team_lead_reading_the_shared_plan_sees_no_comments(client, learner, commented_plan):
    commented_plan.shared_with_team = True
    commented_plan.save()
    team = TeamFactory()
    TeamMembershipFactory(team=team, user=learner)
    lead = UserFactory()
    TeamMembershipFactory(team=team, user=lead, role=TeamRole.LEAD)
    client.force_login(lead)
    response = client.get(reverse("practice_plan_detail", args=[commented_plan.pk]))
    assert response.status_code == 200
    assert "Wat wil het gezin zelf" not in response.content.decode()


def test_no_comments_no_section(client, learner, own_plan):
    client.force_login(learner)
    response = client.get(reverse("practice_plan_detail", args=[own_plan.pk]))
    assert response.status_code == 200
    assert "Opmerkingen van de begeleider" not in response.content.decode()


def test_the_dashboard_and_the_header_link_the_sessions(client, learner, site_root):
    client.force_login(learner)
    page = BeautifulSoup(client.get(reverse("learning_dashboard")).content, "html.parser")
    assert page.find("a", string="Mijn sessies")["href"] == reverse("clinics:mine")
    nav = page.find("nav", attrs={"aria-label": "Hoofdmenu"})
    assert nav.find("a", string="Sessies")["href"] == reverse("clinics:list")
