"""The `coursepack` command line: new, build, check, help, and its exit codes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from builder.cli import main

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "courses" / "mini"
EXIT_CODES = "exit codes: 0 ok, 1 problems in the course, 2 usage error, 3 internal error"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in this process; argparse's exits count as exit codes."""
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_new_then_build_gives_packages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "kursus-saya"
    code, out, err = run(capsys, "--lang", "en", "new", str(folder))
    assert (code, err) == (0, "")
    assert out == (f"created a new course in {folder}; build it with: coursepack build {folder}\n")
    assert (folder / "course.yaml").is_file()

    code, out, err = run(capsys, "--lang", "en", "build", str(folder), "-o", str(tmp_path / "dist"),
                         "--strict")

    assert (code, err) == (0, "")
    scorm = tmp_path / "dist" / "kursus-baru-scorm12.zip"
    assert scorm.is_file() and f"built {scorm} (" in out
    assert zipfile.ZipFile(scorm).namelist()[0] == "imsmanifest.xml"
    assert (tmp_path / "dist" / "build-report.json").is_file()
    code, out, err = run(capsys, "--lang", "en", "check", str(folder), "--strict")
    assert (code, out, err) == (0, f"{folder}: ok\n", "")


def test_new_into_an_empty_folder_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "new", str(tmp_path))[0] == 0
    assert (tmp_path / "modules").is_dir()


def test_new_into_a_folder_that_is_not_empty_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "catatan.txt").write_text("jangan ditimpa")
    code, out, err = run(capsys, "new", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == f"coursepack: {tmp_path} is not empty; choose a new folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catatan.txt"]
    assert (tmp_path / "catatan.txt").read_text() == "jangan ditimpa"


def test_help_lists_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert EXIT_CODES in out
    for command in ("build", "check", "new"):
        assert command in out
        code, sub_out, _ = run(capsys, command, "--help")
        assert code == 0 and EXIT_CODES in sub_out


def test_python_dash_m_builder_help_works() -> None:
    result = subprocess.run([sys.executable, "-m", "builder", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: coursepack")
    assert EXIT_CODES in result.stdout


def test_python_dash_m_builder_reports_a_broken_course(tmp_path: Path) -> None:
    course = Path(shutil.copytree(MINI, tmp_path / "kursus"))
    (course / "course.yaml").write_text(
        (course / "course.yaml").read_text().replace("jp: 1\n", "jp: -1\n"))
    result = subprocess.run([sys.executable, "-m", "builder", "--lang", "en", "check",
                             str(course)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == ("course.yaml:13:1: error[negative-number]: 'jp' cannot be negative\n"
                             "1 error(s), 0 warning(s)\n")


@pytest.mark.parametrize("argv", [
    [],                                        # no command
    ["bangun"],                                # unknown command
    ["--lang", "fr", "build"],                 # unknown language
    ["build", "--target", "pdf"],              # unknown target
    ["check", "--upload-budget", "banyak"],    # not a number
    ["new"],                                   # no folder
])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("usage: coursepack")


def test_messages_follow_the_course_language_unless_lang_is_given(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = Path(shutil.copytree(MINI, tmp_path / "kursus"))
    (course / "course.yaml").write_text(
        (course / "course.yaml").read_text().replace("jp: 1\n", "jp: -1\n"))
    assert run(capsys, "check", str(course)) == (
        1, "", "course.yaml:13:1: error[negative-number]: 'jp' tidak boleh negatif\n"
               "1 galat, 0 peringatan\n")
    assert run(capsys, "--lang", "en", "check", str(course))[2].endswith(
        "'jp' cannot be negative\n1 error(s), 0 warning(s)\n")
    (course / "course.yaml").write_text(
        (course / "course.yaml").read_text().replace("language: id\n", "language: en\n"))
    assert run(capsys, "check", str(course))[2].endswith("1 error(s), 0 warning(s)\n")


def test_check_of_a_folder_without_a_course(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--lang", "en", "check", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == (f"course.yaml: error[no-course-file]: there is no course.yaml in {tmp_path}\n"
                   "  hint: run 'coursepack new <folder>' to start a course, or pass the right "
                   "folder\n1 error(s), 0 warning(s)\n")


def test_check_warnings_pass_unless_strict(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    course = Path(shutil.copytree(MINI, tmp_path / "kursus"))
    page = course / "modules" / "01-pengantar.md"
    page.write_text(page.read_text().replace("Halaman pembuka modul.",
                                             "Halaman pembuka modul. <script>x()</script>"))
    warning = ("modules/01-pengantar.md:14:1: warning[unsafe-html]: a <script> element in the "
               "page 'pengantar' is removed\n"
               "  hint: course text may use Markdown and simple HTML only\n"
               "0 error(s), 1 warning(s)\n")
    assert run(capsys, "--lang", "en", "check", str(course)) == (0, f"{course}: ok\n", warning)
    assert run(capsys, "--lang", "en", "check", str(course), "--strict") == (1, "", warning)


def test_cmi5_base_iri_option_sets_the_ids_and_refuses_a_bad_iri(tmp_path: Path) -> None:
    import subprocess as _sp
    import sys as _sys
    import zipfile as _zip

    mini = Path(__file__).parent / "courses" / "mini"
    run = [_sys.executable, "-m", "builder", "--lang", "en", "build", str(mini), "-o",
           str(tmp_path / "dist"), "--target", "cmi5"]
    ok = _sp.run([*run, "--cmi5-base-iri", "https://bpsdm.example.go.id/xapi/mini"],
                 capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    with _zip.ZipFile(tmp_path / "dist" / "kursus-mini-cmi5.zip") as archive:
        xml = archive.read("cmi5.xml").decode()
    assert 'id="https://bpsdm.example.go.id/xapi/mini/au/kursus-mini"' in xml
    bad = _sp.run([*run, "--cmi5-base-iri", "bukan iri"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--cmi5-base-iri must be an absolute IRI" in bad.stderr


def test_the_folder_you_stand_in_is_the_course_when_it_has_no_course_src(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "kursus"
    assert run(capsys, "new", str(folder))[0] == 0
    monkeypatch.chdir(folder)
    code, out, err = run(capsys, "--lang", "en", "check")
    assert (code, out) == (0, ".: ok\n")
    code, out, _ = run(capsys, "build", "--target", "offline", "-o", str(tmp_path / "dist"))
    assert code == 0 and (tmp_path / "dist" / "build-report.json").is_file()
    shutil.copytree(MINI, folder / "course_src")  # course_src/ wins when it exists
    code, out, _ = run(capsys, "--lang", "en", "check")
    assert (code, out) == (0, "course_src: ok\n")


def test_version_is_the_package_version_and_loads_no_renderer() -> None:
    from builder import __version__

    probe = ("import sys; from builder.cli import main\n"
             "try: main(['--version'])\nexcept SystemExit: pass\n"
             "heavy = {'jinja2', 'lxml', 'markdown', 'nh3', 'yaml', 'builder.render'}\n"
             "print(sorted(heavy & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout == f"coursepack {__version__}\n[]\n"


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_import_no_builder_stack(option: str) -> None:
    """The console script's `--version` and `--help` load no renderer, parser or diagnostics."""
    probe = ("import sys\nsys.argv = ['coursepack', sys.argv[1]]\n"
             "from builder.__main__ import run\n"
             "try: run()\nexcept SystemExit as exc: code = exc.code\n"
             "heavy = {'jinja2', 'markdown', 'lxml', 'nh3', 'babel', 'yaml', 'dataclasses',\n"
             "         'msgspec', 'builder.render', 'builder.errors', 'builder.messages',\n"
             "         'builder.model'}\n"
             "print('loaded:', code, sorted(heavy & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe, option], capture_output=True, text=True,
                          check=True)
    assert done.stdout.splitlines()[-1] == "loaded: 0 []"
    assert "coursepack" in done.stdout


def test_a_build_makes_no_dataclass(tmp_path: Path) -> None:
    """The records a build reads and makes are msgspec Structs, whose classes are made in C: the
    standard library's dataclasses spent about 50 ms of every start-up making some 70 classes.
    (The module itself may load: Jinja's i18n extension imports pprint, which imports it.)"""
    probe = ("import sys, dataclasses\n"
             "made = []\n"
             "process = dataclasses._process_class\n"
             "def recorded(cls, *args, **kwargs):\n"
             "    made.append(f'{cls.__module__}.{cls.__qualname__}')\n"
             "    return process(cls, *args, **kwargs)\n"
             "dataclasses._process_class = recorded\n"
             "from builder.cli import main\n"
             "code = main(['build', sys.argv[1], '-o', sys.argv[2]])\n"
             "print('built:', code, [name for name in made if name.startswith('builder')])")
    done = subprocess.run([sys.executable, "-c", probe, str(MINI), str(tmp_path / "dist")],
                          capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "built: 0 []"
    assert (tmp_path / "dist" / "build-report.json").is_file()


# ==================================================================================================
# The command line's own lines follow the message language: --lang, else the course's language
# ==================================================================================================

MINI_EN = Path(__file__).parent / "courses" / "mini-en"
BUILD_LINES = frozenset({"built", "moodle-settings", "moodle-grade", "moodle-final",
                         "moodle-display"})


def coursepack(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The real `coursepack` command (python -m builder), in its own process."""
    return subprocess.run([sys.executable, "-m", "builder", *argv], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize(("course", "lang", "other"), [(MINI, "id", "en"), (MINI_EN, "en", "id")])
def test_the_build_summary_and_check_speak_the_courses_language(
        course: Path, lang: str, other: str, tmp_path: Path) -> None:
    from support.catalog import matches

    built = coursepack("build", str(course), "-o", str(tmp_path / "dist"), "--target", "scorm12",
                       "--target", "offline")
    assert (built.returncode, built.stderr) == (0, "")
    lines = built.stdout.splitlines()
    assert len(lines) == 3 + 4, lines  # scorm12, offline zip and folder; the Moodle settings
    for line in lines:
        assert matches(line, BUILD_LINES, lang) and not matches(line, BUILD_LINES, other), line
    sizes = [re.search(r"\((\S+) ", line)[1] for line in lines[:3]]  # type: ignore[index]
    grouping = {"id": r"\d{1,3}(\.\d{3})+", "en": r"\d{1,3}(,\d{3})+"}[lang]
    assert all(re.fullmatch(grouping, size) for size in sizes), sizes  # the language's 12.345
    checked = coursepack("check", str(course))
    assert (checked.returncode, checked.stderr) == (0, "")
    assert matches(checked.stdout.rstrip("\n"), {"check-ok"}, lang)
    assert not matches(checked.stdout.rstrip("\n"), {"check-ok"}, other)
    asked = coursepack("--lang", other, "check", str(course))  # --lang wins over the course
    assert matches(asked.stdout.rstrip("\n"), {"check-ok"}, other)


def test_one_file_or_attempt_is_said_in_the_singular_and_numbers_are_grouped() -> None:
    from builder.cli import built_line
    from builder.messages import number, render

    assert built_line(Path("x.zip"), 1234567, 1, "en") == "built x.zip (1,234,567 bytes, 1 file)"
    assert built_line(Path("x.zip"), 999, 2, "en") == "built x.zip (999 bytes, 2 files)"
    assert built_line(Path("x.zip"), 1234567, 2, "id") == \
        "dibangun: x.zip (1.234.567 bita, 2 berkas)"
    assert render("moodle-attempts", {"count": 1})[0] == "1 attempt"
    assert render("moodle-attempts", {"count": "3"})[0] == "3 attempts"  # a diagnostic's digits
    assert (number(1000, "id"), number(1000, "en"), number(12, "id")) == ("1.000", "1,000", "12")


def test_new_says_so_in_the_new_courses_language(tmp_path: Path) -> None:
    from support.catalog import matches

    made = coursepack("new", str(tmp_path / "kursus"))
    assert made.returncode == 0 and matches(made.stdout.rstrip("\n"), {"new-created"}, "id")
    made = coursepack("--lang", "en", "new", str(tmp_path / "course"))
    assert made.stdout == (f"created a new course in {tmp_path / 'course'}; build it with: "
                           f"coursepack build {tmp_path / 'course'}\n")


def test_a_stop_while_starting_takes_the_language_main_would(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from builder.cli import stop_language

    assert stop_language(["check", str(MINI)]) == "id"
    assert stop_language(["check", str(MINI_EN)]) == "en"
    assert stop_language(["--lang", "en", "build", str(MINI)]) == "en"
    assert stop_language(["--lang", "id", "check", str(MINI_EN)]) == "id"
    assert stop_language(["build", "--no-such-option"]) == "en"
    assert stop_language(["--help"]) == "en"
    assert capsys.readouterr() == ("", "")  # argparse's complaint and help are not shown


@pytest.mark.parametrize(("course", "lang"), [(MINI, "id"), (MINI_EN, "en")])
def test_ctrl_c_while_the_command_line_is_imported_speaks_the_courses_language(
        course: Path, lang: str) -> None:
    from support.catalog import forms

    # Ctrl-C arrives exactly while builder.cli is being imported (the first time only).
    probe = ("import sys\n"
             "class CtrlC:\n"
             "    fired = False\n"
             "    def find_spec(self, name, path, target=None):\n"
             "        if name == 'builder.cli' and not CtrlC.fired:\n"
             "            CtrlC.fired = True\n"
             "            raise KeyboardInterrupt\n"
             "sys.meta_path.insert(0, CtrlC())\n"
             f"sys.argv = ['coursepack', 'check', {str(course)!r}]\n"
             "from builder.__main__ import run\n"
             "run()\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    said = forms("stopped", lang)[0].format(signal="Ctrl-C")
    assert (done.returncode, done.stdout, done.stderr) == (130, "", f"coursepack: {said}\n")


def test_the_internal_error_line_speaks_the_courses_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from support.catalog import forms

    from builder import build as build_module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the renderer fell over")

    monkeypatch.setattr(build_module, "render_learner_edition", broken)  # a bug, on purpose
    for course, lang in ((MINI, "id"), (MINI_EN, "en")):
        code, out, err = run(capsys, "build", str(course), "-o", str(tmp_path / "dist"))
        said = forms("internal-error", lang)[0].format(error="RuntimeError: the renderer fell over")
        assert (code, out, err) == (3, "", f"coursepack: {said}\n")
