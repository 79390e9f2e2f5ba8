"""allauth's mails through the helpline's outbox: sign-up, verification and password reset
answer at once when the mail server is down, and the mail goes out when it is back.

The accounts app (kernel) cannot use the helpline (a feature), so the shell composes
them: this adapter is the accounts adapter (names, portal name, equal-time sign-up) with
one change, the message is put in the outbox instead of being sent in the request.
settings.ACCOUNT_ADAPTER points here.
"""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMessage

from portal.accounts.adapter import AccountAdapter
from portal.helpline.services import account_mail_add


class _OutboxMessage:
    """Looks like the EmailMessage allauth renders; sending means queueing."""

    def __init__(self, message: EmailMessage) -> None:
        self.message = message

    def send(self, fail_silently: bool = False) -> int:
        account_mail_add(
            to=list(self.message.to),
            subject=str(self.message.subject),
            body=str(self.message.body),
        )
        return 1


class PortalAccountAdapter(AccountAdapter):
    def render_mail(self, *args: Any, **kwargs: Any) -> _OutboxMessage:
        return _OutboxMessage(super().render_mail(*args, **kwargs))
