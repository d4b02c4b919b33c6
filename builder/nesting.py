"""How deeply a Markdown text nests: the renderer recurses and slows down with every level.

Python-Markdown recurses once per level of nested lists and quotes (2,000 levels took 94 s and
ended in RecursionError) and is quadratic in nested `[` brackets and HTML elements, so a text
deeper than MAX_NESTING is refused before it is rendered. Real course text nests a few levels.
"""

from __future__ import annotations

import re

MAX_NESTING = 32
FENCE = re.compile(r"^\s*(```|~~~)")
# One block marker at the start of a line: a quote `>`, or a list bullet or number then a space.
BLOCK_MARKER = re.compile(r"(?:>|(?:[-*+]|\d{1,9}[.)])(?=\s|$))[ \t]*")
BRACKET = re.compile(r"\\.|[\[\]]")
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*?(/?)>")
# A line's block depth is at most two per character of its leading run of white space and marker
# characters (a tab is four columns of indentation, two levels; a marker is one level): a line
# can only open more than MAX_NESTING levels if it starts with a run at least this long.
DEEP_LINE_START = re.compile(rf"^[ \t>*+\-.)\d]{{{MAX_NESTING // 2 + 1}}}", re.MULTILINE)
VOID_TAGS = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                       "source", "track", "wbr"))


def block_depth(line: str) -> int:
    """Levels of list and quote nesting a line opens: its indentation and its leading markers."""
    expanded = line.expandtabs(4)
    rest = expanded.lstrip(" ")
    depth = (len(expanded) - len(rest)) // 2
    while depth <= MAX_NESTING:
        marker = BLOCK_MARKER.match(rest)
        if marker is None:
            break
        depth += 1
        rest = rest[marker.end():]
    return depth


def bracket_depth(line: str, depth: int) -> tuple[int, int]:
    """The bracket depth after a line, and the deepest it reached, starting from `depth`."""
    deepest = depth
    for match in BRACKET.finditer(line):
        if match[0] == "[":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_NESTING:
                break
        elif match[0] == "]":
            depth = max(depth - 1, 0)
    return depth, deepest


def tag_depth(line: str, depth: int) -> tuple[int, int]:
    """The HTML element depth after a line, and the deepest it reached, starting from `depth`."""
    deepest = depth
    for match in TAG.finditer(line):
        closing, name, self_closing = match.groups()
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name.lower() not in VOID_TAGS:
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_NESTING:
                break
    return depth, deepest


def shallow(text: str) -> bool:
    """True when a text cannot nest deeper than MAX_NESTING, told without reading it line by line:
    at most MAX_NESTING `[` and `<`, and no line starting with a run of indentation and markers
    long enough to open that many levels. Every real course text is shallow."""
    return (text.count("[") <= MAX_NESTING and text.count("<") <= MAX_NESTING
            and DEEP_LINE_START.search(text) is None)


def too_deep(text: str) -> int | None:
    """The 0-based index of the first line nested deeper than MAX_NESTING, or None."""
    return None if len(text) <= MAX_NESTING or shallow(text) else deepest_line(text)


def deepest_line(text: str) -> int | None:
    """`too_deep` read line by line: the first line nested deeper than MAX_NESTING, or None."""
    in_fence = False
    brackets = tags = 0
    for index, line in enumerate(text.split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not line.strip():
            brackets = 0  # a blank line ends the paragraph, and any open link text with it
            continue
        brackets, deepest_bracket = bracket_depth(line, brackets)
        tags, deepest_tag = tag_depth(line, tags)
        if max(block_depth(line), deepest_bracket, deepest_tag) > MAX_NESTING:
            return index
    return None
