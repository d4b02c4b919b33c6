"""The builder stays ruff-clean and mypy --strict clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
BIN = Path(sys.executable).parent


def test_ruff_finds_nothing_in_the_builder() -> None:
    result = subprocess.run([str(BIN / "ruff"), "check", "builder"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing_in_the_builder() -> None:
    result = subprocess.run([str(BIN / "mypy"), "builder"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
