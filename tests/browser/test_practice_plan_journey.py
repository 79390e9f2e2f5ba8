"""The practice-plan journey in a real browser: a learner opens a lesson, follows its
link to the current plan template and downloads it as Word (the headings are in the
file), starts a practice plan from the lesson's assignment, writes the situation, fills
the calculator (the totals and the return change while typing), saves, leaves and comes
back to find everything still there, and exports the plan as PDF. axe runs on every
page on the way."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from learning.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    PlanTemplateIndexPageFactory,
    PlanTemplatePageFactory,
    TariffFactory,
    paragraph,
    plan_template,
)
from learning.models import PracticePlan, Tariff
from portal.accounts.factories import DEFAULT_PASSWORD, ProfileFactory

pytestmark = pytest.mark.browser

EMAIL = "oefenaar@wijkteam.example.nl"
SITUATION = (
    "Een moeder met twee kinderen heeft drie maanden huurachterstand. Vijf organisaties zijn "
    "betrokken en wachten op elkaar."
)
SECTIONS = [
    ("situatie", "Situatieschets", "text"),
    ("perspectief", "Perspectief over zes maanden", "text"),
    ("doorbraak", "Doorbraak", "text"),
    ("rendement", "Rendement: kosten en baten", "cost_benefit"),
]


@pytest.fixture
def lesson(site_root):
    """A lesson that links the Doorbraakplan 1.0 (superseded by 2.0) and asks for a
    practice plan with it; two tariffs for the calculator."""
    templates = PlanTemplateIndexPageFactory(parent=site_root)
    old = PlanTemplatePageFactory(
        parent=templates, title="Doorbraakplan", slug="dp-1", version="1.0", sections=SECTIONS
    )
    PlanTemplatePageFactory(
        parent=templates,
        title="Doorbraakplan",
        slug="dp-2",
        version="2.0",
        supersedes=old,
        sections=SECTIONS,
    )
    TariffFactory(
        name="Nacht maatschappelijke opvang",
        cost_domain="wmo",
        unit="nacht",
        amount=Decimal("95.00"),
    )
    TariffFactory(
        name="Schuldhulpverlening", cost_domain="wgs", unit="uur", amount=Decimal("92.00")
    )
    index = CourseIndexPageFactory(parent=site_root)
    course = CoursePageFactory(parent=index, title="Plannen maken")
    module = ModulePageFactory(parent=course, title="Het doorbraakplan")
    return LessonPageFactory(
        parent=module,
        title="De onderdelen van een plan",
        body=[
            paragraph("<p>Een doorbraakplan heeft vaste onderdelen.</p>"),
            plan_template(old.pk, "Het standaardformat voor je eigen plan.", id="sjabloon"),
            {
                "type": "practice_plan",
                "id": "opdracht",
                "value": {
                    "template": old.pk,
                    "case": None,
                    "instruction": "Maak een doorbraakplan en reken uit wat het oplevert.",
                    "required": False,
                },
            },
        ],
    )


def log_in(page, email: str) -> None:
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("aanmelden|inloggen", re.I)).click()
    expect(page.get_by_role("link", name="Mijn profiel")).to_be_visible()


def _docx_headings(path) -> list[str]:
    from docx import Document

    return [p.text for p in Document(path).paragraphs if p.style.name.startswith("Heading")]


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_learner_downloads_the_template_and_builds_a_practice_plan(
    browser_page, assert_accessible, lesson
):
    from playwright.sync_api import expect

    page = browser_page
    ProfileFactory(user__email=EMAIL, user__first_name="Noor", user__last_name="Bakker")
    log_in(page, EMAIL)

    # 1. The lesson links the current version of the template.
    page.goto(lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("De onderdelen van een plan")
    assert_accessible(page)
    page.get_by_role("link", name="Doorbraakplan (versie 2.0)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Doorbraakplan")
    assert_accessible(page)

    # 2. Download it as Word: the file opens and has the section headings.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"Download.*(Word|DOCX)")).first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    headings = _docx_headings(download.path())
    for _key, heading, _kind in SECTIONS:
        assert heading in headings, headings

    # 3. Start a practice plan from the lesson's assignment.
    page.goto(lesson.url)
    page.get_by_role("link", name="Start je oefenplan").click()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Oefenplan maken|Start", re.I)).click()
    plan = PracticePlan.objects.get(owner__email=EMAIL)
    assert plan.template.version == "2.0"
    assert plan.assignment_block_id == "opdracht"

    # 4. Write the situation and save.
    page.goto(reverse("practice_plan_section", args=[plan.pk, "situatie"]))
    assert_accessible(page)
    page.get_by_label(re.compile("Situatieschets")).fill(SITUATION)
    # Autosave (JS) saves while typing; let it finish before the button saves again, so
    # the two requests never overlap (the SQLite test database shares one connection).
    expect(page.get_by_role("status").filter(has_text="Opgeslagen")).to_be_visible()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_label(re.compile("Situatieschets"))).to_have_value(SITUATION)
    assert_accessible(page)

    # 5. The calculator: choose a tariff, type a quantity, see the totals move.
    page.goto(reverse("practice_plan_section", args=[plan.pk, "rendement"]))
    assert_accessible(page)
    row = page.get_by_role("group", name="Regel 1")
    row.get_by_label("Kant").select_option("prevented")
    shelter = Tariff.objects.get(name="Nacht maatschappelijke opvang")
    row.get_by_label("Standaardtarief").select_option(str(shelter.pk))
    row.get_by_label("Aantal").fill("6")
    expect(page.get_by_text(re.compile(r"570,00")).first).to_be_visible()
    row.get_by_label("Aantal").fill("60")  # as you type: the total follows
    expect(page.get_by_text(re.compile(r"5\.700,00")).first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Berekenen en opslaan").click()
    expect(page.get_by_text(re.compile(r"5\.700,00")).first).to_be_visible()
    assert_accessible(page)
    # An own amount typed the Dutch way counts in the live total, as on the server
    # (not saved: the journey goes on with the tariff line alone).
    own = page.get_by_role("group", name="Regel 2")
    own.get_by_label("Kant").select_option("prevented")
    own.get_by_text("Eigen bedrag of eigen omschrijving").click()
    own.get_by_label("Wetsdomein").select_option("wmo")
    own.get_by_label(re.compile("Eigen bedrag")).fill("2.400,00")
    own.get_by_label("Aantal").fill("1")
    prevented = page.locator('[data-calc-total="prevented"]')
    expect(prevented).to_have_text("€\u00a08.100,00")
    own.get_by_label(re.compile("Eigen bedrag")).fill("twee")
    expect(prevented).to_have_text("€\u00a05.700,00")  # not an amount: not counted

    # 6. Leave and come back through the lesson: text and amounts are still there.
    page.goto("/")
    page.goto(lesson.url)
    page.get_by_role("link", name="Verder met je oefenplan").click()
    page.goto(reverse("practice_plan_detail", args=[plan.pk]))
    expect(page.get_by_text(SITUATION)).to_be_visible()
    expect(page.get_by_text(re.compile(r"5\.700,00")).first).to_be_visible()
    assert_accessible(page)

    # 7. Export as PDF: the file has the headings and what the learner wrote.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"Export(eer|eren) als PDF")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    text = " ".join(_pdf_text(download.path()).split())
    assert "Situatieschets" in text
    assert "drie maanden huurachterstand" in text
    assert "5.700,00" in text
