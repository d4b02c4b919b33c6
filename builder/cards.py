"""Dilemma cards: the `## Kartu dilema` (or `## Dilemma cards`) section of facilitator notes.

Each card is a `### title` heading, a situation (one or more paragraphs, optionally starting with
`**Situasi:**` or `**Situation:**`) and one paragraph starting with `**Pertanyaan:**` or
`**Question:**`. An optional paragraph `**Tema:** ...` (or `**Theme:** ...`) gives the card a short
label printed with its number, the name the facilitator notes hand it out by (`Kartu Integritas`).
A card never holds an answer.
"""

from __future__ import annotations

import re

from .errors import Diagnostic, error
from .model import DilemmaCard, Location, Page

SECTION_IDS = ("kartu-dilema", "dilemma-cards")  # the section's heading in Indonesian or English
CARD_HEADING = re.compile(r"^###\s+(?P<title>.+?)\s*$")
QUESTION = re.compile(r"^(?:\*\*)?(?:Pertanyaan|Question)\s*:\s*(?:\*\*)?\s*", re.IGNORECASE)
THEME = re.compile(r"^(?:\*\*)?(?:Tema|Theme)\s*:\s*(?:\*\*)?\s*", re.IGNORECASE)
SITUATION = re.compile(r"^(?:\*\*)?(?:Situasi|Situation)\s*:\s*(?:\*\*)?\s*", re.IGNORECASE)
# A card is a quarter of an A4 sheet: longer text would spill over its cut lines.
MAX_CARD_TEXT = 460


def paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated paragraphs, each joined into one line."""
    result: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            result.append(" ".join(current))
            current = []
    return result


def read_card(title: str, lines: list[str], loc: Location) -> tuple[DilemmaCard, list[Diagnostic]]:
    """One card from its heading's title and the lines under it."""
    parts = paragraphs(lines)
    themes = [THEME.sub("", p, count=1) for p in parts if THEME.match(p)]
    parts = [p for p in parts if not THEME.match(p)]
    theme = themes[0] if themes else ""
    questions = [QUESTION.sub("", p, count=1) for p in parts if QUESTION.match(p)]
    situation = " ".join(SITUATION.sub("", p, count=1) for p in parts if not QUESTION.match(p))
    problems: list[Diagnostic] = []
    if len(themes) > 1:
        problems.append(error(loc, "dilemma-card-themes", title=title, count=len(themes)))
    if not situation or len(questions) != 1 or not questions[0]:
        problems.append(error(loc, "dilemma-card-incomplete", title=title, count=len(questions)))
    question = questions[0] if questions else ""
    length = len(title) + len(situation) + len(question) + len(theme)
    if length > MAX_CARD_TEXT:
        problems.append(error(loc, "dilemma-card-too-long", title=title, length=length,
                              limit=MAX_CARD_TEXT))
    return DilemmaCard(title, situation, question, loc, theme), problems


def read_cards(sections: tuple[Page, ...], path: str) -> tuple[tuple[DilemmaCard, ...],
                                                               list[Diagnostic]]:
    """The cards of the notes' dilemma card section (none when the section is absent)."""
    section = next((s for s in sections if s.id in SECTION_IDS), None)
    if section is None:
        return (), []
    problems: list[Diagnostic] = []
    cards: list[DilemmaCard] = []
    heading: tuple[str, Location] | None = None
    lines: list[str] = []

    def finish() -> None:
        if heading is not None:
            card, more = read_card(heading[0], lines, heading[1])
            cards.append(card)
            problems.extend(more)

    stray: Location | None = None
    for offset, line in enumerate(section.markdown.split("\n")):
        match = CARD_HEADING.match(line)
        if match:
            finish()
            heading, lines = (match["title"], Location(path, section.first_line + offset, 1)), []
        elif heading is None and line.strip():
            stray = stray or Location(path, section.first_line + offset, 1)
        else:
            lines.append(line)
    finish()
    if stray is not None or not cards:
        problems.insert(0, error(stray or section.loc, "dilemma-card-heading"))
    return tuple(cards), problems
