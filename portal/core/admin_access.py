"""Whether a user may use Wagtail's admin, remembered between requests.

Every page shows Wagtail's user bar to editors. To decide, the `wagtailuserbar` tag asks
`user.has_perm("wagtailadmin.access_admin")`: two queries (the user's own permissions and
their groups') on every page a logged-in learner reads, for a bar they never see. The
answer is kept in Django's cache per user, under a *permissions generation* that
changes whenever a user's groups or permissions, or a group's permissions, change (and
it lives at most ten minutes), so a new editor sees the bar on their next page. The
admin itself checks permissions as always: this decides only whether the bar is drawn.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete

from .page_cache import generation_renew, generation_token

GENERATION_KEY = "portal:admin-access:v1:generation"
TIMEOUT = 10 * 60


def may_use_admin(user: Any) -> bool:
    """`user.has_perm("wagtailadmin.access_admin")`, without a query while nothing
    about permissions changed."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    key = f"portal:admin-access:v1:{generation_token(GENERATION_KEY)}:{user.pk}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, TIMEOUT)
    return bool(allowed)


def _permissions_changed(**_kwargs: Any) -> None:
    generation_renew(GENERATION_KEY)


def admin_access_connect() -> None:
    """Connect the signals that start a new permissions generation (CoreConfig.ready)."""
    uid = "portal.core.admin_access"
    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            _permissions_changed, sender=through, dispatch_uid=f"{uid}.{through.__name__}"
        )
    # A deleted group takes its members' rows with it without an m2m signal. (A user's
    # own flags, superuser and active, are read from the user on each request.)
    post_delete.connect(_permissions_changed, sender=Group, dispatch_uid=f"{uid}.group.deleted")
