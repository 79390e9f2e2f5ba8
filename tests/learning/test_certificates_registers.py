"""Certificates that registers accept (issue #13, point 5): the learner's number in the
course's register, IPW's signatory from the admin setting (pinned at issue), the
accreditation id, a QR code to the verification page drawn locally, a tagged A4 PDF."""

import io
import re

import pytest
import segno
from pypdf import PdfReader

import learning.certificates as certificates_module
from learning.certificates import (
    certificate_pdf,
    certificate_qr_data_uri,
    certificate_register_number,
    certificates_for_export,
)
from learning.models import AccreditationRegister, Certificate
from learning.models.certificates import CertificateSettings
from learning.services import answer_submit, attempt_submit, enrolment_create, lesson_complete
from portal.accounts.factories import ProfileFactory, client_login_with_mfa

pytestmark = pytest.mark.django_db

ALL_RIGHT = {"t1": ["t1-good"], "t2": ["t2-a", "t2-b"]}
VERIFY_URL = "https://doorbraak.example.nl/leren/certificaat/X/"


def finish_course(*, user, course, lessons_of) -> Certificate:
    enrolment_create(user=user, course=course)
    lessons = lessons_of(course)
    first = lessons["Wat is een doorbraak"]
    answer_submit(user=user, lesson=first, block_id="single", answer={"options": ["s-right"]})
    answer_submit(user=user, lesson=first, block_id="multi", answer={"options": ["m-leg", "m-bet"]})
    answer_submit(user=user, lesson=first, block_id="reflect", answer={"text": "Een casus."})
    for title in ("Wat is een doorbraak", "De waardendriehoek", "Cocktails herkennen"):
        lesson_complete(user=user, lesson=lessons[title])
    attempt_submit(user=user, course=course, answers=ALL_RIGHT)
    return Certificate.objects.get(user=user, course=course)


@pytest.fixture
def signatory(db):
    settings = CertificateSettings.load()
    settings.signatory_name = "drs. A. Jansen"
    settings.signatory_function = "directeur"
    settings.save()
    return settings


def publish(course, **fields):
    for name, value in fields.items():
        setattr(course, name, value)
    course.save_revision().publish()
    course.refresh_from_db()
    return course


def pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_certificate_pins_the_register_number_and_the_signatory(
    course, learner, lessons_of, signatory
):
    ProfileFactory(user=learner, registerplein_number="RP-778899", skj_number="SKJ-1")
    course = publish(course, accreditation_id="RP-2026-0042")
    certificate = finish_course(user=learner, course=course, lessons_of=lessons_of)
    assert certificate.register_number == "RP-778899"  # Registerplein, not SKJ
    assert certificate.signatory_name == "drs. A. Jansen"
    assert certificate.signatory_function == "directeur"
    exported = certificates_for_export(learner)[0]
    assert exported["register_number"] == "RP-778899"
    assert exported["signatory"] == "drs. A. Jansen"

    # A new signatory or number later does not change what the certificate states.
    signatory.signatory_name = "Iemand Anders"
    signatory.save()
    learner.profile.registerplein_number = "RP-000000"
    learner.profile.save()
    text = pdf_text(certificate_pdf(certificate=certificate, verify_url=VERIFY_URL))
    assert "Registratienummer Registerplein" in text
    assert "RP-778899" in text
    assert "RP-000000" not in text
    assert "drs. A. Jansen" in text
    assert "directeur" in text
    assert "Iemand Anders" not in text
    assert "RP-2026-0042" in text
    assert "Scan om te controleren" in text


def test_each_register_reads_its_own_number(course, learner, lessons_of):
    ProfileFactory(user=learner, registerplein_number="RP-1", skj_number="SKJ-22", big_number="B3")
    course = publish(course, accreditation_register=AccreditationRegister.SKJ)
    certificate = finish_course(user=learner, course=course, lessons_of=lessons_of)
    assert certificate.register_number == "SKJ-22"
    text = pdf_text(certificate_pdf(certificate=certificate, verify_url=VERIFY_URL))
    assert "Registratienummer SKJ" in text
    assert "SKJ-22" in text

    for register, expected in [
        (AccreditationRegister.BIG_ABC1, "B3"),
        (AccreditationRegister.REGISTERPLEIN, "RP-1"),
        (AccreditationRegister.VVN, ""),  # no V&VN number on the profile
        (AccreditationRegister.NONE, ""),
    ]:
        certificate.register_number = ""
        certificate.accreditation_register = register
        assert certificate_register_number(certificate=certificate) == expected


def test_a_number_added_after_issue_fills_the_gap(course, learner, lessons_of):
    course = publish(course)
    certificate = finish_course(user=learner, course=course, lessons_of=lessons_of)  # no profile
    assert certificate.register_number == ""
    text = pdf_text(certificate_pdf(certificate=certificate, verify_url=VERIFY_URL))
    assert "Registratienummer Registerplein" in text
    assert "niet opgegeven" in text
    ProfileFactory(user=learner, registerplein_number="RP-5")
    certificate = Certificate.objects.select_related("user__profile").get(pk=certificate.pk)
    text = pdf_text(certificate_pdf(certificate=certificate, verify_url=VERIFY_URL))
    assert "RP-5" in text
    assert "niet opgegeven" not in text


def test_no_register_line_for_a_course_without_accreditation(course, learner, lessons_of):
    course = publish(course, accreditation_register=AccreditationRegister.NONE)
    certificate = finish_course(user=learner, course=course, lessons_of=lessons_of)
    text = pdf_text(certificate_pdf(certificate=certificate, verify_url=VERIFY_URL))
    assert "Geen accreditatie" in text
    assert "Registratienummer" not in text


def test_a_certificate_from_before_signatories_shows_the_current_one(
    course, learner, lessons_of, signatory
):
    course = publish(course)
    certificate = finish_course(user=learner, course=course, lessons_of=lessons_of)
    Certificate.objects.filter(pk=certificate.pk).update(signatory_name="", signatory_function="")
    certificate.refresh_from_db()
    assert "drs. A. Jansen" in pdf_text(
        certificate_pdf(certificate=certificate, verify_url=VERIFY_URL)
    )


def test_the_qr_code_is_drawn_here_and_points_at_the_verification_page(
    course, learner, lessons_of, monkeypatch
):
    course = publish(course)
    certificate = finish_course(user=learner, course=course, lessons_of=lessons_of)
    uri = certificate_qr_data_uri(url=VERIFY_URL)
    assert uri.startswith("data:image/svg+xml")
    expected = segno.make(VERIFY_URL, error="m").svg_data_uri(scale=4, border=2, dark="#000")
    assert uri == expected
    seen = {}
    real_render = certificates_module.render_pdf

    def capture(html, **kwargs):
        seen["html"] = html
        return real_render(html, **kwargs)

    monkeypatch.setattr(certificates_module, "render_pdf", capture)
    certificate_pdf(certificate=certificate, verify_url=VERIFY_URL)
    assert 'alt="QR-code naar de controlepagina van dit certificaat"' in seen["html"]
    assert uri.replace("&", "&amp;") in seen["html"] or uri in seen["html"]
    assert "http://" not in seen["html"].replace(VERIFY_URL, "")  # nothing to fetch


def test_the_pdf_is_tagged_a4_and_in_dutch(course, learner, lessons_of):
    course = publish(course)
    certificate = finish_course(user=learner, course=course, lessons_of=lessons_of)
    reader = PdfReader(io.BytesIO(certificate_pdf(certificate=certificate, verify_url=VERIFY_URL)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert sorted([round(float(box.width)), round(float(box.height))]) == [595, 842]  # A4
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("nl")
    assert reader.metadata.title.startswith("Certificaat")


def test_moderators_edit_the_signatory_in_the_admin_and_editors_cannot(client, moderator, editor):
    url = "/admin/settings/learning/certificatesettings/"
    client_login_with_mfa(client, moderator)
    response = client.get(url, follow=True)  # Wagtail redirects to the setting's own address
    assert response.status_code == 200
    assert "Naam ondertekenaar" in response.content.decode()
    url = response.redirect_chain[-1][0] if response.redirect_chain else url
    response = client.post(
        url, {"signatory_name": "dr. B. de Boer", "signatory_function": "directeur"}
    )
    assert response.status_code == 302
    assert CertificateSettings.load().signatory_name == "dr. B. de Boer"
    client.logout()
    client_login_with_mfa(client, editor)
    assert client.get(url).status_code in (302, 403)
    assert CertificateSettings.load().signatory_name == "dr. B. de Boer"
