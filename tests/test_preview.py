"""`coursepack preview`: a real server on 127.0.0.1 that rebuilds on save and reloads the page."""

from __future__ import annotations

import json
import queue
import re
import shutil
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from builder import preview

MINI = Path(__file__).parent / "courses" / "mini"


def fetch(url: str) -> str:
    """GET a URL as text."""
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate: object, timeout: float = 10.0) -> None:
    """Poll until `predicate()` is true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """A preview of a copy of the mini course; yields (base url, source, terminal lines)."""
    source = Path(shutil.copytree(MINI, tmp_path / "src"))
    lines: list[str] = []
    urls: queue.Queue[str] = queue.Queue()

    def report(line: str) -> None:
        lines.append(line)
        if match := re.search(r"http://127\.0\.0\.1:\d+/", line):
            urls.put(match[0])

    stop = threading.Event()
    thread = threading.Thread(target=preview.serve, args=(source, 0, "en", report, stop))
    thread.start()
    try:
        yield urls.get(timeout=30), source, lines
    finally:
        stop.set()
        thread.join(timeout=10)


def status(base: str) -> dict[str, object]:
    """The preview's status JSON."""
    return json.loads(fetch(base + "__coursepack/status"))


def test_preview_rebuilds_after_a_change_and_shows_errors_with_their_location(
        server: tuple[str, Path, list[str]]) -> None:
    base, source, lines = server
    assert "Halaman pembuka modul." in fetch(base)
    assert "__coursepack/status" in fetch(base)
    version = status(base)["version"]
    module = source / "modules" / "01-pengantar.md"
    module.write_text(module.read_text().replace("Halaman pembuka modul.", "Teks yang baru."))
    wait_for(lambda: status(base)["version"] != version)
    assert "Teks yang baru." in fetch(base)

    quiz = source / "quizzes" / "akhir.yaml"
    good = quiz.read_text()
    quiz.write_text(good.replace("pass_mark: 50", "pass_mark: 500"))
    wait_for(lambda: status(base)["errors"] != [])
    page = fetch(base)
    assert "quizzes/akhir.yaml:4:1: error[pass-mark-range]" in page
    assert any("quizzes/akhir.yaml:4:1: error[pass-mark-range]" in line for line in lines)
    assert fetch(base + "assets/coursepack.css")  # the last good build is still served

    quiz.write_text(good)
    wait_for(lambda: status(base)["errors"] == [])
    assert "Teks yang baru." in fetch(base)


def test_the_open_page_reloads_itself_after_a_save(server: tuple[str, Path, list[str]],
                                                    page: Page) -> None:
    base, source, _ = server
    page.goto(base)
    page.wait_for_selector("#cp-app[data-state=start], #cp-app[data-state=course]")
    module = source / "modules" / "01-pengantar.md"
    module.write_text(module.read_text().replace("Halaman pembuka modul.", "Teks sesudah simpan."))
    page.wait_for_function("document.body.textContent.includes('Teks sesudah simpan.')",
                           timeout=10000)
