"""A newcomer's dashboard and the learner's status in the catalogue (issue #13,
point 9)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from learning.factories import CoursePageFactory
from learning.models import Enrolment
from learning.services import answer_submit, attempt_submit, enrolment_create, lesson_complete

pytestmark = pytest.mark.django_db


def cards(html: str, selector: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [" ".join(node.get_text(" ", strip=True).split()) for node in soup.select(selector)]


def test_a_newcomer_is_offered_the_catalogues_courses_with_study_load(
    logged_in, learner, course, course_index
):
    CoursePageFactory(parent=course_index, title="Verdieping KBA", effort_hours=2, live=False)
    html = logged_in.get(reverse("learning_dashboard")).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    section = soup.select_one(".learning-newcomer")
    assert "Je volgt nog geen cursussen." in section.get_text()
    items = cards(html, ".learning-newcomer .portal-card")
    assert len(items) == 1  # only live courses
    assert "Kennismaken" in items[0]
    assert f"Studiebelasting {course.effort_hours.normalize():f} uur" in items[0].replace(",", ".")
    form = section.select_one("form")
    assert form["action"] == course.url
    assert form.select_one("button").get_text(" ", strip=True).startswith("Start deze cursus")

    # the button enrols and leads to the course
    response = logged_in.post(course.url, {"action": "enrol"}, follow=True)
    assert Enrolment.objects.filter(user=learner, course=course).exists()
    assert "Je bent ingeschreven voor Kennismaken." in response.content.decode()
    html = logged_in.get(reverse("learning_dashboard")).content.decode()
    assert "learning-newcomer" not in html


def test_catalogue_shows_the_learners_own_status_per_course(
    logged_in, learner, course, course_index, lessons_of
):
    started = CoursePageFactory(parent=course_index, title="Bezig")
    done = CoursePageFactory(parent=course_index, title="Klaar")
    CoursePageFactory(parent=course_index, title="Nieuw")
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)["De waardendriehoek"])
    enrolment = enrolment_create(user=learner, course=done)
    enrolment.completed_at = enrolment.enrolled_at
    enrolment.save()
    enrolment_create(user=learner, course=started)

    html = logged_in.get(course_index.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    statuses = {
        card.select_one("h2").get_text(strip=True): card.select_one(
            ".learning-catalogue-status"
        ).get_text(" ", strip=True)
        for card in soup.select(".portal-card")
    }
    assert statuses == {
        "Kennismaken": "Jouw status: Bezig: 25%",
        "Bezig": "Jouw status: Bezig: 0%",
        "Klaar": "Jouw status: Afgerond",
        "Nieuw": "Jouw status: Niet gestart",
    }


def test_a_visitor_sees_no_status(client, course, course_index):
    html = client.get(course_index.url).content.decode()
    assert "Jouw status" not in html


@pytest.mark.parametrize("n_courses", [2, 12])
def test_catalogue_status_queries_stay_constant(
    logged_in, learner, course_index, n_courses, django_assert_max_num_queries
):
    for i in range(n_courses):
        enrolment_create(user=learner, course=CoursePageFactory(parent=course_index, title=f"C{i}"))
    # the page and site shell, plus enrolments, 3 outline queries, lessons done, attempts
    with django_assert_max_num_queries(26):
        response = logged_in.get(course_index.url)
    assert response.content.decode().count("Jouw status: ") == n_courses


def test_passing_completes_in_the_catalogue(logged_in, learner, course, course_index, lessons_of):
    enrolment_create(user=learner, course=course)
    lessons = lessons_of(course)
    lesson = lessons["Wat is een doorbraak"]

    answer_submit(user=learner, lesson=lesson, block_id="single", answer={"options": ["s-right"]})
    answer_submit(
        user=learner, lesson=lesson, block_id="multi", answer={"options": ["m-leg", "m-bet"]}
    )
    answer_submit(user=learner, lesson=lesson, block_id="reflect", answer={"text": "x"})
    for title, item in lessons.items():
        if title != "Verdieping":
            lesson_complete(user=learner, lesson=item)
    attempt_submit(user=learner, course=course, answers={"t1": ["t1-good"], "t2": ["t2-a", "t2-b"]})
    html = logged_in.get(course_index.url).content.decode()
    assert "Jouw status: Afgerond" in html


def test_a_newcomer_is_offered_the_learning_paths_too(logged_in, course, course_index):
    from learning.paths.models import LearningPath, PathCourse  # noqa: PLC0415

    path = LearningPath.objects.create(
        title="Werken met de methode", slug="werken", description="Eerst de basis."
    )
    PathCourse.objects.create(path=path, course=course, sort_order=0)

    html = logged_in.get(reverse("learning_dashboard")).content.decode()

    soup = BeautifulSoup(html, "html.parser")
    paths = soup.select_one(".learning-newcomer ul[aria-label=Leerlijnen]")
    link = paths.select_one("a")
    assert link.get_text(strip=True) == "Werken met de methode"
    assert link["href"] == path.get_absolute_url()
    assert "Eerst de basis." in paths.get_text()


def test_a_path_already_under_my_paths_is_not_offered_twice(logged_in, learner, course):
    from learning.factories import TeamFactory  # noqa: PLC0415
    from learning.paths.models import Assignment, LearningPath, PathCourse  # noqa: PLC0415

    path = LearningPath.objects.create(title="Werken met de methode", slug="werken")
    PathCourse.objects.create(path=path, course=course, sort_order=0)
    Assignment.objects.create(
        team=TeamFactory(), user=learner, course=course, due_date="2027-01-31"
    )

    soup = BeautifulSoup(logged_in.get(reverse("learning_dashboard")).content, "html.parser")

    assert len(soup.find_all("a", string="Werken met de methode")) == 1
