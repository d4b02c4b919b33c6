"""The command line's own lines as the diagnostics catalogs write them, read from the .po files.

A test that checks which language a line is in matches it against these patterns: the English
msgid (and its plural) or a language's msgstr forms, each field standing for any text. The
patterns come from the catalog files themselves, not from the code under test, nor a hand list.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from builder import i18n
from builder.messages import CATALOG

LOCALE = Path(__file__).resolve().parent.parent.parent / "builder" / "locale"


@lru_cache(maxsize=4)
def catalog(lang: str) -> Catalog:
    """A language's diagnostics .po as Babel reads it."""
    path = LOCALE / lang / "LC_MESSAGES" / f"{i18n.DIAGNOSTICS}.po"
    with path.open("rb") as handle:
        return read_po(handle, domain=i18n.DIAGNOSTICS)


def forms(code: str, lang: str) -> list[str]:
    """Every form of a code's message in a language: English msgids, else the .po's msgstr."""
    entry = CATALOG[code]
    english = [entry.en] + ([entry.en_plural] if entry.en_plural else [])
    if lang == i18n.SOURCE_LANGUAGE:
        return english
    message = catalog(lang).get(entry.en)
    assert message is not None and message.string, (code, lang)
    return [message.string] if isinstance(message.string, str) else list(message.string)


def pattern(text: str) -> str:
    """A regular expression for a message: its words as written, each field any text."""
    return "".join(re.escape(words) + (".+?" if name is not None else "")
                   for words, name, _, _ in string.Formatter().parse(text))


def matches(line: str, codes: frozenset[str] | set[str], lang: str) -> bool:
    """True when a line is one of these codes' messages, word for word, in a language."""
    return any(re.fullmatch(pattern(text), line) for code in codes for text in forms(code, lang))
