"""The article course as a reviewer reads it: credit, one time budget, language, and its checks."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.courses import edit, problems_of
import yaml

from builder.load import load_course
from builder.model import Course, Question

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "course_src"
MINI = Path(__file__).parent / "courses" / "mini"
SUBORDINATORS = ("karena", "sehingga", "agar", "supaya", "jika", "kalau", "ketika", "meskipun",
                 "walaupun", "sebab", "apabila", "bahwa")




@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini course."""
    return Path(shutil.copytree(MINI, tmp_path / "mini"))


def article() -> Course:
    course, problems = load_course(COURSE)
    assert course is not None and problems == []
    return course


def yaml_texts(value: object) -> Iterator[str]:
    """Every string in a parsed YAML document, whitespace collapsed."""
    if isinstance(value, str):
        yield " ".join(value.split())
    elif isinstance(value, dict):
        for item in value.values():
            yield from yaml_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from yaml_texts(item)


def learner_texts() -> dict[str, list[str]]:
    """The texts a learner reads, by file: module pages and quizzes (not the notes)."""
    found: dict[str, list[str]] = {}
    for path in sorted((COURSE / "modules").glob("*.md")):
        if not path.name.endswith(".facilitator.md"):
            found[path.name] = path.read_text("utf-8").split("\n")
    for path in sorted((COURSE / "quizzes").glob("*.yaml")):
        found[path.name] = list(yaml_texts(yaml.safe_load(path.read_text("utf-8"))))
    return found


def all_texts() -> dict[str, list[str]]:
    """Learner texts plus the facilitator notes and the course file."""
    found = learner_texts()
    for path in sorted((COURSE / "modules").glob("*.facilitator.md")):
        found[path.name] = path.read_text("utf-8").split("\n")
    found["course.yaml"] = list(yaml_texts(yaml.safe_load((COURSE / "course.yaml").read_text())))
    return found


def test_the_only_warnings_are_the_placeholders_a_centre_fills_in() -> None:
    assert [p.split("\n")[0] for p in problems_of(COURSE)] == [
        "course.yaml:15:1: warning[placeholder]: 'authors' is still a placeholder: "
        "'[Nama penyusun materi kursus]'",
        "course.yaml:17:1: warning[placeholder]: 'organisation' is still a placeholder: "
        "'[Nama Pusat Pelatihan]'",
        "course.yaml:18:1: warning[placeholder]: 'signatory.name' is still a placeholder: "
        "'[Nama pejabat penanda tangan]'",
        "course.yaml:18:1: warning[placeholder]: 'signatory.nip' is still a placeholder: "
        "'[NIP pejabat penanda tangan]'",
        "course.yaml:18:1: warning[placeholder]: 'signatory.title' is still a placeholder: "
        "'[Jabatan, misalnya Kepala Pusat Pelatihan]'",
    ]


def test_the_article_keeps_its_copyright_and_the_licence_is_the_materials_own() -> None:
    course = article()
    assert course.source.copyright == "© Kristanto S Utomo"
    assert course.credit == ("Diadaptasi dari artikel Kristanto S Utomo, \u201cPemimpin ASN di "
                             "Era Digital: Apa yang Berubah dan Apa yang Tetap?\u201d "
                             "(© Kristanto S Utomo)")
    assert course.licence == "CC BY 4.0"


def test_placeholders_are_empty_or_bracketed_texts_and_a_real_value_is_quiet(mini: Path) -> None:
    course_file = mini / "course.yaml"
    edit(course_file, "licence:", 'organisation: ""\nlicence:')
    assert problems_of(mini) == [
        "course.yaml:11:1: warning[placeholder]: 'organisation' is still a placeholder: ''\n"
        "  hint: write the training centre's own value before the course is published (a "
        "placeholder is an empty text or a text with a part in square brackets)"]
    edit(course_file, 'organisation: ""', "organisation: Pusat Pelatihan [isi nama]")
    assert len(problems_of(mini)) == 1
    edit(course_file, "organisation: Pusat Pelatihan [isi nama]",
         "organisation: Pusat Pelatihan Contoh\nsignatory:\n  name: Nama Pejabat\n"
         "  title: Kepala Pusat")
    assert problems_of(mini) == []
    edit(course_file, "  - Tim Uji", "  - '[Nama penyusun]'")
    assert problems_of(mini, "id") == [
        "course.yaml:6:1: warning[placeholder]: 'authors' masih berupa isian contoh: "
        "'[Nama penyusun]'\n"
        "  hint: tulis nilai milik pusat pelatihan sebelum kursus diterbitkan (isian contoh "
        "adalah teks kosong atau teks yang memuat bagian dalam kurung siku)"]


def test_learner_minutes_jp_and_the_classroom_session_agree() -> None:
    course = article()
    assert course.duration_minutes == course.jp * 45 == course.session_minutes == 90


def test_a_time_budget_that_disagrees_with_the_jp_is_a_located_warning(mini: Path) -> None:
    course_file = mini / "course.yaml"
    assert problems_of(mini) == []  # no classroom length written: the mini course is not checked
    edit(course_file, "jp: 1\n", "jp: 1\nsession_minutes: 90\n")
    assert problems_of(mini) == [
        "course.yaml:12:1: warning[time-budget-duration]: duration_minutes is 10, but 1 JP is 45 "
        "minutes (1 JP = 45 minutes)\n"
        "  hint: write duration_minutes: 45, or change jp",
        "course.yaml:14:1: warning[time-budget-session]: the classroom session lasts 90 minutes, "
        "but 1 JP is 45 minutes (1 JP = 45 minutes)\n"
        "  hint: write session_minutes: 45 and fit the facilitator notes' minutes into it, or "
        "change jp",
    ]
    edit(course_file, "duration_minutes: 10", "duration_minutes: 45")
    edit(course_file, "session_minutes: 90", "session_minutes: 45")
    assert problems_of(mini) == []


def test_module_titles_carry_no_colon_so_the_contents_read_once() -> None:
    for module in article().modules:
        assert ":" not in module.title, module.title


def test_the_final_has_one_intro_box_the_interface_writes() -> None:
    course = article()
    assert course.final_assessment is not None and course.final_assessment.intro == ""


@pytest.mark.parametrize("word", ["dashboard", "tenang saja", "Dashboard"])
def test_words_the_language_pass_removed_stay_out(word: str) -> None:
    for name, lines in all_texts().items():
        assert not [line for line in lines if word in line], name


def test_big_data_is_only_the_gloss_of_mahadata() -> None:
    for name, lines in all_texts().items():
        for line in lines:
            for match in re.finditer(r"big data", line):
                assert line[:match.start()].endswith("mahadata (*"), (name, line)


def test_no_comma_before_a_following_subordinate_clause() -> None:
    pattern = re.compile(r",\s+(?:" + "|".join(SUBORDINATORS) + r")\b")
    for name, lines in all_texts().items():
        assert [line for line in lines if pattern.search(line)] == [], name


def test_the_article_title_is_quoted_with_double_quotes() -> None:
    for name, lines in all_texts().items():
        assert not [line for line in lines if "'Pemimpin ASN di Era Digital" in line], name


def test_the_article_is_named_only_where_the_source_matters() -> None:
    pages = sum(len(re.findall(r"(?i)\bartikel\b", line)) for name, lines in learner_texts().items()
                if name.endswith(".md") for line in lines)
    quizzes = sum(len(re.findall(r"(?i)\bmenurut artikel\b", line))
                  for name, lines in learner_texts().items() if name.endswith(".yaml")
                  for line in lines)
    assert pages <= 5 and quizzes == 0


def test_the_module_one_scenario_question_is_answered() -> None:
    page = (COURSE / "modules" / "01-pembuka.md").read_text("utf-8")
    asked = page.index("apakah wibawanya akan berkurang")
    answered = page.index("apakah wibawa kepala bagian tadi akan berkurang")
    assert asked < answered
    answer = page[answered:page.index("\n", answered)]
    assert "memfasilitasi" in answer and "staf muda" in answer


def test_no_question_has_all_but_one_option_correct() -> None:
    for quiz in article().quizzes:
        for question in quiz.questions:
            if question.type == "multiple":
                correct = sum(c.correct for c in question.choices)
                assert correct < len(question.choices) - 1, question.id


def option_lengths(question: Question) -> list[int]:
    """Each option's length as a reader sees it (whitespace collapsed), as the blueprint counts."""
    return [len(" ".join(c.text.split())) for c in question.choices]


def test_the_longest_option_is_the_key_no_more_often_than_chance() -> None:
    """A learner who always picks the longest option (ties included) does no better than guessing."""
    course = article()
    final = course.final_assessment
    assert final is not None
    for questions in ([q for quiz in course.quizzes for q in quiz.questions], final.questions):
        singles = [q for q in questions if q.type == "single"]
        keyed = [q.id for q in singles
                 if any(c.correct and n == max(option_lengths(q))
                        for c, n in zip(q.choices, option_lengths(q)))]
        assert len(keyed) <= sum(1 / len(q.choices) for q in singles), keyed


def words(text: str) -> list[str]:
    """Lower-case words of a text, punctuation and Markdown marks dropped."""
    return re.findall(r"[a-z0-9-]+", text.lower())


def test_no_question_retells_a_page_scenario_word_for_word() -> None:
    """Questions set their own situation: six words in a row from a page test recall, not use."""
    pages = [words(path.read_text("utf-8")) for path in sorted((COURSE / "modules").glob("*.md"))
             if not path.name.endswith(".facilitator.md")]
    runs = {tuple(page[i:i + 6]) for page in pages for i in range(len(page) - 5)}
    for quiz in article().quizzes:
        for question in quiz.questions:
            asked = words(question.prompt)
            repeated = [" ".join(asked[i:i + 6]) for i in range(len(asked) - 5)
                        if tuple(asked[i:i + 6]) in runs]
            assert repeated == [], (question.id, repeated)
