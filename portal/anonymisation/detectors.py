"""Pattern detectors with exact checks: BSN, date of birth, phone, e-mail, IBAN, address,
postcode. Names live in names.py (they need deduce's lookup lists).

Each detector takes the text and yields findings; find_personal_data() merges them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError
from stdnum.nl import bsn as stdnum_bsn

from .context import (
    has_birth_context,
    has_bsn_context,
    has_postcode_context,
    looks_like_money,
)
from .findings import PersonalDataFinding, PersonalDataKind

# --- BSN -------------------------------------------------------------------------------

# Nine digits, plain or in the usual groupings: 1112.22.333, 1112 22 333, 111.222.333,
# 111 222 333, 111-222-333, 11.12.22.333. Eight digits (old numbers without the leading
# zero) only count with a context word.
_BSN = re.compile(
    r"(?<![\w.,/€+-])"
    r"(?P<num>\d{9}|\d{8}"
    r"|\d{4}(?P<sep4>[ .])\d{2}(?P=sep4)\d{3}"
    r"|\d{3}(?P<sep>[ .-])\d{3}(?P=sep)\d{3}"
    r"|\d{2}\.\d{2}\.\d{2}\.\d{3})"
    r"(?![\w+]|[.,/-]\d)"
)
# A nine-digit number that passes the elfproef is treated as a BSN even without a
# context word: a helpline question "kun je 123456782 nakijken?" holds one, and the
# amounts, dates, phone numbers and case numbers people write do not look like it
# (money is recognised by its context; phone numbers have ten digits).
_BSN_TYPICAL_FORMAT = re.compile(
    r"\d{9}|\d{4}[ .]\d{2}[ .]\d{3}|\d{3}[ -]\d{3}[ -]\d{3}|\d{3}\.\d{3}\.\d{3}"
)


def find_bsns(text: str) -> Iterator[PersonalDataFinding]:
    for match in _BSN.finditer(text):
        raw = match.group("num")
        digits = re.sub(r"\D", "", raw)
        if not stdnum_bsn.is_valid(digits.zfill(9)) or set(digits) == {"0"}:
            continue
        start, end = match.span("num")
        if looks_like_money(text, start, end):
            continue
        context = has_bsn_context(text, start, end)
        typical = len(digits) == 9 and _BSN_TYPICAL_FORMAT.fullmatch(raw) is not None
        if context or typical:
            yield PersonalDataFinding(PersonalDataKind.BSN, start, end, raw)


# --- Date of birth ---------------------------------------------------------------------

_MONTHS = (
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|january|february|march|may|june|july|august|october"
    r"|jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec"
)
_DATE = re.compile(
    r"(?<![\w.,/-])(?:"
    r"(?:0?[1-9]|[12]\d|3[01])(?P<sep>[-/.])(?:0?[1-9]|1[0-2])(?P=sep)(?:(?:19|20)\d{2}|'?\d{2})"
    r"|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    rf"|(?:0?[1-9]|[12]\d|3[01])(?:e|ste|de)?\s(?:{_MONTHS})\.?(?:\s(?:(?:19|20)\d{{2}}|'\d{{2}}))?"
    r")(?![\w/-]|\.\d)",
    re.IGNORECASE,
)


def find_birth_dates(text: str) -> Iterator[PersonalDataFinding]:
    for match in _DATE.finditer(text):
        start, end = match.span()
        if has_birth_context(text, start, end):
            yield PersonalDataFinding(PersonalDataKind.BIRTH_DATE, start, end, match.group())


# --- Phone numbers ---------------------------------------------------------------------

_SEP = r"[ \-.]?"
_PHONE = re.compile(
    r"(?<![\w+€.,/])(?:"
    # +31 6 12345678, 0031 (0)10 1234567, +31-10-123 45 67
    rf"(?:\+|00)31{_SEP}(?:\(0\){_SEP})?[1-9](?:{_SEP}\d){{8}}"
    # other countries: +32 470 12 34 56, +49 30 12345678, 0049 151 23456789
    rf"|(?:\+|00)(?!31)[1-9]\d{{0,2}}{_SEP}(?:\(0\){_SEP})?\d(?:{_SEP}\d){{6,11}}"
    # Dutch national: (010) 123 45 67, (0575) 12 34 56
    r"|\(0[1-9]\d\)\s?\d(?:[ \-]?\d){6}"
    r"|\(0[1-9]\d{2}\)\s?\d(?:[ \-]?\d){5}"
    # Dutch national: 06-12345678, 06 1234 5678, 010-1234567, 0575 123456
    # ... and with a spaced dash after the area code: 06 - 2938 4471, 0591 - 612 445
    r"|0[1-9](?:(?:\s-\s|[ \-])?\d){8}"
    r")(?![\w]|[.,]\d)"
)
# Something that is a date rather than a phone number: 01-02-2025 10 ...
_DATE_LIKE = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b")


def find_phones(text: str) -> Iterator[PersonalDataFinding]:
    for match in _PHONE.finditer(text):
        raw = match.group()
        if _DATE_LIKE.match(raw):
            continue
        start, end = match.span()
        if looks_like_money(text, start, end):
            continue
        yield PersonalDataFinding(PersonalDataKind.PHONE, start, end, raw)


# --- E-mail ----------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.%+-]+\s?(?:@|\[at\]|\(at\))\s?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b"
)


def find_emails(text: str) -> Iterator[PersonalDataFinding]:
    for match in _EMAIL.finditer(text):
        start, end = match.span()
        yield PersonalDataFinding(PersonalDataKind.EMAIL, start, end, match.group())


# --- IBAN ------------------------------------------------------------------------------

_IBAN = re.compile(r"(?<![\w])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{1,4}){3,9}(?![\w])")


def _iban_is_valid(compact: str) -> bool:
    """mod-97 check plus the country's length and BBAN structure (any country)."""
    try:
        stdnum_iban.validate(compact, check_country=False)
    except ValidationError:
        return False
    return True


def find_ibans(text: str) -> Iterator[PersonalDataFinding]:
    for match in _IBAN.finditer(text):
        raw = match.group()
        # The pattern is greedy: "NL91 ABNA 0417 1643 00 en" takes " en" too. Try the
        # longest candidate that passes the mod-97 check, shortening group by group.
        parts = raw.split(" ")
        for size in range(len(parts), 0, -1):
            candidate = " ".join(parts[:size])
            compact = candidate.replace(" ", "").upper()
            if len(compact) >= 15 and _iban_is_valid(compact):
                start = match.start()
                yield PersonalDataFinding(
                    PersonalDataKind.IBAN, start, start + len(candidate), candidate
                )
                break


# --- Street address --------------------------------------------------------------------

STREET_SUFFIXES = (
    "straat",
    "str.",
    "laan",
    "weg",
    "plein",
    "singel",
    "gracht",
    "kade",
    "dijk",
    "hof",
    "pad",
    "steeg",
    "dreef",
    "markt",
    "baan",
    "dam",
    "wal",
    "plantsoen",
    "boulevard",
    "park",
    "erf",
    "hoven",
    "veld",
    "haven",
    "burcht",
    "oord",
    "zijde",
    "kamp",
    "berg",
    "allee",
    "diep",
)
_SUFFIX_ALT = "|".join(re.escape(s) for s in sorted(STREET_SUFFIXES, key=len, reverse=True))
_SUFFIX_ALT_TITLE = "|".join(
    re.escape(s.capitalize()) for s in sorted(STREET_SUFFIXES, key=len, reverse=True)
)
# Words that end in a street suffix but are not streets.
_NOT_STREETS = {
    "onderweg",
    "halfweg",
    "blokkade",
    "barricade",
    "gerechtshof",
    "werkveld",
    "speelveld",
    "loopbaan",
    "spoorbaan",
    "achterban",
    "werkpad",
    "zorgpad",
    "leerpad",
    "aardbeving",
    "zandberg",
    "schuldenberg",
    "schuldberg",
    "achterstand",
    "rechterzijde",
    "voorzijde",
    "achterzijde",
    "buitenkant",
    "kinderopvang",
}
_ADDRESS = re.compile(
    r"(?P<street>(?:\b[A-ZÀ-Ý][\w'’-]*\s)?"
    rf"(?:\b[A-ZÀ-Ý][a-zà-ÿ'’-]*(?:{_SUFFIX_ALT})|\b(?:{_SUFFIX_ALT_TITLE})))"
    r"(?:\s(?:nr\.?|nummer)?\s?|\s)"
    r"(?P<number>[1-9]\d{0,4}"
    r"(?:[a-zA-Z]{1,2}\b|-\d{1,4}\b|-[a-zA-Z]{1,2}\b|\s[A-Z]\b(?!\.)|\s(?:bis|hs|huis|I{1,3}|zw)\b"
    r"|\s?-\s?bis\b|\s[A-Z]{1,2}\b)?)"
    r"(?![\w,.]\d|\w|\s?(?:%|procent|euro|jaar|maanden|weken|dagen|keer|kinderen|gezinnen))"
)
_STOP_QUALIFIERS = {
    "In",
    "Op",
    "Aan",
    "Het",
    "Een",
    "Bij",
    "Naar",
    "Via",
    "Uit",
    "Langs",
    "Over",
}


def find_addresses(text: str) -> Iterator[PersonalDataFinding]:
    for match in _ADDRESS.finditer(text):
        street = match.group("street")
        words = street.split()
        last = words[-1]
        if last.lower() in _NOT_STREETS:
            continue
        start = match.start("street")
        if len(words) == 2 and words[0] in _STOP_QUALIFIERS:
            words = words[1:]
            start = match.end("street") - len(last)
        # A bare suffix ("Gracht 12", "Dam 3") needs a capitalised qualifier before it.
        if last.lower().rstrip(".") in STREET_SUFFIXES and len(words) == 1:
            continue
        end = match.end("number")
        if looks_like_money(text, match.start("number"), end):
            continue
        yield PersonalDataFinding(PersonalDataKind.ADDRESS, start, end, text[start:end])


# --- Postcode --------------------------------------------------------------------------

_POSTCODE = re.compile(r"(?<![\w€.,/-])(?P<num>[1-9]\d{3})(?P<sp>\s?)(?P<let>[A-Za-z]{2})\b")
_NO_POSTCODE_LETTERS = {"SA", "SD", "SS"}
_DUTCH_TWO_LETTER_WORDS = set(
    "in op en de te om al er nu na zo ze je we of is ja ga ok uw bv nl eu vs ca pm am".split()
)


def find_postcodes(text: str) -> Iterator[PersonalDataFinding]:
    for match in _POSTCODE.finditer(text):
        letters = match.group("let")
        if letters.upper() in _NO_POSTCODE_LETTERS:
            continue
        start, end = match.span()
        if looks_like_money(text, start, match.end("num")):
            continue
        if letters.isupper():
            if text[end : end + 1] == "-":  # "2025 EU-subsidie": an abbreviation
                continue
        elif match.group("sp"):
            # "in 2023 de" is running text; "postcode 1234 ab" and "1234 ab Zwolle" are not.
            followed_by_place = re.match(r"\s{1,2}[A-Z][a-z]", text[end : end + 4])
            plausible = followed_by_place and letters.lower() not in _DUTCH_TWO_LETTER_WORDS
            if not (has_postcode_context(text, start) or plausible):
                continue
        elif not letters.islower():  # "1234Ab"
            continue
        yield PersonalDataFinding(PersonalDataKind.POSTCODE, start, end, match.group())
