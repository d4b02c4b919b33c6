"""`coursepack preview`: serve the offline edition on 127.0.0.1, rebuild on save, reload the browser.

The watcher polls file times (no extra dependency; a course has tens of files). Each rebuild writes
into a private folder; the server always serves the last good build, or an error page listing
every diagnostic with its location while the source is broken.
"""

from __future__ import annotations

import html
import json
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .build import build
from .options import BuildOptions
from .errors import CourseError, Diagnostic, UsageError
from .messages import render
from .package import reason

STATUS_PATH = "/__coursepack/status"
RELOAD_SCRIPT = """<script>
(function () {
  var seen = null;
  function poll() {
    var x = new XMLHttpRequest();
    x.open("GET", "%s", true);
    x.onload = function () {
      var v = JSON.parse(x.responseText).version;
      if (seen !== null && v !== seen) { location.reload(); }
      seen = v; setTimeout(poll, 500);
    };
    x.onerror = function () { setTimeout(poll, 1000); };
    x.send();
  }
  poll();
})();
</script>""" % STATUS_PATH


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file under a folder."""
    result = {}
    for path in folder.rglob("*"):
        try:
            if path.is_file():
                stat = path.stat()
                result[path.as_posix()] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            continue
    return result


@dataclass
class PreviewState:
    """What the server shows: the last good build folder, and the current problems."""

    version: int = 0
    root: Path | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def status(self, lang: str = "en") -> dict[str, Any]:
        """The JSON the reload script polls (the problems in the message language)."""
        with self.lock:
            return {"version": self.version,
                    "errors": [d.format(lang) for d in self.diagnostics]}


def say(code: str, lang: str, /, **args: object) -> str:
    """One of the preview's own lines in the message language (builder/messages.py)."""
    return render(code, args, lang)[0]


def rebuild(source: Path, out: Path, state: PreviewState, lang: str,
            report: Callable[[str], None]) -> None:
    """Build the offline edition; on problems keep the last good build and show them."""
    try:
        result = build(source, out, BuildOptions(targets=("offline",)))
    except CourseError as exc:
        with state.lock:
            state.diagnostics = exc.diagnostics
            state.version += 1
        for diagnostic in exc.diagnostics:
            report(diagnostic.format(lang))
        report(f"preview: {say('preview-problems', lang, count=len(exc.diagnostics))}")
        return
    with state.lock:
        state.root = out / f"{result.course.id}-offline"
        state.diagnostics = result.diagnostics
        state.version += 1
    report(f"preview: {say('preview-rebuilt', lang, version=state.version)}")


def error_page(diagnostics: list[Diagnostic], lang: str) -> bytes:
    """An HTML page listing the problems in the source."""
    items = "".join(f"<li><pre>{html.escape(d.format(lang))}</pre></li>" for d in diagnostics)
    title = html.escape(say("preview-cannot-build", lang))
    return (f'<!doctype html><html lang="{lang}"><meta charset="utf-8"><title>{title}</title>'
            f'<body style="font-family:sans-serif;max-width:60rem;margin:2rem auto">'
            f'<h1>{title}</h1><ol>{items}</ol>{RELOAD_SCRIPT}</body></html>').encode("utf-8")


def make_handler(state: PreviewState, lang: str) -> type[SimpleHTTPRequestHandler]:
    """A request handler bound to the preview state."""

    class Handler(SimpleHTTPRequestHandler):
        """Serves the last good build, the status, or the error page."""

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            """Quiet: the terminal shows builds, not requests."""

        def send_bytes(self, body: bytes, content_type: str) -> None:
            """Send a whole response."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            """Route a request."""
            path = self.path.split("?")[0]
            if path == STATUS_PATH:
                self.send_bytes(json.dumps(state.status(lang)).encode(), "application/json")
                return
            with state.lock:
                root, problems = state.root, list(state.diagnostics)
            errors = [d for d in problems if d.severity.value == "error"]
            if path in ("/", "/index.html") and (errors or root is None):
                self.send_bytes(error_page(problems, lang), "text/html; charset=utf-8")
                return
            if path in ("/", "/index.html") and root is not None:
                page = (root / "index.html").read_bytes()
                page = page.replace(b"</body>", RELOAD_SCRIPT.encode() + b"</body>", 1)
                self.send_bytes(page, "text/html; charset=utf-8")
                return
            self.directory = str(root) if root else "."
            super().do_GET()

    return Handler


def watch(source: Path, stop: threading.Event, on_change: Callable[[], None],
          interval: float = 0.3) -> None:
    """Call `on_change` whenever a file under `source` changes, until `stop` is set."""
    before = snapshot(source)
    while not stop.wait(interval):
        now = snapshot(source)
        if now != before:
            before = now
            on_change()


def serve(source: Path, port: int, lang: str, report: Callable[[str], None],
          stop: threading.Event | None = None) -> None:
    """Build, serve on 127.0.0.1:port and rebuild on every change until stopped."""
    stop = stop or threading.Event()
    state = PreviewState()
    with tempfile.TemporaryDirectory(prefix="coursepack-preview-") as tmp:
        out = Path(tmp) / "dist"
        try:  # listen first: a port in use is a usage mistake, said before any build
            server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(state, lang))
        except (OSError, OverflowError) as exc:
            raise UsageError("port-in-use", port=port, reason=reason(exc)) from exc
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        try:  # Ctrl-C goes on to the command line: one line, exit 130
            rebuild(source, out, state, lang, report)
            watcher = threading.Thread(target=watch, args=(
                source, stop, lambda: rebuild(source, out, state, lang, report)), daemon=True)
            watcher.start()
            thread.start()  # before the address is told: a stop that follows finds it serving
            url = f"http://127.0.0.1:{server.server_address[1]}/"
            report(f"preview: {say('preview-serving', lang, url=url)}")
            stop.wait()
        finally:
            stop.set()
            if thread.is_alive():
                server.shutdown()
            server.server_close()
