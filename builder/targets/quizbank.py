"""Moodle quiz-bank exports: GIFT text and Moodle XML.

The tests read them back with parsers that mirror Moodle's importers (tests/support/moodle_import.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from ..i18n import translations
from ..model import Choice, Question, Quiz

TEXT_FORMAT = "markdown"  # every course text is Markdown
ANSWER_NUMBERING = "abc"  # Moodle's default numbering of multichoice answers
SHUFFLE_ANSWERS = "false"  # the course shows choices in the authored order
TRUE_CHOICE, FALSE_CHOICE = "true", "false"  # the choice ids of a true/false question
PHP_TRIM = " \t\n\r\0\x0b"  # the characters PHP's trim() removes

# qformat_gift::repchar: the characters a GIFT text escapes with a backslash.
GIFT_ESCAPES = str.maketrans({"\\": "\\\\", "#": "\\#", "=": "\\=", "~": "\\~", "{": "\\{",
                              "}": "\\}", ":": "\\:", "\n": "\\n"})
# qformat_gift::escapedchar_pre / escapedchar_post: escape sequence, placeholder, character.
GIFT_PLACEHOLDERS = (("\\:", "&&058;", ":"), ("\\#", "&&035;", "#"), ("\\=", "&&061;", "="),
                     ("\\{", "&&123;", "{"), ("\\}", "&&125;", "}"), ("\\~", "&&126;", "~"),
                     ("\\n", "&&010", "\n"))
GIFT_BACKSLASH = "&&092;"  # the placeholder escapedchar_pre uses for an escaped backslash
GIFT_PLACEHOLDER_TEXT = re.compile(r"&&(?:058;|035;|061;|123;|125;|126;|092;|010)")

# question_bank::ensure_fraction_options_initialised: the positive grades Moodle accepts; the
# full list (fraction_options_full) is these, their negatives and 0.
POSITIVE_FRACTIONS = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333,
                      0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)
GRADE_TOLERANCE = 0.00001  # match_grade_options(..., 'error') in lib/questionlib.php

# ---------------------------------------------------------------- shared helpers


def _php_trim(text: str) -> str:
    """PHP's trim(): strip spaces, tabs, newlines, NUL and vertical tab from both ends."""
    return text.strip(PHP_TRIM)


def _clean(text: str) -> str:
    """A text as Moodle stores it: newlines normalised to \\n, trimmed like PHP's trim()."""
    return _php_trim(text.replace("\r\n", "\n").replace("\r", "\n"))


def _one_line(text: str) -> str:
    """A title on one line: every run of whitespace becomes one space."""
    return _php_trim(re.sub(r"\s+", " ", text))


def _name(quiz: Quiz, question: Question) -> str:
    """The Moodle question name: `<quiz id>.<question id>`."""
    return f"{quiz.id}.{question.id}"


def _category_path(names: list[str]) -> str:
    """A category path, as qformat_default::assemble_category_path writes it (`/` doubled)."""
    escaped = []
    for name in names:
        part = name.replace("/", "//")
        part = " " + part if part.startswith("/") else part
        escaped.append(part + " " if part.endswith("/") else part)
    return "/".join(escaped)


def _course_category(course_title: str, quiz: Quiz) -> str:
    """The category of a quiz's questions: `<course title>/<quiz title>`."""
    return _category_path([_one_line(course_title), _one_line(quiz.title)])


def _share(count: int) -> float:
    """The Moodle grade that is 1/count (question_bank fraction options), for 1 to 10 answers."""
    for fraction in POSITIVE_FRACTIONS:
        if count > 0 and abs(fraction - 1 / count) < GRADE_TOLERANCE:
            return fraction
    raise ValueError(f"Moodle has no grade of 1/{count}: use 1 to 10 answers of each kind")


def _fractions(question: Question) -> list[float]:
    """The grade of each choice: 1 or 0 for one answer; ±1/n shares for multiple response."""
    if question.type != "multiple":
        return [1.0 if c.correct else 0.0 for c in question.choices]
    right = sum(c.correct for c in question.choices)
    if right == 0:
        raise ValueError(f"question {question.id!r} has no correct choice")
    wrong = len(question.choices) - right
    return [_share(right) if c.correct else -_share(wrong) for c in question.choices]


def _percent(fraction: float) -> str:
    """A fraction as the percentage Moodle files carry: 100, 50, 33.33333, -12.5."""
    return f"{100 * fraction:.5f}".rstrip("0").rstrip(".")


def _truefalse(question: Question) -> tuple[Choice, Choice]:
    """The `true` and `false` choices of a true/false question."""
    by_id = {c.id: c for c in question.choices}
    return by_id[TRUE_CHOICE], by_id[FALSE_CHOICE]


# ---------------------------------------------------------------- GIFT export


def _gift_escape(text: str) -> str:
    """A text in GIFT: cleaned, then `\\ ~ = # { } :` and newlines escaped like repchar."""
    text = _clean(text)
    if GIFT_PLACEHOLDER_TEXT.search(text):
        raise ValueError(f"GIFT cannot carry {text!r}: Moodle reads its `&&0..` as an escape")
    return text.translate(GIFT_ESCAPES)


def gift_placeholder(text: str) -> str | None:
    """The `&&0..` sequence in a question text that Moodle's GIFT import would read as an escape."""
    match = GIFT_PLACEHOLDER_TEXT.search(_clean(text))
    return match[0] if match else None


def gift_category_placeholder(title: str) -> str | None:
    """The `&&092;` in a title that Moodle would turn into a backslash in the category name."""
    return GIFT_BACKSLASH if GIFT_BACKSLASH in _one_line(title) else None


def _gift_part(text: str) -> str:
    """An answer or feedback in GIFT; one starting with `[` gets `[markdown]` so it stays text."""
    escaped = _gift_escape(text)
    return f"[{TEXT_FORMAT}]{escaped}" if escaped.startswith("[") else escaped


def _gift_pre(text: str) -> str:
    """escapedchar_pre: escaped specials become placeholders and `\\\\` becomes `\\`."""
    text = text.replace("\\\\", GIFT_BACKSLASH)
    for escaped, placeholder, _ in GIFT_PLACEHOLDERS:
        text = text.replace(escaped, placeholder)
    return text.replace(GIFT_BACKSLASH, "\\")


def _gift_category(course_title: str, quiz: Quiz) -> str:
    """The `$CATEGORY:` line that files a quiz's questions under `<course>/<quiz>`.

    Moodle reads a category line through escapedchar_pre only (no escapedchar_post), so a
    doubled backslash is the one escape it undoes: every backslash is doubled and nothing else.
    """
    path = _course_category(course_title, quiz)
    escaped = path.replace("\\", "\\\\")
    if _gift_pre(escaped) != path:
        raise ValueError(f"GIFT cannot carry the category {path!r}: it holds {GIFT_BACKSLASH!r}")
    return f"$CATEGORY: {escaped}"


def _gift_choice(marker: str, choice: Choice) -> str:
    """One answer line: marker, text and, when there is one, `#feedback`."""
    text = _gift_part(choice.text)
    if marker == "~" and text.startswith("%"):
        marker = "~%0%"  # else Moodle would read a leading `%50%` of the text as a weight
    feedback = _gift_part(choice.feedback)
    return f"\t{marker}{text}" + (f"#{feedback}" if feedback else "")


def _gift_answers(question: Question) -> str:
    """The `{...}` answer block of a question."""
    if question.type == "truefalse":
        true, false = _truefalse(question)
        right, wrong = (true, false) if true.correct else (false, true)
        # qformat_gift::split_truefalse_comment: {ANSWER#shown if wrong#shown if right}.
        head = "TRUE" if true.correct else "FALSE"
        return f"{{{head}#{_gift_part(wrong.feedback)}#{_gift_part(right.feedback)}}}"
    lines = []
    for choice, fraction in zip(question.choices, _fractions(question)):
        if question.type == "single":
            marker = "=" if fraction == 1 else "~"
        else:
            marker = f"~%{_percent(fraction)}%"
        lines.append(_gift_choice(marker, choice))
    return "{\n" + "\n".join(lines) + "\n}"


def _gift_question(quiz: Quiz, question: Question) -> str:
    """One question: `::name::[markdown]text{answers}`."""
    name = _gift_escape(_name(quiz, question))
    answers = _gift_match(question) if question.arranged else _gift_answers(question)
    return f"::{name}::[{TEXT_FORMAT}]{_gift_escape(question.prompt)}{answers}"


def gift(course_title: str, quizzes: Sequence[Quiz]) -> str:
    """The quizzes in Moodle GIFT, one `$CATEGORY` per quiz, blank-line separated."""
    blocks = []
    for quiz in quizzes:
        blocks.append(_gift_category(course_title, quiz))
        blocks.extend(_gift_question(quiz, question) for question in quiz.questions
                      if question.type in GIFT_TYPES)
    return "\n\n".join(blocks) + "\n" if blocks else ""


# ---------------------------------------------------------------- Moodle XML export


def _xml_value(text: str) -> str | etree.CDATA:
    """Element text: CDATA when it has markup characters (as Moodle's xml_escape does)."""
    if "]]>" not in text and any(c in text for c in "<>&"):
        return etree.CDATA(text)
    return text


def _xml_text(parent: etree._Element, tag: str, text: str,
              fmt: str | None = TEXT_FORMAT) -> etree._Element:
    """Append `<tag format="…"><text>…</text></tag>`."""
    element = etree.SubElement(parent, tag, {"format": fmt} if fmt else {})
    etree.SubElement(element, "text").text = _xml_value(_clean(text))
    return element


def _xml_answer(parent: etree._Element, fraction: float, text: str, feedback: str,
                fmt: str | None) -> None:
    """Append one `<answer fraction="…">` with its text and feedback."""
    answer = etree.SubElement(parent, "answer", {"fraction": _percent(fraction)})
    if fmt:
        answer.set("format", fmt)
    etree.SubElement(answer, "text").text = _xml_value(_clean(text))
    _xml_text(answer, "feedback", feedback)


def _xml_category(course_title: str, quiz: Quiz) -> etree._Element:
    """The `<question type="category">` that files a quiz's questions under `<course>/<quiz>`."""
    question = etree.Element("question", type="category")
    _xml_text(question, "category", _course_category(course_title, quiz), None)
    return question


def _xml_question(quiz: Quiz, question: Question) -> etree._Element:
    """One `multichoice`, `truefalse` or `matching` question."""
    if question.type in ("sorting", "matching"):
        return _xml_match(quiz, question)
    kind = "truefalse" if question.type == "truefalse" else "multichoice"
    element = etree.Element("question", type=kind)
    _xml_text(element, "name", _name(quiz, question), None)
    _xml_text(element, "questiontext", question.prompt)
    if kind == "truefalse":
        true, false = _truefalse(question)
        _xml_answer(element, float(true.correct), "true", true.feedback, None)
        _xml_answer(element, float(false.correct), "false", false.feedback, None)
        return element
    etree.SubElement(element, "single").text = "true" if question.type == "single" else "false"
    etree.SubElement(element, "shuffleanswers").text = _shuffle(quiz)
    etree.SubElement(element, "answernumbering").text = ANSWER_NUMBERING
    for choice, fraction in zip(question.choices, _fractions(question)):
        _xml_answer(element, fraction, choice.text, choice.feedback, TEXT_FORMAT)
    return element


def moodle_xml(course_title: str, quizzes: Sequence[Quiz]) -> bytes:
    """The quizzes as Moodle XML (UTF-8), a category question before each quiz's."""
    root = etree.Element("quiz")
    for quiz in quizzes:
        root.append(_xml_category(course_title, quiz))
        root.extend(_xml_question(quiz, question) for question in quiz.questions
                    if question.type != "ordering")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data




# ---------------------------------------------------------------- sorting, ordering, matching
# (engineer "qtypes") A sorting question is Moodle's `match` whose answers repeat: Moodle merges
# answers of the same text into one choice (qtype_match::initialise_question_instance) and grades
# the share of stems matched right (qtype_match_question::grade_response), as the course does.
# An ordering question is qtype_ordering with ALL_OR_NOTHING grading; that type is core only in
# recent Moodle releases, and one question of an unknown type stops a whole Moodle XML import,
# so ordering questions go in a file of their own. GIFT has no ordering syntax.

GIFT_TYPES = ("single", "multiple", "truefalse", "sorting", "matching")


def _shuffle(quiz: Quiz) -> str:
    """`shuffleanswers` as the quiz says: its `settings: shuffle_choices` (issue 11), else the
    course's authored order. (A match's answers are always shuffled by Moodle, as the course shows
    a matching question's responses; its stems follow this flag.)"""
    settings = getattr(quiz, "settings", None)  # the quiz settings model lands with "assess"
    return "true" if getattr(settings, "shuffle_choices", False) is True else SHUFFLE_ANSWERS
ORDERING_OPTIONS = (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("gradingtype",
                    "ALL_OR_NOTHING"), ("showgrading", "SHOW"), ("numberingstyle", "none"))


def match_pairs(question: Question) -> list[tuple[str, str]]:
    """(stem, answer) texts of a sorting or matching question; a stem "" is a distractor answer."""
    if question.type == "matching":
        return [(p.premise, p.response) for p in question.pairs]
    names = {c.id: c.text for c in question.categories}
    pairs = [(i.text, names.get(i.category, "")) for i in question.items]
    used = {i.category for i in question.items}
    return pairs + [("", c.text) for c in question.categories if c.id not in used]


def _gift_match(question: Question) -> str:
    """The `{=stem -> answer ...}` block of a sorting or matching question (GIFT `match`)."""
    lines = [f"\t={_gift_part(stem) if stem else ''} -> {_gift_escape(answer)}"
             for stem, answer in match_pairs(question)]
    return "{\n" + "\n".join(lines) + "\n}"


def _xml_combined_feedback(element: etree._Element, question: Question) -> None:
    """Moodle's combined feedback: correct, partly correct (as incorrect), incorrect."""
    correct, incorrect = question.feedback
    _xml_text(element, "correctfeedback", correct)
    _xml_text(element, "partiallycorrectfeedback", incorrect)
    _xml_text(element, "incorrectfeedback", incorrect)


def _xml_match(quiz: Quiz, question: Question) -> etree._Element:
    """A sorting or matching question as Moodle XML `matching` (Moodle's match type)."""
    element = etree.Element("question", type="matching")
    _xml_text(element, "name", _name(quiz, question), None)
    _xml_text(element, "questiontext", question.prompt)
    etree.SubElement(element, "shuffleanswers").text = _shuffle(quiz)
    _xml_combined_feedback(element, question)
    for stem, answer in match_pairs(question):
        sub = _xml_text(element, "subquestion", stem)
        etree.SubElement(etree.SubElement(sub, "answer"), "text").text = _xml_value(_clean(answer))
    return element


def _xml_ordering(quiz: Quiz, question: Question) -> etree._Element:
    """An ordering question as Moodle XML `ordering`: items in the correct order, all or nothing."""
    element = etree.Element("question", type="ordering")
    _xml_text(element, "name", _name(quiz, question), None)
    _xml_text(element, "questiontext", question.prompt)
    for tag, value in ORDERING_OPTIONS:
        etree.SubElement(element, tag).text = value
    etree.SubElement(element, "selectcount").text = str(len(question.items))
    _xml_combined_feedback(element, question)
    for item in question.items:
        answer = etree.SubElement(element, "answer", {"fraction": "1", "format": TEXT_FORMAT})
        etree.SubElement(answer, "text").text = _xml_value(_clean(item.text))
    return element


def moodle_ordering_xml(course_title: str, quizzes: Sequence[Quiz]) -> bytes | None:
    """The ordering questions as Moodle XML (qtype_ordering), or None when there are none."""
    root = etree.Element("quiz")
    for quiz in quizzes:
        ordering = [q for q in quiz.questions if q.type == "ordering"]
        if ordering:
            root.append(_xml_category(course_title, quiz))
            root.extend(_xml_ordering(quiz, question) for question in ordering)
    if not len(root):
        return None
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def bank_readme(language: str, quizzes: Sequence[Quiz]) -> str:
    """The bank's README in the course's language: what each file holds and what GIFT cannot carry."""
    _ = translations(language).gettext
    kinds = {q.type for quiz in quizzes for q in quiz.questions}
    lines = [
        _("Question bank for Moodle"), "",
        _("Import a file in Moodle under Question bank > Import, choosing its format."), "",
        _("moodle.xml (format: Moodle XML): every question but the ordering ones, as the course "
          "shows and grades them, the order of answers included."),
        _("gift.txt (format: GIFT): the same questions in plain text, but GIFT cannot carry "
          "everything:"),
        _("- it cannot say \"do not shuffle\": Moodle shuffles the answers of multiple-choice "
          "questions and the items of matching and sorting questions;"),
        _("- it has no feedback for matching and sorting questions;"),
        _("- it has no ordering questions."),
        _("Use moodle.xml when the quiz must behave as the course does."),
    ]
    if "ordering" in kinds:
        lines += [
            "",
            _("moodle-ordering.xml (format: Moodle XML): the ordering questions, graded all or "
              "nothing. They need Moodle's Ordering question type (qtype_ordering), which only "
              "recent Moodle releases include; on a site without it, install that plugin first "
              "or leave this file out (one unknown question type stops a whole import)."),
        ]
    lines += [
        "",
        _("Moodle grades each question as the course does: single-choice and true/false questions "
          "all or nothing; multiple-response questions +1/k for each right choice picked and "
          "-1/(n-k) for each wrong one, never below 0 (k right of n choices); matching and "
          "sorting questions by the share of items placed right; ordering questions all or "
          "nothing."),
    ]
    return "\n".join(lines) + "\n"
