"""YAML with locations: parse a document and remember the line and column of every value."""

from __future__ import annotations

import re
from typing import Any

from msgspec import Struct, field
import yaml
from yaml.constructor import SafeConstructor

from .errors import Diagnostic, error
from .model import Location
from .nesting import MAX_NESTING, too_deep

Key = tuple[str | int, ...]
# libyaml's parser is about 20 times faster than the pure-Python one and keeps the same marks.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_VALUES = 200_000
MAX_DEPTH = 64
# No course file is near this once aliases are expanded (a source file is at most 2 MB).
MAX_CHARACTERS = 4_000_000
# Characters XML 1.0 cannot carry (every package holds XML): C0 controls but tab and newlines,
# lone surrogates, U+FFFE and U+FFFF. YAML refuses them raw but lets escapes like "\\a" through.
# Written as the characters refused (the complement of XML's Char production): the negated form
# compiles ten times slower, a cost every command paid at start-up.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class LimitError(yaml.constructor.ConstructorError):
    """The document is well-formed but bigger or deeper than any course file needs to be."""


class Located(Struct):
    """Plain data parsed from YAML, with the location of each value by its key path.

    `plain` keeps the source text of every unquoted scalar YAML would read as a number, a
    boolean or a date, so that a text field gets what was written (`0755`, `1.10`), not 493 or 1.1.
    """

    data: Any
    marks: dict[Key, tuple[int, int]]
    path: str
    line_offset: int = 0
    plain: dict[Key, str] = field(default_factory=dict)

    def loc(self, key: Key = ()) -> Location:
        """The source location of the value at `key` (or its nearest located parent)."""
        while key not in self.marks and key:
            key = key[:-1]
        line, col = self.marks.get(key, (0, 0))
        return Location(self.path, line + self.line_offset, col)


class Walk(Struct):
    """The state of one conversion of composed YAML nodes to plain data."""

    build: SafeConstructor
    marks: dict[Key, tuple[int, int]] = field(default_factory=dict)
    plain: dict[Key, str] = field(default_factory=dict)
    dupes: list[tuple[str, int, int]] = field(default_factory=list)
    bad_characters: list[tuple[str, int, int]] = field(default_factory=list)
    too_deep: list[tuple[int, int]] = field(default_factory=list)
    characters: int = 0

    def count(self, text: str, node: yaml.Node) -> None:
        """Add a text to the expanded size; aliases of long texts must not blow up memory."""
        self.characters += len(text)
        if self.characters > MAX_CHARACTERS:
            raise LimitError(
                None, None, f"the document expands to more than {MAX_CHARACTERS:,} characters "
                "(aliases of long texts?)", node.start_mark)
        here = (node.start_mark.line + 1, node.start_mark.column + 1)
        bad = NOT_XML.search(text)
        if bad:
            self.bad_characters.append((f"U+{ord(bad[0]):04X}", *here))
        if too_deep(text) is not None:
            self.too_deep.append(here)


def _scalar(node: yaml.Node, key: Key, walk: Walk) -> Any:
    """Construct one scalar; remember the source text of an unquoted non-string."""
    try:
        value = walk.build.construct_object(node, deep=True)
    except (ValueError, KeyError, AttributeError, TypeError, OverflowError, IndexError) as exc:
        # PyYAML raises plain exceptions for values such as `2020-02-30` or `!!int abc`.
        tag = node.tag.rsplit(":", 1)[-1]
        raise yaml.constructor.ConstructorError(
            None, None, f"'{node.value}' is not a valid {tag}", node.start_mark) from exc
    if isinstance(value, str):
        walk.count(value, node)
    elif value is not None and not getattr(node, "style", None) and isinstance(node.value, str):
        walk.plain[key] = node.value
    return value


def _walk(node: yaml.Node, key: Key, walk: Walk) -> Any:
    """Convert a composed YAML node to plain data, recording marks and duplicate keys."""
    if len(walk.marks) > MAX_VALUES:  # aliases of aliases can expand a small file enormously
        raise LimitError(
            None, None, f"the document expands to more than {MAX_VALUES} values (nested aliases?)",
            node.start_mark)
    if len(key) > MAX_DEPTH:  # no course field is nested near this; deeper data only costs
        raise LimitError(
            None, None, f"the data is nested more than {MAX_DEPTH} levels deep", node.start_mark)
    walk.marks[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for knode, vnode in node.value:
            name = str(knode.value)
            walk.count(name, knode)
            here = (knode.start_mark.line + 1, knode.start_mark.column + 1)
            if name in result:
                walk.dupes.append((name, *here))
            result[name] = _walk(vnode, key + (name,), walk)
            walk.marks[key + (name,)] = here
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, key + (i,), walk) for i, item in enumerate(node.value)]
    return _scalar(node, key, walk)


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Located | None, list[Diagnostic]]:
    """Parse YAML text; return located data or a diagnostic with the line of the syntax error."""
    walk = Walk(SafeConstructor())
    try:
        node = yaml.compose(text, Loader=LOADER)
        data = _walk(node, (), walk) if node is not None else None
    except LimitError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [error(Location(path, line + line_offset, col), "yaml-limit",
                            problem=exc.problem)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        col = (mark.column + 1) if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        return None, [error(Location(path, line, col), "yaml-syntax", problem=problem)]
    except yaml.reader.ReaderError as exc:  # a control character: report where it is
        before = text[:exc.position]
        line, col = before.count("\n") + 1 + line_offset, len(before) - before.rfind("\n")
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return None, [error(Location(path, line, col), "yaml-syntax",
                            problem=f"unacceptable character #x{char:04x}: {exc.reason}")]
    except RecursionError:  # deep nesting, or an alias inside itself (`&a [*a]`)
        return None, [error(Location(path, line_offset + 1, 1), "yaml-syntax",
                            problem="the data is nested too deeply or refers to itself")]
    except yaml.YAMLError as exc:
        return None, [error(Location(path, line_offset + 1, 1), "yaml-syntax", problem=exc)]
    problems = [error(Location(path, line + line_offset, col), "duplicate-key", name=name)
                for name, line, col in walk.dupes]
    problems += [error(Location(path, line + line_offset, col), "yaml-character", value=char)
                 for char, line, col in dict.fromkeys(walk.bad_characters)]
    problems += [error(Location(path, line + line_offset, col), "too-deep", limit=MAX_NESTING)
                 for line, col in dict.fromkeys(walk.too_deep)]
    return Located(data, walk.marks, path, line_offset, walk.plain), problems


class Reader(Struct):
    """Reads typed fields of one YAML mapping, collecting diagnostics instead of raising."""

    doc: Located
    key: Key
    diagnostics: list[Diagnostic]
    allowed: tuple[str, ...]
    what: str
    seen: set[str] = field(default_factory=set)

    @property
    def mapping(self) -> dict[str, Any]:
        """The mapping being read (empty when the value is not a mapping)."""
        value = self.doc.data
        for part in self.key:
            value = value[part]
        return value if isinstance(value, dict) else {}

    def loc(self, name: str | int | None = None) -> Location:
        """Location of a field, or of the mapping itself."""
        return self.doc.loc(self.key + ((name,) if name is not None else ()))

    def check_unknown(self) -> None:
        """Report fields this mapping does not know, with a did-you-mean hint."""
        for name in self.mapping:
            if name not in self.allowed:
                import difflib  # only for a misspelt key: not on every build

                close = difflib.get_close_matches(name, self.allowed, n=1)
                code = "unknown-field" if close else "unknown-field-no-match"
                self.diagnostics.append(error(self.loc(name), code, name=name, what=self.what,
                                              suggestion=close[0] if close else "",
                                              allowed=", ".join(self.allowed)))

    def _missing(self, name: str) -> None:
        self.diagnostics.append(error(self.loc(), "missing-field", what=self.what, name=name))

    def _wrong(self, name: str, expected: str) -> None:
        self.diagnostics.append(error(self.loc(name), "wrong-type", name=name, what=self.what,
                                      expected=expected))

    def text(self, name: str, required: bool = True, default: str = "") -> str:
        """A non-empty string field."""
        value = self.mapping.get(name)
        if value is None:
            if required:
                self._missing(name)
            return default
        value = self.doc.plain.get(self.key + (name,), value)  # `0755` stays "0755"
        if not isinstance(value, str) or (required and not value.strip()):
            self._wrong(name, "a non-empty text")
            return default
        return value.strip()

    def integer(self, name: str, required: bool = True, default: int = 0) -> int:
        """An integer field."""
        value = self.mapping.get(name)
        if value is None:
            if required:
                self._missing(name)
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(name, "a whole number")
            return default
        return int(value)

    def flag(self, name: str, default: bool = False) -> bool:
        """A true/false field."""
        value = self.mapping.get(name)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._wrong(name, "true or false")
            return default
        return value

    def texts(self, name: str, required: bool = True) -> tuple[str, ...]:
        """A list of non-empty strings."""
        value = self.mapping.get(name)
        if value is None:
            if required:
                self._missing(name)
            return ()
        if isinstance(value, list):
            value = [self.doc.plain.get(self.key + (name, i), v) for i, v in enumerate(value)]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self._wrong(name, "a list of texts")
            return ()
        return tuple(v.strip() for v in value)

    def items(self, name: str, required: bool = True) -> list[Key]:
        """Key paths of the mappings in a list field."""
        value = self.mapping.get(name)
        if value is None:
            if required:
                self._missing(name)
            return []
        if not isinstance(value, list):
            self._wrong(name, "a list")
            return []
        keys = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                keys.append(self.key + (name, i))
            else:
                self.diagnostics.append(error(self.doc.loc(self.key + (name, i)), "not-a-mapping",
                                              what=f"{name}[{i + 1}]"))
        return keys

    def sub(self, key: Key, allowed: tuple[str, ...], what: str) -> Reader:
        """A reader for a nested mapping; reports its unknown fields at once."""
        reader = Reader(self.doc, key, self.diagnostics, allowed, what)
        reader.check_unknown()
        return reader
