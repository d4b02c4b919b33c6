"""Visual tests: every learner screen of the offline edition and every facilitator page, at 360 and
1280 px, compared with reviewed reference images in tests/visual/; no sideways scroll at 360 px and
axe clean on each learner screen; the results page and the certificate printed to PDF.

The references are small on purpose: each screenshot (its first MAX_HEIGHT CSS pixels) is scaled to
a third of its size and mapped onto a fixed palette of the theme's colours and greys (`thumbnail`),
and the comparison reads those thumbnails. Two thumbnails match when at most TOLERANCE of their
pixels differ by more than CHANNEL_DELTA in a colour channel (font anti-aliasing moves a few
pixels; a changed layout moves thousands). After a deliberate change, `make references`
(COURSEPACK_UPDATE_REFERENCES=1) writes the thumbnails again; review them in the diff before
committing. A failure names the reference, the actual thumbnail and a diff image (changed pixels in
red) under tests/artifacts/visual/.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Page, expect

from builder.build import build
from builder.options import BuildOptions
from builder.load import load_course
from builder.targets.facilitator import pack_files
from support.axe import format_violations, run_axe
from support.played import one_by_one
from support.paths import artifacts_dir
from support.pdf import pdf_page_count, pdf_text

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "course_src"
REFERENCES = Path(__file__).resolve().parent / "visual"
WIDTHS = (360, 1280)
UPDATE = os.environ.get("COURSEPACK_UPDATE_REFERENCES") == "1"
SCALE = 1 / 3  # thumbnails are a third of the screenshot's size
MAX_HEIGHT = 6000  # CSS pixels of a page that are compared (the answer key runs to 33,000)
# The fixed palette: 16 greys and the colours of the theme, its feedback and its diagrams.
PALETTE = [(v, v, v) for v in range(0, 256, 17)] + [
    (0x0B, 0x55, 0x95), (0x08, 0x3D, 0x6B), (0xE3, 0xED, 0xF7), (0xF6, 0xB7, 0x3C),
    (0x16, 0x65, 0x34), (0xE7, 0xF5, 0xEC), (0xA3, 0x20, 0x1A), (0xFC, 0xEB, 0xEA),
    (0x7A, 0x48, 0x00), (0xFF, 0xF3, 0xD1), (0xF3, 0xF6, 0xF9), (0xFF, 0xF8, 0xE8),
    (0x3D, 0x7E, 0xB8), (0x9B, 0xBF, 0xE0), (0x6B, 0x9A, 0x4B), (0xC9, 0x7B, 0x2B)]
CHANNEL_DELTA = 48  # a pixel differs when a channel moves by more than this
TOLERANCE = 0.004  # at most 0.4 % of the pixels may differ
LEARNER = "Siti Rahmawati"
NOW = dt.datetime(2026, 12, 2, 9, 30)  # the page's clock: the certificate's date and number


def palette() -> Image.Image:
    """PALETTE as a palette image for `quantize`."""
    image = Image.new("P", (1, 1))
    flat = [c for rgb in PALETTE for c in rgb]
    image.putpalette(flat + flat[:3] * (256 - len(PALETTE)))
    return image


def thumbnail(png: bytes) -> Image.Image:
    """A screenshot as the references keep it: a third of its size, on the fixed palette."""
    image = Image.open(BytesIO(png)).convert("RGB")
    size = (max(1, round(image.width * SCALE)), max(1, round(image.height * SCALE)))
    small = image.resize(size, Image.Resampling.BOX)
    return small.quantize(palette=palette(), dither=Image.Dither.NONE).convert("RGB")


def difference(expected: Image.Image, actual: Image.Image) -> tuple[float, Image.Image]:
    """The share of pixels that differ (sizes padded to the larger one) and a diff image."""
    size = (max(expected.width, actual.width), max(expected.height, actual.height))
    canvas = [Image.new("RGB", size, "white") for _ in range(2)]
    canvas[0].paste(expected)
    canvas[1].paste(actual)
    delta = ImageChops.difference(canvas[0], canvas[1])
    mask = Image.eval(delta, lambda v: 255 if v > CHANNEL_DELTA else 0).convert("L")
    mask = mask.point(lambda v: 255 if v else 0)
    changed = mask.histogram()[255]
    diff = Image.blend(canvas[1], Image.new("RGB", size, "white"), 0.7)
    diff.paste(Image.new("RGB", size, (220, 0, 0)), mask=mask)
    return changed / (size[0] * size[1]), diff


def compare(png: bytes, name: str) -> str:
    """Compares a screenshot with tests/visual/<name>.png; "" when it matches, else why not."""
    actual = thumbnail(png)
    reference = REFERENCES / f"{name}.png"
    if UPDATE:
        REFERENCES.mkdir(exist_ok=True)
        actual.quantize(palette=palette(), dither=Image.Dither.NONE).save(reference, optimize=True)
        return ""
    out = artifacts_dir() / "visual"
    out.mkdir(exist_ok=True)
    actual.save(out / f"{name}-actual.png")
    if not reference.is_file():
        return f"{name}: no reference {reference} (run `make references` and review it)"
    share, diff = difference(Image.open(reference).convert("RGB"), actual)
    if share <= TOLERANCE:
        return ""
    diff.save(out / f"{name}-diff.png")
    return (f"{name}: {share:.2%} of the pixels differ (tolerance {TOLERANCE:.1%}); "
            f"reference {reference}, actual {out / f'{name}-actual.png'}, diff {out / f'{name}-diff.png'}")


def shoot(page: Page) -> bytes:
    """The page's first MAX_HEIGHT pixels, with the pointer out of the way (no hover)."""
    page.mouse.move(0, 0)
    page.evaluate("window.scrollTo(0, 0)")  # sticky and fixed bars sit at the top of the shot
    width, height = page.evaluate("[document.documentElement.clientWidth, "
                                  "document.documentElement.scrollHeight]")
    return page.screenshot(full_page=True, animations="disabled", caret="hide",
                           clip={"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT)})


def sideways(page: Page, width: int) -> str:
    """"" when nothing is wider than the viewport, else what is."""
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide <= width:
        return ""
    culprits = page.evaluate("""w => [...document.querySelectorAll('body *')]
        .filter(e => e.offsetParent && e.getBoundingClientRect().right > w + 0.5)
        .slice(0, 5).map(e => e.tagName + '.' + e.className)""", width)
    return f"{wide} px wide at {width} px: {culprits}"


@dataclass(frozen=True)
class Built:
    """The offline edition and the facilitator pack of the article course, built once."""

    offline: Path
    facilitator: Path
    right: dict[str, tuple[str, ...]]  # question id -> its correct choice ids


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Builds the two editions the visual tests open, from the article course on a fixed paper
    played one question at a time (support/played.py): the same screens on every run. The attempt
    screens (one question per screen, the summary, the retake) are shot and axe-checked in
    test_attempts_e2e.py."""
    work = tmp_path_factory.mktemp("visual")
    source = one_by_one(COURSE, work)
    dist = work / "dist"
    result = build(source, dist, BuildOptions(targets=("offline", "facilitator")))
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    course, _ = load_course(source)
    assert course is not None
    right = {q.id: q.correct_ids for quiz in course.quizzes for q in quiz.questions}
    return Built(next(dist.glob("*-offline")), next(dist.glob("*-facilitator")), right)


@pytest.fixture(scope="module")
def learner_pages(browser: Browser) -> Iterator[dict[int, Page]]:
    """One page per width, each in its own context (its own storage), reused by the tests."""
    contexts = [browser.new_context(viewport={"width": w, "height": 800}) for w in WIDTHS]
    pages = {w: c.new_page() for w, c in zip(WIDTHS, contexts, strict=True)}
    for page in pages.values():
        page.clock.set_fixed_time(NOW)
    yield pages
    for c in contexts:
        c.close()


def answer(page: Page, section: str, right: dict[str, tuple[str, ...]], data: dict[str, Any],
           final: bool) -> None:
    """Answers a quiz: the final all right but its last question, a knowledge check its first
    option each time (so both verdicts and both kinds of feedback are on the screens)."""
    forms = page.locator(f'section[data-screen="{section}"] form[data-question]').all()
    for number, form in enumerate(forms, start=1):
        key = form.get_attribute("data-question") or ""
        question = data["questions"][key]
        if final and number < len(forms):
            for choice in right[question["id"]]:
                form.locator(f'input[value="{choice}"]').check()
        else:
            form.locator("input").first.check()
        form.locator(".cp-check").click()


def walk(page: Page, built: Built, width: int) -> list[str]:
    """Every learner screen in order: shot, compared, checked for sideways scroll and by axe."""
    problems: list[str] = []
    looks: set[str] = set()

    def check(name: str) -> None:
        problems.extend(p for p in (compare(shoot(page), f"learner-{name}-{width}"),
                                    sideways(page, width)) if p)
        # axe once per kind of screen and part of the look (every screen: test_offline_e2e.py)
        look = page.evaluate("""() => { const s = document.querySelector(
            '#cp-start:not([hidden]), section[data-screen]:not([hidden])');
            return s.dataset.kind + ['.cp-cover', '.cp-opener', '.cp-persona', '.cpd']
                .filter(c => s.querySelector(c)).join(''); }""")
        if look in looks:
            return
        looks.add(look)
        violations = run_axe(page.main_frame)
        if violations:
            problems.append(f"{name} at {width} px:\n{format_violations(violations)}")

    page.goto((built.offline / "index.html").as_uri())
    expect(page.locator("#cp-start")).to_be_visible()
    check("start")
    page.fill("#cp-name", LEARNER)
    page.click("#cp-start-go")
    expect(page.locator("#cp-app")).to_have_attribute("data-state", "course")
    data: dict[str, Any] = page.evaluate("JSON.parse(document.getElementById('cp-data').textContent)")
    for screen in data["screens"]:
        page.evaluate("id => CoursePack.app.go(id)", screen["id"])
        if screen["kind"] == "quiz":
            answer(page, screen["id"], built.right, data, screen["module"] is None)
        if screen["kind"] == "results":
            page.fill("#cp-nip", "198501012010011001")
            page.fill("#cp-agency", "Dinas Penanaman Modal Kota Contoh")
        check(screen["id"])
    if width == 360:  # the contents panel opened from the top bar
        page.evaluate("id => CoursePack.app.go(id)", data["screens"][1]["id"])
        page.click("#cp-toc-box summary")
        problems.extend(p for p in (compare(page.screenshot(), f"learner-contents-{width}"),) if p)
        page.keyboard.press("Escape")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
def test_every_learner_screen_matches_its_reference(built: Built, learner_pages: dict[int, Page],
                                                    width: int) -> None:
    problems = walk(learner_pages[width], built, width)
    assert not problems, "\n".join(problems)


def test_the_phone_top_bar_is_at_most_64_px_and_opens_the_contents(
        built: Built, learner_pages: dict[int, Page]) -> None:
    page = learner_pages[360]
    if page.url == "about:blank":
        walk(page, built, 360)
    page.evaluate("CoursePack.app.go(document.querySelector('[data-screen]').dataset.screen)")
    top = page.evaluate("""() => Math.max(...['.cp-header', '#cp-toc summary'].map(
        s => document.querySelector(s).getBoundingClientRect().bottom))""")
    assert top <= 64, f"the top bar and the contents button end at {top} px"
    start = page.evaluate("document.querySelector('#cp-main h1').getBoundingClientRect().top")
    assert start < 200, f"the first heading starts at {start} px"
    page.click("#cp-toc-box summary")
    expect(page.locator("#cp-toc a[data-goto]").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#cp-toc a[data-goto]").first).to_be_hidden()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_contents_show_the_current_screen(built: Built, learner_pages: dict[int, Page],
                                              width: int) -> None:
    """On the final, the last screens of a long course: the side column (1280 px) or the opened
    list (360 px) is scrolled so that the current entry is in view."""
    page = learner_pages[width]
    if page.url == "about:blank":
        walk(page, built, width)
    last = page.evaluate("""() => [...document.querySelectorAll('section[data-screen]')]
        .map(s => s.dataset.screen).at(-2)""")
    page.evaluate("id => CoursePack.app.go(id)", page.evaluate(
        "document.querySelector('[data-screen]').dataset.screen"))
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate("id => CoursePack.app.go(id)", last)
    if width < 960:
        page.click("#cp-toc-box summary")
    current = page.locator('#cp-toc a[aria-current="page"]')
    expect(current).to_have_attribute("data-goto", last)
    inside = page.evaluate("""a => {
        const r = a.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight }""",
        current.element_handle())
    assert inside, f"the current entry is out of view at {width} px"
    if width < 960:
        page.keyboard.press("Escape")


def test_option_cards_are_full_width_at_360(built: Built, learner_pages: dict[int, Page]) -> None:
    page = learner_pages[360]
    if page.url == "about:blank":
        walk(page, built, 360)
    page.evaluate("CoursePack.app.go(document.querySelector('section[data-kind=quiz]').dataset.screen)")
    card, text = page.evaluate("""() => {
        const s = document.querySelector('section[data-kind=quiz]:not([hidden])');
        const c = s.querySelector('.cp-choice:not(:has(:checked))');
        return [c.getBoundingClientRect().width,
                c.querySelector('.cp-choice-text').getBoundingClientRect().width]}""")
    assert card >= 320, f"an option card is {card} px wide at 360 px"
    assert text >= 260, f"an option's text has {text} px at 360 px (239 px before the look)"


def pdf_size(pdf: Path) -> tuple[float, float]:
    """The first page's width and height in points, as poppler reads them."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert found, info
    return float(found[1]), float(found[2])


@contextmanager
def printing(page: Page) -> Iterator[Path]:
    """The page in print media while the block runs, then on screen again with no print mode set;
    yields the folder the PDFs go to (tests/artifacts/visual)."""
    out = artifacts_dir() / "visual"
    out.mkdir(exist_ok=True)
    page.emulate_media(media="print")
    try:
        yield out
    finally:
        page.evaluate("delete document.documentElement.dataset.print")
        page.emulate_media(media="screen")


def test_results_print_on_two_a4_pages_and_the_certificate_on_one_landscape_sheet(
        built: Built, learner_pages: dict[int, Page]) -> None:
    page = learner_pages[1280]
    if page.url == "about:blank":
        walk(page, built, 1280)
    page.evaluate("CoursePack.app.go('hasil')")
    expect(page.locator("#cp-cert")).to_be_visible()
    expect(page.locator("#cp-cert-no")).to_have_text(re.compile(r"\b20261202-[0-9A-F]{4}-[0-9A-F]{4}$"))
    expect(page.locator("#cp-cert-nip")).to_contain_text("198501012010011001")
    with printing(page) as out:
        results = out / "results-print.pdf"
        results.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
        assert pdf_page_count(results.read_bytes()) == 2, f"see {results}"
        width, height = pdf_size(results)
        assert round(width) == 595 and round(height) == 842, (width, height)
        text = pdf_text(results, collapse=False)
        assert "Nilai Anda per modul" in text and "Diberikan kepada" not in text
        page.evaluate("document.documentElement.dataset.print = 'cert'")
        cert = out / "certificate-print.pdf"
        cert.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
        assert pdf_page_count(cert.read_bytes()) == 1, f"see {cert}"
        width, height = pdf_size(cert)
        assert round(width) == 842 and round(height) == 595, (width, height)
        text = pdf_text(cert)
        for words in (LEARNER, "198501012010011001", "Dinas Penanaman Modal Kota Contoh",
                      "Pemimpin ASN di Era Digital", "2 Desember 2026", "Diberikan kepada"):
            assert words in text, (words, text)
        png = subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(cert)],
                             capture_output=True, check=True).stdout
        problem = compare(png, "learner-certificate-print")
        assert not problem, problem


@pytest.fixture(scope="module")
def facilitator_page(browser: Browser) -> Iterator[Page]:
    """One page for the facilitator pack, resized per shot."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


def test_every_facilitator_page_matches_its_reference(built: Built, facilitator_page: Page) -> None:
    problems: list[str] = []
    for name in pack_files("id").pages.values():  # the article course is in Indonesian
        facilitator_page.goto((built.facilitator / name).as_uri())
        for width in WIDTHS:
            facilitator_page.set_viewport_size({"width": width, "height": 800})
            stem = name.removesuffix(".html")
            problems.extend(p for p in (compare(shoot(facilitator_page), f"facilitator-{stem}-{width}"),
                                        sideways(facilitator_page, width)) if p)
    assert not problems, "\n".join(problems)


def test_the_learners_plan_prints_alone_and_shows_on_the_results(
        built: Built, learner_pages: dict[int, Page]) -> None:
    """The "Langkah Kecil" reflection becomes a plan: printed alone from its screen (one A4 page,
    nothing else of the course), and shown with the results."""
    page = learner_pages[1280]
    if page.url == "about:blank":
        walk(page, built, 1280)
    screen = page.evaluate("""() => JSON.parse(document.getElementById('cp-data').textContent)
        .screens.find(s => s.kind === 'reflection').id""")
    page.evaluate("id => CoursePack.app.go(id)", screen)
    section = page.locator(f'section[data-screen="{screen}"]')
    plan = "Besok pagi saya mengajak tim membaca data antrean layanan minggu lalu."
    section.locator("textarea").last.fill(plan)
    section.locator('button[type="submit"]').click()
    page.evaluate("window.print = () => {}")  # the print dialog itself is the browser's
    section.locator("[data-print-plan]").click()
    assert page.evaluate("document.documentElement.dataset.print") == "plan"
    with printing(page) as out:
        pdf = out / "plan-print.pdf"
        pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
        assert pdf_page_count(pdf.read_bytes()) == 1, f"see {pdf}"
        text = pdf_text(pdf)
        assert plan in text and "Langkah Kecil" in text, text
        assert "Daftar isi" not in text and "Berikutnya" not in text, text
    page.evaluate("CoursePack.app.go('hasil')")
    expect(page.locator("#cp-plan")).to_be_visible()
    expect(page.locator("#cp-plan")).to_contain_text(plan)
