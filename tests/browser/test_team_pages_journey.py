"""The team page of a large team in a real browser: 50 members a page, the pager keeps
the sort and the filter, and the page passes axe (and the 375 px check)."""

from __future__ import annotations

import pytest

from learning.factories import (
    CourseIndexPageFactory,
    TeamFactory,
    TeamMembershipFactory,
    course_tree,
)
from learning.models import TeamRole
from learning.services import enrolment_create
from portal.accounts.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.browser

LEAD = "lotte@wijkteam.example.nl"


def test_a_lead_pages_through_a_large_team(log_in, browser_page, assert_accessible, site_root):
    from playwright.sync_api import expect

    page = browser_page
    course = course_tree(
        index=CourseIndexPageFactory(parent=site_root), title="Basis Doorbraakmethode"
    )
    lead = ProfileFactory(user__email=LEAD, user__first_name="Lotte", user__last_name="Leider")
    team = TeamFactory(name="Wijkteam Groot")
    TeamMembershipFactory(team=team, user=lead.user, role=TeamRole.LEAD)
    for number in range(60):
        user = UserFactory(first_name="Lid", last_name=f"{number:03d}")
        TeamMembershipFactory(team=team, user=user)
        if number % 2:
            enrolment_create(user=user, course=course)

    log_in(page, LEAD)
    page.goto(f"/leren/team/{team.pk}/")
    expect(page.get_by_text("Je ziet teamleden 1 tot en met 50 van 60.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Paginering")).to_contain_text("Pagina 1 van 2")
    assert_accessible(page)

    page.get_by_role("link", name="Volgende pagina").click()
    expect(page.get_by_text("Je ziet teamleden 51 tot en met 60 van 60.")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Lid 059")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="niet gestart").click()
    expect(page.get_by_role("rowheader", name="Lid 000")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Lid 001")).to_have_count(0)
    assert "status=not_started" in page.url
