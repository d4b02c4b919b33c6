"""Write packages: deterministic zips and folders, and the output folder (dist/) as a transaction.

One way out: every write of a build lands under the output folder's real path. A folder is
refused (a UsageError) when it is a file, the root of a file system, the home folder, inside the
course or holding the course, or not empty and not made by coursepack. Ours are marked by a
`.coursepack` file, which is also the lock file (`flock`): one build at a time writes a dist/.

A build writes everything into a stage inside dist/ (`.coursepack-stage-*/new/`, same file system,
so a mount point works) and then commits, with SIGINT and SIGTERM held off:

1. `plan.json` (the names this build places) is written into the stage, atomically;
2. for each name: the old entry in dist/ is moved (a file: hard-linked) to the stage's `old/`,
   then the new one is renamed into dist/ (a file replaces the old atomically);
3. `build-report.json` replaces the old report (`os.replace`): this is the commit point.

The invariant: every artifact in dist/ is the complete old or the complete new version, and the
report describes exactly what is there. An error or a signal before the commit point rolls the
placed names back at once (new entries back to `new/`, old ones back from `old/`). After a hard
stop (power cut, SIGKILL) the next build recovers each leftover stage first, under the lock: a
stage whose `new/build-report.json` is still there was not committed and is rolled back; any
other stage is only removed. A folder cannot be swapped in one rename, so for the instant between
its two renames it is found only in `old/`; a hard stop right then is repaired the same way.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from .errors import UsageError
from .render import FileMap
from .stop import held_signals

DEFAULT_EPOCH = 1577836800  # 2020-01-01T00:00:00Z: a fixed timestamp for reproducible zips
ZIP_EPOCHS = (315532800, 4354819199)  # the dates a zip entry can carry: 1980 to the end of 2107
ZIP_LEVEL = 6  # zlib default: level 9 costs 40% more time for about 1% smaller zips
FIRST_ENTRIES = ("imsmanifest.xml", "cmi5.xml")

REPORT_NAME = "build-report.json"
MARKER = ".coursepack"  # marks an output folder as ours, and is its lock file
MARKER_TEXT = (b"This folder is written by `coursepack build`; each build replaces the packages "
               b"it names in build-report.json.\n")
STAGE_PREFIX = ".coursepack-stage-"
PLAN_NAME = "plan.json"
LOCK_WAIT_SECONDS = 60.0  # how long a build waits for another one writing the same dist/
LOCK_POLL_SECONDS = 0.1
NO_LOCKS = (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL)


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> int:
    """SOURCE_DATE_EPOCH when set (a UsageError if it is not a usable date), else a fixed date."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return DEFAULT_EPOCH
    if not re.fullmatch(r"[0-9]{1,11}", value) or int(value) > ZIP_EPOCHS[1]:
        raise UsageError("bad-source-date-epoch", value=value)
    return int(value)


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    """Entry timestamp: SOURCE_DATE_EPOCH when set, else a fixed date (never before 1980)."""
    return time.gmtime(max(source_date_epoch(), ZIP_EPOCHS[0]))[:6]


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


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def inside(path: Path, folder: Path) -> bool:
    """True when a path is the folder or under it (both real paths)."""
    return path == folder or folder in path.parents


def confined(folder: Path, name: str) -> Path:
    """The path of a relative name under a folder; ValueError if it would land outside it."""
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or any(p in ("", ".", "..") or "\\" in p for p in parts):
        raise ValueError(f"refusing to write {name!r}: not a plain relative path")
    path = folder.joinpath(*parts)
    if not inside(path.parent.resolve(), folder.resolve()):
        raise ValueError(f"refusing to write {name!r}: it resolves outside {folder}")
    return path


def write_new(path: Path, data: bytes) -> None:
    """Create a file that must not exist yet (so no link planted there is followed)."""
    with open(path, "xb") as handle:
        handle.write(data)


def write_tree(files: FileMap, folder: Path) -> None:
    """Write a file map as a new folder, every file confined to it."""
    folder.mkdir()
    for name in sorted(files):
        path = confined(folder, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_new(path, files[name])


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file through a temporary file beside it and one rename."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.unlink(missing_ok=True)
    write_new(temporary, data)
    os.replace(temporary, path)


def tree_sha256(folder: Path) -> str:
    """One digest of a folder: every file's relative path and content, in sorted order."""
    entries = []
    for parent, _, names in os.walk(folder):
        for name in names:
            path = Path(parent) / name
            if path.is_file() and not path.is_symlink():
                entries.append((path.relative_to(folder).as_posix(), path))
    digest = hashlib.sha256()
    for relative, path in sorted(entries):
        digest.update(relative.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


# -- the output folder ---------------------------------------------------------------------------


def home_folder() -> Path | None:
    """The user's home folder, if one is known."""
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        return None


def is_ours(folder: Path) -> bool:
    """True when a folder carries our marker, or a build report of an earlier coursepack."""
    marker = folder / MARKER
    if marker.is_file() and not marker.is_symlink():
        return True
    try:
        report = json.loads((folder / REPORT_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(report, dict) and "artifacts" in report and "course" in report


def check_output_folder(dist: Path, source: Path) -> Path:
    """The output folder's real path, or a UsageError saying why a build must not write there."""
    try:
        real, course = dist.resolve(), source.resolve()
        if real.exists() and not real.is_dir():
            raise UsageError("output-is-file", folder=dist)
        if real == Path(real.anchor):
            raise UsageError("output-is-root", folder=real)
        if real == home_folder():
            raise UsageError("output-is-home", folder=real)
        if course.is_dir() and inside(real, course):
            raise UsageError("output-in-course", folder=dist, course=source)
        if course.is_dir() and inside(course, real):
            raise UsageError("course-in-output", folder=dist, course=source)
        if real.is_dir() and not is_ours(real) and any(real.iterdir()):
            raise UsageError("output-not-ours", folder=dist)
    except (OSError, RuntimeError) as exc:  # a symlink loop, a folder we may not read
        raise UsageError("output-unwritable", folder=dist, reason=reason(exc)) from exc
    return real


def reason(exc: BaseException) -> str:
    """The operating system's words for an error."""
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def acquire(fd: int, shown: Path, wait: float, waiting: Callable[[], None]) -> None:
    """Lock the output folder, waiting up to `wait` seconds for another build to finish."""
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError as exc:
            if exc.errno in NO_LOCKS:  # a file system without locks: nothing to wait for
                return
            raise
        if time.monotonic() >= deadline:
            raise UsageError("output-busy", folder=shown)
        if not told:
            waiting()
            told = True
        time.sleep(LOCK_POLL_SECONDS)


@contextmanager
def locked_output(root: Path, shown: Path, wait: float = LOCK_WAIT_SECONDS,
                  waiting: Callable[[], None] = lambda: None) -> Iterator[Path]:
    """Make, mark and lock the output folder, and recover what an interrupted build left."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / MARKER, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        acquire(fd, shown, wait, waiting)
        if os.fstat(fd).st_size == 0:
            os.write(fd, MARKER_TEXT)
        for stage in sorted(root.glob(STAGE_PREFIX + "*")):
            if stage.is_dir() and not stage.is_symlink():
                recover(root, stage)
        yield root
    finally:
        os.close(fd)  # and with it the lock


# -- staging and the commit ----------------------------------------------------------------------


def place(root: Path, stage: Path, name: str) -> None:
    """Move dist's entry aside into the stage's old/, then the new one into dist/."""
    target, new, old = root / name, stage / "new" / name, stage / "old" / name
    if os.path.lexists(target):
        if new.is_file() and not new.is_symlink() and target.is_file():
            try:  # a file keeps its name throughout: the old stays until replaced
                os.link(target, old, follow_symlinks=False)
            except OSError:  # no hard links here (FAT): a moment without the file
                os.rename(target, old)
        else:
            os.rename(target, old)
    os.replace(new, target)


def roll_back(root: Path, stage: Path, names: list[str]) -> None:
    """Undo `place` for every name, from any point of it; running it twice is harmless."""
    for name in reversed(names):
        target, new, old = root / name, stage / "new" / name, stage / "old" / name
        if not os.path.lexists(new) and os.path.lexists(target):
            os.rename(target, new)
        if os.path.lexists(old):
            os.replace(old, target)


def plan_names(stage: Path) -> list[str] | None:
    """The names a stage's commit places, or None when its commit never began."""
    try:
        plan = json.loads((stage / PLAN_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    names = plan.get("names") if isinstance(plan, dict) else None
    if not isinstance(names, list):
        return None
    return [n for n in names if isinstance(n, str) and n not in ("", ".", "..")
            and "/" not in n and "\\" not in n]


def recover(root: Path, stage: Path) -> None:
    """Finish with a stage a stopped build left: roll back an unfinished commit, then remove it."""
    names = plan_names(stage)
    if names is not None and (stage / "new" / REPORT_NAME).exists():
        with held_signals():
            roll_back(root, stage, names)
    shutil.rmtree(stage)


class Stage:
    """A folder inside dist/ where a build writes; `commit` moves it all into place."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=root))
        try:
            (self.folder / "new").mkdir()
            (self.folder / "old").mkdir()
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        self.names: list[str] = []
        self.keep = False  # True when a failed roll-back leaves work for the next build

    def staged(self, name: str) -> Path:
        """Where an entry of dist/ is staged."""
        return self.folder / "new" / name

    def claim(self, name: str) -> Path:
        """Reserve a name of dist/ (once) and return where it is staged."""
        if name in self.names or name in (MARKER, REPORT_NAME) or name.startswith(STAGE_PREFIX):
            raise ValueError(f"{name!r} is staged twice or is a reserved name")
        path = confined(self.folder / "new", name)
        if path.parent != self.folder / "new":
            raise ValueError(f"{name!r} is not a plain name")
        self.names.append(name)
        return path

    def add_file(self, name: str, data: bytes) -> Path:
        """Stage one file of dist/; return where it is staged."""
        path = self.claim(name)
        write_new(path, data)
        return path

    def add_tree(self, name: str, files: FileMap) -> Path:
        """Stage one folder of dist/; return where it is staged."""
        path = self.claim(name)
        write_tree(files, path)
        return path

    def commit(self, report: bytes) -> None:
        """Place every staged entry, then the report; on any failure put the old ones back."""
        write_new(self.staged(REPORT_NAME), report)
        with held_signals():
            try:
                write_atomic(self.folder / PLAN_NAME, json.dumps({"names": self.names}).encode())
                for name in self.names:
                    place(self.root, self.folder, name)
                os.replace(self.staged(REPORT_NAME), self.root / REPORT_NAME)
            except BaseException:
                try:
                    roll_back(self.root, self.folder, self.names)
                except BaseException:
                    self.keep = True  # the next build rolls back from the plan
                raise

    def discard(self) -> None:
        """Remove the stage (unless it is needed to recover)."""
        if not self.keep:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def staged(root: Path) -> Iterator[Stage]:
    """Stage a build in dist/; whatever happens, dist/ ends with complete packages only."""
    stage = Stage(root)
    try:
        yield stage
    finally:
        stage.discard()
