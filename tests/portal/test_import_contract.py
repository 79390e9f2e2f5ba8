"""The import layers (pyproject.toml, [tool.importlinter]) hold, and a back edge breaks
them: the lint stage of `make test` would fail on it.

Each check runs `lint-imports` on a copy of the project's packages, so the deliberate
back edges never touch the working tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("portal", "casebook", "learning", "search")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("layers")
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            copy / package,
            ignore=shutil.ignore_patterns("__pycache__", "templates", "static", "*.json*"),
        )
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own tool, fixed arguments)
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=where,
        env={**os.environ, "PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def with_edges(project_copy: Path, edges: list[tuple[str, str]], tmp_path: Path) -> Path:
    """A second copy with each (module path, import line) appended."""
    copy = tmp_path / "copy"
    shutil.copytree(project_copy, copy)
    for module, line in edges:
        target = copy / module
        target.write_text(target.read_text() + f"\n{line}  # a deliberate back edge\n")
    return copy


def test_the_project_keeps_every_contract(project_copy: Path) -> None:
    result = lint_imports(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("edges", "contract"),
    [
        # The search app importing an app it serves.
        ([("search/text.py", "import casebook.models")], "search imports no app"),
        # Content importing a feature: the casebook reaching into the learning environment.
        ([("casebook/costs.py", "import learning.models")], "never import the learning"),
        # The kernel importing the shell.
        ([("portal/core/money.py", "import portal.shell.feeds")], "Layers"),
        # A circle between two apps of the same layer under portal/.
        (
            [
                ("portal/standards/selectors.py", "import portal.insights.models"),
                ("portal/insights/selectors.py", "import portal.standards.selectors"),
            ],
            "No circles between the apps",
        ),
    ],
)
def test_a_back_edge_breaks_the_contract(
    project_copy: Path, tmp_path: Path, edges: list[tuple[str, str]], contract: str
) -> None:
    result = lint_imports(with_edges(project_copy, edges, tmp_path))
    assert result.returncode != 0
    assert contract in result.stdout.split("Broken contracts", 1)[-1]
