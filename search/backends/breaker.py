"""A circuit breaker in front of the external search engine (Elasticsearch or OpenSearch).

Without it, every search during an outage waits the full client timeout before the
database engine answers. With it:

- closed: calls go to the engine; a failure (no connection, a timeout, an error answer)
  opens the breaker;
- open: for `SEARCH_BREAKER_COOLOFF` seconds every call fails at once with `BreakerOpen`
  (one of the errors that count as "unavailable"), so searches go to the database engine
  without waiting;
- half open: after the cool-off exactly one caller at a time is let through as a probe;
  its success closes the breaker, its failure opens it for another cool-off.

So no search waits for the timeout more than once per cool-off. The state is per process
(thread-safe: `make run` and gunicorn serve with threads); each worker process finds out
for itself, at the cost of one timeout per cool-off.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

from django.conf import settings

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half_open"


class BreakerOpen(Exception):
    """The engine failed recently; it is not asked until the cool-off has passed."""


def cooloff_seconds() -> float:
    return float(getattr(settings, "SEARCH_BREAKER_COOLOFF", 30))


class CircuitBreaker:
    def __init__(self, *, clock=time.monotonic) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._state = CLOSED
        self._opened_at_clock: float | None = None
        self._probing = False
        self.opened_at: datetime | None = None
        self.last_error = ""

    # -- reading ---------------------------------------------------------------------------
    @property
    def state(self) -> str:
        with self._lock:
            if self._state == OPEN and self._cooled_off():
                return HALF_OPEN
            return self._state

    @property
    def retry_at(self) -> datetime | None:
        """When the next probe may go (None when closed)."""
        with self._lock:
            if self._state == CLOSED or self.opened_at is None:
                return None
            return datetime.fromtimestamp(self.opened_at.timestamp() + cooloff_seconds(), UTC)

    def _cooled_off(self) -> bool:
        return (
            self._opened_at_clock is not None
            and self._clock() - self._opened_at_clock >= cooloff_seconds()
        )

    # -- deciding --------------------------------------------------------------------------
    def allow(self) -> bool:
        """May this call go to the engine? Closed: yes. Open: no, until the cool-off has
        passed; then yes for one probe at a time."""
        with self._lock:
            if self._state == CLOSED:
                return True
            if self._probing or not self._cooled_off():
                return False
            self._probing = True
            self._state = HALF_OPEN
            return True

    def record_success(self) -> None:
        with self._lock:
            self._state = CLOSED
            self._probing = False
            self._opened_at_clock = None
            self.opened_at = None
            self.last_error = ""

    def record_failure(self, error: BaseException | str) -> None:
        with self._lock:
            self._state = OPEN
            self._probing = False
            self._opened_at_clock = self._clock()
            self.opened_at = datetime.now(UTC)
            self.last_error = str(error)[:500]

    def release_probe(self) -> None:
        """A call let through ended without saying anything about the engine (a bug
        before the request, a consumer that stopped reading): a probe gives its turn
        back, so the next call may probe; a closed breaker stays closed."""
        with self._lock:
            if self._probing:
                self._probing = False
                self._state = OPEN  # still cooled off: the next allow() probes again

    def reset(self) -> None:
        """Closed, as at start (tests; an operator after fixing the engine)."""
        self.record_success()


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def engine_breaker(url: str | None = None) -> CircuitBreaker:
    """The breaker of the engine at `url` (default: the configured engine) in this
    process, shared by its threads."""
    if url is None:
        from . import engine_kind, engine_url_for  # noqa: PLC0415 (the package imports us)

        url = engine_url_for(engine_kind())
    with _breakers_lock:
        breaker = _breakers.get(url)
        if breaker is None:
            breaker = _breakers[url] = CircuitBreaker()
        return breaker


def reset_breakers() -> None:
    """Close every breaker of this process (tests; after an operator fixed the engine)."""
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.reset()
