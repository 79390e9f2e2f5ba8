"""The import's shortcuts change nothing that is found: the guard checks a repeated text
once per import with the same messages, and the search text's normalisation gives
what it gave before for any text."""

from __future__ import annotations

import random
import unicodedata

import pytest

from casebook.factories import RegionFactory
from casebook.importing import CaseImportError, ImportTimings, case_import
from search.text import normalise
from tests.casebook.test_case_import import make_record

pytestmark = pytest.mark.django_db


def _normalise_before(text: str) -> str:
    """normalise as it was: every character tested."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def test_normalise_is_unchanged_for_ascii_accents_and_any_unicode():
    rng = random.Random(7)
    texts = [
        "",
        "Gewone tekst ZONDER accenten 123",
        "Cliënt coördineert € 1.200,00 café naïef Ærø ŁÓDŹ ﬁ ½ Ⅻ İstanbul ß ǅ",
        "e\u0301 getypt met een losse accent",
    ]
    texts += [
        "".join(
            chr(
                rng.choice(
                    [rng.randint(32, 126), rng.randint(0x300, 0x36F), rng.randint(160, 0x2FFF)]
                )
            )
            for _ in range(40)
        )
        for _ in range(2000)
    ]
    assert [normalise(text) for text in texts] == [_normalise_before(text) for text in texts]


def test_a_repeated_text_is_checked_once_and_refused_in_every_record(index):
    RegionFactory(name="Zwolle")
    bsn = "Haar BSN is 123456782."
    records = [make_record(f"Casus {n}", engagement=bsn) for n in range(3)]
    timings = ImportTimings()
    with pytest.raises(CaseImportError) as raised:
        case_import(records=records, parent=index, timings=timings)

    refused = [(issue.record, issue.field) for issue in raised.value.errors]
    assert refused == [(1, "engagement"), (2, "engagement"), (3, "engagement")]
    messages = {issue.message for issue in raised.value.errors}
    assert len(messages) == 1 and "BSN" in next(iter(messages))
    # The three titles differ; every other text repeats and is checked once.
    assert timings.guard_checks == timings.guard_texts // 3 + 2
