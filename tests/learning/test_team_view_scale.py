"""The team page's work is bounded by its page: 50 members a page, sorted and filtered
in the database, with the same number of queries for 5 members as for 60; the CSV is
streamed and holds everyone."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from learning.factories import TeamFactory, TeamMembershipFactory, course_tree
from learning.models import LessonPage, TeamRole
from learning.services import enrolment_create, lesson_complete
from learning.teams import MEMBERS_PER_PAGE
from portal.accounts.factories import UserFactory
from portal.core import page_cache


@pytest.fixture(autouse=True)
def _page_cache_kept(monkeypatch):
    """Counted requests follow a warm-up at once, but a busy machine may take more than
    the process-local cache's ten seconds (portal.core.page_cache): keep its values."""
    monkeypatch.setattr(page_cache, "LOCAL_TIMEOUT", 3600)


def _team(n_members: int, courses) -> tuple:
    """Members "Lid 000" … in name order; every third not enrolled; member i has done
    i % 4 lessons of each course they follow."""
    lead = UserFactory(first_name="Lieke", last_name="Leider")
    team = TeamFactory(name="Wijkteam Groot")
    TeamMembershipFactory(team=team, user=lead, role=TeamRole.LEAD)
    lessons = {
        course.pk: list(LessonPage.objects.descendant_of(course).order_by("path"))
        for course in courses
    }
    for number in range(n_members):
        user = UserFactory(first_name="Lid", last_name=f"{number:03d}")
        TeamMembershipFactory(team=team, user=user)
        if number % 3 == 2:
            continue
        for course in courses:
            enrolment_create(user=user, course=course)
            for lesson in lessons[course.pk][: number % 4]:
                lesson_complete(user=user, lesson=lesson)
    return team, lead


def names(response, course_index: int = 0) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select("section.learning-team__course")[course_index]
    return [th.get_text(strip=True) for th in table.select("tbody th[scope=row]")]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def courses(course_index):
    return [
        course_tree(index=course_index, title=f"Cursus {letter}", modules=1, lessons_per_module=4)
        for letter in "AB"
    ]


@pytest.mark.parametrize("n_members", [5, 60])
@pytest.mark.parametrize(
    "query", [{}, {"sort": "progress"}, {"sort": "activity", "status": "in_progress"}]
)
def test_team_page_queries_do_not_grow_with_the_team(
    client, courses, n_members, query, django_assert_max_num_queries
):
    team, lead = _team(n_members, courses)
    client.force_login(lead)
    url = reverse("learning_team_detail", args=[team.pk])
    client.get(url, query)  # fills the caches
    with django_assert_max_num_queries(25):
        response = client.get(url, query)
    assert response.status_code == 200
    assert len(names(response)) <= MEMBERS_PER_PAGE
    export = reverse("learning_team_export", args=[team.pk])
    # per course and round of 500 members: the members, their enrolments, lessons done,
    # attempts and three for the last activity
    with django_assert_max_num_queries(20):
        content = body(client.get(export, query))
    assert content.startswith(b"\xef\xbb\xbf")


def test_sixty_members_come_in_two_pages_with_sort_and_filter_kept(client, courses):
    team, lead = _team(60, courses)
    client.force_login(lead)
    url = reverse("learning_team_detail", args=[team.pk])
    first = client.get(url)
    assert names(first) == [f"Lid {number:03d}" for number in range(50)]
    soup = BeautifulSoup(first.content, "html.parser")
    pager = soup.find("nav", attrs={"aria-label": "Paginering"})
    assert "Pagina 1 van 2" in pager.get_text(" ", strip=True)
    assert pager.find("a", rel="next")["href"] == "?sort=name&pagina=2"
    assert "Je ziet teamleden 1 tot en met 50 van 60." in first.content.decode()
    # The counts cover the whole team, whatever the page.
    assert "40 van 60 teamleden ingeschreven, 0 afgerond." in first.content.decode()

    second = client.get(url, {"pagina": 2})
    assert names(second) == [f"Lid {number:03d}" for number in range(50, 60)]
    assert "Je ziet teamleden 51 tot en met 60 van 60." in second.content.decode()
    # A page past the end shows the last page; nonsense shows the first.
    assert names(client.get(url, {"pagina": 9})) == names(second)
    assert names(client.get(url, {"pagina": "twee"})) == names(first)

    by_progress = client.get(url, {"sort": "progress", "status": "in_progress"})
    shown = names(by_progress)
    # 40 enrolled members fit on one page: 3 lessons done first, never the not-enrolled.
    assert len(shown) == 40
    assert shown[0] == "Lid 003"
    assert all(int(name.split()[1]) % 3 != 2 for name in shown)
    soup = BeautifulSoup(by_progress.content, "html.parser")
    assert soup.find("nav", attrs={"aria-label": "Paginering"}) is None
    assert soup.select_one("a[download]")["href"].endswith("?sort=progress&status=in_progress")


def test_sort_by_progress_runs_across_pages(client, courses):
    team, lead = _team(60, courses)
    client.force_login(lead)
    url = reverse("learning_team_detail", args=[team.pk])
    first = names(client.get(url, {"sort": "progress"}))
    second = names(client.get(url, {"sort": "progress", "pagina": 2}))
    assert len(first) == 50 and len(second) == 10
    # members with 3 lessons done first (in name order), the not-enrolled last
    assert first[:3] == ["Lid 003", "Lid 007", "Lid 015"]
    assert second == [f"Lid {number:03d}" for number in range(2, 60, 3)][-10:]


def test_the_csv_is_streamed_and_holds_every_member_of_every_course(client, courses):
    team, lead = _team(60, courses)
    client.force_login(lead)
    response = client.get(reverse("learning_team_export", args=[team.pk]))
    assert response.streaming
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 2 * 60
    assert {row[3] for row in rows[1:]} == {"Cursus A", "Cursus B"}
    assert [row[1] for row in rows[1:61]] == [f"Lid {number:03d}" for number in range(60)]
