"""Making the next version of a versioned page in one step ("Nieuwe versie maken").

The new version is a draft copy of the current one, made with Wagtail's own copy
machinery (`CopyPageAction`: child rows such as a template's sections come along, one
fresh revision, the "copy" entry in the history), placed beside it, with `supersedes`
pointing at it, the version number raised, today's effective date and an empty
"Wat is er veranderd" for the editor to fill before submitting it for review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.actions.copy_page import CopyPageAction
from wagtail.models import Page

from .models import VersionedPage
from .versioning import version_family, version_next_number, version_pending_successor


class VersionBlockedError(Exception):
    """A newer version (often a draft someone left behind) already replaces this page."""

    def __init__(self, blocker: Page) -> None:
        super().__init__(f"Version already replaced by page {blocker.pk}")
        self.blocker = blocker


@dataclass(frozen=True)
class NewVersionPlan:
    """What "Nieuwe versie maken" would make: shown on the confirmation page."""

    page: VersionedPage
    version: str


def version_can_create_next(*, page: Page, user: Any) -> bool:
    """Whether `user` may make a new version of `page`: the page type is versioned and the
    user may add that page type under the page's parent (editors, moderators, admins)."""
    if not issubclass(page.specific_class or type(page), VersionedPage):
        return False
    parent = page.get_parent()
    if parent is None:
        return False
    permissions = parent.permissions_for_user(user)
    return permissions.can_add_subpage() and page.specific_class.can_create_at(parent.specific)


def version_next_plan(*, page: VersionedPage) -> NewVersionPlan:
    """The version number the next version gets (past every number used in the family)."""
    taken = version_family(page=page).values_list("version", flat=True)
    return NewVersionPlan(page=page, version=version_next_number(version=page.version, taken=taken))


def _free_slug(*, parent: Page, base: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug = base
    counter = 2
    while slug in taken:
        slug = f"{base}-{counter}"
        counter += 1
    return slug


@transaction.atomic
def version_create_next(*, page: VersionedPage, user: Any) -> VersionedPage:
    """Make the next version of `page` as a draft beside it and return it (specific).

    Raises PermissionDenied when the user may not add such a page there, and
    VersionBlockedError when a newer version (live or draft) already replaces `page`.
    """
    page = type(page).objects.select_for_update().get(pk=page.pk)
    if not version_can_create_next(page=page, user=user):
        raise PermissionDenied
    blocker = version_pending_successor(page=page)
    if blocker is not None:
        raise VersionBlockedError(blocker)
    plan = version_next_plan(page=page)
    parent = page.get_parent()
    base_slug = page.slug
    old_suffix = "-" + slugify(page.version.replace(".", "-"))
    if page.version and base_slug.endswith(old_suffix):
        base_slug = base_slug.removesuffix(old_suffix)
    slug = _free_slug(parent=parent, base=f"{base_slug}-{slugify(plan.version.replace('.', '-'))}")
    copy = CopyPageAction(
        page=page,
        to=parent,
        update_attrs={
            "slug": slug,
            "version": plan.version,
            "supersedes": page,
            "effective_date": max(timezone.localdate(), page.effective_date),
            "changes": "",
        },
        copy_revisions=False,
        keep_live=False,
        user=user,
    ).execute(skip_permission_checks=True)
    return copy.specific
