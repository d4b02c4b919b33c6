"""The course model: frozen msgspec Structs built by `load`, read by everything after it. No I/O."""

from __future__ import annotations

import re
from pathlib import Path

from msgspec import Struct, field

from .i18n import translations


class Location(Struct, frozen=True):
    """Where something was written in the source: a path relative to the course folder, 1-based."""

    path: str
    line: int = 0
    col: int = 0


class Choice(Struct, frozen=True):
    """One option of a question, with the feedback shown when the learner picks it."""

    id: str
    text: str
    feedback: str
    correct: bool
    loc: Location
    kind: str = ""  # optional tag of a wrong option: the misreading it is written from


class Category(Struct, frozen=True):
    """A category of a sorting question."""

    id: str
    text: str
    loc: Location


class Item(Struct, frozen=True):
    """An item of a sorting question (with its category) or of an ordering question."""

    id: str
    text: str
    category: str  # "" for an ordering question
    loc: Location
    category_loc: Location | None = None


class Pair(Struct, frozen=True):
    """A premise and the response that matches it, in a matching question."""

    id: str
    premise: str
    response: str
    loc: Location


ARRANGE_TYPES = ("sorting", "ordering", "matching")


class Question(Struct, frozen=True):
    """A single-choice, multiple-response, true/false, sorting, ordering or matching question."""

    id: str
    type: str  # "single" | "multiple" | "truefalse" | "sorting" | "ordering" | "matching"
    prompt: str
    choices: tuple[Choice, ...]
    loc: Location
    categories: tuple[Category, ...] = ()  # sorting
    items: tuple[Item, ...] = ()  # sorting, ordering (in the correct order)
    pairs: tuple[Pair, ...] = ()  # matching
    feedback: tuple[str, str] = ("", "")  # sorting, ordering, matching: (correct, incorrect)
    feedback_loc: Location | None = None

    @property
    def arranged(self) -> bool:
        """True for the types whose answer is an arrangement: sorting, ordering, matching."""
        return self.type in ARRANGE_TYPES

    @property
    def parts(self) -> tuple[str, ...]:
        """Ids of what the learner places: items, or the premises (pair ids) of a matching."""
        return tuple(p.id for p in self.pairs) if self.type == "matching" else tuple(
            i.id for i in self.items)
    module: str = ""  # the module whose objectives it assesses ("" = General)
    objective: int = 0  # 1-based index into that module's objectives (0 = none named)
    module_loc: Location | None = None

    @property
    def correct_ids(self) -> tuple[str, ...]:
        """Ids of the correct choices, sorted."""
        return tuple(sorted(c.id for c in self.choices if c.correct))


class Band(Struct, frozen=True):
    """A score band: from this percentage up, the results page shows its message."""

    start: int
    message: str
    loc: Location


class QuizSettings(Struct, frozen=True):
    """A quiz's `settings:` as written; None where a field is not written (resolve fills defaults)."""

    attempts: int | None = None
    grading: str | None = None
    feedback: str | None = None
    show_answers: str | None = None
    shuffle_questions: bool | None = None
    shuffle_choices: bool | None = None
    layout: str | None = None
    bands: tuple[Band, ...] = ()
    field_locs: tuple[tuple[str, Location], ...] = ()  # where each field is written

    def at(self, name: str, default: Location) -> Location:
        """The location of a settings field (`default` if it is not written)."""
        return dict(self.field_locs).get(name, default)


class Pool(Struct, frozen=True):
    """Interchangeable questions of a quiz: `draw` of them are asked per attempt."""

    id: str
    draw: int
    question_ids: tuple[str, ...]
    loc: Location


class Quiz(Struct, frozen=True):
    """A knowledge check after a module, or the final assessment."""

    id: str
    title: str
    kind: str  # "knowledge-check" | "final"
    intro: str
    pass_mark: int | None
    questions: tuple[Question, ...]
    loc: Location
    pass_mark_loc: Location | None = None
    title_loc: Location | None = None
    settings: QuizSettings = QuizSettings()
    pools: tuple[Pool, ...] = ()

    @property
    def slots(self) -> tuple[str | Pool, ...]:
        """What an attempt asks, in authored order: a question id, or a pool at its first question."""
        pool_of = {qid: pool for pool in self.pools for qid in pool.question_ids}
        result: list[str | Pool] = []
        for question in self.questions:
            pool = pool_of.get(question.id)
            if pool is None:
                result.append(question.id)
            elif pool not in result:
                result.append(pool)
        return tuple(result)

    @property
    def asked(self) -> int:
        """How many questions one attempt asks (every pool gives its `draw`)."""
        return sum(1 if isinstance(s, str) else min(s.draw, len(s.question_ids)) for s in self.slots)

    @property
    def is_final(self) -> bool:
        """True for the final assessment."""
        return self.kind == "final"


class Page(Struct, frozen=True):
    """One screen of a module: a title and its Markdown body."""

    id: str
    title: str
    markdown: str
    loc: Location
    first_line: int = 0  # source line of the first line of `markdown`


class Reflection(Struct, frozen=True):
    """A reflection activity: prompts the learner answers in free text."""

    id: str
    title: str
    prompts: tuple[str, ...]
    loc: Location


class DilemmaCard(Struct, frozen=True):
    """A printable discussion card: a situation and a question, never an answer."""

    title: str
    situation: str
    question: str
    loc: Location
    theme: str = ""  # a short label printed on the card (`**Tema:** Integritas`), if any


class FacilitatorNotes(Struct, frozen=True):
    """Notes for the classroom facilitator; never part of a learner package."""

    module_id: str
    minutes: int
    markdown: str
    loc: Location
    minutes_loc: Location | None = None
    method: str = ""  # how the block is run, e.g. "Ceramah singkat, diskusi kelompok"
    materials: tuple[str, ...] = ()  # what the facilitator brings to the block
    output: str = ""  # what the participants produce in the block
    cards: tuple[DilemmaCard, ...] = ()  # from the notes' `## Kartu dilema` section


class Module(Struct, frozen=True):
    """A module: learning objectives, pages, an optional knowledge check and reflection."""

    id: str
    title: str
    objectives: tuple[str, ...]
    pages: tuple[Page, ...]
    quiz_id: str | None
    reflection: Reflection | None
    loc: Location
    notes: FacilitatorNotes | None = None
    quiz_loc: Location | None = None


class Brand(Struct, frozen=True):
    """A training centre's look: a logo from assets/ and a primary colour (#rrggbb)."""

    logo: str = ""
    primary_colour: str = ""
    loc: Location = Location("course.yaml")


class Budgets(Struct, frozen=True):
    """Size limits the build enforces: a package size (error) and an LMS upload size (warning)."""

    package_kb: int = 0  # 0: no limit
    upload_mb: int = 50
    loc: Location = Location("course.yaml")


PLACEHOLDER = re.compile(r"\[[^\]]*\]")  # a part in square brackets: `[Nama Pusat Pelatihan]`


def is_placeholder(text: str) -> bool:
    """True for a value a centre has still to fill in: empty, or with a part in square brackets."""
    return not text.strip() or PLACEHOLDER.search(text) is not None


class Signatory(Struct, frozen=True):
    """The official who signs the certificate: name, title and an optional NIP."""

    name: str
    title: str
    nip: str = ""


class Source(Struct, frozen=True):
    """The article the course is adapted from."""

    title: str
    author: str
    url: str = ""
    credit: str = ""
    copyright: str = ""  # the article's own copyright notice, e.g. "© Kristanto S Utomo"


class Course(Struct, frozen=True):
    """A whole course as read from `course_src/`."""

    id: str
    version: str
    title: str
    language: str
    description: str
    authors: tuple[str, ...]
    source: Source
    licence: str
    duration_minutes: int
    jp: int
    module_ids: tuple[str, ...]
    final_assessment_id: str
    modules: tuple[Module, ...]
    quizzes: tuple[Quiz, ...]
    root: Path
    loc: Location
    assets: tuple[str, ...] = field(default=())
    session_minutes: int = 90  # length of the classroom session the facilitator pack plans
    brand: Brand = Brand()
    budgets: Budgets = Budgets()
    field_locs: tuple[tuple[str, Location], ...] = ()  # where each course.yaml field is written
    module_locs: tuple[Location, ...] = ()  # where each entry of `modules:` is written
    organisation: str = ""  # the training centre that issues the certificate
    signatory: Signatory | None = None  # who signs the certificate

    def at(self, name: str) -> Location:
        """The location of a course.yaml field (the file's start if it is not written)."""
        return dict(self.field_locs).get(name, self.loc)

    def quiz(self, quiz_id: str | None) -> Quiz | None:
        """The quiz with this id, if any."""
        return next((q for q in self.quizzes if q.id == quiz_id), None)

    @property
    def final_assessment(self) -> Quiz | None:
        """The final assessment quiz, if it exists."""
        return self.quiz(self.final_assessment_id)

    @property
    def unfilled(self) -> tuple[tuple[str, str, str], ...]:
        """The credit fields a centre has still to fill in: (course.yaml field, name, value)."""
        fields = [("authors", "authors", a) for a in self.authors]
        if "organisation" in dict(self.field_locs):
            fields.append(("organisation", "organisation", self.organisation))
        if self.signatory is not None:
            fields += [("signatory", "signatory.name", self.signatory.name),
                       ("signatory", "signatory.title", self.signatory.title)]
            if self.signatory.nip:
                fields.append(("signatory", "signatory.nip", self.signatory.nip))
        return tuple(f for f in fields if is_placeholder(f[2]))

    @property
    def credit(self) -> str:
        """The credit line for the source article (the author's own line, else one in the course's
        language), with the article's copyright notice when given."""
        line = self.source.credit or translations(self.language).gettext(
            "Adapted from the article by %(author)s, \u201c%(title)s\u201d") % {
                "author": self.source.author, "title": self.source.title}
        notice = self.source.copyright
        return f"{line} ({notice})" if notice and notice not in line else line
