"""Usage mistakes: exit 2, one line with a hint, nothing written; and output folders that are ours."""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import pytest
from support.dist import MINI, PYTHON, ROOT, assert_consistent, reported, run_build, snapshot

from builder.cli import main
from builder.package import MARKER, REPORT_NAME


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run the command line; it must fail as a usage mistake with one line; return that line."""
    capsys.readouterr()
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    assert (code, out) == (2, ""), err
    assert err.startswith("coursepack: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err and "internal error" not in err
    return err.removeprefix("coursepack: ").removesuffix("\n")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with the mini course in `kursus/` and a canary file beside it."""
    shutil.copytree(MINI, tmp_path / "kursus")
    (tmp_path / "canary.txt").write_text("tidak boleh berubah")
    return tmp_path


def test_an_output_folder_that_is_a_file(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = work / "dist.zip"
    target.write_bytes(b"bukan folder")
    before = snapshot(work, work / "none")
    assert usage_error(capsys, "build", str(work / "kursus"), "-o", str(target)) == (
        f"the output folder {target} is a file; pass a folder with -o, e.g. -o dist")
    assert snapshot(work, work / "none") == before


def test_the_root_of_the_file_system_is_refused(work: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert usage_error(capsys, "build", str(work / "kursus"), "-o", "/") == (
        "refusing to write into /: it is the root of the file system; pass a folder of its own "
        "with -o, e.g. -o /dist")


def test_the_home_folder_is_refused(work: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    home = work / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    assert usage_error(capsys, "build", str(work / "kursus"), "-o", f"{home}/.") == (
        f"refusing to write into {home}: it is your home folder; pass a folder of its own with "
        f"-o, e.g. -o {home}/dist")
    assert list(home.iterdir()) == []


def test_a_folder_in_the_course_is_refused_by_its_real_path(
        work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = work / "kursus"
    before = snapshot(work, work / "none")
    for out in (course, course / "dist", course / "modules"):
        assert usage_error(capsys, "build", str(course), "-o", str(out)).startswith(
            f"refusing to write into {out}: it is inside the course folder {course}; ")
    (work / "pintasan").symlink_to(course / "modules")  # a link that leads into the course
    before = snapshot(work, work / "none")
    assert usage_error(capsys, "build", str(course), "-o", str(work / "pintasan")).startswith(
        f"refusing to write into {work / 'pintasan'}: it is inside the course folder")
    assert snapshot(work, work / "none") == before


def test_a_folder_holding_the_course_is_refused(work: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(work)
    before = snapshot(work, work / "none")
    assert usage_error(capsys, "build", "kursus", "-o", ".") == (
        "refusing to write into .: the course folder kursus is inside it; pass a new folder "
        "with -o, e.g. -o dist")
    assert snapshot(work, work / "none") == before


def test_a_folder_that_coursepack_did_not_make_is_refused(
        work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = work / "laporan"
    other.mkdir()
    (other / "catatan.txt").write_text("milik orang lain")
    assert usage_error(capsys, "build", str(work / "kursus"), "-o", str(other)) == (
        f"refusing to write into {other}: it is not empty and coursepack did not make it; pass "
        "a new or empty folder with -o (coursepack marks its own output folders with a "
        ".coursepack file)")
    assert [p.name for p in other.iterdir()] == ["catatan.txt"]


def test_a_new_an_empty_and_an_earlier_output_folder_are_ours(work: Path) -> None:
    empty = work / "kosong"
    empty.mkdir()
    for out in (work / "baru" / "dist", empty):
        assert run_build(work / "kursus", out).returncode == 0
        assert (out / MARKER).is_file()
        assert_consistent(out)
    # a dist/ written before the marker existed is recognised by its build report
    (empty / MARKER).unlink()
    (empty / "catatan.txt").write_text("milik pengguna, tidak disentuh")
    result = run_build(work / "kursus", empty)
    assert result.returncode == 0, result.stderr
    assert (empty / MARKER).is_file() and (empty / "catatan.txt").read_text().endswith("disentuh")


def test_repeated_targets_are_one_target(work: Path) -> None:
    dist = work / "dist"
    for _ in range(2):
        result = run_build(work / "kursus", dist, "--target", "offline", "--target", "offline")
        assert result.returncode == 0, result.stderr
        assert result.stdout.count("kursus-mini-offline.zip") == 1
    assert sorted(reported(dist)) == ["kursus-mini-offline", "kursus-mini-offline.zip"]
    assert_consistent(dist)


def test_building_some_targets_keeps_the_others_in_the_report(work: Path) -> None:
    dist = work / "dist"
    assert run_build(work / "kursus", dist).returncode == 0
    everything = assert_consistent(dist)
    yaml = work / "kursus" / "course.yaml"
    yaml.write_text(yaml.read_text().replace("title: Kursus Mini\n", "title: Kursus Baru\n"))
    assert run_build(work / "kursus", dist, "--target", "scorm12").returncode == 0
    now = assert_consistent(dist)
    assert set(now) == set(everything)
    assert [n for n in now if now[n] != everything[n]] == ["kursus-mini-scorm12.zip"]
    # an artifact changed by hand is no longer vouched for
    (dist / "kursus-mini-cmi5.zip").write_bytes(b"diubah")
    assert run_build(work / "kursus", dist, "--target", "scorm12").returncode == 0
    assert "kursus-mini-cmi5.zip" not in reported(dist)
    report = json.loads((dist / REPORT_NAME).read_text())
    assert report["course"]["title"] == "Kursus Baru"


def test_new_on_a_file_or_where_nothing_can_be_made(
        work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = work / "canary.txt"
    assert usage_error(capsys, "new", str(plain)) == f"{plain} is a file; choose a new folder"
    assert usage_error(capsys, "new", str(plain / "kursus")) == (
        f"cannot create {plain / 'kursus'}: Not a directory; choose a folder you can write to")
    assert usage_error(capsys, "new", "/proc/kursus-baru").startswith(
        "cannot create /proc/kursus-baru: ")
    assert plain.read_text() == "tidak boleh berubah"


@pytest.mark.parametrize("port", ["99999", "-1", "65536"])
def test_preview_on_a_port_that_does_not_exist(port: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert usage_error(capsys, "preview", str(MINI), "--port", port) == (
        f"--port {port} is not a port number; use 1 to 65535, or 0 to pick a free one")


def test_preview_on_a_port_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert usage_error(capsys, "preview", str(MINI), "--port", str(port)) == (
            f"cannot listen on 127.0.0.1:{port}: Address already in use; choose another port "
            "with --port, or --port 0 to pick a free one")


@pytest.mark.parametrize("value", ["bukan iri", "/xapi/kursus", "https://x.example/a?b=1"])
def test_a_bad_cmi5_base_iri_from_the_environment_or_the_option(
        value: str, work: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSEPACK_CMI5_BASE_IRI", value)
    dist = work / "dist"
    assert usage_error(capsys, "build", str(work / "kursus"), "-o", str(dist)) == (
        "COURSEPACK_CMI5_BASE_IRI must be an absolute IRI without query or fragment, like "
        f"https://example.org/xapi/course; got '{value}'")
    monkeypatch.delenv("COURSEPACK_CMI5_BASE_IRI")
    assert usage_error(capsys, "build", str(work / "kursus"), "-o", str(dist),
                       "--cmi5-base-iri", value).startswith("--cmi5-base-iri must be an absolute")
    assert not dist.exists()


def test_the_cmi5_base_iri_reaches_the_package_without_changing_the_environment(
        work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import zipfile

    monkeypatch.delenv("COURSEPACK_CMI5_BASE_IRI", raising=False)
    code = main(["build", str(work / "kursus"), "-o", str(work / "dist"), "--target", "cmi5",
                 "--cmi5-base-iri", "urn:x-pusdiklat:mini"])
    assert code == 0 and "COURSEPACK_CMI5_BASE_IRI" not in os.environ
    xml = zipfile.ZipFile(work / "dist" / "kursus-mini-cmi5.zip").read("cmi5.xml").decode()
    assert '<course id="urn:x-pusdiklat:mini">' in xml


@pytest.mark.parametrize("value", ["kemarin", "-5", "1e9", "1700000000.5", "99999999999"])
def test_a_bad_source_date_epoch(value: str, work: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert usage_error(capsys, "build", str(work / "kursus"), "-o", str(work / "dist")) == (
        "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 before the year "
        f"2108; got '{value}'; unset it, or set it like SOURCE_DATE_EPOCH=$(git log -1 "
        "--format=%ct)")
    assert not (work / "dist").exists()


def test_a_good_source_date_epoch_dates_the_zip_entries(work: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    assert main(["build", str(work / "kursus"), "-o", str(work / "dist"), "--target",
                 "scorm12"]) == 0
    info = zipfile.ZipFile(work / "dist" / "kursus-mini-scorm12.zip").infolist()[0]
    assert info.date_time == (2023, 11, 14, 22, 13, 20)


def test_usage_messages_follow_the_course_language(work: Path) -> None:
    target = work / "canary.txt"
    result = subprocess.run([PYTHON, "-m", "builder", "build", str(work / "kursus"), "-o",
                             str(target)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr == (f"coursepack: folder keluaran {target} adalah berkas; sebut sebuah "
                             "folder dengan -o, misalnya -o dist\n")


@pytest.mark.parametrize(("sig", "code", "said"), [(signal.SIGINT, 130, "Ctrl-C"),
                                                    (signal.SIGTERM, 143, "SIGTERM")])
def test_preview_stops_with_one_line(sig: int, code: int, said: str) -> None:
    process = subprocess.Popen([PYTHON, "-m", "builder", "--lang", "en", "preview", str(MINI),
                                "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert process.stdout is not None
    while not (line := process.stdout.readline()).startswith("preview: http://127.0.0.1:"):
        assert line, "the preview ended before serving"
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (code, f"coursepack: stopped by {said}\n")


def test_every_command_line_message_is_in_the_catalog_in_both_languages() -> None:
    from builder.errors import COMMAND_CODES
    from builder.messages import CATALOG

    assert COMMAND_CODES <= set(CATALOG)
    for code in COMMAND_CODES:
        entry = CATALOG[code]
        assert entry.en and entry.id and entry.en != entry.id, code
        assert bool(entry.en_hint) == bool(entry.id_hint), code


@pytest.mark.parametrize(("course", "quiz", "lang"), [
    (MINI, "akhir.yaml", "id"), (ROOT / "tests" / "courses" / "mini-en", "final.yaml", "en")])
def test_preview_speaks_the_courses_language(course: Path, quiz: str, lang: str,
                                             tmp_path: Path) -> None:
    import re
    import urllib.request

    from support.catalog import forms, matches

    source = Path(shutil.copytree(course, tmp_path / "src"))
    final = source / "quizzes" / quiz
    good = final.read_text("utf-8")
    final.write_text(good.replace("pass_mark: 50", "pass_mark: 500"), "utf-8")
    process = subprocess.Popen([PYTHON, "-m", "builder", "preview", str(source), "--port", "0"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert process.stdout is not None
    try:
        lines = []
        while not (line := process.stdout.readline()).startswith("preview: http://"):
            assert line, "the preview ended before serving"
            lines.append(line.rstrip("\n"))
        own = [line.removeprefix("preview: ") for line in [*lines, line.rstrip("\n")]
               if line.startswith("preview: ")]
        assert matches(own[0], {"preview-problems"}, lang), own  # the singular: one problem
        assert own[0].startswith("1 ") and own[0] == forms("preview-problems", lang)[0].format(
            count=1)
        assert matches(own[1], {"preview-serving"}, lang), own
        url = re.search(r"http://127\.0\.0\.1:\d+/", own[1])
        assert url is not None
        with urllib.request.urlopen(url[0], timeout=10) as response:
            page = response.read().decode("utf-8")
        title = forms("preview-cannot-build", lang)[0]
        assert f'<html lang="{lang}">' in page and f"<title>{title}</title>" in page
        final.write_text(good, "utf-8")
        rebuilt = process.stdout.readline().rstrip("\n").removeprefix("preview: ")
        assert matches(rebuilt, {"preview-rebuilt"}, lang), rebuilt
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err == f"coursepack: {forms('stopped', lang)[0].format(signal='Ctrl-C')}\n"
