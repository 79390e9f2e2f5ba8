"""One way for any app to send a mail: `queue_mail(...)`.

Mails are never sent inside a request: they go into the portal's outbox, a background
task sends them, and one that the mail server refuses is retried with backoff until it
goes out (the site says nothing went wrong; the mail catches up by itself). The outbox
lives in the helpline app (a feature), which the kernel and the other features may not
import, so the shell registers it here at start-up (`portal.shell.apps`); apps only call
`queue_mail`.

    from portal.core.mail import MailAttachment, queue_mail

    queue_mail(
        to=["naam@example.org"],
        subject="Je bent ingeschreven",
        body="...",
        attachments=[MailAttachment("sessie.ics", ics_text, "text/calendar")],
    )

A mail that someone can stop (a digest, an alert) passes `unsubscribe_url`: the mail then
carries RFC 2369 `List-Unsubscribe` and RFC 8058 `List-Unsubscribe-Post` headers, so mail
programs show their own "Afmelden" button, which posts to that address without a login.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class MailAttachment:
    filename: str
    content: str  # text (an .ics file, a CSV); binary files do not belong in a mail here
    mimetype: str = "text/plain"


MailQueue = Callable[..., object]

_queue: MailQueue | None = None


def register_mail_queue(queue: MailQueue) -> None:
    """Called once by the shell: `queue(to=..., subject=..., body=..., attachments=...,
    headers=...)`
    stores the mail in the outbox and has it sent after the transaction commits."""
    global _queue  # noqa: PLW0603 (one registry, set at start-up)
    _queue = queue


def queue_mail(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    attachments: Sequence[MailAttachment] = (),
    unsubscribe_url: str = "",
) -> None:
    """Put a mail in the outbox; it is sent after the current transaction commits (and
    not at all when the transaction rolls back). `unsubscribe_url` (absolute, answering a
    POST without login) adds the one-click unsubscribe headers."""
    if _queue is None:
        raise ImproperlyConfigured("No mail outbox registered (portal.shell registers one).")
    recipients = [address for address in to if address]
    if not recipients:
        return
    _queue(
        to=recipients,
        subject=subject,
        body=body,
        attachments=list(attachments),
        headers=unsubscribe_headers(unsubscribe_url) if unsubscribe_url else {},
    )


def unsubscribe_headers(url: str) -> Mapping[str, str]:
    """RFC 2369 and RFC 8058: a one-click unsubscribe that mail programs offer."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
