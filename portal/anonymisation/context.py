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

#: "geboren" after the date, in the same sentence: "12-03-1984 geboren", "is op 3 mei
#: 1990 in Zwolle geboren".
BIRTH_CONTEXT_AFTER = re.compile(r"^[^.!?\n\d]{0,25}\b(?:geboren|geb\.)", re.IGNORECASE)

#: A person right before a complete date makes it their date of birth: "vader
#: 03-03-1979", "zoon Thijs (04/07/2011)", "dhr. Groen (1964-08-17)", "jongere van 19
#: (22-12-2006)". A role word followed directly by the date, or by a few words and an
#: opening parenthesis or comma; "moeder heeft sinds 12-03-2024 een baan" stays an event.
_PERSON_WORDS = (
    r"vader|moeder|zoon|dochter|kind|baby|jongere|broer|zus|oma|opa|partner|echtgenoot"
    r"|echtgenote|cli[eë]nte?|pati[eë]nte?|mevrouw|mevr|mw|meneer|mijnheer|dhr|heer"
)
PERSON_BEFORE_DATE = re.compile(
    rf"\b(?:{_PERSON_WORDS})\b\.?(?:\s+|[^.!?\n]{{0,22}}[(,]\s*)$", re.IGNORECASE
)
#: A complete date: day, month and a four-digit year (or ISO).
COMPLETE_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2}")

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


def has_birth_context(text: str, start: int, end: int) -> bool:
    if BIRTH_CONTEXT_BEFORE.search(window_before(text, start, 45)):
        return True
    if BIRTH_CONTEXT_AFTER.search(window_after(text, end, 35)):
        return True
    return bool(
        COMPLETE_DATE.fullmatch(text[start:end])
        and PERSON_BEFORE_DATE.search(window_before(text, start, 40))
    )


def looks_like_money(text: str, start: int, end: int) -> bool:
    return bool(
        MONEY_BEFORE.search(window_before(text, start, 8))
        or MONEY_AFTER.search(window_after(text, end, 8))
    )


def has_postcode_context(text: str, start: int) -> bool:
    return bool(POSTCODE_CONTEXT_BEFORE.search(window_before(text, start, 15)))
