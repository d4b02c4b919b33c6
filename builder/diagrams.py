"""Diagrams written as text: fenced blocks in module Markdown that become inline SVG.

A block is a fence whose info string names a kind, with YAML inside:

    ```compare
    title: Ada yang berubah, ada yang tetap
    columns:
      - heading: Berubah
        items: [Cara kerja, Alat]
      - heading: Tetap
        items: [Integritas, Pelayanan]
    ```

Kinds: `compare` (two or three columns), `circles` (two overlapping circles with labelled parts),
`steps` (a sequence or timeline), `tiles` (icon, label and one line each) and `reveal` (questions
whose answers open on demand, as native <details>: keyboard and screen-reader ready, no script).

Every SVG has a <title> and a <desc> that says everything the picture says, real <text> in it,
the course's colours, and two layouts: a wide one (also used for print) and a narrow one for
phones, switched by CSS. Reading a block gives located diagnostics; rendering a block that read
cleanly cannot fail. Pure functions: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from markupsafe import Markup, escape
from msgspec import Struct

from .errors import Diagnostic, error
from .icons import ICONS, icon_group
from .model import Location
from .yamlsrc import Key, Located, Reader, parse_yaml

KINDS = ("compare", "circles", "steps", "tiles", "reveal")
OPENING = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*(?P<kind>[^`\s]*)")
LIMITS = {"columns": (2, 3), "items": (1, 8), "steps": (2, 6), "tiles": (2, 9),
          "questions": (1, 8)}
MAX_TEXT = 160  # characters in one label or line of a diagram: a figure is not a paragraph

WIDE, NARROW = 600, 340  # viewBox widths: drawn at about 1.3x in the 1280 px column, 1x on a phone
FONT = 15
DEFAULT_PRIMARY = "#0b5595"
FG, MUTED, LINE = "#1b1f24", "#4b5563", "#7b8794"
SECOND, THIRD = "#166534", "#8a4100"  # the other columns' colours: >= 4.5:1 under white text
SHARED = "#374151"  # what two circles share


# ------------------------------------------------------------------ the blocks in a text


class Fence(Struct, frozen=True):
    """A diagram block found in Markdown: its kind, YAML body and 0-based line span."""

    kind: str
    body: str
    start: int
    end: int  # the closing fence's line; -1 when the block is not closed


def closes(line: str, fence: str) -> bool:
    """True for a line that closes a fenced block opened by `fence`."""
    text = line.strip()
    return len(text) >= len(fence) and text == fence[0] * len(text)


def find_fences(markdown: str) -> list[Fence]:
    """Every diagram block of a Markdown text, in order (other fenced code is left alone)."""
    lines = markdown.split("\n")
    fences: list[Fence] = []
    i = 0
    while i < len(lines):
        match = OPENING.match(lines[i].rstrip())
        if match is None:
            i += 1
            continue
        fence = match["fence"]
        end = next((j for j in range(i + 1, len(lines)) if closes(lines[j], fence)), -1)
        if match["kind"] in KINDS and not lines[i][len(fence):].strip()[len(match["kind"]):]:
            body = "\n".join(lines[i + 1:end if end >= 0 else len(lines)])
            fences.append(Fence(match["kind"], body, i, end))
        i = (end if end >= 0 else len(lines)) + 1
    return fences


# ------------------------------------------------------------------ what a block says


class Group(Struct, frozen=True):
    """A heading with short items: a column, a circle's part."""

    heading: str
    items: tuple[str, ...]


class Entry(Struct, frozen=True):
    """A label with one line of text and an optional icon: a step, a tile, a question."""

    label: str
    text: str
    icon: str = ""


class Diagram(Struct, frozen=True):
    """One diagram block, read and checked."""

    kind: str
    title: str
    description: str
    groups: tuple[Group, ...] = ()  # compare: the columns; circles: left, right, both
    entries: tuple[Entry, ...] = ()  # steps, tiles, reveal


def read_fence(fence: Fence, path: str, first_line: int) -> tuple[Diagram | None, list[Diagnostic]]:
    """Read one block's YAML into a Diagram; every mistake is located in the module file."""
    where = Location(path, first_line + fence.start, 1)
    if fence.end < 0:
        return None, [error(where, "diagram-unclosed", kind=fence.kind)]
    doc, problems = parse_yaml(fence.body, path, first_line + fence.start)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, problems + [error(where, "diagram-not-mapping", kind=fence.kind)]
    diagram = READERS[fence.kind](doc, problems)
    return (None if problems else diagram), problems


def _reader(doc: Located, problems: list[Diagnostic], fields: tuple[str, ...], kind: str) -> Reader:
    reader = Reader(doc, (), problems, ("title", "description") + fields, f"'{kind}' diagram")
    reader.check_unknown()
    return reader


def _short(reader: Reader, name: str, required: bool = True) -> str:
    """A text field of a diagram, no longer than MAX_TEXT."""
    value = reader.text(name, required)
    if len(value) > MAX_TEXT:
        reader.diagnostics.append(error(reader.loc(name), "diagram-text-too-long", name=name,
                                        length=len(value), limit=MAX_TEXT))
    return value


def _count(reader: Reader, name: str, found: int, limit: str | None = None) -> None:
    low, high = LIMITS[limit or name]
    if found and not low <= found <= high:
        reader.diagnostics.append(error(reader.loc(name), "diagram-count", name=name,
                                        found=found, low=low, high=high))


def _short_texts(reader: Reader, name: str) -> tuple[str, ...]:
    items = reader.texts(name)
    _count(reader, name, len(items), "items")
    for i, item in enumerate(items):
        if len(item) > MAX_TEXT:
            reader.diagnostics.append(error(reader.doc.loc(reader.key + (name, i)),
                                            "diagram-text-too-long", name=name,
                                            length=len(item), limit=MAX_TEXT))
    return items


def _group(reader: Reader, key: Key, what: str, heading: str) -> Group:
    sub = reader.sub(key, (heading, "items"), what)
    return Group(_short(sub, heading), _short_texts(sub, "items"))


def _head(doc: Located, problems: list[Diagnostic], kind: str,
          fields: tuple[str, ...]) -> tuple[Reader, str, str]:
    reader = _reader(doc, problems, fields, kind)
    return reader, _short(reader, "title"), reader.text("description", required=False)


def read_compare(doc: Located, problems: list[Diagnostic]) -> Diagram:
    """Two or three columns, each a heading and short items."""
    reader, title, description = _head(doc, problems, "compare", ("columns",))
    keys = reader.items("columns")
    _count(reader, "columns", len(keys))
    groups = tuple(_group(reader, key, f"column {n}", "heading")
                   for n, key in enumerate(keys, start=1))
    return Diagram("compare", title, description, groups=groups)


def read_circles(doc: Located, problems: list[Diagnostic]) -> Diagram:
    """Two overlapping circles: the left part, the right part, and what both share."""
    reader, title, description = _head(doc, problems, "circles", ("left", "right", "both"))
    groups = []
    for name in ("left", "right", "both"):
        if name not in reader.mapping:
            problems.append(error(reader.loc(), "missing-field", what="'circles' diagram",
                                  name=name))
        elif not isinstance(reader.mapping[name], dict):
            problems.append(error(reader.loc(name), "not-a-mapping", what=name))
        else:
            groups.append(_group(reader, (name,), name, "label"))
    return Diagram("circles", title, description, groups=tuple(groups))


def _entries(reader: Reader, name: str, fields: tuple[str, str, str] | tuple[str, str],
             text_required: bool = True, text_short: bool = True) -> tuple[Entry, ...]:
    """The entries of a list field: `fields` are the label, the text and (tiles) the icon."""
    label, text = fields[0], fields[1]
    keys = reader.items(name)
    _count(reader, name, len(keys))
    entries = []
    for n, key in enumerate(keys, start=1):
        sub = reader.sub(key, fields, f"{name}[{n}]")
        icon = sub.text("icon", required=False) if "icon" in fields else ""
        if icon and icon not in ICONS:
            reader.diagnostics.append(error(sub.loc("icon"), "diagram-unknown-icon", icon=icon,
                                            icons=", ".join(sorted(ICONS))))
        body = (_short(sub, text, text_required) if text_short
                else sub.text(text, text_required))
        entries.append(Entry(_short(sub, label), body, icon))
    return tuple(entries)


def read_steps(doc: Located, problems: list[Diagnostic]) -> Diagram:
    """Two to six steps in order, each a label and an optional line."""
    reader, title, description = _head(doc, problems, "steps", ("steps",))
    entries = _entries(reader, "steps", ("label", "text"), text_required=False)
    return Diagram("steps", title, description, entries=entries)


def read_tiles(doc: Located, problems: list[Diagnostic]) -> Diagram:
    """Tiles: an icon from the built-in set, a label and one line."""
    reader, title, description = _head(doc, problems, "tiles", ("tiles",))
    entries = _entries(reader, "tiles", ("label", "text", "icon"))
    return Diagram("tiles", title, description, entries=entries)


def read_reveal(doc: Located, problems: list[Diagnostic]) -> Diagram:
    """Self-check questions whose answers the learner opens."""
    reader, title, description = _head(doc, problems, "reveal", ("questions",))
    entries = _entries(reader, "questions", ("question", "answer"), text_short=False)
    return Diagram("reveal", title, description, entries=entries)


READERS: dict[str, Callable[[Located, list[Diagnostic]], Diagram]] = {
    "compare": read_compare, "circles": read_circles, "steps": read_steps, "tiles": read_tiles,
    "reveal": read_reveal,
}


def check_markdown(markdown: str, path: str, first_line: int) -> list[Diagnostic]:
    """The diagnostics of every diagram block in a Markdown text."""
    return [d for fence in find_fences(markdown) for d in read_fence(fence, path, first_line)[1]]


# ------------------------------------------------------------------ measuring text

# The width of the characters that are narrower or wider than most, in ems; any other character
# is 0.74 in upper case, else 0.61.
CHAR_WIDTHS = dict.fromkeys("ijlI.,:;'|!", 0.3) | dict.fromkeys("ftr()[]- /", 0.4) | dict.fromkeys(
    "mw", 0.92) | dict.fromkeys("MW", 1.0) | dict.fromkeys("0123456789", 0.64)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """An upper estimate of a text's width in a sans-serif face, in SVG units."""
    total = 0.0
    for char in text:
        width = CHAR_WIDTHS.get(char)
        total += width if width is not None else 0.74 if char.isupper() else 0.61
    return total * size * (1.08 if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break a text into lines no wider than `width` (a word too long for a line is split)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while text_width(word, size, bold) > width:  # a very long word: break it
            cut = max(1, next((n for n in range(len(word), 0, -1)
                               if text_width(word[:n] + "-", size, bold) <= width), 1))
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut] + "-")
            word = word[cut:]
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


# ------------------------------------------------------------------ drawing


class Palette(Struct, frozen=True):
    """The colours of a diagram, from the course's brand colour."""

    primary: str = DEFAULT_PRIMARY

    def column(self, n: int) -> str:
        """The strong colour of the n-th column or part (white text on it is >= 4.5:1)."""
        return (self.primary, SECOND, THIRD)[n % 3]

    @staticmethod
    def soft(colour: str, amount: float = 0.88) -> str:
        """A colour mixed with white: a light fill under dark text."""
        parts = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return "#" + "".join(f"{round(p + (255 - p) * amount):02x}" for p in parts)


class Canvas:
    """SVG elements in a list, with the height they reach."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.bottom = 0.0

    def add(self, markup: str, bottom: float = 0.0) -> None:
        """Add an element that reaches down to `bottom`."""
        self.parts.append(markup)
        self.bottom = max(self.bottom, bottom)

    def rect(self, x: float, y: float, w: float, h: float, fill: str, stroke: str = "none",
             radius: float = 8) -> None:
        """A rounded rectangle."""
        self.add(f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="{radius:g}" '
                 f'fill="{fill}" stroke="{stroke}"/>', y + h)

    def text(self, lines: list[str], x: float, y: float, size: float = FONT, colour: str = FG,
             bold: bool = False, anchor: str = "start") -> float:
        """Lines of text whose first baseline is at y; returns the y below the last line."""
        step = size * 1.3
        spans = "".join(f'<tspan x="{x:g}" dy="{0 if n == 0 else step:g}">{escape(line)}</tspan>'
                        for n, line in enumerate(lines))
        weight = ' font-weight="700"' if bold else ""
        self.add(f'<text x="{x:g}" y="{y:g}" font-size="{size:g}" fill="{colour}"'
                 f'{weight} text-anchor="{anchor}">{spans}</text>', y + step * (len(lines) - 1) + 6)
        return y + step * len(lines)


def text_height(lines: int, size: float = FONT) -> float:
    """The height that `lines` lines of text take."""
    return lines * size * 1.3


def draw_groups(diagram: Diagram, width: int, palette: Palette, columns: int,
                colours: tuple[str, ...] = (), canvas: Canvas | None = None,
                top: float = 0.0) -> Canvas:
    """Columns of a heading band and items from `top` down; `columns` per row (1 stacks them)."""
    canvas = canvas or Canvas()
    gap = 16
    col_w = (width - gap * (columns - 1)) / columns
    y = top
    for row_start in range(0, len(diagram.groups), columns):
        row = diagram.groups[row_start:row_start + columns]
        heads = [wrap(g.heading, col_w - 28, FONT + 2, bold=True) for g in row]
        head_h = text_height(max(len(h) for h in heads), FONT + 2) + 18
        items = [[wrap(item, col_w - 44, FONT) for item in g.items] for g in row]
        body_h = max(sum(text_height(len(i)) + 10 for i in group) for group in items) + 14
        for n, group in enumerate(row):
            colour = (colours or tuple(palette.column(i) for i in range(len(diagram.groups))))[
                row_start + n]
            x = n * (col_w + gap)
            canvas.rect(x, y, col_w, head_h + body_h, Palette.soft(colour), colour)
            canvas.rect(x, y, col_w, head_h, colour)
            canvas.text(heads[n], x + 14, y + 9 + FONT + 2 - 3, FONT + 2, "#ffffff", bold=True)
            item_y = y + head_h + 14 + FONT - 3
            for lines in items[n]:
                canvas.add(f'<circle cx="{x + 20:g}" cy="{item_y - 5:g}" r="4" fill="{colour}"/>')
                item_y = canvas.text(lines, x + 34, item_y) + 10
        y += head_h + body_h + gap
    return canvas


def draw_compare(diagram: Diagram, width: int, palette: Palette) -> Canvas:
    """Side by side when wide, one under another when narrow."""
    return draw_groups(diagram, width, palette, len(diagram.groups) if width == WIDE else 1)


def draw_circles(diagram: Diagram, width: int, palette: Palette) -> Canvas:
    """Two overlapping circles with the three parts named; items inside (wide) or below (narrow)."""
    left, right, both = diagram.groups
    canvas = Canvas()
    r = width / 3.2
    d = 1.2 * r
    size = FONT if width == WIDE else FONT - 1
    heads = [wrap(group.heading, r * 1.1, size, True) for group in (left, right)]
    cy = text_height(max(len(h) for h in heads), size) + 12 + r
    c1, c2 = width / 2 - d / 2, width / 2 + d / 2
    first, second = palette.column(0), palette.column(1)
    for cx, colour in ((c1, first), (c2, second)):
        canvas.add(f'<circle cx="{cx:g}" cy="{cy:g}" r="{r:g}" fill="{colour}" '
                   f'fill-opacity=".12" stroke="{colour}" stroke-width="2"/>', cy + r)
    for lines, cx, colour in ((heads[0], c1 - r * 0.35, first), (heads[1], c2 + r * 0.35, second)):
        canvas.text(lines, cx, size, size, colour, True, "middle")
    if width == WIDE:
        for group, cx, room in ((left, c1 - r * 0.42, r * 0.95), (right, c2 + r * 0.42, r * 0.95),
                                (both, width / 2, r * 0.7)):
            lines = ([] if group is not both else wrap(group.heading, room, size, True) + [""]) + [
                line for item in group.items for line in wrap(item, room, size - 1)]
            top = cy - text_height(len(lines), size - 1) / 2 + size
            canvas.text(lines[:1], cx, top, size - 1, FG, group is both, "middle")
            if len(lines) > 1:
                canvas.text(lines[1:], cx, top + text_height(1, size - 1), size - 1, FG,
                            anchor="middle")
        return canvas
    canvas.text(wrap(both.heading, r * 0.7, size - 1, True), width / 2, cy + 4, size - 1, FG,
                True, "middle")
    listed = Diagram("compare", diagram.title, "", groups=(left, right, both))
    return draw_groups(listed, width, palette, 1, (first, second, SHARED), canvas, cy + r + 20)


def draw_steps(diagram: Diagram, width: int, palette: Palette) -> Canvas:
    """Numbered steps: a row joined by arrows when wide, a vertical line when narrow."""
    canvas = Canvas()
    colour = palette.column(0)
    steps = diagram.entries
    if width == WIDE and len(steps) <= 4:
        gap = 36
        box_w = (width - gap * (len(steps) - 1)) / len(steps)
        labels = [wrap(s.label, box_w - 24, FONT, True) for s in steps]
        texts = [wrap(s.text, box_w - 24, FONT - 1) if s.text else [] for s in steps]
        label_h = text_height(max(len(lab) for lab in labels))
        box_h = 56 + label_h + text_height(max(len(t) for t in texts), FONT - 1) + 12
        for n, step in enumerate(steps):
            x = n * (box_w + gap)
            canvas.rect(x, 0, box_w, box_h, Palette.soft(colour), colour)
            canvas.add(f'<circle cx="{x + 26:g}" cy="26" r="15" fill="{colour}"/>')
            canvas.text([str(n + 1)], x + 26, 31, FONT, "#ffffff", True, "middle")
            canvas.text(labels[n], x + 12, 66, FONT, FG, True)
            if texts[n]:
                canvas.text(texts[n], x + 12, 66 + label_h + 4, FONT - 1, FG)
            if n < len(steps) - 1:
                ax, ay = x + box_w + 6, box_h / 2
                canvas.add(f'<path d="M{ax:g} {ay:g}h{gap - 14:g}m-7-7l7 7-7 7" fill="none" '
                           f'stroke="{MUTED}" stroke-width="2.5" stroke-linecap="round" '
                           f'stroke-linejoin="round"/>')
        return canvas
    y = 0.0
    text_x = 56
    for n, step in enumerate(steps):
        label = wrap(step.label, width - text_x - 8, FONT, True)
        text = wrap(step.text, width - text_x - 8, FONT - 1) if step.text else []
        height = max(text_height(len(label)) + text_height(len(text), FONT - 1) + 22, 52)
        if n < len(steps) - 1:
            canvas.add(f'<path d="M22 {y + 38:g}V{y + height + 4:g}" stroke="{LINE}" '
                       f'stroke-width="2"/>')
        canvas.add(f'<circle cx="22" cy="{y + 20:g}" r="16" fill="{colour}"/>')
        canvas.text([str(n + 1)], 22, y + 25, FONT, "#ffffff", True, "middle")
        below = canvas.text(label, text_x, y + 18, FONT, FG, True)
        if text:
            canvas.text(text, text_x, below + 2, FONT - 1, FG)
        y += height
    return canvas


def draw_tiles(diagram: Diagram, width: int, palette: Palette) -> Canvas:
    """A grid of tiles (3 or 4 a row) when wide; icon-left rows when narrow."""
    canvas = Canvas()
    colour = palette.column(0)
    tiles = diagram.entries
    gap = 12
    per_row = (4 if len(tiles) in (4, 7, 8) or len(tiles) > 9 else 3) if width == WIDE else 1
    tile_w = (width - gap * (per_row - 1)) / per_row
    y = 0.0
    for row_start in range(0, len(tiles), per_row):
        row = tiles[row_start:row_start + per_row]
        if per_row > 1:
            labels = [wrap(t.label, tile_w - 24, FONT, True) for t in row]
            texts = [wrap(t.text, tile_w - 24, FONT - 2) if t.text else [] for t in row]
            height = (58 + text_height(max(len(lab) for lab in labels))
                      + text_height(max(len(t) for t in texts), FONT - 2) + 10)
            for n, tile in enumerate(row):
                x = n * (tile_w + gap)
                canvas.rect(x, y, tile_w, height, Palette.soft(colour, 0.92), colour)
                if tile.icon:
                    canvas.add(icon_group(tile.icon, x + 12, y + 12, 32, colour))
                below = canvas.text(labels[n], x + 12, y + 64, FONT, FG, True)
                if texts[n]:
                    canvas.text(texts[n], x + 12, below + 2, FONT - 2, MUTED)
        else:
            tile = row[0]
            label = wrap(tile.label, width - 72, FONT, True)
            text = wrap(tile.text, width - 72, FONT - 1) if tile.text else []
            height = max(text_height(len(label)) + text_height(len(text), FONT - 1) + 24, 60)
            canvas.rect(0, y, width, height, Palette.soft(colour, 0.92), colour)
            if tile.icon:
                canvas.add(icon_group(tile.icon, 12, y + 14, 32, colour))
            below = canvas.text(label, 60, y + 22, FONT, FG, True)
            if text:
                canvas.text(text, 60, below + 1, FONT - 1, MUTED)
        y += height + gap
    return canvas


DRAW: dict[str, Callable[[Diagram, int, Palette], Canvas]] = {
    "compare": draw_compare, "circles": draw_circles, "steps": draw_steps, "tiles": draw_tiles,
}


def describe(diagram: Diagram) -> str:
    """The text alternative: the author's description, else everything the picture says."""
    if diagram.description:
        return diagram.description
    if diagram.kind == "circles":
        left, right, both = diagram.groups
        parts = [f"{left.heading}: {', '.join(left.items)}.", f"{right.heading}: {', '.join(right.items)}.",
                 f"{both.heading} ({left.heading} + {right.heading}): {', '.join(both.items)}."]
        return " ".join(parts)
    if diagram.groups:
        return " ".join(f"{g.heading}: {', '.join(g.items)}." for g in diagram.groups)
    return " ".join(f"{n}. {e.label}{': ' + e.text if e.text else ''}."
                    for n, e in enumerate(diagram.entries, start=1))


def svg(diagram: Diagram, width: int, ident: str, palette: Palette) -> str:
    """One layout of a diagram as an <svg> element with its title and description."""
    canvas = DRAW[diagram.kind](diagram, width, palette)
    height = int(canvas.bottom + 4)
    return (f'<svg class="cpd-{"w" if width == WIDE else "n"}" viewBox="-2 -2 {width + 4} '
            f'{height + 4}" width="{width + 4}" height="{height + 4}" role="img" '
            f'aria-labelledby="{ident}-t {ident}-d" font-family="inherit">'
            f'<title id="{ident}-t">{escape(diagram.title)}</title>'
            f'<desc id="{ident}-d">{escape(describe(diagram))}</desc>{"".join(canvas.parts)}</svg>')


def render(diagram: Diagram, ident: str, palette: Palette,
           inline: Callable[[str], Markup]) -> Markup:
    """A diagram as HTML: a figure with its wide and narrow SVG, or a reveal block."""
    if diagram.kind == "reveal":
        items = "".join(f"<details><summary>{escape(e.label)}</summary>"
                        f"<div>{inline(e.text)}</div></details>" for e in diagram.entries)
        return Markup(f'<section class="cpd-reveal" aria-labelledby="{ident}-t">'
                      f'<h3 id="{ident}-t">{escape(diagram.title)}</h3>{items}</section>')
    return Markup(f'<figure class="cpd cpd-{diagram.kind}">'
                  f'{svg(diagram, WIDE, ident + "w", palette)}'
                  f'{svg(diagram, NARROW, ident + "n", palette)}'
                  f'<figcaption>{escape(diagram.title)}</figcaption></figure>')


def substitute(markdown: str, token: str) -> tuple[str, list[Fence]]:
    """Markdown with each diagram block replaced by a paragraph `token<n>`, and the blocks."""
    fences = find_fences(markdown)
    lines = markdown.split("\n")
    for n, fence in reversed(list(enumerate(fences))):
        end = fence.end if fence.end >= 0 else len(lines) - 1
        lines[fence.start:end + 1] = ["", f"{token}{n}", ""]
    return "\n".join(lines), fences


def diagrams_of(fences: list[Fence], path: str) -> Iterator[Diagram | None]:
    """Each block read (None for a block with mistakes: validation reports those)."""
    for fence in fences:
        yield read_fence(fence, path, 1)[0]


def placeholder_html(html: str, token: str, rendered: list[Markup]) -> str:
    """Put each rendered diagram where Markdown left its token paragraph."""
    def put(match: re.Match[str]) -> str:
        n = int(match[1])
        return str(rendered[n]) if n < len(rendered) else ""
    return re.sub(rf"<p>{re.escape(token)}(\d+)</p>", put, html)

