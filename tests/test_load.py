"""Loading course sources into the model, with locations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from msgspec.structs import replace

from builder.errors import error, warning
from builder.load import load_course, slugify, split_front_matter, split_pages
from builder.model import Location
from builder.resolve import resolve

MINI = Path(__file__).parent / "courses" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini course."""
    return Path(shutil.copytree(MINI, tmp_path / "mini"))


def test_mini_course_loads_completely() -> None:
    course, problems = load_course(MINI)
    assert problems == []
    assert course is not None
    assert course.id == "kursus-mini" and resolve(course).pass_mark.percent == 50 and course.jp == 1
    (module,) = course.modules
    assert [p.id for p in module.pages] == ["pengantar", "halaman-kedua"]
    assert module.pages[1].title == "Halaman Kedua"
    assert module.pages[1].first_line == 17
    assert module.reflection is not None and module.reflection.prompts
    assert module.notes is not None and module.notes.minutes == 10
    final = course.final_assessment
    assert final is not None and [q.id for q in final.questions] == ["akhir-satu", "akhir-dua"]
    assert final.questions[1].correct_ids == ("empati", "integritas")


def test_the_model_is_made_of_values() -> None:
    """What `load` makes cannot be changed and compares and hashes by content: two loads of a
    course are equal, `replace` makes a changed copy, diagnostics sort by path, line, column."""
    course, _ = load_course(MINI)
    again, _ = load_course(MINI)
    assert course is not None and again is not None
    assert course == again and course is not again and hash(course) == hash(again)
    with pytest.raises(AttributeError):
        setattr(course, "title", "Lain")
    with pytest.raises(AttributeError):
        setattr(course.modules[0].pages[0].loc, "line", 99)
    renamed = replace(course, title="Lain")
    assert (renamed.title, course.title) == ("Lain", again.title) and renamed != course
    assert renamed.modules is course.modules
    assert {course, again, renamed} == {course, renamed}
    found = [warning(Location("b.md", 1, 1), "x"), error(Location("a.md", 2, 1), "y"),
             error(Location("a.md", 1, 5), "z"), error(Location("a.md", 1, 5), "z")]
    assert [(d.path, d.line, d.code) for d in sorted(set(found))] == [
        ("a.md", 1, "z"), ("a.md", 2, "y"), ("b.md", 1, "x")]


def test_truefalse_gets_language_neutral_true_and_false_choices() -> None:
    # The mini course writes its feedback under the older keys `benar:`/`salah:`; they still work.
    course, _ = load_course(MINI)
    assert course is not None
    quiz = course.quiz("cek-pengantar")
    assert quiz is not None
    question = quiz.questions[0]  # the others sit in a pool (issue 11) or are arranged
    assert question.type == "truefalse"
    assert [(c.id, c.correct) for c in question.choices] == [("true", True), ("false", False)]
    assert [c.text for c in question.choices] == ["Benar", "Salah"]  # labels: the id catalog
    assert question.choices[1].feedback == "Kurang tepat, data membantu."


def test_pages_split_at_level_two_headings_but_not_inside_code() -> None:
    body = "intro\n\n## Satu\nteks\n```\n## bukan judul\n```\n## Dua {#dua-id}\nakhir"
    pages = split_pages("m", "Modul", body, "modules/m.md", 5)
    assert [(p.id, p.title, p.loc.line) for p in pages] == [
        ("m", "Modul", 5), ("satu", "Satu", 7), ("dua-id", "Dua", 12)]
    assert "## bukan judul" in pages[1].markdown


def test_slugify_makes_ids_from_indonesian_headings() -> None:
    assert slugify("Dari Intuisi ke Data (Data Driven)") == "dari-intuisi-ke-data-data-driven"
    assert slugify("2024: Tahun Baru") == "p-2024-tahun-baru"


def test_unclosed_front_matter_is_reported_at_line_one() -> None:
    _, _, _, problems = split_front_matter("---\nid: x\n\nteks", "modules/x.md")
    assert [p.format() for p in problems] == [
        "modules/x.md:1:1: error[front-matter-unclosed]: the front matter is not closed\n"
        "  hint: add a line '---' after the last field of the front matter"]


def test_yaml_error_in_front_matter_has_the_file_line(mini: Path) -> None:
    path = mini / "modules" / "01-pengantar.md"
    path.write_text(path.read_text().replace("title: Pengantar", "title: [Pengantar"))
    _, problems = load_course(mini)
    assert [(p.path, p.line, p.code) for p in problems][:1] == [
        ("modules/01-pengantar.md", 4, "yaml-syntax")]


def test_unknown_field_suggests_the_right_name(mini: Path) -> None:
    path = mini / "course.yaml"
    path.write_text(path.read_text().replace("licence:", "lisence:"))
    _, problems = load_course(mini)
    unknown = [p for p in problems if p.code == "unknown-field"]
    assert [(p.line, p.message, p.hint) for p in unknown] == [
        (11, "unknown field 'lisence' in course file", "did you mean 'licence'?")]


def test_non_utf8_file_is_a_diagnostic(mini: Path) -> None:
    (mini / "quizzes" / "akhir.yaml").write_bytes("id: akhir\ntitle: caf\xe9\n".encode("latin-1"))
    _, problems = load_course(mini)
    assert [(p.path, p.line, p.col, p.code) for p in problems] == [
        ("quizzes/akhir.yaml", 2, 11, "not-utf8")]


def test_nested_yaml_aliases_are_refused_quickly() -> None:
    from builder.yamlsrc import parse_yaml
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdef", "bcdefg"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    data, problems = parse_yaml("\n".join(lines), "x.yaml")
    assert data is None
    assert [p.code for p in problems] == ["yaml-limit"]
    assert "expands to more than 200000 values" in problems[0].message


def test_an_empty_tagged_number_is_a_located_error() -> None:
    from builder.yamlsrc import parse_yaml

    doc, problems = parse_yaml("title: Kursus\njp: !!int \n", "course.yaml")
    assert doc is None
    assert [(d.line, d.code) for d in problems] == [(2, "yaml-syntax")]
