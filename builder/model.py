"""The course model: frozen dataclasses built by `load`, read by everything after it. No I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where something was written in the source: a path relative to the course folder, 1-based."""

    path: str
    line: int = 0
    col: int = 0


@dataclass(frozen=True)
class Choice:
    """One option of a question, with the feedback shown when the learner picks it."""

    id: str
    text: str
    feedback: str
    correct: bool
    loc: Location
    kind: str = ""  # optional tag of a wrong option: the misreading it is written from


@dataclass(frozen=True)
class Question:
    """A single-choice, multiple-response or true/false question."""

    id: str
    type: str  # "single" | "multiple" | "truefalse"
    prompt: str
    choices: tuple[Choice, ...]
    loc: Location
    module: str = ""  # the module whose objectives it assesses ("" = General)
    objective: int = 0  # 1-based index into that module's objectives (0 = none named)
    module_loc: Location | None = None

    @property
    def correct_ids(self) -> tuple[str, ...]:
        """Ids of the correct choices, sorted."""
        return tuple(sorted(c.id for c in self.choices if c.correct))


@dataclass(frozen=True)
class Quiz:
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

    @property
    def is_final(self) -> bool:
        """True for the final assessment."""
        return self.kind == "final"


@dataclass(frozen=True)
class Page:
    """One screen of a module: a title and its Markdown body."""

    id: str
    title: str
    markdown: str
    loc: Location
    first_line: int = 0  # source line of the first line of `markdown`


@dataclass(frozen=True)
class Reflection:
    """A reflection activity: prompts the learner answers in free text."""

    id: str
    title: str
    prompts: tuple[str, ...]
    loc: Location


@dataclass(frozen=True)
class DilemmaCard:
    """A printable discussion card: a situation and a question, never an answer."""

    title: str
    situation: str
    question: str
    loc: Location


@dataclass(frozen=True)
class FacilitatorNotes:
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


@dataclass(frozen=True)
class Module:
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


@dataclass(frozen=True)
class Brand:
    """A training centre's look: a logo from assets/ and a primary colour (#rrggbb)."""

    logo: str = ""
    primary_colour: str = ""
    loc: Location = Location("course.yaml")


@dataclass(frozen=True)
class Budgets:
    """Size limits the build enforces: a package size (error) and an LMS upload size (warning)."""

    package_kb: int = 0  # 0: no limit
    upload_mb: int = 50
    loc: Location = Location("course.yaml")


@dataclass(frozen=True)
class Signatory:
    """The official who signs the certificate: name, title and an optional NIP."""

    name: str
    title: str
    nip: str = ""


@dataclass(frozen=True)
class Source:
    """The article the course is adapted from."""

    title: str
    author: str
    url: str = ""
    credit: str = ""
    copyright: str = ""  # the article's own copyright notice, e.g. "© Kristanto S Utomo"


@dataclass(frozen=True)
class Course:
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
    def credit(self) -> str:
        """The credit line for the source article, with the article's copyright notice if given."""
        line = self.source.credit or (f"Diadaptasi dari artikel {self.source.author}, "
                                      f"\u201c{self.source.title}\u201d")
        notice = self.source.copyright
        return f"{line} ({notice})" if notice and notice not in line else line
