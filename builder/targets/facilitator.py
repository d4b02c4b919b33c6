"""The facilitator pack: session plan, module notes, answer key, handout and quiz bank.

Built from the same source as the learner packages; it is the only output that holds the
facilitator notes and the correct answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from ..load import split_pages
from ..model import Course, FacilitatorNotes, Module, Quiz
from ..assets import Resolver
from ..errors import CourseError
from ..render import (
    FileMap,
    MarkdownRenderer,
    course_palette,
    media_files,
    network_problems,
    static_files,
    templates_dir,
)
from ..session import FINAL_MINUTES, OPENING_MINUTES, module_minutes, ordered_modules
from . import quizbank

PAGES = ("index.html", "rencana-sesi.html", "kunci-jawaban.html", "handout.html")


@dataclass(frozen=True)
class PlanRow:
    """One block of the classroom session."""

    start: int
    minutes: int
    title: str
    facilitator: str
    participants: str
    anchor: str = ""

    @property
    def clock(self) -> str:
        """`00:15–00:35` style time range from the session start."""
        end = self.start + self.minutes
        return f"{self.start // 60:02d}:{self.start % 60:02d}\u2013{end // 60:02d}:{end % 60:02d}"


@dataclass(frozen=True)
class NotesView:
    """A module's notes, split into titled sections."""

    module: Module
    number: int
    minutes: int
    sections: tuple[tuple[str, str, Markup], ...]  # (id, title, html)

    def section(self, section_id: str) -> Markup:
        """The HTML of one section, empty when the notes do not have it."""
        return next((html for sid, _, html in self.sections if sid == section_id), Markup(""))


def notes_view(module: Module, number: int, md: MarkdownRenderer) -> NotesView:
    """Split a module's notes at their `##` headings."""
    notes: FacilitatorNotes | None = module.notes
    if notes is None:
        return NotesView(module, number, module_minutes(module), ())
    parts = split_pages("intro", "", notes.markdown, notes.loc.path, 1)
    sections = tuple((p.id, p.title, md.block(p.markdown, notes.loc.path)) for p in parts
                     if p.id != "intro" or p.markdown.strip())
    return NotesView(module, number, notes.minutes, sections)


def session_plan(course: Course, notes: list[NotesView]) -> list[PlanRow]:
    """The classroom session in timed blocks that add up to the session length."""
    rows = [PlanRow(0, OPENING_MINUTES, "Pembukaan",
                    "Menyapa peserta, menjelaskan tujuan dan alur sesi, serta cara membuka kursus.",
                    "Membuka kursus di perangkat masing-masing atau menyimak di layar.")]
    clock = OPENING_MINUTES
    for view in notes:
        minutes = view.minutes
        rows.append(PlanRow(clock, minutes, f"Modul {view.number}: {view.module.title}",
                            "Memandu modul, diskusi dan aktivitas kelompok (lihat catatan modul).",
                            "Mempelajari halaman modul, berdiskusi, mengerjakan cek pemahaman.",
                            f"modul-{view.module.id}"))
        clock += minutes
    rows.append(PlanRow(clock, FINAL_MINUTES, "Penilaian akhir",
                        f"Mengingatkan nilai lulus {course.pass_mark} dan menjaga suasana tenang.",
                        "Mengerjakan penilaian akhir secara mandiri dan melihat hasilnya."))
    clock += FINAL_MINUTES
    closing = max(course.session_minutes - clock, 0)
    if closing:
        rows.append(PlanRow(clock, closing, "Penutup dan refleksi",
                            "Mengajak peserta menuliskan satu langkah kecil untuk besok pagi.",
                            "Mengisi lembar refleksi dan berbagi satu komitmen."))
    return rows


def quizzes_in_order(course: Course) -> list[Quiz]:
    """Knowledge checks in module order, then the final assessment."""
    result = [q for m in ordered_modules(course) if (q := course.quiz(m.quiz_id)) is not None]
    final = course.final_assessment
    return result + ([final] if final else [])


def render_facilitator(course: Course, env: Environment) -> FileMap:
    """Every file of the facilitator pack."""
    resolver = Resolver(course.root)
    md = MarkdownRenderer(resolver, course_palette(course))  # notes, quiz texts: images packaged
    notes = [notes_view(m, n, md) for n, m in enumerate(ordered_modules(course), start=1)]
    context = {
        "course": course,
        "notes": notes,
        "plan": session_plan(course, notes),
        "quizzes": quizzes_in_order(course),
        "md": md,
        "reflections": [m.reflection for m in ordered_modules(course) if m.reflection],
    }
    files: FileMap = {
        page: env.get_template(f"facilitator/{page}.j2").render(**context).encode("utf-8")
        for page in PAGES
    }
    files["bank-soal/gift.txt"] = quizbank.gift(course).encode("utf-8")
    files["bank-soal/moodle.xml"] = quizbank.moodle_xml(course)
    files.update(static_files(templates_dir() / "facilitator" / "static"))
    files.update(media_files(resolver))
    problems = network_problems(files, course.root)  # a course's own templates may try
    if problems:
        raise CourseError(problems)
    return files
