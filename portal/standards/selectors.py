"""Reads of standards: which versions are current, and what replaced what.

"Current" means live, public, and not superseded by a live, public newer version: a
newer version restricted to logged-in users does not hide the older one from the public.
Every function runs a fixed number of queries, whatever the number of standards.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from wagtail.models import Page

from .models import StandardPage


def _live_successors(outer_ref: str = "pk") -> QuerySet[StandardPage]:
    return StandardPage.objects.live().public().filter(supersedes=OuterRef(outer_ref))


def standard_list_current(*, index: Page | None = None) -> QuerySet[StandardPage]:
    """Live, public standards that no live standard supersedes, ordered by title.

    Pass `index` to limit the list to the children of one standards index page.
    """
    queryset = (
        StandardPage.objects.live()
        .public()
        .filter(~Exists(_live_successors()))
        .order_by("title", "pk")
    )
    if index is not None:
        queryset = queryset.child_of(index)
    return queryset


def standard_is_current(*, standard: StandardPage) -> bool:
    """Whether a standard is live and public and no live standard supersedes it."""
    return standard_list_current().filter(pk=standard.pk).exists()


def standard_successor(*, standard: StandardPage) -> StandardPage | None:
    """The live, public standard that replaces this one ("vervangen door"), or None.

    Validation allows one successor per standard; should there be more (data from before
    that rule), the one with the latest effective date wins.
    """
    if standard.pk is None:
        return None
    return (
        StandardPage.objects.live()
        .public()
        .filter(supersedes=standard)
        .order_by("-effective_date", "-first_published_at", "-pk")
        .first()
    )


def standard_predecessor(*, standard: StandardPage) -> StandardPage | None:
    """The older version this standard replaces ("vervangt"), if it is still live.

    A withdrawn (unpublished) older version is not linked: its address would not work.
    """
    if standard.supersedes_id is None:
        return None
    return StandardPage.objects.live().public().filter(pk=standard.supersedes_id).first()
