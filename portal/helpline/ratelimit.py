"""A small fixed-window rate limiter on Django's cache, for the helpline forms.

django-ratelimit refuses local-memory caches in its system check; this limiter works on
any cache backend. With the embedded default (LocMemCache) each server process counts
for itself, which is enough for one process; with more than one process or server set
REDIS_URL, so that every process shares the counters (see README, "Configuratie").

Limits are settings: HELPLINE_RATE_LIMITS = {"ip": (count, seconds), "user": (count, seconds)}.
Only submissions that would be stored count (a form with typing errors costs nothing).
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


def rate_limit_exceeded(*, request: HttpRequest, now: float | None = None) -> bool:
    """True when this client has used up its submissions for the current window."""
    now = time.time() if now is None else now
    limits = _limits()
    for scope, identity in _identities(request):
        count, window = limits[scope]
        if (cache.get(_cache_key(scope, identity, window, now)) or 0) >= count:
            return True
    return False


def rate_limit_record(*, request: HttpRequest, now: float | None = None) -> None:
    """Count one submission for this client (per address and per account)."""
    now = time.time() if now is None else now
    limits = _limits()
    for scope, identity in _identities(request):
        _count, window = limits[scope]
        key = _cache_key(scope, identity, window, now)
        cache.add(key, 0, timeout=window + 1)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window + 1)
