"""The classroom web application (Starlette): join, the learners' API, the course, the dashboard.

Learners: GET / (join page), POST /api/join, GET /api/me, POST /api/events, GET /course/….
Facilitator (PIN, then a cookie): /dashboard, /dashboard/state, /dashboard/events (server-sent
events), /dashboard/grades.csv, /dashboard/attendance.csv, /dashboard/qr.svg.
"""

from __future__ import annotations

import asyncio
import json
import mimetypes
import secrets
import time
from urllib.parse import parse_qs
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (HTMLResponse, JSONResponse, RedirectResponse, Response,
                                 StreamingResponse)
from starlette.routing import Route

from ..render import templates_dir
from .edition import Edition
from .network import only_this_computer, qr_svg
from .protocol import MAX_BODY, Invalid, decode, parse_events, parse_join
from .report import attendance_csv, grades_csv, snapshot, standings
from .store import JOIN_ALPHABET, Event, Learner, Store
from .text import strings

T = TypeVar("T")
COOKIE = "coursepack_facilitator"
PIN_TRIES, PIN_WINDOW = 10, 60.0  # wrong PINs allowed per window (seconds), for the whole server
MOVE_CODE_LENGTH, MOVE_CODE_LIFE = 8, 600  # a move code: characters, seconds it stays valid
MAX_LEARNERS = 500  # a room, not the internet: caps what a flood of joins can store
PUSH_EVERY = 0.5  # seconds: the dashboard is sent at most this often (a projector, not a ticker)
HEARTBEAT = 15.0  # seconds between keep-alive comments on the event stream
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "Cache-Control": "no-store"}
PAGE_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
               "script-src 'self'; frame-ancestors 'none'")


class TooLarge(Exception):
    """A request body over the cap."""


@dataclass
class Hub:
    """Wakes the dashboards' event streams when something is stored."""

    version: int = 0
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    closing: bool = False

    def bump(self) -> None:
        """Something changed: wake every stream."""
        self.version += 1
        self.changed.set()
        self.changed = asyncio.Event()

    def close(self) -> None:
        """The server is stopping: end every stream (so the stop is quick and clean)."""
        self.closing = True
        self.changed.set()

    async def wait(self, seen: int, timeout: float) -> None:
        """Until the version moves past `seen`, or the timeout."""
        if self.version != seen:
            return
        try:
            await asyncio.wait_for(self.changed.wait(), timeout)
        except TimeoutError:
            pass


class Writer:
    """Every write to the store goes through one thread; batches that arrive together share a
    transaction and one write to disk (group commit), and the event loop never waits for the disk."""

    def __init__(self, store: Store, judge: dict[str, tuple[str, ...]]) -> None:
        """One writer thread for the store."""
        self.store, self.judge = store, judge
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="classroom-writer")
        self.waiting: list[tuple[int, list[Event], asyncio.Future[int]]] = []
        self.draining = False

    async def call(self, work: Callable[[], T]) -> T:
        """Run one write on the writer thread."""
        return await asyncio.get_running_loop().run_in_executor(self.thread, work)

    async def record(self, learner_id: int, events: list[Event]) -> int:
        """Store one learner's batch (with whatever else is waiting); how many events were new."""
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self.waiting.append((learner_id, events, future))
        if not self.draining:
            self.draining = True
            asyncio.get_running_loop().create_task(self.drain())
        return await future

    async def drain(self) -> None:
        """Commit what is waiting, group by group, until nothing is."""
        try:
            while self.waiting:
                group, self.waiting = self.waiting, []
                batches = [(learner_id, events) for learner_id, events, _ in group]
                try:
                    counts = await self.call(lambda: self.store.record(batches, self.judge))
                except Exception as exc:  # the phones keep their events and send them again
                    for _, _, future in group:
                        future.set_exception(exc)
                    continue
                for (_, _, future), count in zip(group, counts, strict=True):
                    future.set_result(count)
        finally:
            self.draining = False

    def close(self) -> None:
        """Wait for the writes in progress."""
        self.thread.shutdown(wait=True)


@dataclass
class Classroom:
    """One running session: the edition, its store, and what the server was started with."""

    edition: Edition
    store: Store
    session: str
    join_url: str
    join_code: str
    pin: str
    hub: Hub = field(default_factory=Hub)
    pin_failures: list[float] = field(default_factory=list)
    moves: dict[str, tuple[int, float]] = field(default_factory=dict)  # move code -> learner, until
    move_failures: list[float] = field(default_factory=list)
    writer: Writer = field(init=False)

    def __post_init__(self) -> None:
        """The store's writer, judging answers by the course source."""
        self.writer = Writer(self.store, self.judge())

    @property
    def text(self) -> dict[str, str]:
        """The strings of the course language."""
        return strings(self.edition.course.language)

    def judge(self) -> dict[str, tuple[str, ...]]:
        """The correct answer in its answer form (choice ids sorted, an ordering in order), by
        interaction id."""
        return {iid: q.key for iid, q in self.edition.questions.items()}

    def snapshot(self) -> dict[str, Any]:
        """The dashboard's data now."""
        return snapshot(self.edition, self.session, self.join_url, self.join_code,
                        self.store.learners(), self.store.answers())


def error(status: int, reason: str) -> JSONResponse:
    """A JSON error answer."""
    return JSONResponse({"error": reason}, status_code=status, headers=HEADERS)


async def read_body(request: Request) -> bytes:
    """The request body, refused as soon as it passes MAX_BODY."""
    length = request.headers.get("content-length", "")
    if length and (not length.isdigit() or int(length) > MAX_BODY):
        raise TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise TooLarge
    return bytes(body)


async def json_body(request: Request) -> dict[str, Any] | Response:
    """A JSON object from the body, or the 4xx answer to send instead."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return error(415, "send application/json")
    try:
        return decode(await read_body(request))
    except TooLarge:
        return error(413, f"the body is over {MAX_BODY} bytes")
    except Invalid as exc:
        return error(400, str(exc))


def bearer(request: Request, room: Classroom) -> Learner | None:
    """The learner whose token the request carries."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return room.store.learner(token.strip()) if scheme.lower() == "bearer" and token else None


def is_facilitator(request: Request, room: Classroom) -> bool:
    """Whether the request carries a facilitator cookie."""
    cookie = request.cookies.get(COOKIE, "")
    return bool(cookie) and room.store.is_facilitator(cookie)


def learner_status(room: Classroom, learner: Learner) -> str:
    """passed / failed once the final is done, else incomplete or not attempted (SCORM words)."""
    standing = standings(room.edition, [learner], room.store.answers())[learner.id]
    if standing.done:
        return "passed" if standing.passed else "failed"
    return "incomplete" if learner.suspend else "not attempted"


def too_many(failures: list[float], now: float) -> bool:
    """Forget failures older than the window; whether the window already holds too many."""
    failures[:] = [t for t in failures if now - t < PIN_WINDOW]
    return len(failures) >= PIN_TRIES


def make_app(room: Classroom) -> Starlette:
    """The Starlette application of one classroom session."""
    env = Environment(loader=FileSystemLoader(templates_dir() / "classroom"),
                      autoescape=select_autoescape(("html", "j2")), undefined=StrictUndefined)
    static = {p.name: p.read_bytes() for p in (templates_dir() / "classroom" / "static").iterdir()}

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(t=room.text, course=room.edition.course, **context)
        return HTMLResponse(html, status_code=status,
                            headers={**HEADERS, "Content-Security-Policy": PAGE_POLICY})

    async def join_page(request: Request) -> Response:
        return page("join.html.j2", code=request.query_params.get("k", "")[:20])

    async def join(request: Request) -> Response:
        body = await json_body(request)
        if isinstance(body, Response):
            return body
        try:
            name, nip, code = parse_join(body)
        except Invalid as exc:
            return error(422, str(exc))
        if code != room.join_code:
            return error(403, "wrong join code")
        if len(room.store.learners()) >= MAX_LEARNERS:
            return error(429, "the session is full")
        token = await room.writer.call(lambda: room.store.join(name, nip))
        room.hub.bump()
        return JSONResponse({"token": token, "session": room.session, "name": name},
                            headers=HEADERS)

    async def me(request: Request) -> Response:
        learner = bearer(request, room)
        if learner is None:
            return error(401, "unknown learner token")
        await room.writer.call(lambda: room.store.seen(learner.id))
        return JSONResponse({
            "name": learner.name, "nip": learner.nip, "bookmark": learner.bookmark,
            "suspend": learner.suspend, "status": learner_status(room, learner),
            "shared": list(learner.shared),
            "session": room.session}, headers=HEADERS)

    async def events(request: Request) -> Response:
        began = time.perf_counter()
        learner = bearer(request, room)
        if learner is None:
            return error(401, "unknown learner token")
        body = await json_body(request)
        if isinstance(body, Response):
            return body
        try:
            batch = parse_events(body, room.edition)
        except Invalid as exc:
            return error(422, str(exc))
        stored = await room.writer.record(learner.id, batch)
        if stored:
            room.hub.bump()
        took = f"app;dur={1000 * (time.perf_counter() - began):.1f}"  # stored and on disk
        return JSONResponse({"stored": stored},
                            headers={**HEADERS, "Server-Timing": took})

    async def course_file(request: Request) -> Response:
        path = request.path_params.get("path", "") or "index.html"
        data = room.edition.files.get(path)
        if data is None:
            return Response("not found", status_code=404, media_type="text/plain")
        kind = ("text/javascript" if path.endswith(".js")
                else mimetypes.guess_type(path)[0] or "application/octet-stream")
        if kind.startswith("text/") or kind == "image/svg+xml":
            kind += "; charset=utf-8"
        return Response(data, media_type=kind, headers={**HEADERS, "Cache-Control": "no-cache"})

    async def course_root(request: Request) -> Response:
        return RedirectResponse("/course/", status_code=308)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in static:
            return Response("not found", status_code=404, media_type="text/plain")
        kind = "text/javascript" if name.endswith(".js") else "text/css"
        return Response(static[name], media_type=f"{kind}; charset=utf-8", headers=HEADERS)

    async def dashboard(request: Request) -> Response:
        if not is_facilitator(request, room):
            return page("pin.html.j2", message="")
        return page("dashboard.html.j2", session=room.session, join_url=room.join_url,
                    join_code=room.join_code, qr=qr_svg(room.join_url).decode("utf-8"),
                    only_here=only_this_computer(room.join_url))

    async def login(request: Request) -> Response:
        now = time.monotonic()
        if too_many(room.pin_failures, now):
            return page("pin.html.j2", 429, message=room.text["pin_wait"])
        try:
            raw = (await read_body(request)).decode("utf-8", errors="replace")
        except TooLarge:
            return error(413, "too large")
        pin = parse_qs(raw).get("pin", [""])[0].strip()
        if pin != room.pin:
            room.pin_failures.append(now)
            return page("pin.html.j2", 403, message=room.text["pin_wrong"])
        response = RedirectResponse("/dashboard", status_code=303)
        response.set_cookie(COOKIE, await room.writer.call(room.store.add_facilitator), httponly=True,
                            samesite="strict", path="/")
        return response

    async def move_code(request: Request) -> Response:
        """The facilitator asks for a code that moves one learner to another device."""
        if not is_facilitator(request, room):
            return error(401, "the dashboard needs the facilitator PIN")
        body = await json_body(request)
        if isinstance(body, Response):
            return body
        learner_id = body.get("learner")
        if (isinstance(learner_id, bool) or not isinstance(learner_id, int)
                or not any(lr.id == learner_id for lr in room.store.learners())):
            return error(422, "unknown learner")
        now = time.monotonic()
        for stale in [c for c, v in room.moves.items() if v[1] <= now or v[0] == learner_id]:
            del room.moves[stale]  # one live code per learner
        code = "".join(secrets.choice(JOIN_ALPHABET) for _ in range(MOVE_CODE_LENGTH))
        room.moves[code] = (learner_id, now + MOVE_CODE_LIFE)
        return JSONResponse({"code": code, "minutes": MOVE_CODE_LIFE // 60}, headers=HEADERS)

    async def move(request: Request) -> Response:
        """A learner on a new device types the facilitator's move code: a new token, same records."""
        now = time.monotonic()
        if too_many(room.move_failures, now):
            return error(429, "too many wrong codes; wait a minute")
        body = await json_body(request)
        if isinstance(body, Response):
            return body
        code = str(body.get("code", "")).strip().upper()[:20]
        found = room.moves.pop(code, None)
        if found is None or found[1] <= now:
            room.move_failures.append(now)
            return error(403, "unknown or expired move code")
        token = await room.writer.call(lambda: room.store.rekey(found[0]))
        name = next(lr.name for lr in room.store.learners() if lr.id == found[0])
        room.hub.bump()
        return JSONResponse({"token": token, "session": room.session, "name": name},
                            headers=HEADERS)

    async def state(request: Request) -> Response:
        if not is_facilitator(request, room):
            return error(401, "the dashboard needs the facilitator PIN")
        return JSONResponse(room.snapshot(), headers=HEADERS)

    async def stream(request: Request) -> Response:
        if not is_facilitator(request, room):
            return error(401, "the dashboard needs the facilitator PIN")

        async def feed() -> AsyncIterator[str]:
            seen = -1
            while not room.hub.closing:
                if seen != room.hub.version:
                    seen = room.hub.version
                    yield "data: " + json.dumps(room.snapshot(), ensure_ascii=False) + "\n\n"
                    await asyncio.sleep(PUSH_EVERY)  # a burst of saves makes one update
                    continue
                before = room.hub.version
                await room.hub.wait(seen, HEARTBEAT)
                if room.hub.closing:
                    return
                if room.hub.version == before:
                    yield ": ping\n\n"
                if await request.is_disconnected():
                    return

        return StreamingResponse(feed(), media_type="text/event-stream",
                                 headers={**HEADERS, "X-Accel-Buffering": "no"})

    async def export(request: Request) -> Response:
        if not is_facilitator(request, room):
            return error(401, "the exports need the facilitator PIN")
        kind = request.path_params["kind"]
        if kind not in ("grades", "attendance"):
            return Response("not found", status_code=404, media_type="text/plain")
        make = grades_csv if kind == "grades" else attendance_csv
        data = make(room.edition, room.store.learners(), room.store.answers())
        name = f"{room.session}-{kind}.csv"
        return Response(data, media_type="text/csv; charset=utf-8",
                        headers={**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})

    async def qr(request: Request) -> Response:
        if not is_facilitator(request, room):
            return error(401, "the dashboard needs the facilitator PIN")
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"' + qr_svg(room.join_url)[4:]
        return Response(svg, media_type="image/svg+xml", headers=HEADERS)

    async def nothing(request: Request) -> Response:
        return Response(status_code=204)

    routes = [
        Route("/", join_page), Route("/favicon.ico", nothing), Route("/api/join", join, methods=["POST"]),
        Route("/api/me", me), Route("/api/move", move, methods=["POST"]),
        Route("/dashboard/move", move_code, methods=["POST"]), Route("/api/events", events, methods=["POST"]),
        Route("/course", course_root), Route("/course/{path:path}", course_file),
        Route("/static/{name}", asset),
        Route("/dashboard", dashboard), Route("/dashboard/login", login, methods=["POST"]),
        Route("/dashboard/state", state), Route("/dashboard/events", stream),
        Route("/dashboard/{kind:str}.csv", export), Route("/dashboard/qr.svg", qr),
    ]
    return Starlette(routes=routes)
