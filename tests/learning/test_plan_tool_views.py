"""The two tool sections of a practice plan (learning.plans.tool_views): the live totals
use the price a kept row was saved with, a legal basis whose law or article an editor
removed keeps its name and can be saved again, line breaks count once, a tampered row is
explained, the live announcement comes translated from the server, and the date of the
calculation is the date of the last save."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casebook.models import Law
from learning.factories import (
    TariffFactory,
)
from learning.models import PracticePlan, PracticePlanLegalBasis
from learning.plans.costs import CostLineInput, PlanRowsRefused, practice_plan_costs_save
from learning.plans.laws import LegalBasisInput, practice_plan_legal_bases_save

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def coaching(db):
    return TariffFactory(
        name="Uur gezinscoaching", cost_domain="jeugdwet", unit="uur", amount=D("100.00")
    )


def costs_url(plan) -> str:
    return reverse("practice_plan_section", kwargs={"plan_id": plan.pk, "key": "rendement"})


def bases_url(plan) -> str:
    return reverse("practice_plan_section", kwargs={"plan_id": plan.pk, "key": "legitimiteit"})


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }


def fieldset(html: str, row_id: str) -> str:
    match = re.search(rf'<fieldset[^>]*id="{row_id}"[^>]*>', html)
    assert match, f"no row {row_id}"
    return match.group(0)


# ---------------------------------------------------------------- 1. snapshot price


def test_a_kept_row_gives_the_live_totals_its_saved_price_not_the_new_tariff(
    client, plan, coaching
) -> None:
    [line] = practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="cost", tariff=coaching, quantity=D("2"))]
    )
    coaching.amount = D("150.00")
    coaching.save()
    client.force_login(plan.owner)

    html = client.get(costs_url(plan)).content.decode()

    row = fieldset(html, "regel-0-rij")
    assert f'data-snapshot-tariff="{coaching.pk}"' in row
    assert 'data-snapshot-price="100.00"' in row
    assert 'data-price="150.00"' in html  # a new row would take the current tariff
    assert "data-snapshot" not in fieldset(html, "regel-1-rij")  # an empty row has none
    assert 'data-calc-total="cost">€\xa0200,00' in html


def test_a_row_sent_back_with_an_error_still_carries_its_saved_price(
    client, plan, coaching
) -> None:
    [line] = practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="cost", tariff=coaching, quantity=D("2"))]
    )
    coaching.amount = D("150.00")
    coaching.save()
    client.force_login(plan.owner)

    response = client.post(
        costs_url(plan),
        {
            **management("regel", 1, 1),
            "regel-0-line": str(line.pk),
            "regel-0-side": "cost",
            "regel-0-tariff": str(coaching.pk),
            "regel-0-quantity": "twee",
        },
    )

    assert response.status_code == 400
    assert 'data-snapshot-price="100.00"' in fieldset(response.content.decode(), "regel-0-rij")


# ---------------------------------------------------------------- 2. removed law or article


def test_a_basis_whose_law_was_removed_keeps_its_name_and_can_be_saved_again(
    client, plan, participatiewet, special_assistance
) -> None:
    [basis] = practice_plan_legal_bases_save(
        plan=plan,
        bases=[
            LegalBasisInput(
                law=participatiewet, article=special_assistance, reasoning="Maatwerk mag."
            )
        ],
    )
    participatiewet.delete()  # an editor removes the law (and with it its articles)
    client.force_login(plan.owner)

    page = client.get(bases_url(plan)).content.decode()
    response = client.post(
        bases_url(plan),
        {
            **management("grondslag", 2, 1),
            "grondslag-0-basis": str(basis.pk),
            "grondslag-0-law": "",
            "grondslag-0-article": "",
            "grondslag-0-reasoning": "Maatwerk mag, nog steeds.",
            "grondslag-1-law": "",
            "grondslag-1-article": "",
            "grondslag-1-reasoning": "",
        },
    )

    assert '<option value="" selected>Participatiewet (niet meer in de lijst)</option>' in page
    assert "art. 35 lid 1 Bijzondere bijstand (niet meer in de lijst)" in page
    assert "staat niet meer in de wettenzoeker" in page
    assert response.status_code == 302
    kept = PracticePlanLegalBasis.objects.get(plan=plan)
    assert (kept.law, kept.law_label, kept.article_label, kept.reasoning) == (
        None,
        "Participatiewet",
        "art. 35 lid 1 Bijzondere bijstand",
        "Maatwerk mag, nog steeds.",
    )


def test_a_basis_whose_article_was_removed_keeps_the_article_s_name(
    client, plan, participatiewet, special_assistance
) -> None:
    [basis] = practice_plan_legal_bases_save(
        plan=plan,
        bases=[LegalBasisInput(law=participatiewet, article=special_assistance, reasoning="Ja.")],
    )
    special_assistance.delete()
    client.force_login(plan.owner)

    response = client.post(
        bases_url(plan),
        {
            **management("grondslag", 1, 1),
            "grondslag-0-basis": str(basis.pk),
            "grondslag-0-law": str(participatiewet.pk),
            "grondslag-0-article": "",
            "grondslag-0-reasoning": "Ja.",
        },
    )

    assert response.status_code == 302
    kept = PracticePlanLegalBasis.objects.get(plan=plan)
    assert (kept.law, kept.law_label, kept.article, kept.article_label) == (
        participatiewet,
        "Participatiewet",
        None,
        "art. 35 lid 1 Bijzondere bijstand",
    )


def test_choosing_another_law_replaces_a_removed_law_s_name(
    client, plan, participatiewet, special_assistance
) -> None:
    [basis] = practice_plan_legal_bases_save(
        plan=plan,
        bases=[LegalBasisInput(law=participatiewet, article=special_assistance, reasoning="Ja.")],
    )
    participatiewet.delete()
    wmo = Law.objects.get(name="Wmo 2015")
    client.force_login(plan.owner)

    client.post(
        bases_url(plan),
        {
            **management("grondslag", 1, 1),
            "grondslag-0-basis": str(basis.pk),
            "grondslag-0-law": str(wmo.pk),
            "grondslag-0-article": "",
            "grondslag-0-reasoning": "Ja.",
        },
    )

    kept = PracticePlanLegalBasis.objects.get(plan=plan)
    assert (kept.law, kept.law_label, kept.article_label) == (wmo, "Wmo 2015", "")


def test_a_new_row_without_a_law_is_still_refused(plan) -> None:
    with pytest.raises(PlanRowsRefused) as refused:
        practice_plan_legal_bases_save(plan=plan, bases=[LegalBasisInput(law=None, reasoning="X")])

    assert "Kies de wet of regeling" in refused.value.errors[0]["law"][0]
    assert not plan.legal_bases.exists()


# ---------------------------------------------------------------- 3. line breaks count once


def test_a_reasoning_of_2000_characters_with_line_breaks_is_accepted(
    client, plan, participatiewet
) -> None:
    paragraph = "a" * 198
    typed = "\r\n".join([paragraph] * 10)  # 10 x 198 + 9 line breaks = 1989 in the browser
    typed += "\r\n" + "b" * 10  # 2000 characters as the textarea counts them
    client.force_login(plan.owner)

    page = client.get(bases_url(plan)).content.decode()
    response = client.post(
        bases_url(plan),
        {
            **management("grondslag", 1),
            "grondslag-0-law": str(participatiewet.pk),
            "grondslag-0-article": "",
            "grondslag-0-reasoning": typed,
        },
    )

    assert 'maxlength="2000"' in page
    assert response.status_code == 302
    stored = plan.legal_bases.get().reasoning
    assert len(stored) == 2000 and "\r" not in stored


def test_a_reasoning_over_2000_characters_gets_a_dutch_message(
    client, plan, participatiewet
) -> None:
    client.force_login(plan.owner)

    response = client.post(
        bases_url(plan),
        {
            **management("grondslag", 1),
            "grondslag-0-law": str(participatiewet.pk),
            "grondslag-0-reasoning": "a" * 2001,
        },
    )

    assert response.status_code == 400
    assert "Gebruik hoogstens 2000 tekens (je gebruikt er 2001)." in response.content.decode()


# ---------------------------------------------------------------- 5. tampered hidden ids


def test_a_tampered_cost_row_is_explained_in_the_error_summary(client, plan, coaching) -> None:
    client.force_login(plan.owner)

    response = client.post(
        costs_url(plan),
        {
            **management("regel", 1),
            "regel-0-line": "abc",
            "regel-0-side": "cost",
            "regel-0-tariff": str(coaching.pk),
            "regel-0-quantity": "2",
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert (
        '<a href="#regel-0-rij">Regel 1: Deze regel is niet goed meegestuurd. '
        "Open de pagina opnieuw en vul de regel nog een keer in.</a>" in html
    )
    assert 'id="regel-0-rij"' in html
    assert not plan.cost_lines.exists()


def test_a_tampered_legal_basis_row_is_explained_in_the_error_summary(
    client, plan, participatiewet
) -> None:
    client.force_login(plan.owner)

    response = client.post(
        bases_url(plan),
        {
            **management("grondslag", 1),
            "grondslag-0-basis": "abc",
            "grondslag-0-law": str(participatiewet.pk),
            "grondslag-0-reasoning": "Omdat.",
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#grondslag-0-rij">Grondslag 1: Deze regel is niet goed meegestuurd.' in html
    assert not plan.legal_bases.exists()


# ---------------------------------------------------------------- 7. translated announcement


def test_the_live_announcement_sentence_comes_from_the_server(client, plan) -> None:
    client.force_login(plan.owner)

    html = client.get(costs_url(plan)).content.decode()
    script = (Path(settings.BASE_DIR) / "static" / "js" / "plan-calculator.js").read_text()

    assert (
        'data-calc-announce-pattern="Rendement nu {net}: kosten {cost}, voorkomen kosten '
        '{prevented} (nog niet opgeslagen)."' in html
    )
    assert "Rendement nu" not in script and "nog niet opgeslagen" not in script


# ---------------------------------------------------------------- 8. date of the calculation


def test_the_date_is_the_last_calculation_and_the_notice_lists_the_older_prices(
    client, plan, coaching
) -> None:
    [line] = practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="cost", tariff=coaching, quantity=D("2"))]
    )
    long_ago = timezone.make_aware(datetime.datetime(2025, 3, 1, 12, 0))
    PracticePlan.objects.filter(pk=plan.pk).update(costs_computed_at=long_ago)
    coaching.amount = D("150.00")
    coaching.save()
    plan.refresh_from_db()

    practice_plan_costs_save(
        plan=plan,
        lines=[
            CostLineInput(side="cost", tariff=coaching, quantity=D("2"), line_id=line.pk),
            CostLineInput(side="cost", tariff=coaching, quantity=D("1")),  # added today
        ],
    )
    client.force_login(plan.owner)
    html = client.get(costs_url(plan)).content.decode()

    plan.refresh_from_db()
    today = timezone.localdate(plan.costs_computed_at)
    assert today > long_ago.date()
    assert (
        "Een regel met een standaardtarief rekent met het tarief dat gold toen je de regel "
        "toevoegde of herberekende." in html
    )
    assert f"Laatst berekend op {today.day} " in html
    assert "1 maart 2025" not in html
    assert (
        html.count(
            "Sinds dan is het tarief voor Uur gezinscoaching gewijzigd van €\xa0100,00 naar "
            "€\xa0150,00."
        )
        == 1
    )
    assert list(plan.cost_lines.values_list("unit_price", flat=True)) == [
        D("100.00"),
        D("150.00"),
    ]
