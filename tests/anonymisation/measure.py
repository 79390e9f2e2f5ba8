"""Recall per kind and false positives of the guard on a labelled corpus: one measurement
for both corpora (the generated one and the one written by hand)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from portal.anonymisation import PersonalDataKind, find_personal_data

KINDS = [kind.value for kind in PersonalDataKind]


def _overlaps(label: dict, start: int, end: int) -> bool:
    return label["start"] < end and start < label["end"]


@dataclass
class Measurement:
    labelled: Counter = field(default_factory=Counter)
    recalled: Counter = field(default_factory=Counter)
    reported: Counter = field(default_factory=Counter)
    spurious: Counter = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    clean_texts: int = 0
    texts: int = 0
    seconds: float = 0.0

    def recall(self, kind: str) -> float:
        return self.recalled[kind] / self.labelled[kind] if self.labelled[kind] else 1.0

    @property
    def false_positive_rate(self) -> float:
        return len(self.false_positives) / self.clean_texts if self.clean_texts else 0.0

    def report(self, title: str) -> str:
        lines = [
            f"\n\n{title}",
            f"{'kind':<12}{'labelled':>9}{'found':>7}{'recall':>8}{'precision':>11}",
        ]
        for kind in KINDS:
            reported = self.reported[kind]
            precision = 1 - self.spurious[kind] / reported if reported else 1.0
            lines.append(
                f"{kind:<12}{self.labelled[kind]:>9}{self.recalled[kind]:>7}"
                f"{self.recall(kind):>8.3f}{precision:>11.3f}"
            )
        lines.append(
            f"clean texts: {self.clean_texts}, with a finding: {len(self.false_positives)} "
            f"({self.false_positive_rate:.1%}); {self.texts} texts in {self.seconds:.2f} s "
            f"({self.seconds / max(self.texts, 1) * 1000:.2f} ms/text)"
        )
        lines.extend(f"   {line}" for line in self.false_positives + self.missed)
        return "\n".join(lines)


def measure(corpus: list[dict]) -> Measurement:
    """Run the guard over every text of `corpus` and compare with its labels: a label is
    recalled when a finding of the same kind overlaps it."""
    result = Measurement(texts=len(corpus))
    started = time.perf_counter()
    found = {record["id"]: find_personal_data(record["text"]) for record in corpus}
    result.seconds = time.perf_counter() - started
    for record in corpus:
        findings = found[record["id"]]
        if not record["findings"]:
            result.clean_texts += 1
            if findings:
                result.false_positives.append(
                    f"{record['id']}: {[(f.kind.value, f.text) for f in findings]}"
                )
            continue
        for label in record["findings"]:
            result.labelled[label["kind"]] += 1
            if any(f.kind == label["kind"] and _overlaps(label, f.start, f.end) for f in findings):
                result.recalled[label["kind"]] += 1
            else:
                result.missed.append(f"{record['id']} {label['kind']}: {label['text']!r}")
        for finding in findings:
            result.reported[finding.kind.value] += 1
            if not any(
                label["kind"] == finding.kind and _overlaps(label, finding.start, finding.end)
                for label in record["findings"]
            ):
                result.spurious[finding.kind.value] += 1
    return result
