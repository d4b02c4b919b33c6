"""Write packages: deterministic zips and folders, staged, then moved into place all at once."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .render import FileMap

DEFAULT_EPOCH = 1577836800  # 2020-01-01T00:00:00Z: a fixed timestamp for reproducible zips
ZIP_LEVEL = 6  # zlib default: level 9 costs 40% more time for about 1% smaller zips
FIRST_ENTRIES = ("imsmanifest.xml", "cmi5.xml")


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    """Entry timestamp: SOURCE_DATE_EPOCH when set, else a fixed date."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))
    return time.gmtime(max(epoch, 315532800))[:6]


def entry_order(files: FileMap) -> list[str]:
    """Manifest first, then every other path sorted."""
    first = [name for name in FIRST_ENTRIES if name in files]
    return first + sorted(name for name in files if name not in FIRST_ENTRIES)


def zip_bytes(files: FileMap) -> bytes:
    """A deterministic zip of a file map: fixed order, timestamps and permissions."""
    stamp = zip_timestamp()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in entry_order(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, files[name], compresslevel=ZIP_LEVEL)
    return buffer.getvalue()


def write_tree(files: FileMap, folder: Path) -> None:
    """Write a file map as a folder."""
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


class Staging:
    """A temporary folder beside `dist/` where a build writes; `commit` moves it all into place."""

    def __init__(self, dist: Path) -> None:
        self.dist = dist
        dist.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=".coursepack-stage-", dir=dist.parent))
        self.names: list[str] = []

    def add_file(self, name: str, data: bytes) -> Path:
        """Stage one file of dist/."""
        (self.folder / name).write_bytes(data)
        self.names.append(name)
        return self.dist / name

    def add_tree(self, name: str, files: FileMap) -> Path:
        """Stage one folder of dist/."""
        write_tree(files, self.folder / name)
        self.names.append(name)
        return self.dist / name

    def commit(self) -> None:
        """Move every staged entry into dist/, replacing the old one of the same name."""
        self.dist.mkdir(parents=True, exist_ok=True)
        for name in self.names:
            target, staged = self.dist / name, self.folder / name
            if target.is_dir() and not target.is_symlink():
                old = self.folder / f".old-{name}"
                target.rename(old)
            elif target.exists():
                target.unlink()
            staged.rename(target)

    def discard(self) -> None:
        """Remove the staging folder."""
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def staged(dist: Path) -> Iterator[Staging]:
    """Stage a build; on an exception nothing in dist/ changes."""
    stage = Staging(dist)
    try:
        yield stage
    finally:
        stage.discard()
