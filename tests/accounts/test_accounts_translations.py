"""The portal's own catalogue (locale/nl/LC_MESSAGES/django.po): the committed .mo says
what the .po says, every override still names a text allauth has, and allauth's Dutch as
the portal serves it says "je", never "u" or "uw"."""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES"
ALLAUTH_PO = Path(allauth.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"
COMPILE = "msgfmt --check -o locale/nl/LC_MESSAGES/django.mo locale/nl/LC_MESSAGES/django.po"
#: Formal address and its abbreviations; the portal says "je" and "jouw".
FORMAL = re.compile(r"\b(?:u|uw|U|Uw|UW)\b|a\.u\.b\.|alstublieft", re.IGNORECASE)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")
#: allauth's parts the portal does not use (no social login, no identity provider, no
#: headless API, no session list) and the Django admin (not installed).
UNUSED = re.compile(
    r"^(?:socialaccount|idp|headless|usersessions|templates/(?:socialaccount|openid|idp|"
    r"usersessions)|account/admin\.py|.*/providers/)"
)


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (the header too): msgctxt, msgid, msgid_plural, msgstr
    and msgstr[n] over one or more lines, flags and references; obsolete entries (#~)
    are left out."""
    entries: list[Entry] = []
    current, key = Entry(), None

    def finish() -> None:
        nonlocal current, key
        if key is not None:
            entries.append(current)
        current, key = Entry(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if key is not None and key[0] == "msgstr":
                finish()
            if line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#:"):
                current.references.extend(line[2:].split())
            continue
        if line.startswith('"'):
            name, index = key
            value = ast.literal_eval(line)
            if name == "msgstr":
                current.msgstr[index] += value
            else:
                setattr(current, name, getattr(current, name) + value)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgctxt" or (keyword == "msgid" and key is not None and key[0] != "msgctxt"):
            finish()
        value = ast.literal_eval(rest)
        if keyword.startswith("msgstr"):
            key = ("msgstr", int(keyword[7:-1]) if keyword != "msgstr" else 0)
            current.msgstr[key[1]] = value
        else:
            key = (keyword, 0)
            setattr(current, keyword, value)
    finish()
    return entries


def catalogue_key(entry: Entry, index: int) -> str | tuple[str, int]:
    """How Python's gettext keys an entry in a compiled catalogue."""
    msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
    return (msgid, index) if entry.msgid_plural is not None else msgid


def portal_entries() -> list[Entry]:
    return [entry for entry in read_po(CATALOGUE / "django.po") if entry.msgid]


def test_the_committed_mo_file_is_compiled_from_the_po_file():
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        catalog = dict(gettext.GNUTranslations(compiled)._catalog)
    catalog.pop("", None)  # the header
    expected = {
        catalogue_key(entry, index): text
        for entry in portal_entries()
        if "fuzzy" not in entry.flags
        for index, text in entry.msgstr.items()
        if text
    }
    assert catalog == expected, f"django.mo is out of date with django.po: run `{COMPILE}`"


def test_every_override_names_a_text_that_allauth_still_has():
    """After an allauth upgrade a changed English text would leave our Dutch unused."""
    known = {(entry.msgctxt, entry.msgid) for entry in read_po(ALLAUTH_PO)}
    stale = [e.msgid for e in portal_entries() if (e.msgctxt, e.msgid) not in known]
    assert stale == []


def test_overrides_keep_the_placeholders_and_say_je():
    for entry in portal_entries():
        for text in entry.msgstr.values():
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(entry.msgid)), (
                entry.msgid
            )
            assert not FORMAL.search(text), text
            assert "python-format" in entry.flags or "%(" not in entry.msgid


def allauth_texts_in_use() -> list[Entry]:
    return [
        entry
        for entry in read_po(ALLAUTH_PO)
        if entry.msgid and not all(UNUSED.match(ref) for ref in entry.references)
    ]


def test_allauths_dutch_as_the_portal_serves_it_never_says_u_or_uw():
    entries = allauth_texts_in_use()
    assert len(entries) > 200  # the reader found allauth's catalogue
    formal = []
    with translation.override("nl"):
        for entry in entries:
            if entry.msgctxt is not None:
                continue
            if entry.msgid_plural is not None:
                texts = [translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
            else:
                texts = [translation.gettext(entry.msgid)]
            formal += [text for text in texts if FORMAL.search(text)]
    assert formal == []


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("Password successfully changed.", "Je wachtwoord is gewijzigd."),
        (
            "You cannot remove your primary email address (%(email)s).",
            "Je kunt je primaire e-mailadres (%(email)s) niet verwijderen.",
        ),
    ],
)
def test_the_portals_catalogue_comes_before_allauths(english, dutch):
    with translation.override("nl"):
        assert translation.gettext(english) == dutch
