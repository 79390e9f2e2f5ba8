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


def test_compound_parts_from_the_shipped_word_list():
    from search.text import compound_parts, searchable_stems, word_stems

    assert compound_parts("energieschuld") == ("energie", "schuld")
    assert compound_parts("kinderen") == ("kind",)
    assert compound_parts("kind") == ()  # shorter than a compound
    assert word_stems("energieschuld") == ("energieschuld", "energie", "schuld")
    # The stems in order for phrases, then the parts' stems after "|".
    assert searchable_stems("Energieschuld en kinderen") == (
        " energieschuld kinder | energie schuld kind "
    )


def test_each_distinct_word_is_analysed_once_in_a_bounded_cache():
    from search.text import STEM_CACHE_SIZE, searchable_stems, word_stems

    word_stems.cache_clear()
    for _ in range(3):
        searchable_stems("schulden woningen schulden energieschuld")

    assert word_stems.cache_info().misses == 3  # schulden, woningen, energieschuld
    assert word_stems.cache_info().maxsize == stem_word.cache_info().maxsize == STEM_CACHE_SIZE
    assert STEM_CACHE_SIZE <= 100_000
