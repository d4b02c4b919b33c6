"""The whole build: packages, report, reproducibility, and an untouched dist/ on errors."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import markdown
import pytest

from builder.cli import main
from builder.load import load_course

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "courses" / "mini"
COURSE = ROOT / "course_src"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The article course built once into a temporary dist/."""
    dist = tmp_path_factory.mktemp("built") / "dist"
    assert main(["build", str(COURSE), "-o", str(dist)]) == 0
    return dist


def zip_texts(path: Path) -> dict[str, str]:
    """Every text file in a zip, decoded."""
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist()
                if n.endswith((".html", ".js", ".css", ".xml", ".txt", ".json"))}


def test_build_writes_every_package_and_the_report(built: Path) -> None:
    names = sorted(p.name for p in built.iterdir())
    assert names == [".coursepack", "build-report.json", "pemimpin-asn-digital-cmi5.zip",
                     "pemimpin-asn-digital-facilitator",
                     "pemimpin-asn-digital-offline", "pemimpin-asn-digital-offline.zip",
                     "pemimpin-asn-digital-scorm12.zip", "pemimpin-asn-digital-scorm2004.zip"]
    report = json.loads((built / "build-report.json").read_text())
    by_target = {a["target"]: a for a in report["artifacts"]}
    assert set(by_target) == {"scorm12", "scorm2004", "cmi5", "offline", "offline-folder",
                              "facilitator-folder"}
    scorm = by_target["scorm12"]
    data = (built / "pemimpin-asn-digital-scorm12.zip").read_bytes()
    assert scorm["bytes"] == len(data)
    assert scorm["file_count"] == len(zipfile.ZipFile(built / "pemimpin-asn-digital-scorm12.zip")
                                      .namelist())
    figures = report["figures"]
    assert figures["modules"] == 4 and figures["final_questions"] >= 12
    assert 0 < figures["suspend_data_worst_case"] <= 4096


def test_scorm_zip_has_the_manifest_first_and_only_course_files(built: Path) -> None:
    names = zipfile.ZipFile(built / "pemimpin-asn-digital-scorm12.zip").namelist()
    assert names[0] == "imsmanifest.xml"
    assert "index.html" in names
    assert not [n for n in names if n.endswith((".md", ".yaml", ".py", ".j2", ".xsd"))]


def test_two_builds_give_byte_identical_zips(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert main(["build", str(MINI), "-o", str(tmp_path / name)]) == 0
    for zip_name in ("kursus-mini-scorm12.zip", "kursus-mini-scorm2004.zip",
                     "kursus-mini-offline.zip"):
        assert (tmp_path / "a" / zip_name).read_bytes() == (tmp_path / "b" / zip_name).read_bytes()
    report_a = json.loads((tmp_path / "a" / "build-report.json").read_text())
    report_b = json.loads((tmp_path / "b" / "build-report.json").read_text())
    assert [a["sha256"] for a in report_a["artifacts"]] == [a["sha256"] for a in report_b["artifacts"]]


def test_a_broken_course_leaves_dist_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                               ) -> None:
    source = Path(shutil.copytree(MINI, tmp_path / "src"))
    dist = tmp_path / "dist"
    assert main(["build", str(source), "-o", str(dist)]) == 0
    before = {p: p.read_bytes() for p in dist.rglob("*") if p.is_file()}
    quiz = source / "quizzes" / "akhir.yaml"
    quiz.write_text(quiz.read_text().replace("pass_mark: 50", "pass_mark: 0"))
    capsys.readouterr()
    assert main(["build", str(source), "-o", str(dist)]) == 1
    err = capsys.readouterr().err
    assert "quizzes/akhir.yaml:4:1: error[pass-mark-range]" in err
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in dist.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".coursepack")] == []


def plain(html_text: str) -> str:
    """Visible text of HTML, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def test_facilitator_notes_are_in_the_pack_and_in_no_learner_package(built: Path) -> None:
    course, _ = load_course(COURSE)
    assert course is not None
    pack = plain("\n".join(p.read_text("utf-8") for p in
                            (built / "pemimpin-asn-digital-facilitator").rglob("*.html")))
    learner = [zip_texts(built / f"pemimpin-asn-digital-{t}.zip")
               for t in ("scorm12", "scorm2004", "offline")]
    learner.append({str(p): p.read_text("utf-8") for p in
                    (built / "pemimpin-asn-digital-offline").rglob("*") if p.is_file()})
    learner_text = plain("\n".join(t for files in learner for t in files.values()))
    checked = 0
    for module in course.modules:
        assert module.notes is not None
        for line in module.notes.markdown.splitlines():
            text = plain(markdown.markdown(re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line)))
            if len(text) < 30 or line.startswith("#"):
                continue
            assert text in pack, text
            assert text not in learner_text, text
            checked += 1
    assert checked > 20


def test_correct_answers_and_feedback_are_not_plain_text_in_learner_packages(built: Path) -> None:
    course, _ = load_course(COURSE)
    assert course is not None
    learner_text = "\n".join(zip_texts(built / "pemimpin-asn-digital-scorm12.zip").values())
    for quiz in course.quizzes:
        for question in quiz.questions:
            for choice in question.choices:
                assert choice.feedback[:30] not in learner_text
    index = zip_texts(built / "pemimpin-asn-digital-scorm12.zip")["index.html"]
    data = json.loads(re.search(r'id="cp-data">(.*?)</script>', index, re.S)[1])
    base = {"id", "iid", "quiz", "final", "type", "choices", "rids", "check", "feedback",
            "module"}  # module: the results chart's grouping
    for entry in data["questions"].values():
        # multiple response: a hash per choice (partial credit), see tests/test_question_types.py;
        # "answer": the correct answer, obfuscated like feedback, only where the quiz ever shows it
        # sorting, ordering and matching: their parts, targets, per-part checks, obfuscated key and
        # display texts (docs/runtime.md)
        if entry["type"] in ("sorting", "ordering", "matching"):
            assert base <= set(entry) and set(entry) - base <= {"parts", "targets", "checks",
                                                                "key", "texts"}
        else:
            assert set(entry) - {"answer"} == base | (
                {"checks"} if entry["type"] == "multiple" else set())


@pytest.mark.slow
def test_wheel_ships_templates_and_schemas(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                             str(tmp_path), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "builder/templates/learner/index.html.j2" in names
    assert "builder/templates/facilitator/rencana-sesi.html.j2" in names
    assert "builder/schemas/scorm12/imscp_rootv1p1p2.xsd" in names


def test_every_package_shares_the_course_content_byte_for_byte(built: Path) -> None:
    contents = []
    for target in ("scorm12", "scorm2004", "offline"):
        with zipfile.ZipFile(built / f"pemimpin-asn-digital-{target}.zip") as archive:
            contents.append({n: archive.read(n) for n in archive.namelist()
                             if n not in ("imsmanifest.xml", "assets/js/adapter.js", "BACA-SAYA.txt")})
    assert contents[0] == contents[1] == contents[2]
    assert "index.html" in contents[0]


def test_the_architecture_page_maps_every_builder_module() -> None:
    root = Path(__file__).resolve().parents[1]
    page = (root / "docs" / "architecture.md").read_text("utf-8")
    modules = sorted(p.relative_to(root).as_posix() for p in (root / "builder").rglob("*.py"))
    assert [m for m in modules if f"| `{m}` |" not in page] == []


def test_the_pass_mark_is_one_value_with_one_form_per_standard() -> None:
    from builder.resolve import PassMark

    assert [(m.scorm12(), m.scorm2004(), m.cmi5(), str(m)) for m in
            (PassMark(70), PassMark(67), PassMark(100), PassMark(0))] == [
        ("70", "0.70", "0.7", "70"), ("67", "0.67", "0.67", "67"), ("100", "1.00", "1", "100"),
        ("0", "0.00", "0", "0")]


def test_the_resolved_course_gives_the_one_order_every_output_uses(built: Path) -> None:
    from builder.resolve import resolve

    course, _ = load_course(COURSE)
    assert course is not None
    resolved = resolve(course)
    checks = [m.quiz.id for m in resolved.modules if m.quiz]
    assert [q.id for q in resolved.quizzes] == checks + [course.final_assessment_id]
    assert [s.id for s in resolved.screens if s.kind == "quiz"] == [q.id for q in resolved.quizzes]
    figures = json.loads((built / "build-report.json").read_text("utf-8"))["figures"]
    assert (figures["screens"], figures["quizzes"], figures["pass_mark"]) == (
        len(resolved.screens), len(resolved.quizzes), resolved.pass_mark.percent)
    gift = (built / "pemimpin-asn-digital-facilitator" / "bank-soal" / "gift.txt").read_text()
    categories = [line.rsplit("/", 1)[1] for line in gift.splitlines()
                  if line.startswith("$CATEGORY:")]
    assert categories == [" ".join(q.title.split()) for q in resolved.quizzes]


def test_every_target_is_registered_once_in_command_line_order() -> None:
    from builder.targets import ALL_TARGETS
    from builder.targets.registry import TARGETS

    assert tuple(TARGETS) == ALL_TARGETS
    assert {n for n, t in TARGETS.items() if t.learner} == {"scorm12", "scorm2004", "cmi5",
                                                            "offline"}
    assert all(t.zip or t.folder for t in TARGETS.values())
    assert {n: t.standard for n, t in TARGETS.items() if t.manifest} == {
        "scorm12": "scorm12", "scorm2004": "scorm2004", "cmi5": "cmi5"}


def test_the_correct_answer_ships_only_where_the_settings_ever_show_it(tmp_path: Path) -> None:
    """show_answers: never leaves the correct answer out of the package (nothing to decode)."""
    mini = shutil.copytree(MINI, tmp_path / "mini")
    quiz = mini / "quizzes" / "akhir.yaml"
    quiz.write_text(quiz.read_text("utf-8").replace("show_answers: after-last-attempt",
                                                    "show_answers: never"), "utf-8")
    assert main(["build", str(mini), "-o", str(tmp_path / "dist"), "--target", "scorm12"]) == 0
    index = zip_texts(tmp_path / "dist" / "kursus-mini-scorm12.zip")["index.html"]
    data = json.loads(re.search(r'id="cp-data">(.*?)</script>', index, re.S)[1])
    final = [q for q in data["questions"].values() if q["final"]]
    checks = [q for q in data["questions"].values() if not q["final"]]
    assert final and all("answer" not in q for q in final)
    # the check shows answers after the try: choice questions carry it; sorting, ordering and
    # matching questions always carry their key (obfuscated) for the LMS's correct-response pattern
    assert checks and all("answer" in q or "key" in q for q in checks)
    assert data["quizzes"]["akhir"]["answers"] == "never"
