"""The results page and the final's resume as a learner meets them, in Chromium, on the offline
edition of the article course with its own settings (pools drawn per attempt, shuffled, one
question per screen, a submit with a summary, three attempts, bands).

Covers: the bars per module count every question the attempt drew (unanswered ones earn nothing);
the score card keeps its text beside the gauge from the second attempt on (band message and last
attempt's score), at 360 and 1280 px and printed (at most two A4 pages); the drafts notice goes
once the attempt is submitted; a one-per-screen final reopens where the learner left it.
Correct answers come from the source, never from the package.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from support.paths import artifacts_dir
from support.pdf import pdf_page_count

from builder.build import build
from builder.load import load_course
from builder.options import BuildOptions

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
LEARNER = "Siti Rahmawati"
WAIT_MS = 15_000  # a cap on waiting on a busy machine, never a timing assertion


@dataclass(frozen=True)
class Built:
    """The offline edition of the article course and its answer key (from the source)."""

    index: Path
    right: dict[str, tuple[str, ...]]  # question id -> correct choice ids


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """course_src built as it is (its own quiz settings) for the offline target."""
    dist = tmp_path_factory.mktemp("results") / "dist"
    result = build(ROOT / "course_src", dist, BuildOptions(targets=("offline",)))
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    course, _ = load_course(ROOT / "course_src")
    assert course is not None
    right = {q.id: q.correct_ids for quiz in course.quizzes for q in quiz.questions}
    return Built(next(dist.glob("*-offline")) / "index.html", right)


@pytest.fixture
def page_at(browser: Browser) -> Iterator[Any]:
    """Opens a fresh page (own storage) at a width; closed after the test."""
    contexts = []

    def open_page(width: int) -> Page:
        context = browser.new_context(viewport={"width": width, "height": 800})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def enter(page: Page, built: Built, resume: bool = False) -> None:
    """Opens the course and starts (or continues) as LEARNER."""
    page.goto(built.index.as_uri())
    expect(page.locator("#cp-start")).to_be_visible()
    page.fill("#cp-name", LEARNER)
    page.click("#cp-start-go")
    if resume:
        page.click("#cp-continue")
    expect(page.locator("#cp-app")).to_have_attribute("data-state", "course", timeout=WAIT_MS)


def data(page: Page) -> dict[str, Any]:
    """The runtime data the page carries."""
    found: dict[str, Any] = page.evaluate("JSON.parse(document.getElementById('cp-data').textContent)")
    return found


def shown_question(page: Page, final: str) -> str:
    """The key of the one final question on screen."""
    keys: list[str] = page.eval_on_selector_all(
        f'[data-qlist="{final}"] form[data-question]',
        "fs => fs.filter(f => !f.hidden).map(f => f.dataset.question)")
    assert len(keys) == 1, keys
    return keys[0]


def play(page: Page, built: Built, plan: str) -> list[str]:
    """Walks the final one question per screen: per question "r" right, "w" wrong, "s" skipped
    (a question arranged by its widget is always skipped); stops at the plan's end. Returns the
    keys met, in order."""
    d = data(page)
    final = d["finalId"]
    page.evaluate("id => CoursePack.app.go(id)", final)
    met: list[str] = []
    for i, what in enumerate(plan):
        key = shown_question(page, final)
        met.append(key)
        q = d["questions"][key]
        if what != "s" and q["type"] in ("single", "multiple", "truefalse"):
            right = built.right[q["id"]]
            picked = right if what == "r" else (next(c for c in q["choices"] if c not in right),)
            for choice in picked:
                page.click(f'[id="q-{key}-{choice}"]')
        if i < len(plan) - 1:
            page.click(f'section[data-screen="{final}"] [data-qstep="1"]')
    return met


def submit(page: Page) -> None:
    """Submit, confirm in the summary and wait for the results."""
    page.click("[data-submit]")
    page.click("[data-summary] [data-confirm]")
    expect(page.locator("#cp-results")).to_be_visible(timeout=WAIT_MS)


def bars(page: Page) -> list[tuple[str, int]]:
    """(label, questions counted) per bar of the chart, read from its words."""
    said = page.get_attribute("#cp-chart svg", "aria-label") or ""
    rows = said.split(". ")[1].split("; ")
    out = []
    for row in rows:
        label, _, value = row.rpartition(": ")
        counted = re.search(r"(\d+) · \d+%$", value)
        assert counted, row
        out.append((label, int(counted[1])))
    return out


def test_module_bars_count_every_question_drawn_unanswered_ones_too(page_at: Any, built: Built) -> None:
    page = page_at(1280)
    enter(page, built)
    met = play(page, built, "rrrsssrrrrwwwwwwwwww")
    submit(page)
    d = data(page)
    drawn: list[str] = page.eval_on_selector_all("[data-review]:not([hidden])", "ls => ls.map(l => l.dataset.review)")
    assert sorted(drawn) == sorted(met) and len(drawn) == 20
    per_module: dict[str, int] = {}
    for key in drawn:
        module = d["questions"][key]["module"]
        per_module[module] = per_module.get(module, 0) + 1
    shown = bars(page)
    assert sum(n for _, n in shown) == 20, shown
    labels = {m["id"]: f"Modul {m['n']}: {m['title']}" for m in d["modules"]}
    assert dict(shown) == {labels[m]: n for m, n in per_module.items()}, shown


def card_geometry(page: Page) -> dict[str, Any]:
    """Where the score card's gauge and its text rows are."""
    found: dict[str, Any] = page.evaluate("""() => {
        const card = document.querySelector('.cp-scorecard'), g = document.getElementById('cp-gauge');
        const rows = [...card.querySelectorAll('p, #cp-band')].filter(e => e.offsetParent && e.getBoundingClientRect().height);
        const box = (e) => { const r = e.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom}; };
        return {card: box(card), gauge: box(g), rows: rows.map(e => Object.assign(box(e), {text: e.textContent.slice(0, 40)}))};
    }""")
    return found


@pytest.mark.parametrize("width", [360, 1280])
def test_the_score_card_keeps_its_text_readable_beside_and_below_the_gauge(
        page_at: Any, built: Built, width: int) -> None:
    """At 1280 px every line sits beside the ring; on a phone only the score and the status do,
    and the other lines take the card's whole width (beside the ring they broke every few words:
    "Nilai minimal kelulusan: / 70.")."""
    page = page_at(width)
    enter(page, built)
    play(page, built, "rrrrrrrrwwwwwwwwwwww")
    submit(page)
    page.click("#cp-retake")
    play(page, built, "r" * 20)
    submit(page)
    expect(page.locator("#cp-band")).to_be_visible()
    expect(page.locator("#cp-attempt-score")).to_be_visible()
    geo = card_geometry(page)
    gauge, card = geo["gauge"], geo["card"]
    beside = geo["rows"] if width > 480 else geo["rows"][:2]
    assert [r["text"][:6] for r in geo["rows"][:2]] == ["Nilai ", "Status"], geo
    for row in beside:
        assert row["l"] >= gauge["r"] - 0.5, f"{row['text']!r} sits in the gauge's column: {geo}"
    # the text column takes the room beside the gauge, not a word or two per line
    assert card["r"] - min(r["l"] for r in beside) >= 0.55 * (card["r"] - card["l"]), geo
    for row in geo["rows"][len(beside):]:  # a phone: below the ring, the card's width
        assert row["t"] >= gauge["b"] - 0.5 and row["l"] <= gauge["l"] + 0.5, (row, geo)
    labels_whole(page, own_line=True)
    page.evaluate("window.print = () => {}")
    page.emulate_media(media="print")
    labels_whole(page, own_line=False)  # the printed page is wide: label and value share a line
    pdf = artifacts_dir() / f"results-two-attempts-{width}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    assert pdf_page_count(pdf.read_bytes()) <= 2, f"see {pdf}"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    titles = [f"Modul {m['n']}: {m['title']}" for m in data(page)["modules"]]
    assert all(t in text for t in titles), (titles, text)
    page.emulate_media(media="screen")


def labels_whole(page: Page, own_line: bool) -> None:
    """Each bar's module label is whole (no ellipsis); when `own_line`, above its value, not beside it."""
    rows: list[dict[str, Any]] = page.evaluate("""() => {
        const texts = [...document.querySelectorAll('#cp-chart svg text')];
        const labels = texts.filter(t => !t.classList.length), values = texts.filter(t => t.classList.contains('cp-chart-v'));
        return labels.map((l, i) => ({label: l.textContent, bottom: l.getBBox().y + l.getBBox().height,
                                      top: values[i].getBBox().y}));
    }""")
    modules = [f"Modul {m['n']}: {m['title']}" for m in data(page)["modules"]]
    assert [r["label"] for r in rows] == modules, rows
    for row in rows:
        assert not own_line or row["bottom"] <= row["top"] + 0.5, row


def test_a_one_per_screen_final_reopens_where_the_learner_left_and_the_drafts_notice_goes_on_submit(
        page_at: Any, built: Built) -> None:
    page = page_at(360)
    enter(page, built)
    met = play(page, built, "rrrrrr")
    answered = [k for k in met if data(page)["questions"][k]["type"] in ("single", "multiple", "truefalse")]
    page.reload()
    enter(page, built, resume=True)
    d = data(page)
    expect(page.locator("#cp-app")).to_have_attribute("data-current", d["finalId"])
    # drafts are back, and the screen shows the first question without one (here the 7th)
    text: dict[str, str] = page.evaluate("JSON.parse(document.getElementById('cp-text').textContent)")
    notice = text["draftsBack"].replace("{n}", str(len(answered)))
    expect(page.locator("#cp-status")).to_have_text(notice)
    first_open = next(i for i, k in enumerate(met) if k not in answered) if len(answered) < 6 else 6
    expect(page.locator(f'section[data-screen="{d["finalId"]}"] [data-qpos]')).to_have_text(
        re.compile(rf"\b{first_open + 1}\b.*\b20\b"))
    assert shown_question(page, d["finalId"]) not in answered
    submit(page)
    expect(page.locator("#cp-status")).not_to_have_text(notice)
    assert page.inner_text("#cp-status").strip() == ""


def test_the_printed_plan_names_the_learner_the_course_and_the_date(page_at: Any, built: Built) -> None:
    page = page_at(360)
    page.clock.set_fixed_time(dt.datetime(2026, 12, 2, 9, 30))
    enter(page, built)
    screen = next(s["id"] for s in data(page)["screens"] if s["kind"] == "reflection")
    page.evaluate("id => CoursePack.app.go(id)", screen)
    section = page.locator(f'section[data-screen="{screen}"]')
    plan = "Besok pagi saya mengajak tim membaca data antrean layanan minggu lalu."
    section.locator("textarea").last.fill(plan)
    page.evaluate("window.print = () => {}")  # the print dialog itself is the browser's
    section.locator("[data-print-plan]").click()
    page.emulate_media(media="print")
    pdf = artifacts_dir() / "plan-with-name.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    assert pdf_page_count(pdf.read_bytes()) == 1, f"see {pdf}"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for words in (plan, "Pemimpin ASN di Era Digital", f"Peserta: {LEARNER}", "2 Desember 2026"):
        assert words in text, (words, text)
