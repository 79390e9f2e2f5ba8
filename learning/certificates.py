"""Certificates: issue, verify, revoke, the PDF, and the accreditation report.

Decisions:
- Issued only when the course is complete: every required live lesson done and the
  final test (when the course has a live one) passed; the same rule as the course's
  progress (`learning.selectors.CourseProgress.is_complete`). `attempt_submit` and
  `lesson_complete` issue it automatically at the moment the course becomes complete;
  a learner who finished before can ask for it on the course page.
- One certificate per learner per course. Issuing again returns the existing one
  (idempotent). A new version of the course does NOT give a second certificate: the
  certificate states what the learner earned on the version they finished (its revision
  id and a copy of title, hours, points, register and accreditation id are pinned); the
  learner's progress is not reset by a new version, so nothing new was earned. A revoked
  certificate is not replaced by asking again: IPW staff decide about that.
- The verification code is 20 random characters from Crockford's base32 alphabet (100
  bits from `secrets`), shown in groups of four: ABCD-EFGH-JKMN-PQRS-TVWX. Unguessable,
  and readable from paper: typing is forgiving (case, spaces, dashes, O/0 and I/L/1).
- The PDF is generated on request from the pinned copy, never stored: nothing to keep
  in sync, back up or purge, a revocation takes effect at once, and the document is
  the same every time because it only reads the snapshot. WeasyPrint renders it with
  local fonts and may fetch nothing (no network, no files).
- Issuing a certificate queues one mail to the learner with the verification address
  (`portal.core.mail.queue_mail`, sent by a task after the commit); only the creation
  sends it, so asking again, a second attempt or a parallel request never mails twice.
- The accreditation report (`accreditation_report_rows`, as CSV or XLSX) lists the
  valid certificates of one register issued in a period, for IPW to upload to the
  register; only who may see certificates in the admin gets it.
- Revoking needs the `learning.revoke_certificate` permission and a reason; it is
  written to Wagtail's audit log. The public page then says "ingetrokken" and the date,
  never the reason (the learner sees the reason on their course page).
"""

from __future__ import annotations

import io
import re
import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

import segno
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl import Workbook
from openpyxl.styles import Font
from wagtail.log_actions import log

from portal.core.csv_export import csv_text
from portal.core.mail import queue_mail
from portal.core.pdf import render_pdf

from .models import AccreditationRegister, Certificate, CoursePage, Enrolment
from .models.certificates import CertificateSettings
from .selectors import course_progress

REVOKE_PERMISSION = "learning.revoke_certificate"
VIEW_PERMISSION = "learning.view_certificate"
LOG_ACTION_REVOKE = "learning.certificate_revoke"
REASON_MAX_LENGTH = 1000

#: Crockford's base32: no I, L, O or U, so a code read aloud or from paper is unambiguous.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS = 5
CODE_GROUP_SIZE = 4
CODE_LENGTH = CODE_GROUPS * CODE_GROUP_SIZE
_TYPO_MAP = str.maketrans({"O": "0", "I": "1", "L": "1"})


def certificate_code_new() -> str:
    """A fresh code, e.g. "7K2M-Q9XD-…": 20 characters of 5 bits each (100 bits)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return certificate_code_format(raw=raw)


def certificate_code_format(*, raw: str) -> str:
    return "-".join(raw[i : i + CODE_GROUP_SIZE] for i in range(0, len(raw), CODE_GROUP_SIZE))


def certificate_code_normalise(*, code: str) -> str | None:
    """The canonical grouped form of what someone typed, or None when it cannot be a code."""
    raw = re.sub(r"[\s\-.]", "", str(code)).upper().translate(_TYPO_MAP)
    if len(raw) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in raw):
        return None
    return certificate_code_format(raw=raw)


# --------------------------------------------------------------------------- registers

#: Where the profile keeps the learner's number for each register a course can name.
#: V&VN has no number on the profile (yet): its certificates show none.
REGISTER_PROFILE_FIELDS: dict[str, str] = {
    AccreditationRegister.REGISTERPLEIN: "registerplein_number",
    AccreditationRegister.SKJ: "skj_number",
    AccreditationRegister.BIG_ABC1: "big_number",
}

REGISTER_NUMBER_LABELS: dict[str, Any] = {
    AccreditationRegister.REGISTERPLEIN: gettext_lazy("Registratienummer Registerplein"),
    AccreditationRegister.SKJ: gettext_lazy("Registratienummer SKJ"),
    AccreditationRegister.BIG_ABC1: gettext_lazy("BIG-nummer"),
}


def learner_register_number(*, user: AbstractBaseUser, register: str) -> str:
    """The learner's own number in `register`, from the profile; "" when unknown."""
    field = REGISTER_PROFILE_FIELDS.get(register)
    if field is None:
        return ""
    try:
        profile = user.profile
    except ObjectDoesNotExist:
        return ""
    return (getattr(profile, field, "") or "").strip()


def certificate_register_number(*, certificate: Certificate) -> str:
    """The number the certificate states: the one pinned at issue, or, when the learner
    had none then, the one on the profile now (a number added later fills the gap; a
    number once stated never changes). Load `user__profile` with the certificate to keep
    this free of queries."""
    if certificate.register_number:
        return certificate.register_number
    return learner_register_number(
        user=certificate.user, register=certificate.accreditation_register
    )


def certificate_register_number_label(*, certificate: Certificate) -> str:
    return str(REGISTER_NUMBER_LABELS.get(certificate.accreditation_register, ""))


# --------------------------------------------------------------------------- issue


def _course_progress(*, user: AbstractBaseUser, course: CoursePage):

    return course_progress(course=course, user=user)


def certificate_issue(*, user: AbstractBaseUser, course: CoursePage) -> Certificate:
    """Issue the learner's certificate for a completed course, or return the one they
    already have (see the module doc). Raises ValidationError with a Dutch message when
    the course is not complete, the name is missing or the certificate was revoked."""
    if not user.is_authenticated:
        raise ValidationError(_("Log in om je certificaat aan te vragen."))
    existing = Certificate.objects.filter(user=user, course=course).first()
    if existing is not None:
        if existing.is_revoked:
            raise ValidationError(
                _(
                    "Je certificaat voor deze cursus is ingetrokken. Neem contact op met het "
                    "IPW als je denkt dat dit niet klopt."
                )
            )
        return existing
    # The course as it is live now (the database row holds the live version; drafts
    # live in revisions), not an object a caller may have changed in memory.
    course = CoursePage.objects.get(pk=course.pk)
    if not course.live:
        raise ValidationError(_("Deze cursus is niet beschikbaar."))
    if not Enrolment.objects.filter(user=user, course=course).exists():
        raise ValidationError(_("Schrijf je eerst in voor deze cursus."))
    progress = _course_progress(user=user, course=course)
    if not progress.is_complete:
        left = progress.steps_total - progress.steps_done
        raise ValidationError(
            ngettext(
                "Je krijgt het certificaat als je de cursus hebt afgerond: alle verplichte "
                "lessen en de eindtoets. Je hebt nog %(left)s van %(total)s stap te gaan.",
                "Je krijgt het certificaat als je de cursus hebt afgerond: alle verplichte "
                "lessen en de eindtoets. Je hebt nog %(left)s van %(total)s stappen te gaan.",
                progress.steps_total,
            )
            % {"left": left, "total": progress.steps_total}
        )
    name = user.get_full_name().strip()
    if not name:
        raise ValidationError(
            _("Vul eerst je voor- en achternaam in bij je profiel: die komen op het certificaat.")
        )
    signatory = CertificateSettings.load()
    for _attempt in range(3):  # a code clash is astronomically unlikely; retry anyway
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    code=certificate_code_new(),
                    user=user,
                    course=course,
                    course_revision_id=course.live_revision_id,
                    issued_at=timezone.now(),
                    learner_name=name,
                    course_title=course.title,
                    effort_hours=course.effort_hours,
                    accreditation_points=course.accreditation_points,
                    accreditation_register=course.accreditation_register,
                    accreditation_register_label=str(course.get_accreditation_register_display()),
                    accreditation_id=course.accreditation_id,
                    register_number=learner_register_number(
                        user=user, register=course.accreditation_register
                    ),
                    signatory_name=signatory.signatory_name,
                    signatory_function=signatory.signatory_function,
                )
                certificate_mail_issued(certificate=certificate)
                return certificate
        except IntegrityError:
            # Either a code clash (retry) or a parallel request issued it first (return it).
            existing = Certificate.objects.filter(user=user, course=course).first()
            if existing is not None:
                return existing
    raise ValidationError(_("Het certificaat kon niet worden aangemaakt. Probeer het opnieuw."))


def certificate_absolute_url(*, path: str) -> str:
    """The site's address for `path`, for mails and the PDF made outside a request."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _register_number_hint(*, certificate: Certificate) -> list[str]:
    """A line for the mail when the register needs the learner's number and the profile
    has none: the certificate shows it once it is filled in."""
    label = certificate_register_number_label(certificate=certificate)
    if not label or certificate.register_number:
        return []
    return [
        _(
            "In je profiel ontbreekt je registratienummer voor %(register)s. Vul het in, "
            "dan staat het op je certificaat: %(url)s"
        )
        % {
            "register": certificate.accreditation_register_label,
            "url": certificate_absolute_url(path=reverse("accounts_profile")),
        }
    ]


def certificate_mail_issued(*, certificate: Certificate) -> None:
    """The learner's mail with the verification address. Queued in the transaction that
    creates the certificate, so it is sent once per certificate, after the commit, and
    never when the creation rolls back (asking again returns the existing certificate
    without a mail)."""
    user = certificate.user
    if not user.email:
        return
    body = "\n\n".join(
        [
            _("Beste %(name)s,") % {"name": certificate.learner_name},
            _("Gefeliciteerd! Je hebt de cursus %(course)s afgerond en je certificaat staat klaar.")
            % {"course": certificate.course_title},
            _(
                "Iedereen kan je certificaat controleren op dit adres (geef het door aan je "
                "register of werkgever):\n%(url)s\nVerificatiecode: %(code)s"
            )
            % {
                "url": certificate_absolute_url(path=certificate.get_verify_url()),
                "code": certificate.code,
            },
            _("Je downloadt het certificaat (PDF) onder Mijn certificaten:\n%(url)s")
            % {"url": certificate_absolute_url(path=reverse("learning_certificate_list"))},
            *_register_number_hint(certificate=certificate),
            _("Met vriendelijke groet,\nHet Instituut voor Publieke Waarden"),
        ]
    )
    queue_mail(
        to=[user.email],
        subject=_("Je certificaat voor %(course)s") % {"course": certificate.course_title},
        body=body,
    )


def certificate_issue_if_complete(*, enrolment: Enrolment) -> Certificate | None:
    """Called when an enrolment becomes complete: issue the certificate if the rules
    allow it, quietly do nothing otherwise (the course page offers to ask again and
    then shows the reason)."""
    try:
        return certificate_issue(user=enrolment.user, course=enrolment.course)
    except ValidationError:
        return None


# --------------------------------------------------------------------------- verify

Status = Literal["valid", "revoked", "unknown"]


@dataclass(frozen=True)
class Verification:
    status: Status
    code: str
    certificate: Certificate | None = None

    @property
    def is_valid(self) -> bool:
        return self.status == "valid"


def certificate_verify(*, code: str) -> Verification:
    """Anyone may check a code: valid, revoked or unknown. Only what the certificate
    states publicly (name, course and its pinned facts, date) is meant for display."""
    normalised = certificate_code_normalise(code=code)
    if normalised is None:
        return Verification(status="unknown", code=str(code)[:64])
    certificate = Certificate.objects.filter(code=normalised).first()
    if certificate is None:
        return Verification(status="unknown", code=normalised)
    status: Status = "revoked" if certificate.is_revoked else "valid"
    return Verification(status=status, code=normalised, certificate=certificate)


# --------------------------------------------------------------------------- revoke


def user_can_revoke_certificates(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(REVOKE_PERMISSION))


def user_can_view_certificates(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.has_perm(VIEW_PERMISSION) or user.has_perm(REVOKE_PERMISSION))
    )


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, by: AbstractBaseUser, reason: str
) -> Certificate:
    """Revoke a certificate (staff with `learning.revoke_certificate`); a reason is
    required and the revocation is written to the audit log."""
    if not user_can_revoke_certificates(user=by):
        raise PermissionDenied(_("Je mag geen certificaten intrekken."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Geef een reden op voor het intrekken."))
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("De reden is %(length)s tekens; hij mag er hoogstens %(max)s zijn.")
            % {"length": len(reason), "max": REASON_MAX_LENGTH}
        )
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        raise ValidationError(_("Dit certificaat is al ingetrokken."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revoked_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    log(
        instance=certificate,
        action=LOG_ACTION_REVOKE,
        user=by,
        data={"code": certificate.code, "reason": reason},
    )
    return certificate


# --------------------------------------------------------------------------- reading


def certificates_of_learner(*, user: AbstractBaseUser) -> dict[int, Certificate]:
    """The learner's certificates by course id, in one query."""
    if not user.is_authenticated:
        return {}
    return {
        certificate.course_id: certificate
        for certificate in Certificate.objects.filter(user=user, course__isnull=False)
    }


@dataclass(frozen=True)
class LearnerCertificate:
    """A row of "Mijn certificaten": the certificate and the register number it states."""

    certificate: Certificate
    register_number: str
    register_number_label: str


def certificates_list_of_learner(*, user: AbstractBaseUser) -> list[LearnerCertificate]:
    """Every certificate of the learner, newest first, revoked ones included, with the
    register number each states (one query): "Mijn certificaten"."""
    if not user.is_authenticated:
        return []
    queryset = (
        Certificate.objects.filter(user=user)
        .select_related("user__profile")
        .order_by("-issued_at", "-pk")
    )
    return [
        LearnerCertificate(
            certificate=certificate,
            register_number=certificate_register_number(certificate=certificate),
            register_number_label=certificate_register_number_label(certificate=certificate),
        )
        for certificate in queryset
    ]


def certificate_get_for_owner(*, user: AbstractBaseUser, code: str) -> Certificate | None:
    """The certificate with this code if it belongs to `user` and is not revoked."""
    normalised = certificate_code_normalise(code=code)
    if not user.is_authenticated or normalised is None:
        return None
    return Certificate.objects.filter(code=normalised, user=user, revoked_at__isnull=True).first()


def certificates_for_export(user: AbstractBaseUser) -> list[dict[str, Any]]:
    """The learner's certificates for "Download al mijn gegevens"."""
    return [
        {
            "code": certificate.code,
            "verification_path": certificate.get_verify_url(),
            "issued_at": certificate.issued_at,
            "learner_name": certificate.learner_name,
            "course": certificate.course_title,
            "course_revision_id": certificate.course_revision_id,
            "effort_hours": str(certificate.effort_hours),
            "accreditation_points": str(certificate.accreditation_points),
            "accreditation_register": certificate.accreditation_register_label,
            "accreditation_id": certificate.accreditation_id,
            "register_number": certificate.register_number,
            "signatory": certificate.signatory_name,
            "revoked_at": certificate.revoked_at,
            "revoked_reason": certificate.revoked_reason,
        }
        for certificate in Certificate.objects.filter(user=user).order_by("issued_at")
    ]


# --------------------------------------------------------------------------- PDF


def certificate_qr_data_uri(*, url: str) -> str:
    """A QR code for `url`, drawn here (segno, no service), as an SVG data URI."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000")


def certificate_pdf(*, certificate: Certificate, verify_url: str) -> bytes:
    """The certificate as a tagged A4 PDF (bytes starting with %PDF), from the pinned copy
    (the register number may come from the profile, see `certificate_register_number`).

    `verify_url` is the absolute address of the public verification page; the QR code
    points there. A certificate issued before signatories were kept shows the current
    signatory."""
    signatory_name = certificate.signatory_name
    signatory_function = certificate.signatory_function
    if not signatory_name:
        settings_now = CertificateSettings.load()
        signatory_name = settings_now.signatory_name
        signatory_function = settings_now.signatory_function
    html = render_to_string(
        "learning/certificate_pdf.html",
        {
            "certificate": certificate,
            "verify_url": verify_url,
            "qr_code": certificate_qr_data_uri(url=verify_url),
            "register_number": certificate_register_number(certificate=certificate),
            "register_number_label": certificate_register_number_label(certificate=certificate),
            "signatory_name": signatory_name,
            "signatory_function": signatory_function,
        },
    )
    return render_pdf(html)


# --------------------------------------------------------------------------- accreditation report

REPORT_HEADERS = (
    gettext_lazy("Deelnemer"),
    gettext_lazy("Registratienummer"),
    gettext_lazy("Cursus"),
    gettext_lazy("Accreditatienummer"),
    gettext_lazy("Punten"),
    gettext_lazy("Datum"),
    gettext_lazy("Verificatiecode"),
)


@dataclass(frozen=True)
class AccreditationRow:
    learner_name: str
    register_number: str
    course_title: str
    accreditation_id: str
    points: Decimal
    issued_on: date
    code: str

    def cells(self) -> tuple[Any, ...]:
        return (
            self.learner_name,
            self.register_number,
            self.course_title,
            self.accreditation_id,
            self.points,
            self.issued_on,
            self.code,
        )


def accreditation_report_rows(
    *, register: str, date_from: date, date_to: date
) -> list[AccreditationRow]:
    """The valid certificates of `register` issued from `date_from` to `date_to` (both
    included, Dutch local dates), oldest first, with the register number each states:
    what IPW uploads to the register. One query however many certificates; a revoked
    certificate is left out (it no longer counts)."""
    queryset = (
        Certificate.objects.filter(
            accreditation_register=register,
            revoked_at__isnull=True,
            issued_at__date__gte=date_from,
            issued_at__date__lte=date_to,
        )
        .select_related("user__profile")
        .order_by("issued_at", "pk")
    )
    return [
        AccreditationRow(
            learner_name=certificate.learner_name,
            register_number=certificate_register_number(certificate=certificate),
            course_title=certificate.course_title,
            accreditation_id=certificate.accreditation_id,
            points=certificate.accreditation_points,
            issued_on=timezone.localtime(certificate.issued_at).date(),
            code=certificate.code,
        )
        for certificate in queryset
    ]


def accreditation_report_csv(*, rows: list[AccreditationRow]) -> str:
    """The report as CSV for Dutch Excel (the portal's one CSV writer)."""
    return csv_text(headers=REPORT_HEADERS, rows=(row.cells() for row in rows))


def accreditation_report_xlsx(*, rows: list[AccreditationRow], title: str) -> bytes:
    """The report as an Excel workbook: real numbers and dates, a bold header row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Accreditatie"
    sheet.append([str(header) for header in REPORT_HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([*row.cells()[:4], float(row.points), row.issued_on, row.code])
        sheet.cell(row=sheet.max_row, column=6).number_format = "DD-MM-YYYY"
    for column, width in zip("ABCDEFG", (30, 20, 40, 20, 8, 12, 26), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
