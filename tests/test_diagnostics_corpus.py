"""The diagnostics corpus: broken courses in tests/broken/, each with the exact report it must get.

Every folder in tests/broken/ is a copy of the mini course with one mistake and an `expected.txt`
holding the exact stderr of `coursepack --lang en build <case> -o dist`. A few mistakes cannot live
in git (a symlink, a folder named like a module file, a very long quiz) and are made by SETUP below.

For every case: the exit code is 1 (warnings-only cases: 0, and 1 with --strict), stderr is exactly
the expected text, no traceback is shown, and a dist/ holding a good build of the mini course is
byte for byte unchanged. The same run with `--lang id` names the same codes at the same places,
with the Indonesian text.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from builder import build as build_module
from builder.cli import main
from builder.inspect import CHECK_CODES
from builder.messages import CATALOG

HERE = Path(__file__).parent
BROKEN = HERE / "broken"
MINI = HERE / "courses" / "mini"
CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "expected.txt").is_file())

# Codes that no course source produces: they are about a built zip (`coursepack check x.zip`,
# see test_check_zip.py), or about the size of built packages (test_budgets.py; their byte counts
# change with every edit of the learner templates, so they cannot be fixed strings here).
ZIP_CODES = set(CHECK_CODES)
# Codes of the packaging step, tested in test_budgets.py and test_facilitator.py.
PACKAGE_SIZE_CODES = {"runtime-budget", "package-budget", "upload-budget-course", "pdf-unavailable"}

# The case that shows each code a course source can produce.
CASE_OF_CODE = {
    # quiz settings and pools (issue 11)
    "setting-value": "setting-value",
    "setting-attempts": "setting-attempts",
    "setting-final-only": "setting-final-only",
    "band-range": "band-range",
    "band-order": "band-order",
    "band-start": "band-start",
    "pool-draw": "pool-draw",
    "question-module-unknown": "question-module-unknown",
    "question-objective-range": "question-objective-range",
    "question-objective-without-module": "question-objective-without-module",
    "unreadable-file": "unreadable-file",
    "not-utf8": "not-utf8",
    "no-course-file": "no-course-file",
    "front-matter-missing": "front-matter-missing",
    "front-matter-unclosed": "front-matter-unclosed",
    "yaml-syntax": "yaml-syntax-course",
    "duplicate-key": "duplicate-key",
    "unknown-field": "unknown-field-suggestion",
    "unknown-field-no-match": "unknown-field-no-match",
    "missing-field": "missing-field",
    "wrong-type": "wrong-type",
    "not-a-mapping": "not-a-mapping",
    "invalid-id": "invalid-id",
    "duplicate-id": "duplicate-question-id",
    "reserved-id": "reserved-id",
    "invalid-language": "invalid-language",
    "language-no-catalog": "language-no-catalog",
    "negative-number": "negative-number",
    "empty-course": "empty-course",
    "module-listed-twice": "module-listed-twice",
    "module-missing": "module-missing-typo",
    "module-missing-no-match": "module-missing-no-match",
    "module-not-listed": "module-not-listed",
    "unknown-module": "unknown-module-in-notes",
    "session-too-long": "session-too-long",
    "invalid-minutes": "invalid-minutes",
    "no-objectives": "no-objectives",
    "empty-page": "empty-page",
    "empty-reflection": "empty-reflection",
    "unsafe-html": "unsafe-script",
    "unsafe-attribute": "unsafe-event-handler",
    "unsafe-link": "unsafe-javascript-link",
    "missing-asset": "missing-asset",
    "asset-outside": "asset-outside-parent",
    "brand-colour-format": "brand-colour-format",
    "brand-contrast": "brand-contrast",
    "quiz-missing": "quiz-missing",
    "final-missing": "final-missing",
    "final-not-final": "final-not-final",
    "final-as-check": "final-as-check",
    "second-final": "second-final",
    "quiz-kind": "quiz-kind",
    "empty-quiz": "empty-quiz",
    "missing-pass-mark": "missing-pass-mark",
    "pass-mark-range": "pass-mark-range",
    "unused-pass-mark": "unused-pass-mark",
    "unused-quiz": "unused-quiz",
    "question-type": "question-type",
    "choice-count": "choice-count",
    "no-correct-answer": "no-correct-answer",
    "several-correct-answers": "several-correct-answers",
    "truefalse-answer": "truefalse-without-answer",
    "truefalse-feedback": "truefalse-without-feedback",
    "suspend-data-budget": "suspend-data-budget",
    "diagram-unclosed": "diagram-unclosed",
    "diagram-not-mapping": "diagram-not-mapping",
    "diagram-count": "diagram-count",
    "diagram-text-too-long": "diagram-text-too-long",
    "diagram-unknown-icon": "diagram-unknown-icon",
    "dilemma-card-heading": "dilemma-card-heading",
    "dilemma-card-incomplete": "dilemma-card-incomplete",
    "dilemma-card-too-long": "dilemma-card-too-long",
    "dilemma-card-themes": "dilemma-card-themes",
    "template-error": "template-leak",
    # sorting, ordering and matching questions (qtypes)
    "field-not-for-type": "field-not-for-type",
    "part-count": "part-count",
    "category-count": "category-count",
    "unknown-category": "unknown-category",
    "unknown-category-no-match": "unknown-category-no-match",
    "category-unused": "category-unused",
    "same-text": "same-text",
    "gift-arrow": "gift-arrow",
    # the course's credit, time budget and blueprint (issue 14)
    "placeholder": "placeholder",
    "time-budget-duration": "time-budget-duration",
    "time-budget-session": "time-budget-session",
    "blueprint-unmapped": "blueprint-unmapped",
    "blueprint-thin": "blueprint-thin",
}


def outside_symlink(name: str) -> Callable[[Path], None]:
    """assets/<name> is a symlink to a file beside the course folder."""
    def setup(root: Path) -> None:
        outside = root.parent / "outside.png"
        outside.write_bytes(b"\x89PNG\r\n\x1a\n")
        (root / "assets").mkdir()
        (root / "assets" / name).symlink_to(outside)
    return setup


def folder_named_like_a_module(root: Path) -> None:
    """modules/02-bab.md is a folder, so it cannot be read as a file."""
    (root / "modules" / "02-bab.md").mkdir()


def many_final_questions(root: Path) -> None:
    """160 more true/false questions in the final assessment (its `questions:` list ends the file)."""
    quiz = root / "quizzes" / "akhir.yaml"
    items = "".join(
        f"  - id: soal-{n:03d}\n    type: truefalse\n    prompt: Pernyataan nomor {n}.\n"
        f"    answer: {'true' if n % 2 else 'false'}\n    feedback:\n"
        f"      benar: Umpan balik benar {n}.\n      salah: Umpan balik salah {n}.\n"
        for n in range(1, 161))
    quiz.write_text(quiz.read_text("utf-8") + items, "utf-8")


SETUP: dict[str, Callable[[Path], None]] = {
    "asset-symlink-outside": outside_symlink("tautan.png"),
    "brand-logo-symlink-outside": outside_symlink("logo.png"),
    "unreadable-file": folder_named_like_a_module,
    "suspend-data-budget": many_final_questions,
}


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry under a folder: files with their bytes, folders as None."""
    return {p.relative_to(folder).as_posix(): (None if p.is_dir() else p.read_bytes())
            for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="module")
def good_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ with a good build of the mini course, made once."""
    dist = tmp_path_factory.mktemp("good") / "dist"
    assert main(["--lang", "en", "build", str(MINI), "-o", str(dist)]) == 0
    assert any(dist.iterdir())
    return dist


@pytest.fixture
def workspace(tmp_path: Path, good_dist: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a copy of the good dist/ (its files hard links: a build replaces
    files, never writes into them, and snapshot() would see it if one did); the tests run inside."""
    shutil.copytree(good_dist, tmp_path / "dist", symlinks=True, copy_function=os.link)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def prepare(case: str, workspace: Path) -> str:
    """Copy a case into the workspace (without its expected.txt); return its relative path."""
    root = Path(shutil.copytree(BROKEN / case, workspace / case, symlinks=True,
                                ignore=shutil.ignore_patterns("expected.txt")))
    if case in SETUP:
        SETUP[case](root)
    return case


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in this process; return its exit code, stdout and stderr."""
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def expected_of(case: str) -> str:
    return (BROKEN / case / "expected.txt").read_text("utf-8")


def warnings_only(expected: str) -> bool:
    return expected.splitlines()[-1].startswith("0 error(s), ")


def hostile_input_codes() -> set[str]:
    """Codes shown by the hostile corpora (tests/hostile/input/ and tests/hostile/assets/)."""
    return {code for expected in (HERE / "hostile").glob("*/*/expected.txt")
            for code in re.findall(r": (?:error|warning)\[([a-z0-9-]+)\]: ",
                                   expected.read_text("utf-8"))}


def test_the_corpus_has_a_case_for_every_code_a_course_source_can_produce() -> None:
    from builder.errors import COMMAND_CODES  # usage mistakes and stops: tests/test_cli_usage.py

    assert len(CASES) >= 32
    from_source = set(CATALOG) - ZIP_CODES - PACKAGE_SIZE_CODES - COMMAND_CODES
    assert ZIP_CODES | PACKAGE_SIZE_CODES <= set(CATALOG)
    assert set(CASE_OF_CODE) <= from_source
    assert set(CASE_OF_CODE) | hostile_input_codes() >= from_source, \
        "a new code needs a case in tests/broken/ or tests/hostile/input/"
    for code, case in CASE_OF_CODE.items():
        expected = expected_of(case)
        assert f"[{code.removesuffix('-no-match')}]: " in expected, (code, case)
        hint = CATALOG[code].en_hint.split("{")[0]
        assert not hint or f"  hint: {hint}" in expected, (code, case)


def test_the_readme_names_every_case_and_every_setup() -> None:
    readme = (BROKEN / "README.md").read_text("utf-8")
    for case in CASES:
        assert f"\n| {case} | " in readme, case
    for case in SETUP:
        assert f"\n| `{case}` | " in readme, case


def test_not_utf8_case_really_holds_windows_1252_bytes() -> None:
    data = (BROKEN / "not-utf8" / "quizzes" / "cek-pengantar.yaml").read_bytes()
    assert b"\x93membantu\x94" in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    tab = (BROKEN / "yaml-control-character" / "quizzes" / "cek-pengantar.yaml").read_bytes()
    assert b"membantu\x0bkeputusan" in tab


@pytest.mark.parametrize("case", CASES)
def test_broken_course_gets_its_exact_report_and_dist_is_untouched(
        case: str, workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = expected_of(case)
    source = prepare(case, workspace)
    before, entries = snapshot(workspace / "dist"), sorted(p.name for p in workspace.iterdir())
    strict = ["--strict"] if warnings_only(expected) else []

    code, out, err = run(capsys, "--lang", "en", "build", source, "-o", "dist", *strict)

    assert err == expected
    assert code == 1
    assert out == ""
    assert "Traceback" not in out + err
    assert snapshot(workspace / "dist") == before
    assert sorted(p.name for p in workspace.iterdir()) == entries  # no staging folder left
    if strict:  # without --strict, warnings do not stop the build
        code, out, err = run(capsys, "--lang", "en", "build", source, "-o", "built")
        assert (code, err) == (0, expected)
        assert "Traceback" not in out and any((workspace / "built").iterdir())


@pytest.mark.parametrize("case", CASES)
def test_broken_course_is_reported_in_indonesian_at_the_same_places(
        case: str, workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = expected_of(case).splitlines()
    source = prepare(case, workspace)
    before = snapshot(workspace / "dist")
    strict = ["--strict"] if warnings_only("\n".join(expected)) else []

    code, out, err = run(capsys, "--lang", "id", "build", source, "-o", "dist", *strict)

    assert code == 1 and "Traceback" not in out + err
    assert snapshot(workspace / "dist") == before
    lines = err.splitlines()
    assert len(lines) == len(expected), err
    for english, indonesian in zip(expected[:-1], lines[:-1], strict=True):
        if english.startswith("  hint: "):
            assert indonesian.startswith("  hint: ") and indonesian != english
        else:
            place, english_text = english.split("]: ", 1)
            assert indonesian.startswith(place + "]: "), (english, indonesian)
            assert indonesian.removeprefix(place + "]: ") != english_text
    errors, warnings = expected[-1].removesuffix(" warning(s)").split(" error(s), ")
    assert lines[-1] == f"{errors} galat, {warnings} peringatan"


def test_mini_course_itself_builds_cleanly(workspace: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "en", "build", str(MINI), "-o", "again", "--strict")
    assert (code, err) == (0, "")


def test_internal_error_is_one_line_and_exit_code_3(
        workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the renderer fell over")

    monkeypatch.setattr(build_module, "render_learner_edition", broken)
    before = snapshot(workspace / "dist")

    code, out, err = run(capsys, "--lang", "en", "build", str(MINI), "-o", "dist")

    assert code == 3
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("coursepack: internal error: ")
    assert "RuntimeError: the renderer fell over" in err
    assert "Traceback" not in err
    assert snapshot(workspace / "dist") == before

    code, out, err = run(capsys, "--traceback", "--lang", "en", "build", str(MINI), "-o", "dist")

    assert code == 3
    assert err.startswith("Traceback (most recent call last):")
    assert "in broken" in err and "RuntimeError: the renderer fell over" in err
    assert err.splitlines()[-1].startswith("coursepack: internal error: RuntimeError")
    assert snapshot(workspace / "dist") == before
