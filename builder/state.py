"""The learner state as the runtime stores it: keys, answer checks, and the suspend_data bound.

Everything here mirrors `docs/runtime.md`; the JavaScript runtime implements the same formulas.
"""

from __future__ import annotations

import base64
import json
import math
from dataclasses import dataclass

from .model import Course, Question, Quiz

FNV_PRIME = 0x01000193
FNV_OFFSETS = (0x811C9DC5, 0x9747B28C)
KEY_LENGTH = 5
MASK_LENGTH = 2
REFLECTION_MAX_LENGTH = 500
SUSPEND_PREFIX = "c1|"
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
    """The hash the runtime compares a learner's selection with."""
    return hash64(f"{salt}|{question.id}|{','.join(question.correct_ids)}")


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


@dataclass(frozen=True)
class Screen:
    """One screen of the learner package: a page, a quiz, a reflection, or the results."""

    id: str
    kind: str  # "page" | "quiz" | "reflection" | "results"
    module_id: str | None


def screens(course: Course) -> list[Screen]:
    """Every screen in the order the learner meets them."""
    by_id = {m.id: m for m in course.modules}
    result: list[Screen] = []
    for module_id in course.module_ids:
        module = by_id.get(module_id)
        if module is None:
            continue
        result += [Screen(p.id, "page", module.id) for p in module.pages]
        if module.quiz_id and course.quiz(module.quiz_id):
            result.append(Screen(module.quiz_id, "quiz", module.id))
        if module.reflection:
            result.append(Screen(module.reflection.id, "reflection", module.id))
    if course.final_assessment:
        result.append(Screen(course.final_assessment_id, "quiz", None))
    result.append(Screen(RESULTS_SCREEN_ID, "results", None))
    return result


def layout_key(screen_list: list[Screen]) -> str:
    """4 base36 characters that change when the screen order changes."""
    joined = ",".join(s.id for s in screen_list)
    return base36(fnv1a32(joined.encode(), FNV_OFFSETS[1]) % 36**4, 4)


def course_quizzes(course: Course) -> list[Quiz]:
    """The quizzes the learner meets, in order (each once)."""
    ids = [s.id for s in screens(course) if s.kind == "quiz"]
    return [q for qid in ids if (q := course.quiz(qid)) is not None]


def reflection_limits(course: Course) -> dict[str, int]:
    """Number of prompts per reflection id."""
    return {m.reflection.id: len(m.reflection.prompts) for m in course.modules if m.reflection}


def worst_case_suspend_length(course: Course) -> int:
    """The longest suspend_data the runtime can write for this course (every field at its max)."""
    screen_list = screens(course)
    question_count = sum(len(q.questions) for q in course_quizzes(course))
    length = len(SUSPEND_PREFIX) + 4 + 1 + math.ceil(len(screen_list) / 6) + 1
    length += question_count * (KEY_LENGTH + MASK_LENGTH)
    limits = reflection_limits(course)
    if limits:
        # Every character of a reflection can be a quote, which JSON writes as two characters.
        worst = {rid: ['"' * REFLECTION_MAX_LENGTH] * count for rid, count in limits.items()}
        length += 1 + len(json.dumps(worst, ensure_ascii=False, separators=(",", ":")))
    return length
