"""Contributed breakthroughs in a real browser: a professional shares a completed
practice plan as an example case (personal data refused first, the text kept), an editor
finds it in the queue and submits it for moderation, a moderator publishes it, and the
case is found in the casebook with its facets; "Mijn bijdragen" follows every step.
axe runs on the share form and on "Mijn bijdragen" (and the 375 px reflow check)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from casebook.case_search.indexing import case_index_rebuild
from casebook.factories import CaseIndexPageFactory, RegionFactory
from casebook.models import Law
from learning.contributions.models import Contribution
from learning.contributions.selectors import contribution_credits_forget
from learning.factories import PlanTemplateIndexPageFactory, PlanTemplatePageFactory
from learning.models import CostSide, PracticePlanCostLine, PracticePlanLegalBasis
from learning.plans import practice
from portal.accounts.factories import (
    DEFAULT_PASSWORD,
    ProfileFactory,
    UserFactory,
    totp_activate,
    totp_code,
)

pytestmark = pytest.mark.browser

ANSWERS = {
    "situatie": "Een moeder en twee kinderen; schulden en een dreigende huisuitzetting.",
    "perspectief": "Over een half jaar woont het gezin rustig en is er overzicht.",
    "zelf": "Post openen en afspraken nakomen.",
    "ondersteuning": "Hulp bij de administratie.",
    "behandeling": "Begeleiding bij somberheid.",
    "belemmering": "De schuldhulp wacht op een stabiel inkomen, de bijstand op de schuldhulp.",
    "doorbraak": "De gemeente betaalt de huurachterstand uit bijzondere bijstand.",
    "betrokkenheid": "Het gezin krijgt weer regie en rust.",
}


def log_in(page, email: str, *, secret: str | None = None) -> None:
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("aanmelden|inloggen", re.I)).click()
    if secret is not None:
        page.locator("input[name=code]").fill(totp_code(secret))
        page.locator("form:has(input[name=code]) button[type=submit]").first.click()
    expect(page.get_by_role("link", name="Mijn profiel")).to_be_visible()


@pytest.fixture
def world(site_root):
    """The casebook, a Doorbraakplan template and a completed plan of a professional."""
    contribution_credits_forget()
    casebook = CaseIndexPageFactory(parent=site_root, title="Voorbeeldcasussen")
    RegionFactory(name="Zwolle")
    templates = PlanTemplateIndexPageFactory(parent=site_root)
    template = PlanTemplatePageFactory(parent=templates, title="Doorbraakplan", version="2.0")
    professional = ProfileFactory(
        user__first_name="Sanne",
        user__last_name="de Wit",
        user__email="sanne@wijkteam.example.org",
        organisation="Wijkteam Zwolle-Zuid",
    ).user
    plan = practice.practice_plan_create(owner=professional, template=template, title="Huur")
    plan.answers = dict(ANSWERS)
    plan.save()
    law = Law.objects.get(name="Participatiewet")
    PracticePlanLegalBasis.objects.create(
        plan=plan,
        law=law,
        article=law.articles.get(article="35 lid 1"),
        law_label=law.name,
        article_label="art. 35 lid 1",
        reasoning="Bijzondere bijstand voor noodzakelijke kosten.",
    )
    for side, price, quantity in [
        (CostSide.COST, "1380.00", "1"),
        (CostSide.PREVENTED, "1250", "4"),
    ]:
        PracticePlanCostLine.objects.create(
            plan=plan,
            side=side,
            domain="participatiewet",
            description="Regel",
            unit_price=Decimal(price),
            quantity=Decimal(quantity),
        )
    practice.practice_plan_complete(plan=plan)
    editor = UserFactory(
        email="redacteur@ipw.example.org", groups=[Group.objects.get(name="IPW redacteur")]
    )
    moderator = UserFactory(
        email="moderator@ipw.example.org", groups=[Group.objects.get(name="IPW moderator")]
    )
    case_index_rebuild()
    yield {
        "casebook": casebook,
        "plan": plan,
        "professional": professional,
        "editor": (editor, totp_activate(editor)),
        "moderator": (moderator, totp_activate(moderator)),
    }
    contribution_credits_forget()


def _admin_action(page, selector: str) -> None:
    """Click an action of the page editor's footer menu (folded behind "More actions")."""
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator(
            "footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']"
        ).first.click()
    button.click()


def test_share_a_plan_review_publish_and_find_it_in_the_casebook(
    browser_page, chromium_browser, live_server, world, assert_accessible
):
    from playwright.sync_api import expect

    page = browser_page
    plan = world["plan"]

    # 1. The professional opens the completed plan and chooses "Deel als voorbeeldcasus".
    log_in(page, world["professional"].email)
    page.goto(reverse("practice_plan_detail", args=[plan.pk]))
    page.get_by_role("link", name="Deel als voorbeeldcasus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deel als voorbeeldcasus")
    expect(page.get_by_label("Situatieschets", exact=True)).to_have_value(ANSWERS["situatie"])
    expect(page.locator(".contribution-share__plan")).to_contain_text(ANSWERS["doorbraak"])
    assert_accessible(page)

    # 2. First with an address and a phone number: refused at the field, text kept.
    typed = "Een moeder woont op Dorpsstraat 12 in Zwolle, telefoon 06-12345678."
    page.get_by_label("Situatieschets", exact=True).fill(typed)
    page.get_by_label("Huishouden", exact=True).fill("Alleenstaande moeder met twee kinderen")
    page.get_by_label("Titel van de casus", exact=True).fill(
        "Huurachterstand uit bijzondere bijstand"
    )
    page.get_by_role("checkbox", name="Wonen").check()
    page.get_by_role("radio", name="Eerste nood").check()
    page.get_by_label("Regio", exact=True).select_option(label="Zwolle")
    page.get_by_role("button", name="Casus indienen bij de redactie").click()
    summary = page.locator(".portal-error-summary")
    expect(summary).to_contain_text("06-12345678")
    expect(summary).to_contain_text("toestemming")
    expect(page.get_by_label("Situatieschets", exact=True)).to_have_value(typed)
    assert_accessible(page)

    page.get_by_label("Situatieschets", exact=True).fill(ANSWERS["situatie"])
    page.get_by_role("checkbox", name=re.compile("toestemming gegeven")).check()
    page.get_by_role("radio", name=re.compile("Ja, noem")).check()
    page.get_by_role("button", name="Casus indienen bij de redactie").click()

    # 3. "Mijn bijdragen": submitted.
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn bijdragen")
    card = page.locator(".contribution").first
    expect(card.locator(".contribution-status")).to_have_text("Ingediend")
    assert_accessible(page)

    # 4. The editor finds it in the queue, opens it and submits it for moderation.
    editor, editor_secret = world["editor"]
    editor_context = chromium_browser.new_context(locale="nl-NL", base_url=live_server.url)
    editor_page = editor_context.new_page()
    try:
        log_in(editor_page, editor.email, secret=editor_secret)
        editor_page.goto("/admin/bijdragen/")
        row = editor_page.locator("table.listing tbody tr").first
        expect(row).to_contain_text("Doorbraakplan, versie 2.0")
        expect(row).to_contain_text("Wijkteam Zwolle-Zuid")
        assert_accessible(editor_page)
        row.get_by_role("link", name="Huurachterstand uit bijzondere bijstand").click()
        expect(editor_page.get_by_text(re.compile("Bijgedragen casus"))).to_be_visible()
        _admin_action(editor_page, "button[name='action-submit']")
        editor_page.wait_for_load_state()
    finally:
        editor_context.close()
    page.reload()
    expect(card.locator(".contribution-status")).to_have_text("In behandeling")

    # 5. The moderator approves and publishes it.
    moderator, moderator_secret = world["moderator"]
    moderator_context = chromium_browser.new_context(locale="nl-NL", base_url=live_server.url)
    moderator_page = moderator_context.new_page()
    try:
        log_in(moderator_page, moderator.email, secret=moderator_secret)
        case_id = Contribution.objects.get().case_id
        moderator_page.goto(f"/admin/pages/{case_id}/edit/")
        _admin_action(moderator_page, "button[data-workflow-action-name='approve']")
        moderator_page.wait_for_load_state()
        modal_submit = moderator_page.locator(".modal button[type=submit]")
        if modal_submit.count():
            modal_submit.first.click()
            moderator_page.wait_for_load_state()
    finally:
        moderator_context.close()

    # 6. "Mijn bijdragen" links to the published case.
    page.reload()
    expect(card.locator(".contribution-status")).to_have_text("Gepubliceerd")
    assert_accessible(page)

    # 7. Anyone finds it in the casebook by problem domain and law.
    page.goto(world["casebook"].url)
    page.get_by_role("checkbox", name=re.compile(r"^Wonen")).check()
    laws = page.get_by_role("group", name="Wet of regeling")
    laws.get_by_role("checkbox", name=re.compile(r"^Participatiewet \(")).check()
    # With JavaScript a change applies at once (static/js/case-filters.js): wait
    # until the listing has swapped in the new results.
    page.locator("form[data-case-filters]:not([aria-busy])").wait_for()
    status = page.get_by_role("main").get_by_role("status").first
    expect(status).to_have_text("1 casus gevonden")
    page.get_by_role("link", name="Huurachterstand uit bijzondere bijstand").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Huurachterstand uit bijzondere bijstand"
    )
    expect(page.get_by_text("Wijkteam Zwolle-Zuid")).to_be_visible()
    expect(page.get_by_text("de Wit")).to_have_count(0)
