"""The assignment journey in a real browser: a team lead opens the assign page from the
team page, assigns a course to the whole team with a due date typed the Dutch way; the
learner sees it on the dashboard with the date; the reminder command sends the mail
three days before; the next course of the path refuses enrolment and says what to do
first. axe (and the 375 px check) on the assign page, the path page and the course page."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from learning.factories import (
    CourseIndexPageFactory,
    TeamFactory,
    TeamMembershipFactory,
    course_tree,
)
from learning.models import TeamRole
from learning.paths.models import LearningPath, PathCourse
from portal.accounts.factories import ProfileFactory

pytestmark = pytest.mark.browser

LEAD = "lotte@wijkteam.example.nl"
LEARNER = "noor@wijkteam.example.nl"


def test_a_lead_assigns_a_course_and_the_reminder_is_sent(
    log_in, log_out, browser_page, assert_accessible, site_root, tmp_path
):
    from playwright.sync_api import expect

    page = browser_page
    index = CourseIndexPageFactory(parent=site_root)
    basics = course_tree(index=index, title="Basis Doorbraakmethode", modules=1)
    advanced = course_tree(index=index, title="Verdieping", modules=1)
    path = LearningPath.objects.create(
        title="Doorbraak in het wijkteam", slug="wijkteam", description="Van basis tot casus."
    )
    PathCourse.objects.create(path=path, course=basics, sort_order=0)
    PathCourse.objects.create(path=path, course=advanced, prerequisite=basics, sort_order=1)
    lead = ProfileFactory(user__email=LEAD, user__first_name="Lotte", user__last_name="Leider")
    learner = ProfileFactory(user__email=LEARNER, user__first_name="Noor", user__last_name="Bakker")
    team = TeamFactory(name="Wijkteam Noord")
    TeamMembershipFactory(team=team, user=lead.user, role=TeamRole.LEAD)
    TeamMembershipFactory(team=team, user=learner.user)
    due = timezone.localdate() + timedelta(days=3)

    # 1. The lead goes from the team page to the assign page and assigns the course.
    log_in(page, LEAD)
    page.goto(f"/leren/team/{team.pk}/")
    page.get_by_role("link", name="Cursus of leerlijn toewijzen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cursus toewijzen aan Wijkteam Noord")
    assert_accessible(page)
    page.screenshot(path=tmp_path / "paths-assign.png", full_page=True)
    page.get_by_label("Cursus of leerlijn").select_option(label="Basis Doorbraakmethode")
    page.get_by_label("Het hele team").check()
    page.get_by_label("Uiterlijk af op").fill(due.strftime("%d-%m-%Y"))
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_text("Toegewezen: 1 cursus(sen)")).to_be_visible()
    table = page.get_by_role("table", name="Toegewezen cursussen per teamlid")
    expect(table.get_by_role("row", name=re.compile("Noor Bakker"))).to_contain_text(
        due.strftime("%d-%m-%Y")
    )
    assert_accessible(page)
    log_out(page)

    # 2. The learner sees the course with its date on the dashboard, and the path.
    log_in(page, LEARNER)
    page.goto("/leren/")
    assigned = page.locator("section.paths-assigned")
    expect(assigned.get_by_role("link", name="Basis Doorbraakmethode")).to_be_visible()
    expect(assigned).to_contain_text(f"Uiterlijk af op {due:%d-%m-%Y}")
    expect(page.locator("section.paths-dashboard")).to_contain_text("0 van 2 cursussen afgerond")
    page.screenshot(path=tmp_path / "paths-dashboard.png", full_page=True)

    # 3. The path page lists its courses with the learner's status.
    page.get_by_role("link", name="Doorbraak in het wijkteam").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Doorbraak in het wijkteam")
    expect(page.get_by_text("Eerst ‘Basis Doorbraakmethode’ afronden")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=tmp_path / "paths-path.png", full_page=True)

    # 4. The next course of the path says what to do first and refuses enrolment.
    page.get_by_role("link", name="Verdieping").click()
    notice = page.locator(".paths-prerequisite")
    expect(notice).to_contain_text("Rond eerst de cursus ‘Basis Doorbraakmethode’ af")
    page.get_by_role("button", name="Inschrijven voor deze cursus").click()
    expect(page.locator(".portal-messages")).to_contain_text("Rond eerst de cursus")
    assert_accessible(page)
    page.screenshot(path=tmp_path / "paths-course.png", full_page=True)

    # 5. The reminder job sends the mail three days before, once.
    mail.outbox.clear()
    call_command("paths_send_reminders", stdout=StringIO())
    call_command("paths_send_reminders", stdout=StringIO())
    reminders = [m for m in mail.outbox if m.subject.startswith("Herinnering: cursussen")]
    assert len(reminders) == 1, [m.subject for m in mail.outbox]
    assert reminders[0].to == [LEARNER]
    assert f"af uiterlijk op {due:%d-%m-%Y}" in reminders[0].body
