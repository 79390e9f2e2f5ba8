"""Fixtures shared by the learning environment's tests: a course with modules, lessons and
a final test; learners; a plan template and a practice plan."""

import pytest

from casebook.models import Law, LawArticle
from learning.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    FinalTestPageFactory,
    LessonPageFactory,
    ModulePageFactory,
    PlanTemplateIndexPageFactory,
    PlanTemplatePageFactory,
    multiple_choice,
    option,
    paragraph,
    reflection_question,
    single_choice,
)
from learning.plans import practice
from portal.accounts.factories import UserFactory


@pytest.fixture
def course_index(site_root):
    return CourseIndexPageFactory(parent=site_root)


@pytest.fixture
def learner(db):
    return UserFactory(first_name="Sanne", last_name="de Vries", email="sanne@example.org")


@pytest.fixture
def other_learner(db):
    return UserFactory()


@pytest.fixture
def logged_in(client, learner):
    """The test client, logged in as `learner`."""
    client.force_login(learner)
    return client


@pytest.fixture
def template_index(site_root):
    return PlanTemplateIndexPageFactory(parent=site_root)


@pytest.fixture
def template(template_index):
    """The Doorbraakplan template (version 2.0) with the factory's sections."""
    return PlanTemplatePageFactory(parent=template_index, title="Doorbraakplan", version="2.0")


@pytest.fixture
def plan(learner, template):
    """A new practice plan of `learner` on `template`, started as a learner starts one."""
    return practice.practice_plan_create(owner=learner, template=template, title="Mijn plan")


@pytest.fixture
def participatiewet(db) -> Law:
    return Law.objects.get(name="Participatiewet")


@pytest.fixture
def special_assistance(participatiewet) -> LawArticle:
    """Bijzondere bijstand: article 35 lid 1 of the Participatiewet."""
    return participatiewet.articles.get(article="35 lid 1")


@pytest.fixture
def course(course_index):
    """A course with two modules: module 1 has an exercise lesson and a plain lesson,
    module 2 one required and one optional lesson; and a two-question final test."""
    course = CoursePageFactory(parent=course_index, title="Kennismaken", pass_mark=50)
    module_1 = ModulePageFactory(parent=course, title="De methode")
    LessonPageFactory(
        parent=module_1,
        title="Wat is een doorbraak",
        body=[
            paragraph("<p>Een doorbraak is de eerste stap.</p>"),
            single_choice(
                "Wat is een doorbraak?",
                [
                    option(
                        "Een nieuwe regel", feedback="Nee, het is een uitzondering.", id="s-wrong"
                    ),
                    option(
                        "De stap die de rest losmaakt",
                        correct=True,
                        feedback="Precies.",
                        id="s-right",
                    ),
                ],
                id="single",
            ),
            multiple_choice(
                "Welke toetsen horen bij de waardendriehoek?",
                [
                    option("Legitimiteit", correct=True, id="m-leg"),
                    option("Betrokkenheid", correct=True, id="m-bet"),
                    option("Snelheid", id="m-snel"),
                ],
                id="multi",
            ),
            reflection_question("Welke casus uit je eigen werk past hierbij?", id="reflect"),
            single_choice(
                "Optionele vraag",
                [option("Ja", correct=True, id="o-yes"), option("Nee", id="o-no")],
                required=False,
                id="optional",
            ),
        ],
    )
    LessonPageFactory(parent=module_1, title="De waardendriehoek")
    module_2 = ModulePageFactory(parent=course, title="Giftige cocktails")
    LessonPageFactory(parent=module_2, title="Cocktails herkennen")
    LessonPageFactory(parent=module_2, title="Verdieping", required=False)
    FinalTestPageFactory(
        parent=course,
        questions=[
            single_choice(
                "Vraag een",
                [option("Goed", correct=True, id="t1-good"), option("Fout", id="t1-bad")],
                id="t1",
            ),
            multiple_choice(
                "Vraag twee",
                [
                    option("A", correct=True, id="t2-a"),
                    option("B", correct=True, id="t2-b"),
                    option("C", id="t2-c"),
                ],
                id="t2",
            ),
        ],
    )
    return course


@pytest.fixture
def lessons_of():
    """`lessons_of(course)`: the course's lessons by title."""
    from learning.models import LessonPage

    def _lessons(course):
        return {lesson.title: lesson for lesson in LessonPage.objects.descendant_of(course)}

    return _lessons
