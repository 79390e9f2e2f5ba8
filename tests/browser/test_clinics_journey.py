"""The case-clinic journey in a real browser: a professional finds a session, registers,
brings a practice plan; the facilitator reads it, comments on a section and records
attendance; the professional reads the comment in their plan. axe (and the 375 px check) runs on the
session list, the detail, "Mijn sessies" and the facilitator's pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from learning.clinics.factories import ClinicPlanFactory, FacilitatorFactory, SessionFactory
from learning.clinics.models import Registration
from portal.accounts.factories import ProfileFactory

pytestmark = pytest.mark.browser

LEARNER = "noor@wijkteam.example.nl"
FACILITATOR = "femke@ipw.example.nl"
COMMENT = "Maak het perspectief concreter: wat wil het gezin zelf over zes maanden?"


def test_a_professional_brings_a_plan_and_reads_the_facilitators_comment(
    log_in, log_out, browser_page, assert_accessible, site_root
):
    from playwright.sync_api import expect

    page = browser_page
    learner = ProfileFactory(
        user__email=LEARNER, user__first_name="Noor", user__last_name="Bakker"
    ).user
    plan = ClinicPlanFactory(owner=learner, title="Gezin met huurschuld")
    facilitator = FacilitatorFactory(email=FACILITATOR, first_name="Femke", last_name="de Boer")
    session = SessionFactory(title="Kraak-en-maak in Zwolle", facilitator=facilitator)

    # 1. The professional finds the session in the main menu and registers.
    log_in(page, LEARNER)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Sessies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kraak-en-maak-sessies")
    assert_accessible(page)
    page.get_by_role("link", name="Kraak-en-maak in Zwolle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kraak-en-maak in Zwolle")
    assert_accessible(page)
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.locator(".portal-messages")).to_contain_text("Je bent ingeschreven.")

    # 2. They bring their practice plan.
    page.get_by_label("Oefenplan dat je meeneemt").select_option(label="Gezin met huurschuld")
    page.get_by_role("button", name="Oefenplan koppelen").click()
    expect(page.locator(".portal-messages")).to_contain_text("Je oefenplan is gekoppeld.")
    assert_accessible(page)
    assert Registration.objects.get(session=session, user=learner).plan == plan

    # 3. "Mijn sessies" lists it.
    page.goto("/leren/")
    page.get_by_role("link", name="Mijn sessies").click()
    row = page.get_by_role("row").filter(has_text="Kraak-en-maak in Zwolle")
    expect(row).to_contain_text("Gezin met huurschuld")
    assert_accessible(page)
    log_out(page)

    # 4. The facilitator reads the plan and comments on the perspective.
    log_in(page, FACILITATOR)
    page.goto(f"/sessies/{session.pk}/")
    page.get_by_role("link", name="Naar de deelnemers en hun plannen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Deelnemers")
    assert_accessible(page)
    page.get_by_role("link", name="Gezin met huurschuld").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin met huurschuld")
    assert_accessible(page)
    section = page.get_by_role("region", name="Perspectief")
    section.get_by_label("Je opmerking").fill(COMMENT)
    section.get_by_role("button", name=re.compile("Opmerking plaatsen")).click()
    expect(page.locator(".portal-messages")).to_contain_text("Je opmerking is geplaatst.")
    expect(page.get_by_role("region", name="Perspectief")).to_contain_text(COMMENT)
    assert_accessible(page)

    # 5. Once the session has begun, the facilitator records who attended.
    session.starts_at = timezone.now() - timedelta(hours=3)
    session.ends_at = timezone.now() - timedelta(minutes=5)
    session.save()
    page.goto(f"/sessies/{session.pk}/begeleiden/")
    page.get_by_role("link", name="Aanwezigheid vastleggen").click()
    assert_accessible(page)
    page.get_by_label("Noor Bakker").check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.locator(".portal-messages")).to_contain_text("1 aanwezig")
    log_out(page)

    # 6. The professional reads the comment in their plan and sees the attendance.
    log_in(page, LEARNER)
    page.goto(f"/leren/oefenplannen/{plan.pk}/")
    comments = page.get_by_role("region", name="Opmerkingen van de begeleider")
    expect(comments).to_contain_text(COMMENT)
    expect(comments).to_contain_text("Femke de Boer")
    assert_accessible(page)
    page.goto("/sessies/mijn/")
    expect(page.get_by_role("row").filter(has_text="Kraak-en-maak in Zwolle")).to_contain_text(
        "Aanwezig geweest"
    )
