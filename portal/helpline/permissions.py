"""Who may see helpline submissions in the admin: only holders of
`helpline.handle_submission` (granted to the Hulplijn group by migration 0002).

Editors, moderators and team leads have admin access but not this permission, so the
inbox, the report and every submission stay closed to them (NOTES.md: Wagtail form
submissions would otherwise be readable by anyone who may edit the form page).
Superusers pass Django's permission checks and see the inbox too.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

HANDLE_PERMISSION = "helpline.handle_submission"
HANDLE_CODENAME = "handle_submission"

#: Actions a helpline handler may take in the admin. Nobody adds submissions there.
ALLOWED_ACTIONS = frozenset({"view", "change", "delete", "export"})


def user_can_handle_helpline(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(HANDLE_PERMISSION))


class HelplinePermissionPolicy(BaseDjangoAuthPermissionPolicy):
    def user_has_permission(self, user, action):  # noqa: ANN001, ANN201 - Wagtail's signature
        return action in ALLOWED_ACTIONS and user_can_handle_helpline(user=user)

    def users_with_any_permission(self, actions):  # noqa: ANN001, ANN201
        if not set(actions) & ALLOWED_ACTIONS:
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames([HANDLE_CODENAME])
