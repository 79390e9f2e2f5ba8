"""A section page of a practice plan in a real browser: the page's heading comes first
(axe's heading-order rule on top of the WCAG rules), the step list sits beside the
section on a wide screen and under it on a phone."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from learning.factories import PlanTemplateIndexPageFactory, PlanTemplatePageFactory
from learning.plans import practice
from portal.accounts.factories import DEFAULT_PASSWORD, ProfileFactory

pytestmark = pytest.mark.browser

EMAIL = "stappen@wijkteam.example.nl"
# Rules outside the WCAG tags that assert_accessible runs; heading-order is a best practice.
EXTRA_RULES = ["heading-order", "page-has-heading-one", "landmark-unique"]


def log_in(page, email: str) -> None:
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("aanmelden|inloggen", re.I)).click()
    expect(page.get_by_role("link", name="Mijn profiel")).to_be_visible()


def extra_violations(page, axe_source: str) -> list[str]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    return page.evaluate(
        """async (rules) => {
            const results = await window.axe.run(document, {
                runOnly: { type: "rule", values: rules },
                resultTypes: ["violations"],
            });
            return results.violations.map(
                (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
            );
        }""",
        EXTRA_RULES,
    )


def box(page, selector: str) -> dict[str, float]:
    return page.locator(selector).bounding_box()


def test_section_page_headings_are_in_order_and_steps_sit_beside_it(
    browser_page, site_root, assert_accessible, axe_source, set_viewport
):
    page = browser_page
    user = ProfileFactory(user__email=EMAIL).user
    index = PlanTemplateIndexPageFactory(parent=site_root)
    template = PlanTemplatePageFactory(parent=index, title="Doorbraakplan", version="2.0")
    plan = practice.practice_plan_create(owner=user, template=template, title="Mijn plan")
    log_in(page, EMAIL)

    set_viewport(page, {"width": 1280, "height": 900})
    page.goto(reverse("practice_plan_section", kwargs={"plan_id": plan.pk, "key": "perspectief"}))
    headings = page.locator("main h1, main h2").all_inner_texts()
    assert headings[0] == "Perspectief over zes maanden"
    assert headings.index("Onderdelen van je plan") > 0
    assert_accessible(page)
    assert extra_violations(page, axe_source) == []
    # Wide screen: the step list is a column to the left of the section.
    steps, heading = box(page, ".plan-steps"), box(page, "h1.plan-section__heading")
    assert steps["x"] + steps["width"] <= heading["x"]
    assert steps["y"] < heading["y"] + heading["height"]

    # Phone: one column, the section (heading and form) first, the steps under it.
    set_viewport(page, {"width": 375, "height": 800})
    steps, form = box(page, ".plan-steps"), box(page, ".plan-section-form")
    assert steps["y"] >= form["y"] + form["height"]
    assert steps["width"] > 300
    assert_accessible(page)
    assert extra_violations(page, axe_source) == []
