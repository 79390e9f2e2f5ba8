"""Writes with rules for the helpline: store first, then mail through the outbox.

Nothing here waits for the mail server: a submission and its mails are written in one
transaction; after the commit a background task (django-tasks) sends each mail and
records the outcome. `outgoing_mail_send_pending` (command `helpline_send_pending`,
run by cron) retries what is still pending, with exponential backoff.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from portal.anonymisation.policy import PERSONAL_DATA
from portal.anonymisation.validation import personal_data_errors

from . import tasks
from .due import due_at
from .mail import (
    MailText,
    answer_mail,
    confirmation_mail,
    reply_notice_mail,
    staff_notice_mail,
)
from .models import (
    REFERENCE_PREFIX,
    Kind,
    MailKind,
    MailStatus,
    Message,
    OutgoingMail,
    Status,
    Submission,
)
from .selectors import submission_list_for_user

logger = logging.getLogger(__name__)

#: Audit-log actions (registered in wagtail_hooks.py).
ACTION_VIEW = "helpline.view"
ACTION_EXPORT = "helpline.export"
ACTION_ANSWER = "helpline.answer"
ACTION_TRIAGE = "helpline.triage"
ACTION_PURGE = "helpline.purge"
ACTION_ERASE = "helpline.erase"
ACTION_REPLY = "helpline.reply"
ACTION_CLOSE = "helpline.close"
ACTION_REOPEN = "helpline.reopen"

#: A mail stuck in "sending" this long (a worker died mid-send) is tried again.
SENDING_STALE_AFTER = timedelta(minutes=15)


def _max_attempts() -> int:
    return int(getattr(settings, "HELPLINE_MAIL_MAX_ATTEMPTS", 10))


def mail_backoff(attempts: int) -> timedelta:
    """Wait before the next try: 1, 2, 4, ... minutes, at most 6 hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 6 * 60))


# ---------------------------------------------------------------- submissions


@transaction.atomic
def submission_create(
    *,
    kind: Kind | str,
    data: dict[str, Any],
    user: AbstractBaseUser | None = None,
    context_title: str = "",
    now: datetime | None = None,
) -> Submission:
    """Store a question or referral, give it a reference number and a due time, and put
    the confirmation (for a logged-in sender) and the notice to the helpline in the
    outbox (sent after commit)."""
    now = now or timezone.now()
    kind = Kind(kind)
    fields = {key: value for key, value in data.items() if key in _SUBMISSION_FIELDS}
    problem_domains = list(data.get("problem_domains") or ())
    if kind == Kind.REFERRAL:
        fields["consent_confirmed_at"] = now
    submission = Submission.objects.create(
        kind=kind,
        user=user if user is not None and user.is_authenticated else None,
        context_title=context_title[:255],
        received_at=now,
        due_at=due_at(now, urgent=bool(fields.get("urgent"))),
        **fields,
    )
    submission.reference = (
        f"{REFERENCE_PREFIX[kind]}-{timezone.localtime(now).year}-{submission.pk:06d}"
    )
    submission.save(update_fields=["reference"])
    if problem_domains:
        submission.problem_domains.set(problem_domains)
    log(instance=submission, action="wagtail.create", user=submission.user)

    # A confirmation goes to the typed address only for a logged-in sender: otherwise
    # anyone could make the portal mail any address (the page shows the reference).
    mails = []
    if submission.user is not None:
        confirmation = confirmation_mail(submission)
        mails.append(_outbox_add(submission, MailKind.CONFIRMATION, confirmation, now))
    notice = staff_notice_mail(submission)
    if notice is not None:
        mails.append(_outbox_add(submission, MailKind.STAFF_NOTICE, notice, now))
    _enqueue_after_commit([mail.pk for mail in mails])
    return submission


_SUBMISSION_FIELDS = {
    "name",
    "organisation",
    "role",
    "email",
    "phone",
    "question",
    "barrier",
    "related_law",
    "situation",
    "region",
    "municipality",
    "household_type",
    "organisations_involved",
    "urgent",
    "contact_preference",
    "contact_time",
    "context_url",
}


@transaction.atomic
def submission_triage_update(
    *,
    submission: Submission,
    status: Status | str,
    assignee: AbstractBaseUser | None,
    internal_notes: str,
    by: AbstractBaseUser,
    now: datetime | None = None,
) -> Submission:
    """Change status, assignee and notes. Leaving "nieuw" counts as the first contact;
    "afgerond" starts the retention period. Closing and reopening are logged as such."""
    now = now or timezone.now()
    changed = []
    status = Status(status)
    was_closed = submission.status == Status.CLOSED
    if status != submission.status:
        changed.append("status")
    if (assignee.pk if assignee else None) != submission.assignee_id:
        changed.append("assignee")
    if internal_notes != submission.internal_notes:
        changed.append("internal_notes")
    submission.status = status
    submission.assignee = assignee
    submission.internal_notes = internal_notes
    if status != Status.NEW and submission.first_contact_at is None:
        submission.first_contact_at = now
    if status == Status.CLOSED:
        submission.closed_at = submission.closed_at or now
    else:
        submission.closed_at = None
    submission.save()
    if changed:
        log(
            instance=submission,
            action=ACTION_TRIAGE,
            user=by,
            data={"changed": changed, "status": submission.status},
        )
    if was_closed != (status == Status.CLOSED):
        log(instance=submission, action=ACTION_REOPEN if was_closed else ACTION_CLOSE, user=by)
    return submission


def answer_personal_data_errors(*, body: str) -> list[str]:
    """The guard's Dutch messages for a helpline answer (Message.body is guarded): it is
    mailed, so it may name nothing by which the household can be recognised."""
    found = personal_data_errors(
        {"body": body},
        labels={"body": _("Antwoord sturen")},
        reason=_("het antwoord gaat per e-mail; noem niets waaraan het huishouden te herkennen is"),
    )
    return found.get("body", [])


def reply_personal_data_errors(*, body: str) -> list[str]:
    """The guard's Dutch messages for the professional's reply in a thread."""
    found = personal_data_errors(
        {"body": body},
        labels={"body": _("Je reactie")},
        reason=_("noem niets waaraan het huishouden te herkennen is"),
    )
    return found.get("body", [])


@transaction.atomic
def submission_answer(
    *, submission: Submission, body: str, by: AbstractBaseUser, now: datetime | None = None
) -> Message:
    """Store IPW's answer as a message in the thread, mail it to the professional
    (through the outbox) and count it as contact. A logged-in sender also reads it at
    "Mijn vragen" (unread until opened)."""
    errors = answer_personal_data_errors(body=body)
    if errors:
        raise ValidationError(errors, code=PERSONAL_DATA)
    now = now or timezone.now()
    answer = Message.objects.create(
        submission=submission, body=body.strip(), author=by, from_staff=True
    )
    if submission.first_contact_at is None:
        submission.first_contact_at = now
    if submission.status == Status.NEW:
        submission.status = Status.IN_PROGRESS
    submission.save(update_fields=["first_contact_at", "status"])
    mail = _outbox_add(submission, MailKind.ANSWER, answer_mail(answer), now)
    log(instance=submission, action=ACTION_ANSWER, user=by, data={"answer_id": answer.pk})
    _enqueue_after_commit([mail.pk])
    return answer


@transaction.atomic
def thread_reply(
    *, submission: Submission, body: str, by: AbstractBaseUser, now: datetime | None = None
) -> Message:
    """The professional replies in their own thread: guarded, stored, and the Hulplijn
    gets a notice without content (through the outbox). A thread that waited for the
    sender goes back to "in behandeling". A closed thread must be reopened first."""
    if not by.is_authenticated or submission.user_id != by.pk:
        raise PermissionDenied
    if submission.status == Status.CLOSED:
        raise ValidationError(
            _("Dit gesprek is afgerond. Heropen het om te reageren."), code="closed"
        )
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Schrijf je reactie."), code="required")
    errors = reply_personal_data_errors(body=body)
    if errors:
        raise ValidationError(errors, code=PERSONAL_DATA)
    now = now or timezone.now()
    reply = Message.objects.create(submission=submission, body=body, author=by, from_staff=False)
    if submission.status == Status.WAITING:
        submission.status = Status.IN_PROGRESS
        submission.save(update_fields=["status"])
    log(instance=submission, action=ACTION_REPLY, user=by, data={"message_id": reply.pk})
    notice = reply_notice_mail(reply)
    if notice is not None:
        mail = _outbox_add(submission, MailKind.REPLY_NOTICE, notice, now)
        _enqueue_after_commit([mail.pk])
    return reply


@transaction.atomic
def thread_close(
    *, submission: Submission, by: AbstractBaseUser, now: datetime | None = None
) -> Submission:
    """The sender closes their own thread ("mijn vraag is beantwoord"); logged."""
    if not by.is_authenticated or submission.user_id != by.pk:
        raise PermissionDenied
    if submission.status == Status.CLOSED:
        return submission
    now = now or timezone.now()
    submission.status = Status.CLOSED
    submission.closed_at = now
    submission.save(update_fields=["status", "closed_at"])
    log(instance=submission, action=ACTION_CLOSE, user=by)
    return submission


@transaction.atomic
def thread_reopen(*, submission: Submission, by: AbstractBaseUser) -> Submission:
    """The sender reopens their closed thread to ask more; logged. It goes back to "in
    behandeling" (or "nieuw" when IPW never made contact) and leaves the retention clock."""
    if not by.is_authenticated or submission.user_id != by.pk:
        raise PermissionDenied
    if submission.status != Status.CLOSED:
        return submission
    submission.status = Status.IN_PROGRESS if submission.first_contact_at else Status.NEW
    submission.closed_at = None
    submission.save(update_fields=["status", "closed_at"])
    log(instance=submission, action=ACTION_REOPEN, user=by)
    return submission


def thread_mark_read(
    *, submission: Submission, reader: AbstractBaseUser, now: datetime | None = None
) -> int:
    """Mark the other side's messages read: the sender's view marks IPW's messages, a
    Hulplijn member's view marks the sender's replies. Returns how many."""
    now = now or timezone.now()
    from_staff = submission.user_id is not None and submission.user_id == reader.pk
    return submission.messages.filter(from_staff=from_staff, read_at__isnull=True).update(
        read_at=now
    )


def submission_view_log(*, submission: Submission, user: AbstractBaseUser) -> None:
    """Audit: someone opened this submission in the admin."""
    log(instance=submission, action=ACTION_VIEW, user=user)


def submission_export_log(*, submissions: list[Submission], user: AbstractBaseUser) -> None:
    """Audit: one entry per exported submission."""
    for submission in submissions:
        log(instance=submission, action=ACTION_EXPORT, user=user)


@transaction.atomic
def submission_delete(*, submission: Submission, by: AbstractBaseUser | None) -> None:
    log(instance=submission, action="wagtail.delete", user=by)
    submission.delete()


def submissions_delete_for_user(user: AbstractBaseUser) -> int:
    """The account's questions and referrals, with their messages and mails, and the
    account and portal mails still waiting for its address (sent ones are not kept), deleted when
    the account is (portal.accounts.deletion); the history keeps only the reference."""
    address = (user.email or "").casefold()
    account_mails = [
        mail.pk
        for mail in OutgoingMail.objects.filter(kind__in=(MailKind.ACCOUNT, MailKind.NOTICE)).only(
            "pk", "to"
        )
        if address and address in {str(to).casefold() for to in mail.to}
    ]
    OutgoingMail.objects.filter(pk__in=account_mails).delete()
    count = 0
    for submission in submission_list_for_user(user=user):
        log(instance=submission, action=ACTION_ERASE, user=None)
        submission.delete()
        count += 1
    return count


def submission_purge(*, now: datetime | None = None, dry_run: bool = False) -> list[str]:
    """Delete, with their messages and mails, submissions closed more than
    HELPLINE_RETENTION_DAYS (default 365) ago, and submissions never closed that arrived
    more than HELPLINE_RETENTION_OPEN_DAYS (default 730) ago; log every deletion.
    Returns the deleted reference numbers."""
    now = now or timezone.now()
    days = int(getattr(settings, "HELPLINE_RETENTION_DAYS", 365))
    open_days = int(getattr(settings, "HELPLINE_RETENTION_OPEN_DAYS", 730))
    expired = Submission.objects.filter(
        Q(status=Status.CLOSED, closed_at__lt=now - timedelta(days=days))
        | Q(received_at__lt=now - timedelta(days=open_days)) & ~Q(status=Status.CLOSED)
    ).order_by("received_at", "pk")
    deleted: list[str] = []
    for submission in expired.iterator():
        deleted.append(submission.reference)
        if dry_run:
            continue
        with transaction.atomic():
            log(
                instance=submission,
                action=ACTION_PURGE,
                user=None,
                data={
                    "received_at": submission.received_at.isoformat(),
                    "closed_at": submission.closed_at.isoformat() if submission.closed_at else None,
                    "retention_days": days if submission.status == Status.CLOSED else open_days,
                },
            )
            submission.delete()
        logger.info("Helpline submission %s deleted (retention).", submission.reference)
    return deleted


# ---------------------------------------------------------------- outbox


def _outbox_add(
    submission: Submission, kind: MailKind, text: MailText, now: datetime
) -> OutgoingMail:
    return OutgoingMail.objects.create(
        submission=submission,
        kind=kind,
        to=text.to,
        subject=text.subject,
        body=text.body,
        next_attempt_at=now,
    )


def account_mail_add(*, to: list[str], subject: str, body: str) -> OutgoingMail:
    """An account mail (sign-up, verification, password reset) into the outbox: the
    request answers at once and the mail goes out when the mail server takes it, retried
    like the helpline's own (portal.shell.account_adapter sends allauth's mails here)."""
    mail = OutgoingMail.objects.create(
        kind=MailKind.ACCOUNT, to=to, subject=subject, body=body, next_attempt_at=timezone.now()
    )
    _enqueue_after_commit([mail.pk])
    return mail


def notice_mail_add(
    *,
    to: list[str],
    subject: str,
    body: str,
    attachments: list | None = None,
    headers: Mapping[str, str] | None = None,
) -> OutgoingMail:
    """Any other mail of the portal (portal.core.mail.queue_mail: course, session and
    contribution notices) into the outbox, sent after commit and retried like the rest.
    Once sent it is deleted, as an account mail is: the outbox is not an archive."""
    mail = OutgoingMail.objects.create(
        kind=MailKind.NOTICE,
        to=to,
        subject=subject[:255],
        body=body,
        attachments=[
            {"filename": item.filename, "content": item.content, "mimetype": item.mimetype}
            for item in attachments or ()
        ],
        headers=dict(headers or {}),
        next_attempt_at=timezone.now(),
    )
    _enqueue_after_commit([mail.pk])
    return mail


def _enqueue(mail_ids: list[int]) -> None:
    for mail_id in mail_ids:
        tasks.outgoing_mail_send_task.enqueue(mail_id)


def _enqueue_after_commit(mail_ids: list[int]) -> None:
    # robust: if the task queue itself is unavailable, the mail stays pending in the
    # outbox and `helpline_send_pending` sends it later; the user never sees an error.
    transaction.on_commit(partial(_enqueue, mail_ids), robust=True)


def outgoing_mail_send(*, mail_id: int, now: datetime | None = None) -> str:
    """Try to send one mail from the outbox; returns its status afterwards.

    The row is claimed first (pending -> sending in one UPDATE), so a worker and cron
    never send the same mail twice. SMTP errors and network errors are recorded on the
    row and retried later; they never reach the user.
    """
    now = now or timezone.now()
    claimed = OutgoingMail.objects.filter(
        Q(status=MailStatus.PENDING)
        | Q(status=MailStatus.SENDING, last_attempt_at__lt=now - SENDING_STALE_AFTER),
        pk=mail_id,
    ).update(status=MailStatus.SENDING, last_attempt_at=now)
    if not claimed:
        mail = OutgoingMail.objects.filter(pk=mail_id).only("status").first()
        return mail.status if mail else "missing"

    mail = OutgoingMail.objects.get(pk=mail_id)
    mail.attempts += 1
    try:
        message = EmailMessage(
            subject=mail.subject,
            body=mail.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=list(mail.to),
            reply_to=(getattr(settings, "HELPLINE_REPLY_TO", None) or None)
            if mail.submission_id
            else None,
            headers=dict(mail.headers or {}) or None,
        )
        for attachment in mail.attachments or ():
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        message.send()
    except Exception as error:  # noqa: BLE001 - any failure is recorded and retried
        logger.warning("Helpline mail %s not sent (attempt %s): %r", mail.pk, mail.attempts, error)
        mail.last_error = f"{type(error).__name__}: {error}"[:2000]
        if mail.attempts >= _max_attempts():
            mail.status = MailStatus.FAILED
        else:
            mail.status = MailStatus.PENDING
            mail.next_attempt_at = now + mail_backoff(mail.attempts)
        mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        if mail.status == MailStatus.PENDING:
            _schedule_retry(mail)
        return mail.status
    if mail.kind in (MailKind.ACCOUNT, MailKind.NOTICE):
        # Its address, links and codes are for the addressee only: once sent, the outbox
        # keeps nothing of it (a helpline mail stays with its submission).
        mail.delete()
        return MailStatus.SENT
    mail.status = MailStatus.SENT
    mail.sent_at = now
    mail.last_error = ""
    mail.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    return mail.status


def _schedule_retry(mail: OutgoingMail) -> None:
    """Enqueue the retry at its time when the task backend can defer (the database
    backend can; the immediate backend cannot: there cron's command does the retry)."""
    try:
        if not tasks.outgoing_mail_send_task.get_backend().supports_defer:
            return
        tasks.outgoing_mail_send_task.using(run_after=mail.next_attempt_at).enqueue(mail.pk)
    except Exception:  # noqa: BLE001 - cron picks the mail up anyway
        logger.exception("Could not schedule a retry for helpline mail %s", mail.pk)


def outgoing_mail_send_pending(
    *, now: datetime | None = None, include_waiting: bool = False
) -> dict[str, int]:
    """Send every pending mail whose next attempt is due (or every pending mail with
    `include_waiting`, e.g. right after a mail-server outage is fixed). Returns the
    number of mails per resulting status."""
    now = now or timezone.now()
    pending = Q(status=MailStatus.PENDING) | Q(
        status=MailStatus.SENDING, last_attempt_at__lt=now - SENDING_STALE_AFTER
    )
    if not include_waiting:
        pending &= Q(next_attempt_at__lte=now)
    ids = list(
        OutgoingMail.objects.filter(pending)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )
    counts: dict[str, int] = {}
    for mail_id in ids:
        status = outgoing_mail_send(mail_id=mail_id, now=now)
        counts[status] = counts.get(status, 0) + 1
    return counts
