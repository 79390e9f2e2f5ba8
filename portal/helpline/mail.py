"""The texts of the helpline's mails (rendered from templates/helpline/mail/)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .models import Kind, Message, Submission

#: Name of the group whose members handle the helpline (created by home 0002).
HULPLIJN_GROUP = "Hulplijn"
INBOX_URL_NAMESPACE = "helpline_inbox"


@dataclass(frozen=True)
class MailText:
    to: list[str]
    subject: str
    body: str


def _base_url() -> str:
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def _absolute(url_name: str, *args: object) -> str:
    try:
        return _base_url() + reverse(url_name, args=args)
    except NoReverseMatch:
        return ""


def staff_recipients() -> list[str]:
    """HELPLINE_NOTIFY_EMAILS (e.g. a shared mailbox) when set, else the active members
    of the Hulplijn group."""
    configured = list(getattr(settings, "HELPLINE_NOTIFY_EMAILS", []) or [])
    if configured:
        return configured
    users = (
        get_user_model()
        .objects.filter(groups__name=HULPLIJN_GROUP, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    return list(users)


def confirmation_mail(submission: Submission) -> MailText:
    if submission.kind == Kind.REFERRAL:
        subject = _("Je aanmelding bij IPW is ontvangen (%(reference)s)")
    else:
        subject = _("Je vraag aan de Hulplijn is ontvangen (%(reference)s)")
    body = render_to_string(
        "helpline/mail/confirmation.txt",
        {"submission": submission, "thread_url": _thread_url(submission)},
    )
    return MailText(
        to=[submission.email],
        subject=subject % {"reference": submission.reference},
        body=body,
    )


def staff_notice_mail(submission: Submission) -> MailText | None:
    """A short notice to the helpline: no question text in mail, only a link to the inbox."""
    recipients = staff_recipients()
    if not recipients:
        return None
    prefix = _("SPOED: ") if submission.urgent else ""
    subject = _("%(prefix)sNieuwe %(kind)s %(reference)s") % {
        "prefix": prefix,
        "kind": submission.get_kind_display().lower(),
        "reference": submission.reference,
    }
    body = render_to_string(
        "helpline/mail/staff_notice.txt",
        {
            "submission": submission,
            "inbox_url": _absolute(f"{INBOX_URL_NAMESPACE}:edit", submission.pk),
        },
    )
    return MailText(to=recipients, subject=subject, body=body)


def _thread_url(submission: Submission) -> str:
    if not submission.user_id:
        return ""
    return _absolute("helpline_thread", submission.reference)


def answer_mail(answer: Message) -> MailText:
    submission = answer.submission
    body = render_to_string(
        "helpline/mail/answer.txt",
        {"submission": submission, "answer": answer, "thread_url": _thread_url(submission)},
    )
    return MailText(
        to=[submission.email],
        subject=_("Antwoord van de Hulplijn (%(reference)s)") % {"reference": submission.reference},
        body=body,
    )


def reply_notice_mail(reply: Message) -> MailText | None:
    """To the helpline: the sender replied. Like the first notice, no content in mail."""
    recipients = staff_recipients()
    if not recipients:
        return None
    submission = reply.submission
    body = render_to_string(
        "helpline/mail/reply_notice.txt",
        {
            "submission": submission,
            "inbox_url": _absolute(f"{INBOX_URL_NAMESPACE}:edit", submission.pk),
        },
    )
    return MailText(
        to=recipients,
        subject=_("Nieuwe reactie op %(reference)s") % {"reference": submission.reference},
        body=body,
    )
