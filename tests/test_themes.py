"""Themes: a course overrides or extends built-in templates; brand colour and logo, checked."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from builder.build import BuildOptions, build, check_course
from builder.cli import main
from builder.errors import CourseError
from builder.validate import contrast

MINI = Path(__file__).parent / "courses" / "mini"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini course."""
    return Path(shutil.copytree(MINI, tmp_path / "mini"))


def index_html(dist: Path) -> str:
    """index.html of the built SCORM zip."""
    with zipfile.ZipFile(dist / "kursus-mini-scorm12.zip") as archive:
        return archive.read("index.html").decode()


def test_a_course_template_extends_the_builtin_one(mini: Path, tmp_path: Path) -> None:
    folder = mini / "templates" / "learner"
    folder.mkdir(parents=True)
    (folder / "index.html.j2").write_text(
        '{% extends "builtin/learner/index.html.j2" %}\n'
        '{% block footer %}<footer class="cp-footer"><p>Pusat Pelatihan Contoh</p></footer>'
        '{% endblock %}')
    build(mini, tmp_path / "dist", BuildOptions(targets=("scorm12",)))
    html = index_html(tmp_path / "dist")
    assert "Pusat Pelatihan Contoh" in html
    assert "Penyusun: Tim Uji" not in html
    assert 'id="cp-data"' in html  # the rest of the built-in page is kept


def test_a_course_template_replaces_a_builtin_one(mini: Path, tmp_path: Path) -> None:
    folder = mini / "templates" / "facilitator"
    folder.mkdir(parents=True)
    (folder / "handout.html.j2").write_text("<p>Handout {{ course.title }} versi lembaga</p>")
    build(mini, tmp_path / "dist", BuildOptions(targets=("facilitator",)))
    handout = (tmp_path / "dist" / "kursus-mini-facilitator" / "bahan-peserta.html").read_text()
    assert handout == "<p>Handout Kursus Mini versi lembaga</p>"


def test_brand_colour_and_logo_reach_the_package(mini: Path, tmp_path: Path) -> None:
    (mini / "assets").mkdir()
    (mini / "assets" / "logo.png").write_bytes(PNG)
    with (mini / "course.yaml").open("a") as course_file:
        course_file.write("brand:\n  logo: assets/logo.png\n  primary_colour: '#7a1f5c'\n")
    build(mini, tmp_path / "dist", BuildOptions(targets=("scorm12",)))
    html = index_html(tmp_path / "dist")
    assert "--ac:#7a1f5c" in html and 'src="media/logo.png"' in html
    with zipfile.ZipFile(tmp_path / "dist" / "kursus-mini-scorm12.zip") as archive:
        assert archive.read("media/logo.png") == PNG
        assert 'href="media/logo.png"' in archive.read("imsmanifest.xml").decode()


def test_a_pale_brand_colour_fails_the_build_with_its_contrast(mini: Path) -> None:
    with (mini / "course.yaml").open("a") as course_file:
        course_file.write("brand:\n  primary_colour: '#f0a030'\n")
    with pytest.raises(CourseError) as caught:
        check_course(mini)
    assert [d.format() for d in caught.value.diagnostics] == [
        "course.yaml:18:3: error[brand-contrast]: the primary colour #f0a030 has a contrast of "
        "1.96:1 against the light panels; WCAG AA needs 4.5:1\n"
        "  hint: choose a darker colour",
        "course.yaml:18:3: error[brand-contrast]: the primary colour #f0a030 has a contrast of "
        "2.15:1 against white text and backgrounds; WCAG AA needs 4.5:1\n"
        "  hint: choose a darker colour"]


def test_contrast_matches_the_wcag_formula() -> None:
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    # the reference greys: #767676 is the lightest grey that passes AA on white, #777777 fails
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


@pytest.mark.parametrize("leak", [
    "{{ course.modules[0].notes.markdown }}",
    "{% for s in screens if s.quiz %}{{ s.quiz.questions[0].correct_ids }}{% endfor %}",
    "{{ modules[0].notes }}",
])
def test_a_theme_that_prints_notes_or_answers_fails_located_and_writes_nothing(
        mini: Path, tmp_path: Path, leak: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = mini / "templates" / "learner"
    folder.mkdir(parents=True)
    (folder / "index.html.j2").write_text(
        '{% extends "builtin/learner/index.html.j2" %}\n'
        f'{{% block footer %}}<footer>{leak}</footer>{{% endblock %}}\n')
    dist = tmp_path / "dist"
    with pytest.raises(CourseError) as caught:
        build(mini, dist, BuildOptions(targets=("scorm12",)))
    (problem,) = caught.value.diagnostics
    assert (problem.code, problem.path, problem.line) == (
        "template-error", "templates/learner/index.html.j2", 2)
    assert not dist.exists()
    assert main(["--lang", "en", "build", str(mini), "-o", str(dist)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("templates/learner/index.html.j2:2:") and "Traceback" not in err
    assert not dist.exists()
