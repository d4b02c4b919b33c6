"""Property: whatever is in a course folder, loading and checking it ends in diagnostics, never a crash.

Sources are the mini course with mutations (lines deleted, duplicated or re-indented, characters
swapped, `---` inserted, unicode, very long lines, truncation, random bytes), or YAML-ish text made
from YAML's own punctuation, or well-formed YAML with a value of the wrong shape put anywhere
(to reach the typed readers and the checks). `check_course` may return or raise `CourseError`; any other exception
is a bug in the loader or the checks.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import yaml

from builder.build import check_course
from builder.errors import CourseError, Diagnostic

MINI = Path(__file__).parent / "courses" / "mini"
FILES = ("course.yaml", "modules/01-pengantar.md", "modules/01-pengantar.facilitator.md",
         "quizzes/akhir.yaml", "quizzes/cek-pengantar.yaml")
NEW_FILES = ("modules/02-baru.md", "modules/02-baru.facilitator.md", "quizzes/baru.yaml",
             "quizzes/baru.yml", "assets/gambar.png")

# Pieces of YAML and Markdown that tend to reach unusual branches of a parser or a check.
TOKENS = (
    "---", "...", ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "?", "? ", "&a ", "*a", "!!str ",
    "!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!binary ", "!!map ", "!!seq ", "!!set ",
    "!!omap ", "!foo ", "<<: ", "|", ">-", "#", "'", '"', "\\", "%YAML 1.1", "%TAG ! !x", "\t",
    "  ", "    ", "\n", "\r\n", "\r", "~", "null", "true", "false", "yes", "-1", "0", "1e999",
    ".nan", "0x1F", "0o17", "1_000", "2020-02-30", "2020-01-01", "12:30:00", "id", "title",
    "kind", "final", "knowledge-check", "questions", "choices", "correct", "answer", "feedback",
    "type", "single", "multiple", "truefalse", "pass_mark", "modules", "module", "minutes",
    "quiz", "reflection", "prompts", "objectives", "hasil", "## Judul", "## {#}", "{#x}",
    "![x](../../a.png)", "![x](/etc/passwd)", "![x](../assets/a.png)", "<script>", "<iframe>",
    "javascript:", "<a onclick=x>", "```", "\u00e9", "\u202e", "\ufeff", "\u2028", "\x85",
    "\x00", "\x07", "\U0001f600", "\ud800",
)

yamlish = st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=60).map("".join)


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, object]:
    """One change to one file of the course."""
    kind = draw(st.sampled_from(
        ("delete-line", "duplicate-line", "swap", "indent", "dashes", "insert-text", "long-line",
         "truncate", "random-bytes", "insert-bytes", "yamlish", "replace-value", "delete-file",
         "new-file")))
    target = draw(st.sampled_from(NEW_FILES if kind == "new-file" else FILES))
    if kind in ("random-bytes", "insert-bytes"):
        payload: object = draw(st.binary(max_size=200))
    elif kind in ("yamlish", "new-file", "replace-value"):
        payload = draw(yamlish)
    elif kind == "insert-text":
        payload = draw(st.text(max_size=30))
    elif kind == "long-line":
        payload = draw(st.sampled_from(("x", "é", "- ", "a: ", "[", "*"))) * draw(
            st.integers(1000, 5000))
    elif kind == "indent":
        payload = draw(st.sampled_from(("", " ", "  ", "    ", "\t", "      ")))
    else:
        payload = None
    return kind, (target, payload, draw(st.integers(0, 10_000)), draw(st.integers(0, 10_000)))


def encode(text: str) -> bytes:
    """UTF-8, keeping undecodable bytes as they were and lone surrogates as invalid UTF-8."""
    try:
        return text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", errors="surrogatepass")


def apply(root: Path, change: tuple[str, object]) -> None:
    """Carry out one mutation in the course folder."""
    kind, (name, payload, a, b) = change  # type: ignore[misc]
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "delete-file":
        path.unlink(missing_ok=True)
        return
    if kind == "new-file":
        path.write_bytes(encode(str(payload)))
        return
    data = path.read_bytes() if path.exists() else b""
    if kind == "random-bytes":
        path.write_bytes(payload)  # type: ignore[arg-type]
        return
    if kind == "insert-bytes":
        i = a % (len(data) + 1)
        path.write_bytes(data[:i] + payload + data[i:])  # type: ignore[operator]
        return
    if kind == "truncate":
        path.write_bytes(data[: a % (len(data) + 1)])
        return
    text = data.decode("utf-8", errors="surrogateescape")
    lines = text.split("\n")
    i = a % len(lines)
    if kind == "delete-line":
        del lines[i]
    elif kind == "duplicate-line":
        lines.insert(i, lines[i])
    elif kind == "indent":
        lines[i] = str(payload) + lines[i].lstrip(" ")
    elif kind == "dashes":
        lines.insert(i, "---")
    elif kind == "long-line":
        lines.insert(i, str(payload))
    elif kind == "swap" and len(text) > 1:
        j = a % (len(text) - 1)
        text = text[:j] + text[j + 1] + text[j] + text[j + 2:]
        lines = text.split("\n")
    elif kind == "insert-text":
        j = b % (len(text) + 1)
        lines = (text[:j] + str(payload) + text[j:]).split("\n")
    elif kind == "replace-value" and ":" in lines[i]:
        lines[i] = lines[i].split(":", 1)[0] + ": " + str(payload)
    elif kind == "yamlish":
        lines = str(payload).split("\n")
    path.write_bytes(encode("\n".join(lines)))


def assert_only_diagnostics(root: Path) -> None:
    """check_course returns, or raises CourseError with diagnostics; each can be shown."""
    diagnostics: list[Diagnostic]
    try:
        _, diagnostics = check_course(root)
    except CourseError as exc:
        diagnostics = exc.diagnostics
        assert diagnostics, "a CourseError without any diagnostic"
    for diagnostic in diagnostics:
        for lang in ("en", "id"):
            text = diagnostic.format(lang)
            assert f"[{diagnostic.code.removesuffix('-no-match')}]" in text
            assert "Traceback" not in text


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          print_blob=True)
@given(st.lists(mutation(), min_size=1, max_size=4))
def test_mutated_courses_give_diagnostics_not_crashes(changes: list[tuple[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(shutil.copytree(MINI, Path(tmp) / "kursus"))
        for change in changes:
            apply(root, change)
        assert_only_diagnostics(root)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, print_blob=True)
@given(name=st.sampled_from(FILES), text=yamlish)
def test_yamlish_text_in_any_file_gives_diagnostics(name: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(shutil.copytree(MINI, Path(tmp) / "kursus"))
        (root / name).write_bytes(encode(text))
        assert_only_diagnostics(root)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, print_blob=True)
@given(name=st.sampled_from(FILES), data=st.binary(max_size=300))
def test_random_bytes_in_any_file_give_diagnostics(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(shutil.copytree(MINI, Path(tmp) / "kursus"))
        (root / name).write_bytes(data)
        assert_only_diagnostics(root)


def test_known_crashers_are_diagnostics(tmp_path: Path) -> None:
    """Inputs that once raised ValueError, KeyError or RecursionError from the YAML layer."""
    crashers = ("date: 2020-02-30\n", "x: !!int abc\n", "x: !!bool maybe\n", "x: !!timestamp x\n",
                "x: 2001-12-14t21:59:43.10-99:99\n", "x: &a [*a]\n", "[" * 3000 + "]" * 3000,
                "x: \"a\x07b\"\n")
    for i, text in enumerate(crashers):
        root = Path(shutil.copytree(MINI, tmp_path / f"k{i}"))
        (root / "quizzes" / "akhir.yaml").write_text(
            (root / "quizzes" / "akhir.yaml").read_text() + text)
        with_front = (root / "modules" / "01-pengantar.md").read_text().replace(
            "quiz: cek-pengantar\n", "quiz: cek-pengantar\n" + text, 1)
        (root / "modules" / "01-pengantar.md").write_text(with_front)
        try:
            check_course(root)
        except CourseError as exc:
            codes = [d.code for d in exc.diagnostics]
            # the notes of the module that could not be read name an unknown module
            # an alias inside itself is refused as too deep (yaml-limit), the others as syntax
            kind = "yaml-limit" if "&a [*a]" in text else "yaml-syntax"
            assert sorted(codes) == ["unknown-module", kind, kind], codes
        else:
            raise AssertionError(f"{text[:30]!r} was accepted")


# Well-formed YAML with values of the wrong shape reaches the typed readers and the checks.
values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats() | st.text(max_size=20)
    | st.sampled_from(("hasil", "akhir", "cek-pengantar", "pengantar", "final", "truefalse",
                       "single", "multiple", "knowledge-check", "a", "b", "")),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(("id", "text", "correct", "feedback", "benar", "salah",
                                       "true", "false", "title", "prompts", "x"))
                      | st.text(max_size=5),
                      inner, max_size=4),
    max_leaves=12)


def replace_at(data: object, path: list[int], value: object) -> object:
    """`data` with the node chosen by `path` (indexes into mappings and lists) replaced."""
    if not path or not isinstance(data, (dict, list)) or not data:
        return value
    if isinstance(data, dict):
        keys = list(data)
        key = keys[path[0] % len(keys)]
        return {**data, key: replace_at(data[key], path[1:], value)}
    i = path[0] % len(data)
    return data[:i] + [replace_at(data[i], path[1:], value)] + data[i + 1:]


@pytest.mark.slow
@settings(max_examples=80, deadline=None, print_blob=True)
@given(name=st.sampled_from(FILES), path=st.lists(st.integers(0, 50), max_size=6), value=values)
def test_values_of_the_wrong_shape_give_diagnostics(name: str, path: list[int],
                                                    value: object) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(shutil.copytree(MINI, Path(tmp) / "kursus"))
        text = (root / name).read_text("utf-8")
        head, sep, body = "", "", text
        if name.endswith(".md"):
            _, head, body = text.split("---\n", 2)
            sep = "---\n"
        data = yaml.safe_load(head if sep else text)
        changed = yaml.safe_dump(replace_at(data, path, value), allow_unicode=True)
        (root / name).write_text(f"{sep}{changed}{sep}{body}" if sep else changed, "utf-8",
                                 errors="surrogatepass")
        assert_only_diagnostics(root)
