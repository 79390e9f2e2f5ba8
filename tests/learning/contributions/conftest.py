"""Fixtures of the contributions tests: a professional with an organisation, a completed
Doorbraakplan with texts, legal bases and a calculation, and the casebook it goes to."""

from __future__ import annotations

from decimal import Decimal

import pytest

from casebook.factories import RegionFactory
from casebook.models import Law, Phase, ProblemDomain
from learning.contributions.mapping import plan_to_case
from learning.contributions.selectors import contribution_credits_forget
from learning.factories import PlanTemplateIndexPageFactory, PlanTemplatePageFactory
from learning.models import CostSide, PracticePlanCostLine, PracticePlanLegalBasis
from learning.plans import practice
from portal.accounts.factories import ProfileFactory, UserFactory

ANSWERS = {
    "situatie": "Moeder Anna en twee kinderen; schulden en een dreigende huisuitzetting.",
    "perspectief": "Over een half jaar woont het gezin rustig en is er overzicht.",
    "zelf": "Post openen en afspraken nakomen.",
    "ondersteuning": "Hulp bij de administratie.",
    "behandeling": "Begeleiding bij somberheid.",
    "belemmering": "De schuldhulp wacht op een stabiel inkomen, de bijstand op de schuldhulp.",
    "doorbraak": "De gemeente betaalt de huurachterstand uit bijzondere bijstand.",
    "betrokkenheid": "Het gezin krijgt weer regie en rust.",
}


@pytest.fixture(autouse=True)
def _forget_credits():
    """The credit lines are cached by case id, and ids come back after a rollback: no
    test leaves its credits behind for the next one."""
    contribution_credits_forget()
    yield
    contribution_credits_forget()


@pytest.fixture
def answers() -> dict[str, str]:
    """The texts of `completed_plan`, by section key."""
    return dict(ANSWERS)


@pytest.fixture
def professional(db):
    user = UserFactory(first_name="Sanne", last_name="de Vries", email="sanne@example.org")
    ProfileFactory(user=user, organisation="Wijkteam Zwolle-Zuid")
    return user


@pytest.fixture
def template(site_root):
    index = PlanTemplateIndexPageFactory(parent=site_root)
    return PlanTemplatePageFactory(parent=index, title="Doorbraakplan", version="2.0")


@pytest.fixture
def region(db):
    return RegionFactory(name="Zwolle", province="Overijssel")


@pytest.fixture
def completed_plan(professional, template, case_index):
    """A completed Doorbraakplan of `professional` with every text, one legal basis
    (Participatiewet art. 35 lid 1) and a calculation in two law domains."""
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
    for side, domain, price, quantity in [
        (CostSide.COST, "participatiewet", "1380.00", "1"),
        (CostSide.PREVENTED, "participatiewet", "1250.00", "4"),
        (CostSide.PREVENTED, "wmo", "420.00", "2.5"),
    ]:
        PracticePlanCostLine.objects.create(
            plan=plan,
            side=side,
            domain=domain,
            description="Regel",
            unit_price=Decimal(price),
            quantity=Decimal(quantity),
        )
    return practice.practice_plan_complete(plan=plan)


@pytest.fixture
def draft(completed_plan, region):
    """The case the completed plan maps to, with what the author chooses filled in."""
    case = plan_to_case(plan=completed_plan)
    case.title = "Huurachterstand betaald uit bijzondere bijstand"
    case.situation = case.situation.replace("Moeder Anna", "Een moeder")
    case.household = "Alleenstaande moeder met twee kinderen"
    case.phase = Phase.EERSTE_NOOD
    case.region_id = region.pk
    case.problem_domain_ids = list(
        ProblemDomain.objects.filter(name__in=["Schulden", "Wonen"]).values_list("pk", flat=True)
    )
    return case
