"""IPW keeps the standard tariffs in the Wagtail admin ("Standaardtarieven"); changing one
does not change the amounts of a saved practice plan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from learning.factories import PracticePlanFactory, TariffFactory
from learning.models import Tariff
from learning.plans.calculator import plan_cost_summary
from learning.plans.costs import CostLineInput, practice_plan_costs_save
from portal.accounts.factories import UserFactory, client_login_with_mfa


@pytest.fixture
def tariff(db) -> Tariff:
    return TariffFactory(
        name="Week jeugdhulp ambulant",
        cost_domain="jeugdwet",
        unit="week",
        amount=Decimal("412.50"),
        source="IPW standaardtarieven 2026",
    )


def test_the_admin_menu_has_the_tariff_table_with_its_columns_and_filters(
    client, editor, tariff
) -> None:
    client_login_with_mfa(client, editor)
    listing_url = reverse("wagtailsnippets_learning_tariff:list")

    home = client.get(reverse("wagtailadmin_home")).content.decode()
    listing = client.get(listing_url).content.decode()
    found = client.get(listing_url, {"q": "jeugdhulp"}).content.decode()
    filtered = client.get(listing_url, {"cost_domain": "wmo"}).content.decode()

    assert "Standaardtarieven" in home and listing_url in home
    assert "Week jeugdhulp ambulant" in listing
    for column in ("Naam", "Wetsdomein", "Eenheid", "Bedrag per eenheid (€)", "In gebruik"):
        assert column.lower() in listing.lower()
    assert "412,50" in listing or "412.50" in listing
    assert "Week jeugdhulp ambulant" in found
    assert "Week jeugdhulp ambulant" not in filtered


def test_an_editor_changes_a_tariff_and_a_saved_plan_keeps_its_amounts(
    client, editor, tariff
) -> None:
    plan = PracticePlanFactory()
    practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="prevented", tariff=tariff, quantity=Decimal("8"))]
    )
    client_login_with_mfa(client, editor)

    response = client.post(
        reverse("wagtailsnippets_learning_tariff:edit", args=[tariff.pk]),
        {
            "name": tariff.name,
            "cost_domain": "jeugdwet",
            "unit": "week",
            "amount": "450.00",
            "source": "IPW standaardtarieven 2027",
            "description": "",
            "active": "on",
        },
    )

    tariff.refresh_from_db()
    summary = plan_cost_summary(plan=plan)
    assert response.status_code == 302
    assert tariff.amount == Decimal("450.00")
    assert summary.prevented_total == Decimal("3300.00")  # 8 x 412.50, as computed
    assert [item.current_price for item in summary.stale] == [Decimal("450.00")]


def test_learners_cannot_open_the_tariff_admin(client, db) -> None:
    client_login_with_mfa(client, UserFactory())

    response = client.get(reverse("wagtailsnippets_learning_tariff:list"))

    assert response.status_code in (302, 403)
