"""The classroom session's fixed blocks and the time the course's modules need."""

from __future__ import annotations

from gettext import NullTranslations

from msgspec import Struct

from .files import package_name
from .i18n import translations
from .model import Module, Reflection
from .resolve import ResolvedCourse

OPENING_MINUTES = 3
FINAL_MINUTES = 15
DEFAULT_MODULE_MINUTES = 10
RETAKE_MINUTES = FINAL_MINUTES  # a closing at least this long leaves room to retake the final


def offline_folder(course_id: str) -> str:
    """The offline edition's folder as the build names it, e.g. `pemimpin-asn-digital-offline/`."""
    return package_name(course_id, "offline") + "/"


def module_minutes(module: Module) -> int:
    """Classroom minutes for a module: from its facilitator notes, else a default."""
    return module.notes.minutes if module.notes else DEFAULT_MODULE_MINUTES


def planned_minutes(course: ResolvedCourse) -> int:
    """Minutes the session plan needs before its closing block."""
    return OPENING_MINUTES + FINAL_MINUTES + sum(module_minutes(m.module) for m in course.modules)


class SessionBlock(Struct, frozen=True):
    """One timed block of the classroom session, with how it runs and what it produces."""

    start: int
    minutes: int
    title: str
    kind: str  # "opening" | "module" | "final" | "closing"
    method: str
    materials: tuple[str, ...]
    output: str
    module_id: str = ""

    @property
    def label(self) -> str:
        """A short name: `Module 2` (`Modul 2`) for a module's block, else the title."""
        return self.title.split(":")[0]

    @property
    def end(self) -> int:
        """Minutes from the session start when the block ends."""
        return self.start + self.minutes

    @property
    def clock(self) -> str:
        """`00:15–00:35` style time range from the session start."""
        return f"{_hhmm(self.start)}\u2013{_hhmm(self.end)}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def held_reflection(course: ResolvedCourse) -> tuple[int, Reflection] | None:
    """The first module reflection and its module number: the one place the session holds it."""
    return next(((m.number, m.reflection) for m in course.modules if m.reflection), None)


def closing_output(course: ResolvedCourse, t: NullTranslations) -> str:
    """What the closing block leaves participants with; the reflection itself is held in its module."""
    found = held_reflection(course)
    if found is None:
        return t.gettext("Participants name one thing from the course they will apply in their "
                         "work unit.")
    number, reflection = found
    return t.gettext("Participants read again the plan they wrote in the reflection "
                     "\u201c%(title)s\u201d (module %(number)s) and set when they will carry it "
                     "out.") % {"title": reflection.title, "number": number}


def module_block(start: int, number: int, module: Module, t: NullTranslations) -> SessionBlock:
    """A module's block: method, materials and output from its facilitator notes' front matter."""
    notes = module.notes
    title = t.gettext("Module %(number)s: %(title)s") % {"number": number, "title": module.title}
    return SessionBlock(start, module_minutes(module), title, "module",
                        notes.method if notes else "", notes.materials if notes else (),
                        notes.output if notes else "", module.id)


def session_blocks(course: ResolvedCourse) -> list[SessionBlock]:
    """The classroom session in timed blocks that follow each other and fill the session.

    The fixed blocks' names, methods, materials and outputs are in the course's language.
    """
    t = translations(course.course.language)
    mark = {"mark": course.pass_mark}
    folder = {"folder": offline_folder(course.course.id)}
    blocks = [SessionBlock(
        0, OPENING_MINUTES, t.gettext("Opening"), "opening", t.gettext("Short talk"),
        (t.gettext("Screen and projector"),
         t.gettext("The course for each participant: its link in the LMS, or the folder "
                   "%(folder)s (offline edition) on each computer") % folder),
        t.gettext("Participants know the aims, the flow of the session and the pass mark of "
                  "%(mark)s; the course is open on each one's device.") % mark)]
    for item in course.modules:
        blocks.append(module_block(blocks[-1].end, item.number, item.module, t))
    blocks.append(SessionBlock(
        blocks[-1].end, FINAL_MINUTES, t.gettext("Final assessment"), "final",
        t.gettext("Individual test in the course (no discussion)"),
        (t.gettext("Participants' devices with the course open"), t.gettext("A clock or timer"),
         t.gettext("A list of participants to write down each one's final score")),
        t.gettext("Each participant's final assessment score, shown on their Results page (and "
                  "recorded by the LMS when the course runs in one); a pass at %(mark)s or "
                  "more.") % mark))
    closing = course.course.session_minutes - blocks[-1].end
    if closing > 0:
        blocks.append(SessionBlock(blocks[-1].end, closing, t.gettext("Closing"), "closing",
                                   t.gettext("Summary by the facilitator"), (),
                                   closing_output(course, t)))
    return blocks


def retake_in_closing(blocks: list[SessionBlock]) -> bool:
    """True when the closing block is long enough to retake the final in it; else retakes of the
    final happen after the session."""
    return bool(blocks) and blocks[-1].kind == "closing" and blocks[-1].minutes >= RETAKE_MINUTES


def session_materials(blocks: list[SessionBlock]) -> list[tuple[str, tuple[str, ...]]]:
    """Every material of the session once, in first-use order, with the blocks that use it."""
    used: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for block in blocks:
        for material in block.materials:
            key = " ".join(material.lower().split())
            names.setdefault(key, material)
            if block.label not in used.setdefault(key, []):
                used[key].append(block.label)
    return [(names[key], tuple(titles)) for key, titles in used.items()]
