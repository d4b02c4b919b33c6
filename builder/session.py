"""The classroom session's fixed blocks and the time the course's modules need."""

from __future__ import annotations

from .model import Course, Module

OPENING_MINUTES = 3
FINAL_MINUTES = 15
DEFAULT_MODULE_MINUTES = 10


def ordered_modules(course: Course) -> list[Module]:
    """Modules in the order the course lists them."""
    by_id = {m.id: m for m in course.modules}
    return [by_id[mid] for mid in course.module_ids if mid in by_id]


def module_minutes(module: Module) -> int:
    """Classroom minutes for a module: from its facilitator notes, else a default."""
    return module.notes.minutes if module.notes else DEFAULT_MODULE_MINUTES


def planned_minutes(course: Course) -> int:
    """Minutes the session plan needs before its closing block."""
    return OPENING_MINUTES + FINAL_MINUTES + sum(module_minutes(m) for m in ordered_modules(course))
