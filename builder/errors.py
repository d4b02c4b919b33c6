"""Diagnostics: every problem found in a course, with the place it was found."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .model import Location


class Severity(str, Enum):
    """How bad a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where, what code, what message, and a hint when a fix is known."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        """Render as `path:line:col: severity[code]: message` plus an optional hint line."""
        where = self.path
        if self.line:
            where += f":{self.line}:{max(self.col, 1)}"
        text = f"{where}: {self.severity.value}[{self.code}]: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


def error(loc: Location, code: str, message: str, hint: str = "") -> Diagnostic:
    """An error at a source location."""
    return Diagnostic(loc.path, loc.line, loc.col, Severity.ERROR, code, message, hint)


def warning(loc: Location, code: str, message: str, hint: str = "") -> Diagnostic:
    """A warning at a source location."""
    return Diagnostic(loc.path, loc.line, loc.col, Severity.WARNING, code, message, hint)


def has_errors(diagnostics: list[Diagnostic], strict: bool = False) -> bool:
    """True when the diagnostics stop a build (warnings count too when strict)."""
    return any(d.severity is Severity.ERROR or strict for d in diagnostics)


class CourseError(Exception):
    """Raised when a course cannot be built; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s) in the course")
        self.diagnostics = sorted(diagnostics)
