"""The live classroom under test: the real `coursepack classroom` command, or its app in a thread.

Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from builder.classroom.app import Classroom, make_app
from builder.classroom.edition import Edition
from builder.classroom.serve import listen
from builder.classroom.store import Store
from support.process import as_in_a_terminal
from support.played import one_by_one

ROOT = Path(__file__).resolve().parent.parent.parent
# The article course with its quizzes played one question at a time, each checked on its own
# (support/played.py ONE_BY_ONE): the classroom tests answer the final question by question.
COURSE = one_by_one(ROOT / "course_src", Path(tempfile.mkdtemp(prefix="coursepack-classroom-")))
START_TIMEOUT = 60.0  # seconds: the machine may be busy


@dataclass
class Running:
    """A classroom server as its terminal output describes it."""

    proc: subprocess.Popen[str]
    port: int
    code: str
    pin: str
    output: list[str]
    reader: threading.Thread | None = None

    def all_output(self) -> str:
        """Everything the server printed (once it has ended)."""
        if self.reader is not None:
            self.reader.join(10)
        return "".join(self.output)

    @property
    def base(self) -> str:
        """http://127.0.0.1:<port>."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def join_url(self) -> str:
        """The address learners open."""
        return f"{self.base}/?k={self.code}"

    def kill(self) -> None:
        """Kill the server at once (SIGKILL): no shutdown, no goodbye."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        """Stop the server as Ctrl+C does."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def start(data: Path, session: str, port: int = 0, source: Path = COURSE,
          lang: str = "id") -> Running:
    """Run `coursepack classroom` and wait until it prints the PIN."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "builder", "--lang", lang, "classroom", str(source),
         "--port", str(port), "--data", str(data), "--session", session],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"}, preexec_fn=as_in_a_terminal)
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError("the classroom server ended:\n" + "".join(lines))
        lines.append(line)
        found = re.search(r":(\d+)/dashboard\s+\(PIN (\d{6})\)", line)
        if found:
            code = re.search(r"\?k=([A-Z0-9]+)", "".join(lines))
            assert code, lines
            reader = threading.Thread(target=drain, args=(proc, lines), daemon=True)
            reader.start()
            return Running(proc, int(found[1]), code[1], found[2], lines, reader)
    proc.kill()
    raise AssertionError("the classroom server did not start:\n" + "".join(lines))


def drain(proc: subprocess.Popen[str], lines: list[str]) -> None:
    """Keep reading the server's output (so its pipe never fills)."""
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line)


@contextmanager
def in_thread(edition: Edition, data: Path, session: str = "s") -> Iterator[Classroom]:
    """The classroom app served by uvicorn in a thread of this process, on a free port."""
    store = Store(data / f"{session}.sqlite3")
    secrets = store.open_session(edition.course.id, session, str(COURSE))
    sock = listen("127.0.0.1", 0)
    port = sock.getsockname()[1]
    room = Classroom(edition, store, session, f"http://127.0.0.1:{port}/?k={secrets.join_code}",
                     secrets.join_code, secrets.pin)
    server = uvicorn.Server(uvicorn.Config(make_app(room), log_level="warning", lifespan="off",
                                           timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield room
    finally:
        room.hub.closing = True
        server.should_exit = True
        thread.join(10)
        room.writer.close()
        sock.close()
        store.close()


def port_of(room: Classroom) -> int:
    """The port a thread-served classroom listens on."""
    found = re.search(r":(\d+)/", room.join_url)
    assert found
    return int(found[1])
