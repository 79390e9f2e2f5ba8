"""The anonymisation guard: find personal data in what people write before it is stored.

    >>> find_personal_data("Anika (BSN 111222333) woont aan de Kerkstraat 12.")
    [PersonalDataFinding(kind='bsn', ...), PersonalDataFinding(kind='address', ...)]

A first name alone is allowed (cases use first-name pseudonyms). Exact checks (elfproef,
IBAN mod-97) and context words keep amounts, years, dates of events, ages and law
articles out. Names come from deduce (see deduce_engine for its install-time cache).
"""

from __future__ import annotations

from .findings import KIND_LABELS, PersonalDataFinding, PersonalDataKind
from .guard import find_personal_data

__all__ = ["KIND_LABELS", "PersonalDataFinding", "PersonalDataKind", "find_personal_data"]
