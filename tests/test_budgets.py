"""Budgets enforced by the build: a course over a budget fails, naming the budget."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from builder.budgets import RUNTIME_BUDGET, runtime_bytes
from builder.cli import main

MINI = Path(__file__).parent / "courses" / "mini"
COURSE = Path(__file__).parent.parent / "course_src"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini course."""
    return Path(shutil.copytree(MINI, tmp_path / "mini"))


def add_budgets(course: Path, text: str) -> None:
    """Append a budgets block to course.yaml."""
    with (course / "course.yaml").open("a") as handle:
        handle.write("budgets:\n" + text)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run the CLI in English; return its exit code and stderr."""
    capsys.readouterr()
    code = main(["--lang", "en", *args])
    return code, capsys.readouterr().err


def test_learner_runtime_over_40_kb_fails(mini: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    static = mini / "templates" / "learner" / "static" / "assets"
    static.mkdir(parents=True)
    (static / "extra.css").write_text("".join(f".x{i}{{color:#123}}\n" for i in range(5000)))
    code, err = run(["build", str(mini), "-o", str(tmp_path / "dist")], capsys)
    assert code == 1
    assert "error[runtime-budget]: the scorm12 package's scripts and styles are" in err
    assert f"over the learner runtime budget of {RUNTIME_BUDGET} bytes" in err
    assert not (tmp_path / "dist").exists()


def test_package_over_the_course_budget_fails(mini: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    add_budgets(mini, "  package_kb: 10\n")
    code, err = run(["build", str(mini), "-o", str(tmp_path / "dist")], capsys)
    assert code == 1
    assert ("course.yaml:17:1: error[package-budget]: the scorm12 package is" in err
            and "over the course's package budget of 10240 bytes (budgets: package_kb)" in err)


def test_upload_budget_is_a_warning_and_strict_makes_it_fatal(
        mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_budgets(mini, "  upload_mb: 0\n")
    code, err = run(["build", str(mini), "-o", str(tmp_path / "dist")], capsys)
    assert code == 0
    assert "warning[upload-budget-course]: the scorm12 package is" in err
    assert "hint: many LMSs refuse uploads this big" in err
    code, err = run(["build", "--strict", str(mini), "-o", str(tmp_path / "dist2")], capsys)
    assert code == 1 and not (tmp_path / "dist2").exists()


def test_the_article_course_fits_its_budgets(tmp_path: Path) -> None:
    assert main(["build", str(COURSE), "-o", str(tmp_path / "dist")]) == 0
    for target in ("scorm12", "scorm2004", "offline"):
        path = tmp_path / "dist" / f"pemimpin-asn-digital-{target}.zip"
        assert path.stat().st_size <= 150 * 1024
        with zipfile.ZipFile(path) as archive:
            files = {n: archive.read(n) for n in archive.namelist()}
        assert runtime_bytes(files) <= RUNTIME_BUDGET
