"""A small fixed-window rate limiter on Django's cache, for the helpline forms.

django-ratelimit refuses local-memory caches in its system check; this limiter works on
any cache backend. With the embedded default (LocMemCache) each server process counts
for itself, which is enough for one process; with more than one process or server set
REDIS_URL, so that every process shares the counters (see README, "Configuratie").

Limits are settings: HELPLINE_RATE_LIMITS = {"ip": (count, seconds), "user": (count, seconds)}.
Only submissions that would be stored count (a form with typing errors costs nothing).

A submission takes its place with one atomic increment (`rate_limit_take`) and is let
through only when the new count is within the limit: checking first and counting
afterwards let 40 parallel submissions through a limit of 10. The local-memory cache
increments under a lock; Redis increments atomically across processes.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "ip": (10, 60 * 60),  # 10 submissions an hour from one address
    "user": (5, 60 * 60),  # 5 an hour from one account
}
_PREFIX = "helpline:ratelimit"


def _limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "HELPLINE_RATE_LIMITS", {})}


def _cache_key(scope: str, identity: str, window: int, now: float) -> str:
    # Hash the identity: no IP addresses or user ids in cache keys (Redis in production).
    digest = hashlib.sha256(f"{scope}:{identity}".encode()).hexdigest()[:32]
    return f"{_PREFIX}:{scope}:{digest}:{int(now // window)}"


def client_ip(request: HttpRequest) -> str:
    """The client's address, decided the way allauth decides it for the login limits.

    Without trusted proxies (setting TRUSTED_PROXY_COUNT = 0, the default) that is
    REMOTE_ADDR and a forwarded header is ignored. Behind N proxies that each append to
    X-Forwarded-For, it is the N-th address from the right: the one the outermost proxy
    saw, which a client cannot forge (addresses further left can be).
    """
    from allauth.account.adapter import get_adapter  # noqa: PLC0415

    try:
        return get_adapter(request).get_client_ip(request) or "unknown"
    except (PermissionDenied, ImproperlyConfigured):
        # No address, or fewer forwarded addresses than trusted proxies: a request
        # that did not come through the proxies. Count it by what the server saw.
        return request.META.get("REMOTE_ADDR", "") or "unknown"


def _identities(request: HttpRequest) -> list[tuple[str, str]]:
    identities = [("ip", client_ip(request))]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        identities.append(("user", str(user.pk)))
    return identities


def _take(key: str, window: int) -> int:
    """Count one more under `key` (atomically) and return the new count."""
    cache.add(key, 0, timeout=window + 1)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: this is the first of a new window
        cache.add(key, 0, timeout=window + 1)
        return cache.incr(key)


def rate_limit_take(*, request: HttpRequest, now: float | None = None) -> bool:
    """Count one submission for this client (per address and per account); True when it
    is within every limit, False when the client has used up its submissions."""
    now = time.time() if now is None else now
    limits = _limits()
    within = True
    for scope, identity in _identities(request):
        count, window = limits[scope]
        if _take(_cache_key(scope, identity, window, now), window) > count:
            within = False
    return within
