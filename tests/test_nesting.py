"""The quick verdict on how deeply a text nests (nesting.shallow) never hides a text too deep."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builder.nesting import MAX_NESTING, deepest_line, shallow, too_deep

# Pieces that open or close levels: indentation, quote and list markers (a Unicode digit is a
# digit too), brackets, tags, fences; and plain text between them.
PIECES = [" ", "  ", "\t", ">", "> ", "- ", "* ", "+ ", "1. ", "9) ", "\u0663. ", "-", "1.", "[", "]",
          "\\[", "<b>", "</b>", "<br>", "<i/>", "```", "\n", "\n\n", "x", "text ", "\r", "\xa0"]


@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_a_shallow_text_has_no_line_too_deep(text: str) -> None:
    if shallow(text):
        assert deepest_line(text) is None
    assert too_deep(text) == (None if len(text) <= MAX_NESTING else deepest_line(text))


@given(st.integers(0, 40), st.sampled_from(["\t", "  ", "> ", "- ", "\t- ", "1. "]))
def test_deep_indentation_and_markers_are_read_line_by_line(count: int, piece: str) -> None:
    text = "A first line, long enough to be read.\n" + piece * count + "x"
    assert len(text) > MAX_NESTING
    assert too_deep(text) == deepest_line(text)


def test_the_boundary_of_indentation() -> None:
    first = "A first line, long enough to be read.\n"
    at_limit = first + "\t" * (MAX_NESTING // 2) + "x"  # 64 columns: 32 levels
    assert shallow(at_limit) and too_deep(at_limit) is None
    assert too_deep(first + "\t" * (MAX_NESTING // 2) + "- x") == 1
    assert too_deep(first + "[" * (MAX_NESTING + 1) + "x") == 1
    assert too_deep(first + "<b>" * (MAX_NESTING + 1)) == 1
