"""Progress arithmetic and "verder waar je gebleven was"."""

import pytest

from learning.selectors import course_progress, learner_dashboard, percent
from learning.services import answer_submit, attempt_submit, enrolment_create, lesson_complete

pytestmark = pytest.mark.django_db


def test_percent_rounds_down_and_zero_of_zero_is_zero():
    assert percent(2, 3) == 66
    assert percent(3, 3) == 100
    assert percent(0, 0) == 0


def test_progress_per_module_and_course(course, learner, lessons_of):
    enrolment_create(user=learner, course=course)
    lessons = lessons_of(course)
    progress = course_progress(course=course, user=learner)
    # 3 required lessons + the final test = 4 steps
    assert (progress.steps_done, progress.steps_total, progress.percent) == (0, 4, 0)
    assert progress.next_lesson.title == "Wat is een doorbraak"

    lesson_complete(user=learner, lesson=lessons["De waardendriehoek"])
    lesson_complete(user=learner, lesson=lessons["Verdieping"])  # optional
    progress = course_progress(course=course, user=learner)
    module_1, module_2 = progress.modules
    assert (module_1.done, module_1.total, module_1.percent) == (1, 2, 50)
    # the optional lesson (Verdieping) is done but never counts
    assert (module_2.done, module_2.total, module_2.percent) == (0, 1, 0)
    assert (progress.steps_done, progress.percent) == (1, 25)
    # continues after the last lesson worked in (Verdieping): wraps to the first open one
    assert progress.next_lesson.title == "Wat is een doorbraak"

    attempt_submit(user=learner, course=course, answers={"t1": ["t1-good"], "t2": ["t2-a", "t2-b"]})
    assert course_progress(course=course, user=learner).percent == 50


def test_continue_goes_to_the_next_open_lesson_after_the_last_one(course, learner, lessons_of):
    enrolment_create(user=learner, course=course)
    lessons = lessons_of(course)
    lesson_complete(user=learner, lesson=lessons["De waardendriehoek"])
    assert course_progress(course=course, user=learner).next_lesson.title == "Cocktails herkennen"


def test_continue_leads_to_the_final_test_when_lessons_are_done(course, learner, lessons_of):
    enrolment_create(user=learner, course=course)
    lessons = lessons_of(course)
    lesson = lessons["Wat is een doorbraak"]
    answer_submit(user=learner, lesson=lesson, block_id="single", answer={"options": ["s-right"]})
    answer_submit(
        user=learner, lesson=lesson, block_id="multi", answer={"options": ["m-leg", "m-bet"]}
    )
    answer_submit(user=learner, lesson=lesson, block_id="reflect", answer={"text": "x"})
    for item in lessons.values():
        lesson_complete(user=learner, lesson=item)
    progress = course_progress(course=course, user=learner)
    assert progress.next_lesson is None
    assert progress.continue_page.title == "Eindtoets"


def test_unpublished_lessons_do_not_count(course, learner, lessons_of):
    enrolment_create(user=learner, course=course)
    lessons_of(course)["Cocktails herkennen"].unpublish()
    assert course_progress(course=course, user=learner).steps_total == 3


def test_dashboard_lists_only_own_enrolments(course, learner, other_learner):
    enrolment_create(user=learner, course=course)
    assert [item.course.pk for item in learner_dashboard(user=learner)] == [course.pk]
    assert learner_dashboard(user=other_learner) == []


def test_continue_returns_to_a_lesson_started_but_not_finished(course, learner, lessons_of):
    """Answering one question of a lesson and leaving: "verder" brings the learner back
    to that lesson, not past it."""
    enrolment_create(user=learner, course=course)
    lessons = lessons_of(course)
    lesson = lessons["Wat is een doorbraak"]
    answer_submit(user=learner, lesson=lesson, block_id="single", answer={"options": ["s-right"]})

    assert course_progress(course=course, user=learner).next_lesson.title == "Wat is een doorbraak"
