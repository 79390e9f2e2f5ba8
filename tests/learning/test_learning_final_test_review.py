"""The review after a final-test attempt (issue #13, point 3): per question right or
wrong, the learner's answer and its feedback, as the editor configures per test; the
attempts stay in the learner's data export."""

import pytest
from bs4 import BeautifulSoup

from learning.exporting import learning_data_for_export
from learning.factories import option, single_choice
from learning.models.courses import ReviewMode
from learning.selectors import course_progress
from learning.services import attempt_submit, enrolment_create

pytestmark = pytest.mark.django_db

WRONG = {"t1": ["t1-bad"], "t2": ["t2-a", "t2-b"]}  # question 1 wrong, question 2 right
RIGHT = {"t1": ["t1-good"], "t2": ["t2-a", "t2-b"]}


@pytest.fixture
def test_page(course):
    course.pass_mark = 100  # so that one wrong answer fails
    course.save()
    test = course_progress(course=course).final_test
    # feedback on the options of question 1, as an editor writes it
    test.questions = [
        single_choice(
            "Vraag een",
            [
                option("Goed", correct=True, feedback="Ja, dit is de doorbraak.", id="t1-good"),
                option("Fout", feedback="Nee, dat is een nieuwe regel.", id="t1-bad"),
            ],
            id="t1",
        ),
        test.questions.raw_data[1],
    ]
    test.save_revision().publish()
    test.refresh_from_db()
    return test


def configure(test, *, mode, show_correct=False):
    test.review_mode = mode
    test.review_show_correct = show_correct
    test.save_revision().publish()


def review_items(client, url):
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    section = soup.select_one("#uitslag")
    if section is None:
        return None, soup
    first = section.select_one(".learning-review__list")
    return [
        " ".join(li.get_text(" ", strip=True).split())
        for li in first.find_all("li", recursive=False)
    ], soup


def test_after_a_failed_attempt_the_learner_sees_each_question_answer_and_feedback(
    logged_in, learner, course, test_page
):
    enrolment_create(user=learner, course=course)
    attempt_submit(user=learner, course=course, answers=WRONG)
    items, soup = review_items(logged_in, test_page.url)
    assert items == [
        "Vraag 1: fout. Vraag een Je antwoord: Fout Feedback: Nee, dat is een nieuwe regel.",
        "Vraag 2: goed. Vraag twee Je antwoorden: A Feedback: Goed gezien. "
        "B Feedback: Goed gezien.",
    ]
    assert "Poging 1: 50%" in soup.select_one("#uitslag h3").get_text()
    # the correct answer is not given away unless the editor chose so
    assert "Het juiste antwoord" not in soup.select_one("#uitslag").get_text()


def test_the_editor_can_show_the_correct_answer(logged_in, learner, course, test_page):
    configure(test_page, mode=ReviewMode.ALWAYS, show_correct=True)
    enrolment_create(user=learner, course=course)
    attempt_submit(user=learner, course=course, answers=WRONG)
    items, _soup = review_items(logged_in, test_page.url)
    assert items[0].endswith("Het juiste antwoord: Goed")
    assert "juiste antwoord" not in items[1]  # a right answer needs no correction


def test_review_after_passing_only(logged_in, learner, course, test_page):
    configure(test_page, mode=ReviewMode.AFTER_PASSING)
    enrolment_create(user=learner, course=course)
    attempt_submit(user=learner, course=course, answers=WRONG)
    items, soup = review_items(logged_in, test_page.url)
    assert items is None
    assert "Als je geslaagd bent, zie je hier per vraag wat goed en fout was." in soup.get_text()

    attempt_submit(user=learner, course=course, answers=RIGHT)
    items, soup = review_items(logged_in, test_page.url)
    assert items[0].startswith("Vraag 1: goed.")
    # the newest attempt open, the earlier one folded away in a <details>
    assert soup.select_one("#uitslag h3").get_text(strip=True) == "Poging 2: 100%"
    earlier = soup.select_one("#uitslag details summary").get_text(strip=True)
    assert earlier == "Poging 1: 50%"


def test_never_shows_no_review(logged_in, learner, course, test_page):
    configure(test_page, mode=ReviewMode.NEVER, show_correct=True)
    enrolment_create(user=learner, course=course)
    attempt_submit(user=learner, course=course, answers=WRONG)
    items, soup = review_items(logged_in, test_page.url)
    assert items is None
    assert "Feedback:" not in soup.get_text()


def test_a_learner_never_sees_anothers_review(client, other_learner, learner, course, test_page):
    enrolment_create(user=learner, course=course)
    attempt_submit(user=learner, course=course, answers=WRONG)
    enrolment_create(user=other_learner, course=course)
    client.force_login(other_learner)
    items, _soup = review_items(client, test_page.url)
    assert items is None


def test_a_question_removed_later_is_left_out(logged_in, learner, course, test_page):
    enrolment_create(user=learner, course=course)
    attempt_submit(user=learner, course=course, answers=WRONG)
    test_page.questions = [test_page.questions.raw_data[1]]
    test_page.save_revision().publish()
    items, _soup = review_items(logged_in, test_page.url)
    assert items[0].startswith("Vraag 1: goed. Vraag twee Je antwoorden: A")
    assert len(items) == 1


def test_attempts_stay_in_the_learners_data_export(learner, course, test_page):
    enrolment_create(user=learner, course=course)
    attempt_submit(user=learner, course=course, answers=WRONG)
    attempt_submit(user=learner, course=course, answers=RIGHT)
    exported = learning_data_for_export(learner)["final_test_attempts"]
    assert [(a["number"], a["score"], a["passed"]) for a in exported] == [
        (1, 50, False),
        (2, 100, True),
    ]
    assert exported[0]["answers"] == WRONG
