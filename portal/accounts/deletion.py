"""What deleting an account deletes besides what cascades from the user.

Rows that name a person but are not tied to the account with `on_delete=CASCADE` (kept
with SET_NULL so that others' work survives, or matched by e-mail address) belong to the
app that owns them. It registers a deleter in its `AppConfig.ready()`::

    register_account_deleter("hulplijn", submissions_delete_for_user)

`account_delete` runs every deleter in its transaction, before the user goes.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser

#: Takes the user, deletes what names them, returns how many records it deleted.
Deleter = Callable[[AbstractBaseUser], int]

_deleters: dict[str, Deleter] = {}


def register_account_deleter(name: str, func: Deleter) -> None:
    if name in _deleters and _deleters[name] is not func:
        raise ValueError(f"An account deleter named {name!r} is already registered.")
    _deleters[name] = func


def registered_account_deleters() -> dict[str, Deleter]:
    return dict(_deleters)
