"""The quick reading of plain HTML (render.plain_elements) finds what html.parser finds, or gives up."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from builder.build import build
from builder.assets import srcset_candidates
from builder.render import (CSS_LOAD, LOADING_ATTRIBUTES, Element, ElementList, elements_of,
                            loads_from_network, may_load_css, network_references,
                            plain_elements)

MINI = Path(__file__).parent / "courses" / "mini"

# Pieces that plain HTML is made of, and the ones where parsers part ways.
PIECES = [
    "<", ">", "/", "/>", '"', "'", "=", "==", " ", "\t", "\n", "\v", "\xa0", "a", "img", "IMG",
    "src", "SRC", "srcset", "href", "data-x", "x:y", "script", "style", "title", "textarea",
    "</", "<!--", "-->", "--", "--!>", "<!doctype html>", "<?x?>", "&amp;", "&#104;", "&", "`",
    "<a ", "<img src=", "<script>", "</script>", "</ script>", "</SCRIPT >", "<style>",
    "</style>", ' src="//x"', " alt='q'", " src=a/", " b", "text", "<link", " href=//h/s.css",
    " srcset='a.png 1x, https://h/b.png 2x'", " poster=http:p", "<video", " DATA=ws://w",
]


def parsed(html: str) -> list[Element]:
    """html.parser's reading, as elements_of read every fragment before plain_elements."""
    parser = ElementList()
    parser.feed(html)
    parser.close()
    return parser.elements


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_plain_html_reads_as_html_parser_reads_it(html: str) -> None:
    quick = plain_elements(html)
    assert quick is None or quick == parsed(html)
    assert elements_of(html) == parsed(html)


def test_what_parsers_read_differently_goes_to_html_parser() -> None:
    for html in ('<img src=x\vonerror=y>', "<a href='x'b=c>", "<script/>", "<!--->",
                 "<img src==x>", "<script>x</ script>y</script>", "<p a=b<c>"):
        assert plain_elements(html) is None, html


def test_built_pages_are_read_quickly_and_alike(tmp_path: Path) -> None:
    build(MINI, tmp_path / "dist")
    pages = sorted((tmp_path / "dist").rglob("*.html"))
    assert len(pages) >= 7
    for page in pages:
        text = page.read_text("utf-8")
        quick = plain_elements(text)
        assert quick is not None, page.name
        assert quick == parsed(text) and len(quick) > 10


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_network_references_are_those_html_parser_finds(html: str) -> None:
    found = []
    for tag, attrs in parsed(html):
        for attr, value in attrs:
            if attr == "srcset":
                found += [url for url, _ in srcset_candidates(value)]
            elif attr in LOADING_ATTRIBUTES or (tag == "link" and attr == "href"):
                found.append(value)
    expected = sorted({url for url in found if loads_from_network(url)})
    assert network_references("page.html", html.encode()) == expected


CSS_PIECES = ["url(", "URL(", "uRl(", "u", "rl(", "url", "(", "@", "@import", "@IMPORT ", "@ımport ",
              "@İmport ", " ", "'", '"', "//h/x", "http://h/y", ")", ";", "ſ", "K", "a", "\n"]


@given(st.lists(st.sampled_from(CSS_PIECES), max_size=20).map("".join))
def test_a_text_where_css_can_load_something_is_searched(text: str) -> None:
    if CSS_LOAD.search(text):
        assert may_load_css(text)
