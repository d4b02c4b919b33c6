"""Small PDF helpers for print tests: count pages from the bytes, render or read pages with poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

# A page object is `/Type /Page`; the page tree's nodes are `/Type /Pages` (the \b rules those out).
_PAGE = re.compile(rb"/Type\s*/Page\b")


def pdf_page_count(pdf: bytes) -> int:
    """Count the page objects of a PDF (Chromium writes them uncompressed, outside object streams)."""
    if not pdf.startswith(b"%PDF-"):
        raise ValueError("not a PDF")
    return len(_PAGE.findall(pdf))


def render_pages(
    pdf: Path, prefix: Path, first: int = 1, last: int = 1, dpi: int = 60
) -> list[Path] | None:
    """Render pages first..last to PNG files `<prefix>-<n>.png` with pdftoppm; None when it is missing."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    for old in prefix.parent.glob(prefix.name + "-*.png"):
        old.unlink()
    subprocess.run(
        [tool, "-png", "-r", str(dpi), "-f", str(first), "-l", str(last), str(pdf), str(prefix)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))


def page_text(pdf: Path, page: int) -> str | None:
    """The text of one page (1-based) with pdftotext; None when it is missing."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    done = subprocess.run(
        [tool, "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return done.stdout.decode("utf-8", "replace")


def pdf_text(pdf: Path, page: int | None = None, collapse: bool = True) -> str:
    """The text of a PDF, or of one page (1-based), in reading order (pdftotext without -layout);
    whitespace collapsed to single spaces unless `collapse` is False."""
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    text = subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    return " ".join(text.split()) if collapse else text


def text_depth(pdf: Path, page: int) -> float:
    """How far down one page (1-based) its text reaches, as a fraction of the page's height: the
    bottom of its lowest word (pdftotext -bbox); 0 for a page without text."""
    box = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    height = re.search(r'<page width="[\d.]+" height="([\d.]+)"', box)
    bottoms = [float(y) for y in re.findall(r'<word [^>]*yMax="([\d.]+)"', box)]
    return max(bottoms) / float(height[1]) if height and bottoms else 0.0
