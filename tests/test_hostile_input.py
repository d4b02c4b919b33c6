"""The hostile-input corpus: course sources that once crashed or hung the build, or were dropped.

Every folder in tests/hostile/input/ is a copy of the mini course with one hostile change and an
`expected.txt` holding the exact stderr of `coursepack --lang en build <case> -o dist` (some also an
`expected.id.txt`, the same in Indonesian). What cannot live in git (named pipes, a link to
/dev/zero, files of megabytes) is made by SETUP below, at test time.

For every case: exit code 1, stderr exactly as expected, no traceback, a dist/ holding a good build
left byte for byte unchanged, the course folder and the folder around it unchanged, and the build
ends within a guard time (a hang is a failure, not a stuck test run).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from support.hostile import guard
from support.moodle_import import parse_gift

from builder.cli import main
from builder.load import MAX_SOURCE_BYTES, load_course

HERE = Path(__file__).parent
HOSTILE = HERE / "hostile" / "input"
MINI = HERE / "courses" / "mini"
CASES = sorted(p.name for p in HOSTILE.iterdir() if (p / "expected.txt").is_file())
GUARD_SECONDS = 60  # a hang guard, far above the few seconds any case takes


def deep_list_in_page(root: Path) -> None:
    """A 600-level nested list in the second page (360 KB; 2,000 levels would be over 2 MB)."""
    module = root / "modules" / "01-pengantar.md"
    nested = "".join("  " * level + "- tingkat\n" for level in range(600))
    text = module.read_text("utf-8").replace("Isi halaman *kedua*.", "Isi halaman *kedua*.\n\n"
                                             + nested)
    module.write_text(text, "utf-8")


def alias_expansion(root: Path) -> None:
    """A 100,000-character title as an anchor, and 100 objectives that are aliases of it."""
    module = root / "modules" / "01-pengantar.md"
    title = "x" * 100_000
    aliases = "\n".join(["  - *judul"] * 100)
    text = module.read_text("utf-8").replace(
        "title: Pengantar\nobjectives:\n  - Menjelaskan isi kursus.\n",
        f"title: &judul {title}\nobjectives:\n{aliases}\n")
    module.write_text(text, "utf-8")


def fifo_module(root: Path) -> None:
    """modules/02-bab.md is a named pipe that nobody writes to."""
    os.mkfifo(root / "modules" / "02-bab.md")


def fifo_course_file(root: Path) -> None:
    """course.yaml is a named pipe."""
    (root / "course.yaml").unlink()
    os.mkfifo(root / "course.yaml")


def dev_zero_quiz(root: Path) -> None:
    """quizzes/tambahan.yaml is a link to /dev/zero, which never ends."""
    (root / "quizzes" / "tambahan.yaml").symlink_to("/dev/zero")


def too_big_module(root: Path) -> None:
    """modules/02-bab.md is a well-formed module just over the size limit."""
    head = "---\nid: bab\ntitle: Bab\nobjectives:\n  - Membaca.\n---\n\n"
    line = "Kalimat panjang yang diulang untuk membuat berkas besar.\n"
    body = line * (MAX_SOURCE_BYTES // len(line) + 1)
    (root / "modules" / "02-bab.md").write_text(head + body, "utf-8")


def notes_link_outside(root: Path) -> None:
    """The facilitator notes are a link to a well-formed notes file beside the course folder."""
    notes = root / "modules" / "01-pengantar.facilitator.md"
    outside = root.parent / "rahasia.facilitator.md"
    outside.write_text(notes.read_text("utf-8").replace("Catatan", "Rahasia"), "utf-8")
    notes.unlink()
    notes.symlink_to(outside)


SETUP: dict[str, Callable[[Path], None]] = {
    "notes-link-outside": notes_link_outside,
    "deep-list-in-page": deep_list_in_page,
    "alias-expansion": alias_expansion,
    "fifo-module": fifo_module,
    "fifo-course-file": fifo_course_file,
    "dev-zero-quiz": dev_zero_quiz,
    "too-big-module": too_big_module,
}




def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under a folder without opening special files: bytes, link targets or kinds."""
    entries: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            entries[path.relative_to(folder).as_posix()] = ("link", os.readlink(path))
        elif stat.S_ISREG(mode):
            entries[path.relative_to(folder).as_posix()] = path.read_bytes()
        else:
            entries[path.relative_to(folder).as_posix()] = stat.S_IFMT(mode)
    return entries


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in this process under the hang guard; return code, stdout, stderr."""
    capsys.readouterr()
    with guard(GUARD_SECONDS):
        code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def good_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ with a good build of the mini course, made once."""
    dist = tmp_path_factory.mktemp("good") / "dist"
    assert main(["--lang", "en", "build", str(MINI), "-o", str(dist)]) == 0
    return dist


@pytest.fixture
def workspace(tmp_path: Path, good_dist: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a copy of the good dist/ and a canary file beside it."""
    shutil.copytree(good_dist, tmp_path / "dist", symlinks=True)
    (tmp_path / "canary.txt").write_text("canary\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def prepare(case: str, workspace: Path) -> Path:
    """Copy a case into the workspace (without its expected texts) and make its special files."""
    root = Path(shutil.copytree(HOSTILE / case, workspace / case, symlinks=True,
                                ignore=shutil.ignore_patterns("expected*.txt")))
    if case in SETUP:
        SETUP[case](root)
    return root


def test_the_corpus_is_complete() -> None:
    assert len(CASES) >= 15
    readme = (HOSTILE / "README.md").read_text("utf-8")
    for case in CASES:
        assert f"\n| {case} | " in readme, case
    assert set(SETUP) <= set(CASES)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_hostile_input_is_a_located_error_and_dist_is_untouched(
        case: str, lang: str, workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = prepare(case, workspace)
    before = snapshot(workspace)

    code, out, err = run(capsys, "--lang", lang, "build", case, "-o", "dist")

    assert (code, out) == (1, "")
    assert "Traceback" not in err and "internal error" not in err
    assert snapshot(workspace) == before  # dist/, the course and the canary beside them
    english = (HOSTILE / case / "expected.txt").read_text("utf-8")
    indonesian = HOSTILE / case / "expected.id.txt"
    if lang == "en":
        assert err == english
    elif indonesian.is_file():
        assert err == indonesian.read_text("utf-8")
    else:  # the same codes at the same places, in Indonesian
        lines, expected = err.splitlines(), english.splitlines()
        assert len(lines) == len(expected), err
        for en_line, id_line in zip(expected[:-1], lines[:-1], strict=True):
            if en_line.startswith("  hint: "):
                assert id_line.startswith("  hint: ") and id_line != en_line
            else:
                place = en_line.split("]: ", 1)[0]
                assert id_line.startswith(place + "]: ") and id_line != en_line, (en_line, id_line)
        assert lines[-1].endswith(" peringatan")
    assert root.is_dir()


def write_course(root: Path, replacements: dict[str, tuple[str, str]]) -> Path:
    """A copy of the mini course with one replacement per file (old text, new text)."""
    shutil.copytree(MINI, root)
    for rel, (old, new) in replacements.items():
        path = root / rel
        text = path.read_text("utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), "utf-8")
    return root


def test_text_fields_keep_the_text_as_written(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """`title: 0755` stays "0755" (not 493), `version: 1.10` stays "1.10" (not 1.1), `true` "true"."""
    root = write_course(tmp_path / "kursus", {
        "course.yaml": ("version: 0.1.0\ntitle: Kursus Mini\n",
                        "version: 1.10\ntitle: 0755\n"),
        "modules/01-pengantar.md": ("  - Menjelaskan isi kursus.\n",
                                    "  - Menjelaskan isi kursus.\n  - 1e3\n  - yes\n"),
        "quizzes/cek-pengantar.yaml": ("title: Cek Pemahaman", "title: true"),
    })
    code, _, err = run(capsys, "--lang", "en", "build", str(root), "-o", str(tmp_path / "dist"))
    assert (code, err) == (0, "")
    report = json.loads((tmp_path / "dist" / "build-report.json").read_text("utf-8"))
    assert report["course"]["title"] == "0755"
    assert report["course"]["version"] == "1.10"
    course, problems = load_course(root)
    assert problems == [] and course is not None
    assert course.modules[0].objectives == ("Menjelaskan isi kursus.", "1e3", "yes")
    assert course.quiz("cek-pengantar").title == "true"  # type: ignore[union-attr]
    # a value YAML reads as a number stays a number where a number is meant
    assert course.duration_minutes == 10 and course.quiz("akhir").pass_mark == 50  # type: ignore[union-attr]


def test_gift_carries_backslash_escapes_in_titles_and_texts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`\\:`, `\\#`, `\\\\` and `\\n` written in a course come back from Moodle's GIFT import as written."""
    tricky = r"Data \: valid \# \\ \n {x} ~ = #"
    root = write_course(tmp_path / "kursus", {
        "course.yaml": ("title: Kursus Mini", "title: 'Kursus \\: Mini \\\\ satu'"),
        "quizzes/akhir.yaml": ("text: Data yang valid", f"text: '{tricky}'"),
        "quizzes/cek-pengantar.yaml": ("title: Cek Pemahaman", "title: 'Cek \\# Pemahaman'"),
    })
    code, _, err = run(capsys, "--lang", "en", "build", str(root), "-o", str(tmp_path / "dist"),
                       "--target", "facilitator")
    assert (code, err) == (0, "")
    gift = (tmp_path / "dist" / "kursus-mini-facilitator" / "bank-soal" / "gift.txt")
    questions = {q["name"]: q for q in parse_gift(gift.read_text("utf-8"))}
    assert questions["akhir.akhir-satu"]["answers"][0][0] == tricky
    assert questions["akhir.akhir-satu"]["category"] == ("Kursus \\: Mini \\\\ satu",
                                                         "Penilaian Akhir")
    assert questions["cek-pengantar.cek-satu"]["category"] == ("Kursus \\: Mini \\\\ satu",
                                                               "Cek \\# Pemahaman")
