"""Checking course folders in tests: every diagnostic formatted, and one-place edits of a source."""

from __future__ import annotations

from pathlib import Path

from builder.build import check_course
from builder.errors import CourseError


def problems_of(root: Path, lang: str = "en") -> list[str]:
    """Every diagnostic of a course, formatted in a language (errors if any, else warnings)."""
    try:
        _, warnings = check_course(root)
    except CourseError as exc:
        return [d.format(lang) for d in exc.diagnostics]
    return [d.format(lang) for d in warnings]


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a source file, failing if it is not there."""
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
