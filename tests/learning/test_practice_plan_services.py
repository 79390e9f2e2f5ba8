"""The rules of practice plans (learning.plans.practice): starting from a template, a case
or a lesson assignment; saving sections with the guard; completing; privacy; the
account data export and account deletion."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder

from casebook.factories import CaseIndexPageFactory, CasePageFactory
from casebook.models import CostDomain
from learning.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    PlanTemplatePageFactory,
    TeamFactory,
    TeamMembershipFactory,
    paragraph,
)
from learning.models import (
    CostSide,
    PracticePlan,
    PracticePlanCostLine,
    PracticePlanLegalBasis,
    PracticePlanStatus,
    SectionKind,
    TeamRole,
)
from learning.plans import practice
from learning.plans.account_export import practice_plans_for_export
from portal.accounts.export import user_data_export
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

BSN_TEXT = "Moeder heeft BSN 123456782 en twee kinderen."


def assignment_block(template_id: int, *, case_id: int | None = None, id: str = "opdracht-1"):
    return {
        "type": "practice_plan",
        "id": id,
        "value": {
            "template": template_id,
            "case": case_id,
            "instruction": "Maak een doorbraakplan bij deze casus.",
            "required": True,
        },
    }


@pytest.fixture
def lesson(site_root, template):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site_root))
    module = ModulePageFactory(parent=course)
    return LessonPageFactory(
        parent=module,
        body=[paragraph("<p>Theorie.</p>", id="p-1"), assignment_block(template.pk)],
    )


# ---------------------------------------------------------------------- creation


def test_create_copies_the_template_sections_and_starts_at_the_first(learner, template):
    plan = practice.practice_plan_create(owner=learner, template=template)
    assert [s["key"] for s in plan.sections][:2] == ["situatie", "perspectief"]
    assert len(plan.sections) == 10
    assert plan.template_title == "Doorbraakplan"
    assert plan.template_version == "2.0"
    assert plan.title.startswith("Oefenplan Doorbraakplan ")
    assert plan.current_section == "situatie"
    assert plan.status == PracticePlanStatus.DRAFT


def test_a_later_template_change_does_not_change_the_plan(learner, template):
    plan = practice.practice_plan_create(owner=learner, template=template, title="Mijn plan")
    template.sections.filter(key="perspectief").delete()
    plan.refresh_from_db()
    assert "perspectief" in [s["key"] for s in plan.sections]


def test_create_from_a_case_puts_its_situation_in_the_situation_section(
    learner, template, site_root
):
    case = CasePageFactory(parent=CaseIndexPageFactory(parent=site_root))
    plan = practice.practice_plan_create(owner=learner, template=template, case=case)
    assert plan.answers == {"situatie": case.situation}
    assert plan.case == case


def test_without_a_situation_section_the_case_fills_the_first_text_section(
    learner, site_root, template
):
    canvas = PlanTemplatePageFactory(
        parent=template.get_parent(),
        title="Schot voor de boeg",
        sections=[
            ("grondslag", "Grondslag", SectionKind.LEGAL_BASES),
            ("eerste_indruk", "Eerste indruk", SectionKind.TEXT),
        ],
    )
    case = CasePageFactory(parent=CaseIndexPageFactory(parent=site_root))
    plan = practice.practice_plan_create(owner=learner, template=canvas, case=case)
    assert plan.answers == {"eerste_indruk": case.situation}


def test_a_lesson_assignment_gives_one_plan_per_learner(learner, template, lesson):
    first = practice.practice_plan_create(
        owner=learner, template=template, lesson=lesson, assignment_block_id="opdracht-1"
    )
    again = practice.practice_plan_create(
        owner=learner, template=template, lesson=lesson, assignment_block_id="opdracht-1"
    )
    assert again.pk == first.pk
    assert PracticePlan.objects.filter(owner=learner).count() == 1
    other = practice.practice_plan_create(
        owner=UserFactory(), template=template, lesson=lesson, assignment_block_id="opdracht-1"
    )
    assert other.pk != first.pk


def test_a_title_with_personal_data_is_refused(learner, template):
    with pytest.raises(ValidationError) as error:
        practice.practice_plan_create(owner=learner, template=template, title="Plan jan@mail.nl")
    assert "persoonsgegevens" in error.value.messages[0]
    assert not PracticePlan.objects.exists()


def test_templates_to_start_with_are_current_versions_with_practice_enabled(template):
    newer = PlanTemplatePageFactory(
        parent=template.get_parent(), title="Doorbraakplan 3", version="3.0", supersedes=template
    )
    PlanTemplatePageFactory(
        parent=template.get_parent(), title="Inclusiecriteria", practice_enabled=False
    )
    assert list(practice.practice_plan_templates_for_start()) == [newer]


# ------------------------------------------------------------------------ saving


def test_saving_a_section_stores_the_text_and_remembers_where_you_were(learner, template):
    plan = practice.practice_plan_create(owner=learner, template=template)
    practice.practice_plan_section_save(
        plan=plan, key="belemmering", text="  De regel staat in de weg.\r\n", user=learner
    )
    plan.refresh_from_db()
    assert plan.answers["belemmering"] == "De regel staat in de weg."
    assert plan.current_section == "belemmering"
    assert practice.practice_plan_continue_key(plan=plan) == "belemmering"


def test_the_guard_refuses_personal_data_and_stores_nothing(learner, template):
    plan = practice.practice_plan_create(owner=learner, template=template)
    practice.practice_plan_section_save(plan=plan, key="situatie", text="Eerste versie.")
    with pytest.raises(ValidationError) as error:
        practice.practice_plan_section_save(plan=plan, key="situatie", text=BSN_TEXT)
    message = error.value.messages[0]
    assert "‘Situatieschets’" in message
    assert "een BSN (“123456782”)" in message  # quoted in the form: what to change
    plan.refresh_from_db()
    assert plan.answers["situatie"] == "Eerste versie."


def test_a_bsn_grouped_four_two_three_is_refused_too(learner, template):
    plan = practice.practice_plan_create(owner=learner, template=template)
    with pytest.raises(ValidationError) as error:
        practice.practice_plan_section_save(plan=plan, key="situatie", text="BSN: 1234 56 782")
    assert "een BSN (“1234 56 782”)" in error.value.messages[0]
    plan.refresh_from_db()
    assert "situatie" not in plan.answers


def test_an_answer_longer_than_5000_characters_is_refused(learner, template):
    plan = practice.practice_plan_create(owner=learner, template=template)
    with pytest.raises(ValidationError) as error:
        practice.practice_plan_section_save(plan=plan, key="situatie", text="a" * 5001)
    assert "hoogstens 5000" in error.value.messages[0]
    plan.refresh_from_db()
    assert "situatie" not in plan.answers


def test_only_the_owner_saves(learner, template):
    plan = practice.practice_plan_create(owner=learner, template=template)
    with pytest.raises(ValidationError):
        practice.practice_plan_section_save(
            plan=plan, key="situatie", text="Mag niet.", user=UserFactory()
        )


# -------------------------------------------------------------------- completion


def fill_everything(plan):
    for section in plan.sections:
        if section["kind"] == SectionKind.TEXT:
            practice.practice_plan_section_save(plan=plan, key=section["key"], text="Ingevuld.")
    PracticePlanLegalBasis.objects.create(plan=plan, law_label="Participatiewet", sort_order=0)
    PracticePlanCostLine.objects.create(
        plan=plan,
        side=CostSide.COST,
        domain=CostDomain.PARTICIPATIEWET,
        description="Bijzondere bijstand",
        unit_price=Decimal("171.00"),
        quantity=Decimal("3"),
    )


def test_a_plan_completes_only_when_every_required_section_is_filled(learner, template):
    plan = practice.practice_plan_create(owner=learner, template=template)
    practice.practice_plan_section_save(plan=plan, key="situatie", text="Ingevuld.")
    with pytest.raises(ValidationError) as error:
        practice.practice_plan_complete(plan=plan)
    assert "‘Perspectief over zes maanden’" in error.value.messages[0]
    assert "‘Legitimiteit: wettelijke grondslagen’" in error.value.messages[0]
    fill_everything(plan)
    plan = practice.practice_plan_get_for_owner(user=learner, plan_id=plan.pk)
    practice.practice_plan_complete(plan=plan)
    plan.refresh_from_db()
    assert plan.status == PracticePlanStatus.COMPLETED
    assert plan.completed_at is not None


def test_optional_sections_do_not_block_completion(learner, template):
    template.sections.exclude(key="situatie").update(required=False)
    plan = practice.practice_plan_create(owner=learner, template=template)
    practice.practice_plan_section_save(plan=plan, key="situatie", text="Ingevuld.")
    practice.practice_plan_complete(plan=plan)
    assert plan.status == PracticePlanStatus.COMPLETED


def test_emptying_a_required_section_reopens_a_completed_plan(learner, template):
    template.sections.exclude(key="situatie").update(required=False)
    plan = practice.practice_plan_create(owner=learner, template=template)
    practice.practice_plan_section_save(plan=plan, key="situatie", text="Ingevuld.")
    practice.practice_plan_complete(plan=plan)
    practice.practice_plan_section_save(plan=plan, key="situatie", text="")
    plan.refresh_from_db()
    assert plan.status == PracticePlanStatus.DRAFT
    assert plan.completed_at is None


def test_filled_state_per_kind(learner, template):
    plan = practice.practice_plan_create(owner=learner, template=template)
    legal = practice.practice_plan_section_get(plan=plan, key="legitimiteit")
    costs = practice.practice_plan_section_get(plan=plan, key="rendement")
    assert not practice.practice_plan_section_is_filled(plan=plan, section=legal)
    PracticePlanLegalBasis.objects.create(plan=plan, law_label="Wmo 2015")
    fresh = practice.practice_plan_get_for_owner(user=learner, plan_id=plan.pk)
    assert practice.practice_plan_section_is_filled(plan=fresh, section=legal)
    assert not practice.practice_plan_section_is_filled(plan=fresh, section=costs)


# ----------------------------------------------------------------------- privacy


def test_viewer_rules_owner_lead_when_shared_and_nobody_else(learner, template):
    plan = practice.practice_plan_create(owner=learner, template=template)
    team = TeamFactory()
    TeamMembershipFactory(team=team, user=learner)
    lead = TeamMembershipFactory(team=team, role=TeamRole.LEAD).user
    other_lead = TeamMembershipFactory(role=TeamRole.LEAD).user  # another team
    colleague = TeamMembershipFactory(team=team).user  # same team, not a lead

    def sees(user):
        return practice.practice_plan_get_for_viewer(user=user, plan_id=plan.pk) is not None

    assert sees(learner)
    assert not sees(lead)
    practice.practice_plan_share(plan=plan)
    assert sees(lead)
    assert practice.practice_plan_is_read_only(plan=plan, user=lead)
    assert not practice.practice_plan_is_read_only(plan=plan, user=learner)
    assert not sees(other_lead)
    assert not sees(colleague)
    assert practice.practice_plan_get_for_owner(user=lead, plan_id=plan.pk) is None
    assert [p.pk for p in practice.practice_plans_shared_with_lead(team=team)] == [plan.pk]
    practice.practice_plan_unshare(plan=plan)
    assert not sees(lead)
    assert practice.practice_plans_shared_with_lead(team=team) == []


# ---------------------------------------------------------- account export/delete


def test_account_export_holds_plans_with_answers_bases_and_cost_lines(learner, template):
    plan = practice.practice_plan_create(owner=learner, template=template, title="Plan A")
    fill_everything(plan)
    practice.practice_plan_create(owner=UserFactory(), template=template, title="Van een ander")
    exported = practice_plans_for_export(learner)
    assert [p["title"] for p in exported] == ["Plan A"]
    situation = next(s for s in exported[0]["sections"] if s["key"] == "situatie")
    assert situation["answer"] == "Ingevuld."
    assert exported[0]["legal_bases"][0]["law"] == "Participatiewet"
    assert exported[0]["cost_lines"][0]["amount"] == "513.00"
    json.dumps(exported, cls=DjangoJSONEncoder)


def test_the_exporter_is_registered_at_startup(learner, template):
    practice.practice_plan_create(owner=learner, template=template, title="Plan B")
    data = user_data_export(user=learner)
    assert [p["title"] for p in data["oefenplannen"]] == ["Plan B"]


def test_deleting_the_account_deletes_the_plans(learner, template):
    plan = practice.practice_plan_create(owner=learner, template=template)
    fill_everything(plan)
    learner.delete()
    assert not PracticePlan.objects.exists()
    assert not PracticePlanLegalBasis.objects.exists()
    assert not PracticePlanCostLine.objects.exists()
