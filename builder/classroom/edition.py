"""The classroom edition: the offline edition with the classroom adapter, and what the server knows.

The server judges answers itself, from the course source, so a learner's phone cannot claim a score.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from ..build import check_and_resolve
from ..errors import Diagnostic
from ..model import Course, Question
from ..render import (FileMap, MarkdownRenderer, interaction_id, make_environment,
                      render_learner, with_adapter)
from ..resolve import PassMark, ResolvedCourse
from ..state import answer_key, response_ids

CP_DATA = re.compile(rb'<script type="application/json" id="cp-data">(.*?)</script>', re.S)


@dataclass(frozen=True)
class QuestionInfo:
    """One question as the dashboard shows it and the server judges it."""

    iid: str
    quiz_id: str
    quiz_title: str
    number: int
    final: bool
    prompt_html: str
    choices: tuple[tuple[str, str], ...]  # (choice id, its text as inline HTML), in source order
    correct: frozenset[str]
    key: tuple[str, ...] = ()  # the correct answer in its answer form (state.answer_key)
    accepted: frozenset[str] = frozenset()  # every entry an answer may hold
    ordered: bool = False  # an ordering question: the order of the entries is the answer
    kind: str = ""  # the question type (multiple, sorting and matching earn partial credit)

    def normal(self, entries: list[str]) -> tuple[str, ...]:
        """An answer in its answer form: each entry once, sorted unless the order is the answer."""
        unique = tuple(dict.fromkeys(entries))
        return unique if self.ordered else tuple(sorted(unique))

    def credit(self, entries: tuple[str, ...]) -> Fraction:
        """The credit an answer earns, by the runtime's rule (grade.js, Moodle's): multiple
        +1/k per right choice -1/(n-k) per wrong one, at least 0; sorting and matching the share
        of parts placed right, each part counted once; anything else all or nothing."""
        answer = self.normal(list(entries))
        if self.kind == "multiple" and self.correct:
            k, m = len(self.correct), len(self.choices) - len(self.correct)
            right = sum(1 for c in answer if c in self.correct)
            wrong = len(answer) - right
            return max(Fraction(right, k) - (Fraction(wrong, m) if m else 0), Fraction(0))
        if self.kind in ("sorting", "matching") and self.key:
            seen: set[str] = set()
            right = 0
            for entry in answer:
                part = entry.split("=")[0]
                if part not in seen:
                    seen.add(part)
                    right += entry in self.key
            return Fraction(right, len(self.key))
        return Fraction(int(answer == self.key))


@dataclass(frozen=True)
class ReflectionInfo:
    """A reflection's title and prompts."""

    id: str
    title: str
    prompts: tuple[str, ...]


@dataclass(frozen=True)
class Edition:
    """The classroom edition of one course, built in memory."""

    course: Course
    files: FileMap
    screen_titles: dict[str, str]  # screen id -> title, in course order
    questions: dict[str, QuestionInfo]  # interaction id -> question, in course order
    reflections: dict[str, ReflectionInfo]
    warnings: tuple[Diagnostic, ...]
    pass_mark: PassMark  # the course's one pass mark (resolve.py)
    final_asked: int = 0  # questions one attempt of the final asks (pools draw some of theirs)
    grading: str = "highest"  # how the final's attempts make the grade (resolve.GRADING_METHODS)

    @property
    def final_iids(self) -> tuple[str, ...]:
        """Interaction ids of the final assessment's questions."""
        return tuple(iid for iid, q in self.questions.items() if q.final)

    def score(self, correct: Fraction | int) -> tuple[int, bool]:
        """The raw score (0-100, rounded half up like the runtime, only shown) and the pass, of
        `correct` credits over the questions one attempt asks.

        The pass compares exactly, as the runtime does: 2 of 3 (66.67) fails a pass mark of 67.
        """
        total = self.final_asked
        raw = int((200 * correct + total) // (2 * total)) if total else 0
        return raw, total > 0 and correct * 100 >= self.pass_mark.percent * total

    def grade(self, attempts: list[Fraction]) -> Fraction:
        """The credits that count, from each finished attempt's credits in order, by the final's
        grading method, as the learner's results page grades them (quiz.js regrade)."""
        if self.grading == "last":
            return attempts[-1]
        if self.grading == "first":
            return attempts[0]
        if self.grading == "average":
            return sum(attempts, Fraction(0)) / len(attempts)
        return max(attempts)


def question_infos(course: ResolvedCourse) -> dict[str, QuestionInfo]:
    """Every question the learner meets, by interaction id, in course order."""
    md = MarkdownRenderer()
    result: dict[str, QuestionInfo] = {}
    for quiz in course.quizzes:
        for number, q in enumerate(quiz.questions, 1):
            iid = interaction_id(quiz.id, q.id)
            result[iid] = QuestionInfo(
                iid, quiz.id, quiz.title, number, quiz.is_final, str(md.inline(q.prompt)),
                tuple((c.id, str(md.inline(c.text))) for c in q.choices), frozenset(q.correct_ids),
                answer_key(course.salt, q) if q.type == "ordering"
                else tuple(sorted(answer_key(course.salt, q))),
                accepted_entries(course.salt, q), q.type == "ordering", q.type)
    return result


def accepted_entries(salt: str, question: Question) -> frozenset[str]:
    """Every entry an answer of a question may hold: choice ids, ordering item ids, or the
    `part=target` pairs of a sorting or matching question (docs/runtime.md)."""
    if question.type == "ordering":
        return frozenset(item.id for item in question.items)
    if question.type == "sorting":
        return frozenset(f"{item.id}={c.id}" for item in question.items for c in question.categories)
    if question.type == "matching":
        targets = response_ids(salt, question).values()
        return frozenset(f"{pair.id}={target}" for pair in question.pairs for target in targets)
    return frozenset(c.id for c in question.choices)


def screen_titles(files: FileMap) -> dict[str, str]:
    """Screen id -> title, read from the runtime data the learner package carries."""
    match = CP_DATA.search(files["index.html"])
    if match is None:
        raise RuntimeError("the learner index.html carries no cp-data")
    data = json.loads(match[1])
    return {s["id"]: s["title"] for s in data["screens"]}


def prepare(source: Path) -> Edition:
    """Check the course and build its classroom edition in memory (CourseError if it is broken)."""
    resolved, warnings = check_and_resolve(source)
    learner = render_learner(resolved, make_environment(source, resolved.course.language))
    files = with_adapter(learner, "classroom")
    reflections = {r.id: ReflectionInfo(r.id, r.title, r.prompts) for r in resolved.reflections}
    return Edition(resolved.course, files, screen_titles(files), question_infos(resolved),
                   reflections, tuple(warnings), resolved.pass_mark,
                   resolved.final.asked if resolved.final else 0, resolved.final_settings.grading)
