"""Certificates: issued only after the course is complete, idempotent, pinned to the
course version it was earned on, verifiable by code, revocable by staff; the PDF."""

import io
import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, timezone
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from learning.certificates import (
    CODE_ALPHABET,
    certificate_code_normalise,
    certificate_issue,
    certificate_pdf,
    certificate_revoke,
    certificate_verify,
)
from learning.models import Certificate
from learning.services import answer_submit, attempt_submit, enrolment_create, lesson_complete
from portal.accounts.export import user_data_export
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

ALL_RIGHT = {"t1": ["t1-good"], "t2": ["t2-a", "t2-b"]}
NONE_RIGHT = {"t1": ["t1-bad"], "t2": ["t2-c"]}


def finish_lessons(*, user, course, lessons_of) -> None:
    """Do every required lesson of the conftest course (answers right where needed)."""
    lessons = lessons_of(course)
    first = lessons["Wat is een doorbraak"]
    answer_submit(user=user, lesson=first, block_id="single", answer={"options": ["s-right"]})
    answer_submit(user=user, lesson=first, block_id="multi", answer={"options": ["m-leg", "m-bet"]})
    answer_submit(user=user, lesson=first, block_id="reflect", answer={"text": "Een casus."})
    for title in ("Wat is een doorbraak", "De waardendriehoek", "Cocktails herkennen"):
        lesson_complete(user=user, lesson=lessons[title])


@pytest.fixture
def published_course(course):
    """The conftest course with a live revision (as editors publish it)."""
    course.save_revision().publish()
    course.refresh_from_db()
    return course


@pytest.fixture
def certificate(published_course, learner, lessons_of):
    enrolment_create(user=learner, course=published_course)
    finish_lessons(user=learner, course=published_course, lessons_of=lessons_of)
    attempt_submit(user=learner, course=published_course, answers=ALL_RIGHT)
    return Certificate.objects.get(user=learner, course=published_course)


def pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


# ------------------------------------------------------------------------ issue


def test_no_certificate_before_the_course_is_complete(published_course, learner, lessons_of):
    enrolment_create(user=learner, course=published_course)
    with pytest.raises(ValidationError, match="nog 4 van 4 stappen te gaan"):
        certificate_issue(user=learner, course=published_course)
    finish_lessons(user=learner, course=published_course, lessons_of=lessons_of)
    with pytest.raises(ValidationError, match="alle verplichte lessen en de eindtoets"):
        certificate_issue(user=learner, course=published_course)
    attempt_submit(user=learner, course=published_course, answers=NONE_RIGHT)  # failed
    with pytest.raises(ValidationError, match="nog 1 van 4 stappen"):
        certificate_issue(user=learner, course=published_course)
    assert not Certificate.objects.exists()


def test_not_enrolled_cannot_get_a_certificate(published_course, learner):
    with pytest.raises(ValidationError, match="Schrijf je eerst in"):
        certificate_issue(user=learner, course=published_course)


def test_passing_the_final_test_issues_the_certificate_with_pinned_facts(
    certificate, published_course, learner
):
    assert certificate.learner_name == "Sanne de Vries"
    assert certificate.course_title == "Kennismaken"
    assert certificate.effort_hours == Decimal("4.0")
    assert certificate.accreditation_points == Decimal("4.0")
    assert certificate.accreditation_register_label == "Registerplein"
    assert certificate.accreditation_id == published_course.accreditation_id
    assert certificate.course_revision_id == published_course.live_revision_id
    assert certificate.course_revision_id is not None
    assert not certificate.is_revoked


def test_issue_is_idempotent_one_certificate_per_learner_and_course(
    certificate, published_course, learner
):
    again = certificate_issue(user=learner, course=published_course)
    assert again.pk == certificate.pk
    # A new version of the course does not add a second certificate (documented decision).
    published_course.title = "Kennismaken, tweede editie"
    published_course.save_revision().publish()
    assert certificate_issue(user=learner, course=published_course).pk == certificate.pk
    assert Certificate.objects.filter(user=learner).count() == 1


def test_certificates_are_per_learner(certificate, published_course, other_learner):
    enrolment_create(user=other_learner, course=published_course)
    with pytest.raises(ValidationError, match="stappen te gaan"):
        certificate_issue(user=other_learner, course=published_course)


def test_code_is_long_random_and_forgiving_to_type(certificate, published_course):
    code = certificate.code
    assert re.fullmatch(r"([0-9A-Z]{4}-){4}[0-9A-Z]{4}", code)
    assert set(code.replace("-", "")) <= set(CODE_ALPHABET)
    assert certificate_code_normalise(code=code.lower().replace("-", " ")) == code
    assert certificate_code_normalise(code="ABC") is None


# ------------------------------------------------------------------------ pinned version


def test_later_course_change_does_not_alter_the_issued_certificate(certificate, published_course):
    old_revision = certificate.course_revision_id
    published_course.title = "Kennismaken (herzien)"
    published_course.accreditation_points = Decimal("8.0")
    published_course.effort_hours = Decimal("9.0")
    published_course.save_revision().publish()
    published_course.refresh_from_db()
    assert published_course.live_revision_id != old_revision

    certificate.refresh_from_db()
    assert certificate.course_revision_id == old_revision
    text = pdf_text(certificate_pdf(certificate=certificate, verify_url="https://x.nl/v/"))
    assert "Kennismaken" in text
    assert "herzien" not in text
    assert "4 punten, Registerplein" in text
    assert "8 punten" not in text
    assert "4 uur" in text
    verification = certificate_verify(code=certificate.code)
    assert verification.certificate.course_title == "Kennismaken"
    assert verification.certificate.accreditation_points == Decimal("4.0")


# ------------------------------------------------------------------------ PDF


def test_pdf_states_name_course_date_hours_points_register_and_verification_url(
    certificate, published_course
):
    url = f"https://leren.example.nl/leren/certificaat/{certificate.code}/"
    data = certificate_pdf(certificate=certificate, verify_url=url)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Sanne de Vries" in text
    assert "Kennismaken" in text
    assert "4 uur" in text
    assert "4 punten, Registerplein" in text
    assert published_course.accreditation_id in text
    assert url in text
    assert certificate.code in text
    # The date in the Netherlands: late in the evening UTC is already the next day there.
    assert formats.date_format(timezone.localtime(certificate.issued_at), "j F Y") in text


def test_pdf_dates_a_certificate_issued_late_in_the_evening_on_the_dutch_day(certificate):
    certificate.issued_at = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)  # 00:30 in Amsterdam
    text = pdf_text(certificate_pdf(certificate=certificate, verify_url="https://x.nl/"))
    assert "4 december 2026" in text
    assert "3 december 2026" not in text


# ------------------------------------------------------------------------ verify


def test_verify_valid_revoked_and_unknown(certificate):
    moderator = UserFactory(groups=[Group.objects.get(name="IPW moderator")])
    assert certificate_verify(code=certificate.code).status == "valid"
    assert certificate_verify(code="ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ").status == "unknown"
    assert certificate_verify(code="geen code").status == "unknown"
    certificate_revoke(certificate=certificate, by=moderator, reason="Fraude bij de toets.")
    verification = certificate_verify(code=certificate.code)
    assert verification.status == "revoked"
    assert verification.certificate.revoked_at is not None


# ------------------------------------------------------------------------ revoke


def test_revoke_needs_permission_and_a_reason_and_is_logged(certificate, published_course):
    editor = UserFactory(groups=[Group.objects.get(name="IPW redacteur")])
    moderator = UserFactory(groups=[Group.objects.get(name="IPW moderator")])
    with pytest.raises(PermissionDenied):
        certificate_revoke(certificate=certificate, by=editor, reason="Zomaar.")
    with pytest.raises(ValidationError, match="Geef een reden op"):
        certificate_revoke(certificate=certificate, by=moderator, reason="   ")
    certificate.refresh_from_db()
    assert not certificate.is_revoked

    certificate_revoke(certificate=certificate, by=moderator, reason="Toets niet zelf gemaakt.")
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_by == moderator
    assert certificate.revoked_reason == "Toets niet zelf gemaakt."
    entry = ModelLogEntry.objects.get(action="learning.certificate_revoke")
    assert entry.user_id == moderator.pk
    with pytest.raises(ValidationError, match="al ingetrokken"):
        certificate_revoke(certificate=certificate, by=moderator, reason="Nog eens.")


def test_revoked_certificate_is_not_silently_reissued(certificate, published_course, learner):
    moderator = UserFactory(groups=[Group.objects.get(name="IPW moderator")])
    certificate_revoke(certificate=certificate, by=moderator, reason="Onterecht uitgereikt.")
    with pytest.raises(ValidationError, match="ingetrokken"):
        certificate_issue(user=learner, course=published_course)
    assert Certificate.objects.filter(user=learner).count() == 1


# ------------------------------------------------------------------------ export


def test_data_export_lists_the_learners_certificates(certificate, learner, other_learner):
    section = user_data_export(user=learner)["certificaten"]
    assert len(section) == 1
    assert section[0]["code"] == certificate.code
    assert section[0]["course"] == "Kennismaken"
    assert section[0]["accreditation_points"] == "4.0"
    assert section[0]["revoked_at"] is None
    assert user_data_export(user=other_learner)["certificaten"] == []
