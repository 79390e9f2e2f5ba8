"""One definition of progress (issue #13, point 2): the course page, the module pages,
the dashboard, the team view and its CSV all show the same figures, counting required
lessons and the final test only; "Verder" is the next required step."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from learning.factories import TeamFactory, TeamMembershipFactory
from learning.models import TeamRole
from learning.reports import course_report, enrolments_progress
from learning.selectors import course_progress
from learning.services import answer_submit, attempt_submit, enrolment_create, lesson_complete
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = {"t1": ["t1-good"], "t2": ["t2-a", "t2-b"]}


def finish_required(user, course, lessons, *, optional: bool = False):
    """Every required lesson done (the exercise lesson answered right); the optional
    lesson "Verdieping" only when asked."""
    lesson = lessons["Wat is een doorbraak"]
    answer_submit(user=user, lesson=lesson, block_id="single", answer={"options": ["s-right"]})
    answer_submit(
        user=user, lesson=lesson, block_id="multi", answer={"options": ["m-leg", "m-bet"]}
    )
    answer_submit(user=user, lesson=lesson, block_id="reflect", answer={"text": "Een casus."})
    for title, item in lessons.items():
        if title != "Verdieping" or optional:
            lesson_complete(user=user, lesson=item)


def text(html: str, selector: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [" ".join(node.get_text(" ", strip=True).split()) for node in soup.select(selector)]


def test_course_and_its_modules_agree_when_the_optional_lesson_is_left(
    logged_in, learner, course, lessons_of
):
    """Was: the course showed 100 % while its module showed 66 % (the optional lesson
    counted there). Now every figure on the course and module page reads 100 %."""
    enrolment_create(user=learner, course=course)
    finish_required(learner, course, lessons_of(course))
    attempt_submit(user=learner, course=course, answers=RIGHT)

    html = logged_in.get(course.url).content.decode()
    labels = text(html, ".learning-progress__label")
    assert labels == [
        "4 van 4 stappen klaar (100%)",
        "2 van 2 verplichte lessen klaar (100%)",
        "1 van 1 verplichte lessen klaar (100%)",
    ]
    module_2 = course_progress(course=course, user=learner).modules[1]
    module_html = logged_in.get(module_2.module.url).content.decode()
    assert text(module_html, "main .learning-progress__label") == [
        "1 van 1 verplichte lessen klaar (100%)"
    ]
    assert "optioneel" in text(module_html, ".learning-outline")[0]


def test_an_optional_lesson_done_adds_nothing(learner, course, lessons_of):
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)["Verdieping"])
    progress = course_progress(course=course, user=learner)
    assert (progress.steps_done, progress.percent) == (0, 0)
    assert [(m.done, m.total, m.percent) for m in progress.modules] == [(0, 2, 0), (0, 1, 0)]


def test_continue_points_at_the_final_test_not_the_optional_lesson(
    logged_in, learner, course, lessons_of
):
    """Was: with only the final test left, "Verder" pointed at the optional lesson."""
    enrolment_create(user=learner, course=course)
    finish_required(learner, course, lessons_of(course))
    progress = course_progress(course=course, user=learner)
    assert progress.next_lesson is None
    assert progress.continue_page.title == "Eindtoets"

    html = logged_in.get(reverse("learning_dashboard")).content.decode()
    assert "Verder waar je gebleven was: Eindtoets" in html
    assert "3 van 4 stappen klaar (75%)" in html


def test_continue_skips_an_optional_lesson_last_worked_in(learner, course, lessons_of):
    enrolment_create(user=learner, course=course)
    lessons = lessons_of(course)
    lesson_complete(user=learner, lesson=lessons["De waardendriehoek"])
    # the learner reads the optional lesson but does not finish it: not "Verder"
    progress = course_progress(course=course, user=learner)
    assert progress.continue_page.title == "Cocktails herkennen"


@pytest.fixture
def team(learner, course, lessons_of):
    """A lead and two members; the learner finished every required lesson and the test
    but not the optional lesson; Bram only enrolled."""
    lead = UserFactory(first_name="Lieke", last_name="Leider")
    bram = UserFactory(first_name="Bram", last_name="Bos")
    team = TeamFactory(name="Wijkteam Zuid")
    TeamMembershipFactory(team=team, user=lead, role=TeamRole.LEAD)
    TeamMembershipFactory(team=team, user=learner)
    TeamMembershipFactory(team=team, user=bram)
    enrolment_create(user=learner, course=course)
    finish_required(learner, course, lessons_of(course))
    attempt_submit(user=learner, course=course, answers=RIGHT)
    enrolment_create(user=bram, course=course)
    enrolment_create(user=lead, course=course)
    return {"team": team, "lead": lead, "bram": bram}


def test_team_view_shows_100_percent_beside_all_required_lessons(client, team):
    """Was: "100 %" beside "8 van 9 lessen" (the optional lessons counted there)."""
    client.force_login(team["lead"])
    html = client.get(reverse("learning_team_detail", args=[team["team"].pk])).content.decode()
    rows = {row[0]: row for row in (r.split(" | ") for r in _table_rows(html))}
    sanne = rows["Sanne de Vries"]
    assert sanne[2:4] == ["100%", "3 van 3"]
    assert "2 van 2 teamleden ingeschreven, 1 afgerond." in html
    assert "Lieke Leider" not in rows  # the lead is not a member


def _table_rows(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        " | ".join(" ".join(cell.get_text(" ", strip=True).split()) for cell in tr.select("th, td"))
        for tr in soup.select("tbody tr")
    ]


def test_team_csv_has_the_same_figures_and_the_last_activity(client, team):
    client.force_login(team["lead"])
    response = client.get(reverse("learning_team_export", args=[team["team"].pk]))
    content = b"".join(response.streaming_content)  # the CSV is streamed
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0].endswith("Afgerond op;Laatste activiteit")
    sanne = next(line.split(";") for line in lines if "Sanne de Vries" in line)
    assert sanne[6:9] == ["100", "3", "3"]
    assert sanne[-1]  # a date and time
    assert not any("Lieke Leider" in line for line in lines)


def test_team_lead_sorts_by_progress_and_activity_in_the_url(client, team):
    client.force_login(team["lead"])
    url = reverse("learning_team_detail", args=[team["team"].pk])

    by_name = _table_rows(client.get(url).content.decode())
    assert [row.split(" | ")[0] for row in by_name] == ["Bram Bos", "Sanne de Vries"]

    html = client.get(url, {"sort": "progress"}).content.decode()
    assert [row.split(" | ")[0] for row in _table_rows(html)] == ["Sanne de Vries", "Bram Bos"]
    soup = BeautifulSoup(html, "html.parser")
    current = soup.select_one(".learning-team__sort a[aria-current]")
    assert current["href"] == "?sort=progress"
    # the CSV link keeps the order chosen
    assert soup.select_one("a[download]")["href"].endswith("?sort=progress")

    html = client.get(url, {"sort": "activity"}).content.decode()
    rows = _table_rows(html)
    assert [row.split(" | ")[0] for row in rows] == ["Bram Bos", "Sanne de Vries"]
    # a nonsense value falls back to the name order
    assert _table_rows(client.get(url, {"sort": "<x>"}).content.decode()) == by_name


def test_course_report_stops_at_the_final_test_not_the_optional_lesson(learner, course, lessons_of):
    """The course report reads the same progress: a learner with every required lesson
    done but not the optional one stands at the final test."""
    enrolment = enrolment_create(user=learner, course=course)
    finish_required(learner, course, lessons_of(course))
    report = course_report(course=course)
    assert report.top_stop.page.title == "Eindtoets"
    assert [row.page.title for row in report.stop_rows if row.learners] == ["Eindtoets"]
    assert "Verdieping" not in [row.page.title for row in report.stop_rows]
    mine = course_progress(course=course, user=learner)
    theirs = enrolments_progress(courses=[course], enrolments=[enrolment])[enrolment.pk]
    assert (theirs.steps_done, theirs.steps_total, theirs.percent) == (
        mine.steps_done,
        mine.steps_total,
        mine.percent,
    )
