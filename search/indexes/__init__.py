"""Index definitions: what goes into an index and how its documents are built.

One definition per index (name, the queryset of visible content, a generator of plain
documents); every backend stores the same documents in its own way.
"""

from .cases import CASE_INDEX, CaseIndex

__all__ = ["CASE_INDEX", "CaseIndex"]
