"""Shared pytest fixtures: one headless Debian Chromium per session, a fresh page per test.

Every test that drives Chromium is marked `browser`, and the few exhaustive ones (every failure
at every step, the fuzzers, a zip bomb, a wheel build) `slow`. Tests that take the browser
fixtures are marked here; tests that start Chromium another way (PDF printing, their own launch)
carry the mark themselves. Playwright is imported only when a browser fixture is used.

The fast lane is `pytest -m "not browser"` (exactly that expression, CI not set): it also
deselects the `slow` tests and does not import the modules whose every test is a browser test
(`pytestmark = pytest.mark.browser`), and says so in its header. Any other expression selects
what it says (`-m "not browser and slow"` runs the slow ones); `pytest` alone, and any run with
the CI variable set, runs everything. The whole fast lane (no file named, no -n given) runs on
every core with pytest-xdist; `-n 0` keeps it in one process.

Compiled code is kept even where PYTHONDONTWRITEBYTECODE is set (this machine sets it): pytest's
assert-rewritten test modules and the builder's modules go to their git-ignored __pycache__
folders, so a run does not compile them all again, nor does every `coursepack` a test starts
(about a third of the fast lane's CPU time when they were compiled on every run).

Hypothesis runs a property test with the examples its profile gives (tests that need a count of
their own set it): "full" (300) whenever the browser tests run too and on CI (the CI variable
set), "fast" (10) in the fast lane elsewhere; `--hypothesis-profile NAME` chooses one.
"""

from __future__ import annotations

import compileall
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

BROWSER_FIXTURES = frozenset({"browser", "context", "page"})
FAST_LANE = "not browser"
BROWSER_MODULE = "\npytestmark = pytest.mark.browser\n"
LEFT_OUT = pytest.StashKey[list[str]]()  # what the fast lane left out, for its header

sys.dont_write_bytecode = False  # before any test module is imported: see the docstring
ROOT = Path(__file__).resolve().parent.parent

settings.register_profile("full", max_examples=300, deadline=None)
settings.register_profile("fast", max_examples=10, deadline=None)


def fast_lane(config: pytest.Config) -> bool:
    """True for the fast lane: `-m "not browser"` exactly, with the CI variable not set."""
    expression = " ".join((config.option.markexpr or "").split())
    return expression == FAST_LANE and not os.environ.get("CI")


def browser_only(module: Path) -> bool:
    """True for a test module whose every test is a browser test (`pytestmark` says so)."""
    return BROWSER_MODULE in module.read_text("utf-8")


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """The whole fast lane runs on every core unless -n (or --pdb, or a file to run) is given."""
    if (fast_lane(config) and getattr(config.option, "numprocesses", False) is None
            and not hasattr(config, "workerinput") and not config.option.file_or_dir
            and not config.getoption("usepdb") and not config.getoption("collectonly")):
        config.option.numprocesses = "auto"


def pytest_configure(config: pytest.Config) -> None:
    """Fewer Hypothesis examples in the fast lane (the markers are in pyproject.toml); the
    builder compiled once for the processes the tests start."""
    if not hasattr(config, "workerinput"):
        compileall.compile_dir(ROOT / "builder", quiet=1)
    config.stash[LEFT_OUT] = []
    if not config.getoption("hypothesis_profile", None):
        fast = FAST_LANE in (config.option.markexpr or "") and not os.environ.get("CI")
        settings.load_profile("fast" if fast else "full")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """In the fast lane, leave out a module whose every test is a browser test (not imported)."""
    if not (fast_lane(config) and collection_path.name.startswith("test_")
            and collection_path.suffix == ".py"):
        return None
    if not browser_only(collection_path):
        return None
    config.stash[LEFT_OUT].append(collection_path.name)
    return True


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses a browser fixture; the fast lane also deselects `slow` tests."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
    if fast_lane(config):
        slow = [item for item in items if item.get_closest_marker("slow")]
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]
        config.stash[LEFT_OUT].append(f"{len(slow)} slow tests")


def pytest_report_header(config: pytest.Config) -> str | None:
    """The fast lane on several processes collects in them: say here what it leaves out."""
    workers = getattr(config.option, "numprocesses", None)
    if not (fast_lane(config) and workers) or hasattr(config, "workerinput"):
        return None
    modules = sorted(p.name for p in Path(__file__).parent.glob("test_*.py")
                     if browser_only(p))
    return (f"fast lane on {workers} processes (-n 0: one): leaves out {', '.join(modules)} "
            "(not imported) and the slow tests; `pytest` runs everything, "
            "`pytest -m slow` the slow tests")


def pytest_report_collectionfinish(config: pytest.Config) -> str | None:
    """Say what the fast lane left out, and how to run it."""
    if not fast_lane(config) or not config.stash[LEFT_OUT]:
        return None
    left_out = dict.fromkeys(config.stash[LEFT_OUT])  # a module is met once per argument naming it
    return (f"fast lane: left out {', '.join(left_out)} (browser-only modules are "
            "not imported); `pytest` runs everything, `pytest -m slow` the slow tests")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Launch /usr/bin/chromium headless with the flags from shared/NOTES-LMS.md."""
    from playwright.sync_api import sync_playwright
    from support.browser import chromium_args

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=chromium_args()
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """Return a fresh browser context (own cookies and storage), closed after the test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """Return a new page in the test's fresh context."""
    return context.new_page()
