"""PDF copies of the facilitator pack, printed by a local headless Chromium (no network).

Optional: `coursepack build --pdf`. Where no Chromium is installed the build says so and goes on.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-pdf-header-footer")


def find_browser() -> str | None:
    """The path of a Chromium-family browser, if one is installed."""
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def print_pdf(browser: str, page: Path, target: Path, timeout: float = 60) -> bool:
    """Print one HTML file to PDF (A4 comes from the page's @page rule). True on success."""
    with tempfile.TemporaryDirectory(prefix="coursepack-pdf-") as profile:
        result = subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}",
             page.resolve().as_uri()],
            capture_output=True, timeout=timeout, check=False)
    return result.returncode == 0 and target.is_file() and target.read_bytes()[:5] == b"%PDF-"


def print_folder(folder: Path, pages: tuple[str, ...]) -> list[str]:
    """PDF next to each listed HTML page of a folder; returns the PDFs made ([] without a browser)."""
    browser = find_browser()
    if browser is None:
        return []
    made = []
    for page in pages:
        target = folder / Path(page).with_suffix(".pdf").name
        if print_pdf(browser, folder / page, target):
            made.append(target.name)
    return made
