"""The in-memory form of a package: file names (POSIX, relative) to their bytes."""

from __future__ import annotations

import re
import unicodedata

TYPE_CHECKING = False
if TYPE_CHECKING:
    from gettext import NullTranslations

FileMap = dict[str, bytes]


def safe_name(text: str, fallback: str) -> str:
    """A file name stem made safe: ASCII letters, digits, `-` and `_` only; else the fallback.

    File names translated in a catalog pass through here, so no catalog can name a path.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_]+", "-", ascii_text).strip("-_")[:60].strip("-_")
    return stem or fallback


def package_name(course_id: str, target: str) -> str:
    """A package's name in dist/, without `.zip`: `<course-id>-<target>` (the offline folder is
    `pemimpin-asn-digital-offline`)."""
    return f"{course_id}-{target}"


def readme_name(t: NullTranslations) -> str:
    """A README's file name in a catalog's language (`BACA-SAYA.txt` in Indonesian)."""
    return safe_name(t.pgettext("file name", "README"), "README") + ".txt"
