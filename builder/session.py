"""The classroom session's fixed blocks and the time the course's modules need."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Module, Reflection
from .resolve import ResolvedCourse

OPENING_MINUTES = 3
FINAL_MINUTES = 15
DEFAULT_MODULE_MINUTES = 10


def module_minutes(module: Module) -> int:
    """Classroom minutes for a module: from its facilitator notes, else a default."""
    return module.notes.minutes if module.notes else DEFAULT_MODULE_MINUTES


def planned_minutes(course: ResolvedCourse) -> int:
    """Minutes the session plan needs before its closing block."""
    return OPENING_MINUTES + FINAL_MINUTES + sum(module_minutes(m.module) for m in course.modules)


@dataclass(frozen=True)
class SessionBlock:
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
        """A short name: `Modul 2` for a module's block, else the title."""
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


def closing_output(course: ResolvedCourse) -> str:
    """What the closing block leaves participants with; the reflection itself is held in its module."""
    found = held_reflection(course)
    if found is None:
        return "Peserta menyebutkan satu hal dari kursus yang akan mereka terapkan di unit kerjanya."
    number, reflection = found
    return (f"Peserta membaca kembali rencana yang mereka tulis pada refleksi "
            f"\u201c{reflection.title}\u201d (modul {number}) dan menetapkan kapan rencana itu "
            f"dijalankan.")


def module_block(start: int, number: int, module: Module) -> SessionBlock:
    """A module's block: method, materials and output from its facilitator notes' front matter."""
    notes = module.notes
    return SessionBlock(start, module_minutes(module), f"Modul {number}: {module.title}", "module",
                        notes.method if notes else "", notes.materials if notes else (),
                        notes.output if notes else "", module.id)


def session_blocks(course: ResolvedCourse) -> list[SessionBlock]:
    """The classroom session in timed blocks that follow each other and fill the session."""
    blocks = [SessionBlock(
        0, OPENING_MINUTES, "Pembukaan", "opening", "Ceramah singkat",
        ("Layar dan proyektor", "Tautan atau berkas kursus untuk peserta"),
        f"Peserta memahami tujuan, alur sesi, dan nilai lulus {course.pass_mark}; kursus sudah "
        f"terbuka di perangkat masing-masing.")]
    for item in course.modules:
        blocks.append(module_block(blocks[-1].end, item.number, item.module))
    blocks.append(SessionBlock(
        blocks[-1].end, FINAL_MINUTES, "Penilaian akhir", "final",
        "Tes mandiri di kursus (tanpa diskusi)",
        ("Perangkat peserta dengan kursus terbuka", "Jam atau pengatur waktu"),
        f"Nilai penilaian akhir setiap peserta; lulus jika mencapai {course.pass_mark}."))
    closing = course.course.session_minutes - blocks[-1].end
    if closing > 0:
        blocks.append(SessionBlock(blocks[-1].end, closing, "Penutup", "closing",
                                   "Rangkuman oleh fasilitator", (), closing_output(course)))
    return blocks


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
