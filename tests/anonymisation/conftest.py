"""Fixtures of the anonymisation guard's tests: the generated corpus and its generator.

The corpus (`corpus.jsonl`, 560 texts with personal data and 240 without) is written by
`python tests/anonymisation/corpus_generate.py` with a fixed seed; a test checks that the
committed file equals what the generator writes.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent


def _load(name: str) -> ModuleType:
    """A module next to this file (the tests folders are not packages)."""
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _generator() -> ModuleType:
    return _load("corpus_generate")


@pytest.fixture(scope="session")
def measure() -> Callable[[list[dict]], Any]:
    """measure(corpus) -> Measurement: recall per kind and false positives (measure.py)."""
    return _load("measure").measure


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    """The committed corpus: {"id", "text", "findings": [{"kind", "start", "end", "text"}]}."""
    with (HERE / "corpus.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="module")
def generated_corpus() -> list[dict]:
    """What the generator writes now (same seed, so equal to the committed file)."""
    return _generator().generate()
