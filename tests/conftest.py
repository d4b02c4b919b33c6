"""Shared pytest fixtures: one headless Debian Chromium per session, a fresh page per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from support.browser import chromium_args


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Launch /usr/bin/chromium headless with the flags from shared/NOTES-LMS.md."""
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
