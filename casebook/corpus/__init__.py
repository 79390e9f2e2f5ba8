"""A generated, labelled corpus of Dutch case sentences for the anonymisation guard.

`python -m casebook.corpus.generate` rewrites corpus.jsonl (fixed seed: same output).
All names, streets and numbers are made up; numbers are generated to pass their checks.
"""

from __future__ import annotations

import json
from pathlib import Path

CORPUS_PATH = Path(__file__).with_name("corpus.jsonl")


def load_corpus(path: Path = CORPUS_PATH) -> list[dict]:
    """The corpus records: {"id", "text", "findings": [{"kind", "start", "end", "text"}]}."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
