"""The facilitator pack in a real Chromium: no sideways scroll on a phone, axe clean, screenshots,
and the printed PDFs (A4 portrait; the dilemma cards four to a sheet)."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from builder.build import BuildOptions, build
from builder.cards import MAX_CARD_TEXT
from builder.load import load_course
from builder.targets.facilitator import BLUEPRINT_PAGE, CARDS_PER_SHEET, PAGES
from support.axe import format_violations, run_axe
from support.browser import screenshots
from support.paths import artifacts_dir
from support.pdf import pdf_page_count, pdf_text, render_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
COURSE = ROOT / "course_src"
MINI = Path(__file__).parent / "courses" / "mini"
WIDTHS = (360, 1280)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The article course's facilitator pack, built once with its PDFs."""
    dist = tmp_path_factory.mktemp("dist")
    result = build(COURSE, dist, BuildOptions(targets=("facilitator",), pdf=True))
    # course.yaml keeps the placeholders a centre fills in (organisation, signatory, authors)
    assert [d.format() for d in result.diagnostics if d.code != "placeholder"] == []
    return dist / "pemimpin-asn-digital-facilitator"


@pytest.fixture()
def tab(browser: Browser) -> Iterator[Page]:
    """A fresh page, closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


def pdf_size(path: Path) -> str:
    """The page size poppler reports, e.g. `595.92 x 842.88 pts (A4)`."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    found = re.search(r"Page size:\s+(.*)", info)
    return found[1] if found else ""


@pytest.mark.parametrize("name", PAGES + (BLUEPRINT_PAGE,))
def test_no_page_scrolls_sideways_at_360_and_each_is_shot(pack: Path, tab: Page,
                                                         name: str) -> None:
    tab.goto((pack / name).as_uri())
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 800})
        wide = tab.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{name} is {wide} px wide at {width} px"
        too_wide = tab.evaluate("""w => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > w + 0.5)
            .map(e => e.tagName + '.' + e.className)""", width)
        assert not too_wide, f"{name} at {width} px: {too_wide[:5]}"
    for shot in screenshots(tab, f"facilitator-{name.removesuffix('.html')}", WIDTHS):
        assert shot.stat().st_size > 0


@pytest.mark.parametrize("name", PAGES + (BLUEPRINT_PAGE,))
def test_every_page_is_axe_clean_on_a_phone_and_a_desktop(pack: Path, tab: Page,
                                                          name: str) -> None:
    tab.goto((pack / name).as_uri())
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 800})
        violations = run_axe(tab.main_frame)
        assert not violations, f"{name} at {width} px:\n{format_violations(violations)}"


def test_every_page_prints_to_a4_portrait(pack: Path) -> None:
    for name in PAGES:
        pdf = pack / name.replace(".html", ".pdf")
        assert pdf_page_count(pdf.read_bytes()) >= 1, name
        size = pdf_size(pdf)
        width, height = (float(v) for v in re.findall(r"[\d.]+", size)[:2])
        assert "A4" in size and width < height, (name, size)


def test_the_cards_print_four_to_an_a4_sheet_each_card_on_its_own_sheet(pack: Path) -> None:
    course, _ = load_course(COURSE)
    assert course is not None
    cards = [c for m in course.modules if m.notes for c in m.notes.cards]
    assert 4 <= len(cards) <= 6
    pdf = pack / "kartu-dilema.pdf"
    sheets = math.ceil(len(cards) / CARDS_PER_SHEET)
    assert pdf_page_count(pdf.read_bytes()) == sheets
    for number, card in enumerate(cards):
        text = pdf_text(pdf, number // CARDS_PER_SHEET + 1)
        assert card.title in text, (card.title, number)
        assert card.question.split()[-1] in text, card.title
    first = pdf_text(pdf, 1)
    assert "Paket Fasilitator" not in first and "Cetak halaman ini" not in first
    shots = render_pages(pdf, artifacts_dir() / "facilitator-kartu-dilema-pdf", 1, sheets)
    assert shots is None or len(shots) == sheets


def worst_card_course(root: Path) -> Path:
    """The mini course with one card as long as a card may be: a two-line title, 460 characters."""
    course = root / "mini"
    shutil.copytree(MINI, course)
    notes = course / "modules" / "01-pengantar.facilitator.md"
    text = notes.read_text("utf-8")
    title = "Judul kartu yang cukup panjang untuk mengisi dua baris judul"
    situation = ("Kepala seksi itu masih ragu karena datanya belum lengkap dan laporan bulanan "
                 "belum terbit. ") * 5
    question = "Apa yang Anda lakukan hari ini, siapa yang Anda ajak, dan data apa yang Anda pakai?"
    situation = situation[:MAX_CARD_TEXT - len(title) - len(question)].strip()
    card = f"### {title}\n\n**Situasi:** {situation}\n\n**Pertanyaan:** {question}\n"
    assert len(title) + len(situation) + len(question) >= MAX_CARD_TEXT - 1
    notes.write_text(text[:text.index("## Kartu dilema")] + "## Kartu dilema\n\n" + card, "utf-8")
    return course


@pytest.mark.parametrize("course", ["article", "longest card"])
def test_no_printed_card_cuts_its_text(pack: Path, tab: Page, tmp_path: Path, course: str) -> None:
    folder = pack
    if course == "longest card":
        result = build(worst_card_course(tmp_path), tmp_path / "dist",
                       BuildOptions(targets=("facilitator",)))
        assert not result.diagnostics, [d.format() for d in result.diagnostics]
        folder = tmp_path / "dist" / "kursus-mini-facilitator"
    tab.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 px per inch
    tab.goto((folder / "kartu-dilema.html").as_uri())
    tab.emulate_media(media="print")
    cut = tab.evaluate("""() => [...document.querySelectorAll('.card')]
        .filter(c => c.scrollHeight > c.clientHeight + 1).map(c => c.id)""")
    assert cut == []
    heights = tab.evaluate("() => [...document.querySelectorAll('.card')].map(c => c.offsetHeight)")
    assert len(set(heights)) == 1 and heights[0] > 450  # 130 mm cards, all alike
