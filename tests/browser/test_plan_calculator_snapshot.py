"""The calculator in a real browser: a kept row's live total keeps the price the line was
saved with after IPW raised the tariff, as the server does when saving; a new row with
the same tariff takes the current price."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from learning.factories import (
    PlanTemplateIndexPageFactory,
    PlanTemplatePageFactory,
    PracticePlanFactory,
    TariffFactory,
)
from learning.plans.costs import CostLineInput, practice_plan_costs_save
from portal.accounts.factories import DEFAULT_PASSWORD, ProfileFactory

pytestmark = pytest.mark.browser

EMAIL = "rekenaar@wijkteam.example.nl"


def _log_in(page) -> None:  # noqa: ANN001
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.get_by_label("E-mail", exact=True).fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("aanmelden|inloggen", re.I)).click()
    expect(page.get_by_role("link", name="Mijn profiel")).to_be_visible()


def test_typing_in_a_kept_row_keeps_the_saved_price(browser_page, assert_accessible, site_root):
    from playwright.sync_api import expect

    page = browser_page
    owner = ProfileFactory(user__email=EMAIL).user
    index = PlanTemplateIndexPageFactory(parent=site_root)
    template = PlanTemplatePageFactory(parent=index, title="Doorbraakplan")
    plan = PracticePlanFactory(owner=owner, template=template, title="Oefenplan")
    coaching = TariffFactory(
        name="Uur gezinscoaching", cost_domain="jeugdwet", unit="uur", amount=Decimal("100.00")
    )
    practice_plan_costs_save(
        plan=plan, lines=[CostLineInput(side="cost", tariff=coaching, quantity=Decimal("2"))]
    )
    coaching.amount = Decimal("150.00")
    coaching.save()

    _log_in(page)
    page.goto(reverse("practice_plan_section", args=[plan.pk, "rendement"]))
    cost_total = page.locator('[data-calc-total="cost"]')
    expect(cost_total).to_have_text("€\u00a0200,00")

    kept = page.get_by_role("group", name="Regel 1")
    kept.get_by_label("Aantal").fill("3")
    expect(cost_total).to_have_text("€\u00a0300,00")  # 3 x the saved € 100, not € 150

    new = page.get_by_role("group", name="Regel 2")
    new.get_by_label("Standaardtarief").select_option(str(coaching.pk))
    new.get_by_label("Aantal").fill("1")
    expect(cost_total).to_have_text("€\u00a0450,00")  # + 1 x the current € 150
    assert_accessible(page)

    page.get_by_role("button", name="Berekenen en opslaan").click()
    expect(page.locator('[data-calc-total="cost"]')).to_have_text("€\u00a0450,00")


def test_a_row_the_total_cannot_count_is_said_not_dropped(
    browser_page, assert_accessible, site_root
):
    """'2.400,00' is counted; a price the calculator cannot read leaves the total as it
    was and says so at the row and above the outcome."""
    from playwright.sync_api import expect

    page = browser_page
    owner = ProfileFactory(user__email=EMAIL).user
    index = PlanTemplateIndexPageFactory(parent=site_root)
    template = PlanTemplatePageFactory(parent=index, title="Doorbraakplan")
    plan = PracticePlanFactory(owner=owner, template=template, title="Oefenplan")

    _log_in(page)
    page.goto(reverse("practice_plan_section", args=[plan.pk, "rendement"]))

    row = page.get_by_role("group", name="Regel 1")
    expect(row.locator("[data-calc-row-skipped]")).to_be_hidden()  # an empty row is fine
    row.get_by_text("Eigen bedrag of eigen omschrijving").click()
    row.get_by_label("Wetsdomein").select_option(index=1)
    row.get_by_label("Eigen bedrag per eenheid (€)").fill("2.400,00")
    cost_total = page.locator('[data-calc-total="cost"]')
    expect(cost_total).to_have_text("€\u00a02.400,00")
    expect(row.locator("[data-calc-row-skipped]")).to_be_hidden()

    row.get_by_label("Eigen bedrag per eenheid (€)").fill("twee euro")
    expect(cost_total).to_have_text("€\u00a00,00")
    expect(row.get_by_text("Deze regel telt nog niet mee in de uitkomst")).to_be_visible()
    expect(page.get_by_text("1 regel telt nog niet mee")).to_be_visible()
    assert_accessible(page)
