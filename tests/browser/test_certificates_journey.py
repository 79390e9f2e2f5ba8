"""Finishing a course, in a real browser (issue #13, points 4 and 5): the learner passes
the final test and sees the congratulation with the certificate's links, the mail with
the verification address arrives (through the outbox and its task), "Mijn certificaten"
lists the certificate with its register number, and a moderator downloads the
accreditation report. Every page on the way is checked with axe (and at 375 px)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from learning.certificates import certificate_issue
from learning.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    FinalTestPageFactory,
    LessonPageFactory,
    ModulePageFactory,
    option,
    paragraph,
    single_choice,
)
from learning.models import Certificate, LessonPage
from learning.services import attempt_submit, enrolment_create, lesson_complete
from portal.accounts.factories import (
    DEFAULT_PASSWORD,
    ProfileFactory,
    UserFactory,
    totp_activate,
    totp_code,
)

pytestmark = pytest.mark.browser

LEARNER = "noor@wijkteam.example.nl"


@pytest.fixture
def course(site_root):
    """One lesson (done already) and a final test with one question."""
    index = CourseIndexPageFactory(parent=site_root)
    course = CoursePageFactory(
        parent=index,
        title="Doorbraken in de wijk",
        pass_mark=100,
        max_attempts=3,
        accreditation_id="RP-2026-0077",
    )
    module = ModulePageFactory(parent=course, title="De methode")
    LessonPageFactory(
        parent=module,
        title="Wat is een doorbraak",
        body=[paragraph("<p>De doorbraak is de eerste stap die de andere mogelijk maakt.</p>")],
    )
    FinalTestPageFactory(
        parent=course,
        questions=[
            single_choice(
                "Met welke stap begint een doorbraakplan?",
                [
                    option("Met de doorbraak", correct=True, id="t-goed"),
                    option("Met een nieuwe regel", id="t-fout"),
                ],
                id="toetsvraag",
            )
        ],
    )
    course.save_revision().publish()
    return course


def log_in(page, email: str, *, secret: str | None = None) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("aanmelden|inloggen", re.I)).click()
    if secret is not None:
        page.locator("input[name=code]").fill(totp_code(secret))
        page.locator("form:has(input[name=code]) button[type=submit]").first.click()
    expect(page.get_by_role("link", name="Mijn profiel")).to_be_visible()


def test_the_learner_passes_gets_the_mail_and_finds_the_certificate(
    browser_page, assert_accessible, course
):
    page = browser_page
    learner = ProfileFactory(
        user__email=LEARNER,
        user__first_name="Noor",
        user__last_name="Bakker",
        registerplein_number="RP-445566",
    ).user
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=LessonPage.objects.descendant_of(course).get())
    mail.outbox.clear()
    log_in(page, LEARNER)

    # Pass the final test: the congratulation shows the certificate's links.
    page.goto(course.get_children().live().type(FinalTestPageFactory._meta.model).first().url)
    page.get_by_label("Met de doorbraak").check()
    page.get_by_role("button", name="Eindtoets inleveren").click()
    congratulation = page.locator("section.learning-congratulation")
    expect(congratulation.get_by_role("heading", name="Gefeliciteerd!")).to_be_visible()
    expect(congratulation.get_by_role("link", name="Certificaat downloaden (PDF)")).to_be_visible()
    assert_accessible(page)
    certificate = Certificate.objects.get(user=learner)

    # The mail with the verification address went out once, through the outbox.
    mails = [m for m in mail.outbox if m.subject.startswith("Je certificaat")]
    assert len(mails) == 1, [m.subject for m in mail.outbox]
    assert mails[0].to == [LEARNER]
    assert certificate.get_verify_url() in mails[0].body
    assert "Doorbraken in de wijk" in mails[0].subject

    # "Mijn certificaten": the certificate with points, register and number.
    congratulation.get_by_role("link", name="Mijn certificaten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn certificaten")
    card = page.locator("li.portal-card")
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading", name="Doorbraken in de wijk")).to_be_visible()
    expect(card.get_by_text("4 punten, Registerplein")).to_be_visible()
    expect(card.get_by_text("RP-445566")).to_be_visible()
    expect(card.get_by_text(certificate.code)).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        card.get_by_role("link", name=re.compile("Certificaat downloaden")).click()
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # The account nav leads there too, and the verification address works.
    page.goto("/leren/")
    page.get_by_role("navigation", name="Account").get_by_role(
        "link", name="Mijn certificaten"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn certificaten")
    card.get_by_role("link", name=re.compile("Controleadres")).click()
    expect(page.get_by_text("Dit certificaat is geldig.")).to_be_visible()
    assert len([m for m in mail.outbox if m.subject.startswith("Je certificaat")]) == 1


def test_a_moderator_downloads_the_accreditation_report(browser_page, assert_accessible, course):
    page = browser_page
    learner = ProfileFactory(
        user__first_name="Noor", user__last_name="Bakker", registerplein_number="RP-445566"
    ).user
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=LessonPage.objects.descendant_of(course).get())
    attempt_submit(user=learner, course=course, answers={"toetsvraag": ["t-goed"]})
    certificate = certificate_issue(user=learner, course=course)  # issued already: returned
    moderator = UserFactory(
        email="moderator@ipw.example.nl", groups=[Group.objects.get(name="IPW moderator")]
    )
    log_in(page, moderator.email, secret=totp_activate(moderator))

    page.goto("/admin/")
    page.get_by_role("link", name="Accreditatierapport").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accreditatierapport")
    assert_accessible(page)
    page.get_by_label("Register").select_option("registerplein")
    issued = certificate.issued_at
    page.get_by_label("Van").fill("01-01-2000")
    page.get_by_label("Tot en met").fill(f"{issued:%d-%m-%Y}")
    page.get_by_role("button", name="Bekijken").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Noor Bakker")
    expect(table).to_contain_text("RP-445566")
    expect(table).to_contain_text("RP-2026-0077")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Downloaden als Excel (XLSX)").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Downloaden als CSV").click()
    with open(download_info.value.path(), encoding="utf-8-sig") as handle:
        content = handle.read()
    assert "Noor Bakker;RP-445566;Doorbraken in de wijk;RP-2026-0077;4,0;" in content
