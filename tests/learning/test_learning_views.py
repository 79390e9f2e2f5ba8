"""What learners see and do on the pages: enrol, answer (wrong, then right), finish a
lesson, take the final test, the dashboard; and never anyone else's answers."""

import pytest
from django.urls import reverse

from learning.factories import CoursePageFactory, LessonPageFactory, course_tree
from learning.models import Enrolment, ExerciseAnswer, FinalTestPage
from learning.services import answer_submit, enrolment_create

pytestmark = pytest.mark.django_db


def test_catalogue_lists_live_courses_with_key_facts(client, course_index, course):
    draft = CoursePageFactory(parent=course_index, title="Conceptcursus")
    draft.unpublish()
    html = client.get(course_index.url).content.decode()
    assert "Kennismaken" in html
    assert "Conceptcursus" not in html
    assert "4 punten, Registerplein" in html
    assert "2 weken" in html


def test_anonymous_visitor_sees_login_and_signup_links(client, course):
    html = client.get(course.url).content.decode()
    assert reverse("account_login") in html
    assert reverse("account_signup") in html
    assert "Inschrijven voor deze cursus" not in html
    response = client.post(course.url, {"action": "enrol"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Enrolment.objects.exists()


def test_enrol_then_see_progress_and_continue_link(client, course, learner):
    client.force_login(learner)
    assert "Inschrijven voor deze cursus" in client.get(course.url).content.decode()
    response = client.post(course.url, {"action": "enrol"}, follow=True)
    html = response.content.decode()
    assert Enrolment.objects.filter(user=learner, course=course).exists()
    assert "Je bent ingeschreven" in html
    assert "0 van 4 stappen klaar (0%)" in html
    assert "<progress" in html
    assert "Verder waar je gebleven was: Wat is een doorbraak" in html


def test_answer_wrong_then_right_shows_feedback_per_option(client, course, learner, lessons_of):
    enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)["Wat is een doorbraak"]
    client.force_login(learner)
    response = client.post(
        lesson.url, {"action": "answer", "block_id": "single", "option": "s-wrong"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#oefening-single")
    html = client.get(lesson.url).content.decode()
    assert "Nee, het is een uitzondering." in html
    assert "Nog niet goed." in html
    client.post(lesson.url, {"action": "answer", "block_id": "single", "option": "s-right"})
    html = client.get(lesson.url).content.decode()
    assert "Precies." in html
    assert "Goed beantwoord." in html
    assert "Nee, het is een uitzondering." not in html


def test_empty_answer_shows_a_dutch_error_and_keeps_the_text(client, course, learner, lessons_of):
    enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)["Wat is een doorbraak"]
    client.force_login(learner)
    response = client.post(lesson.url, {"action": "answer", "block_id": "single"})
    html = response.content.decode()
    assert "Kies een antwoord." in html
    assert 'aria-describedby="fout-single"' in html
    too_long = "x" * 5001
    response = client.post(
        lesson.url, {"action": "answer", "block_id": "reflect", "text": too_long}
    )
    html = response.content.decode()
    assert "hoogstens 5000" in html
    assert too_long in html


def test_complete_lesson_needs_required_exercises(client, course, learner, lessons_of):
    enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)["Wat is een doorbraak"]
    client.force_login(learner)
    html = client.post(lesson.url, {"action": "complete"}).content.decode()
    assert "Maak eerst de verplichte oefeningen af" in html
    plain = lessons_of(course)["De waardendriehoek"]
    html = client.post(plain.url, {"action": "complete"}, follow=True).content.decode()
    assert "Je hebt de les ‘De waardendriehoek’ afgerond." in html
    assert "1 van 2 verplichte lessen in deze module klaar (50%)" in html


def test_a_learner_never_sees_another_learners_answers(
    client, course, learner, other_learner, lessons_of
):
    lesson = lessons_of(course)["Wat is een doorbraak"]
    enrolment_create(user=learner, course=course)
    enrolment_create(user=other_learner, course=course)
    answer_submit(
        user=learner, lesson=lesson, block_id="reflect", answer={"text": "Mijn geheime reflectie"}
    )
    answer_submit(user=learner, lesson=lesson, block_id="single", answer={"options": ["s-wrong"]})
    client.force_login(other_learner)
    html = client.get(lesson.url).content.decode()
    assert "Mijn geheime reflectie" not in html
    assert "Nee, het is een uitzondering." not in html
    assert " checked" not in html
    client.force_login(learner)
    assert "Mijn geheime reflectie" in client.get(lesson.url).content.decode()
    client.logout()
    assert "Mijn geheime reflectie" not in client.get(lesson.url).content.decode()


def test_final_test_page_counts_attempts_down(client, course, learner):
    enrolment_create(user=learner, course=course)
    test_page = FinalTestPage.objects.child_of(course).get()
    client.force_login(learner)
    html = client.get(test_page.url).content.decode()
    assert "Je hebt nog 3 pogingen." in html
    response = client.post(test_page.url, {"q-t1": "t1-good"})
    html = response.content.decode()
    assert "Kies minstens één antwoord." in html
    assert "Je hebt nog 3 pogingen." in html
    response = client.post(test_page.url, {"q-t1": "t1-bad", "q-t2": "t2-c"}, follow=True)
    html = response.content.decode()
    assert "Niet geslaagd: je score is 0%, nodig is 50%." in html
    assert "Je hebt nog 2 pogingen." in html
    html = client.post(
        test_page.url, {"q-t1": "t1-good", "q-t2": ["t2-a", "t2-b"]}, follow=True
    ).content.decode()
    assert "Geslaagd met een score van 100%." in html


def test_dashboard_shows_progress_and_continue(client, course, learner):
    client.force_login(learner)
    assert (
        "Je volgt nog geen cursussen." in client.get(reverse("learning_dashboard")).content.decode()
    )
    enrolment_create(user=learner, course=course)
    html = client.get(reverse("learning_dashboard")).content.decode()
    assert "Kennismaken" in html
    assert "Verder waar je gebleven was: Wat is een doorbraak" in html


def test_dashboard_requires_login(client):
    response = client.get(reverse("learning_dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def _grow(course_index, learner, courses):
    for _ in range(courses):
        course = course_tree(index=course_index, modules=3, lessons_per_module=3)
        enrolment_create(user=learner, course=course)


def test_dashboard_queries_stay_constant(
    client, course_index, learner, django_assert_max_num_queries
):
    client.force_login(learner)
    _grow(course_index, learner, 1)
    # +2 for the assigned courses and the paths (learning.paths); +1 because the page
    # tree just changed: the site's home page is read once for the cached site
    # (portal.core.site_cache), and not again while the tree stays the same.
    with django_assert_max_num_queries(23) as small:
        client.get(reverse("learning_dashboard"))
    _grow(course_index, learner, 4)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(reverse("learning_dashboard")).content.decode()
    assert html.count("<progress") == 5


def test_course_page_queries_stay_constant(
    client, course_index, learner, django_assert_max_num_queries
):
    course = course_tree(index=course_index, modules=1, lessons_per_module=1)
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    with django_assert_max_num_queries(40) as small:
        client.get(course.url)
    module = course.get_children().first()
    for _ in range(8):
        LessonPageFactory(parent=module)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(course.url).content.decode()
    assert html.count("nog niet afgerond") == 9


def test_export_contains_own_learning_data(course, learner, other_learner, lessons_of):
    from portal.accounts.export import user_data_export

    lesson = lessons_of(course)["Wat is een doorbraak"]
    enrolment_create(user=learner, course=course)
    answer_submit(
        user=learner, lesson=lesson, block_id="reflect", answer={"text": "Mijn reflectie"}
    )
    data = user_data_export(user=learner)["leeromgeving"]
    assert data["enrolments"][0]["course"] == "Kennismaken"
    assert data["exercise_answers"][0]["answer"] == {"text": "Mijn reflectie"}
    assert user_data_export(user=other_learner)["leeromgeving"]["exercise_answers"] == []
    assert ExerciseAnswer.objects.count() == 1
