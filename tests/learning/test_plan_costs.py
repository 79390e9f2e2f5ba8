"""The cost-benefit section of a practice plan (the calculator): tariff snapshots, a tariff
changed later, recalculating, own amounts, validation and the anonymisation guard, and
the page the learner (or a team lead) sees."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from learning.factories import (
    PracticePlanFactory,
    TariffFactory,
    TeamFactory,
    TeamMembershipFactory,
)
from learning.models import PracticePlanCostLine, PracticePlanStatus, TeamRole
from learning.plans.calculator import plan_cost_summary
from learning.plans.costs import (
    CostLineInput,
    PlanRowsRefused,
    practice_plan_costs_refresh,
    practice_plan_costs_save,
)
from portal.accounts.factories import UserFactory

D = Decimal
PREFIX = "regel"


@pytest.fixture
def benefit(db):
    return TariffFactory(
        name="Maand bijstandsuitkering",
        cost_domain="participatiewet",
        unit="maand",
        amount=D("1250.00"),
    )


@pytest.fixture
def help_hour(db):
    return TariffFactory(
        name="Uur huishoudelijke hulp", cost_domain="wmo", unit="uur", amount=D("31.15")
    )


def section_url(plan, key: str = "rendement") -> str:
    return reverse("practice_plan_section", kwargs={"plan_id": plan.pk, "key": key})


def formset_data(rows: list[dict], *, initial: int = 0, extra_empty: int = 1, **buttons) -> dict:
    data = {
        f"{PREFIX}-TOTAL_FORMS": str(len(rows) + extra_empty),
        f"{PREFIX}-INITIAL_FORMS": str(initial),
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "30",
        **buttons,
    }
    defaults = {
        "line": "",
        "side": "cost",
        "tariff": "",
        "description": "",
        "domain": "",
        "unit_price": "",
        "quantity": "1",
    }
    for index, row in enumerate(rows):
        for name, value in {**defaults, **row}.items():
            if name == "DELETE":
                if value:
                    data[f"{PREFIX}-{index}-DELETE"] = "on"
                continue
            data[f"{PREFIX}-{index}-{name}"] = str(value)
    for index in range(len(rows), len(rows) + extra_empty):
        data[f"{PREFIX}-{index}-side"] = "cost"
        data[f"{PREFIX}-{index}-quantity"] = "1"
    return data


# ---------------------------------------------------------------- service


def test_a_tariff_changed_later_keeps_the_saved_amount_and_says_so(client, plan, benefit) -> None:
    practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="prevented", tariff=benefit, quantity=D("4"))]
    )
    benefit.amount = D("1300.00")
    benefit.save()

    summary = plan_cost_summary(plan=plan)
    client.force_login(plan.owner)
    html = client.get(section_url(plan)).content.decode()

    assert summary.prevented_total == D("5000.00")  # 4 x 1250, not 4 x 1300
    assert [(s.line.unit_price, s.current_price) for s in summary.stale] == [
        (D("1250.00"), D("1300.00"))
    ]
    assert "rekent met het tarief dat gold toen je de regel toevoegde" in html
    assert (
        "Sinds dan is het tarief voor Maand bijstandsuitkering gewijzigd van €\xa01.250,00 naar "
        "€\xa01.300,00." in html
    )
    assert "Herbereken met de huidige tarieven" in html
    assert "€\xa05.000,00" in html


def test_resaving_keeps_a_line_s_price_but_a_new_or_changed_line_takes_the_current_tariff(
    plan, benefit, help_hour
) -> None:
    [line] = practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="prevented", tariff=benefit, quantity=D("4"))]
    )
    [other] = practice_plan_costs_save(
        plan=plan,
        lines=[
            CostLineInput(side="prevented", tariff=benefit, quantity=D("4")),
        ],
    )
    first_computed = plan.costs_computed_at
    benefit.amount = D("1300.00")
    benefit.save()
    help_hour.amount = D("40.00")
    help_hour.save()
    existing = PracticePlanCostLine.objects.get(plan=plan)

    practice_plan_costs_save(
        plan=plan,
        lines=[
            CostLineInput(side="prevented", tariff=benefit, quantity=D("5"), line_id=existing.pk),
            CostLineInput(side="prevented", tariff=benefit, quantity=D("1")),  # new line
            CostLineInput(side="cost", tariff=help_hour, quantity=D("10")),
        ],
    )

    prices = list(plan.cost_lines.values_list("unit_price", "quantity"))
    assert prices == [
        (D("1250.00"), D("5.00")),
        (D("1300.00"), D("1.00")),
        (D("40.00"), D("10.00")),
    ]
    # The kept line still carries the old price (the stale notice says so); the date is
    # the date of this last calculation.
    assert plan.costs_computed_at > first_computed
    assert line.unit_price == other.unit_price == D("1250.00")


def test_changing_the_tariff_of_a_line_takes_the_new_tariff_s_current_amount(
    plan, benefit, help_hour
) -> None:
    practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="cost", tariff=benefit, quantity=D("1"))]
    )
    existing = plan.cost_lines.get()

    practice_plan_costs_save(
        plan=plan,
        lines=[CostLineInput(side="cost", tariff=help_hour, quantity=D("3"), line_id=existing.pk)],
    )

    line = plan.cost_lines.get()
    assert (line.tariff, line.unit_price, line.domain, line.unit) == (
        help_hour,
        D("31.15"),
        "wmo",
        "uur",
    )
    assert line.amount == D("93.45")


def test_refresh_updates_stale_lines_and_the_date(client, plan, benefit, help_hour) -> None:
    practice_plan_costs_save(
        plan=plan,
        lines=[
            CostLineInput(side="prevented", tariff=benefit, quantity=D("2")),
            CostLineInput(side="cost", tariff=help_hour, quantity=D("10")),
        ],
    )
    plan.refresh_from_db()
    before = plan.costs_computed_at
    benefit.amount = D("1300.00")
    benefit.save()
    client.force_login(plan.owner)

    response = client.post(
        reverse("practice_plan_costs_refresh", kwargs={"plan_id": plan.pk}),
        {"next": section_url(plan)},
        follow=True,
    )

    plan.refresh_from_db()
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == section_url(plan)
    assert "1 regel bijgewerkt" in html
    assert "Sinds dan is het tarief" not in html
    assert plan_cost_summary(plan=plan).prevented_total == D("2600.00")
    assert plan.costs_computed_at > before
    assert practice_plan_costs_refresh(plan=plan) == 0


def test_refresh_is_for_the_owner_only(client, plan, benefit) -> None:
    practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="prevented", tariff=benefit, quantity=D("2"))]
    )
    benefit.amount = D("1.00")
    benefit.save()
    client.force_login(UserFactory())

    response = client.post(reverse("practice_plan_costs_refresh", kwargs={"plan_id": plan.pk}))

    assert response.status_code == 404
    assert plan.cost_lines.get().unit_price == D("1250.00")


def test_own_amount_lines_use_the_typed_price(plan) -> None:
    practice_plan_costs_save(
        plan=plan,
        lines=[
            CostLineInput(
                side="cost",
                description="Fysiotherapie",
                domain="zvw",
                unit="behandeling",
                unit_price=D("899.00"),
                quantity=D("1"),
            )
        ],
    )

    line = plan.cost_lines.get()
    assert (line.tariff, line.description, line.domain, line.unit_price) == (
        None,
        "Fysiotherapie",
        "zvw",
        D("899.00"),
    )


def test_the_guard_refuses_personal_data_in_a_description_and_stores_nothing(plan, benefit) -> None:
    practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="prevented", tariff=benefit, quantity=D("2"))]
    )

    with pytest.raises(PlanRowsRefused) as refused:
        practice_plan_costs_save(
            plan=plan,
            lines=[
                CostLineInput(side="prevented", tariff=benefit, quantity=D("9")),
                CostLineInput(
                    side="cost",
                    description="Bellen met 06-12345678",
                    domain="wmo",
                    unit_price=D("10"),
                    quantity=D("1"),
                ),
            ],
        )

    assert list(refused.value.errors) == [1]
    assert "persoonsgegevens" in refused.value.errors[1]["description"][0]
    assert list(plan.cost_lines.values_list("quantity", flat=True)) == [D("2.00")]


def test_saving_an_empty_calculation_reopens_a_completed_plan(plan, benefit) -> None:
    practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="prevented", tariff=benefit, quantity=D("2"))]
    )
    plan.status = PracticePlanStatus.COMPLETED
    plan.save()

    practice_plan_costs_save(plan=plan, lines=[], section_key="rendement")

    plan.refresh_from_db()
    assert plan.status == PracticePlanStatus.DRAFT
    assert plan.current_section == "rendement"


# ---------------------------------------------------------------- the section page


def test_the_owner_fills_the_calculator_without_javascript(
    client, plan, benefit, help_hour
) -> None:
    client.force_login(plan.owner)
    page = client.get(section_url(plan)).content.decode()
    assert "Berekenen en opslaan" in page
    assert "Maand bijstandsuitkering (€\xa01.250,00 per maand)" in page
    assert 'data-price="1250.00"' in page
    assert '<optgroup label="Participatiewet">' in page

    response = client.post(
        section_url(plan),
        formset_data(
            [
                {"side": "cost", "tariff": help_hour.pk, "quantity": "12,5"},
                {"side": "prevented", "tariff": benefit.pk, "quantity": "3"},
                {
                    "side": "prevented",
                    "description": "Voorkomen huisuitzetting",
                    "domain": "wmo",
                    "unit_price": "2.500,00",  # as people type it
                    "quantity": "1",
                },
            ],
            save="1",
        ),
    )

    assert response.status_code == 302
    assert response.url == section_url(plan)
    html = client.get(response.url).content.decode()
    assert "Je berekening is opgeslagen." in html
    assert '<caption class="utrecht-table__caption" id="plan-costs-caption">' in html
    assert '<th scope="row" class="utrecht-table__header-cell">Wmo 2015</th>' in html
    # Wmo: cost 12.5 x 31.15 = 389.375 -> 389.38; prevented 2500
    assert "€\xa0389,38" in html
    assert "€\xa06.250,00" in html  # 3750 + 2500 prevented
    assert "€\xa05.860,62" in html  # the return
    assert "16,1 euro voorkomen per euro kosten" in html
    plan.refresh_from_db()
    assert plan.current_section == "rendement"
    assert plan.costs_computed_at is not None


def test_next_goes_to_the_plan_overview_after_the_last_section(client, plan, benefit) -> None:
    client.force_login(plan.owner)

    response = client.post(
        section_url(plan), formset_data([{"tariff": benefit.pk, "quantity": "1"}], next="1")
    )

    assert response.url == reverse("practice_plan_detail", kwargs={"plan_id": plan.pk})


def test_bad_input_gets_dutch_messages_keeps_what_was_typed_and_stores_nothing(
    client, plan, benefit
) -> None:
    client.force_login(plan.owner)

    response = client.post(
        section_url(plan),
        formset_data(
            [
                {"side": "prevented", "tariff": benefit.pk, "quantity": "twee"},
                {"description": "Schuldhulp traject", "unit_price": "12,50", "quantity": "3"},
                {"tariff": benefit.pk, "unit_price": "10", "quantity": "1"},
            ],
            save="1",
        ),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Je berekening is nog niet opgeslagen" in html
    assert "Vul een getal in, bijvoorbeeld 12,50 of 2.400,00." in html
    assert "Kies het wetsdomein van je eigen regel." in html
    assert "Bij een standaardtarief vul je geen eigen bedrag in" in html
    assert 'value="twee"' in html and 'value="Schuldhulp traject"' in html
    assert 'value="12,50"' in html
    assert 'href="#id_regel-1-domain"' in html
    assert 'aria-describedby="id_regel-1-domain_error"' in html
    assert not plan.cost_lines.exists()


def test_personal_data_in_a_description_is_refused_on_the_page(client, plan) -> None:
    client.force_login(plan.owner)

    response = client.post(
        section_url(plan),
        formset_data(
            [
                {
                    "description": "Mail naar j.jansen@example.org",
                    "domain": "wmo",
                    "unit_price": "10",
                    "quantity": "1",
                }
            ],
            save="1",
        ),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Het veld ‘Omschrijving’ bevat" in html
    assert "verwijder persoonsgegevens" in html
    assert "j.jansen@example.org" in html  # what was typed stays in the field
    assert not plan.cost_lines.exists()


def test_an_inactive_tariff_is_not_offered_for_new_lines_but_existing_lines_keep_working(
    client, plan, benefit, help_hour
) -> None:
    [line] = practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="prevented", tariff=benefit, quantity=D("2"))]
    )
    benefit.active = False
    benefit.save()
    other_plan = PracticePlanFactory(owner=plan.owner, template=plan.template)
    client.force_login(plan.owner)

    fresh = client.get(section_url(other_plan)).content.decode()
    refused = client.post(
        section_url(other_plan),
        formset_data([{"tariff": benefit.pk, "quantity": "1"}], save="1"),
    )
    kept = client.post(
        section_url(plan),
        formset_data(
            [{"line": line.pk, "side": "prevented", "tariff": benefit.pk, "quantity": "3"}],
            initial=1,
            save="1",
        ),
    )

    assert "Maand bijstandsuitkering" not in fresh
    assert refused.status_code == 400
    assert "niet (meer) te kiezen" in refused.content.decode()
    assert kept.status_code == 302
    assert plan.cost_lines.get().amount == D("3750.00")


def test_a_deleted_row_is_removed(client, plan, benefit, help_hour) -> None:
    lines = practice_plan_costs_save(
        plan=plan,
        lines=[
            CostLineInput(side="prevented", tariff=benefit, quantity=D("2")),
            CostLineInput(side="cost", tariff=help_hour, quantity=D("4")),
        ],
    )
    client.force_login(plan.owner)

    client.post(
        section_url(plan),
        formset_data(
            [
                {"line": lines[0].pk, "side": "prevented", "tariff": benefit.pk, "quantity": "2"},
                {"line": lines[1].pk, "tariff": help_hour.pk, "quantity": "4", "DELETE": True},
            ],
            initial=2,
            save="1",
        ),
    )

    assert list(plan.cost_lines.values_list("tariff__name", flat=True)) == [benefit.name]


def test_a_team_lead_reads_a_shared_plan_without_a_form(client, plan, benefit) -> None:
    practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="prevented", tariff=benefit, quantity=D("2"))]
    )
    benefit.amount = D("1300")
    benefit.save()
    plan.shared_with_team = True
    plan.save()
    team = TeamFactory()
    TeamMembershipFactory(team=team, user=plan.owner)
    lead = TeamMembershipFactory(team=team, role=TeamRole.LEAD).user
    client.force_login(lead)

    response = client.get(section_url(plan))
    post = client.post(section_url(plan), formset_data([], save="1"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Maand bijstandsuitkering" in html and "€\xa02.500,00" in html
    assert "Berekenen en opslaan" not in html
    assert (
        "Sinds dan is het tarief voor Maand bijstandsuitkering gewijzigd van €\xa01.250,00 naar "
        "€\xa01.300,00." in html
    )
    assert "Herbereken met de huidige tarieven" not in html
    assert post.status_code == 403


def test_the_page_needs_the_same_queries_for_many_lines(
    client, plan, benefit, help_hour, django_assert_max_num_queries
) -> None:
    client.force_login(plan.owner)
    practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="prevented", tariff=benefit, quantity=D("1"))]
    )
    client.get(section_url(plan))  # warm up session and site caches
    with django_assert_max_num_queries(40) as few:
        client.get(section_url(plan))
    practice_plan_costs_save(
        plan=plan,
        lines=[CostLineInput(side="prevented", tariff=benefit, quantity=D(n)) for n in range(1, 15)]
        + [CostLineInput(side="cost", tariff=help_hour, quantity=D("2"))],
    )

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(section_url(plan))
