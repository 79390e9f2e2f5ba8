"""Versioned pages: a newer version is a new page that supersedes the older one.

Shared by standards (`standards.StandardPage`) and plan templates
(`learning.PlanTemplatePage`). A versioned page model has `supersedes` (a foreign key to
its own model, related name "successors"), `version` and `effective_date`.

"Current" means live, public, and not superseded by a live, public newer version: a
newer version restricted to logged-in users (or still a draft) does not hide the older
one from the public. Every function here runs a fixed number of queries, whatever the
number of versions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from wagtail.models import Page

from .page_cache import page_tree_cached

PageT = TypeVar("PageT", bound=Page)


@dataclass(frozen=True)
class VersionWording:
    """The words of the validation messages that name the kind of page.

    `cannot_replace_itself`: the whole sentence ("Een standaard kan zichzelf niet vervangen.").
    `this_page`: how the cycle message names the page being edited ("deze standaard").
    """

    cannot_replace_itself: str | Promise
    this_page: str | Promise


def _live_public(model: type[PageT]) -> QuerySet[PageT]:
    return model.objects.live().public()


def _live_successors(model: type[Page], outer_ref: str = "pk") -> QuerySet:
    return _live_public(model).filter(supersedes=OuterRef(outer_ref))


def version_list_current(
    *, model: type[PageT], index: Page | None = None, order_by: Iterable[str] = ("title", "pk")
) -> QuerySet[PageT]:
    """Live, public versions that no live, public version supersedes.

    Pass `index` to limit the list to the children of one index page.
    """
    queryset = _live_public(model).filter(~Exists(_live_successors(model))).order_by(*order_by)
    if index is not None:
        queryset = queryset.child_of(index)
    return queryset


def version_is_current(*, page: Page) -> bool:
    """Whether a version is live and public and no live, public version supersedes it."""
    return version_list_current(model=type(page)).filter(pk=page.pk).exists()


def version_successor(*, page: PageT) -> PageT | None:
    """The live, public version that replaces this one ("vervangen door"), or None.

    Validation allows one successor per version; should there be more (data from before
    that rule), the one with the latest effective date wins. Kept in the page-tree cache:
    what it depends on (publication, privacy, `supersedes`) changes only with the tree.
    """
    if page.pk is None:
        return None
    model = type(page)
    return page_tree_cached(
        f"version-successor:{model._meta.label_lower}:{page.pk}",
        lambda: (
            _live_public(model)
            .filter(supersedes=page.pk)
            .order_by("-effective_date", "-first_published_at", "-pk")
            .first()
        ),
    )


def version_predecessor(*, page: PageT) -> PageT | None:
    """The older version this one replaces ("vervangt"), if it is still live and public.

    A withdrawn (unpublished) older version is not linked: its address would not work.
    Kept in the page-tree cache, as the successor is.
    """
    if page.supersedes_id is None:
        return None
    model = type(page)
    older = page.supersedes_id
    return page_tree_cached(
        f"version-predecessor:{model._meta.label_lower}:{older}",
        lambda: _live_public(model).filter(pk=older).first(),
    )


def _family_graph(model: type[Page]) -> dict[int, int | None]:
    """{pk: supersedes_id} for every page of the model (one query; a model has tens of
    versioned pages, not thousands)."""
    return dict(model.objects.values_list("pk", "supersedes_id"))


def _successor_map(graph: dict[int, int | None]) -> dict[int, list[int]]:
    successors: dict[int, list[int]] = {}
    for pk, older in graph.items():
        if older is not None:
            successors.setdefault(older, []).append(pk)
    return successors


def _family_ids(graph: dict[int, int | None], start: int) -> set[int]:
    """Every pk connected to `start` through supersedes links, in either direction."""
    successors = _successor_map(graph)
    family: set[int] = set()
    todo = [start]
    while todo:
        pk = todo.pop()
        if pk in family:
            continue
        family.add(pk)
        older = graph.get(pk)
        if older is not None:
            todo.append(older)
        todo.extend(successors.get(pk, []))
    return family


def _newer_ids(graph: dict[int, int | None], start: int) -> set[int]:
    """`start` and every version that (directly or through others) replaces it."""
    successors = _successor_map(graph)
    found: set[int] = set()
    todo = [start]
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(successors.get(pk, []))
    return found


def version_family_ids(*, page: Page) -> set[int]:
    """The pks of all versions of this page (older and newer, in any state)."""
    if page.pk is None:
        return set()
    return _family_ids(_family_graph(type(page)), page.pk)


def version_family(*, page: PageT) -> QuerySet[PageT]:
    """All versions of this page, live or not, newest first (two queries)."""
    return (
        type(page)
        .objects.filter(pk__in=version_family_ids(page=page))
        .order_by("-effective_date", "-pk")
    )


def version_current(*, page: PageT) -> PageT | None:
    """The newest live, public version reached by following "vervangen door" from this
    page (the page itself when nothing newer is live), or None when neither the page nor
    anything newer is live and public.

    A withdrawn version in the middle of the chain does not break it: its successors
    are followed too.
    """
    if page.pk is None:
        return None
    newer = _newer_ids(_family_graph(type(page)), page.pk)
    return (
        _live_public(type(page))
        .filter(pk__in=newer)
        .filter(~Exists(_live_successors(type(page))))
        .order_by("-effective_date", "-first_published_at", "-pk")
        .first()
    )


def version_supersedes_validate(*, page: Page, wording: VersionWording) -> None:
    """Check the "vervangt" link of a version before it is saved.

    A version cannot replace itself, may only replace an older (or same-day) version,
    may not create a cycle, and a version can be replaced by one newer version only, so
    "vervangen door" stays unambiguous. Raises a ValidationError on `supersedes`, in Dutch.
    """
    older = page.supersedes
    if older is None:
        return
    if page.pk is not None and older.pk == page.pk:
        raise ValidationError({"supersedes": str(wording.cannot_replace_itself)})
    if (
        page.effective_date is not None
        and older.effective_date is not None
        and older.effective_date > page.effective_date
    ):
        raise ValidationError(
            {
                "supersedes": _(
                    "De vervangen versie (%(version)s) heeft een latere ingangsdatum "
                    "(%(date)s) dan deze versie. Kies een oudere versie of pas de "
                    "ingangsdatum aan."
                )
                % {"version": older.version, "date": date_format(older.effective_date, "j F Y")}
            }
        )
    # Walk the chain of older versions: this page may not appear in it (a cycle).
    seen: set[int] = set()
    current: Any = older
    while current is not None and current.pk not in seen:
        if page.pk is not None and current.supersedes_id == page.pk:
            raise ValidationError(
                {
                    "supersedes": _(
                        "Deze keuze maakt een kring: %(title)s vervangt (via andere versies) "
                        "%(this)s al."
                    )
                    % {"title": older.title, "this": wording.this_page}
                }
            )
        seen.add(current.pk)
        current = current.supersedes
    other = (
        type(page)
        .objects.filter(supersedes=older)
        .exclude(pk=page.pk)
        .only("title", "version", "live")
        .first()
    )
    if other is not None:
        message = _(
            "Versie %(version)s wordt al vervangen door %(title)s (versie "
            "%(other_version)s). Een versie kan maar door één nieuwere versie worden "
            "vervangen."
        ) % {"version": older.version, "title": other.title, "other_version": other.version}
        if not other.live:
            # Often a draft someone left behind: say where it is.
            message += " " + _(
                "Die versie is nog een concept: maak hem af of verwijder hem via %(url)s."
            ) % {"url": reverse("wagtailadmin_pages:edit", args=[other.pk])}
        raise ValidationError({"supersedes": message})


def version_next_number(*, version: str, taken: Iterable[str] = ()) -> str:
    """The number of the next version: the first number raised by one ("1.0" -> "2.0",
    "2.3" -> "3.0", "4" -> "5"), past any number already `taken` in the family. A version
    without a leading number gets "2.0"."""
    match = re.match(r"\s*(\d+)", version or "")
    major = int(match.group(1)) + 1 if match else 2
    used = {number.strip() for number in taken}
    with_minor = not match or "." in version
    while True:
        candidate = f"{major}.0" if with_minor else str(major)
        if candidate not in used:
            return candidate
        major += 1


def version_pending_successor(*, page: PageT) -> PageT | None:
    """Any version (live, draft or private) that already replaces this one, newest first.

    A version can be replaced by one newer version only, so such a page blocks making
    another new version: the editor finishes or deletes it first."""
    if page.pk is None:
        return None
    return type(page).objects.filter(supersedes=page.pk).order_by("-pk").first()


def version_changes_message(*, older: Page) -> str:
    """The Dutch message when "Wat is er veranderd" is empty on a version replacing `older`."""
    return _(
        "Vul in wat er is veranderd ten opzichte van versie %(version)s. Lezers van deze "
        "versie zien het bovenaan."
    ) % {"version": older.version}


def version_changes_validate(*, page: Page) -> None:
    """ "Wat is er veranderd" is required once a version replaces another (readers of the
    new version see it). Raises a ValidationError on `changes`, in Dutch."""
    if page.supersedes_id is not None and not (page.changes or "").strip():
        raise ValidationError({"changes": version_changes_message(older=page.supersedes)})
