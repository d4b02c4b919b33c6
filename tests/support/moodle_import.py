"""Moodle's quiz-bank importers, mirrored for the tests: GIFT and Moodle XML read back.

They prove the exports of builder/targets/quizbank.py round-trip: they follow, step by step,
what Moodle's own importers do with a file (the PHP functions are named in each docstring),
without Moodle's database side (files, tags, `clean_param`). The constants are read again from
Moodle's source here, not taken from the exporter, so the two readings check each other.
"""

from __future__ import annotations

import re
from typing import TypedDict

from lxml import etree

PHP_TRIM = " \t\n\r\0\x0b"  # the characters PHP's trim() removes

# qformat_gift::escapedchar_pre / escapedchar_post: escape sequence, placeholder, character.
GIFT_PLACEHOLDERS = (("\\:", "&&058;", ":"), ("\\#", "&&035;", "#"), ("\\=", "&&061;", "="),
                     ("\\{", "&&123;", "{"), ("\\}", "&&125;", "}"), ("\\~", "&&126;", "~"),
                     ("\\n", "&&010", "\n"))
GIFT_BACKSLASH = "&&092;"  # the placeholder escapedchar_pre uses for an escaped backslash
GIFT_WEIGHT = re.compile(r"^%\-*([0-9]{1,2})\.?([0-9]*)%")  # $giftanswerweightregex
GIFT_TRUEFALSE = ("T", "TRUE", "F", "FALSE")
GIFT_FORMATS = {"moodle": "moodle_auto_format", "html": "html", "plain": "plain_text",
                "markdown": "markdown"}  # qformat_gift::format_name_to_const, as XML names
XML_FORMATS = ("moodle_auto_format", "html", "plain_text", "wiki_like", "markdown")

# question_bank::ensure_fraction_options_initialised: the positive grades Moodle accepts; the
# full list (fraction_options_full) is these, their negatives and 0.
POSITIVE_FRACTIONS = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333,
                      0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)
ALLOWED_FRACTIONS = (0.0, *POSITIVE_FRACTIONS, *(-f for f in POSITIVE_FRACTIONS))
GRADE_TOLERANCE = 0.00001  # match_grade_options(..., 'error') in lib/questionlib.php

Answer = tuple[str, float, str]  # (text, fraction, feedback)


class ParsedQuestion(TypedDict, total=False):
    """One question as Moodle's importer reads it back."""

    category: tuple[str, ...]
    name: str
    type: str  # "single" | "multiple" | "truefalse" | "match" | "ordering"
    text: str
    format: str
    answers: list[Answer]
    subquestions: list[tuple[str, str]]  # match: (stem, answer); a stem "" is a distractor
    shuffle: bool  # match: shuffleanswers (the stems' order; Moodle shuffles its answers always)
    items: list[str]  # ordering: the items in the correct order
    gradingtype: str  # ordering
    feedback: tuple[str, str, str]  # match, ordering: correct, partly correct, incorrect


# ---------------------------------------------------------------- shared helpers


def _php_trim(text: str) -> str:
    """PHP's trim(): strip spaces, tabs, newlines, NUL and vertical tab from both ends."""
    return text.strip(PHP_TRIM)


def _split_category_path(path: str) -> tuple[str, ...]:
    """Category names from a path, as qformat_default::split_category_path reads it."""
    return tuple(_php_trim(raw.replace("//", "/")) for raw in re.split(r"(?<!/)/(?!/)", path))


def _match_grade(fraction: float) -> float:
    """The allowed grade a fraction stands for, as match_grade_options(..., 'error') finds it."""
    for allowed in ALLOWED_FRACTIONS:
        if abs(fraction - allowed) < GRADE_TOLERANCE:
            return allowed
    raise ValueError(f"{fraction} is not one of Moodle's grades")


# ---------------------------------------------------------------- GIFT import
# Mirrors question/format.php qformat_default::readdata and ::readquestions, and
# question/format/gift/format.php qformat_gift::readquestion with its helpers escapedchar_pre,
# escapedchar_post, parse_text_with_format, commentparser, answerweightparser and
# split_truefalse_comment; then importprocess's match_grade_options check of the grades.


def _gift_lines(text: str) -> list[str]:
    """The file's lines as readdata gets them: split at \\n only, BOM dropped, old-Mac \\r split."""
    parts = text.split("\n")
    lines = [line + "\n" for line in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    if not lines:
        return []
    lines[0] = lines[0].removeprefix("\ufeff")
    if "\r" in lines[0] and "\n" not in lines[0]:
        return lines[0].split("\r")
    return lines


def _php_empty(text: str) -> bool:
    """PHP's empty() on a string: true for "" and "0"."""
    return text in ("", "0")


def _gift_blocks(lines: list[str]) -> list[list[str]]:
    """The questions of a file: runs of lines between blank lines (readquestions)."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        line = _php_trim(line)
        if _php_empty(line):
            blocks.append([])
        else:
            blocks[-1].append(line)
    return [block for block in blocks if block]


def _gift_pre(text: str) -> str:
    """escapedchar_pre: escaped specials become placeholders and `\\\\` becomes `\\`."""
    text = text.replace("\\\\", GIFT_BACKSLASH)
    for escaped, placeholder, _ in GIFT_PLACEHOLDERS:
        text = text.replace(escaped, placeholder)
    return text.replace(GIFT_BACKSLASH, "\\")


def _gift_post(text: str) -> str:
    """escapedchar_post: placeholders become their characters."""
    for _, placeholder, character in GIFT_PLACEHOLDERS:
        text = text.replace(placeholder, character)
    return text


def _gift_format(text: str, default: str) -> tuple[str, str]:
    """parse_text_with_format: a leading `[format]` is read off; returns (text, format)."""
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        name, rest = (text[1:end], text[end + 1:]) if end != -1 else (text[1:-1], text[1:])
        if name in GIFT_FORMATS:
            fmt, text = GIFT_FORMATS[name], rest
    return _php_trim(_gift_post(text)), fmt


def _gift_comment(answer: str, default: str) -> tuple[str, str]:
    """commentparser: `text#feedback` split at the first `#`; returns (text, feedback)."""
    bits = answer.split("#", 1)
    text = _gift_format(_php_trim(bits[0]), default)[0]
    feedback = _gift_format(_php_trim(bits[1]), default)[0] if len(bits) > 1 else ""
    return text, feedback


def _gift_weight(answer: str) -> tuple[float, str]:
    """answerweightparser: `%weight%rest` gives (weight / 100, rest)."""
    answer = answer[1:]
    end = answer.find("%")
    try:
        weight = float(answer[:end]) / 100
    except ValueError as exc:
        raise ValueError(f"bad GIFT answer weight in {answer!r}") from exc
    return weight, answer[end + 1:]


def _gift_multichoice(answertext: str, default: str) -> tuple[str, list[Answer]]:
    """The multichoice case of readquestion: `=` marks full credit, `~%w%` a weight, `~` none."""
    kind = "single" if "=" in answertext else "multiple"
    parts = answertext.replace("=", "~=").split("~")
    parts[0] = _php_trim(parts[0])
    if _php_empty(parts[0]):
        parts = parts[1:]
    if len(parts) < 2:
        raise ValueError("a GIFT multichoice question needs at least two answers")
    answers = []
    for part in parts:
        part = _php_trim(part)
        if part.startswith("="):
            weight, part = 1.0, part[1:]
        elif GIFT_WEIGHT.match(part):
            weight, part = _gift_weight(part)
        else:
            weight = 0.0
        text, feedback = _gift_comment(part, default)
        answers.append((text, _match_grade(weight), feedback))
    return kind, answers


def _gift_truefalse(answertext: str, default: str) -> list[Answer]:
    """The truefalse case: `{TRUE#wrong#right}`; answers are ("true", …), ("false", …)."""
    bits = answertext.split("#", 2)
    head = _gift_format(_php_trim(bits[0]), default)[0]
    wrong = _gift_format(_php_trim(bits[1]), default)[0] if len(bits) > 1 else ""
    right = _gift_format(_php_trim(bits[2]), default)[0] if len(bits) > 2 else ""
    if head in ("T", "TRUE"):
        return [("true", 1.0, right), ("false", 0.0, wrong)]
    return [("true", 0.0, wrong), ("false", 1.0, right)]


def _gift_match(answertext: str, default: str) -> list[tuple[str, str]]:
    """The match case of readquestion: `=stem -> answer` parts split at `=`, then at the first `->`;
    the stem through parse_text_with_format, the answer through escapedchar_post and trim."""
    parts = answertext.split("=")
    parts[0] = _php_trim(parts[0])
    if _php_empty(parts[0]):
        parts = parts[1:]
    if len(parts) < 2:
        raise ValueError("a GIFT match question needs at least two answers")
    pairs = []
    for part in parts:
        part = _php_trim(part)
        marker = part.find("->")
        if marker == -1:
            raise ValueError(f"giftmatchingformat: {part!r}")
        stem = _gift_format(part[:marker], default)[0]
        pairs.append((stem, _php_trim(_gift_post(part[marker + 2:]))))
    return pairs


def _gift_kind(answertext: str) -> str:
    """The question type readquestion infers from the answer block."""
    if answertext == "":
        return "essay"
    if answertext.startswith("#"):
        return "numerical"
    if "~" in answertext:
        return "multichoice"
    if "=" in answertext and "->" in answertext:
        return "match"
    check = answertext
    if answertext.find("#") > 0:
        check = _php_trim(answertext[:answertext.find("#")])
    return "truefalse" if check in GIFT_TRUEFALSE else "shortanswer"


def _gift_read(lines: list[str],
               category: tuple[str, ...]) -> ParsedQuestion | tuple[str, ...] | None:
    """readquestion: a block to a question, to the category it switches to, or to nothing."""
    lines = [" " if _php_trim(line).startswith("//") else line for line in lines]
    text = _gift_pre(_php_trim("\n".join(lines)))
    if text == "":
        return None  # a block of comments
    if text.startswith("$CATEGORY:"):
        return _split_category_path(_php_trim(text[10:]))  # Moodle applies no escapedchar_post
    name = ""
    if text.startswith("::"):
        text = text[2:]
        end = text.find("::")
        if end != -1:
            name, text = _php_trim(_gift_post(text[:end])), _php_trim(text[end + 2:])
    start, finish = text.find("{"), text.find("}")
    if start == -1 or finish < start:
        raise ValueError(f"no answer block in GIFT question {name!r}")
    answertext = _php_trim(text[start + 1:finish])
    filler = "" if text.endswith("}") else "_____"
    questiontext = text[:start] + filler + text[finish + 1:]
    general = answertext.rfind("####")
    if general != -1:
        answertext = _php_trim(answertext[:general])
    body, fmt = _gift_format(questiontext, "moodle_auto_format")
    kind = _gift_kind(answertext)
    if kind == "multichoice":
        qtype, answers = _gift_multichoice(answertext, fmt)
    elif kind == "truefalse":
        qtype, answers = "truefalse", _gift_truefalse(answertext, fmt)
    elif kind == "match":
        return ParsedQuestion(category=category, name=name, type="match", text=body, format=fmt,
                              answers=[], subquestions=_gift_match(answertext, fmt),
                              shuffle=True, feedback=("", "", ""))
    else:
        raise ValueError(f"GIFT question {name!r} is a {kind} question, not exported here")
    return ParsedQuestion(category=category, name=name, type=qtype, text=body, format=fmt,
                          answers=answers)


def parse_gift(text: str) -> list[ParsedQuestion]:
    """Read GIFT text back the way Moodle's GIFT importer does; raises ValueError where it would."""
    questions: list[ParsedQuestion] = []
    category: tuple[str, ...] = ()
    for block in _gift_blocks(_gift_lines(text)):
        read = _gift_read(block, category)
        if isinstance(read, tuple):
            category = read
        elif read is not None:
            questions.append(read)
    return questions

# ---------------------------------------------------------------- Moodle XML import
# Mirrors question/format/xml/format.php qformat_xml::readquestions / import_questions /
# import_question, import_category, import_headers, import_text_with_files, getpath, trans_format,
# trans_single, import_multichoice, import_answer and import_truefalse; then importprocess's
# match_grade_options check of the grades.


def _xml_get(element: etree._Element, *path: str, default: str = "") -> str:
    """getpath(..., istext=true): the trimmed text of the first element down a path of tags."""
    for tag in path:
        found = element.find(tag)
        if found is None:
            return default
        element = found
    return _php_trim(element.text or "")


def _xml_format(element: etree._Element | None, default: str) -> str:
    """trans_format of a `format` attribute: unknown names are read as html."""
    name = _php_trim(element.get("format", default)) if element is not None else default
    return name if name in XML_FORMATS else "html"


def _xml_single(value: str) -> bool:
    """trans_single: "false", "" and "0" are false, anything else true."""
    value = _php_trim(value)
    return not (value == "false" or _php_empty(value))


def _xml_fraction(answer: etree._Element) -> float:
    """import_answer's fraction: the `fraction` attribute (default 0) divided by 100."""
    try:
        return float(answer.get("fraction", "0")) / 100
    except ValueError as exc:
        raise ValueError(f"bad fraction {answer.get('fraction')!r}") from exc


def _xml_multichoice(question: etree._Element, category: tuple[str, ...]) -> ParsedQuestion:
    """import_headers + import_multichoice: name, text, single flag and graded answers."""
    fmt = _xml_format(question.find("questiontext"), "html")
    answers = []
    for answer in question.findall("answer"):
        feedback = _xml_get(answer, "feedback", "text")
        answers.append((_xml_get(answer, "text"), _match_grade(_xml_fraction(answer)), feedback))
    single = _xml_single(_xml_get(question, "single", default="true"))
    return ParsedQuestion(category=category, name=_xml_get(question, "name", "text"),
                          type="single" if single else "multiple",
                          text=_xml_get(question, "questiontext", "text"), format=fmt,
                          answers=answers)


def _is_hundred(value: str | None) -> bool:
    """PHP's `$value == 100` for an attribute: a numeric string equal to 100."""
    try:
        return value is not None and float(value) == 100
    except ValueError:
        return False


def _xml_truefalse(question: etree._Element, category: tuple[str, ...]) -> ParsedQuestion:
    """import_headers + import_truefalse: answers `true`/`false` (else by position), 100 = right."""
    correct, feedback = True, {"true": "", "false": ""}
    for index, answer in enumerate(question.findall("answer")):
        text = _xml_get(answer, "text")
        if text not in feedback:
            text = "true" if index == 0 else "false"  # an old-style file: true first, then false
        full = _is_hundred(answer.get("fraction"))
        correct = full if text == "true" else not full
        feedback[text] = _xml_get(answer, "feedback", "text")
    return ParsedQuestion(category=category, name=_xml_get(question, "name", "text"),
                          type="truefalse", text=_xml_get(question, "questiontext", "text"),
                          format=_xml_format(question.find("questiontext"), "html"),
                          answers=[("true", float(correct), feedback["true"]),
                                   ("false", float(not correct), feedback["false"])])


def _xml_feedback(question: etree._Element) -> tuple[str, str, str]:
    """import_combined_feedback: correct, partially correct and incorrect feedback texts."""
    return (_xml_get(question, "correctfeedback", "text"),
            _xml_get(question, "partiallycorrectfeedback", "text"),
            _xml_get(question, "incorrectfeedback", "text"))


def _xml_match(question: etree._Element, category: tuple[str, ...]) -> ParsedQuestion:
    """import_match: shuffleanswers (trans_single, default 1) and (subquestion, answer) texts."""
    pairs = [(_xml_get(sub, "text"), _xml_get(sub, "answer", "text"))
             for sub in question.findall("subquestion")]
    return ParsedQuestion(category=category, name=_xml_get(question, "name", "text"), type="match",
                          text=_xml_get(question, "questiontext", "text"),
                          format=_xml_format(question.find("questiontext"), "html"), answers=[],
                          subquestions=pairs,
                          shuffle=_xml_single(_xml_get(question, "shuffleanswers", default="1")),
                          feedback=_xml_feedback(question))


def _xml_ordering(question: etree._Element, category: tuple[str, ...]) -> ParsedQuestion:
    """qtype_ordering::import_from_xml: the answers in the correct order and the grading type
    (read by name, default RELATIVE)."""
    return ParsedQuestion(category=category, name=_xml_get(question, "name", "text"),
                          type="ordering", text=_xml_get(question, "questiontext", "text"),
                          format=_xml_format(question.find("questiontext"), "html"), answers=[],
                          items=[_xml_get(a, "text") for a in question.findall("answer")],
                          gradingtype=_xml_get(question, "gradingtype", default="RELATIVE").upper(),
                          feedback=_xml_feedback(question))


def parse_moodle_xml(data: bytes) -> list[ParsedQuestion]:
    """Read Moodle XML back the way Moodle's XML importer does; raises ValueError where it would."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from exc
    if root.tag != "quiz":
        raise ValueError("a Moodle XML file has a <quiz> root")
    questions: list[ParsedQuestion] = []
    category: tuple[str, ...] = ()
    for question in root.findall("question"):
        kind = question.get("type")
        if kind == "category":
            category = _split_category_path(_xml_get(question, "category", "text"))
        elif kind == "multichoice":
            questions.append(_xml_multichoice(question, category))
        elif kind == "truefalse":
            questions.append(_xml_truefalse(question, category))
        elif kind == "matching":
            questions.append(_xml_match(question, category))
        elif kind == "ordering":
            questions.append(_xml_ordering(question, category))
        else:
            raise ValueError(f"question type {kind!r} is not exported here")
    return questions

# ---------------------------------------------------------------- Moodle's grading, as documented
# What Moodle's question types give one response, as a fraction of the question's mark:
# qtype_multichoice_single_question::grade_response (the fraction of the answer chosen),
# qtype_truefalse_question::grade_response (1 when the choice is the right one),
# qtype_multichoice_multi_question::grade_response (the chosen answers' fractions summed, then
# min(max(0, sum), 1)), qtype_match_question::grade_response with get_num_parts_right (stems
# matched to their right choice / stems; answers of the same text are one choice, as
# qtype_match::initialise_question_instance merges them), and qtype_ordering_question with
# GRADING_ALL_OR_NOTHING (1 when every item is in its place, else 0).

Response = int | frozenset[int] | tuple[str, ...]


def moodle_grade(question: ParsedQuestion, response: Response) -> float:
    """The fraction Moodle gives a response: an answer index (single, truefalse), a set of answer
    indices (multiple), the answer text chosen per stem (match) or the items' order (ordering)."""
    kind = question["type"]
    if kind in ("single", "truefalse"):
        assert isinstance(response, int)
        return question["answers"][response][1]
    if kind == "multiple":
        assert isinstance(response, frozenset)
        return min(max(0.0, sum(question["answers"][i][1] for i in response)), 1.0)
    if kind == "match":
        assert isinstance(response, tuple)
        choices: list[str] = []  # one choice per distinct answer text, first one kept
        right = []
        for stem, answer in question["subquestions"]:
            if answer not in choices:
                choices.append(answer)
            if stem != "":
                right.append(answer)
        assert len(response) == len(right) and all(r in choices for r in response)
        return sum(r == a for r, a in zip(response, right)) / len(right)
    if kind == "ordering":
        assert isinstance(response, tuple)
        if question["gradingtype"] != "ALL_OR_NOTHING":
            raise ValueError(f"grading {question['gradingtype']} is not the course's rule")
        return float(list(response) == question["items"])
    raise ValueError(f"no grading for {kind!r}")
