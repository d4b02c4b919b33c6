"""The same grade everywhere: for every answer pattern of every question of the test course and of
course_src, the credit the course gives (grade.js, run in Node on the page's own runtime data)
equals the fraction Moodle gives the exported question (Moodle's documented grading, applied to
the Moodle XML and GIFT files as Moodle's importers read them: tests/support/moodle_import.py).

Moodle stores grades with 7 decimals (1/3 is 0.3333333), so the two may differ by at most
half a unit of the 7th decimal per fraction summed: 1e-6 covers the 10 answers a question may have.
"""

from __future__ import annotations

import itertools
import json
import random
import shutil
import subprocess
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from support.moodle_import import ParsedQuestion, Response, moodle_grade, parse_gift, \
    parse_moodle_xml

from builder.load import load_course
from builder.model import Category, Choice, Item, Location, Pair, Question, Quiz
from builder.render import MarkdownRenderer, question_data
from builder.resolve import resolve
from builder.state import response_ids
from builder.targets import quizbank

ROOT = Path(__file__).resolve().parent.parent
COURSES = {"mini": ROOT / "tests" / "courses" / "mini", "course_src": ROOT / "course_src"}
TOLERANCE = 1e-6
EXHAUSTIVE = 50_000  # patterns per question enumerated in full; beyond, a fixed random sample
SAMPLE = 5_000
RUNNER = """
const { load } = require(process.argv[2]);
const CP = load("hash.js", "grade.js");
const input = JSON.parse(require("node:fs").readFileSync(process.argv[3], "utf8"));
const out = input.cases.map(([key, answer]) => {
  const c = CP.grade.credit(input.data, key, answer);
  return [String(c.n), String(c.d), CP.grade.correct(input.data, key, answer)];
});
process.stdout.write(JSON.stringify(out));
"""

Case = tuple[str, list[str], Response]  # (question key, the course's answer, Moodle's response)


def patterns(question: Question, salt: str) -> Iterator[tuple[list[str], Response]]:
    """Every answer a learner can give, in the course's form and as Moodle's response to it."""
    ids = [c.id for c in question.choices]
    if question.type in ("single", "truefalse"):
        for index, choice in enumerate(ids):
            yield [choice], index
    elif question.type == "multiple":
        for size in range(1, len(ids) + 1):
            for picked in itertools.combinations(range(len(ids)), size):
                yield sorted(ids[i] for i in picked), frozenset(picked)
    elif question.type == "ordering":
        texts = {i.id: i.text for i in question.items}
        for order in itertools.permutations(texts):
            yield list(order), tuple(texts[i] for i in order)
    else:
        if question.type == "sorting":
            parts = [i.id for i in question.items]
            targets = {c.id: c.text for c in question.categories}
        else:
            rids = response_ids(salt, question)
            parts = [p.id for p in question.pairs]
            targets = {rids[p.id]: p.response for p in question.pairs}
        for placed in itertools.product(list(targets), repeat=len(parts)):
            yield (sorted(f"{p}={t}" for p, t in zip(parts, placed)),
                   tuple(targets[t] for t in placed))


def all_patterns(question: Question, salt: str) -> list[tuple[list[str], Response]]:
    """Every pattern, or a fixed random sample of them when there are too many to try."""
    found = list(itertools.islice(patterns(question, salt), EXHAUSTIVE + 1))
    if len(found) <= EXHAUSTIVE:
        return found
    return random.Random(question.id).sample(list(patterns(question, salt)), SAMPLE)


def course_credits(data: dict[str, object], cases: list[tuple[str, list[str]]],
                   tmp_path: Path) -> list[tuple[Fraction, bool]]:
    """grade.js's credit (an exact fraction) and verdict for each (key, answer), run in Node."""
    node = shutil.which("node")
    assert node, "Node.js runs the course's grade.js"
    runner, payload = tmp_path / "parity.js", tmp_path / "cases.json"
    runner.write_text(RUNNER, "utf-8")
    payload.write_text(json.dumps({"data": data, "cases": cases}), "utf-8")
    result = subprocess.run([node, str(runner), str(ROOT / "tests" / "js" / "unit" / "load.js"),
                             str(payload)], capture_output=True, text=True, timeout=600,
                            check=True)
    return [(Fraction(int(n), int(d)), ok) for n, d, ok in json.loads(result.stdout)]


def runtime(quizzes: list[Quiz], salt: str) -> tuple[dict[str, object], dict[str, Question]]:
    """The runtime data of every question (key = question id here) and the questions by key."""
    md = MarkdownRenderer()
    questions = {q.id: q for quiz in quizzes for q in quiz.questions}
    data = {"salt": salt, "questions": {q.id: question_data(q, quiz, salt, md)
                                        for quiz in quizzes for q in quiz.questions}}
    return data, questions


def exported(title: str, quizzes: list[Quiz]) -> dict[str, dict[str, ParsedQuestion]]:
    """Each question as Moodle imports it from each export, by `quiz.question` name."""
    xml = parse_moodle_xml(quizbank.moodle_xml(title, quizzes))
    ordering = quizbank.moodle_ordering_xml(title, quizzes)
    xml += parse_moodle_xml(ordering) if ordering else []
    return {"moodle.xml": {p["name"]: p for p in xml},
            "gift.txt": {p["name"]: p for p in parse_gift(quizbank.gift(title, quizzes))}}


def check_parity(title: str, quizzes: list[Quiz], salt: str, tmp_path: Path) -> int:
    """Assert course credit == Moodle's fraction for every pattern; returns how many were tried."""
    data, questions = runtime(quizzes, salt)
    names = {q.id: f"{quiz.id}.{q.id}" for quiz in quizzes for q in quiz.questions}
    cases = [(qid, answer, response) for qid, q in questions.items()
             for answer, response in all_patterns(q, salt)]
    credits = course_credits(data, [(k, a) for k, a, _ in cases], tmp_path)
    banks = exported(title, quizzes)
    tried = 0
    for (qid, answer, response), (credit, correct) in zip(cases, credits, strict=True):
        assert correct == (credit == 1), (qid, answer)
        for bank, parsed in banks.items():
            if names[qid] not in parsed:
                assert bank == "gift.txt" and questions[qid].type == "ordering", (bank, qid)
                continue
            moodle = moodle_grade(parsed[names[qid]], response)
            assert abs(float(credit) - moodle) <= TOLERANCE, (bank, qid, answer, credit, moodle)
            tried += 1
    return tried


@pytest.mark.parametrize("name", sorted(COURSES))
def test_every_answer_pattern_earns_moodles_grade(name: str, tmp_path: Path) -> None:
    course, problems = load_course(COURSES[name])
    assert course is not None and not [p for p in problems if p.severity == "error"]
    resolved = resolve(course)
    tried = check_parity(course.title, list(resolved.quizzes), resolved.salt, tmp_path)
    kinds = {q.type for q in resolved.questions}
    assert tried >= 2 * len(resolved.questions) - sum(q.type == "ordering"
                                                      for q in resolved.questions)
    if name == "mini":
        assert kinds == {"single", "multiple", "truefalse", "sorting", "ordering", "matching"}


def random_questions(rng: random.Random, count: int) -> list[Question]:
    """Questions of every type with random sizes and right answers (texts all different)."""
    loc = Location("quizzes/acak.yaml", 1, 1)
    made: list[Question] = []
    for n in range(count):
        kind = ("single", "multiple", "truefalse", "sorting", "ordering", "matching")[n % 6]
        qid = f"q{n}"
        if kind in ("single", "multiple"):
            size = rng.randint(2, 10)
            right = set(rng.sample(range(size), 1 if kind == "single" else rng.randint(1, size)))
            choices = tuple(Choice(f"c{i}", f"pilihan {i}", "", i in right, loc)
                            for i in range(size))
            made.append(Question(qid, kind, "Soal?", choices, loc))
        elif kind == "truefalse":
            answer = rng.random() < 0.5
            made.append(Question(qid, kind, "Benar?", (Choice("true", "Benar", "", answer, loc),
                                                        Choice("false", "Salah", "", not answer,
                                                               loc)), loc))
        elif kind == "sorting":
            cats = tuple(Category(f"k{i}", f"kategori {i}", loc)
                         for i in range(rng.randint(2, 4)))
            items = tuple(Item(f"i{i}", f"butir {i}", rng.choice(cats).id, loc)
                          for i in range(rng.randint(3, 6)))
            made.append(Question(qid, kind, "Kelompokkan.", (), loc, cats, items))
        elif kind == "ordering":
            items = tuple(Item(f"i{i}", f"langkah {i}", "", loc) for i in range(rng.randint(3, 6)))
            made.append(Question(qid, kind, "Urutkan.", (), loc, items=items))
        else:
            pairs = tuple(Pair(f"p{i}", f"premis {i}", f"respons {i}", loc)
                          for i in range(rng.randint(3, 5)))
            made.append(Question(qid, kind, "Pasangkan.", (), loc, pairs=pairs))
    return made


def test_random_questions_of_every_type_earn_moodles_grade(tmp_path: Path) -> None:
    rng = random.Random(20261202)
    quiz = Quiz("acak", "Acak", "final", "", 70, tuple(random_questions(rng, 36)),
                Location("quizzes/acak.yaml", 1, 1))
    assert check_parity("Kursus Acak", [quiz], "garam", tmp_path) > 10_000
