"""Reads of standards: which versions are current, and what replaced what.

"Current" means live, public, and not superseded by a live, public newer version: a
newer version restricted to logged-in users does not hide the older one from the public.
The rules are shared with plan templates (`portal.core.versioning`); every function
runs a fixed number of queries, whatever the number of standards.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page

from portal.core.versioning import (
    version_is_current,
    version_list_current,
    version_predecessor,
    version_successor,
)

from .models import StandardPage


def standard_list_current(*, index: Page | None = None) -> QuerySet[StandardPage]:
    """Live, public standards that no live standard supersedes, ordered by title.

    Pass `index` to limit the list to the children of one standards index page.
    """
    return version_list_current(model=StandardPage, index=index)


def standard_is_current(*, standard: StandardPage) -> bool:
    """Whether a standard is live and public and no live standard supersedes it."""
    return version_is_current(page=standard)


def standard_successor(*, standard: StandardPage) -> StandardPage | None:
    """The live, public standard that replaces this one ("vervangen door"), or None.

    Validation allows one successor per standard; should there be more (data from before
    that rule), the one with the latest effective date wins.
    """
    return version_successor(page=standard)


def standard_predecessor(*, standard: StandardPage) -> StandardPage | None:
    """The older version this standard replaces ("vervangt"), if it is still live.

    A withdrawn (unpublished) older version is not linked: its address would not work.
    """
    return version_predecessor(page=standard)
