"""How search is doing, for the health endpoint and the admin dashboard.

The database engine is always there. An external engine (Elasticsearch, OpenSearch) is
asked with a short ping (unless its circuit breaker is open), and its index outbox is
counted. When the engine is down, or updates have waited longer than
`SEARCH_OUTBOX_DEGRADED_AFTER` seconds (300), search is "degraded": searches still work
(they come from the database when the engine is down) and the backlog is applied by
itself once the engine is back, so the site is not down.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from .backends import get_backend, has_engine
from .outbox import EMPTY_STATS, OutboxStats, outbox_stats

#: Seconds the health check waits for the engine.
PING_TIMEOUT = 1.0
UP = "up"


def degraded_after_seconds() -> float:
    return float(getattr(settings, "SEARCH_OUTBOX_DEGRADED_AFTER", 300))


def _outbox(stats: OutboxStats) -> dict[str, int | None]:
    return {
        "pending": stats.pending,
        "failing": stats.failing,
        "oldest_pending_age_seconds": stats.oldest_age_seconds(timezone.now()),
    }


def search_health() -> dict:
    """{"engine": "database" | "elasticsearch" | "opensearch", "status": "ok" | "degraded",
    "engine_state": "up" | "down" | "breaker_open", "outbox": {"pending": n, "failing": n,
    "oldest_pending_age_seconds": s | None}}. Raises DatabaseError when the database
    cannot be read (the health endpoint answers 503 then)."""
    if not has_engine():
        return {
            "engine": "database",
            "status": "ok",
            "engine_state": UP,
            "outbox": _outbox(EMPTY_STATS),
        }
    backend = get_backend()
    stats = outbox_stats()
    engine_state = backend.engine_status(timeout=PING_TIMEOUT)
    age = stats.oldest_age_seconds(timezone.now())
    lagging = age is not None and age > degraded_after_seconds()
    return {
        "engine": backend.name,
        "status": "degraded" if engine_state != UP or lagging else "ok",
        "engine_state": engine_state,
        "outbox": _outbox(stats),
    }
