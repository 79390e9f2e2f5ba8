"""Privacy-aware counts of published cases.

The rule (the casebook page, the cases API and the impact page all follow it):

- When a **region or year filter is active**, a count of published cases that is at least
  1 and below `settings.CASEBOOK_MIN_COUNT` (default 3) is not shown as a number but as
  "minder dan 3". This holds for the result total and for every facet value's count, so
  that narrowing a region or year down with further filters (a domain, a law, an
  outcome) cannot single out a household. Zero stays zero: it points at no one.
- A **free text that names a region** ("zwolle schulden") counts as a region filter:
  region names are searchable text, so such a query narrows to that region too.
- The counts in the **region and year facets** are protected always: each one counts the
  cases of one region or year with the other filters (a domain, a law), the same number
  that choosing that region or year would withhold.
- Otherwise, without a region or year filter, counts are shown as they are (they cover
  the whole casebook).
- The **results themselves are still listed**, also when there are fewer than the
  threshold: the cases are published and anonymised, and each one already shows its
  region and year; only the counts that would describe a small group are withheld. The
  impact page, whose figures are sums over the selection, withholds its amounts when the
  selection holds fewer cases than the threshold (see casebook.impact).

The API answers a withheld count as `{"count": null, "count_label": "minder dan 3"}`
(a shown one as `{"count": 12, "count_label": "12"}`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from portal.core.money import format_number

from ..models import Region

DEFAULT_MIN_COUNT = 3


def min_count() -> int:
    """The smallest count shown as a number while a region or year filter is active."""
    return max(1, int(getattr(settings, "CASEBOOK_MIN_COUNT", DEFAULT_MIN_COUNT)))


_WORD = re.compile(r"\w+")


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def query_names_region(q: str) -> bool:
    """Whether the free text names a region ("zwolle", "schulden Den Haag"): region
    names are searchable text, so such a query narrows to a region like the filter."""
    query = _words(q or "")
    if not query:
        return False
    padded = f" {query} "
    return any(
        f" {name} " in padded
        for name in (_words(name) for name in Region.objects.values_list("name", flat=True))
        if name
    )


def counts_protected(*, region: object = (), year: object = (), q: str = "") -> bool:
    """Whether counts must be protected: a region or a year filter is active, or the
    free text names a region (`query_names_region`)."""
    return bool(region) or bool(year) or query_names_region(q)


#: Facets whose every count is narrowed to one region or one year.
NARROWING_FACETS = frozenset({"region", "year"})


def facet_counts_protected(*, param: str, protected: bool) -> bool:
    """Whether the counts of the facet `param` must be protected: always for the region
    and year facets, otherwise when a region or year filter is active (`protected`)."""
    return protected or param in NARROWING_FACETS


@dataclass(frozen=True)
class ShownCount:
    """A count as the visitor sees it: the number, or None when it is withheld."""

    value: int | None
    label: str

    @property
    def withheld(self) -> bool:
        return self.value is None

    def as_json(self) -> dict:
        return {"count": self.value, "count_label": self.label}

    def __str__(self) -> str:
        return self.label


def count_withheld(count: int, *, protected: bool) -> bool:
    """Whether `count` is hidden: protected, and between 1 and the threshold (exclusive)."""
    return protected and 0 < count < min_count()


def shown_count(count: int, *, protected: bool) -> ShownCount:
    """`count` as shown: "minder dan 3" when withheld, else the number in Dutch notation."""
    if count_withheld(count, protected=protected):
        return ShownCount(value=None, label=_("minder dan %(number)s") % {"number": min_count()})
    return ShownCount(value=count, label=format_number(count))
