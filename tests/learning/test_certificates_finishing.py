"""Finishing a course (issue #13, point 4): passing the final test shows the
congratulation with the certificate's links, one mail with the verification address is
queued per certificate, and "Mijn certificaten" lists every certificate."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.certificates import certificate_code_new, certificate_issue, certificate_revoke
from learning.factories import CoursePageFactory
from learning.models import Certificate, FinalTestPage
from learning.services import answer_submit, attempt_submit, enrolment_create, lesson_complete
from portal.accounts.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

ALL_RIGHT = {"t1": ["t1-good"], "t2": ["t2-a", "t2-b"]}
POST_ALL_RIGHT = {"q-t1": ["t1-good"], "q-t2": ["t2-a", "t2-b"]}


def finish_lessons(*, user, course, lessons_of) -> None:
    lessons = lessons_of(course)
    first = lessons["Wat is een doorbraak"]
    answer_submit(user=user, lesson=first, block_id="single", answer={"options": ["s-right"]})
    answer_submit(user=user, lesson=first, block_id="multi", answer={"options": ["m-leg", "m-bet"]})
    answer_submit(user=user, lesson=first, block_id="reflect", answer={"text": "Een casus."})
    for title in ("Wat is een doorbraak", "De waardendriehoek", "Cocktails herkennen"):
        lesson_complete(user=user, lesson=lessons[title])


@pytest.fixture
def published_course(course):
    course.save_revision().publish()
    course.refresh_from_db()
    return course


@pytest.fixture
def final_test(published_course):
    return FinalTestPage.objects.child_of(published_course).get()


def certificate_mails(mailoutbox):
    return [mail for mail in mailoutbox if mail.subject.startswith("Je certificaat")]


# ------------------------------------------------------------------- the mail


def test_issuing_queues_one_mail_with_the_verification_address(
    published_course, learner, lessons_of, mailoutbox, django_capture_on_commit_callbacks
):
    enrolment_create(user=learner, course=published_course)
    finish_lessons(user=learner, course=published_course, lessons_of=lessons_of)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_submit(user=learner, course=published_course, answers=ALL_RIGHT)
    certificate = Certificate.objects.get(user=learner)
    [mail] = certificate_mails(mailoutbox)
    assert mail.to == ["sanne@example.org"]
    assert "Kennismaken" in mail.subject
    assert f"http://testserver/leren/certificaat/{certificate.code}/" in mail.body
    assert "http://testserver/leren/certificaten/" in mail.body
    assert "Beste Sanne de Vries" in mail.body
    # No Registerplein number on the profile: the mail says where to fill it in.
    assert "ontbreekt je registratienummer voor Registerplein" in mail.body
    assert "http://testserver/accounts/profile/" in mail.body

    # Asking again (the course page's button) never sends a second mail.
    with django_capture_on_commit_callbacks(execute=True):
        assert certificate_issue(user=learner, course=published_course) == certificate
        assert certificate_issue(user=learner, course=published_course) == certificate
    assert len(certificate_mails(mailoutbox)) == 1


def test_no_mail_when_no_certificate_is_issued(
    published_course, learner, mailoutbox, django_capture_on_commit_callbacks
):
    enrolment_create(user=learner, course=published_course)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_submit(user=learner, course=published_course, answers=ALL_RIGHT)  # lessons open
    assert not Certificate.objects.exists()
    assert certificate_mails(mailoutbox) == []


def test_a_learner_without_an_email_address_gets_the_certificate_without_mail(
    published_course, lessons_of, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(first_name="Ali", last_name="Bakker", email="")
    enrolment_create(user=user, course=published_course)
    finish_lessons(user=user, course=published_course, lessons_of=lessons_of)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_submit(user=user, course=published_course, answers=ALL_RIGHT)
    assert Certificate.objects.filter(user=user).exists()
    assert certificate_mails(mailoutbox) == []


# ------------------------------------------------------------- the congratulation


def test_passing_shows_the_congratulation_with_the_certificate_links(
    client, published_course, final_test, learner, lessons_of
):
    enrolment_create(user=learner, course=published_course)
    finish_lessons(user=learner, course=published_course, lessons_of=lessons_of)
    client.force_login(learner)
    response = client.post(final_test.url, POST_ALL_RIGHT, follow=True)
    certificate = Certificate.objects.get(user=learner)
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.select_one("section.learning-congratulation")
    assert section is not None
    assert section.find("h2").get_text(strip=True) == "Gefeliciteerd!"
    links = {a["href"] for a in section.find_all("a")}
    assert links == {
        certificate.get_pdf_url(),
        certificate.get_verify_url(),
        reverse("learning_certificate_list"),
    }
    assert "e-mail met het controleadres" in section.get_text()


def test_passing_with_lessons_left_says_what_is_needed(
    client, published_course, final_test, learner
):
    enrolment_create(user=learner, course=published_course)
    client.force_login(learner)
    response = client.post(final_test.url, POST_ALL_RIGHT, follow=True)
    section = BeautifulSoup(response.content, "html.parser").select_one(
        "section.learning-congratulation"
    )
    assert "verplichte lessen" in section.get_text()
    assert section.find("a")["href"].startswith(published_course.url)


def test_no_congratulation_before_passing(client, published_course, final_test, learner):
    enrolment_create(user=learner, course=published_course)
    client.force_login(learner)
    response = client.get(final_test.url)
    assert b"learning-congratulation" not in response.content


# ------------------------------------------------------------- Mijn certificaten


def test_my_certificates_lists_every_certificate(client, published_course, learner, lessons_of):
    enrolment_create(user=learner, course=published_course)
    finish_lessons(user=learner, course=published_course, lessons_of=lessons_of)
    attempt_submit(user=learner, course=published_course, answers=ALL_RIGHT)
    certificate = Certificate.objects.get(user=learner)
    client.force_login(learner)
    url = reverse("learning_certificate_list")
    assert url == "/leren/certificaten/"
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Mijn certificaten"
    [card] = soup.select("li.portal-card")
    text = " ".join(card.get_text(" ").split())
    assert "Kennismaken" in text
    assert certificate.code in text
    assert "4 punten, Registerplein" in text
    assert "Registratienummer Registerplein niet opgegeven" in text  # no profile yet
    hrefs = {a["href"] for a in card.find_all("a")}
    assert {certificate.get_pdf_url(), certificate.get_verify_url()} <= hrefs
    assert reverse("accounts_profile") in hrefs
    # The dashboard links to it.
    dashboard = client.get(reverse("learning_dashboard")).content.decode()
    assert f'href="{url}"' in dashboard


def test_my_certificates_shows_a_revoked_certificate_without_download(
    client, published_course, learner, lessons_of, admin_user
):
    enrolment_create(user=learner, course=published_course)
    finish_lessons(user=learner, course=published_course, lessons_of=lessons_of)
    attempt_submit(user=learner, course=published_course, answers=ALL_RIGHT)
    certificate = Certificate.objects.get(user=learner)
    certificate_revoke(certificate=certificate, by=admin_user, reason="Fraude bij de toets.")
    client.force_login(learner)
    card = BeautifulSoup(
        client.get(reverse("learning_certificate_list")).content, "html.parser"
    ).select_one("li.portal-card")
    assert "Ingetrokken op" in card.get_text()
    assert "Fraude bij de toets." in card.get_text()
    assert certificate.get_pdf_url() not in str(card)


def test_my_certificates_is_empty_for_a_newcomer_and_private(client, learner, other_learner):
    client.force_login(other_learner)
    response = client.get(reverse("learning_certificate_list"))
    assert "Je hebt nog geen certificaten" in response.content.decode()
    client.logout()
    response = client.get(reverse("learning_certificate_list"))
    assert response.status_code == 302
    assert "/login" in response["Location"] or "accounts" in response["Location"]


def test_my_certificates_reads_a_constant_number_of_queries(
    client, course_index, django_assert_max_num_queries
):
    """More certificates, with register numbers from the profile: not more queries."""
    user = UserFactory(first_name="Kim", last_name="Smit")
    ProfileFactory(user=user, registerplein_number="RP-9")
    client.force_login(user)

    def add_certificates(count: int) -> None:
        for _ in range(count):
            course = CoursePageFactory(parent=course_index)
            Certificate.objects.create(
                code=certificate_code_new(),
                user=user,
                course=course,
                issued_at=timezone.now(),
                learner_name="Kim Smit",
                course_title=course.title,
                effort_hours=course.effort_hours,
                accreditation_points=course.accreditation_points,
                accreditation_register=course.accreditation_register,
                accreditation_register_label="Registerplein",
            )

    url = reverse("learning_certificate_list")
    add_certificates(1)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add_certificates(5)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("li.portal-card")) == 6
    assert soup.get_text().count("RP-9") == 6


def test_the_mail_has_no_hint_when_the_number_is_known(
    published_course, learner, lessons_of, mailoutbox, django_capture_on_commit_callbacks
):
    ProfileFactory(user=learner, registerplein_number="RP-1")
    enrolment_create(user=learner, course=published_course)
    finish_lessons(user=learner, course=published_course, lessons_of=lessons_of)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_submit(user=learner, course=published_course, answers=ALL_RIGHT)
    [mail] = certificate_mails(mailoutbox)
    assert "ontbreekt" not in mail.body
