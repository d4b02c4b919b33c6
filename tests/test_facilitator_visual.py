"""The facilitator pack in a real Chromium: no sideways scroll on a phone, axe clean, screenshots,
and the printed PDFs (A4 portrait; the dilemma cards four to a sheet)."""

from __future__ import annotations

import html
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
from builder.pdf import find_browser, print_pdf
from builder.targets.facilitator import BLUEPRINT_PAGE, CARDS_PER_SHEET, pack_files
from support.axe import format_violations, run_axe
from support.browser import screenshots
from support.paths import artifacts_dir
from support.pdf import pdf_page_count, pdf_text, render_pages, text_depth

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
COURSE = ROOT / "course_src"
MINI = Path(__file__).parent / "courses" / "mini"
WIDTHS = (360, 1280)
PAGES = tuple(pack_files("id").pages.values())  # the files of the article (Indonesian) pack


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
    for name in (*PAGES, BLUEPRINT_PAGE):
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


def printed_lines(pdf: Path, page: int) -> list[str]:
    """The non-empty lines of one printed page, in reading order, whitespace collapsed."""
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def headings(page_html: str) -> list[str]:
    """The visible text of every heading and lead-in line of a page (h2, h3, a bold-only line)."""
    found = re.findall(r"<h[23][^>]*>(.*?)</h[23]>|<p[^>]*><strong>([^<]*)</strong></p>"
                       r'|<p class="grid-pool">([^<]*)</p>', page_html, re.S)
    texts = [" ".join(re.sub(r"<[^>]+>", " ", a or b or c).split()) for a, b, c in found]
    return [html.unescape(t) for t in texts if t]


def stranded(pdf: Path, page_html: str) -> list[tuple[int, str]]:
    """Pages that end with a heading or lead-in line whose text follows on the next page."""
    marks = set(headings(page_html))
    pages = pdf_page_count(pdf.read_bytes())
    return [(n, lines[-1]) for n in range(1, pages)
            if (lines := printed_lines(pdf, n)) and lines[-1] in marks]


def test_the_session_plan_prints_compactly_and_keeps_headings_whole_with_their_text(
        pack: Path) -> None:
    pdf, page_html = pack / "rencana-sesi.pdf", (pack / "rencana-sesi.html").read_text("utf-8")
    pages = pdf_page_count(pdf.read_bytes())
    assert pages <= 12, pages  # 14 with a forced page per module
    words = [len(" ".join(printed_lines(pdf, n)).split()) for n in range(1, pages + 1)]
    assert min(words) >= 60, words  # no page holds only a stray list or three lines
    assert stranded(pdf, page_html) == []
    module_titles = [h for h in headings(page_html) if re.match(r"Modul \d: .*\(\d+ menit\)$", h)]
    assert len(module_titles) == 4
    for title in module_titles:  # each heading on one page, never split over two
        assert any(title in " ".join(printed_lines(pdf, n)) for n in range(1, pages + 1)), title
    first = printed_lines(pdf, 1)  # the narrow opening and closing are numbered above the bar
    caption = first.index("Alur waktu sesi: 7 blok, 90 menit (skala dalam menit)")
    assert first[caption + 1:caption + 3] == ["1", "7"], first[caption:caption + 4]
    for n in range(1, pages + 1):  # the dilemma-card list stays with its heading
        lines = printed_lines(pdf, n)
        for i, line in enumerate(lines):
            if line == "Kartu dilema":
                assert i + 1 < len(lines) and lines[i + 1].startswith("Kartu "), (n, lines[-3:])
    shots = render_pages(pdf, artifacts_dir() / "facilitator-rencana-sesi-pdf", 1, pages)
    assert shots is None or len(shots) == pages


def test_the_answer_key_keeps_each_pool_heading_with_its_questions(pack: Path) -> None:
    pdf = pack / "kunci-jawaban.pdf"
    page_html = (pack / "kunci-jawaban.html").read_text("utf-8")
    assert sum(h.startswith("Kumpulan soal ") for h in headings(page_html)) == 10
    assert stranded(pdf, page_html) == []


def test_the_handout_keeps_every_heading_and_lead_in_with_its_first_block(pack: Path) -> None:
    pdf = pack / "bahan-peserta.pdf"
    page_html = (pack / "bahan-peserta.html").read_text("utf-8")
    assert "Setelah modul ini, Anda dapat:" in headings(page_html)
    assert stranded(pdf, page_html) == []
    pages = pdf_page_count(pdf.read_bytes())
    assert pages <= 3, pages  # 4 when the reflection sheet was forced onto a page of its own
    # no page but the last ends early: the sheet follows on when the page holds it whole
    depths = [round(text_depth(pdf, n), 2) for n in range(1, pages + 1)]
    assert min(depths[:-1]) >= 0.8 and depths[-1] >= 0.5, depths
    sheet = [n for n in range(1, pages + 1) if "Lembar refleksi" in pdf_text(pdf, n)]
    assert len(sheet) == 1 and "Tanggal:" in pdf_text(pdf, sheet[0])  # the sheet is never split
    assert "Lisensi CC BY 4.0" in pdf_text(pdf, 1)  # the credit line stands in for the footer


def test_the_blueprint_prints_whole_header_words_and_no_near_empty_last_page(
        pack: Path, tmp_path: Path) -> None:
    browser = find_browser()
    assert browser is not None
    pdf = tmp_path / "kisi-kisi.pdf"
    assert print_pdf(browser, pack / BLUEPRINT_PAGE, pdf)
    pages = pdf_page_count(pdf.read_bytes())
    words = [" ".join(printed_lines(pdf, n)).split() for n in range(1, pages + 1)]
    assert pages <= 5 and min(len(w) for w in words) >= 60, [len(w) for w in words]
    tokens = {token for page in words for token in page}
    assert {"Modul", "Tujuan", "Jumlah", "Kunci", "Soal"} <= tokens
    assert not tokens & {"Mo", "dul", "Ju", "mla", "Tuju", "Ku", "nci"}  # no header split mid-word
    shots = render_pages(pdf, artifacts_dir() / "facilitator-kisi-kisi-pdf", 1, pages)
    assert shots is None or len(shots) == pages
