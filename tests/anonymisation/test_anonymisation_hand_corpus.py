"""The guard against a second corpus written by hand, independently of the generator and of
the detectors: sentences in the voice of case writers, helpline questions and learners'
reflections (corpus_hand.jsonl). Recall per kind and false positives are printed in the
pytest output."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from portal.anonymisation import PersonalDataKind

HERE = Path(__file__).resolve().parent
REQUIRED_RECALL = {
    "bsn": 1.0,
    "iban": 1.0,
    "email": 1.0,
    "phone": 1.0,
    "postcode": 1.0,
    "name": 0.95,
    "birth_date": 0.95,
}
MAX_FALSE_POSITIVE_RATE = 0.03


@pytest.fixture(scope="module")
def hand_corpus() -> list[dict]:
    with (HERE / "corpus_hand.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_hand_corpus_is_large_enough_and_labelled_exactly(hand_corpus: list[dict]) -> None:
    with_data = [r for r in hand_corpus if r["findings"]]
    without = [r for r in hand_corpus if not r["findings"]]
    assert len(with_data) >= 150
    assert len(without) >= 150
    assert {r["voice"] for r in hand_corpus} == {"case", "helpline", "reflection"}
    per_kind = Counter(f["kind"] for r in with_data for f in r["findings"])
    assert set(per_kind) == {kind.value for kind in PersonalDataKind}
    for record in with_data:
        for label in record["findings"]:
            assert record["text"][label["start"] : label["end"]] == label["text"], record["id"]


def test_recall_per_kind_and_false_positives_on_the_hand_corpus(
    hand_corpus: list[dict],
    measure,  # noqa: ANN001
    capsys,  # noqa: ANN001
) -> None:
    result = measure(hand_corpus)
    with capsys.disabled():
        print(result.report("Anonymisation guard on the hand-written corpus"))

    recall = {kind: result.recall(kind) for kind in REQUIRED_RECALL}
    assert all(recall[kind] >= required for kind, required in REQUIRED_RECALL.items()), (
        recall,
        result.missed,
    )
    assert result.false_positive_rate <= MAX_FALSE_POSITIVE_RATE, result.false_positives
