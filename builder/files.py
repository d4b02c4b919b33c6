"""The in-memory form of a package: file names (POSIX, relative) to their bytes."""

from __future__ import annotations

FileMap = dict[str, bytes]
