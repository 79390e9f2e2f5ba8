"""search.text: Dutch stems, the same from every thread of the server."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

from search.text import query_stems, stem_word, stemmed_text, stems

# Words whose stems differ in length and ending, so a stemmer whose state is shared
# between threads gives visibly wrong stems (or an IndexError).
WORDS = (
    "schulden woningen kinderen bijzondere bijstand uitkeringen afspraken wachtlijsten "
    "schuldhulpverlening energieleveranciers huurachterstanden zorgverzekeraars "
    "gemeentelijke maatwerkvoorzieningen belemmeringen doorbraken"
).split()


def test_plural_and_singular_share_a_stem():
    assert stems("schulden woningen") == stems("schuld woning")
    assert stemmed_text("De schulden") == " schuld "
    assert query_stems("schulden schuld Schulden") == ["schuld"]


def test_many_threads_stem_like_one():
    texts = [" ".join(itertools.islice(itertools.cycle(WORDS), n, n + 40)) for n in range(60)]
    expected = [stems(text) for text in texts]

    stem_word.cache_clear()  # every thread stems for itself, not from the cache
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(stems, texts * 4))

    assert results == expected * 4
