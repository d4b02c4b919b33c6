"""Chromium launch flags and screenshots."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from support.paths import artifacts_dir


def chromium_args() -> list[str]:
    """Return the flags Debian's Chromium needs on this machine (see shared/NOTES-LMS.md)."""
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]


def screenshot(page: Page, name: str, width: int, height: int = 800, full_page: bool = True) -> Path:
    """Resize the viewport to `width` and save tests/artifacts/<name>-<width>.png."""
    page.set_viewport_size({"width": width, "height": height})
    path = artifacts_dir() / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def screenshots(page: Page, name: str, widths: tuple[int, ...] = (360, 1280)) -> list[Path]:
    """Save one screenshot per width (phone 360, desktop 1280 by default)."""
    return [screenshot(page, name, width) for width in widths]
