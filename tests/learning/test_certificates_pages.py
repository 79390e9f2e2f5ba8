"""What learners, verifiers and staff see of certificates: the course page and the
dashboard, the owner-only PDF, the public verification page, the look-up form, and the
admin listing with its revoke action (moderators may, editors may not)."""

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from learning.certificates import certificate_revoke
from learning.factories import FinalTestPageFactory, course_tree
from learning.models import Certificate, Enrolment, LessonPage
from learning.services import answer_submit, attempt_submit, enrolment_create, lesson_complete
from portal.accounts.factories import UserFactory, client_login_with_mfa

pytestmark = pytest.mark.django_db

ALL_RIGHT = {"t1": ["t1-good"], "t2": ["t2-a", "t2-b"]}


def finish_course(*, user, course, lessons_of) -> None:
    """Do every required lesson of the conftest course and pass its final test."""
    lessons = lessons_of(course)
    first = lessons["Wat is een doorbraak"]
    answer_submit(user=user, lesson=first, block_id="single", answer={"options": ["s-right"]})
    answer_submit(user=user, lesson=first, block_id="multi", answer={"options": ["m-leg", "m-bet"]})
    answer_submit(user=user, lesson=first, block_id="reflect", answer={"text": "Een casus."})
    for title in ("Wat is een doorbraak", "De waardendriehoek", "Cocktails herkennen"):
        lesson_complete(user=user, lesson=lessons[title])
    attempt_submit(user=user, course=course, answers=ALL_RIGHT)


@pytest.fixture
def certificate(course, learner, lessons_of):
    course.save_revision().publish()
    enrolment_create(user=learner, course=course)
    finish_course(user=learner, course=course, lessons_of=lessons_of)
    return Certificate.objects.get(user=learner, course=course)


# ------------------------------------------------------------------- the learner


def test_course_page_and_dashboard_offer_the_pdf_after_completion(client, certificate, course):
    client.force_login(certificate.user)
    html = client.get(course.url).content.decode()
    assert "Certificaat downloaden (PDF)" in html
    assert certificate.get_pdf_url() in html
    assert certificate.code in html
    assert certificate.get_verify_url() in html
    dashboard = client.get(reverse("learning_dashboard")).content.decode()
    assert "Certificaat downloaden (PDF)" in dashboard
    assert certificate.get_pdf_url() in dashboard


def test_course_page_explains_the_certificate_before_completion(client, course, learner):
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    assert "Dan krijg je hier je certificaat" in html
    assert "Certificaat downloaden (PDF)" not in html
    response = client.post(course.url, {"action": "certificate"}, follow=True)
    assert "alle verplichte lessen en de eindtoets" in response.content.decode()
    assert not Certificate.objects.exists()


def test_learner_without_a_name_at_completion_can_ask_for_it_later(client, course, lessons_of):
    nameless = UserFactory(first_name="", last_name="")
    enrolment_create(user=nameless, course=course)
    finish_course(user=nameless, course=course, lessons_of=lessons_of)
    assert Enrolment.objects.get(user=nameless).completed_at is not None
    assert not Certificate.objects.exists()  # no name: not issued automatically
    client.force_login(nameless)
    html = client.get(course.url).content.decode()
    assert "Certificaat aanvragen" in html
    response = client.post(course.url, {"action": "certificate"}, follow=True)
    assert "Vul eerst je voor- en achternaam in" in response.content.decode()
    nameless.first_name, nameless.last_name = "Sanne", "Jansen"
    nameless.save()
    response = client.post(course.url, {"action": "certificate"}, follow=True)
    html = response.content.decode()
    assert "Je certificaat staat klaar" in html
    assert "Certificaat downloaden (PDF)" in html
    assert Certificate.objects.get(user=nameless).learner_name == "Sanne Jansen"


def test_owner_downloads_the_pdf_others_get_404(client, certificate, other_learner):
    url = certificate.get_pdf_url()
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]

    client.force_login(other_learner)
    assert client.get(url).status_code == 404

    client.force_login(certificate.user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="certificaat-kennismaken.pdf"'
    assert response.content.startswith(b"%PDF")
    text = re.sub(r"\s+", " ", PdfReader(io.BytesIO(response.content)).pages[0].extract_text())
    assert "Sanne de Vries" in text
    assert f"http://testserver/leren/certificaat/{certificate.code}/" in text


def test_revoked_certificate_shows_on_the_course_page_and_no_longer_downloads(
    client, certificate, course, moderator
):
    certificate_revoke(certificate=certificate, by=moderator, reason="Dubbel uitgereikt.")
    client.force_login(certificate.user)
    html = client.get(course.url).content.decode()
    assert "Je certificaat is ingetrokken op" in html
    assert "Dubbel uitgereikt." in html
    assert "Certificaat downloaden (PDF)" not in html
    assert client.get(certificate.get_pdf_url()).status_code == 404


# ------------------------------------------------------------------- anyone verifies


def test_verify_page_valid_with_pinned_details_and_no_other_personal_data(
    client, certificate, course
):
    course.title = "Kennismaken (nieuwe versie)"
    course.accreditation_points = Decimal("6.0")
    course.save_revision().publish()
    response = client.get(certificate.get_verify_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit certificaat is geldig." in html
    assert "Sanne de Vries" in html
    assert "Kennismaken<" in html  # the pinned title, not the new one
    assert "nieuwe versie" not in html
    assert "4 punten, Registerplein" in html
    assert "sanne@example.org" not in html
    assert response["X-Robots-Tag"] == "noindex"


def test_verify_page_revoked_says_ingetrokken_with_the_date_not_the_reason(
    client, certificate, moderator
):
    certificate_revoke(certificate=certificate, by=moderator, reason="Geheime reden.")
    certificate.refresh_from_db()
    html = client.get(certificate.get_verify_url()).content.decode()
    assert "Dit certificaat is ingetrokken op" in html
    assert "Geheime reden" not in html
    assert "Dit certificaat is geldig." not in html


def test_verify_page_unknown_code(client, db):
    response = client.get(reverse("learning_certificate_verify", args=["ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"]))
    assert response.status_code == 404
    assert "Onbekende code" in response.content.decode()


def test_verify_accepts_a_sloppily_typed_code(client, certificate):
    sloppy = certificate.code.lower().replace("-", "")
    response = client.get(reverse("learning_certificate_verify", args=[sloppy]))
    assert response.status_code == 302
    assert response["Location"] == certificate.get_verify_url()


def test_lookup_form_explains_bad_input_and_keeps_it(client, certificate):
    url = reverse("learning_certificate_lookup")
    html = client.get(url).content.decode()
    assert 'for="certificate-code"' in html
    response = client.get(url, {"code": "ABC-123"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dit is geen geldige verificatiecode" in html
    assert 'value="ABC-123"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="certificate-code-help certificate-code-error"' in html
    response = client.get(url, {"code": ""})
    assert "Vul de verificatiecode in." in response.content.decode()
    response = client.get(url, {"code": certificate.code.lower()})
    assert response["Location"] == certificate.get_verify_url()


# ------------------------------------------------------------------- staff in the admin


def test_editors_cannot_see_or_revoke_certificates(client, certificate, editor):
    client_login_with_mfa(client, editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    index = reverse("learning_certificates_admin:index")
    assert index not in client.get(reverse("wagtailadmin_home")).content.decode()
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    response = client.get(index)
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    revoke = reverse("learning_certificates_admin:revoke", args=[certificate.pk])
    response = client.post(revoke, {"reason": "Zomaar."})
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert "Sanne de Vries" not in client.get(index, follow=True).content.decode()
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_moderator_revokes_with_a_reason(client, certificate, moderator):
    client_login_with_mfa(client, moderator)
    index = reverse("learning_certificates_admin:index")
    assert index in client.get(reverse("wagtailadmin_home")).content.decode()
    html = client.get(index).content.decode()
    assert "Sanne de Vries" in html
    assert certificate.code in html
    revoke = reverse("learning_certificates_admin:revoke", args=[certificate.pk])
    assert revoke in html

    response = client.post(revoke, {"reason": "  "})
    assert response.status_code == 400
    assert "Geef een reden op voor het intrekken." in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.is_revoked

    response = client.post(revoke, {"reason": "Toets door een ander gemaakt."}, follow=True)
    assert "is ingetrokken" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_by == moderator
    html = client.get(certificate.get_verify_url()).content.decode()
    assert "ingetrokken" in html


def test_admin_listing_filters_and_keeps_queries_constant(
    client, course_index, moderator, django_assert_max_num_queries
):
    def certify(count: int) -> None:
        for _ in range(count):
            learner = UserFactory()
            course = course_tree(index=course_index, modules=1, lessons_per_module=1)
            FinalTestPageFactory(parent=course)
            enrolment_create(user=learner, course=course)
            lesson_complete(user=learner, lesson=LessonPage.objects.descendant_of(course).get())
            test = course.get_children().last().specific
            answers = {
                child.id: [
                    str(item.id)
                    for item in child.value["options"].bound_blocks
                    if item.value["is_correct"]
                ]
                for child in test.questions
            }
            attempt_submit(user=learner, course=course, answers=answers)

    client_login_with_mfa(client, moderator)
    index = reverse("learning_certificates_admin:index")
    certify(1)
    with django_assert_max_num_queries(40) as small:
        client.get(index)
    certify(4)
    assert Certificate.objects.count() == 5
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(index).content.decode()
    assert "5 certificaten" in html
    first = Certificate.objects.order_by("pk").first()
    html = client.get(index, {"q": first.course_title}).content.decode()
    assert "1 certificaat" in html
