"""`coursepack classroom` and `coursepack classroom export`: start a session, or write its CSVs."""

from __future__ import annotations

import argparse
import asyncio
import datetime
import re
import socket
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import uvicorn

from ..messages import render
from .app import Classroom, make_app
from .edition import prepare
from .network import join_url, public_host
from .report import attendance_csv, grades_csv
from .store import SessionMismatch, Store

SESSION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
EXIT_OK, EXIT_USAGE = 0, 2
KEEP_ALIVE = 65  # seconds an idle phone's connection stays open (uvicorn's default is 5)
Say = Callable[[str], None]

def problem(code: str, lang: str, **args: object) -> str:
    """A usage problem in the message language, with its hint."""
    message, hint = render(code, args, lang)
    return f"coursepack: {message}" + (f"\n  {hint}" if hint else "")


def line(code: str, lang: str, /, **args: object) -> str:
    """One of the command's own output lines in the message language (builder/messages.py)."""
    return render(code, args, lang)[0]


def session_file(data: Path, session: str) -> Path:
    """Where a session's records live."""
    return data / f"{session}.sqlite3"


def listen(host: str, port: int) -> socket.socket:
    """A listening socket (so a busy port is reported before anything starts)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


class ClassroomServer(uvicorn.Server):
    """uvicorn, ending the dashboards' event streams as soon as a stop is asked for."""

    def __init__(self, config: uvicorn.Config, room: Classroom) -> None:
        """The server of one classroom."""
        super().__init__(config)
        self.room = room

    async def serve(self, sockets: list[socket.socket] | None = None) -> None:
        """Serve, remembering the event loop for the signal handler."""
        self.loop = asyncio.get_running_loop()
        await super().serve(sockets)

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        """Ctrl+C: wake and end the streams, then uvicorn's own shutdown."""
        self.loop.call_soon_threadsafe(self.room.hub.close)
        super().handle_exit(sig, frame)


def serve(args: argparse.Namespace, lang: str, say: Say, complain: Say) -> int:
    """Build the classroom edition, open the session's records and serve until Ctrl+C."""
    source = Path(args.source)
    edition = prepare(source)
    session = args.session or f"{edition.course.id}-{datetime.date.today().isoformat()}"
    if not SESSION_NAME.fullmatch(session):
        complain(problem("classroom-session-name", lang, session=session))
        return EXIT_USAGE
    if not 0 <= args.port <= 65535:
        complain(problem("classroom-bad-port", lang, port=args.port))
        return EXIT_USAGE
    try:
        sock = listen(args.host, args.port)
    except OSError as exc:
        complain(problem("classroom-port-busy", lang, host=args.host, port=args.port,
                         reason=exc.strerror or str(exc)))
        return EXIT_USAGE
    args.data.mkdir(parents=True, exist_ok=True)
    store = Store(session_file(args.data, session))
    try:
        secrets = store.open_session(edition.course.id, session, str(source.resolve()))
    except SessionMismatch as exc:
        sock.close()
        store.close()
        complain(problem("classroom-session-other-course", lang, session=session,
                         course=exc.course_id))
        return EXIT_USAGE
    port = sock.getsockname()[1]
    url = join_url(public_host(args.host), port, secrets.join_code)
    local = "127.0.0.1" if args.host in ("0.0.0.0", "::", "") else args.host
    dashboard = f"http://{f'[{local}]' if ':' in local else local}:{port}/dashboard"
    room = Classroom(edition, store, session, url, secrets.join_code, secrets.pin)
    say(line("classroom-title", lang, title=edition.course.title, session=session))
    say(line("classroom-join", lang, url=url))
    say(line("classroom-code", lang, code=secrets.join_code))
    say(line("classroom-dashboard", lang, url=dashboard, pin=secrets.pin))
    say(line("classroom-data", lang, path=store.path))
    if args.host in ("127.0.0.1", "localhost", "::1"):
        say(line("classroom-local", lang))
    elif url.startswith("http://127.0.0.1:"):
        say(line("classroom-no-lan", lang))
    say(line("classroom-stop", lang))
    config = uvicorn.Config(make_app(room), log_level="warning", lifespan="off",
                            timeout_graceful_shutdown=1, access_log=False,
                            timeout_keep_alive=KEEP_ALIVE)
    server = ClassroomServer(config, room)
    try:
        asyncio.run(server.serve(sockets=[sock]))
    except KeyboardInterrupt:  # uvicorn raises the Ctrl+C again once it has stopped
        pass
    finally:
        room.hub.closing = True
        room.writer.close()
        store.close()
        sock.close()
    return EXIT_OK


def export(args: argparse.Namespace, lang: str, say: Say, complain: Say) -> int:
    """Write a session's grades (for Moodle) and attendance list as CSV files."""
    if not args.session:
        complain(problem("classroom-export-session", lang))
        return EXIT_USAGE
    path = session_file(args.data, args.session)
    if not SESSION_NAME.fullmatch(args.session) or not path.is_file():
        complain(problem("classroom-no-session", lang, path=path))
        return EXIT_USAGE
    store = Store(path)
    try:
        course_id = store.meta("course_id") or ""
        source = Path(args.export_source or store.meta("source") or "course_src")
        edition = prepare(source)
        if not args.lang:  # the course is known only now: its language, as for the other commands
            from ..cli import course_language

            lang = course_language(source)
        if edition.course.id != course_id:
            complain(problem("classroom-session-other-course", lang, session=args.session,
                             course=course_id))
            return EXIT_USAGE
        learners, answers = store.learners(), store.answers()
        args.out.mkdir(parents=True, exist_ok=True)
        for kind, make in (("grades", grades_csv), ("attendance", attendance_csv)):
            target = args.out / f"{args.session}-{kind}.csv"
            target.write_bytes(make(edition, learners, answers))
            say(line("classroom-wrote", lang, path=target))
    finally:
        store.close()
    return EXIT_OK


def run(args: argparse.Namespace, lang: str, say: Say, complain: Say) -> int:
    """`coursepack classroom [SOURCE]` or `coursepack classroom export [SOURCE]`."""
    if args.source == Path("export"):
        return export(args, lang, say, complain)
    return serve(args, lang, say, complain)
