"""The learner state as the runtime stores it: keys, answer checks, and the suspend_data bound.

Everything here mirrors `docs/runtime.md`; the JavaScript runtime implements the same formulas.
"""

from __future__ import annotations

import base64
import json
import math
from typing import TYPE_CHECKING

from msgspec import Struct

from .model import Course, Question

if TYPE_CHECKING:
    from .resolve import ResolvedCourse

FNV_PRIME = 0x01000193
FNV_OFFSETS = (0x811C9DC5, 0x9747B28C)
KEY_LENGTH = 5
MASK_LENGTH = 2
REFLECTION_MAX_LENGTH = 500
SUSPEND_PREFIX = "c2|"
TRIES_LENGTH = 1  # knowledge-check tries, base36, capped at 35
ATTEMPT_CAP = 36**3 - 1  # attempts counted up to this (3 base36 digits)
# Every credit a question can earn is a fraction whose denominator divides this (lcm of 1..10):
# grade.js credits run over at most 10 parts of a question.
CREDIT_DENOMINATOR = 2520
CHOICE_TYPES = ("single", "multiple", "truefalse")
RESULTS_SCREEN_ID = "hasil"
SCORM12_SUSPEND_LIMIT = 4096
SCORM2004_SUSPEND_LIMIT = 64000
BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def fnv1a32(data: bytes, offset: int) -> int:
    """FNV-1a, 32 bits, with a given offset basis."""
    value = offset
    for byte in data:
        value = ((value ^ byte) * FNV_PRIME) & 0xFFFFFFFF
    return value


def hash64(text: str) -> str:
    """Two FNV-1a hashes of the UTF-8 text, as 16 lowercase hex digits."""
    data = text.encode("utf-8")
    return "".join(f"{fnv1a32(data, offset):08x}" for offset in FNV_OFFSETS)


def base36(value: int, width: int) -> str:
    """`value` in base 36, zero-padded to `width` characters (value < 36**width)."""
    digits = ""
    for _ in range(width):
        value, digit = divmod(value, 36)
        digits = BASE36[digit] + digits
    return digits


def answer_check(salt: str, question: Question) -> str:
    """The hash the runtime compares a learner's whole answer with."""
    return hash64(f"{salt}|{question.id}|{','.join(answer_key(salt, question))}")


# ---- sorting, ordering and matching questions (engineer "qtypes")


def shuffled(salt: str, question_id: str, ids: list[str]) -> list[str]:
    """Ids in a fixed order from the salt, never the given one (when there are two or more)."""
    order = sorted(ids, key=lambda i: hash64(f"{salt}|{question_id}|order|{i}"))
    return order[1:] + order[:1] if order == ids and len(ids) > 1 else order


def response_ids(salt: str, question: Question) -> dict[str, str]:
    """Pair id -> the id of its response (`r1`, `r2`, ... in the shuffled order they are shown).

    The response of pair `a` is not called `a`: that would print the key in the page.
    """
    order = shuffled(salt, question.id, [p.id for p in question.pairs])
    return {pair_id: f"r{n}" for n, pair_id in enumerate(order, start=1)}


def answer_key(salt: str, question: Question) -> tuple[str, ...]:
    """The correct answer in the runtime's answer form (docs/runtime.md).

    Choice types: the correct choice ids, sorted. Ordering: the item ids in order. Sorting:
    `item=category`, sorted by item. Matching: `premise=response id`, sorted.
    """
    if question.type == "ordering":
        return tuple(i.id for i in question.items)
    if question.type == "sorting":
        return tuple(sorted(f"{i.id}={i.category}" for i in question.items))
    if question.type == "matching":
        rids = response_ids(salt, question)
        return tuple(sorted(f"{p.id}={rids[p.id]}" for p in question.pairs))
    return question.correct_ids


def part_checks(salt: str, question: Question) -> dict[str, str]:
    """Per part, the hash of its right placement: partial credit without the key in clear.

    Sorting and matching: part id -> hash of `part=target`. Multiple response: choice id ->
    hash of `choice=1` for a correct choice, `choice=0` for a wrong one.
    """
    if question.type in ("sorting", "matching"):
        return {part.split("=")[0]: hash64(f"{salt}|{question.id}|{part}")
                for part in answer_key(salt, question)}
    if question.type == "multiple":
        return {c.id: hash64(f"{salt}|{question.id}|{c.id}={int(c.correct)}")
                for c in question.choices}
    return {}


# ---- end of sorting, ordering and matching


def obfuscate(salt: str, question_id: str, choice_id: str, text: str) -> str:
    """Feedback text XOR a key from the ids, base64: not readable in the page source."""
    key = bytes.fromhex(hash64(f"{salt}|{question_id}|{choice_id}"))
    data = text.encode("utf-8")
    stream = (key * (len(data) // len(key) + 1))[:len(data)]
    mixed = int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")  # XOR all bytes at once
    return base64.b64encode(mixed.to_bytes(len(data), "big")).decode()


def reveal(salt: str, question_id: str, choice_id: str, encoded: str) -> str:
    """The feedback text `obfuscate` encoded (for tests and tools; the runtime does the same)."""
    key = bytes.fromhex(hash64(f"{salt}|{question_id}|{choice_id}"))
    data = base64.b64decode(encoded)
    return bytes(b ^ key[i % len(key)] for i, b in enumerate(data)).decode("utf-8")


def course_salt(course: Course) -> str:
    """A salt that is stable for a course version (so builds are reproducible)."""
    return hash64(f"coursepack|{course.id}|{course.version}")


def question_keys(questions: list[Question]) -> dict[str, str]:
    """A unique 5-character key per question id, from its id and its sorted choice ids."""
    keys: dict[str, str] = {}
    used: set[str] = set()
    for question in sorted(questions, key=lambda q: q.id):
        seed = f"{question.id}|{','.join(sorted(c.id for c in question.choices))}"
        attempt = 0
        while True:
            key = base36(fnv1a32(f"{seed}|{attempt}".encode(), FNV_OFFSETS[0]) % 36**KEY_LENGTH,
                         KEY_LENGTH)
            if key not in used:
                break
            attempt += 1
        used.add(key)
        keys[question.id] = key
    return keys


class Screen(Struct, frozen=True):
    """One screen of the learner package: a page, a quiz, a reflection, or the results."""

    id: str
    kind: str  # "page" | "quiz" | "reflection" | "results"
    module_id: str | None


def layout_key(screen_list: list[Screen]) -> str:
    """4 base36 characters that change when the screen order changes."""
    joined = ",".join(s.id for s in screen_list)
    return base36(fnv1a32(joined.encode(), FNV_OFFSETS[1]) % 36**4, 4)


def reflection_limits(course: ResolvedCourse) -> dict[str, int]:
    """Number of prompts per reflection id."""
    return {r.id: len(r.prompts) for r in course.reflections}


def base36_length(value: int) -> int:
    """Digits of a non-negative integer in base 36."""
    digits = 1
    while value >= 36:
        value //= 36
        digits += 1
    return digits


def other_answer(question: Question) -> list[str]:
    """The longest answer the runtime saves for a sorting, ordering or matching question, in its
    answer form (arrange.js): item ids (ordering), "item=category" with the longest category id
    (sorting), "premise=rN" with the widest response id (matching)."""
    if question.type == "ordering":
        return [item.id for item in question.items]
    if question.type == "sorting":
        widest = max((c.id for c in question.categories), key=len, default="")
        return [f"{item.id}={widest}" for item in question.items]
    return [f"{pair.id}=r{len(question.pairs)}" for pair in question.pairs]


def final_part_length(course: ResolvedCourse) -> int:
    """"attempt.finished.gradeN.gradeD": the grade is a fraction of the whole score; its
    denominator divides asked x CREDIT_DENOMINATOR, and an average sums one per attempt."""
    asked = course.final.asked if course.final else 1
    denominator = asked * CREDIT_DENOMINATOR
    return (2 * base36_length(ATTEMPT_CAP) + base36_length(denominator * ATTEMPT_CAP)
            + base36_length(denominator) + 3)


def worst_case_suspend_length(course: ResolvedCourse) -> int:
    """The longest suspend_data the runtime can write for this course (every field at its max).

    Counted: visited screens; per question one attempt asks, its answer (with tries) or its
    draft (a draft goes when the answer is submitted); the final's attempt, attempts finished
    and grade; reflections; answers that are not choices. Question orders, option orders and
    pool draws take no room: they are seeded by the learner and the attempt, never stored.
    """
    asked = [q for quiz in course.quizzes for q in drawn_worst(quiz.questions, quiz.asked)]
    length = len(SUSPEND_PREFIX) + 4 + 1 + math.ceil(len(course.screens) / 6) + 1
    length += sum(KEY_LENGTH + MASK_LENGTH + TRIES_LENGTH for q in asked if q.type in CHOICE_TYPES)
    length += 1 + 1 + final_part_length(course)
    worst: dict[str, object] = {}
    limits = reflection_limits(course)
    if limits:
        # Every character of a reflection can be a quote, which JSON writes as two characters.
        worst["r"] = {rid: ['"' * REFLECTION_MAX_LENGTH] * count for rid, count in limits.items()}
    others = {"k" * KEY_LENGTH + str(i): ["z"] + other_answer(q)
              for i, q in enumerate(q for q in asked if q.type not in CHOICE_TYPES)}
    if others:
        worst["x"] = others  # an answer and a draft of one question are never both kept
    if worst:
        length += 1 + len(json.dumps(worst, ensure_ascii=False, separators=(",", ":")))
    return length


def drawn_worst(questions: tuple[Question, ...], asked: int) -> list[Question]:
    """The `asked` questions of a quiz whose saved answers are the longest."""
    return sorted(questions, key=lambda q: (q.type in CHOICE_TYPES, q.id))[:asked]
