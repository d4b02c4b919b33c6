"""The one way in: every file a course names is resolved here, symlinks followed, inside the course.

A package takes a course file only through `Resolver`: the URL is read as a browser reads it, the
path is resolved with every symlink followed (`os.path.realpath`), and the real path must be a
regular file inside the real course folder. Anything else is a `Refusal` the checker reports.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

from msgspec import Struct

ASSETS_FOLDER = "assets"
MEDIA_FOLDER = "media"
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
WINDOWS_DRIVE = re.compile(r"^[a-zA-Z]:[/\\]")
WEB_SCHEMES = ("http", "https")
LINK_SCHEMES = ("http", "https", "mailto")
C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
TABS_AND_NEWLINES = re.compile(r"[\t\n\r]")


def is_hidden(name: str) -> bool:
    """Editor and system files that are never course content: `.x`, `._x`, `.#x`, `x~`, `~$x`."""
    return name.startswith((".", "~$")) or name.endswith("~")


def browser_url(value: str) -> str:
    """A URL attribute as a browser reads it: outer spaces trimmed, tabs dropped, `\\` as `/`."""
    return TABS_AND_NEWLINES.sub("", value.strip(C0_AND_SPACE)).replace("\\", "/")


def url_scheme(url: str) -> str:
    """The lowercase scheme of a URL read by `browser_url`, "" when it has none."""
    if WINDOWS_DRIVE.match(url):
        return ""  # C:/x is a local path written the Windows way, not the scheme "c"
    match = SCHEME.match(url)
    return match[1].lower() if match else ""


def srcset_candidates(value: str) -> list[tuple[str, str]]:
    """The candidates of a `srcset` attribute: (URL, width or density such as "2x" or "").

    Read as the HTML standard's srcset parser does: a URL runs to the next space (trailing commas
    end the candidate), its descriptors to the next comma.
    """
    candidates: list[tuple[str, str]] = []
    at = 0
    while True:
        while at < len(value) and (value[at].isspace() or value[at] == ","):
            at += 1
        if at >= len(value):
            return candidates
        end = at
        while end < len(value) and not value[end].isspace():
            end += 1
        url = value[at:end]
        if url.endswith(","):
            candidates.append((url.rstrip(","), ""))
            at = end
            continue
        comma = value.find(",", end)
        stop = len(value) if comma < 0 else comma
        candidates.append((url, " ".join(value[end:stop].split())))
        at = stop


def split_url(url: str) -> tuple[str, str]:
    """The path of a relative URL, and what follows it (`?query`, `#fragment`)."""
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return url[:cut], url[cut:]


class Asset(Struct, frozen=True):
    """A course file a package takes: its path in the course, its real file, its package path."""

    path: str  # as written, normalised, relative to the course folder: assets/x.png
    real: Path

    @property
    def package_path(self) -> str:
        """Where it lives in a package: media/ and its path under assets/."""
        return posixpath.join(MEDIA_FOLDER, self.path[len(ASSETS_FOLDER) + 1:])


class Refusal(Struct, frozen=True):
    """Why a reference was not taken: a message code and the reference as written."""

    code: str
    value: str
    scheme: str = ""


class Use(Struct, frozen=True):
    """One URL found in rendered HTML: where, what it was, and what became of it."""

    tag: str
    attribute: str
    url: str
    refusal: Refusal | None = None


def inside(real: Path, real_root: Path) -> bool:
    """True when a real path is the real course folder or below it."""
    return real == real_root or real.is_relative_to(real_root)


class Resolver:
    """Resolves what a course names to files inside it, and remembers every file it handed out."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.real_root = Path(os.path.realpath(root))
        self.assets: dict[str, Path] = {}  # package path -> real file

    def local(self, source_path: str, path: str) -> Asset | Refusal:
        """A decoded local path, relative to the file that names it, as a file in assets/."""
        if "\x00" in path:
            return Refusal("missing-asset", path)
        if path.startswith("/") or WINDOWS_DRIVE.match(path):
            return Refusal("asset-outside", path)
        logical = posixpath.normpath(posixpath.join(posixpath.dirname(source_path), path))
        if logical == ".." or logical.startswith("../"):
            return Refusal("asset-outside", path)
        real = Path(os.path.realpath(self.root / logical))
        if not inside(real, self.real_root):
            return Refusal("asset-outside", path)
        try:
            mode = os.stat(real).st_mode
        except (OSError, ValueError):
            return Refusal("missing-asset", path)
        if not stat.S_ISREG(mode):
            return Refusal("asset-not-a-file", path)
        if not logical.startswith(ASSETS_FOLDER + "/"):
            return Refusal("asset-not-in-assets", path)
        return Asset(logical, real)

    def url(self, source_path: str, tag: str, value: str) -> str | Refusal:
        """The URL a package uses for a URL found in rendered HTML (`a` is a link, else media)."""
        url = browser_url(value)
        scheme = url_scheme(url)
        if not url or url.startswith("#"):
            return value
        if scheme:
            if tag == "a" and scheme in LINK_SCHEMES:
                return value
            if scheme in WEB_SCHEMES:
                return Refusal("remote-asset", value)
            return Refusal("unsafe-link", value, scheme)
        if url.startswith("//"):
            return Refusal("link-without-scheme" if tag == "a" else "remote-asset", value)
        path, rest = split_url(url)
        if not path:
            return value
        found = self.local(source_path, unquote(path))
        if isinstance(found, Refusal):
            return found
        self.assets[found.package_path] = found.real
        return quote(found.package_path) + rest


def walk_static(root: Path, folder: Path) -> Iterator[tuple[str, Path | Refusal]]:
    """Every file of a theme's static folder, by its path in the package; links out are refused.

    Hidden and editor files are skipped; a symlink is followed only while its real path stays in
    the course folder; a folder is entered once (a link loop ends).
    """
    real_root = Path(os.path.realpath(root))
    seen: set[Path] = set()

    def visit(path: Path, name: str) -> Iterator[tuple[str, Path | Refusal]]:
        real = Path(os.path.realpath(path))
        shown = path.relative_to(root).as_posix()
        if not inside(real, real_root):
            yield name, Refusal("theme-outside", shown)
            return
        try:
            mode = os.stat(real).st_mode
        except OSError:
            yield name, Refusal("missing-asset", shown)
            return
        if stat.S_ISDIR(mode):
            if real in seen:
                return
            seen.add(real)
            for child in sorted(path.iterdir()):
                if not is_hidden(child.name):
                    yield from visit(child, posixpath.join(name, child.name) if name else child.name)
        elif stat.S_ISREG(mode):
            yield name, real
        else:
            yield name, Refusal("asset-not-a-file", shown)

    if folder.is_dir() or folder.is_symlink():
        yield from visit(folder, "")
