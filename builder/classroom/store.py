"""One classroom session in one SQLite file (write-ahead log): learners, their events, answers.

Every learner request is a batch of events, each numbered by the browser tab that made it (tab, and
seq increasing within the tab). An event is stored once per (learner, tab, seq), so a batch sent
twice changes nothing the second time; saved states apply in the order of the phone's clock (t);
a batch is stored in one transaction, and acknowledged only after it is on disk.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS learners (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    nip TEXT NOT NULL DEFAULT '',
    joined_at REAL NOT NULL,
    last_seen REAL NOT NULL,
    bookmark TEXT NOT NULL DEFAULT '',
    suspend TEXT NOT NULL DEFAULT '',
    progress REAL NOT NULL DEFAULT 0,
    finished INTEGER NOT NULL DEFAULT 0,
    state_t REAL NOT NULL DEFAULT -1,
    shared TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS events (
    learner_id INTEGER NOT NULL REFERENCES learners(id),
    tab TEXT NOT NULL,
    seq INTEGER NOT NULL,
    t REAL NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at REAL NOT NULL,
    PRIMARY KEY (learner_id, tab, seq)
);
CREATE TABLE IF NOT EXISTS answers (
    learner_id INTEGER NOT NULL REFERENCES learners(id),
    iid TEXT NOT NULL,
    choices TEXT NOT NULL,
    correct INTEGER NOT NULL,
    answered_at REAL NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (learner_id, iid, attempt)
);
CREATE TABLE IF NOT EXISTS facilitators (cookie_hash TEXT PRIMARY KEY, created REAL NOT NULL);
"""
JOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a projector


def digest(secret: str) -> str:
    """What is stored of a token or cookie: its SHA-256 (a copied database opens no session)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Secrets:
    """The session's join code (for learners) and PIN (for the facilitator)."""

    join_code: str
    pin: str


@dataclass(frozen=True)
class Learner:
    """One learner's row."""

    id: int
    name: str
    nip: str
    joined_at: float
    last_seen: float
    bookmark: str
    suspend: str
    progress: float
    finished: bool
    shared: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    """One event from a learner's phone, already validated."""

    seq: int
    kind: str  # save | interaction | result | incomplete | share | finish
    body: dict[str, Any]
    tab: str = ""  # the browser tab that made it (each numbers its own events)
    t: float = 0  # the phone's clock (ms) when it was made: saves apply in this order


class SessionMismatch(Exception):
    """The session file belongs to another course."""

    def __init__(self, course_id: str) -> None:
        """Remember which course the file belongs to."""
        super().__init__(course_id)
        self.course_id = course_id


def connect(path: Path) -> sqlite3.Connection:
    """A connection in write-ahead-log mode, committing to disk before it returns."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")  # an acknowledged save survives a power cut
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA busy_timeout=5000")
    return db


class Store:
    """The session's SQLite database: one connection reads, another (one thread at a time) writes.

    The server reads on its event loop and writes from a single writer thread (app.py), so a
    commit waiting for the disk never holds up the other requests; readers see committed data.
    """

    def __init__(self, path: Path) -> None:
        """Open (or create) the database."""
        self.path = path
        self.writer = connect(path)
        self.writer.executescript(SCHEMA)
        upgrade(self.writer)
        self.db = connect(path)

    def close(self) -> None:
        """Close both connections (the last one checkpoints the WAL)."""
        self.db.close()
        self.writer.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT on the writing connection, rolled back on any error."""
        self.writer.execute("BEGIN IMMEDIATE")
        try:
            yield self.writer
        except BaseException:
            self.writer.execute("ROLLBACK")
            raise
        self.writer.execute("COMMIT")

    def meta(self, key: str) -> str | None:
        """A session setting."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def open_session(self, course_id: str, name: str, source: str) -> Secrets:
        """The session's join code and PIN, made on first use; SessionMismatch for another course."""
        with self.transaction() as db:
            known = self.meta("course_id")
            if known is not None and known != course_id:
                raise SessionMismatch(known)
            if known is None:
                code = "".join(secrets.choice(JOIN_ALPHABET) for _ in range(6))
                pin = f"{secrets.randbelow(10**6):06d}"
                db.executemany("INSERT INTO meta VALUES (?, ?)", [
                    ("course_id", course_id), ("session", name), ("join_code", code),
                    ("pin", pin), ("created", str(time.time())), ("source", source)])
        return Secrets(str(self.meta("join_code")), str(self.meta("pin")))

    # -- learners ---------------------------------------------------------------------------

    def join(self, name: str, nip: str) -> str:
        """A new learner; returns the token the phone keeps (only its digest is stored)."""
        token = secrets.token_urlsafe(24)
        now = time.time()
        with self.transaction() as db:
            db.execute("INSERT INTO learners (token_hash, name, nip, joined_at, last_seen) "
                       "VALUES (?, ?, ?, ?, ?)", (digest(token), name, nip, now, now))
        return token

    def rekey(self, learner_id: int) -> str:
        """A new token for a learner who moves to another device; the old one stops working."""
        token = secrets.token_urlsafe(24)
        with self.transaction() as db:
            db.execute("UPDATE learners SET token_hash = ? WHERE id = ?", (digest(token), learner_id))
        return token

    def learner(self, token: str) -> Learner | None:
        """The learner holding this token, if any."""
        row = self.db.execute("SELECT * FROM learners WHERE token_hash = ?",
                              (digest(token),)).fetchone()
        return None if row is None else learner_from_row(row)

    def learners(self) -> list[Learner]:
        """Every learner, in the order they joined."""
        return [learner_from_row(r) for r in self.db.execute("SELECT * FROM learners ORDER BY id")]

    def seen(self, learner_id: int) -> None:
        """Note that a learner's phone was heard from."""
        with self.transaction() as db:
            db.execute("UPDATE learners SET last_seen = ? WHERE id = ?", (time.time(), learner_id))

    def record(self, batches: list[tuple[int, list[Event]]],
               judge: dict[str, tuple[str, ...]]) -> list[int]:
        """Store batches of several learners in one transaction (one write to disk for all).

        Returns how many events of each batch were new. judge maps an interaction id to its
        correct answer in its answer form: the server scores, not the phone.
        """
        now, counts = time.time(), []
        with self.transaction() as db:
            for learner_id, events in batches:
                new = 0
                for event in events:
                    stored = db.execute(
                        "INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (learner_id, event.tab, event.seq, event.t, event.kind, logged(event),
                         now)).rowcount
                    if stored:
                        new += 1
                        apply(db, learner_id, event, judge, now)
                db.execute("UPDATE learners SET last_seen = ? WHERE id = ?", (now, learner_id))
                counts.append(new)
        return counts

    def answers(self) -> list[sqlite3.Row]:
        """Every learner's first answer to each question in each attempt of the final (attempt 0:
        a knowledge check): learner id, interaction id, choices (JSON), correct, attempt."""
        return list(self.db.execute("SELECT learner_id, iid, choices, correct, answered_at, attempt "
                                    "FROM answers ORDER BY answered_at"))

    # -- facilitator -----------------------------------------------------------------------

    def add_facilitator(self) -> str:
        """A new facilitator cookie (only its digest is stored)."""
        cookie = secrets.token_urlsafe(24)
        with self.transaction() as db:
            db.execute("INSERT INTO facilitators VALUES (?, ?)", (digest(cookie), time.time()))
        return cookie

    def is_facilitator(self, cookie: str) -> bool:
        """Whether a cookie was given after a right PIN."""
        return self.db.execute("SELECT 1 FROM facilitators WHERE cookie_hash = ?",
                               (digest(cookie),)).fetchone() is not None


def upgrade(db: sqlite3.Connection) -> None:
    """A session file from before answers kept their attempt: its answers become attempt 0."""
    if "attempt" in {row[1] for row in db.execute("PRAGMA table_info(answers)")}:
        return
    db.executescript("BEGIN IMMEDIATE; ALTER TABLE answers RENAME TO answers_v1;" + SCHEMA +
                     "INSERT INTO answers (learner_id, iid, choices, correct, answered_at) "
                     "SELECT learner_id, iid, choices, correct, answered_at FROM answers_v1; "
                     "DROP TABLE answers_v1; COMMIT;")


def logged(event: Event) -> str:
    """An event as the log keeps it: a save without its state (the learner's row has the newest)."""
    body = {k: v for k, v in event.body.items() if not (event.kind == "save" and k == "suspend")}
    return json.dumps(body, ensure_ascii=False)


def learner_from_row(row: sqlite3.Row) -> Learner:
    """A learners row as a Learner."""
    return Learner(row["id"], row["name"], row["nip"], row["joined_at"], row["last_seen"],
                   row["bookmark"], row["suspend"], row["progress"], bool(row["finished"]),
                   tuple(json.loads(row["shared"])))


def apply(db: sqlite3.Connection, learner_id: int, event: Event,
          judge: dict[str, tuple[str, ...]], now: float) -> None:
    """What a newly stored event changes in the learner's state and answers."""
    body = event.body
    if event.kind == "save":
        # A save older than the last one applied (sent late, after a reconnect) changes nothing.
        db.execute("UPDATE learners SET bookmark = ?, suspend = ?, progress = ?, finished = ?, "
                   "state_t = ? WHERE id = ? AND state_t <= ?",
                   (body["bookmark"], body["suspend"], body["progress"], int(body["finished"]),
                    event.t, learner_id, event.t))
    elif event.kind == "interaction":
        choices = body["choices"]  # in its answer form (protocol.py): an ordering keeps its order
        # the first answer of each attempt is kept (a knowledge check's retries are not)
        db.execute("INSERT OR IGNORE INTO answers (learner_id, iid, choices, correct, answered_at, "
                   "attempt) VALUES (?, ?, ?, ?, ?, ?)",
                   (learner_id, body["iid"], json.dumps(choices),
                    int(tuple(choices) == judge[body["iid"]]), now, body.get("attempt", 0)))
    elif event.kind == "share":
        row = db.execute("SELECT shared FROM learners WHERE id = ?", (learner_id,)).fetchone()
        shared = set(json.loads(row[0]))
        if body["shared"]:
            shared.add(body["reflection"])
        else:
            shared.discard(body["reflection"])
        db.execute("UPDATE learners SET shared = ? WHERE id = ?",
                   (json.dumps(sorted(shared)), learner_id))
