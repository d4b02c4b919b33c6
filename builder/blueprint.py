"""The final assessment's blueprint (objective × question) and its item statistics. Pure.

A final question names the objective it assesses with `module:` and `objective:`. Once any final
question does, the blueprint is checked: every final question is mapped to an objective and every
objective of every module has at least MIN_ITEMS final questions. The statistics show what a
test-wise learner could exploit without reading the course: where the correct options sit, whether
the correct option is the longest too often, and which misreadings the wrong options are written
from (the optional `kind:` of a choice).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from msgspec import Struct

from .answerkey import opening
from .errors import Diagnostic, warning
from .i18n import translations
from .model import Course, Module, Question

MIN_ITEMS = 2  # final questions per objective
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LONGEST_MARGIN = 1.5  # flag when the correct option is the longest this many times chance or more
POSITION_MARGIN = 2.0  # flag a letter holding this many times its fair share of the keys or more
UNTAGGED = ""


class ObjectiveRow(Struct, frozen=True):
    """One objective of one module and the final questions that assess it."""

    module_id: str
    module_number: int
    index: int  # 1-based, as `objective:` names it
    text: str
    questions: tuple[str, ...]  # question ids, in the quiz's order

    @property
    def enough(self) -> bool:
        """True when the objective has at least MIN_ITEMS final questions."""
        return len(self.questions) >= MIN_ITEMS


class OptionStat(Struct, frozen=True):
    """One option of a question as a test-wise reader sees it."""

    label: str  # A, B, ... (true/false: the choice's text)
    length: int  # characters of the option text
    correct: bool
    kind: str
    longest: bool  # strictly longer than every other option


class ItemStat(Struct, frozen=True):
    """One final question: what it assesses and the shape of its options."""

    number: int
    id: str
    prompt: str  # its opening words as plain text, to recognise it by (answerkey.opening)
    type: str
    module_id: str
    objective: int
    options: tuple[OptionStat, ...]

    @property
    def key(self) -> str:
        """The correct option labels, e.g. `B` or `A, C`."""
        return ", ".join(o.label for o in self.options if o.correct)

    @property
    def correct_is_longest(self) -> bool:
        """True when a correct option is strictly the longest (a clue for the test-wise)."""
        return self.type != "truefalse" and any(o.longest and o.correct for o in self.options)


class Blueprint(Struct, frozen=True):
    """The objective × question table and the item statistics of a final assessment."""

    rows: tuple[ObjectiveRow, ...]
    items: tuple[ItemStat, ...]
    unmapped: tuple[str, ...]  # final question ids that name no objective
    positions: tuple[tuple[str, int, bool], ...]  # (letter, keys there, too many) for single choice
    longest_correct: int  # single-choice questions whose correct option is the longest
    longest_expected: float  # how many that would be by chance
    kinds: tuple[tuple[str, int], ...]  # (kind, wrong options of that kind); "" = untagged

    @property
    def complete(self) -> bool:
        """Every final question mapped and every objective assessed by MIN_ITEMS questions."""
        return not self.unmapped and all(row.enough for row in self.rows)

    @property
    def longest_flag(self) -> bool:
        """True when the correct option is the longest clearly more often than chance."""
        return self.longest_correct >= 2 and (
            self.longest_correct >= LONGEST_MARGIN * self.longest_expected)


def listed_modules(course: Course) -> list[Module]:
    """The course's modules in the order course.yaml lists them."""
    known = {m.id: m for m in course.modules}
    return [known[mid] for mid in dict.fromkeys(course.module_ids) if mid in known]


def option_stats(question: Question) -> tuple[OptionStat, ...]:
    """The options of a question with their lengths and which one is strictly the longest."""
    lengths = [len(" ".join(c.text.split())) for c in question.choices]
    top = max(lengths, default=0)
    unique_top = lengths.count(top) == 1
    return tuple(OptionStat(c.text if question.type == "truefalse" else LETTERS[i % 26],
                            lengths[i], c.correct, c.kind, unique_top and lengths[i] == top)
                 for i, c in enumerate(question.choices))


def position_counts(items: list[ItemStat]) -> tuple[tuple[str, int, bool], ...]:
    """Where the keys of the single-choice questions sit, with the letters that hold too many."""
    singles = [i for i in items if i.type == "single"]
    if not singles:
        return ()
    width = max(len(i.options) for i in singles)
    counts = Counter(i.key for i in singles)
    fair = sum(1 / len(i.options) for i in singles)  # keys per letter if they were spread evenly
    return tuple((letter, counts[letter], counts[letter] >= 2 and
                  counts[letter] >= POSITION_MARGIN * fair)
                 for letter in LETTERS[:width])


def wrong_kinds(questions: tuple[Question, ...]) -> tuple[tuple[str, int], ...]:
    """How many wrong options of the choice questions are written from each misreading."""
    found = Counter(c.kind or UNTAGGED for q in questions if q.type != "truefalse"
                    for c in q.choices if not c.correct)
    return tuple(sorted(found.items(), key=lambda kv: (kv[0] == UNTAGGED, -kv[1], kv[0])))


def blueprint(course: Course) -> Blueprint | None:
    """The blueprint of the course's final assessment (None when it has none)."""
    final = course.final_assessment
    if final is None:
        return None
    modules = listed_modules(course)
    rows = [ObjectiveRow(m.id, n, i, text,
                         tuple(q.id for q in final.questions
                               if q.module == m.id and q.objective == i))
            for n, m in enumerate(modules, start=1)
            for i, text in enumerate(m.objectives, start=1)]
    known = {(r.module_id, r.index) for r in rows}
    items = [ItemStat(n, q.id, opening(q.prompt), q.type, q.module, q.objective, option_stats(q))
             for n, q in enumerate(final.questions, start=1)]
    singles = [i for i in items if i.type == "single"]
    return Blueprint(
        rows=tuple(rows),
        items=tuple(items),
        unmapped=tuple(q.id for q in final.questions if (q.module, q.objective) not in known),
        positions=position_counts(items),
        longest_correct=sum(i.correct_is_longest for i in singles),
        longest_expected=round(sum(1 / len(i.options) for i in singles if i.options), 2),
        kinds=wrong_kinds(final.questions),
    )


def uses_blueprint(course: Course) -> bool:
    """True once a final question names a module: the author has started the blueprint."""
    final = course.final_assessment
    return final is not None and any(q.module for q in final.questions)


def mapping_broken(course: Course) -> bool:
    """True when a question names a module or objective the course lacks (an error elsewhere)."""
    objectives = {m.id: len(m.objectives) for m in listed_modules(course)}
    return any((q.module and q.module not in objectives)
               or (q.objective and (not q.module or not 1 <= q.objective <= objectives[q.module]))
               for quiz in course.quizzes for q in quiz.questions)


def check_blueprint(course: Course) -> Iterator[Diagnostic]:
    """Warnings for an incomplete blueprint, once the final's questions name their objectives."""
    if not uses_blueprint(course) or mapping_broken(course):
        return  # not started, or its references are wrong: those errors come first
    found = blueprint(course)
    if found is None or course.final_assessment is None:
        return
    questions = {q.id: q for q in course.final_assessment.questions}
    for qid in found.unmapped:
        yield warning(questions[qid].module_loc or questions[qid].loc, "blueprint-unmapped",
                      question=qid)
    modules = {m.id: m for m in course.modules}
    for row in found.rows:
        if not row.enough:
            yield warning(modules[row.module_id].loc, "blueprint-thin", module=row.module_id,
                          objective=row.index, count=len(row.questions), least=MIN_ITEMS)


def kind_label(kind: str) -> str:
    """An author's misreading tag as words: `angka-tanpa-manusia` reads `angka tanpa manusia`."""
    return " ".join(kind.replace("_", "-").replace("-", " ").split())


def decimal(value: float, separator: str) -> str:
    """A number with at most two decimals, written with the language's decimal separator."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", separator)


def blueprint_context(course: Course) -> dict[str, object]:
    """What the facilitator pack's blueprint page reads (templates/facilitator/blueprint.html.j2)."""
    final = course.final_assessment
    separator = translations(course.language).pgettext("decimal separator", ".")
    return {
        "kind_label": kind_label,
        "decimal": lambda value: decimal(value, separator),
        "blueprint": blueprint(course),
        "least": MIN_ITEMS,
        "numbers": {q.id: n for n, q in enumerate(final.questions, start=1)} if final else {},
        "module_numbers": {m.id: n for n, m in enumerate(listed_modules(course), start=1)},
    }
