"""Helpers for hostile-course tests: build (in this process), snapshot trees, a canary to reach.

A hostile case runs in a tree of its own:

    <tmp>/canary/       files the course must never read or write (`make_canary`)
    <tmp>/course/       the hostile course
    <tmp>/dist/         the output folder, holding a good build before the hostile one

and asserts that nothing changed outside the output folder (`snapshot` of <tmp> without dist/),
that a failed build left dist/ byte for byte as it was, and that no built file holds a marker
(`packaged_files`, `assert_not_packaged`).
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from support.cli import coursepack
from support.paths import tests_dir

REPO = tests_dir().parent
MINI = tests_dir() / "courses" / "mini"
CANARY_MARKER = "CANARY-7b1e-NOT-FOR-ANY-PACKAGE"
REPORT_NAME = "build-report.json"
BUILD_TIMEOUT = 120  # seconds; a build that hangs on a hostile input fails the test, not the run

Entry = tuple[str, bytes | str | None]


def run_coursepack(*argv: str, cwd: Path, timeout: int = BUILD_TIMEOUT) -> tuple[int, str, str]:
    """`coursepack <argv>` in this process from `cwd`; return exit code, stdout, stderr.

    A hostile input that makes the build hang (a FIFO, a loop) fails the test through `guard`.
    """
    with guard(timeout):
        ran = coursepack(*argv, cwd=cwd)
    return ran.returncode, ran.stdout, ran.stderr


def build(course_dir: Path, out_dir: Path, *options: str, lang: str = "en"
          ) -> tuple[int, str, str]:
    """`coursepack --lang <lang> build <course_dir> -o <out_dir> <options>` from the course's parent."""
    return run_coursepack("--lang", lang, "build", str(course_dir), "-o", str(out_dir), *options,
                          cwd=course_dir.parent)


def check(course_dir: Path, *options: str, lang: str = "en") -> tuple[int, str, str]:
    """`coursepack --lang <lang> check <course_dir> <options>` from the course's parent."""
    return run_coursepack("--lang", lang, "check", str(course_dir), *options,
                          cwd=course_dir.parent)


def snapshot(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, Entry]:
    """Every entry under a folder, links not followed: (kind, bytes of a file / link target).

    `skip` names top-level entries to leave out (the output folder, say).
    """
    entries: dict[str, Entry] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        if here == folder:
            dirnames[:] = [d for d in dirnames if d not in skip]
            filenames = [f for f in filenames if f not in skip]
        for name in sorted(dirnames + filenames):
            path = here / name
            rel = path.relative_to(folder).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                entries[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(mode):
                entries[rel] = ("dir", None)
            elif stat.S_ISREG(mode):
                entries[rel] = ("file", path.read_bytes())
            else:
                entries[rel] = ("other", None)
    return entries


def tree_changes(before: dict[str, Entry], after: dict[str, Entry]) -> list[str]:
    """What differs between two snapshots, one readable line per entry ([] when nothing did)."""
    lines = [f"new: {name}" for name in sorted(set(after) - set(before))]
    lines += [f"gone: {name}" for name in sorted(set(before) - set(after))]
    lines += [f"changed: {name}" for name in sorted(set(before) & set(after))
              if before[name] != after[name]]
    return lines


def make_canary(parent: Path) -> Path:
    """A folder beside the course that a hostile course reaches for, every file holding the marker."""
    canary = parent / "canary"
    canary.mkdir()
    (canary / "secret.txt").write_text(f"{CANARY_MARKER} a private note\n", "utf-8")
    (canary / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n" + CANARY_MARKER.encode())
    (canary / "secret.css").write_text(f"/* {CANARY_MARKER} */ body {{ color: red }}\n", "utf-8")
    return canary


def packaged_files(out_dir: Path) -> dict[str, bytes]:
    """Every packaged file a build wrote: plain files by path, zip entries as `<zip>!<entry>`.

    The build report is left out: it quotes the warnings, hostile text included.
    """
    files: dict[str, bytes] = {}
    for path in sorted(p for p in out_dir.rglob("*") if p.is_file() and not p.is_symlink()):
        rel = path.relative_to(out_dir).as_posix()
        if rel == REPORT_NAME:
            continue
        data = path.read_bytes()
        files[rel] = data
        if path.suffix == ".zip":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    files[f"{rel}!{name}"] = archive.read(name)
    return files


def assert_not_packaged(out_dir: Path, *needles: str, ignore: tuple[str, ...] = ()) -> None:
    """No built file (and no entry of a built zip) holds any of the needles.

    `ignore` names parts of paths to leave out (say, exports that carry the author's source text).
    """
    for name, data in packaged_files(out_dir).items():
        if any(part in name for part in ignore):
            continue
        for needle in needles:
            assert needle.encode() not in data, f"{needle!r} is in {name}"


@dataclass(frozen=True)
class Workspace:
    """A hostile case's tree: the course, a canary beside it, and an output folder."""

    root: Path

    @property
    def course(self) -> Path:
        """The course folder."""
        return self.root / "course"

    @property
    def canary(self) -> Path:
        """The folder the course must not reach."""
        return self.root / "canary"

    @property
    def dist(self) -> Path:
        """The output folder."""
        return self.root / "dist"

    def outside_dist(self) -> dict[str, Entry]:
        """Everything in the tree except the output folder."""
        return snapshot(self.root, skip=("dist",))


def workspace(root: Path, course: Path = MINI, good_dist: Path | None = None) -> Workspace:
    """A tree with a copy of a course, a canary, and (optionally) a copy of a good dist/."""
    space = Workspace(root)
    shutil.copytree(course, space.course, symlinks=True)
    make_canary(root)
    if good_dist is not None:
        shutil.copytree(good_dist, space.dist, symlinks=True)
    return space


class Hung(Exception):
    """A guarded block did not finish within its time."""


@contextmanager
def guard(seconds: int) -> Iterator[None]:
    """Raise Hung in this process if the block runs longer than `seconds` (a blocked read too)."""
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
