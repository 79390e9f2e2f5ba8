"""Fixtures for the accounts tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and used TOTP codes live in the cache: start every test clean."""
    cache.clear()
    yield
    cache.clear()


class _DeliveredOutbox:
    """Django's test mailbox, read after the portal's outbox has been delivered.

    Account mails wait in the outbox (portal.shell.account_adapter) until the request's
    transaction commits, and a test runs inside one transaction; reading the mailbox
    sends what waits, as the task does after a real commit."""

    def __init__(self, outbox: list) -> None:
        self._outbox = outbox

    def _delivered(self) -> list:
        from portal.helpline.services import outgoing_mail_send_pending  # noqa: PLC0415

        outgoing_mail_send_pending(include_waiting=True)
        return self._outbox

    def __len__(self) -> int:
        return len(self._delivered())

    def __getitem__(self, index: int):  # noqa: ANN204
        return self._delivered()[index]

    def __iter__(self):  # noqa: ANN204
        return iter(self._delivered())

    def __eq__(self, other: object) -> bool:
        return self._delivered() == other

    __hash__ = None  # type: ignore[assignment]

    def clear(self) -> None:
        self._delivered().clear()


@pytest.fixture
def mailoutbox(mailoutbox):  # noqa: ANN001, ANN201 - pytest-django's, delivered first
    return _DeliveredOutbox(mailoutbox)
