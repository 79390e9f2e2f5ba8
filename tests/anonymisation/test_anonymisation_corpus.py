"""The guard against the generated corpus: recall per kind and false positives on clean
case texts. The figures are printed in the pytest output (`pytest -s` not needed)."""

from __future__ import annotations

import time
from collections import Counter

from portal.anonymisation import PersonalDataKind, find_personal_data

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


def _overlaps(a: dict, start: int, end: int) -> bool:
    return a["start"] < end and start < a["end"]


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


def test_recall_per_kind_and_false_positives(corpus: list[dict], capsys) -> None:  # noqa: ANN001
    started = time.perf_counter()
    results = {record["id"]: find_personal_data(record["text"]) for record in corpus}
    elapsed = time.perf_counter() - started

    labelled, recalled, reported, spurious = Counter(), Counter(), Counter(), Counter()
    missed: list[str] = []
    false_positives: list[str] = []
    clean_texts = 0
    for record in corpus:
        findings = results[record["id"]]
        if not record["findings"]:
            clean_texts += 1
            if findings:
                false_positives.append(
                    f"{record['id']}: {[(f.kind.value, f.text) for f in findings]}"
                )
            continue
        for label in record["findings"]:
            labelled[label["kind"]] += 1
            if any(f.kind == label["kind"] and _overlaps(label, f.start, f.end) for f in findings):
                recalled[label["kind"]] += 1
            else:
                missed.append(f"{record['id']} {label['kind']}: {label['text']!r}")
        for finding in findings:
            reported[finding.kind.value] += 1
            if not any(
                label["kind"] == finding.kind and _overlaps(label, finding.start, finding.end)
                for label in record["findings"]
            ):
                spurious[finding.kind.value] += 1

    recall = {kind: recalled[kind] / labelled[kind] for kind in labelled}
    fp_rate = len(false_positives) / clean_texts
    with capsys.disabled():
        print("\n\nAnonymisation guard on the generated corpus")
        print(f"{'kind':<12}{'labelled':>9}{'found':>7}{'recall':>8}{'precision':>11}")
        for kind in REQUIRED_RECALL:
            precision = 1 - spurious[kind] / reported[kind] if reported[kind] else 1.0
            print(
                f"{kind:<12}{labelled[kind]:>9}{recalled[kind]:>7}"
                f"{recall[kind]:>8.3f}{precision:>11.3f}"
            )
        print(
            f"clean texts: {clean_texts}, with a finding: {len(false_positives)} "
            f"({fp_rate:.1%}); {len(corpus)} texts in {elapsed:.2f} s "
            f"({elapsed / len(corpus) * 1000:.2f} ms/text)"
        )
        for line in false_positives + missed:
            print("  ", line)

    for kind, required in REQUIRED_RECALL.items():
        assert recall[kind] >= required, (kind, recall[kind], missed)
    assert fp_rate <= MAX_CLEAN_FALSE_POSITIVE_RATE, false_positives
