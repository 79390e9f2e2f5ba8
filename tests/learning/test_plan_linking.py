"""Linking plan templates and practice plans to lessons and cases: a lesson leads to the
current version of a template with its downloads, shows the learner's own practice plan
for an assignment, and only completes once a required assignment's plan is completed; a
case shows the template its plan follows and invites the learner to practise with it."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.factories import CaseIndexPageFactory, CasePageFactory
from learning.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    PlanTemplateIndexPageFactory,
    PlanTemplatePageFactory,
    PracticePlanFactory,
    paragraph,
    plan_template,
)
from learning.models import Enrolment, LessonProgress, PracticePlanStatus
from learning.services import lesson_complete

pytestmark = pytest.mark.django_db

INSTRUCTION = "Maak een doorbraakplan voor het gezin uit de casus en reken het rendement uit."


def assignment(
    template_id: int, *, case_id: int | None = None, required: bool = True, id: str = "opdracht"
) -> dict:
    return {
        "type": "practice_plan",
        "id": id,
        "value": {
            "template": template_id,
            "case": case_id,
            "instruction": INSTRUCTION,
            "required": required,
        },
    }


@pytest.fixture
def versions(site_root):
    """The Doorbraakplan 1.0, superseded by the live 2.0."""
    index = PlanTemplateIndexPageFactory(parent=site_root)
    old = PlanTemplatePageFactory(parent=index, title="Doorbraakplan", slug="dp-1", version="1.0")
    new = PlanTemplatePageFactory(
        parent=index, title="Doorbraakplan", slug="dp-2", version="2.0", supersedes=old
    )
    return old, new


@pytest.fixture
def case(site_root, versions):
    index = CaseIndexPageFactory(parent=site_root)
    return CasePageFactory(parent=index, title="Huurschuld en ggz", plan_template=versions[0])


@pytest.fixture
def module(course_index):
    course = CoursePageFactory(parent=course_index, title="Plannen maken")
    return ModulePageFactory(parent=course, title="Het plan")


def _lesson(module, *blocks, title: str = "Een plan maken"):
    return LessonPageFactory(
        parent=module, title=title, body=[paragraph("<p>Uitleg.</p>"), *blocks]
    )


def _enrol(user, lesson):
    return Enrolment.objects.create(user=user, course=lesson.get_parent().get_parent().specific)


def _text(response) -> str:
    return html.unescape(response.content.decode())


# --- the template link ------------------------------------------------------------------


def test_a_lesson_links_the_current_version_with_direct_downloads(client, module, versions):
    old, new = versions
    lesson = _lesson(module, plan_template(old.pk, "Het format voor je eigen plan."))

    page = _text(client.get(lesson.url))

    assert f'<a href="{new.url}">Doorbraakplan (versie 2.0)</a>' in page
    assert "Het format voor je eigen plan." in page
    assert f'href="{new.url}download/docx/"' in page
    assert f'href="{new.url}download/pdf/"' in page
    assert "Download als Word (DOCX)" in page
    assert f'href="{old.url}' not in page


def test_a_template_link_to_an_unpublished_template_disappears(client, module, versions):
    old, new = versions
    new.unpublish()
    old.unpublish()
    lesson = _lesson(module, plan_template(old.pk, "Het format voor je eigen plan."))

    page = _text(client.get(lesson.url))

    assert "Het format voor je eigen plan." not in page
    assert "Download als Word (DOCX)" not in page


# --- the assignment ------------------------------------------------------------------------


def test_a_visitor_reads_the_assignment_and_is_asked_to_log_in(client, module, versions):
    lesson = _lesson(module, assignment(versions[0].pk))

    page = _text(client.get(lesson.url))

    assert INSTRUCTION in page
    assert "Log in om deze opdracht te maken" in page
    assert "Start je oefenplan" not in page


def test_a_learner_without_a_plan_starts_one_from_the_current_version_and_the_case(
    client, learner, module, versions, case
):
    old, new = versions
    lesson = _lesson(module, assignment(old.pk, case_id=case.pk))
    client.force_login(learner)

    response = client.get(lesson.url)
    page = _text(response)

    assert "Start je oefenplan" in page
    assert f'<a href="{case.url}">Huurschuld en ggz</a>' in page
    [href] = re.findall(r'href="([^"]*)">Start je oefenplan</a>', page)
    url = urlsplit(href)
    assert url.path == reverse("practice_plan_start")
    assert parse_qs(url.query) == {
        "sjabloon": [str(new.pk)],
        "les": [str(lesson.pk)],
        "opdracht": ["opdracht"],
        "casus": [str(case.pk)],
    }


def test_a_learner_continues_a_draft_and_sees_a_completed_plan(
    client, learner, other_learner, module, versions
):
    old, new = versions
    lesson = _lesson(module, assignment(new.pk, id="a1"), assignment(new.pk, id="a2"))
    draft = PracticePlanFactory(
        owner=learner,
        template=new,
        lesson=lesson,
        assignment_block_id="a1",
        title="Mijn eerste plan",
        current_section="perspectief",
    )
    done = PracticePlanFactory(
        owner=learner,
        template=new,
        lesson=lesson,
        assignment_block_id="a2",
        title="Mijn tweede plan",
        status=PracticePlanStatus.COMPLETED,
    )
    PracticePlanFactory(  # someone else's plan is never shown
        owner=other_learner,
        template=new,
        lesson=lesson,
        assignment_block_id="a1",
        title="Plan van een ander",
    )
    client.force_login(learner)

    page = _text(client.get(lesson.url))

    section_url = reverse("practice_plan_section", args=[draft.pk, "perspectief"])
    assert f'href="{section_url}">Verder met je oefenplan</a>' in page
    assert "Mijn eerste plan" in page
    assert "<strong>Afgerond</strong>" in page
    detail_url = reverse("practice_plan_detail", args=[done.pk])
    assert f'<a href="{detail_url}">Bekijk je oefenplan ‘Mijn tweede plan’</a>' in page
    assert "Plan van een ander" not in page
    assert "Start je oefenplan" not in page


def test_plans_of_a_lesson_are_read_in_one_query(client, learner, module, versions):
    new = versions[1]
    blocks = [assignment(new.pk, id=f"a{n}") for n in range(4)]
    lesson = _lesson(module, *blocks)
    for n in range(3):
        PracticePlanFactory(owner=learner, template=new, lesson=lesson, assignment_block_id=f"a{n}")
    client.force_login(learner)
    client.get(lesson.url)  # warm caches

    with CaptureQueriesContext(connection) as queries:
        page = _text(client.get(lesson.url))

    plan_queries = [q for q in queries if 'FROM "learning_practiceplan"' in q["sql"]]
    assert len(plan_queries) == 1
    assert page.count("Verder met je oefenplan") == 3
    assert page.count("Start je oefenplan") == 1


# --- lesson completion ----------------------------------------------------------------------


def test_a_required_assignment_keeps_the_lesson_open_until_its_plan_is_completed(
    learner, module, versions
):
    new = versions[1]
    lesson = _lesson(module, assignment(new.pk))
    _enrol(learner, lesson)

    with pytest.raises(ValidationError) as error:
        lesson_complete(user=learner, lesson=lesson)
    message = error.value.messages[0]
    assert "Rond eerst je oefenplan af voor de opdracht" in message
    assert "Maak een doorbraakplan voor het gezin" in message
    assert "sjabloon Doorbraakplan" in message

    plan = PracticePlanFactory(
        owner=learner, template=new, lesson=lesson, assignment_block_id="opdracht"
    )
    with pytest.raises(ValidationError):
        lesson_complete(user=learner, lesson=lesson)  # a draft is not enough

    plan.status = PracticePlanStatus.COMPLETED
    plan.save()
    lesson_complete(user=learner, lesson=lesson)
    assert LessonProgress.objects.filter(enrolment__user=learner, lesson=lesson).exists()


def test_only_the_learners_own_plan_for_this_assignment_counts(
    learner, other_learner, module, versions
):
    new = versions[1]
    lesson = _lesson(module, assignment(new.pk))
    other_lesson = _lesson(module, assignment(new.pk), title="Nog een plan")
    _enrol(learner, lesson)
    completed = {"template": new, "status": PracticePlanStatus.COMPLETED}
    PracticePlanFactory(
        owner=other_learner, lesson=lesson, assignment_block_id="opdracht", **completed
    )
    PracticePlanFactory(
        owner=learner, lesson=other_lesson, assignment_block_id="opdracht", **completed
    )
    PracticePlanFactory(owner=learner, lesson=lesson, assignment_block_id="andere", **completed)
    PracticePlanFactory(owner=learner, lesson=None, **completed)

    with pytest.raises(ValidationError):
        lesson_complete(user=learner, lesson=lesson)


def test_an_optional_assignment_does_not_block_the_lesson(learner, module, versions):
    lesson = _lesson(module, assignment(versions[1].pk, required=False))
    _enrol(learner, lesson)

    lesson_complete(user=learner, lesson=lesson)

    assert LessonProgress.objects.filter(enrolment__user=learner, lesson=lesson).exists()


def test_the_lesson_page_counts_the_open_assignment_and_shows_the_message(
    client, learner, module, versions
):
    lesson = _lesson(module, assignment(versions[1].pk))
    _enrol(learner, lesson)
    client.force_login(learner)

    page = _text(client.get(lesson.url))
    assert "Nog 1 verplichte oefening te maken" in page

    page = _text(client.post(lesson.url, {"action": "complete"}))
    assert "Rond eerst je oefenplan af voor de opdracht" in page
    assert not LessonProgress.objects.exists()


# --- the case page ---------------------------------------------------------------------------


def test_a_case_shows_its_template_and_invites_to_practise_with_the_current_version(
    client, case, versions
):
    new = versions[1]

    page = _text(client.get(case.url))

    assert "Plan volgens sjabloon" in page
    assert f'<a href="{new.url}">Doorbraakplan (versie 2.0)</a>' in page
    start = reverse("practice_plan_start")
    assert f'href="{start}?casus={case.pk}&sjabloon={new.pk}">Oefen met deze casus</a>' in page


def test_a_case_without_template_practises_with_the_current_doorbraakplan(
    client, site_root, versions
):
    index = CaseIndexPageFactory(parent=site_root)
    case = CasePageFactory(parent=index, title="Zonder sjabloon")

    page = _text(client.get(case.url))

    assert "Plan volgens sjabloon" not in page
    start = reverse("practice_plan_start")
    assert f'href="{start}?casus={case.pk}&sjabloon={versions[1].pk}">Oefen met deze casus' in page


def test_the_template_costs_the_case_page_a_fixed_number_of_queries(client, site_root, versions):
    old, new = versions
    index = CaseIndexPageFactory(parent=site_root)
    plain = CasePageFactory(parent=index, title="Zonder sjabloon")
    on_old = CasePageFactory(parent=index, title="Oude versie", plan_template=old)
    on_new = CasePageFactory(parent=index, title="Nieuwe versie", plan_template=new)
    client.get(plain.url)  # warm up the site and content type caches

    counts = {}
    for case in (plain, on_old, on_new):
        with CaptureQueriesContext(connection) as queries:
            assert "Oefen met deze casus" in _text(client.get(case.url))
        counts[case.title] = len(queries)

    assert counts["Oude versie"] == counts["Nieuwe versie"]
    assert counts["Nieuwe versie"] <= counts["Zonder sjabloon"] + 3


def test_a_newer_template_version_shows_on_the_case_at_once(client, case, versions):
    """What the case page shows of its template is cached with the page tree: a newer
    version published later is linked on the next visit."""
    old, new = versions
    assert f'<a href="{new.url}">Doorbraakplan (versie 2.0)</a>' in _text(client.get(case.url))
    newest = PlanTemplatePageFactory(
        parent=new.get_parent(), title="Doorbraakplan", slug="dp-3", version="3.0", supersedes=new
    )
    page = _text(client.get(case.url))
    assert f'<a href="{newest.url}">Doorbraakplan (versie 3.0)</a>' in page
    start = reverse("practice_plan_start")
    assert f"sjabloon={newest.pk}" in page and start in page
