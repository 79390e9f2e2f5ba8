"""The learner's journey of the learning issue, in a real browser: sign up, verify the
e-mail address, log in, find a course in the catalogue, enrol, answer a question wrong
and then right (the feedback shows each time), finish the lesson, pass the final test,
download the certificate (a PDF) and open its public verification page. Every page on
the way is checked with axe."""

from __future__ import annotations

import os
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from casebook.factories import CasePageFactory
from casebook.models import Law, LawArticle
from learning.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    FinalTestPageFactory,
    LessonPageFactory,
    ModulePageFactory,
    case_exercise,
    option,
    paragraph,
    single_choice,
)
from learning.services import enrolment_create
from portal.accounts.factories import DEFAULT_PASSWORD, ProfileFactory

pytestmark = pytest.mark.browser

EMAIL = "leerling@wijkteam.example.nl"
PASSWORD = "Keukentafel-gesprek-42"
WRONG_FEEDBACK = "Nee: veel hulp tegelijk is juist wat vastloopt."
RIGHT_FEEDBACK = "Precies: als die stap gezet is, komt de rest in beweging."


@pytest.fixture
def course(site_root):
    """A small course: one module, one lesson with one single-choice question, and a
    final test with one question that must be answered right (pass mark 100)."""
    index = CourseIndexPageFactory(parent=site_root, show_in_menus=True)
    course = CoursePageFactory(
        parent=index,
        title="De doorbraak in één les",
        summary="Een korte cursus om te oefenen.",
        pass_mark=100,
        max_attempts=3,
    )
    module = ModulePageFactory(parent=course, title="De methode")
    LessonPageFactory(
        parent=module,
        title="Wat is een doorbraak",
        body=[
            paragraph("<p>De doorbraak is de eerste stap die de andere mogelijk maakt.</p>"),
            single_choice(
                "Wat is de doorbraak?",
                [
                    option("Alle hulp tegelijk inzetten", feedback=WRONG_FEEDBACK, id="fout"),
                    option(
                        "De eerste stap die de rest mogelijk maakt",
                        correct=True,
                        feedback=RIGHT_FEEDBACK,
                        id="goed",
                    ),
                ],
                id="vraag",
            ),
        ],
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
    return course


def _sign_up_and_log_in(page, assert_accessible) -> None:
    page.goto("/")
    page.get_by_role("link", name="Account aanmaken").click()
    page.get_by_label("E-mail", exact=True).fill(EMAIL)
    page.get_by_label("Voornaam").fill("Sam")
    page.get_by_label("Achternaam").fill("Visser")
    page.get_by_label("Organisatie").fill("Wijkteam Oost")
    page.get_by_label("Functie").select_option("wijkteam")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("Wachtwoord.*(opnieuw|herhaal|bevestig)", re.I)).fill(PASSWORD)
    assert_accessible(page)
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_text(re.compile("bevestig|verifi", re.I)).first).to_be_visible()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    page.goto(re.sub(r"^https?://[^/]+", "", link.group(0)))
    page.get_by_role("button", name=re.compile("bevestig", re.I)).click()

    page.goto("/accounts/login/")
    page.get_by_label("E-mail", exact=True).fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("link", name="Mijn profiel")).to_be_visible()


def test_learner_signs_up_enrols_answers_finishes_and_verifies_the_certificate(
    browser_page, assert_accessible, set_viewport, course
):
    page = browser_page
    _sign_up_and_log_in(page, assert_accessible)

    # The catalogue lists the course with its key facts.
    page.goto(course.get_parent().url)
    assert_accessible(page)
    page.get_by_role("link", name="De doorbraak in één les").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De doorbraak in één les")
    assert_accessible(page)

    # Enrol: progress starts at zero and "verder" leads to the first lesson.
    page.get_by_role("button", name="Inschrijven voor deze cursus").click()
    expect(page.get_by_text("Je bent ingeschreven voor De doorbraak in één les.")).to_be_visible()
    expect(page.get_by_text("0 van 2 stappen klaar (0%)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Verder waar je gebleven was: Wat is een doorbraak").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat is een doorbraak")
    assert_accessible(page)

    # Wrong first: the feedback of the chosen option shows, and the lesson stays open.
    question = page.get_by_role("group", name="Wat is de doorbraak?")
    question.get_by_label("Alle hulp tegelijk inzetten").check()
    page.get_by_role("button", name="Antwoord controleren").click()
    expect(page.get_by_text(WRONG_FEEDBACK)).to_be_visible()
    expect(page.get_by_text("Nog niet goed.")).to_be_visible()
    assert_accessible(page)
    # The feedback reads as a line under the answer, not one word per line beside the
    # radio button, on a wide screen and on a phone, where nothing scrolls sideways
    # (assert_accessible checks that too, for every page it sees).
    for width in (1280, 375):
        set_viewport(page, {"width": width, "height": 800})
        feedback = page.locator(".learning-feedback").bounding_box()
        label = question.get_by_text("Alle hulp tegelijk inzetten").bounding_box()
        assert feedback["x"] >= label["x"] - 1
        assert feedback["width"] > 0.6 * (width if width < 700 else 600)
        assert feedback["height"] < 120
        assert feedback["x"] + feedback["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    set_viewport(page, {"width": 1280, "height": 800})

    # Then right: the new feedback replaces the old.
    question.get_by_label("De eerste stap die de rest mogelijk maakt").check()
    page.get_by_role("button", name="Opnieuw antwoorden").click()
    expect(page.get_by_text(RIGHT_FEEDBACK)).to_be_visible()
    expect(page.get_by_text("Goed beantwoord.")).to_be_visible()
    expect(page.get_by_text(WRONG_FEEDBACK)).to_have_count(0)
    assert_accessible(page)

    # Finish the lesson.
    page.get_by_role("button", name="Les afronden").click()
    expect(page.get_by_text("Je hebt deze les afgerond.")).to_be_visible()
    assert_accessible(page)

    # The course now leads to the final test; pass it.
    page.goto(course.url)
    expect(page.get_by_text("1 van 2 stappen klaar (50%)")).to_be_visible()
    page.get_by_role("link", name="Verder waar je gebleven was: Eindtoets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eindtoets")
    assert_accessible(page)
    page.get_by_label("Met de doorbraak").check()
    page.get_by_role("button", name="Eindtoets inleveren").click()
    expect(page.get_by_text("Geslaagd met een score van 100%.")).to_be_visible()
    assert_accessible(page)

    # The course is complete and the certificate is ready.
    page.goto(course.url)
    expect(page.get_by_text("Je hebt deze cursus afgerond.")).to_be_visible()
    expect(page.get_by_text("2 van 2 stappen klaar (100%)")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Certificaat downloaden (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # Anyone can check the certificate on its verification page.
    page.get_by_role("link", name="Bekijk de controlepagina van je certificaat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificaat controleren")
    expect(page.get_by_text("Dit certificaat is geldig.")).to_be_visible()
    expect(page.get_by_text("Sam Visser")).to_be_visible()
    assert_accessible(page)


def test_case_exercise_comparison_reads_on_a_phone(
    browser_page, assert_accessible, set_viewport, course, case_index
):
    """The comparison of a case exercise is a table of two long texts side by side; on a
    phone each row stacks, the case's answer under the learner's, without sideways
    scrolling and without losing the table for screen readers."""
    page = browser_page
    law = Law.objects.get(name="Participatiewet")
    case = CasePageFactory(
        parent=case_index,
        title="Medicijnen die niemand vergoedt",
        breakthrough=(
            "De gemeente betaalt de zelfzorgmiddelen uit individuele bijzondere bijstand, "
            "zodat de behandeling door kan gaan en de huur betaald blijft."
        ),
        legal_bases=[
            (
                law,
                LawArticle.objects.get(law=law, article="35 lid 1"),
                "Noodzakelijke kosten die uit bijzondere omstandigheden voortvloeien.",
            )
        ],
    )
    lesson = LessonPageFactory(
        parent=course.get_children().first(),
        title="Oefenen met een casus",
        body=[case_exercise(case.pk, id="casus")],
    )
    learner = ProfileFactory(user__email="casus@wijkteam.example.nl").user
    enrolment_create(user=learner, course=course)
    page.goto("/accounts/login/")
    page.get_by_label("E-mail", exact=True).fill(learner.email)
    page.get_by_label("Wachtwoord", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("aanmelden|inloggen", re.I)).click()
    expect(page.get_by_role("link", name="Mijn profiel")).to_be_visible()

    page.goto(lesson.url)
    page.get_by_label("Jouw doorbraak").fill(
        "Een eenmalige bijdrage voor de medicijnen, en daarna samen met de huisarts kijken "
        "welke middelen wel vergoed worden."
    )
    page.get_by_role("checkbox", name="Participatiewet", exact=True).check()
    page.get_by_role("button", name="Vergelijk met de echte doorbraak").click()
    table = page.get_by_role("table", name=re.compile("^Vergelijking voor"))
    expect(table).to_be_visible()
    assert_accessible(page)  # at 1280 and, for sideways scrolling, at 375 px

    set_viewport(page, {"width": 375, "height": 740})
    mine, theirs = table.get_by_role("cell").nth(0), table.get_by_role("cell").nth(1)
    mine_box, theirs_box = mine.bounding_box(), theirs.bounding_box()
    assert theirs_box["y"] >= mine_box["y"] + mine_box["height"] - 1  # under, not beside
    assert mine_box["width"] > 250 and theirs_box["width"] > 250
    assert table.get_by_role("rowheader").count() == 2  # still a table to screen readers
    assert table.get_by_role("cell").count() == 4
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)


SHOTS = os.environ.get("LEARNING_SHOTS_DIR", "")


def _shot(page, name: str) -> None:
    """Screenshots for a human look (set LEARNING_SHOTS_DIR), at 1280 and 375 px."""
    if not SHOTS:
        return
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})


@pytest.fixture
def two_module_course(site_root):
    """Two modules (the second with an optional lesson) and a two-question final test
    that needs every answer right, with the review and the correct answer shown."""
    index = CourseIndexPageFactory(parent=site_root, show_in_menus=True)
    course = CoursePageFactory(
        parent=index, title="Doorbraken in de wijk", pass_mark=100, max_attempts=3
    )
    first = ModulePageFactory(parent=course, title="Beginnen")
    for title in ("Het huishouden centraal", "De eerste stap"):
        LessonPageFactory(parent=first, title=title, body=[paragraph(f"<p>{title}.</p>")])
    second = ModulePageFactory(parent=course, title="Verantwoorden")
    LessonPageFactory(parent=second, title="De waardendriehoek", body=[paragraph("<p>x</p>")])
    LessonPageFactory(parent=second, title="Verder lezen", required=False)
    test = FinalTestPageFactory(
        parent=course,
        questions=[
            single_choice(
                "Wat toetst Legitimiteit?",
                [
                    option("Of het plan rechtmatig is", correct=True, id="a-goed"),
                    option("Of het plan goedkoop is", feedback=TEST_FEEDBACK, id="a-fout"),
                ],
                id="vraag-a",
            ),
            single_choice(
                "Wie staat centraal?",
                [
                    option("Het huishouden", correct=True, id="b-goed"),
                    option("De instantie", id="b-fout"),
                ],
                id="vraag-b",
            ),
        ],
    )
    test.review_show_correct = True
    test.save_revision().publish()
    return course


TEST_FEEDBACK = "Nee: Legitimiteit gaat over de wettelijke grondslag."


def test_newcomer_follows_the_outline_and_volgende_and_reads_the_test_review(
    browser_page, assert_accessible, two_module_course
):
    page = browser_page
    course = two_module_course
    learner = ProfileFactory(user__email="nieuw@wijkteam.example.nl").user
    page.goto("/accounts/login/")
    page.get_by_label("E-mail", exact=True).fill(learner.email)
    page.get_by_label("Wachtwoord", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("aanmelden|inloggen", re.I)).click()
    expect(page.get_by_role("link", name="Mijn profiel")).to_be_visible()

    # A newcomer's dashboard offers the course with its study load; start it there.
    page.goto("/leren/")
    expect(page.get_by_role("heading", name="Begin met een cursus")).to_be_visible()
    assert_accessible(page)
    _shot(page, "dashboard-newcomer")
    page.get_by_role("button", name="Start deze cursus (Doorbraken in de wijk)").click()
    expect(page.get_by_text("Je bent ingeschreven voor Doorbraken in de wijk.")).to_be_visible()

    # The catalogue shows the learner's own status.
    page.goto(course.get_parent().url)
    expect(page.get_by_text("Jouw status: Bezig: 0%")).to_be_visible()
    _shot(page, "catalogue")

    # Follow the outline to the first module, then "Volgende" through its lessons.
    page.get_by_role("link", name="Doorbraken in de wijk").click()
    page.get_by_role("link", name="Beginnen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beginnen")
    outline = page.get_by_role("navigation", name="Cursusinhoud")
    expect(outline.locator("[aria-current=page]")).to_have_text("Beginnen")
    assert_accessible(page)
    _shot(page, "module")
    for title in ("Het huishouden centraal", "De eerste stap"):
        page.get_by_role("link", name=re.compile("^Volgende")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(outline.locator("[aria-current=page]")).to_have_text(title)
        page.get_by_role("button", name="Les afronden").click()
        expect(page.get_by_text("Je hebt deze les afgerond.")).to_be_visible()
    expect(outline.get_by_role("link", name="De eerste stap (afgerond)")).to_be_visible()
    assert_accessible(page)
    _shot(page, "lesson")
    # "Volgende" crosses into the next module's first lesson; the optional one is labelled.
    page.get_by_role("link", name=re.compile("^Volgende")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De waardendriehoek")
    expect(outline.get_by_text("optioneel")).to_be_visible()
    page.get_by_role("button", name="Les afronden").click()

    # The outline leads to the final test; "Vorige" there goes to the last lesson.
    outline.get_by_role("link", name="Eindtoets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eindtoets")
    expect(page.get_by_role("link", name=re.compile("^Vorige"))).to_have_attribute(
        "href", re.compile("verder-lezen")
    )

    # Fail: the review says which answer was wrong, with its feedback and the right one.
    page.get_by_label("Of het plan goedkoop is").check()
    page.get_by_label("Het huishouden").check()
    page.get_by_role("button", name="Eindtoets inleveren").click()
    expect(page.get_by_text("Niet geslaagd: je score is 50%, nodig is 100%.")).to_be_visible()
    review = page.locator("#uitslag")
    expect(review.get_by_text("Vraag 1: fout.")).to_be_visible()
    expect(review.get_by_text(TEST_FEEDBACK)).to_be_visible()
    expect(review.get_by_text("Het juiste antwoord: Of het plan rechtmatig is")).to_be_visible()
    expect(review.get_by_text("Vraag 2: goed.")).to_be_visible()
    assert_accessible(page)
    _shot(page, "final-test-failed")

    # Pass on the second attempt: the review of it shows, the first folded away.
    page.get_by_label("Of het plan rechtmatig is").check()
    page.get_by_label("Het huishouden").check()
    page.get_by_role("button", name="Eindtoets inleveren").click()
    expect(page.get_by_text("Geslaagd met een score van 100%.")).to_be_visible()
    expect(review.get_by_role("heading", name="Poging 2: 100%")).to_be_visible()
    expect(review.locator("details summary")).to_have_text("Poging 1: 50%")
    assert_accessible(page)
    _shot(page, "final-test-passed")
