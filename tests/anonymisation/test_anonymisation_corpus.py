"""The guard against the generated corpus: recall per kind and false positives on clean
case texts. The figures are printed in the pytest output (`pytest -s` not needed)."""

from __future__ import annotations

from collections import Counter

from portal.anonymisation import PersonalDataKind

REQUIRED_RECALL = {
    "bsn": 1.0,
    "iban": 1.0,
    "email": 1.0,
    "phone": 1.0,
    "postcode": 1.0,
    "name": 0.95,
    "birth_date": 0.95,
    "address": 0.95,
}
MAX_CLEAN_FALSE_POSITIVE_RATE = 0.03


def test_committed_corpus_matches_its_generator(
    corpus: list[dict], generated_corpus: list[dict]
) -> None:
    assert corpus == generated_corpus, "run `python tests/anonymisation/corpus_generate.py`"


def test_corpus_size_and_spread(corpus: list[dict]) -> None:
    personal = [r for r in corpus if r["findings"]]
    clean = [r for r in corpus if not r["findings"]]
    assert len(personal) >= 500
    assert len(clean) >= 200
    per_kind = Counter(f["kind"] for r in personal for f in r["findings"])
    assert set(per_kind) == {k.value for k in PersonalDataKind}
    assert min(per_kind.values()) >= 50


def test_recall_per_kind_and_false_positives(
    corpus: list[dict],
    measure,  # noqa: ANN001
    capsys,  # noqa: ANN001
) -> None:
    result = measure(corpus)
    with capsys.disabled():
        print(result.report("Anonymisation guard on the generated corpus"))

    for kind, required in REQUIRED_RECALL.items():
        assert result.recall(kind) >= required, (kind, result.missed)
    assert result.false_positive_rate <= MAX_CLEAN_FALSE_POSITIVE_RATE, result.false_positives
