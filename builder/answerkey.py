"""The answer key's marking aid: how a facilitator finds a question and its answer. Pure.

A quiz that asks every question in file order with its choices unshuffled keeps a compact grid
(number → letter). A quiz that draws from pools or shuffles its questions or choices cannot: the
learner's numbering, order and choices differ from the file. There each question is found by its
opening words and its answer named by the correct option's text, grouped by pool.
"""

from __future__ import annotations

import re

from msgspec import Struct

from .model import Pool, Question, Quiz
from .resolve import Settings

OPENING_WORDS = 10  # words of a prompt shown to recognise the question
MARKUP = re.compile(r"[*_`]+|!?\[([^\]]*)\]\([^)]*\)")


class KeyGroup(Struct, frozen=True):
    """A pool of a quiz (or one question asked on its own) and the questions it holds."""

    pool: Pool | None
    questions: tuple[Question, ...]

    @property
    def draw(self) -> int:
        """How many of the group's questions one attempt asks."""
        return min(self.pool.draw, len(self.questions)) if self.pool else 1


class QuizKey(Struct, frozen=True):
    """One quiz as the marking aid shows it."""

    quiz: Quiz
    settings: Settings
    groups: tuple[KeyGroup, ...]

    @property
    def drawn(self) -> bool:
        """True when an attempt asks only some questions (a pool draws fewer than it holds)."""
        return self.quiz.asked < len(self.quiz.questions)

    @property
    def by_text(self) -> bool:
        """True when the learner's numbers or choices differ from the file's: mark by text."""
        return bool(self.quiz.pools) or self.settings.shuffle_questions or \
            self.settings.shuffle_choices


def opening(prompt: str, words: int = OPENING_WORDS) -> str:
    """The first words of a prompt as plain text, with `…` when there is more."""
    plain = MARKUP.sub(lambda m: m[1] or "", prompt).split()
    return " ".join(plain[:words]) + (" …" if len(plain) > words else "")


def key_groups(quiz: Quiz) -> tuple[KeyGroup, ...]:
    """The quiz's questions grouped as an attempt draws them, in file order."""
    by_id = {q.id: q for q in quiz.questions}
    return tuple(KeyGroup(None, (by_id[slot],)) if isinstance(slot, str)
                 else KeyGroup(slot, tuple(by_id[i] for i in slot.question_ids if i in by_id))
                 for slot in quiz.slots)


def quiz_key(quiz: Quiz, settings: Settings) -> QuizKey:
    """The marking aid of one quiz."""
    return QuizKey(quiz, settings, key_groups(quiz))
