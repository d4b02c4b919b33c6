"""The facilitator pack: session plan, dilemma cards, answer key, handout and quiz bank.

Built from the same source as the learner packages; it is the only output that holds the
facilitator notes and the correct answers.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup
from msgspec import Struct

from ..answerkey import opening, quiz_key
from ..blueprint import blueprint_context
from ..cards import SECTION_IDS as CARDS_SECTIONS
from ..icons import icon_svg
from ..load import split_pages
from ..assets import Resolver
from ..errors import CourseError, Diagnostic, warning
from ..files import FileMap, readme_name, safe_name
from ..i18n import translations
from ..model import DilemmaCard, FacilitatorNotes, Module, Question, is_placeholder
from ..options import BuildOptions
from ..render import (
    Converter,
    MarkdownRenderer,
    course_palette,
    media_files,
    network_problems,
    static_files,
    templates_dir,
)
from ..resolve import PassMark, ResolvedCourse
from ..validate import JP_MINUTES
from ..session import (
    SessionBlock,
    held_reflection,
    module_minutes,
    offline_folder,
    retake_in_closing,
    session_blocks,
    session_materials,
)
from . import quizbank
from .base import FacilitatorEdition, PackageTarget

# The pages' templates (facilitator/<page>.j2); the files they are written to are named in the
# course's language (pack_files: `handout.html.j2` writes `bahan-peserta.html` in Indonesian).
PAGES = ("index.html", "rencana-sesi.html", "kartu-dilema.html", "kunci-jawaban.html",
         "handout.html")
BLUEPRINT_PAGE = "kisi-kisi.html"  # the blueprint page of an `id` course (PackFiles.blueprint)
KEY_POINTS_SECTIONS = ("pesan-kunci", "key-points")
STYLES = "fasilitator.css"  # the pack's stylesheet in templates/facilitator/static/  # `## Pesan kunci` or `## Key points`
CARDS_PER_SHEET = 4  # a 2 × 2 grid of cards with cut lines on each A4 sheet
TICK_MINUTES = 15  # the timeline's scale marks
EDGE_PERCENT = 3  # a number above the bar this close to an end of it lines up with that end
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class NotesView(Struct, frozen=True):
    """A module's notes, split into titled sections."""

    module: Module
    number: int
    minutes: int
    sections: tuple[tuple[str, str, Markup], ...]  # (id, title, html)

    def section(self, section_id: str) -> Markup:
        """The HTML of one section, empty when the notes do not have it."""
        return next((html for sid, _, html in self.sections if sid == section_id), Markup(""))

    @property
    def key_points(self) -> Markup:
        """The HTML of the notes' key points (`## Pesan kunci` or `## Key points`)."""
        return next((html for sid, _, html in self.sections if sid in KEY_POINTS_SECTIONS),
                    Markup(""))


def notes_view(module: Module, number: int, md: MarkdownRenderer) -> NotesView:
    """Split a module's notes at their `##` headings."""
    notes: FacilitatorNotes | None = module.notes
    if notes is None:
        return NotesView(module, number, module_minutes(module), ())
    parts = split_pages("intro", "", notes.markdown, notes.loc.path, 1)
    sections = tuple((p.id, p.title, md.block(p.markdown, notes.loc.path)) for p in parts
                     if (p.id != "intro" or p.markdown.strip()) and p.id not in CARDS_SECTIONS)
    return NotesView(module, number, notes.minutes, sections)


class TimelineSegment(Struct, frozen=True):
    """A block's place on the drawn timeline, in percent of the session."""

    number: int
    block: SessionBlock
    x: float
    width: float
    row: int = -1  # where its number is: -1 inside the bar, 0 or 1 in that row above the bar

    @property
    def labelled(self) -> bool:
        """True when the number fits inside the bar (the block is a twelfth of the session or
        more); a narrower block has its number above the bar."""
        return self.row < 0

    @property
    def anchor(self) -> str:
        """How a number above the bar lines up with its block: flush with the bar's ends, else
        centred over the block."""
        middle = self.x + self.width / 2
        return "start" if middle < EDGE_PERCENT else "end" if middle > 100 - EDGE_PERCENT \
            else "middle"

    @property
    def label_x(self) -> float:
        """Where the number is written, in percent of the bar (see anchor)."""
        return {"start": self.x, "end": round(self.x + self.width, 3)}.get(
            self.anchor, round(self.x + self.width / 2, 3))


def timeline(blocks: list[SessionBlock], total: int) -> list[TimelineSegment]:
    """The blocks as segments of a bar as long as the session. A block too narrow to hold its
    number gets it above the bar; two such blocks side by side use the two rows in turn, so that
    their numbers never overlap."""
    scale = 100 / max(total, blocks[-1].end if blocks else 1, 1)
    segments: list[TimelineSegment] = []
    for n, b in enumerate(blocks, start=1):
        width = round(b.minutes * scale, 3)
        before = segments[-1].row if segments else -1
        row = -1 if width >= 100 / 12 else (1 if before == 0 else 0)
        segments.append(TimelineSegment(n, b, round(b.start * scale, 3), width, row))
    return segments


def label_rows(segments: list[TimelineSegment]) -> int:
    """How many rows of numbers the timeline needs above its bar (0, 1 or 2)."""
    return max((s.row + 1 for s in segments), default=0)


def ticks(total: int) -> list[tuple[int, float]]:
    """Scale marks every quarter hour and at the end: (minute, percent of the session).

    A quarter-hour mark too close to the end (under a twelfth of the session) is left out, so that
    the labels never overlap on a phone.
    """
    if total <= 0:
        return []
    marks = [m for m in range(0, total, TICK_MINUTES) if (total - m) * 12 >= total] + [total]
    return [(m, round(m * 100 / total, 3)) for m in marks]


class CardView(Struct, frozen=True):
    """A dilemma card as printed: its number in the pack and the module it belongs to."""

    number: int
    module_number: int
    card: DilemmaCard


def card_views(notes: list[NotesView]) -> list[CardView]:
    """Every dilemma card of the course in module order, numbered from 1."""
    cards = [(view.number, card) for view in notes if view.module.notes
             for card in view.module.notes.cards]
    return [CardView(n, module_number, card)
            for n, (module_number, card) in enumerate(cards, start=1)]


def sheets(cards: list[CardView]) -> list[list[CardView]]:
    """Cards grouped by printed sheet."""
    return [cards[i:i + CARDS_PER_SHEET] for i in range(0, len(cards), CARDS_PER_SHEET)]


def choice_label(question: Question, index: int) -> str:
    """The letter of a choice (A, B, ...); true/false choices are named by their text."""
    return question.choices[index].text if question.type == "truefalse" else LETTERS[index]


def answer(question: Question) -> str:
    """The correct option letter(s) of a question, for the quick marking grid; for a sorting,
    ordering or matching question, its placements in words (qtypes)."""
    if question.type == "ordering":
        return ", ".join(f"{n}. {i.text}" for n, i in enumerate(question.items, start=1))
    if question.arranged:
        return "; ".join(f"{stem} → {target}" for stem, target in quizbank.match_pairs(question)
                         if stem)
    return ", ".join(choice_label(question, i) for i, c in enumerate(question.choices) if c.correct)


class PackFiles(Struct, frozen=True):
    """The pack's file names in the course's language (an `id` course keeps its Indonesian ones)."""

    index: str
    plan: str
    cards: str
    key: str
    handout: str
    blueprint: str  # the final's blueprint and item statistics (facilitator/blueprint.html.j2)
    bank: str  # the quiz bank's folder
    styles: str
    readme: str  # the bank's README, named as the offline edition's (BACA-SAYA.txt in Indonesian)

    @property
    def pages(self) -> dict[str, str]:
        """Each page's template (facilitator/<page>.j2) and the file it is written to."""
        return dict(zip(PAGES, (self.index, self.plan, self.cards, self.key, self.handout),
                        strict=True))

    @property
    def gift(self) -> str:
        """The GIFT export."""
        return f"{self.bank}/gift.txt"

    @property
    def moodle_xml(self) -> str:
        """The Moodle XML export."""
        return f"{self.bank}/moodle.xml"

    @property
    def moodle_ordering(self) -> str:
        """The Moodle XML export of the ordering questions (Moodle's ordering type)."""
        return f"{self.bank}/moodle-ordering.xml"

    @property
    def bank_readme(self) -> str:
        """What the bank's exports carry and what GIFT cannot."""
        return f"{self.bank}/{self.readme}"

    def contents(self, ordering: bool) -> tuple[tuple[str, str], ...]:
        """Every file of the pack a facilitator opens, as (role, file name), in reading order: all
        but media and the stylesheet."""
        return (("index", self.index), ("plan", self.plan), ("cards", self.cards),
                ("key", self.key), ("blueprint", self.blueprint), ("handout", self.handout),
                ("gift", self.gift), ("moodle_xml", self.moodle_xml),
                *((("moodle_ordering", self.moodle_ordering),) if ordering else ()),
                ("bank_readme", self.bank_readme))


def pack_files(language: str) -> PackFiles:
    """The pack's file names from the catalog of the course's language, made safe."""
    t = translations(language)

    def page(translated: str, english: str) -> str:
        return safe_name(translated, english) + ".html"

    return PackFiles(
        index="index.html",
        plan=page(t.pgettext("file name", "session-plan"), "session-plan"),
        cards=page(t.pgettext("file name", "dilemma-cards"), "dilemma-cards"),
        key=page(t.pgettext("file name", "answer-key"), "answer-key"),
        handout=page(t.pgettext("file name", "handout"), "handout"),
        blueprint=page(t.pgettext("file name", "assessment-blueprint"), "assessment-blueprint"),
        bank=safe_name(t.pgettext("file name", "question-bank"), "question-bank"),
        styles=safe_name(t.pgettext("file name", "facilitator"), "facilitator") + ".css",
        readme=readme_name(t),
    )


class FacilitatorCourse(Struct, frozen=True):
    """The course as the facilitator pack's pages name it; notes and answers come in their views."""

    id: str
    title: str
    language: str
    description: str
    duration_minutes: int
    session_minutes: int
    jp: int
    pass_mark: PassMark
    credit: str
    licence: str
    authors: tuple[str, ...]  # the ones filled in: a placeholder is a warning of the build, not text
    version: str


def facilitator_course(resolved: ResolvedCourse) -> FacilitatorCourse:
    """The facilitator's view of a resolved course."""
    c = resolved.course
    return FacilitatorCourse(c.id, c.title, c.language, c.description, c.duration_minutes,
                             c.session_minutes, c.jp, resolved.pass_mark, c.credit, c.licence,
                             tuple(a for a in c.authors if not is_placeholder(a)), c.version)


def render_facilitator(resolved: ResolvedCourse, env: Environment,
                       converter: Converter | None = None) -> FileMap:
    """Every file of the facilitator pack.

    Its view: the course's facts (FacilitatorCourse), the notes split into sections, the session
    plan, the cards, and the quizzes with their answers, all in the resolved order.
    """
    course = resolved.course
    resolver = Resolver(course.root)
    md = MarkdownRenderer(resolver, course_palette(course), converter)  # images packaged
    notes = [notes_view(m.module, m.number, md) for m in resolved.modules]
    blocks = session_blocks(resolved)
    segments = timeline(blocks, course.session_minutes)
    cards = card_views(notes)
    names = pack_files(course.language)
    ordering = quizbank.moodle_ordering_xml(course.title, resolved.quizzes)
    context = {
        "contents": names.contents(ordering is not None),
        "jp_minutes": JP_MINUTES,
        "course": facilitator_course(resolved),
        "files": names,
        "notes": notes,
        "plan": blocks,
        "timeline": segments,
        "label_rows": label_rows(segments),
        "ticks": ticks(course.session_minutes),
        "materials": session_materials(blocks),
        "retake_in_closing": retake_in_closing(blocks),
        "offline_folder": offline_folder(course.id),
        "held_reflection": held_reflection(resolved),
        "cards": cards,
        "sheets": sheets(cards),
        "per_sheet": CARDS_PER_SHEET,
        "quizzes": resolved.quizzes,
        "quiz_keys": [quiz_key(q, resolved.settings[q.id]) for q in resolved.quizzes],
        "answer": answer,
        "opening": opening,
        "choice_label": choice_label,
        "md": md,
        "icon": icon_svg,
        "reflections": resolved.reflections,
    }
    files: FileMap = {
        name: env.get_template(f"facilitator/{page}.j2").render(**context).encode("utf-8")
        for page, name in names.pages.items()
    }
    files[names.blueprint] = env.get_template("facilitator/blueprint.html.j2").render(
        **context, **blueprint_context(course)).encode("utf-8")
    files[names.gift] = quizbank.gift(course.title, resolved.quizzes).encode("utf-8")
    files[names.moodle_xml] = quizbank.moodle_xml(course.title, resolved.quizzes)
    if ordering is not None:
        files[names.moodle_ordering] = ordering
    files[names.bank_readme] = quizbank.bank_readme(course.language,
                                                    resolved.quizzes).encode("utf-8")
    static = static_files(templates_dir() / "facilitator" / "static")
    static[names.styles] = static.pop(STYLES)
    files.update(static)
    files.update(media_files(resolver))
    problems = network_problems(files, course.root)  # a course's own templates may try
    if problems:
        raise CourseError(problems)
    return files


def facilitator_pdfs(course: ResolvedCourse, folder: Path) -> list[Diagnostic]:
    """Print the pack's pages and its assessment blueprint to PDF beside them; a warning if that
    cannot be done."""
    from ..pdf import print_folder  # with --pdf only: subprocess is not imported for a build

    names = pack_files(course.course.language)
    pages = (*names.pages.values(), names.blueprint)
    made = print_folder(folder, pages)
    missing = [page for page in pages if page.replace(".html", ".pdf") not in made]
    return ([warning(course.course.loc, "pdf-unavailable", pages=", ".join(missing))]
            if missing else [])


class Facilitator(PackageTarget[FacilitatorEdition]):
    """The facilitator pack: a folder only, never a learner package; PDFs printed on request."""

    name = "facilitator"
    zip = False
    folder = True
    learner = False

    def files(self, edition: FacilitatorEdition, options: BuildOptions) -> FileMap:
        """The pack's pages, quiz bank and styles."""
        return render_facilitator(edition.course, edition.env, edition.converter)

    def finish(self, edition: FacilitatorEdition, folder: Path, options: BuildOptions
               ) -> list[Diagnostic]:
        """With `--pdf`, print every page to PDF beside it."""
        return facilitator_pdfs(edition.course, folder) if options.pdf else []
