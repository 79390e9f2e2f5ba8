"""The learning demo: a visitor of a fresh demo site finds a catalogue with two real
courses that use the demo cases and plan templates, and demo learners at different
stages; loading the demo again changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Page, Revision

from casebook import demo as casebook_demo
from casebook.models import CasePage
from learning import demo
from learning.certificates import certificate_verify
from learning.demo import doorverwijzen, kennismaken
from learning.models import (
    AccreditationRegister,
    Certificate,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    ExerciseAnswer,
    FinalTestAttempt,
    FinalTestPage,
    LessonPage,
    LessonProgress,
    ModulePage,
    PlanTemplatePage,
    Team,
    TeamMembership,
)
from learning.selectors import course_progress
from learning.teams import team_progress, teams_led_by
from portal.accounts import demo as accounts_demo
from portal.standards import demo as standards_demo

pytestmark = pytest.mark.django_db

EXERCISE_TYPES = {"single_choice", "multiple_choice", "reflection_question", "case_exercise"}


@pytest.fixture
def loaded(site_root):
    """The demo as `load_demo` loads it: standards and casebook first, then learning."""
    standards_demo.load(home=site_root)
    casebook_demo.load(home=site_root)
    accounts_demo.load(home=site_root)
    demo.load(home=site_root)
    return site_root


def _course(slug: str) -> CoursePage:
    return CoursePage.objects.get(slug=slug)


def _user(email: str):
    return get_user_model().objects.get(email=email)


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "enrolments": Enrolment.objects.count(),
        "answers": ExerciseAnswer.objects.count(),
        "answer_attempts": sum(ExerciseAnswer.objects.values_list("attempts", flat=True)),
        "lessons_done": LessonProgress.objects.count(),
        "test_attempts": FinalTestAttempt.objects.count(),
        "certificates": Certificate.objects.count(),
        "teams": Team.objects.count(),
        "memberships": TeamMembership.objects.count(),
    }


def test_loading_twice_creates_nothing_new(loaded):
    before = _counts()
    assert before["enrolments"] == 5
    demo.load(home=loaded)
    assert _counts() == before
    assert CourseIndexPage.objects.count() == 1
    assert CoursePage.objects.count() == 2


def test_catalogue_is_in_the_menu_and_lists_both_courses(loaded, client):
    index = CourseIndexPage.objects.child_of(loaded).get()
    assert index.live and index.show_in_menus
    assert index.slug != "leren"  # the dashboard lives at /leren/
    html = client.get(index.url).content.decode()
    assert "Kennismaken met de Doorbraakmethode" in html
    assert "Doorverwijzen vanuit de huisartsenpraktijk" in html
    assert "4 punten, Registerplein" in html


def _block_types(stream) -> list[str]:
    return [child.block_type for child in stream]


def test_kennismaken_has_four_modules_real_exercises_and_a_final_test(loaded):
    course = _course(kennismaken.SLUG)
    assert course.effort_hours == Decimal("4.0")
    assert course.accreditation_register == AccreditationRegister.REGISTERPLEIN
    assert course.accreditation_points == Decimal("4.0")
    assert course.accreditation_valid_until == datetime.date(2027, 12, 31)
    assert (course.pass_mark, course.max_attempts) == (70, 3)

    modules = ModulePage.objects.child_of(course).live()
    assert [module.title for module in modules] == [
        "De methode en de waardendriehoek",
        "Giftige cocktails",
        "Het doorbraakplan",
        "Een plan legitimeren",
    ]
    types: list[str] = []
    for module in modules:
        lessons = LessonPage.objects.child_of(module).live()
        assert 1 <= lessons.count() <= 3
        for lesson in lessons:
            assert lesson.learning_objective and lesson.recap
            assert _block_types(lesson.body)[0] == "paragraph"
            assert EXERCISE_TYPES & set(_block_types(lesson.body)), lesson.title
            types += _block_types(lesson.body)
    assert EXERCISE_TYPES | {"case_study", "plan_template", "reflection_prompt"} <= set(types)
    assert LessonPage.objects.descendant_of(course).filter(required=False).count() == 1

    test = FinalTestPage.objects.child_of(course).live().get()
    assert 5 <= len(test.questions) <= 8
    assert {"single_choice", "multiple_choice"} <= set(_block_types(test.questions))


def test_doorverwijzen_is_short_and_uses_the_two_gp_cases(loaded):
    course = _course(doorverwijzen.SLUG)
    module = ModulePage.objects.child_of(course).get()
    lessons = LessonPage.objects.child_of(module)
    assert lessons.count() == 2
    cases = {
        child.value["case"].title.split(":")[0]
        for lesson in lessons
        for child in lesson.body
        if child.block_type == "case_study"
    }
    assert cases == {"Anika", "Lola"}
    assert FinalTestPage.objects.child_of(course).live().exists()


def test_lessons_point_at_live_demo_cases_and_current_plan_templates(loaded):
    case_ids, template_titles = set(), set()
    for lesson in LessonPage.objects.all():
        for child in lesson.body:
            if child.block_type in {"case_study", "case_exercise"}:
                case_ids.add(child.value["case"].pk)
            if child.block_type == "plan_template":
                template = child.value["page"]
                assert isinstance(template, PlanTemplatePage) and template.live
                template_titles.add(template.title)
    assert len(case_ids) >= 5
    assert CasePage.objects.live().filter(pk__in=case_ids).count() == len(case_ids)
    assert template_titles == {"Doorbraakplan", "Maatwerkcanvas", "Schot voor de boeg"}
    plan = next(
        child.value["page"]
        for child in LessonPage.objects.get(slug="de-vier-onderdelen-van-een-plan").body
        if child.block_type == "plan_template"
    )
    assert plan.specific.version == "2.0"  # the current Doorbraakplan, not the replaced one


def test_demo_content_passes_the_editors_validation(loaded):
    """What an editor saves in the admin must validate; so must the demo's raw data
    (lengths, exactly one right answer for single choice, ...)."""
    for lesson in LessonPage.objects.all():
        lesson.body.stream_block.clean(lesson.body)
        lesson.full_clean()
    for test in FinalTestPage.objects.all():
        test.questions.stream_block.clean(test.questions)
    for course in CoursePage.objects.all():
        course.full_clean()


def test_every_demo_page_has_a_published_revision(loaded):
    pages = Page.objects.type(CourseIndexPage, CoursePage, ModulePage, LessonPage, FinalTestPage)
    assert pages.count() == 1 + 2 + 5 + 11 + 2
    for page in pages:
        assert page.live and page.live_revision_id is not None, page.title


def test_learners_are_at_their_stages(loaded):
    basics, referral = _course(kennismaken.SLUG), _course(doorverwijzen.SLUG)

    pien = _user("professional@demo.doorbraak.nl")
    progress = course_progress(course=basics, user=pien)
    assert (progress.steps_done, progress.steps_total, progress.percent) == (3, 9, 33)
    assert progress.enrolment.last_lesson.slug == "een-wet-uitvoeren-is-geen-wet-uitvoeren"
    first = LessonPage.objects.get(slug="wat-is-een-doorbraak")
    wrong_then_right = ExerciseAnswer.objects.get(
        user=pien, lesson=first, block_type="single_choice"
    )
    assert wrong_then_right.correct and wrong_then_right.attempts == 2

    lotte = _user("leerling1@demo.doorbraak.nl")
    for course in (basics, referral):
        progress = course_progress(course=course, user=lotte)
        assert progress.percent == 100 and progress.is_complete and progress.passed
        assert progress.enrolment.completed_at is not None
    attempts = FinalTestAttempt.objects.filter(user=lotte, course=basics)
    assert [(a.score, a.passed) for a in attempts] == [(66, False), (100, True)]

    sem = _user("leerling2@demo.doorbraak.nl")
    progress = course_progress(course=basics, user=sem)
    assert progress.enrolment is not None and progress.percent == 0
    assert not ExerciseAnswer.objects.filter(user=sem).exists()

    daan = _user("leerling3@demo.doorbraak.nl")
    progress = course_progress(course=referral, user=daan)
    assert (progress.percent, progress.passed, progress.attempts_left) == (66, False, 2)
    assert progress.best_score == 60


def test_demo_learners_can_log_in_with_the_demo_password(loaded, client):
    for number in (1, 2, 3):
        user = _user(f"leerling{number}@demo.doorbraak.nl")
        assert user.check_password(settings.PORTAL_DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
        assert user.profile.organisation == "Wijkteam Oost"


def test_pien_sees_her_progress_and_where_to_continue(loaded, client):
    client.force_login(_user("professional@demo.doorbraak.nl"))
    html = client.get("/leren/").content.decode()
    assert "Kennismaken met de Doorbraakmethode" in html
    assert "3 van 9 stappen klaar (33%)" in html
    assert "Verder waar je gebleven was" in html


def test_the_learner_who_finished_has_valid_certificates(loaded):
    lotte = _user("leerling1@demo.doorbraak.nl")
    certificates = Certificate.objects.filter(user=lotte).order_by("course_title")
    assert [c.course_title for c in certificates] == [
        "Doorverwijzen vanuit de huisartsenpraktijk",
        "Kennismaken met de Doorbraakmethode",
    ]
    basics = certificates.get(course__slug=kennismaken.SLUG)
    assert basics.learner_name == "Lotte de Leerling"
    assert (basics.accreditation_points, basics.effort_hours) == (Decimal("4.0"), Decimal("4.0"))
    assert certificate_verify(code=basics.code).is_valid
    # Nobody else finished a course, so nobody else has a certificate.
    assert not Certificate.objects.exclude(user=lotte).exists()


def test_team_lead_sees_the_demo_team_at_different_stages(loaded):
    lead = _user("teamleider@demo.doorbraak.nl")
    team = teams_led_by(user=lead).get()
    assert team.name == "Wijkteam Oost"
    progress = team_progress(team=team)
    rows = {
        (course.course.slug, row.name): row.percent
        for course in progress.courses
        for row in course.rows
        if row.enrolled
    }
    assert rows == {
        (kennismaken.SLUG, "Lotte de Leerling"): 100,
        (kennismaken.SLUG, "Sem de Starter"): 0,
        (doorverwijzen.SLUG, "Lotte de Leerling"): 100,
        (doorverwijzen.SLUG, "Daan de Doorzetter"): 66,
    }


def test_every_demo_course_page_renders_for_a_visitor_and_a_learner(loaded, client):
    pages = Page.objects.type(CoursePage, ModulePage, LessonPage, FinalTestPage).specific()
    for page in pages:
        html = client.get(page.url).content.decode()
        assert f"<h1>{page.title}</h1>" in html.replace("&#x27;", "'"), page.url
    client.force_login(_user("professional@demo.doorbraak.nl"))
    lesson = LessonPage.objects.get(slug="een-wet-uitvoeren-is-geen-wet-uitvoeren")
    html = client.get(lesson.url).content.decode()
    assert "Goed beantwoord." in html  # the question she answered before she stopped
    assert "Vergelijk met de echte doorbraak" in html  # the case exercise still to do
    assert "Participatiewet" in html  # its legal-basis choices
