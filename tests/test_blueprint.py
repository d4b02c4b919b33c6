"""The final assessment's blueprint: complete for the article course, warned when incomplete, shown in the pack."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from support.courses import edit, problems_of

from builder.answerkey import opening
from builder.blueprint import MIN_ITEMS, blueprint, decimal, kind_label, option_stats
from builder.build import build
from builder.options import BuildOptions
from builder.load import load_course

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "course_src"
MINI = Path(__file__).parent / "courses" / "mini"




@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini course."""
    return Path(shutil.copytree(MINI, tmp_path / "mini"))


def test_the_article_course_has_a_complete_blueprint() -> None:
    course, problems = load_course(COURSE)
    assert course is not None and problems == []
    final = course.final_assessment
    assert final is not None
    found = blueprint(course)
    assert found is not None and found.complete
    objectives = {(m.id, i) for m in course.modules for i in range(1, len(m.objectives) + 1)}
    assert {(r.module_id, r.index) for r in found.rows} == objectives
    for module in course.modules:  # counted here without the builder's help
        for index in range(1, len(module.objectives) + 1):
            assessing = [q.id for q in final.questions
                         if q.module == module.id and q.objective == index]
            assert len(assessing) >= MIN_ITEMS, (module.id, index, assessing)
    assert all(q.module and q.objective for q in final.questions)


def test_a_complete_blueprint_gives_no_blueprint_warning() -> None:
    assert [p for p in problems_of(COURSE) if "blueprint" in p] == []


def test_once_one_final_question_names_a_module_every_gap_is_a_located_warning(mini: Path) -> None:
    quiz = mini / "quizzes" / "akhir.yaml"
    assert [p for p in problems_of(mini) if "blueprint" in p] == []  # not started: no check
    edit(quiz, "  - id: akhir-satu\n    type: single\n",
         "  - id: akhir-satu\n    type: single\n    module: pengantar\n    objective: 1\n")
    assert [p for p in problems_of(mini) if "blueprint" in p] == [
        "modules/01-pengantar.md:2:1: warning[blueprint-thin]: objective 1 of the module "
        "'pengantar' is assessed by 1 final question; the blueprint needs at least 2\n"
        "  hint: write another final question with `module: pengantar` and `objective: 1`",
        "quizzes/akhir.yaml:20:5: warning[blueprint-unmapped]: the final question 'akhir-dua' "
        "names no module objective\n"
        "  hint: add `module:` and `objective:` (the objective's number in that module); the "
        "blueprint needs every final question mapped",
    ]
    edit(quiz, "  - id: akhir-dua\n    type: multiple\n",
         "  - id: akhir-dua\n    type: multiple\n    module: pengantar\n    objective: 1\n")
    assert [p for p in problems_of(mini) if "blueprint" in p] == []


def test_option_statistics_find_the_strictly_longest_option() -> None:
    course, _ = load_course(COURSE)
    assert course is not None and course.final_assessment is not None
    for question in course.final_assessment.questions:
        stats = option_stats(question)
        lengths = [len(" ".join(c.text.split())) for c in question.choices]
        assert [s.length for s in stats] == lengths
        longest = [s for s in stats if s.longest]
        assert len(longest) <= 1
        if longest:
            assert all(longest[0].length > s.length for s in stats if s is not longest[0])


def test_the_final_does_not_give_its_keys_away() -> None:
    """No option position or length pattern a test-wise learner could lean on."""
    course, _ = load_course(COURSE)
    assert course is not None and course.final_assessment is not None
    found = blueprint(course)
    assert found is not None
    assert not found.longest_flag
    assert not any(crowded for _, _, crowded in found.positions)
    for question in (q for q in course.final_assessment.questions if not q.arranged):
        correct = sum(c.correct for c in question.choices)
        assert question.type == "truefalse" or correct < len(question.choices) - 1 or correct == 1
        wrong = [c for c in question.choices if not c.correct]
        assert question.type == "truefalse" or all(c.kind for c in wrong), question.id
    waiting = [c for q in course.final_assessment.questions for c in q.choices if c.kind == "tunggu"]
    wrong_total = sum(not c.correct for q in course.final_assessment.questions
                      for c in q.choices)
    assert len(waiting) * 6 <= wrong_total  # waiting is one misreading among many, not a third


def plain(text: str) -> str:
    """Visible text of HTML, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def test_the_facilitator_pack_shows_the_blueprint_and_the_item_statistics(tmp_path: Path) -> None:
    build(COURSE, tmp_path / "dist", BuildOptions(targets=("facilitator",)))
    pack = tmp_path / "dist" / "pemimpin-asn-digital-facilitator"
    page = (pack / "kisi-kisi.html").read_text("utf-8")
    text = plain(page)
    course, _ = load_course(COURSE)
    assert course is not None and course.final_assessment is not None
    found = blueprint(course)
    assert found is not None
    assert "Kisi-kisi penilaian" in text and "Lengkap:" in text
    for row in found.rows:
        numbers = ", ".join(str(next(i.number for i in found.items if i.id == q))
                            for q in row.questions)
        assert f"{row.module_number}.{row.index} {row.text} {numbers}" in text
    questions = re.findall(r'<td data-label="Soal">(.*?)</td>', page)
    assert len(questions) == len(course.final_assessment.questions)
    for number, (cell, question) in enumerate(zip(questions, course.final_assessment.questions),
                                              start=1):  # its number and opening words, no id
        assert plain(cell) == f"{number}. {opening(question.prompt)}", cell
        assert question.id not in page
    kinds = plain(page[page.index('<ul class="kinds">'):])
    kinds = kinds[:kinds.index("Diadaptasi")]
    for kind, count in found.kinds:  # the author's tags read as words, each with its count
        assert f"{kind_label(kind)} {count}" in kinds and ("-" not in kind or kind not in kinds)
    assert "(kind)" not in text and "kind" not in kinds
    cells = re.findall(r'<td data-label="Salah tafsir di balik pengecoh">([^<]*)</td>', page)
    assert len(cells) == len(found.items) and not any("-" in cell for cell in cells)
    for cell, item in zip(cells, found.items):  # each wrong option's letter with its quoted tag
        wrong = [o for o in item.options if not o.correct]
        assert html.unescape(cell) == "; ".join(
            f"{o.label}: " + (f"“{kind_label(o.kind)}”" if o.kind else "–") for o in wrong)
    # "about 6,5": the expected count in the course's own decimal notation
    expected = f"{found.longest_expected:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    assert f"sekitar {expected})" in text and f"sekitar {found.longest_expected})" not in text
    assert 'href="kisi-kisi.html"' in (pack / "index.html").read_text("utf-8")
    assert "kisi-kisi" not in (pack / "bahan-peserta.html").read_text("utf-8")  # participants' copy


def test_the_blueprint_waits_while_a_question_names_a_module_or_objective_the_course_lacks(
        mini: Path) -> None:
    quiz = mini / "quizzes" / "akhir.yaml"
    edit(quiz, "  - id: akhir-satu\n    type: single\n",
         "  - id: akhir-satu\n    type: single\n    module: pengantar\n    objective: 3\n")
    assert [p for p in problems_of(mini) if "blueprint" in p] == []
    edit(quiz, "    objective: 3\n", "    objective: 1\n")
    assert [p.split(": ")[1] for p in problems_of(mini) if "blueprint" in p] == [
        "warning[blueprint-thin]", "warning[blueprint-unmapped]"]


def test_misreading_tags_read_as_words_and_numbers_use_the_language_separator() -> None:
    assert kind_label("angka-tanpa-manusia") == "angka tanpa manusia"
    assert kind_label("ai_empati") == "ai empati" and kind_label("") == ""
    assert decimal(6.0, ",") == "6" and decimal(6.25, ",") == "6,25" and decimal(6.5, ".") == "6.5"
    assert decimal(0.333, ",") == "0,33"
