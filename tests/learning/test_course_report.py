"""The editors' course report in the admin: its figures equal a direct count over
learners at different stages, where learners stop, who may open it, and constant
queries as learners and courses grow."""

from __future__ import annotations

from statistics import mean

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from learning.factories import course_tree
from learning.models import (
    Enrolment,
    FinalTestAttempt,
    LessonPage,
    LessonProgress,
    Team,
    TeamKind,
    TeamRole,
)
from learning.reports import course_report, course_summaries
from learning.services import answer_submit, attempt_submit, enrolment_create, lesson_complete
from learning.teams import team_membership_set
from portal.accounts.factories import UserFactory, admin_group, client_login_with_mfa

pytestmark = pytest.mark.django_db

WRONG = {"t1": ["t1-bad"], "t2": ["t2-c"]}  # 0%
HALF = {"t1": ["t1-good"], "t2": ["t2-c"]}  # 50%: passes at the fixture's pass mark 50
RIGHT = {"t1": ["t1-good"], "t2": ["t2-a", "t2-b"]}  # 100%


def do_exercise_lesson(user, lesson):
    answer_submit(user=user, lesson=lesson, block_id="single", answer={"options": ["s-right"]})
    answer_submit(
        user=user, lesson=lesson, block_id="multi", answer={"options": ["m-leg", "m-bet"]}
    )
    answer_submit(user=user, lesson=lesson, block_id="reflect", answer={"text": "Privé"})
    lesson_complete(user=user, lesson=lesson)


@pytest.fixture
def learners(course, lessons_of):
    """Seven learners at different stages of the course (see the comments)."""
    lessons = lessons_of(course)
    first, second, third = (
        lessons["Wat is een doorbraak"],
        lessons["De waardendriehoek"],
        lessons["Cocktails herkennen"],
    )
    users = [UserFactory() for _ in range(7)]
    for user in users:
        enrolment_create(user=user, course=course)
    # 0: enrolled only (not started)
    # 1: did the second lesson only -> stops at the first
    lesson_complete(user=users[1], lesson=second)
    # 2: did the optional lesson only -> started, stops at the first
    lesson_complete(user=users[2], lesson=lessons["Verdieping"])
    # 3: did the first lesson -> stops at the second
    do_exercise_lesson(users[3], first)
    # 4: all required lessons, failed the test twice -> stops at the final test
    do_exercise_lesson(users[4], first)
    lesson_complete(user=users[4], lesson=second)
    lesson_complete(user=users[4], lesson=third)
    attempt_submit(user=users[4], course=course, answers=WRONG)
    attempt_submit(user=users[4], course=course, answers=WRONG)
    # 5: all lessons, failed then passed with 100 -> completed
    do_exercise_lesson(users[5], first)
    for lesson in (second, third):
        lesson_complete(user=users[5], lesson=lesson)
    attempt_submit(user=users[5], course=course, answers=WRONG)
    attempt_submit(user=users[5], course=course, answers=RIGHT)
    # 6: passed the test with 50 first, lessons after that -> completed
    attempt_submit(user=users[6], course=course, answers=HALF)
    do_exercise_lesson(users[6], first)
    for lesson in (second, third):
        lesson_complete(user=users[6], lesson=lesson)
    return users


def direct_figures(course):
    """The report's figures counted straight from the tables (not through reports.py)."""
    enrolments = list(Enrolment.objects.filter(course=course))
    done = {}
    for enrolment_id, lesson_id in LessonProgress.objects.values_list("enrolment_id", "lesson_id"):
        done.setdefault(enrolment_id, set()).add(lesson_id)
    attempts = {}
    for attempt in FinalTestAttempt.objects.filter(course=course):
        attempts.setdefault(attempt.user_id, []).append(attempt)
    required = [
        lesson.pk
        for lesson in LessonPage.objects.live().descendant_of(course).order_by("path")
        if lesson.required
    ]
    completed = [e for e in enrolments if e.completed_at]
    started = [e for e in enrolments if done.get(e.pk) or attempts.get(e.user_id)]
    in_progress = [e for e in started if not e.completed_at]
    stops = {}
    for enrolment in in_progress:
        open_lessons = [pk for pk in required if pk not in done.get(enrolment.pk, set())]
        passed = any(a.passed for a in attempts.get(enrolment.user_id, []))
        key = open_lessons[0] if open_lessons else ("test" if not passed else None)
        stops[key] = stops.get(key, 0) + 1
    best = [max(a.score for a in rows) for rows in attempts.values()]
    return {
        "enrolled": len(enrolments),
        "started": len(started),
        "completed": len(completed),
        "in_progress": len(in_progress),
        "average": round(mean(best), 1) if best else None,
        "stops": stops,
    }


def test_report_figures_equal_a_direct_count(course, learners, lessons_of):
    direct = direct_figures(course)
    report = course_report(course=course)
    summary = report.summary
    assert summary.enrolled == direct["enrolled"] == 7
    assert summary.completed == direct["completed"] == 2
    assert summary.in_progress == direct["in_progress"] == 4
    assert summary.not_started == 7 - direct["started"] == 1
    # best attempts: 0 (learner 4), 100 (learner 5), 50 (learner 6) -> 50.0
    assert float(summary.average_best_score) == direct["average"] == 50.0
    assert (summary.test_takers, summary.passed) == (3, 2)

    lessons = lessons_of(course)
    by_title = {row.page.title: row.learners for row in report.stop_rows}
    assert by_title == {
        "Wat is een doorbraak": direct["stops"][lessons["Wat is een doorbraak"].pk],
        "De waardendriehoek": direct["stops"][lessons["De waardendriehoek"].pk],
        "Cocktails herkennen": 0,  # nobody stands still there
        "Eindtoets": direct["stops"]["test"],
    }
    assert by_title["Wat is een doorbraak"] == 2
    assert "Verdieping" not in by_title  # optional lessons are no stopping point
    assert report.top_stop.page.title == "Wat is een doorbraak"
    assert report.top_stop.share == 50  # 2 of the 4 in progress


def test_average_counts_each_learners_best_attempt_once(course, learners):
    all_attempts = list(FinalTestAttempt.objects.filter(course=course).values_list("score"))
    assert round(mean(score for (score,) in all_attempts), 1) == 30.0  # 0, 0, 0, 100, 50
    assert float(course_summaries(courses=[course])[0].average_best_score) == 50.0


def test_course_without_learners_reports_zeros(course):
    report = course_report(course=course)
    assert (report.summary.enrolled, report.summary.completed) == (0, 0)
    assert report.summary.average_best_score is None
    assert report.top_stop is None


def test_editor_reads_the_report_in_the_admin(client, course, learners):
    editor = UserFactory(groups=[Group.objects.get(name="IPW redacteur")])
    client_login_with_mfa(client, editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Leeromgeving" in home
    assert "Cursusrapportage" in home
    index = client.get(reverse("learning_course_report_index"))
    assert index.status_code == 200
    html = index.content.decode()
    assert "Kennismaken" in html
    assert "50,0%" in html  # Dutch decimal comma
    assert reverse("learning_course_report", args=[course.pk]) in html
    detail = client.get(reverse("learning_course_report", args=[course.pk])).content.decode()
    assert "Cursusrapportage: Kennismaken" in detail
    assert "staan stil bij: <strong>Wat is een doorbraak</strong> (2)" in detail
    assert "Privé" not in detail  # never an answer


def test_moderator_reads_the_report(client, course):
    moderator = UserFactory(groups=[Group.objects.get(name="IPW moderator")])
    client_login_with_mfa(client, moderator)
    response = client.get(reverse("learning_course_report", args=[course.pk]))
    assert response.status_code == 200
    assert "Waar deelnemers blijven steken" in response.content.decode()


@pytest.mark.parametrize("who", ["professional", "team_lead"])
def test_professionals_and_team_leads_cannot_reach_the_report(client, course, learners, who):
    user = UserFactory(groups=[Group.objects.get(name="Professional")])
    if who == "team_lead":
        team = Team.objects.create(name="Wijkteam", kind=TeamKind.WIJKTEAM, organisation="X")
        team_membership_set(team=team, user=user, role=TeamRole.LEAD)
        assert user.groups.filter(name="Teamleider").exists()
    client_login_with_mfa(client, user)
    for url in (
        reverse("learning_course_report_index"),
        reverse("learning_course_report", args=[course.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302  # the admin sends them away (to their profile)
        assert "/admin/" not in response["Location"]
        followed = client.get(url, follow=True).content.decode()
        assert "Cursusrapportage" not in followed
        assert "Waar deelnemers blijven steken" not in followed


def test_admin_users_without_the_permission_are_turned_away(client, course, learners):
    helpline = UserFactory(groups=[Group.objects.get(name="Hulplijn")])
    client_login_with_mfa(client, helpline)
    assert "Cursusrapportage" not in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.get(reverse("learning_course_report", args=[course.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "Kennismaken" not in response.content.decode()


def test_the_report_needs_mfa(client, course):
    editor = UserFactory(groups=[admin_group("IPW redacteur")])
    client.force_login(editor)  # no second factor in this session
    response = client.get(reverse("learning_course_report_index"))
    assert response.status_code == 302
    assert reverse("learning_course_report_index") not in response["Location"]


def _learners_in(course, n):
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    for i in range(n):
        user = UserFactory()
        enrolment_create(user=user, course=course)
        for lesson in lessons[: i % (len(lessons) + 1)]:
            lesson_complete(user=user, lesson=lesson)


@pytest.mark.parametrize("size", [3, 30])
def test_report_queries_stay_constant(client, course_index, size, django_assert_max_num_queries):
    courses = [
        course_tree(index=course_index, modules=2, lessons_per_module=3)
        for _ in range(2 if size == 3 else 8)
    ]
    for course in courses:
        _learners_in(course, size if course is courses[0] else 2)
    editor = UserFactory(groups=[Group.objects.get(name="IPW redacteur")])
    client_login_with_mfa(client, editor)
    client.get(reverse("wagtailadmin_home"))  # warm up per-session admin queries
    # the same ceiling for 2 courses with 3 learners and 8 courses with 30 learners
    with django_assert_max_num_queries(18):
        response = client.get(reverse("learning_course_report_index"))
    assert len(response.context["summaries"]) == len(courses)
    with django_assert_max_num_queries(24):
        response = client.get(reverse("learning_course_report", args=[courses[0].pk]))
    assert response.context["report"].summary.enrolled == size
