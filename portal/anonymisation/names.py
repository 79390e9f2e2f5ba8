"""Person names beyond a first-name pseudonym.

A case may call its client by a first name ("Anika", "Mohammed"): that is the usual
pseudonym. A first name with a surname ("Anika de Vries"), a title with a surname
("mevrouw Jansen", "dhr. Bakker", "de heer El Amrani"), initials with a surname
("J. de Boer") or an interfix with a surname ("de Vries") identify a person.

deduce finds the candidate spans and tells which words are known first names or
surnames; the rules below decide which spans are more than a pseudonym.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import deduce_engine
from .findings import PersonalDataFinding, PersonalDataKind

# Word classes inside a candidate span.
TITLE, INITIAL, INTERFIX, FIRST, SURNAME, UNKNOWN, STOP = "T", "I", "X", "F", "S", "U", "-"

_TITLES = {
    "mevrouw",
    "mevr",
    "mw",
    "mej",
    "meneer",
    "mijnheer",
    "dhr",
    "heer",
    "familie",
    "fam",
    "gezin",
    "dr",
    "drs",
    "mr",
    "ir",
    "ing",
    "prof",
}
_INTERFIXES = {
    "van",
    "de",
    "der",
    "den",
    "het",
    "'t",
    "’t",
    "ten",
    "ter",
    "te",
    "in",
    "op",
    "el",
    "al",
    "la",
    "le",
    "du",
    "da",
    "di",
    "dos",
    "das",
    "von",
    "zu",
    "vd",
    "v/d",
    "ben",
    "bin",
    "abu",
}
# Words that are never part of a person's name here: function words that start a
# sentence, roles, months, laws and organisations that cases name.
_NOT_NAMES = {
    *"""
    toen daarna volgens omdat nadat sinds samen ook maar want dus daarom verder uiteindelijk
    inmiddels vervolgens tijdens doordat hoewel wanneer als zodra bovendien intussen
    gelukkig helaas eerst later nu toch dan hier daar waar wat wie hoe zowel niet geen
    alleen zelf met voor na door bij tot per namens dankzij ondanks zonder tegen naast
    tussen via aldus beide iedereen niemand zij hij ze haar zijn hun het de een deze dit
    die dat wij we jij je u ik mijn onze ons jullie elke ieder iedere alle veel weinig
    meer minder vandaag gisteren morgen sindsdien daardoor daarbij daarmee daarvoor
    hierdoor hiermee hierbij waardoor waarbij waarmee terwijl zoals maar of en noch
    klantmanager casemanager wijkcoach consulent cliënt client moeder vader zoon dochter
    broer zus oma opa tante oom buurvrouw buurman huisarts hulpverlener jongere inwoner
    inwoonster bewoner bewoonster kind kinderen gezin familie collega team wijkteam
    buurtteam schuldhulpverlener beleidsmedewerker jurist medewerker medewerkster
    januari februari maart april mei juni juli augustus september oktober november december
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    wmo wlz zvw jeugdwet participatiewet wsnp awb ioaw ioaz bbz tozo
    gemeente stichting raad rechtbank belastingdienst toeslagen dienst instituut waarden
    publieke pluswijken ggd uwv cak svb cjg duo ind sociale verzekeringsbank
    wet regeling besluit artikel lid hoofdstuk leger heils
    """.split()
}
_LAW_SUFFIXES = ("wet", "regeling", "besluit", "verordening", "beleid", "team", "loket")

_WORD = re.compile(r"[^\W\d_](?:[\w'’]*[^\W_])?\.?|['’]t\b")
_INITIALS = re.compile(r"^(?:[A-Z]\.?){1,4}$|^(?:[A-Z]\.){1,4}[A-Z]?$")
# Titles deduce does not combine ("familie Jansen", "gezin Yilmaz", "de heer Öztürk"):
# a title, optional initials and interfixes, then a capitalised word.
_TITLED = re.compile(
    r"\b(?:[Ff]amilie|[Ff]am\.|[Gg]ezin|[Mm]evrouw|[Mm]evr\.|[Mm]w\.|[Dd]e heer|[Dd]hr\.|[Mm]eneer"
    r"|[Mm]ijnheer)\s+(?:(?:[A-Z]\.){1,4}\s?)?"
    r"(?:(?:[Vv]an|[Dd]e|der|den|ten|ter|te|[Ee]l|[Aa]l|'t|’t)\s+){0,3}"
    r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý]?[a-zà-ÿ'’]+)?"
)
_FAMILY_TITLES = re.compile(r"^(?:[Ff]amilie|[Ff]am\.|[Gg]ezin)\b")


def _in_lookup(lookup: object, word: str) -> bool:
    node = lookup.children.get(word)  # type: ignore[attr-defined]
    return node is not None and node.is_terminal


def _classify(word: str, lookups: dict) -> str:
    bare = word.rstrip(".")
    lower = bare.lower()
    if lower in _TITLES:
        return TITLE
    if lower in _INTERFIXES and (not word[0].isupper() or word in {"De", "Van", "El", "Al"}):
        return INTERFIX
    if _INITIALS.match(word) and (word.endswith(".") or len(bare) <= 3):
        return INITIAL
    if lower in _NOT_NAMES or lower.endswith(_LAW_SUFFIXES) or not word[0].isupper():
        return STOP
    if _in_lookup(lookups["surname"], bare):
        return SURNAME
    if _in_lookup(lookups["first_name"], bare):
        return FIRST
    if _in_lookup(lookups["placename"], bare):
        return STOP
    return UNKNOWN


def _is_person(classes: list[str]) -> bool:
    """Whether a sequence of word classes is more than a first-name pseudonym."""
    for i, cls in enumerate(classes):
        j = i + 1
        while j < len(classes) and classes[j] == INTERFIX:
            j += 1
        following = classes[j] if j < len(classes) else None
        if cls == TITLE and following in {SURNAME, UNKNOWN, INITIAL}:
            return True  # mevrouw Jansen, dhr. J. Bakker, de heer El Amrani
        if cls == INITIAL and following in {SURNAME, UNKNOWN, FIRST}:
            return True  # J. de Boer
        if cls in {FIRST, SURNAME} and following in {SURNAME, UNKNOWN, FIRST}:
            return True  # Anika de Vries, Mohammed Yilmaz
        if cls == INTERFIX and (i == 0 or classes[i - 1] != INTERFIX):
            if following in {SURNAME, UNKNOWN}:
                return True  # de Vries, van den Berg
    return False


_PLACE_PREPOSITION = re.compile(r"\b(?:in|naar|uit|te|bij|rond|richting|vanuit)\s+$")


def _is_place_after_preposition(text: str, start: int, words: list[tuple[str, int, int]]) -> bool:
    """A capitalised "De", "Den" or "Het" right after "in", "naar", "uit" … starts a place
    name (De Bilt, Den Haag, Het Gooi); a person is "naar mevrouw De Vries"."""
    if not words or words[0][0] not in {"De", "Den", "Het"}:
        return False
    return _PLACE_PREPOSITION.search(text[max(0, start - 12) : start]) is not None


def _is_family_of_first_name(words: list[tuple[str, int, int]], lookups: dict) -> bool:
    """'gezin van Fatima', 'familie van Mohammed': a family title, a lowercase "van" and a
    known first name name the family after its pseudonym, not after a surname."""
    if len(words) != 3 or not _FAMILY_TITLES.match(words[0][0]) or words[1][0] != "van":
        return False
    return _in_lookup(lookups["first_name"], words[2][0])


def find_names(text: str) -> Iterator[PersonalDataFinding]:
    annotations = deduce_engine.annotate(text)
    lookups = deduce_engine.get_engine().lookup_structs
    candidates = [(s, e) for s, e, _, tag in annotations if "+" in tag]
    candidates += [m.span() for m in _TITLED.finditer(text)]

    found: list[tuple[int, int]] = []
    for start, end in candidates:
        words = [
            (m.group(), start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])
        ]
        classes = [_classify(w, lookups) for w, _, _ in words]
        if _is_place_after_preposition(text, start, words):
            continue  # "verhuisde naar De Bilt", "woont in Den Haag Zuidwest"
        if _is_family_of_first_name(words, lookups):
            continue  # "het gezin van Fatima": "van" is a preposition, Fatima a pseudonym
        if _FAMILY_TITLES.match(text[start:end]) and len(classes) > 1:
            # "familie Kok": after a family title even a first name or a word is a surname
            classes[0] = TITLE
            if classes[-1] in {FIRST, STOP}:
                classes[-1] = SURNAME
        if not _is_person(classes):
            continue
        # Trim leading/trailing words that are not part of the name.
        keep = [i for i, c in enumerate(classes) if c != STOP]
        first_kept = keep[0]
        last_kept = keep[-1]
        found.append((words[first_kept][1], words[last_kept][2]))

    for start, end in _merge(found):
        yield PersonalDataFinding(PersonalDataKind.NAME, start, end, text[start:end])


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
