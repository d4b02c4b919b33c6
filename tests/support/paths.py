"""Where the harness finds its own files."""

from __future__ import annotations

from pathlib import Path


def tests_dir() -> Path:
    """Return the repository's tests/ directory."""
    return Path(__file__).resolve().parent.parent


def harness_dir() -> Path:
    """Return tests/harness/, which holds the LMS pages."""
    return tests_dir() / "harness"


def artifacts_dir() -> Path:
    """Return tests/artifacts/ (git-ignored), creating it if needed."""
    path = tests_dir() / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def node_modules() -> Path:
    """Return tests/js/node_modules/, failing clearly when `npm ci` was not run."""
    path = tests_dir() / "js" / "node_modules"
    if not (path / "scorm-again").is_dir() or not (path / "axe-core").is_dir():
        raise RuntimeError(f"{path} is missing scorm-again or axe-core: run `npm ci` in tests/js")
    return path
