"""Assignments: only the team's leads assign (others 404 / PermissionDenied); the learner
sees the course with its date and "te laat"; the team view and its CSV list members ×
assignments with who is late, in constant queries; the learner's own target date."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learning.factories import TeamMembershipFactory
from learning.models import TeamRole
from learning.paths import selectors, services
from learning.paths.models import Assignment, TargetDate
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def in_days(n: int):
    return timezone.localdate() + timedelta(days=n)


def test_a_lead_assigns_a_course_to_the_whole_team(team, team_lead, learner, basics):
    other = TeamMembershipFactory(team=team).user
    assignments = services.assignment_create(
        lead=team_lead, team=team, course=basics, due_date=in_days(14)
    )
    assert {a.user for a in assignments} == {learner, other}  # the lead is not a member
    # assigning again moves the date, no duplicate
    services.assignment_create(
        lead=team_lead, team=team, course=basics, due_date=in_days(20), user_ids=[learner.pk]
    )
    assert Assignment.objects.count() == 2
    assert Assignment.objects.get(user=learner).due_date == in_days(20)


def test_assigning_a_path_assigns_each_course(team, team_lead, learner, learning_path):
    services.assignment_create(lead=team_lead, team=team, path=learning_path, due_date=in_days(30))
    assert [a.course.title for a in Assignment.objects.order_by("course__path")] == [
        "Basis Doorbraakmethode",
        "Verdieping",
    ]


def test_only_the_teams_leads_may_assign(team, learner, basics):
    with pytest.raises(PermissionDenied):
        services.assignment_create(lead=learner, team=team, course=basics, due_date=in_days(5))
    other_lead = UserFactory()
    TeamMembershipFactory(user=other_lead, role=TeamRole.LEAD)  # lead of another team
    with pytest.raises(PermissionDenied):
        services.assignment_create(lead=other_lead, team=team, course=basics, due_date=in_days(5))


def test_a_date_in_the_past_is_refused(team, team_lead, basics):
    with pytest.raises(ValidationError):
        services.assignment_create(lead=team_lead, team=team, course=basics, due_date=in_days(-1))


def test_assign_page_is_404_for_others(client, team, learner):
    client.force_login(learner)
    assert client.get(f"/leerlijnen/team/{team.pk}/toewijzen/").status_code == 404
    assert client.get(f"/leerlijnen/team/{team.pk}/toewijzingen.csv").status_code == 404
    client.logout()
    assert client.get(f"/leerlijnen/team/{team.pk}/toewijzen/").status_code == 302


def test_the_assign_form_takes_a_dutch_date(client, team, team_lead, learner, basics):
    client.force_login(team_lead)
    due = in_days(10)
    response = client.post(
        f"/leerlijnen/team/{team.pk}/toewijzen/",
        {"what": f"course:{basics.pk}", "who": "team", "due_date": due.strftime("%d-%m-%Y")},
    )
    assert response.status_code == 302
    assert Assignment.objects.get(user=learner).due_date == due
    response = client.post(
        f"/leerlijnen/team/{team.pk}/toewijzen/",
        {"what": f"course:{basics.pk}", "who": "leden", "due_date": "31-02-2026"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Vul een datum in als dag-maand-jaar" in content
    assert "Kies minstens één teamlid" in content


def test_learner_sees_assigned_courses_with_date_and_late(client, team, team_lead, learner, basics):
    services.assignment_create(lead=team_lead, team=team, course=basics, due_date=in_days(3))
    client.force_login(learner)
    content = client.get("/leren/").content.decode()
    assert "Toegewezen cursussen" in content
    assert f"Uiterlijk af op {in_days(3):%d-%m-%Y}" in content
    assert "Te laat" not in content
    Assignment.objects.update(due_date=in_days(-2))
    content = client.get("/leren/").content.decode()
    assert "Te laat" in content


def test_completed_assignment_is_not_late(team, team_lead, learner, basics):
    from learning.services import enrolment_create

    services.assignment_create(lead=team_lead, team=team, course=basics, due_date=in_days(1))
    enrolment = enrolment_create(user=learner, course=basics)
    enrolment.completed_at = timezone.now()
    enrolment.save()
    (status,) = selectors.learner_assignments(user=learner, today=in_days(5))
    assert status.done and not status.overdue and status.label == "Afgerond"


def _team_with(team, team_lead, course, n: int):
    for _ in range(n):
        TeamMembershipFactory(team=team)
    services.assignment_create(lead=team_lead, team=team, course=course, due_date=in_days(2))
    # Everyone but the learner is late (by account, not by first name: the factory's
    # random members are sometimes called Sanne too).
    learner = team.memberships.get(user__email="sanne@example.org").user
    Assignment.objects.filter(user__team_memberships__team=team).exclude(user=learner).update(
        due_date=in_days(-1)
    )


@pytest.mark.parametrize("n_members", [2, 20])
def test_team_view_and_csv_show_who_is_late_in_constant_queries(
    client, team, team_lead, learner, basics, n_members, django_assert_max_num_queries
):
    _team_with(team, team_lead, basics, n_members)
    report = selectors.team_assignments(team=team)
    assert len(report.rows) == n_members + 1
    assert report.late == n_members
    client.force_login(team_lead)
    with django_assert_max_num_queries(32):
        response = client.get(f"/leren/team/{team.pk}/")
    content = response.content.decode()
    assert "Toegewezen cursussen per teamlid" in content
    assert "Te laat" in content
    with django_assert_max_num_queries(12):
        response = client.get(f"/leerlijnen/team/{team.pk}/toewijzingen.csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffTeam;Teamlid;Cursus;Uiterlijk af op;Status")
    lines = text.strip().splitlines()
    assert len(lines) == 1 + n_members + 1
    assert sum(1 for line in lines if line.endswith(";Ja")) == n_members
    assert any("Sanne de Vries;Basis Doorbraakmethode" in line for line in lines)


def test_learner_sets_own_target_date(client, learner, basics):
    client.force_login(learner)
    due = in_days(21)
    response = client.post(
        f"/leerlijnen/streefdatum/{basics.pk}/", {"target_date": due.strftime("%d-%m-%Y")}
    )
    assert response.status_code == 302
    assert TargetDate.objects.get(user=learner, course=basics).target_date == due
    content = client.get(basics.url).content.decode()
    assert f"Je wilt deze cursus afronden op {due:%d-%m-%Y}" in content
    client.post(f"/leerlijnen/streefdatum/{basics.pk}/", {"target_date": ""})
    assert not TargetDate.objects.exists()


def test_export_and_deletion_cover_the_learners_data(team, team_lead, learner, basics):
    from portal.accounts.deletion import registered_account_deleters
    from portal.accounts.export import registered_exporters

    services.assignment_create(lead=team_lead, team=team, course=basics, due_date=in_days(3))
    services.target_date_set(user=learner, course=basics, target_date=in_days(9))
    data = registered_exporters()["leerlijnen_en_toewijzingen"](learner)
    assert data["toewijzingen"][0]["cursus"] == "Basis Doorbraakmethode"
    assert data["streefdata"][0]["streefdatum"] == in_days(9)
    assert registered_account_deleters()["leerlijnen_en_toewijzingen"](learner) == 2
    assert not Assignment.objects.exists()
