"""Property: whatever is in a course folder, the whole build ends in exit 0 or exit 1, never 3.

test_fuzz_loader.py stops after the checks; this runs the real `build()` (render, every target,
the GIFT and Moodle XML exports, packaging) into a temporary output folder. The courses are the
mini course with the loader fuzzer's mutations, plus hostile values that well-formed YAML can
carry into every text the build writes (escapes of characters XML cannot hold, GIFT's specials and
placeholders, raw HTML, deep Markdown), hostile Markdown in a page, and special files (a named
pipe, a link to /dev/zero) where the build reads sources. `build` may return or raise
`CourseError` (exit 1, every diagnostic printable in English and Indonesian); anything else is a
bug. A guard stops an example that hangs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.build import build
from builder.errors import CourseError, Diagnostic
from support.hostile import guard
from test_fuzz_loader import apply, mutation

MINI = Path(__file__).parent / "courses" / "mini"
YAML_FILES = ("course.yaml", "modules/01-pengantar.md", "modules/01-pengantar.facilitator.md",
              "quizzes/akhir.yaml", "quizzes/cek-pengantar.yaml")
TEXT_FIELD = re.compile(r"^(\s*(?:- )?(?:title|prompt|text|feedback|benar|salah|intro|description|"
                        r"credit|author|licence|version)): .*$")
GUARD_SECONDS = 60

# Pieces of text that once broke, or could break, a step after the checks.
HOSTILE_PIECES = (
    "\x00", "\x07", "\x1b[31m", "\x0b", "\x7f", "\x85", "\ufffe", "\uffff", "\ud800", "\u2028",
    "&&058;", "&&092;", "&&010", "&&", "\\:", "\\", "\\\\", "\\n", "{", "}", "~", "=", "#", ":",
    "::", "%50%", "[markdown]", "[html]", "$CATEGORY:", "//", "<", ">", "&", "]]>", "<![CDATA[",
    "<script>alert(1)</script>", "<img src=x onerror=y>", "<a href='javascript:x'>a</a>",
    "![x](../../../etc/passwd)", "![x](media//etc/passwd)", "[a](../assets/none.pdf)",
    "- - - - - - - - - - x", "> " * 40, "[" * 40, "<div>" * 40, "\n\n    code\n\n", "```",
    "{{ 7*7 }}", "{% raw %}", "${x}", "é", "😀", "\u202e", "\ufeff", "0", "true", "null",
    "x" * 25, "panjang " * 300,
)
hostile_text = st.lists(st.sampled_from(HOSTILE_PIECES) | st.text(max_size=6), min_size=1,
                        max_size=6).map("".join)


@st.composite
def hostile_value(draw: st.DrawFn) -> tuple[str, object]:
    """A text field of a YAML file set to a hostile text, written as a YAML double-quoted string."""
    name = draw(st.sampled_from(YAML_FILES))
    return "hostile-value", (name, draw(hostile_text), draw(st.integers(0, 200)))


@st.composite
def hostile_page(draw: st.DrawFn) -> tuple[str, object]:
    """Hostile Markdown inserted into the module's pages."""
    return "hostile-page", ("modules/01-pengantar.md", draw(hostile_text),
                            draw(st.integers(0, 200)))


@st.composite
def special_file(draw: st.DrawFn) -> tuple[str, object]:
    """A named pipe or a link to a device where the build reads sources."""
    name = draw(st.sampled_from(("modules/02-pipa.md", "quizzes/pipa.yaml",
                                 "modules/02-pipa.facilitator.md", "course.yaml")))
    return "special-file", (name, draw(st.sampled_from(("fifo", "/dev/zero", "/dev/null"))), 0)


def apply_hostile(root: Path, change: tuple[str, object]) -> None:
    """Carry out one hostile change (or one of the loader fuzzer's mutations)."""
    kind = change[0]
    if kind not in ("hostile-value", "hostile-page", "special-file"):
        apply(root, change)
        return
    name, payload, index = cast(tuple[str, str, int], change[1])
    path = root / name
    if kind == "special-file":
        path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        if payload == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to(payload)
        return
    if not path.is_file() or path.is_symlink():
        return
    lines = path.read_text("utf-8", errors="surrogateescape").split("\n")
    if kind == "hostile-page":
        lines.insert(len(lines) - index % max(len(lines) // 2, 1), payload)
    else:
        fields = [i for i, line in enumerate(lines) if TEXT_FIELD.match(line)]
        if not fields:
            return
        i = fields[index % len(fields)]
        match = TEXT_FIELD.match(lines[i])
        assert match is not None
        lines[i] = f"{match[1]}: {json.dumps(payload)}"
    path.write_bytes("\n".join(lines).encode("utf-8", errors="surrogatepass"))




def assert_builds_or_reports(root: Path, out: Path) -> None:
    """build() returns (exit 0) or raises CourseError with printable diagnostics (exit 1)."""
    diagnostics: list[Diagnostic]
    try:
        with guard(GUARD_SECONDS):
            diagnostics = build(root, out).diagnostics
    except CourseError as exc:
        diagnostics = exc.diagnostics
        assert diagnostics, "a CourseError without any diagnostic"
    for diagnostic in diagnostics:
        for lang in ("en", "id"):
            text = diagnostic.format(lang)
            assert f"[{diagnostic.code.removesuffix('-no-match')}]" in text


changes = st.lists(mutation() | hostile_value() | hostile_value() | hostile_page()
                   | special_file(), min_size=1, max_size=3)


@pytest.mark.slow
@settings(max_examples=50, deadline=timedelta(seconds=30), print_blob=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(changes)
def test_hostile_courses_build_or_report_never_crash(changes: list[tuple[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(shutil.copytree(MINI, Path(tmp) / "kursus"))
        for change in changes:
            apply_hostile(root, change)
        assert_builds_or_reports(root, Path(tmp) / "dist")


@pytest.mark.slow
@settings(max_examples=30, deadline=timedelta(seconds=30), print_blob=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile_value(), min_size=1, max_size=4))
def test_hostile_values_in_well_formed_courses_build_or_report(
        changes: list[tuple[str, object]]) -> None:
    """Only well-formed YAML values: most examples reach rendering and the exports."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(shutil.copytree(MINI, Path(tmp) / "kursus"))
        for change in changes:
            apply_hostile(root, change)
        assert_builds_or_reports(root, Path(tmp) / "dist")
