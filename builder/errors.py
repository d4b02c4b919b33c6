"""Diagnostics: every problem found in a course, with the place it was found."""

from __future__ import annotations

from enum import Enum

from msgspec import Struct

from .messages import render
from .model import Location


class Severity(str, Enum):
    """How bad a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # a note that never stops anything, even with --strict


class Diagnostic(Struct, frozen=True, order=True):
    """One problem: where, what code, and the arguments of its message (see messages.py)."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    args: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str = "en") -> tuple[str, str]:
        """The message and hint in a language."""
        return render(self.code, dict(self.args), lang)

    @property
    def message(self) -> str:
        """The English message."""
        return self.text()[0]

    @property
    def hint(self) -> str:
        """The English hint ("" when no fix is known)."""
        return self.text()[1]

    def format(self, lang: str = "en") -> str:
        """Render as `path:line:col: severity[code]: message` plus an optional hint line."""
        message, hint = self.text(lang)
        where = self.path
        if self.line:
            where += f":{self.line}:{max(self.col, 1)}"
        code = self.code.removesuffix("-no-match")
        text = f"{where}: {self.severity.value}[{code}]: {message}"
        if hint:
            text += f"\n  hint: {hint}"
        return text


def _args(args: dict[str, object]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, str(v)) for k, v in args.items()))


def error(loc: Location, code: str, **args: object) -> Diagnostic:
    """An error at a source location."""
    return Diagnostic(loc.path, loc.line, loc.col, Severity.ERROR, code, _args(args))


def warning(loc: Location, code: str, **args: object) -> Diagnostic:
    """A warning at a source location."""
    return Diagnostic(loc.path, loc.line, loc.col, Severity.WARNING, code, _args(args))


def info(loc: Location, code: str, **args: object) -> Diagnostic:
    """A note at a source location: never an error, even with --strict."""
    return Diagnostic(loc.path, loc.line, loc.col, Severity.INFO, code, _args(args))


def has_errors(diagnostics: list[Diagnostic], strict: bool = False) -> bool:
    """True when the diagnostics stop a build (warnings count too when strict; notes never)."""
    return any(d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING)
               for d in diagnostics)


class CourseError(Exception):
    """Raised when a course cannot be built; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s) in the course")
        self.diagnostics = sorted(diagnostics)


class UsageError(Exception):
    """A usage mistake (exit 2): the command cannot run as asked; a message code and its values."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = _args(values)

    def text(self, lang: str = "en") -> str:
        """One line: the message, then its hint after a semicolon."""
        message, hint = render(self.code, dict(self.values), lang)
        return f"{message}; {hint}" if hint else message


# What the command line says about itself, not about a course: usage mistakes, waits and stops,
# and its reports of what it did.
COMMAND_CODES = frozenset({
    "output-is-file", "output-is-root", "output-is-home", "output-in-course", "course-in-output",
    "output-not-ours", "output-unwritable", "output-busy", "output-busy-waiting", "stopped",
    "stopped-build", "new-not-folder", "new-not-empty", "new-unwritable", "bad-port",
    "port-in-use", "bad-cmi5-base-iri", "bad-source-date-epoch",
    "classroom-session-name", "classroom-bad-port", "classroom-port-busy",
    "classroom-session-other-course", "classroom-export-session", "classroom-no-session",
    "no-such-file",
}) | frozenset({  # what it reports when all goes well (printed by cli.py, preview, classroom)
    "built", "moodle-settings", "moodle-grade", "moodle-final", "moodle-attempts",
    "moodle-attempts-unlimited", "moodle-display", "check-ok", "new-created", "internal-error",
    "preview-problems", "preview-rebuilt", "preview-serving", "preview-cannot-build",
    "classroom-title", "classroom-join", "classroom-code", "classroom-dashboard", "classroom-data",
    "classroom-local", "classroom-no-lan", "classroom-stop", "classroom-wrote",
})
