"""Diagrams written as text: every kind renders to accessible inline SVG, mistakes are located.

The mini course's second page holds one block of every kind (see tests/courses/mini). The
located errors of broken blocks are asserted to the letter by the diagnostics corpus
(tests/broken/diagram-*); here: what the built page contains, and how it looks in Chromium.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from builder.build import BuildOptions, build
from builder.diagrams import NARROW, WIDE, Fence, find_fences, wrap, text_width
from builder.render import MarkdownRenderer

HERE = Path(__file__).parent
MINI = HERE / "courses" / "mini"
PAGE = "halaman-kedua"
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini course's offline edition, built once for this file."""
    dist = tmp_path_factory.mktemp("diagrams") / "dist"
    build(MINI, dist, BuildOptions(targets=("offline",)))
    return dist / "kursus-mini-offline"


def page_section(folder: Path) -> lxml_html.HtmlElement:
    """The <section> of the page that holds the diagrams."""
    tree = lxml_html.fromstring((folder / "index.html").read_bytes())
    return tree.get_element_by_id(f"s-{PAGE}") if tree.xpath(f'//*[@id="s-{PAGE}"]') else next(
        s for s in tree.iter("section") if s.get("data-screen") == PAGE)


def test_every_kind_becomes_a_figure_with_a_wide_and_a_narrow_svg(offline: Path) -> None:
    tree = lxml_html.fromstring((offline / "index.html").read_bytes())
    figures = tree.xpath('//figure[contains(@class, "cpd ")]')
    assert [f.get("class").split()[1] for f in figures] == [
        "cpd-compare", "cpd-circles", "cpd-steps", "cpd-tiles"]
    ids = [e.get("id") for e in tree.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "an id is used twice in the page"
    for figure in figures:
        svgs = figure.xpath("./svg")
        assert [s.get("class") for s in svgs] == ["cpd-w", "cpd-n"]
        for svg in svgs:
            title_id, desc_id = svg.get("aria-labelledby").split()
            assert svg.get("role") == "img"
            assert svg.xpath(f'./title[@id="{title_id}"]') and svg.xpath(f'./desc[@id="{desc_id}"]')
            width = float(svg.get("viewbox").split()[2])
            assert width - 4 in (WIDE, NARROW)
            assert not svg.xpath(".//script|.//foreignobject|.//*[@href]|.//*[@xlink:href]",
                                 namespaces={"xlink": "http://www.w3.org/1999/xlink"})
            assert not [a for e in svg.iter() for a in e.attrib if a.startswith("on")]
        caption = figure.xpath("./figcaption")[0].text_content()
        assert caption == figure.xpath("./svg/title")[0].text_content()


def test_the_text_alternative_says_everything_the_picture_says(offline: Path) -> None:
    tree = lxml_html.fromstring((offline / "index.html").read_bytes())
    circles = tree.xpath('//figure[contains(@class, "cpd-circles")]/svg')[0]
    desc = circles.xpath("./desc")[0].text_content()
    for words in ("Kecakapan digital", "Membaca data", "Memakai SPBE", "Nilai yang tetap",
                  "Integritas", "Empati", "Pemimpin hibrida", "Keputusan cepat dan berintegritas"):
        assert words in desc
        assert words in " ".join(t.text_content() for t in circles.iter("tspan")), words
    steps = tree.xpath('//figure[contains(@class, "cpd-steps")]/svg/desc')[0].text_content()
    assert steps.startswith("1. Dulu: Laporan kertas tiap bulan. 2. Kini:")


def test_the_reveal_block_is_native_details_with_markdown_answers(offline: Path) -> None:
    tree = lxml_html.fromstring((offline / "index.html").read_bytes())
    reveal = tree.xpath('//section[@class="cpd-reveal"]')[0]
    assert reveal.xpath("./h3")[0].text_content() == "Uji pemahaman"
    summary = reveal.xpath("./details/summary")[0].text_content()
    assert summary == "Apakah nilai integritas ikut berubah di era digital?"
    assert reveal.xpath("./details/div/strong")[0].text_content() == "nilainya tetap"


def test_text_in_a_diagram_is_escaped_and_other_fences_are_left_alone() -> None:
    md = MarkdownRenderer()
    text = ("```steps\ntitle: A & B <script>alert(1)</script>\nsteps:\n"
            "  - label: <img src=x onerror=alert(1)>\n  - label: Dua\n```\n\n"
            "```python\nprint('x')\n```\n")
    out = str(md.block(text))
    assert "<script" not in out and "<img" not in out
    assert "A &amp; B &lt;script&gt;" in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "print(" in out  # a fence of another language is not a diagram


def test_blocks_are_found_by_their_fences_only() -> None:
    text = "Teks\n```compare\na: 1\n```\n~~~~tiles\nb: 2\n~~~~\n````\n```steps\n````\n"
    assert find_fences(text) == [Fence("compare", "a: 1", 1, 3), Fence("tiles", "b: 2", 4, 6)]
    assert find_fences("```reveal\ntitle: x\n") == [Fence("reveal", "title: x\n", 0, -1)]


def test_wrapping_keeps_every_word_and_breaks_only_too_long_words() -> None:
    text = "Kecepatan mengambil keputusan berbasis data layanan publik"
    lines = wrap(text, 120, 15)
    assert " ".join(lines) == text and len(lines) > 2
    assert all(text_width(line, 15) <= 120 for line in lines)
    long = wrap("Ketidakbertanggungjawaban", 60, 15)
    assert "".join(part.rstrip("-") for part in long) == "Ketidakbertanggungjawaban"


def test_diagrams_take_the_brand_colour(tmp_path: Path) -> None:
    course = tmp_path / "mini"
    shutil.copytree(MINI, course)
    yaml = course / "course.yaml"
    yaml.write_text(yaml.read_text("utf-8") + "brand:\n  primary_colour: '#5b2a86'\n", "utf-8")
    build(course, tmp_path / "dist", BuildOptions(targets=("offline",)))
    page = (tmp_path / "dist" / "kursus-mini-offline" / "index.html").read_text("utf-8")
    assert 'fill="#5b2a86"' in page and 'fill="#0b5595"' not in page


# ---------------------------------------------------------------- in Chromium

BOXES = """svg => {
  const rects = [...svg.querySelectorAll('rect')].map(r => r.getBBox());
  const [vx, vy, vw, vh] = svg.getAttribute('viewBox').split(' ').map(Number);
  const out = [];
  for (const t of svg.querySelectorAll('text')) {
    const b = t.getBBox();
    const inView = b.x >= vx - 1 && b.y >= vy - 1 && b.x + b.width <= vx + vw + 1
      && b.y + b.height <= vy + vh + 1;
    const x = Number(t.getAttribute('x')), y = Number(t.getAttribute('y'));
    const home = rects.filter(r => x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height)
      .sort((a, c) => a.width * a.height - c.width * c.height)[0];
    const inBox = !home || (b.x >= home.x && b.x + b.width <= home.x + home.width + 0.5
      && b.y + b.height <= home.y + home.height + 0.5);
    if (!inView || !inBox) out.push(t.textContent);
  }
  return out;
}"""


def open_page(page: object, folder: Path) -> None:
    """Start the course as a named learner and go forward to the diagrams page."""
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto((folder / "index.html").as_uri())
    page.locator("#cp-name").fill("Uji")
    page.locator("#cp-start-go").click()
    while page.locator("#cp-app").get_attribute("data-current") != PAGE:
        page.locator("#cp-next").click()
    expect(page.locator("#cp-app")).to_have_attribute("data-current", PAGE)


@pytest.mark.parametrize("width", [360, 1280])
def test_every_text_fits_its_box_and_the_page_does_not_scroll_sideways(
        page: object, offline: Path, width: int) -> None:
    from playwright.sync_api import Page

    from support.axe import run_axe
    from support.browser import screenshot

    assert isinstance(page, Page)
    page.set_viewport_size({"width": width, "height": 800})
    open_page(page, offline)
    shown = "cpd-w" if width == 1280 else "cpd-n"
    visible = page.locator(f"figure.cpd svg.{shown}")
    assert visible.count() == 4
    assert page.locator(f"figure.cpd svg:not(.{shown}):visible").count() == 0
    for n in range(4):
        assert visible.nth(n).evaluate(BOXES) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert run_axe(page.main_frame) == []
    screenshot(page, "diagrams", width)


def test_print_shows_the_wide_layout(page: object, offline: Path) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.set_viewport_size({"width": 360, "height": 800})
    open_page(page, offline)
    page.emulate_media(media="print")
    assert page.locator("figure.cpd svg.cpd-w:visible").count() == 4
    assert page.locator("figure.cpd svg.cpd-n:visible").count() == 0


def test_the_reveal_block_opens_with_the_keyboard(page: object, offline: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    open_page(page, offline)
    answer = page.locator(".cpd-reveal details div")
    expect(answer).to_be_hidden()
    page.locator(".cpd-reveal summary").focus()
    page.keyboard.press("Enter")
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("nilainya tetap")


def test_the_source_format_lists_every_icon_and_kind() -> None:
    from builder.diagrams import KINDS
    from builder.icons import icon_names

    doc = (HERE.parent / "docs" / "source-format.md").read_text("utf-8")
    listed = doc[doc.index("The icons, drawn"):].split(":", 1)[1].split(".")[0]
    assert tuple(name.strip(" `\n") for name in listed.split(",")) == icon_names()
    assert all(f"```{kind}" in doc for kind in KINDS)
