"""Moodle quiz-bank exports: GIFT and Moodle XML round-trip through parsers that mirror Moodle."""

from __future__ import annotations

import functools
import re
from pathlib import Path
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from msgspec.structs import replace
from support.moodle_import import ParsedQuestion, parse_gift, parse_moodle_xml

from builder.load import load_course
from builder.model import Choice, Course, Location, Question, Quiz
from builder.resolve import resolve
from builder.targets import quizbank

COURSE_SRC = Path(__file__).resolve().parents[1] / "course_src"
LOC = Location("test.yaml")
# Written out again from question_bank::ensure_fraction_options_initialised
# (question/engine/bank.php): the grades an import may use, with their negatives and 0.
MOODLE_POSITIVE = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3,
                   0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)
MOODLE_GRADES = (0.0, *MOODLE_POSITIVE, *(-g for g in MOODLE_POSITIVE))
MATCH_TOLERANCE = 0.00001  # match_grade_options(..., 'error'), lib/questionlib.php
GIFT_PLACEHOLDER = re.compile(r"&&(?:058;|035;|061;|123;|125;|126;|092;|010)")
CDATA = re.compile(rb"<!\[CDATA\[.*?\]\]>", re.S)

# Pieces that stress Moodle's GIFT parser and XML: every special, escapes, format tags, weights.
TRICKY = ["~", "=", "#", "{", "}", ":", "\\", "\\\\", "\\n", "\\:", "\\#", "::", "####", "//",
          "->", "[markdown]", "[html]", "[", "]", "%50%", "%-33.3%", "%", "\n", "\r\n", "\r", "\t",
          " ", "0", "TRUE", "F", "$CATEGORY:", "\ufeff", "&&", "&", ";", "<b>", "]]>", "é",
          "Bahasa Indonésia “kutipan” ‘tunggal’", "😀", "ß", "中文", "\u2028", "\x85"]



def gift(course: Course) -> str:
    """The quizzes a learner meets, in GIFT, in the order the resolved course gives."""
    return quizbank.gift(course.title, resolve(course).quizzes)


def moodle_xml(course: Course) -> bytes:
    """The quizzes a learner meets, as Moodle XML, in the order the resolved course gives."""
    return quizbank.moodle_xml(course.title, resolve(course).quizzes)


@functools.cache
def real_course() -> Course:
    """The course in course_src, loaded once."""
    course, problems = load_course(COURSE_SRC)
    assert course is not None and problems == []
    return course


def clean(text: str) -> str:
    """What Moodle keeps of a text: newlines as \\n, trimmed like PHP's trim()."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip(" \t\n\r\0\x0b")


def expected_answers(question: Question) -> list[tuple[str, bool, str]]:
    """(text, correct, feedback) per answer, in the order the importers return them."""
    if question.type == "truefalse":
        by_id = {c.id: c for c in question.choices}
        return [("true", by_id["true"].correct, clean(by_id["true"].feedback)),
                ("false", by_id["false"].correct, clean(by_id["false"].feedback))]
    return [(clean(c.text), c.correct, clean(c.feedback)) for c in question.choices]


def assert_round_trip(course: Course, parsed: list[ParsedQuestion]) -> None:
    """Every question of every quiz is read back with its category, type, text and answers."""
    # sorting, ordering and matching round-trip in tests/test_question_types.py
    parsed = [p for p in parsed if p["type"] in ("single", "multiple", "truefalse")]
    by_name = {p["name"]: p for p in parsed}
    names = [clean(f"{quiz.id}.{q.id}") for quiz in course.quizzes for q in quiz.questions
             if not q.arranged]
    assert len(parsed) == len(by_name) == len(names)
    assert set(by_name) == set(names)
    for quiz in course.quizzes:
        category = (" ".join(course.title.split()), " ".join(quiz.title.split()))
        for question in (q for q in quiz.questions if not q.arranged):
            got = by_name[clean(f"{quiz.id}.{question.id}")]
            assert got["category"] == category
            assert got["type"] == question.type
            assert got["format"] == "markdown"
            assert got["text"] == clean(question.prompt)
            answers = [(text, fraction > 0, feedback)
                       for text, fraction, feedback in got["answers"]]
            assert answers == expected_answers(question)


# ---------------------------------------------------------------- the real course


def test_gift_has_every_question_of_the_real_course() -> None:
    course = real_course()
    text = gift(course)
    for quiz in course.quizzes:
        assert f"$CATEGORY: {course.title}/{quiz.title}\n" in text
        for question in quiz.questions:
            assert f"::{quiz.id}.{question.id}::[markdown]" in text
    assert_round_trip(course, parse_gift(text))


def test_moodle_xml_has_every_question_of_the_real_course() -> None:
    course = real_course()
    root = etree.fromstring(moodle_xml(course))
    names = [t.text for t in root.iterfind("question/name/text")]
    assert names == [f"{quiz.id}.{q.id}" for quiz in sorted(course.quizzes, key=_quiz_order)
                     for q in quiz.questions]
    assert_round_trip(course, parse_moodle_xml(moodle_xml(course)))


def _quiz_order(quiz: Quiz) -> int:
    """Module knowledge checks in module order, then the final assessment."""
    course = real_course()
    order = [m.quiz_id for m in course.modules] + [course.final_assessment_id]
    return order.index(quiz.id)


@pytest.mark.parametrize("export", ["gift", "xml"])
def test_truefalse_feedback_lands_on_the_answer_it_belongs_to(export: str) -> None:
    course = real_course()
    parsed = parse_gift(gift(course)) if export == "gift" else parse_moodle_xml(moodle_xml(course))
    by_name = {p["name"]: p for p in parsed}
    seen = set()
    for quiz in course.quizzes:
        for question in quiz.questions:
            if question.type != "truefalse":
                continue
            benar, salah = question.choices
            (_, true_fraction, on_true), (_, false_fraction, on_false) = \
                by_name[f"{quiz.id}.{question.id}"]["answers"]
            assert (on_true, on_false) == (benar.feedback, salah.feedback)
            assert (true_fraction, false_fraction) == (float(benar.correct), float(salah.correct))
            seen.add(benar.correct)
    assert seen == {True, False}  # the course has both kinds, so both orders are checked


def test_gift_truefalse_is_written_in_moodles_order() -> None:
    # qformat_gift::writequestion / split_truefalse_comment: {ANSWER#wrong feedback#right feedback}.
    for correct, expected in [(True, "{TRUE#chose Salah#chose Benar}"),
                              (False, "{FALSE#chose Benar#chose Salah}")]:
        question = Question("q", "truefalse", "Pernyataan", (
            Choice("true", "Benar", "chose Benar", correct, LOC),
            Choice("false", "Salah", "chose Salah", not correct, LOC)), LOC)
        assert expected in gift(one_quiz_course([question]))


def test_moodle_xml_is_utf8_without_numeric_references() -> None:
    data = moodle_xml(real_course())
    data.decode("utf-8")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    tree = etree.fromstring(data).getroottree()
    assert tree.docinfo.encoding == "UTF-8" and tree.getroot().tag == "quiz"
    assert b"&#" not in data
    unicode_course = one_quiz_course([Question("q", "single", "Apa kabar, “Bu” Siti? ✓", (
        Choice("a", "Baik — terima kasih 😀", "Senang mendengarnya ☺", True, LOC),
        Choice("b", "Kurang baik", "Semoga lekas pulih", False, LOC)), LOC)])
    data = moodle_xml(unicode_course)
    assert b"&#" not in data
    assert "“Bu” Siti? ✓".encode() in data and "😀".encode() in data


def test_multiple_response_fractions_of_the_real_course_are_moodle_grades() -> None:
    root = etree.fromstring(moodle_xml(real_course()))
    multiple = [q for q in root.iterfind("question[@type='multichoice']")
                if q.findtext("single") == "false"]
    assert len(multiple) == sum(q.type == "multiple" for quiz in real_course().quizzes
                                for q in quiz.questions)
    for question in multiple:
        assert_moodle_fractions([float(a.get("fraction")) / 100
                                 for a in question.iterfind("answer")])


def assert_moodle_fractions(fractions: list[float]) -> None:
    """Each grade is in Moodle's list; positives sum to 1 as save_question_options rounds it."""
    for fraction in fractions:
        assert any(abs(fraction - g) < MATCH_TOLERANCE for g in MOODLE_GRADES), fraction
    assert round(sum(f for f in fractions if f > 0), 2) == 1
    negatives = [f for f in fractions if f < 0]
    assert not negatives or round(sum(negatives), 2) == -1


@pytest.mark.parametrize(("right", "wrong"), [(right, wrong) for right in range(1, 11)
                                              for wrong in (0, 1, 2, 3, 4, 5, 7)
                                              if right + wrong >= 2])  # Moodle needs 2 answers
def test_multiple_response_weights_for_any_number_of_correct_answers(right: int,
                                                                     wrong: int) -> None:
    choices = tuple(Choice(f"c{i}", f"Pilihan {i}", f"Umpan balik {i}", i < right, LOC)
                    for i in range(right + wrong))
    course = one_quiz_course([Question("q", "multiple", "Pilih semua", choices, LOC)])
    (question,) = etree.fromstring(moodle_xml(course)).iterfind("question[@type='multichoice']")
    fractions = [float(a.get("fraction")) / 100 for a in question.iterfind("answer")]
    assert_moodle_fractions(fractions)
    assert [f > 0 for f in fractions] == [c.correct for c in choices]
    assert_round_trip(course, parse_gift(gift(course)))
    assert_round_trip(course, parse_moodle_xml(moodle_xml(course)))


def test_more_correct_answers_than_moodle_has_grades_for_is_refused() -> None:
    choices = tuple(Choice(f"c{i}", f"Pilihan {i}", "", True, LOC) for i in range(11))
    course = one_quiz_course([Question("q", "multiple", "Pilih semua", choices, LOC)])
    with pytest.raises(ValueError, match="1/11"):
        moodle_xml(course)


def test_gift_refuses_text_that_moodle_would_read_as_an_escape() -> None:
    question = Question("q", "single", "Lihat &&058; ini", (
        Choice("a", "Ya", "", True, LOC), Choice("b", "Tidak", "", False, LOC)), LOC)
    with pytest.raises(ValueError, match="&&0"):
        gift(one_quiz_course([question]))


# ---------------------------------------------------------------- the parsers follow Moodle


def test_parse_gift_reads_moodle_style_gift() -> None:
    text = ("// a comment\n$CATEGORY: $course$/top/Satu//Dua/Tiga\n\n"
            "::Q\\:1::[html]Grant \\{is\\} {\n\t~%-50%buried#no \\# way\n\t=entombed\n"
            "\t~%0%%50% sure\n} in a tomb.\n\n"
            "::Q2::Sky is blue{T#You said false#Right}\n")
    first, second = parse_gift(text)
    assert first["category"] == ("$course$", "top", "Satu/Dua", "Tiga")
    assert (first["name"], first["type"], first["format"]) == ("Q:1", "single", "html")
    assert first["text"] == "Grant {is} _____ in a tomb."
    assert first["answers"] == [("buried", -0.5, "no # way"), ("entombed", 1.0, ""),
                                ("%50% sure", 0.0, "")]
    assert (second["type"], second["format"]) == ("truefalse", "moodle_auto_format")
    assert second["answers"] == [("true", 1.0, "Right"), ("false", 0.0, "You said false")]


def test_parse_moodle_xml_reads_moodle_style_xml() -> None:
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/A//B</text></category></question>
  <question type="multichoice">
    <name><text> Pilih </text></name>
    <questiontext format="html"><text><![CDATA[<p>Yang <b>benar</b>?</p>]]></text></questiontext>
    <single>false</single>
    <answer fraction="50" format="html"><text>a</text><feedback><text>fa</text></feedback></answer>
    <answer fraction="50"><text>b</text></answer>
    <answer fraction="-100"><text>c &amp; d</text></answer>
  </question>
  <question type="truefalse">
    <name><text>TF</text></name>
    <questiontext format="markdown"><text>Langit biru</text></questiontext>
    <answer fraction="0"><text>false</text><feedback><text>on false</text></feedback></answer>
    <answer fraction="100"><text>true</text><feedback><text>on true</text></feedback></answer>
  </question>
</quiz>"""
    multi, truefalse = parse_moodle_xml(data)
    assert multi["category"] == ("$course$", "top", "A/B")
    assert (multi["name"], multi["type"], multi["text"]) == ("Pilih", "multiple",
                                                             "<p>Yang <b>benar</b>?</p>")
    assert multi["answers"] == [("a", 0.5, "fa"), ("b", 0.5, ""), ("c & d", -1.0, "")]
    assert truefalse["answers"] == [("true", 1.0, "on true"), ("false", 0.0, "on false")]


def test_parsers_refuse_grades_moodle_would_refuse() -> None:
    with pytest.raises(ValueError):
        parse_gift("::q::Q{~%45%a ~%55%b}\n")
    with pytest.raises(ValueError):
        parse_moodle_xml(b"<quiz><question type='multichoice'><name><text>q</text></name>"
                         b"<answer fraction='45'><text>a</text></answer></question></quiz>")


# ---------------------------------------------------------------- generated questions


def one_quiz_course(questions: list[Question], title: str = "Kuis", quiz_id: str = "kuis",
                    course_title: str | None = None) -> Course:
    """The real course with its quizzes replaced by one quiz of these questions."""
    course = real_course()
    quiz = Quiz(quiz_id, title, "knowledge-check", "", None, tuple(questions), LOC)
    return replace(course, quizzes=(quiz,), final_assessment_id=quiz_id,
                   title=course_title or course.title)


def texts(characters: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Texts built from tricky pieces and arbitrary characters, free of GIFT's placeholders."""
    piece = st.one_of(st.sampled_from(TRICKY), st.text(characters, max_size=4))
    return st.lists(piece, max_size=8).map("".join).filter(
        lambda t: not GIFT_PLACEHOLDER.search(clean(t)))


@st.composite
def question_lists(draw: st.DrawFn, characters: st.SearchStrategy[str]) -> list[Question]:
    """One to three questions of any type, with tricky texts and ids."""
    text = texts(characters)
    filled = text.filter(lambda t: clean(t) != "")
    ident = st.text(st.sampled_from("ab-_.:#{}~=\\é "), min_size=1, max_size=6)
    questions = []
    for index in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["single", "multiple", "truefalse"]))
        if kind == "truefalse":
            benar = draw(st.booleans())
            choices = (Choice("true", "Benar", draw(text), benar, LOC),
                       Choice("false", "Salah", draw(text), not benar, LOC))
        else:
            count = draw(st.integers(2, 6))
            if kind == "single":
                right = draw(st.integers(0, count - 1))
                flags = [i == right for i in range(count)]
            else:
                flags = draw(st.lists(st.booleans(), min_size=count, max_size=count).filter(any))
            choices = tuple(Choice(f"c{i}", draw(filled), draw(text), flags[i], LOC)
                            for i in range(count))
        questions.append(Question(f"{draw(ident)}{index}", kind, draw(filled), choices, LOC))
    return questions


TITLES = st.text(st.sampled_from("Ab é:/#{}~=-“ \\n"), min_size=1, max_size=12).filter(str.split)
ANY_CHARACTER = st.characters(codec="utf-8")
XML_CHARACTER = st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"],
                              exclude_characters="\ufffe\uffff")


@given(question_lists(ANY_CHARACTER), TITLES, TITLES)  # examples: the profile's (tests/conftest.py)
def test_any_text_round_trips_through_gift(questions: list[Question], title: str,
                                           course_title: str) -> None:
    course = one_quiz_course(questions, title, "kuis:{1}", course_title)
    assert_round_trip(course, parse_gift(gift(course)))


@given(question_lists(st.one_of(XML_CHARACTER, st.sampled_from("\n\t<>&"))), TITLES, TITLES)
def test_any_text_round_trips_through_moodle_xml(questions: list[Question], title: str,
                                                 course_title: str) -> None:
    course = one_quiz_course(questions, title, "kuis:{1}", course_title)
    data = moodle_xml(course)
    assert b"&#" not in CDATA.sub(b"", data)
    written = "".join(clean(q.prompt) + "".join(clean(c.text) + clean(c.feedback)
                                                 for c in q.choices) for q in questions)
    for character in set(written) - set(map(chr, range(128))):
        assert character.encode() in data  # written as UTF-8, not as a reference
    assert_round_trip(course, parse_moodle_xml(data))
