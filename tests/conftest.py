"""Shared pytest fixtures: one headless Debian Chromium per session, a fresh page per test.

Every test that drives Chromium is marked `browser`, and the few exhaustive ones (every failure
at every step, the fuzzers, a zip bomb, a wheel build) `slow`, so the fast lane
`pytest -m "not browser and not slow"` skips them. Tests that take the browser fixtures are
marked here; tests that start Chromium another way (PDF printing, their own launch) carry the
mark themselves. Playwright is imported only when a browser fixture is used, so the fast lane
does not pay for it.

Hypothesis runs a property test with the examples its profile gives (tests that need a count of
their own set it): "full" (300) whenever the browser tests run too and on CI (the CI variable
set), "fast" (10) in the fast lane elsewhere; `--hypothesis-profile NAME` chooses one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

BROWSER_FIXTURES = frozenset({"browser", "context", "page"})
FAST_LANE = "not browser"

settings.register_profile("full", max_examples=300, deadline=None)
settings.register_profile("fast", max_examples=10, deadline=None)


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker of the slow lane; fewer Hypothesis examples in the fast lane."""
    config.addinivalue_line("markers", "browser: drives a real Chromium (skipped by the fast lane)")
    config.addinivalue_line("markers", "slow: an exhaustive enumeration, fuzzer or whole-tool run "
                            "(skipped by the fast lane)")
    if not config.getoption("hypothesis_profile", None):
        fast = FAST_LANE in (config.option.markexpr or "") and not os.environ.get("CI")
        settings.load_profile("fast" if fast else "full")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a browser fixture, directly or through another fixture."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


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
