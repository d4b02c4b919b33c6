"""A quiet, threaded static HTTP server bound to 127.0.0.1."""

from __future__ import annotations

import posixpath
import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class _Handler(SimpleHTTPRequestHandler):
    """Serves files from the longest matching mount; no logging, no caching."""

    def __init__(self, *args: Any, mounts: Mapping[str, Path], **kwargs: Any) -> None:
        """Keep the URL-prefix → directory table, longest prefix first."""
        self.mounts = sorted(mounts.items(), key=lambda item: -len(item[0]))
        self.extensions_map = {
            **SimpleHTTPRequestHandler.extensions_map,
            ".js": "text/javascript",
            ".mjs": "text/javascript",
            ".json": "application/json",
            ".svg": "image/svg+xml",
            ".woff2": "font/woff2",
            ".webp": "image/webp",
            ".vtt": "text/vtt",
        }
        super().__init__(*args, directory=str(mounts["/"]), **kwargs)

    def translate_path(self, path: str) -> str:
        """Map a URL path onto the mounted directory that owns it."""
        raw = unquote(urlsplit(path).path)
        url_path = posixpath.normpath(raw)
        for prefix, root in self.mounts:
            bare = prefix.rstrip("/")
            if url_path == bare or url_path.startswith(bare + "/") or prefix == "/":
                self.directory = str(root)
                rest = url_path[len(bare):] if prefix != "/" else url_path
                if raw.endswith("/") and not rest.endswith("/"):
                    rest += "/"
                return super().translate_path(quote(rest or "/"))
        return super().translate_path(path)

    def end_headers(self) -> None:
        """Forbid caching so every test sees the files as they are now."""
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""


@contextmanager
def serve(root: Path, mounts: Mapping[str, Path] | None = None) -> Iterator[str]:
    """Serve `root` (plus `mounts`, e.g. {"/pkg/": dir}) and yield the base URL, no trailing slash."""
    table = {"/": Path(root), **{k: Path(v) for k, v in (mounts or {}).items()}}
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, mounts=table))
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
