"""A classroom session file read with a connection of our own (tests and bench/classroom_load.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

TABLES = ("learners", "events", "answers")


def stored_counts(path: Path) -> tuple[int, int, int]:
    """Learners, events and answers stored in a session file."""
    db = sqlite3.connect(path)
    try:
        learners, events, answers = (db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                                     for t in TABLES)
    finally:
        db.close()
    return learners, events, answers
