"""The practice plan builder as a learner (and a team lead) uses it: list, start, fill
section by section with and without JavaScript, complete, share, delete, export."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.urls import reverse

from casebook.factories import CaseIndexPageFactory, CasePageFactory
from casebook.models import CostDomain
from learning.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    PlanTemplatePageFactory,
    TariffFactory,
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
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

BSN_TEXT = "Moeder heeft BSN 123456782 en twee kinderen."
JSON = {"HTTP_ACCEPT": "application/json"}


def section_url(plan, key):
    return reverse("practice_plan_section", kwargs={"plan_id": plan.pk, "key": key})


def detail_url(plan):
    return reverse("practice_plan_detail", kwargs={"plan_id": plan.pk})


def text(response) -> str:
    return response.content.decode()


# ------------------------------------------------------------------ login needed


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("practice_plan_list", {}),
        ("practice_plan_start", {}),
        ("practice_plan_detail", {"plan_id": 1}),
        ("practice_plan_section", {"plan_id": 1, "key": "situatie"}),
    ],
)
def test_anonymous_visitors_are_sent_to_login_and_back(client, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert f"next={quote(url)}" in response["Location"]


# ------------------------------------------------------------------------- list


def test_the_list_shows_my_plans_with_progress_and_continue_link(logged_in, plan, template):
    practice.practice_plan_section_save(plan=plan, key="situatie", text="Er is veel schuld.")
    practice.practice_plan_section_save(plan=plan, key="doorbraak", text="Eenmalige betaling.")
    practice.practice_plan_create(owner=UserFactory(), template=template, title="Van een ander")
    response = logged_in.get(reverse("practice_plan_list"))
    page = text(response)
    assert "Mijn plan" in page
    assert "Doorbraakplan, versie 2.0" in page
    assert "2 van 10 onderdelen ingevuld" in page
    assert "In bewerking" in page
    assert f'href="{section_url(plan, "doorbraak")}"' in page  # "Verder waar je was"
    assert "Verder waar je was" in page
    assert "Van een ander" not in page


def test_the_list_runs_a_constant_number_of_queries(
    logged_in, learner, template, django_assert_max_num_queries
):
    for _ in range(2):
        practice.practice_plan_create(owner=learner, template=template)
    with django_assert_max_num_queries(15) as few:
        logged_in.get(reverse("practice_plan_list"))
    for _ in range(8):
        plan = practice.practice_plan_create(owner=learner, template=template)
        PracticePlanLegalBasis.objects.create(plan=plan, law_label="Wmo 2015")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = logged_in.get(reverse("practice_plan_list"))
    assert "10 oefenplannen" in text(response)


# ------------------------------------------------------------------------ start


def test_start_offers_current_templates_and_creates_a_plan(logged_in, learner, template):
    PlanTemplatePageFactory(parent=template.get_parent(), title="Verborgen", practice_enabled=False)
    response = logged_in.get(reverse("practice_plan_start") + f"?sjabloon={template.pk}")
    page = text(response)
    assert "Doorbraakplan (versie 2.0)" in page
    assert "Verborgen" not in page
    assert re.search(rf'value="{template.pk}"[^>]*checked', page)
    response = logged_in.post(
        reverse("practice_plan_start"), {"template": template.pk, "title": "Oefenen met Anouk"}
    )
    plan = PracticePlan.objects.get(owner=learner)
    assert response["Location"] == section_url(plan, "situatie")
    assert plan.title == "Oefenen met Anouk"


def test_start_without_a_template_says_so_and_keeps_the_title(logged_in, template):
    response = logged_in.post(reverse("practice_plan_start"), {"title": "Mijn titel"})
    assert response.status_code == 400
    page = text(response)
    assert "Kies een sjabloon." in page
    assert 'value="Mijn titel"' in page
    assert not PracticePlan.objects.exists()


def test_start_from_a_case_prefills_the_situation(logged_in, learner, template, site_root):
    case = CasePageFactory(parent=CaseIndexPageFactory(parent=site_root), title="Casus Noor")
    response = logged_in.get(reverse("practice_plan_start") + f"?casus={case.pk}")
    assert "Casus Noor" in text(response)
    logged_in.post(reverse("practice_plan_start"), {"template": template.pk, "casus": case.pk})
    plan = PracticePlan.objects.get(owner=learner)
    assert plan.case == case
    response = logged_in.get(section_url(plan, "situatie"))
    assert case.situation in text(response)


def test_an_unpublished_case_is_not_used(logged_in, learner, template, site_root):
    case = CasePageFactory(parent=CaseIndexPageFactory(parent=site_root), live=False)
    response = logged_in.get(reverse("practice_plan_start") + f"?casus={case.pk}", follow=True)
    assert "De casus bestaat niet (meer)" in text(response)
    logged_in.post(reverse("practice_plan_start"), {"template": template.pk, "casus": case.pk})
    assert PracticePlan.objects.get(owner=learner).case is None


@pytest.fixture
def lesson(site_root, template):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site_root))
    module = ModulePageFactory(parent=course)
    return LessonPageFactory(
        parent=module,
        title="Oefenen met het plan",
        body=[
            paragraph("<p>Theorie.</p>", id="p-1"),
            {
                "type": "practice_plan",
                "id": "opdracht-1",
                "value": {
                    "template": template.pk,
                    "case": None,
                    "instruction": "Maak een doorbraakplan voor je eigen casus.",
                    "required": True,
                },
            },
        ],
    )


def test_start_from_a_lesson_assignment_and_return_to_the_same_plan(logged_in, learner, lesson):
    url = reverse("practice_plan_start") + f"?les={lesson.pk}&opdracht=opdracht-1"
    response = logged_in.get(url)
    page = text(response)
    assert "Maak een doorbraakplan voor je eigen casus." in page
    template_id = lesson.body[1].value["template"].pk
    logged_in.post(
        reverse("practice_plan_start"),
        {"template": template_id, "les": lesson.pk, "opdracht": "opdracht-1"},
    )
    plan = PracticePlan.objects.get(owner=learner)
    assert (plan.lesson, plan.assignment_block_id) == (lesson.specific, "opdracht-1")
    response = logged_in.get(url)
    assert response["Location"] == detail_url(plan)
    logged_in.post(
        reverse("practice_plan_start"),
        {"template": template_id, "les": lesson.pk, "opdracht": "opdracht-1"},
    )
    assert PracticePlan.objects.filter(owner=learner).count() == 1


def test_a_block_that_is_no_assignment_is_not_accepted(logged_in, learner, lesson, template):
    url = reverse("practice_plan_start") + f"?les={lesson.pk}&opdracht=p-1"
    response = logged_in.get(url, follow=True)
    assert "De opdracht uit de les bestaat niet (meer)" in text(response)
    logged_in.post(
        reverse("practice_plan_start"),
        {"template": template.pk, "les": lesson.pk, "opdracht": "p-1"},
    )
    plan = PracticePlan.objects.get(owner=learner)
    assert plan.lesson is None
    assert plan.assignment_block_id == ""


# --------------------------------------------------------------------- sections


def test_a_section_page_shows_steps_guidance_example_and_the_form(logged_in, plan):
    response = logged_in.get(section_url(plan, "perspectief"))
    page = text(response)
    assert "<h1" in page and "Perspectief over zes maanden</h1>" in page
    assert re.search(r'href="[^"]*/perspectief/"\s+aria-current="step"', page)
    assert "Onderdeel 2 van 10" in page
    assert "Wat hoort in perspectief over zes maanden." in page  # guidance
    assert "Voorbeeld bij perspectief over zes maanden." in page  # example
    assert "Opslaan en verder" in page
    assert 'name="previous"' in page
    assert "practice-plan.js" in page
    assert "<script>" not in page and 'style="' not in page


def test_save_and_come_back_later(client, learner, plan):
    client.force_login(learner)
    response = client.post(
        section_url(plan, "situatie"), {"answer": "Een gezin met huurachterstand.", "save": "1"}
    )
    assert response["Location"] == section_url(plan, "situatie")
    client.logout()
    client.force_login(learner)
    response = client.get(section_url(plan, "situatie"))
    assert "Een gezin met huurachterstand." in text(response)
    response = client.get(detail_url(plan))
    assert f'href="{section_url(plan, "situatie")}"' in text(response)
    assert "Verder waar je was" in text(response)


def test_save_and_next_and_previous(logged_in, plan):
    response = logged_in.post(section_url(plan, "perspectief"), {"answer": "Rust.", "next": "1"})
    assert response["Location"] == section_url(plan, "zelf")
    response = logged_in.post(section_url(plan, "zelf"), {"answer": "Koken.", "previous": "1"})
    assert response["Location"] == section_url(plan, "perspectief")
    plan.refresh_from_db()
    assert plan.answers == {"perspectief": "Rust.", "zelf": "Koken."}
    assert plan.current_section == "zelf"


def test_no_js_guard_refusal_keeps_the_typed_text_and_stores_nothing(logged_in, plan):
    response = logged_in.post(section_url(plan, "situatie"), {"answer": BSN_TEXT, "next": "1"})
    assert response.status_code == 400
    page = text(response)
    assert "Dit onderdeel is nog niet opgeslagen" in page  # error summary
    assert 'href="#id_answer"' in page
    assert "bevat een BSN" in page
    assert BSN_TEXT in page  # kept in the field
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_answer_help id_answer_error"' in page
    plan.refresh_from_db()
    assert plan.answers == {}


def test_too_long_answer_gets_a_dutch_message(logged_in, plan):
    response = logged_in.post(section_url(plan, "situatie"), {"answer": "x" * 5001})
    assert response.status_code == 400
    assert "Je antwoord is 5001 tekens lang; gebruik er hoogstens 5000." in text(response)
    plan.refresh_from_db()
    assert plan.answers == {}


def test_autosave_answers_json(logged_in, plan):
    response = logged_in.post(section_url(plan, "situatie"), {"answer": "Tussenstand."}, **JSON)
    assert response.status_code == 200
    body = response.json()
    assert body["saved"] is True
    assert re.match(r"Opgeslagen om \d\d:\d\d$", body["message"])
    assert body["saved_at"]
    plan.refresh_from_db()
    assert plan.answers == {"situatie": "Tussenstand."}


def test_autosave_guard_refusal_answers_400_and_stores_nothing(logged_in, plan):
    practice.practice_plan_section_save(plan=plan, key="situatie", text="Goede tekst.")
    response = logged_in.post(section_url(plan, "situatie"), {"answer": BSN_TEXT}, **JSON)
    assert response.status_code == 400
    body = response.json()
    assert body["saved"] is False
    assert "bevat een BSN" in body["errors"][0]
    plan.refresh_from_db()
    assert plan.answers == {"situatie": "Goede tekst."}


def test_an_unknown_section_is_not_found(logged_in, plan):
    assert logged_in.get(section_url(plan, "bestaat-niet")).status_code == 404


# -------------------------------------------------------------- plan and actions


def fill_required(plan):
    for section in plan.sections:
        if section["kind"] == SectionKind.TEXT:
            practice.practice_plan_section_save(plan=plan, key=section["key"], text="Klaar.")
    PracticePlanLegalBasis.objects.create(
        plan=plan, law_label="Participatiewet", article_label="artikel 35", reasoning="Nodig."
    )
    tariff = TariffFactory(name="Maand bijstand", amount=Decimal("1250.00"))
    PracticePlanCostLine.objects.create(
        plan=plan,
        side=CostSide.PREVENTED,
        domain=CostDomain.PARTICIPATIEWET,
        tariff=tariff,
        description="Vier maanden bijstand",
        unit="maand",
        unit_price=Decimal("1250.00"),
        quantity=Decimal("4"),
    )
    PracticePlanCostLine.objects.create(
        plan=plan,
        side=CostSide.COST,
        domain=CostDomain.PARTICIPATIEWET,
        description="Fysiotherapie",
        unit_price=Decimal("899.00"),
        quantity=Decimal("1"),
    )
    return tariff


def test_plan_page_lists_missing_sections_until_complete(logged_in, plan):
    response = logged_in.get(detail_url(plan))
    page = text(response)
    assert "Nog te doen:" in page
    assert "Plan afronden" not in page
    response = logged_in.post(reverse("practice_plan_complete", args=[plan.pk]))
    assert response.status_code == 400
    assert "Vul eerst de verplichte onderdelen in" in text(response)
    tariff = fill_required(plan)
    tariff.amount = Decimal("1300.00")
    tariff.save()
    page = text(logged_in.get(detail_url(plan)))
    assert "Plan afronden" in page
    assert "Participatiewet, artikel 35" in page
    assert "€\xa05.000,00" in page  # prevented
    assert "€\xa04.101,00" in page  # return
    assert "Sinds dan is het tarief voor" in page  # stale tariff note
    response = logged_in.post(reverse("practice_plan_complete", args=[plan.pk]))
    assert response["Location"] == detail_url(plan)
    plan.refresh_from_db()
    assert plan.status == PracticePlanStatus.COMPLETED
    assert "Afgerond" in text(logged_in.get(reverse("practice_plan_list")))


def test_share_and_unshare_explains_who_sees_it(logged_in, plan):
    page = text(logged_in.get(detail_url(plan)))
    assert "Dit plan is nu alleen voor jou" in page
    response = logged_in.post(reverse("practice_plan_share", args=[plan.pk]), {"action": "share"})
    plan.refresh_from_db()
    assert plan.shared_with_team and plan.shared_at
    page = text(logged_in.get(response["Location"]))
    assert "De teamleiders van je teams kunnen het nu lezen" in page
    assert "Niet meer delen" in page
    logged_in.post(reverse("practice_plan_share", args=[plan.pk]), {"action": "unshare"})
    plan.refresh_from_db()
    assert not plan.shared_with_team and plan.shared_at is None


def test_delete_asks_first_then_deletes(logged_in, plan):
    response = logged_in.get(reverse("practice_plan_delete", args=[plan.pk]))
    assert "Weet je zeker dat je ‘Mijn plan’ wilt verwijderen?" in text(response)
    assert PracticePlan.objects.filter(pk=plan.pk).exists()
    response = logged_in.post(reverse("practice_plan_delete", args=[plan.pk]))
    assert response["Location"] == reverse("practice_plan_list")
    assert not PracticePlan.objects.filter(pk=plan.pk).exists()


# ----------------------------------------------------------------------- privacy


@pytest.fixture
def team_lead(learner):
    team = TeamFactory(name="Wijkteam Noord")
    TeamMembershipFactory(team=team, user=learner)
    return TeamMembershipFactory(team=team, role=TeamRole.LEAD).user


def test_other_users_get_404_everywhere(client, plan):
    client.force_login(UserFactory())
    for url in (
        detail_url(plan),
        section_url(plan, "situatie"),
        reverse("practice_plan_delete", args=[plan.pk]),
        reverse("practice_plan_export", args=[plan.pk, "pdf"]),
    ):
        assert client.get(url).status_code == 404, url
    for name in ("practice_plan_share", "practice_plan_complete", "practice_plan_delete"):
        assert client.post(reverse(name, args=[plan.pk])).status_code == 404
    assert client.post(section_url(plan, "situatie"), {"answer": "x"}).status_code == 404
    plan.refresh_from_db()
    assert plan.answers == {}


def test_team_lead_reads_only_while_shared(client, plan, team_lead):
    practice.practice_plan_section_save(plan=plan, key="situatie", text="Gedeelde tekst.")
    client.force_login(team_lead)
    assert client.get(detail_url(plan)).status_code == 404
    practice.practice_plan_share(plan=plan)
    page = text(client.get(detail_url(plan)))
    assert "Sanne de Vries deelt dit oefenplan met je als teamleider" in page
    assert "Gedeelde tekst." in page
    assert "Plan afronden" not in page and "Dit oefenplan verwijderen" not in page
    page = text(client.get(section_url(plan, "situatie")))
    assert "Je kunt het lezen, niet wijzigen" in page
    assert "<textarea" not in page
    assert "Gedeelde tekst." in page
    # Writes by the lead are refused and change nothing.
    refused = client.post(section_url(plan, "situatie"), {"answer": "Anders."})
    assert refused.status_code == 403
    assert "Geen toegang" in text(refused)  # the portal's Dutch page, not Django's
    share_url = reverse("practice_plan_share", args=[plan.pk])
    assert client.post(share_url, {"action": "unshare"}).status_code == 403
    assert client.post(reverse("practice_plan_delete", args=[plan.pk])).status_code == 403
    plan.refresh_from_db()
    assert plan.answers == {"situatie": "Gedeelde tekst."}
    assert plan.shared_with_team
    practice.practice_plan_unshare(plan=plan)
    assert client.get(section_url(plan, "situatie")).status_code == 404


def test_team_lead_list_shows_shared_plans_of_members_only(client, learner, plan, team_lead):
    team = team_lead.team_memberships.get().team
    other_team_plan = practice.practice_plan_create(
        owner=UserFactory(), template=plan.template, title="Ander team"
    )
    practice.practice_plan_share(plan=other_team_plan)
    practice.practice_plan_create(owner=learner, template=plan.template, title="Niet gedeeld")
    practice.practice_plan_share(plan=plan)
    client.force_login(team_lead)
    page = text(client.get(reverse("learning_team_plans", args=[team.pk])))
    assert "Mijn plan" in page
    assert "Sanne de Vries" in page
    assert "Niet gedeeld" not in page and "Ander team" not in page
    client.force_login(learner)  # a member, not a lead
    assert client.get(reverse("learning_team_plans", args=[team.pk])).status_code == 404


# ------------------------------------------------------------------------ export


@pytest.mark.parametrize(
    "file_format,content_type,magic",
    [
        ("pdf", "application/pdf", b"%PDF"),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
    ],
)
def test_export_downloads_an_attachment(logged_in, plan, file_format, content_type, magic):
    practice.practice_plan_section_save(plan=plan, key="situatie", text="Schulden en zorgen.")
    response = logged_in.get(reverse("practice_plan_export", args=[plan.pk, file_format]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="mijn-plan.{file_format}"'
    assert response.content.startswith(magic)


def test_export_of_an_unknown_format_is_not_found(logged_in, plan):
    assert logged_in.get(f"/leren/oefenplannen/{plan.pk}/export.txt").status_code == 404
