"""Full-length screenshots of a SCO that an LMS page shows in a fixed-height iframe."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Frame, Page

from support.paths import artifacts_dir

_GROW = """([selector, height]) => {
  const frame = document.querySelector(selector);
  frame.style.height = height === null ? "" : height + "px";
}"""


def sco_screenshots(
    page: Page,
    frame: Frame,
    name: str,
    widths: tuple[int, ...] = (360, 1280),
    iframe_selector: str = "iframe#sco",
    height: int = 800,
) -> list[Path]:
    """Save tests/artifacts/<name>-<width>.png showing the whole SCO document at each width.

    The LMS page's iframe is one viewport high, so a plain full-page screenshot shows only the
    top of the SCO. For each width this resizes the viewport, grows the iframe to the SCO's
    scroll height, takes a full-page screenshot, then puts the iframe and viewport back
    (1280 x `height`).
    """
    paths: list[Path] = []
    try:
        for width in widths:
            page.set_viewport_size({"width": width, "height": height})
            page.evaluate(_GROW, [iframe_selector, None])
            grown = height
            for _ in range(20):  # layouts in vh units grow with the frame: repeat until it fits
                full = int(frame.evaluate("() => document.documentElement.scrollHeight"))
                if full <= grown:
                    break
                grown = full
                page.evaluate(_GROW, [iframe_selector, grown])
            path = artifacts_dir() / f"{name}-{width}.png"
            page.screenshot(path=str(path), full_page=True)
            paths.append(path)
    finally:
        page.evaluate(_GROW, [iframe_selector, None])
        page.set_viewport_size({"width": 1280, "height": height})
    return paths
