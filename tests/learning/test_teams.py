"""Teams: what a team lead sees of their team, what nobody else sees, the CSV export,
queries that stay constant as a team grows, and the admin (snippet and group)."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.http import StreamingHttpResponse
from django.urls import reverse

from learning.factories import CoursePageFactory, TeamFactory, TeamMembershipFactory, course_tree
from learning.models import Team, TeamKind, TeamRole
from learning.services import answer_submit, attempt_submit, enrolment_create, lesson_complete
from learning.teams import (
    CSV_HEADERS,
    TEAM_LEAD_GROUP,
    team_lead_group_sync,
    team_membership_remove,
    team_membership_set,
    team_progress,
)
from portal.accounts.factories import UserFactory, client_login_with_mfa
from portal.core import page_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_kept(monkeypatch):
    """Counted requests follow a warm-up at once, but a busy machine may take more than
    the process-local cache's ten seconds (portal.core.page_cache): keep its values."""
    monkeypatch.setattr(page_cache, "LOCAL_TIMEOUT", 3600)


# --------------------------------------------------------------------- helpers


def finish_course(user, course, lessons):
    """Answer the exercise lesson, complete every lesson and pass the final test."""
    lesson = lessons["Wat is een doorbraak"]
    answer_submit(user=user, lesson=lesson, block_id="single", answer={"options": ["s-right"]})
    answer_submit(
        user=user, lesson=lesson, block_id="multi", answer={"options": ["m-leg", "m-bet"]}
    )
    answer_submit(
        user=user,
        lesson=lesson,
        block_id="reflect",
        answer={"text": "GEHEIME REFLECTIE over mijn cliënt"},
    )
    for item in lessons.values():
        lesson_complete(user=user, lesson=item)
    attempt_submit(user=user, course=course, answers={"t1": ["t1-bad"], "t2": ["t2-c"]})
    attempt_submit(user=user, course=course, answers={"t1": ["t1-good"], "t2": ["t2-a", "t2-b"]})


@pytest.fixture
def team_setup(course, lessons_of):
    """A wijkteam with a lead and three members: Anna finished the course, Bram is one
    lesson in and failed the test once, Cas is not enrolled."""
    lessons = lessons_of(course)
    team = TeamFactory(name="Wijkteam Noord", organisation="Gemeente Demodorp")
    lead = UserFactory(first_name="Lieke", last_name="Leider")
    anna = UserFactory(first_name="Anna", last_name="Aalbers")
    bram = UserFactory(first_name="Bram", last_name="Bos")
    cas = UserFactory(first_name="Cas", last_name="Claes")
    TeamMembershipFactory(team=team, user=lead, role=TeamRole.LEAD)
    for user in (anna, bram, cas):
        TeamMembershipFactory(team=team, user=user)
    enrolment_create(user=anna, course=course)
    finish_course(anna, course, lessons)
    enrolment_create(user=bram, course=course)
    lesson_complete(user=bram, lesson=lessons["De waardendriehoek"])
    attempt_submit(user=bram, course=course, answers={"t1": ["t1-bad"], "t2": ["t2-c"]})
    return {"team": team, "lead": lead, "anna": anna, "bram": bram, "cas": cas}


def body(response) -> bytes:
    """The whole answer, streamed (the CSV) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    content = body(response)
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
    text = content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


# -------------------------------------------------------------- the lead's view


def test_team_lead_sees_each_members_progress_per_course(client, team_setup, course):
    client.force_login(team_setup["lead"])
    response = client.get(reverse("learning_team_detail", args=[team_setup["team"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voortgang van Wijkteam Noord" in html
    assert "Kennismaken" in html
    assert "2 van 3 teamleden ingeschreven, 1 afgerond." in html
    rows = {row.name: row for row in response.context["report"].courses[0].rows}
    anna, bram, cas = rows["Anna Aalbers"], rows["Bram Bos"], rows["Cas Claes"]
    # required lessons only: the optional one Anna also did never counts
    assert (anna.percent, anna.lessons_done, anna.lessons_total) == (100, 3, 3)
    assert (anna.test_status, anna.best_score) == ("geslaagd", 100)
    assert anna.completed_on is not None
    # Bram: 1 of 3 required lessons + no passed test = 1 of 4 steps
    assert (bram.percent, bram.lessons_done, bram.test_status, bram.best_score) == (
        25,
        1,
        "niet geslaagd",
        0,
    )
    assert bram.completed_on is None
    assert not cas.enrolled
    assert "Geslaagd (beste score 100%)" in html
    assert "Niet geslaagd (beste score 0%)" in html
    assert "1 van 3" in html
    # the lead is not a member: no row, not counted
    assert "(teamleider)" not in html
    assert "Lieke Leider" not in rows
    assert reverse("learning_team_export", args=[team_setup["team"].pk]) in html


def test_team_page_never_shows_answers_or_reflections(client, team_setup):
    client.force_login(team_setup["lead"])
    team_id = team_setup["team"].pk
    html = client.get(reverse("learning_team_detail", args=[team_id])).content.decode()
    exported = body(client.get(reverse("learning_team_export", args=[team_id]))).decode()
    for text in (html, exported):
        assert "GEHEIME REFLECTIE" not in text
        assert "s-right" not in text  # an exercise answer
        assert "t1-good" not in text  # a final-test answer
    # the rows hold figures only: nothing that leads to an answer or an attempt
    row = team_progress(team=team_setup["team"]).courses[0].rows[0]
    assert not any("answer" in name or "attempt" in name for name in vars(row))


def test_a_lead_sees_only_courses_of_their_team(client, team_setup, course_index):
    other_course = CoursePageFactory(parent=course_index, title="Cursus van een ander team")
    outsider = UserFactory()
    enrolment_create(user=outsider, course=other_course)
    client.force_login(team_setup["lead"])
    html = client.get(reverse("learning_team_detail", args=[team_setup["team"].pk])).content
    assert "Cursus van een ander team" not in html.decode()
    assert outsider.get_full_name() not in html.decode()


def test_lead_of_another_team_gets_404(client, team_setup):
    other_lead = UserFactory()
    other_team = TeamFactory(name="Huisartsenpraktijk Zuid", kind=TeamKind.HUISARTSENPRAKTIJK)
    TeamMembershipFactory(team=other_team, user=other_lead, role=TeamRole.LEAD)
    client.force_login(other_lead)
    team_id = team_setup["team"].pk
    assert client.get(reverse("learning_team_detail", args=[team_id])).status_code == 404
    assert client.get(reverse("learning_team_export", args=[team_id])).status_code == 404
    html = client.get(reverse("learning_team_list")).content.decode()
    assert "Huisartsenpraktijk Zuid" in html
    assert "Wijkteam Noord" not in html


def test_members_cannot_open_the_team_page(client, team_setup):
    client.force_login(team_setup["anna"])
    team_id = team_setup["team"].pk
    assert client.get(reverse("learning_team_detail", args=[team_id])).status_code == 404
    assert client.get(reverse("learning_team_export", args=[team_id])).status_code == 404
    assert client.get(reverse("learning_team_list")).status_code == 404


def test_the_teamleider_group_alone_opens_nothing(client, team_setup):
    """Authority comes from a lead membership, not from the group."""
    bram = team_setup["bram"]
    bram.groups.add(Group.objects.get(name=TEAM_LEAD_GROUP))
    client.force_login(bram)
    response = client.get(reverse("learning_team_detail", args=[team_setup["team"].pk]))
    assert response.status_code == 404


def test_staff_without_a_lead_membership_get_404(client, team_setup):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client_login_with_mfa(client, admin)
    response = client.get(reverse("learning_team_detail", args=[team_setup["team"].pk]))
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, team_setup):
    response = client.get(reverse("learning_team_detail", args=[team_setup["team"].pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_team_list_links_each_led_team(client, team_setup):
    second = TeamFactory(name="Gemeentelijk team Oost", kind=TeamKind.GEMEENTELIJK_TEAM)
    TeamMembershipFactory(team=second, user=team_setup["lead"], role=TeamRole.LEAD)
    client.force_login(team_setup["lead"])
    html = client.get(reverse("learning_team_list")).content.decode()
    assert reverse("learning_team_detail", args=[team_setup["team"].pk]) in html
    assert reverse("learning_team_detail", args=[second.pk]) in html
    assert "Gemeentelijk team, Gemeente Demodorp" in html


def test_team_without_enrolments_says_so(client):
    lead = UserFactory()
    team = TeamFactory()
    TeamMembershipFactory(team=team, user=lead, role=TeamRole.LEAD)
    TeamMembershipFactory(team=team)
    client.force_login(lead)
    html = client.get(reverse("learning_team_detail", args=[team.pk])).content.decode()
    assert "Nog niemand in dit team volgt een cursus." in html
    assert "Download als CSV" not in html


# ------------------------------------------------------------------------- CSV


def test_csv_export_for_dutch_excel(client, team_setup):
    client.force_login(team_setup["lead"])
    response = client.get(reverse("learning_team_export", args=[team_setup["team"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="teamvoortgang-wijkteam-noord-')
    assert isinstance(response, StreamingHttpResponse)  # written as it is read
    content = body(response)
    assert content.count(b"\r\n") == 4  # header + 3 members, CRLF line ends
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == CSV_HEADERS
    assert rows[0][:4] == ["Team", "Naam", "Rol", "Cursus"]
    by_name = {row[1]: dict(zip(CSV_HEADERS, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {"Anna Aalbers", "Bram Bos", "Cas Claes"}  # not the lead
    anna = by_name["Anna Aalbers"]
    assert anna["Team"] == "Wijkteam Noord"
    assert anna["Cursus"] == "Kennismaken"
    assert anna["Ingeschreven"] == "Ja"
    assert anna["Voortgang (%)"] == "100"
    assert (anna["Verplichte lessen afgerond"], anna["Verplichte lessen totaal"]) == ("3", "3")
    assert anna["Eindtoets"] == "geslaagd"
    assert anna["Beste score eindtoets (%)"] == "100"
    assert len(anna["Afgerond op"]) == 10 and anna["Afgerond op"][4] == "-"  # YYYY-MM-DD
    bram = by_name["Bram Bos"]
    assert (bram["Voortgang (%)"], bram["Eindtoets"], bram["Afgerond op"]) == (
        "25",
        "niet geslaagd",
        "",
    )
    cas = by_name["Cas Claes"]
    assert (cas["Ingeschreven"], cas["Voortgang (%)"], cas["Eindtoets"]) == (
        "Nee",
        "",
        "nog niet gemaakt",
    )
    assert anna["Rol"] == "Lid"


def test_csv_keeps_accents_and_defuses_formulas(client, team_setup):
    team = team_setup["team"]
    TeamMembershipFactory(team=team, user=UserFactory(first_name="=HYPERLINK(1)", last_name="Ö"))
    TeamMembershipFactory(team=team, user=UserFactory(first_name="Zoë", last_name="Çelik"))
    client.force_login(team_setup["lead"])
    rows = csv_rows(client.get(reverse("learning_team_export", args=[team.pk])))
    names = [row[1] for row in rows[1:]]
    assert "Zoë Çelik" in names
    assert "'=HYPERLINK(1) Ö" in names


# -------------------------------------------------------------- constant queries


def _team_with(n_members, courses, lessons_of):
    lead = UserFactory()
    team = TeamFactory()
    TeamMembershipFactory(team=team, user=lead, role=TeamRole.LEAD)
    for i in range(n_members):
        user = UserFactory()
        TeamMembershipFactory(team=team, user=user)
        for course in courses:
            enrolment_create(user=user, course=course)
            lessons = list(lessons_of(course).values())
            for lesson in lessons[: i % (len(lessons) + 1)]:
                lesson_complete(user=user, lesson=lesson)
    return team, lead


@pytest.mark.parametrize("n_members", [3, 30])
def test_team_page_and_export_queries_stay_constant(
    client, course_index, lessons_of, n_members, django_assert_max_num_queries
):
    courses = [course_tree(index=course_index, modules=2, lessons_per_module=3) for _ in range(3)]
    team, lead = _team_with(n_members, courses, lessons_of)
    client.force_login(lead)
    client.get(reverse("learning_team_detail", args=[team.pk]))  # fills the caches
    # session, user, team, counts per course, courses, members, one page of members per
    # course, enrolments, lessons done, attempts, 3 for the last activity (the outlines
    # come from the page-tree cache); the rest is the site shell (site, permissions,
    # the helpline's unread count); one for the assigned courses (learning.paths)
    with django_assert_max_num_queries(24):
        response = client.get(reverse("learning_team_detail", args=[team.pk]))
    assert len(response.context["report"].courses) == 3
    assert len(response.context["report"].courses[0].rows) == n_members  # the lead has no row
    with django_assert_max_num_queries(13):
        response = client.get(reverse("learning_team_export", args=[team.pk]))
    assert len(csv_rows(response)) == 1 + 3 * n_members


# ------------------------------------------------------------- group and admin


def test_teamleider_group_follows_lead_memberships(db):
    team = TeamFactory()
    user = UserFactory()
    group = Group.objects.get(name=TEAM_LEAD_GROUP)
    team_membership_set(team=team, user=user, role=TeamRole.MEMBER)
    assert not user.groups.filter(pk=group.pk).exists()
    team_membership_set(team=team, user=user, role=TeamRole.LEAD)
    assert user.groups.filter(pk=group.pk).exists()
    team_membership_remove(team=team, user=user)
    assert not user.groups.filter(pk=group.pk).exists()
    stray = UserFactory(groups=[group])
    team_lead_group_sync()
    assert not stray.groups.filter(pk=group.pk).exists()


def _team_form(name, memberships):
    data = {
        "name": name,
        "kind": TeamKind.HUISARTSENPRAKTIJK,
        "organisation": "Praktijk De Linde",
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, (user, role) in enumerate(memberships):
        data.update(
            {
                f"memberships-{i}-user": str(user.pk),
                f"memberships-{i}-role": role,
                f"memberships-{i}-ORDER": str(i + 1),
                f"memberships-{i}-DELETE": "",
                f"memberships-{i}-id": "",
            }
        )
    return data


def test_moderator_creates_a_team_in_the_admin_and_the_lead_joins_the_group(client):
    moderator = UserFactory(groups=[Group.objects.get(name="IPW moderator")])
    client_login_with_mfa(client, moderator)
    lead, member = UserFactory(), UserFactory()
    add_url = reverse("wagtailsnippets_learning_team:add")
    assert "Teamleden en teamleiders" in client.get(add_url).content.decode()
    response = client.post(
        add_url, _team_form("Praktijkteam", [(lead, TeamRole.LEAD), (member, TeamRole.MEMBER)])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    team = Team.objects.get(name="Praktijkteam")
    assert set(team.memberships.values_list("user_id", "role")) == {
        (lead.pk, TeamRole.LEAD),
        (member.pk, TeamRole.MEMBER),
    }
    assert lead.groups.filter(name=TEAM_LEAD_GROUP).exists()
    assert not member.groups.filter(name=TEAM_LEAD_GROUP).exists()
    listing = client.get(reverse("wagtailsnippets_learning_team:list")).content.decode()
    assert "Praktijkteam" in listing


def test_editors_do_not_manage_teams(client):
    editor = UserFactory(groups=[Group.objects.get(name="IPW redacteur")])
    client_login_with_mfa(client, editor)
    response = client.get(reverse("wagtailsnippets_learning_team:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_dashboard_include_links_a_lead_to_their_teams(team_setup):
    """`learning/team_links.html` is what the dashboard includes (see the helper's
    report): a lead gets a "Mijn teams" section with a link per team, others nothing."""
    from django.template.loader import render_to_string

    from learning.teams import teams_led_by

    lead, member = team_setup["lead"], team_setup["anna"]
    html = render_to_string(
        "learning/team_links.html", {"teams": teams_led_by(user=lead), "heading": True}
    )
    assert "<h2" in html and "Mijn teams" in html
    assert reverse("learning_team_detail", args=[team_setup["team"].pk]) in html
    assert "Voortgang van Wijkteam Noord" in html
    html = render_to_string(
        "learning/team_links.html", {"teams": teams_led_by(user=member), "heading": True}
    )
    assert html.strip() == ""


def test_team_lead_filters_members_by_status_and_the_csv_follows(client, team_setup):
    client.force_login(team_setup["lead"])
    url = reverse("learning_team_detail", args=[team_setup["team"].pk])

    def names(response) -> list[str]:
        soup = BeautifulSoup(response.content, "html.parser")
        return [th.get_text(strip=True) for th in soup.select("tbody th[scope=row]")]

    assert names(client.get(url)) == ["Anna Aalbers", "Bram Bos", "Cas Claes"]
    assert names(client.get(url, {"status": "completed"})) == ["Anna Aalbers"]
    assert names(client.get(url, {"status": "in_progress"})) == ["Bram Bos"]
    response = client.get(url, {"status": "not_started", "sort": "progress"})
    assert names(response) == ["Cas Claes"]
    html = response.content.decode()
    # The counts still cover the whole team; the filter and the sort stay in the links.
    assert "2 van 3 teamleden ingeschreven, 1 afgerond." in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".learning-team__filter a[aria-current]").get_text() == "niet gestart"
    assert soup.select_one("a[download]")["href"].endswith("?sort=progress&status=not_started")
    assert names(client.get(url, {"status": "nonsense"})) == [
        "Anna Aalbers",
        "Bram Bos",
        "Cas Claes",
    ]

    export = reverse("learning_team_export", args=[team_setup["team"].pk])
    rows = csv_rows(client.get(export, {"status": "completed"}))
    assert [row[1] for row in rows[1:]] == ["Anna Aalbers"]
