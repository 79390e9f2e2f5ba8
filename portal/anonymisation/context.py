"""Context words: whether a number or date sits next to words that make it personal data.

An elfproef-valid nine-digit number or a date is only personal data in the right context
(the elfproef alone accepts about 9% of random nine-digit numbers, and most dates in a
case are dates of events). These helpers look at a short window around a match.
"""

from __future__ import annotations

import re

#: Words that announce a citizen service number (BSN) or its predecessor (sofinummer).
BSN_CONTEXT_BEFORE = re.compile(
    r"(?:\bbsn|burger\s?service\s?nummer|\bsofi(?:[-\s]?nummer|[-\s]?nr\.?)?)"
    r"(?:[\s:.,()\-]|\b(?:is|was|nr|nummer|van|de|het|zijn|haar|zoon|dochter|moeder|vader)\b){0,12}$",
    re.IGNORECASE,
)
BSN_CONTEXT_AFTER = re.compile(r"^[\s)]*\(?\s*(?:bsn|burgerservicenummer|sofinummer)\b", re.I)

#: Words that announce a date of birth ("geboren op", "geb.", "geboortedatum:", "*").
BIRTH_CONTEXT_BEFORE = re.compile(
    r"(?:\bgeboren|\bgeb\.(?:\s?datum)?|\bgeboortedatum|\bgeboortedag|\bd\.d\.\s?geboorte"
    r"|\bborn|\bdob\b|\bgeb\b)(?:[^.!?\n\d]|d\.d\.){0,30}$"
    r"|\*\s?$",
    re.IGNORECASE,
)

#: Words right before a number that make it money, not an identifier or a phone number.
MONEY_BEFORE = re.compile(r"(?:€|\beur|\beuro|\bEUR)\s*$", re.IGNORECASE)
MONEY_AFTER = re.compile(r"^\s*(?:,[\d-]|euro\b|eur\b)", re.IGNORECASE)

POSTCODE_CONTEXT_BEFORE = re.compile(r"\bpostcode\b[\s:]{0,3}$", re.IGNORECASE)


def window_before(text: str, start: int, size: int = 60) -> str:
    return text[max(0, start - size) : start]


def window_after(text: str, end: int, size: int = 30) -> str:
    return text[end : end + size]


def has_bsn_context(text: str, start: int, end: int) -> bool:
    return bool(
        BSN_CONTEXT_BEFORE.search(window_before(text, start))
        or BSN_CONTEXT_AFTER.search(window_after(text, end))
    )


def has_birth_context(text: str, start: int) -> bool:
    return bool(BIRTH_CONTEXT_BEFORE.search(window_before(text, start, 45)))


def looks_like_money(text: str, start: int, end: int) -> bool:
    return bool(
        MONEY_BEFORE.search(window_before(text, start, 8))
        or MONEY_AFTER.search(window_after(text, end, 8))
    )


def has_postcode_context(text: str, start: int) -> bool:
    return bool(POSTCODE_CONTEXT_BEFORE.search(window_before(text, start, 15)))
