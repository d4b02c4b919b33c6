"""What a dist/ holds, whether its build report says exactly that, and whether anything else moved."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from support.cli import Ran, coursepack

from builder.package import MARKER, REPORT_NAME, STAGE_PREFIX, tree_sha256

ROOT = Path(__file__).resolve().parent.parent.parent
MINI = ROOT / "tests" / "courses" / "mini"
PYTHON = sys.executable


def artifacts(dist: Path) -> dict[str, str]:
    """Every artifact in dist/ by name: a file's SHA-256, a folder's tree digest."""
    state = {}
    for path in dist.iterdir():
        if path.name.startswith(".") or path.name == REPORT_NAME:
            continue
        state[path.name] = (tree_sha256(path) if path.is_dir()
                            else hashlib.sha256(path.read_bytes()).hexdigest())
    return state


def report(dist: Path) -> dict[str, object]:
    """The build report of a dist/."""
    data = json.loads((dist / REPORT_NAME).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def reported(dist: Path) -> dict[str, str]:
    """What the report says each artifact is, by name (its SHA-256 or tree digest)."""
    entries = report(dist)["artifacts"]
    assert isinstance(entries, list)
    by_name = {}
    for entry in entries:
        name = Path(entry["path"]).name
        assert name not in by_name, f"{name} is listed twice"
        by_name[name] = entry["tree_sha256"] if "tree_sha256" in entry else entry["sha256"]
    return by_name


def stages(dist: Path) -> list[str]:
    """Stages left in a dist/."""
    return sorted(p.name for p in dist.iterdir() if p.name.startswith(STAGE_PREFIX))


def assert_consistent(dist: Path, leftovers: bool = False) -> dict[str, str]:
    """The report lists exactly the artifacts that are there, as they are; returns them."""
    state = artifacts(dist)
    assert reported(dist) == state
    assert (dist / MARKER).is_file()
    if not leftovers:
        assert stages(dist) == []
    return state


def new_version(course: Path) -> Path:
    """Change a course so that every artifact differs from the earlier build."""
    yaml = course / "course.yaml"
    yaml.write_text(yaml.read_text("utf-8").replace("title: Kursus Mini\n",
                                                    "title: Kursus Mini Versi Dua\n"), "utf-8")
    return course


def two_versions(tmp: Path) -> tuple[Path, Path]:
    """Two copies of the mini course whose builds differ in every artifact."""
    old = Path(shutil.copytree(MINI, tmp / "versi-1"))
    new = new_version(Path(shutil.copytree(MINI, tmp / "versi-2")))
    return old, new


def cli_build(source: Path, dist: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`coursepack build` in a real process."""
    return subprocess.run([PYTHON, "-m", "builder", "--lang", "en", "build", str(source), "-o",
                           str(dist), *extra], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def run_build(source: Path, dist: Path, *extra: str) -> Ran:
    """`coursepack build` as `cli_build` runs it, in this process (for tests not about the process)."""
    return coursepack("--lang", "en", "build", str(source), "-o", str(dist), *extra, cwd=ROOT)


def snapshot(folder: Path, skip: Path) -> dict[str, tuple[int, int, str]]:
    """Every file and folder under `folder` except `skip`: size, mtime, content digest."""
    result = {}
    for path in sorted(folder.rglob("*")):
        if path == skip or skip in path.parents:
            continue
        stat = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        result[path.relative_to(folder).as_posix()] = (stat.st_size, stat.st_mtime_ns, digest)
    return result
