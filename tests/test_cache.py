"""The compiled-template cache: built-in templates only, never a course's, and never in the way."""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.cache import CACHE_DIR_ENV, MAGIC, cache_folder
from builder.render import make_environment, templates_dir

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "courses" / "mini"
MARKER = "THEME-MARKER-5c2e9a"


def build(course: Path, dist: Path, cache: Path) -> dict[str, str]:
    """Build every target in a fresh process with this cache folder; sha256 of each file."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), CACHE_DIR_ENV: str(cache),
           "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run([sys.executable, "-m", "builder", "build", str(course), "-o", str(dist)],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return {p.relative_to(dist).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(dist.rglob("*")) if p.is_file() and p.name != "build-report.json"}


def cached_codes(cache: Path) -> list[Path]:
    """The compiled templates stored under a cache folder."""
    return sorted(cache.rglob("*.code"))


def test_built_in_templates_are_kept_and_reused_with_the_same_output(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = build(MINI, tmp_path / "one", cache)
    stored = cached_codes(cache)
    assert len(stored) >= 5
    before = {p: p.stat().st_mtime_ns for p in stored}
    assert build(MINI, tmp_path / "two", cache) == first
    assert {p: p.stat().st_mtime_ns for p in cached_codes(cache)} == before  # read, not rewritten
    builtin = str(templates_dir())
    for path in stored:
        data = path.read_bytes()
        assert data.startswith(MAGIC)
        assert marshal.loads(data[len(MAGIC):]).co_filename.startswith(builtin)


def test_a_theme_override_is_never_cached(tmp_path: Path) -> None:
    course = Path(shutil.copytree(MINI, tmp_path / "mini"))
    folder = course / "templates" / "learner"
    folder.mkdir(parents=True)
    (folder / "index.html.j2").write_text(
        '{% extends "builtin/learner/index.html.j2" %}\n'
        '{% block footer %}<footer><p>' + MARKER + '</p></footer>{% endblock %}', "utf-8")
    cache = tmp_path / "cache"
    build(course, tmp_path / "dist", cache)
    stored = cached_codes(cache)
    assert stored  # the built-in templates it extends are cached
    for path in stored:
        data = path.read_bytes()
        assert MARKER.encode() not in data and str(course).encode() not in data
        assert not marshal.loads(data[len(MAGIC):]).co_filename.startswith(str(course))


def test_an_unwritable_or_damaged_cache_still_builds_the_same(tmp_path: Path) -> None:
    expected = build(MINI, tmp_path / "plain", tmp_path / "cache")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    assert build(MINI, tmp_path / "blocked", blocked) == expected
    assert blocked.read_text() == "a file where the cache folder would be"
    for path in cached_codes(tmp_path / "cache"):
        path.write_bytes(MAGIC + b"\x00damaged")
    assert build(MINI, tmp_path / "damaged", tmp_path / "cache") == expected


def test_the_cache_folder_follows_the_environment(tmp_path: Path) -> None:
    default = Path(os.path.expanduser("~")) / ".cache" / "coursepack"
    for environ, parent in (({CACHE_DIR_ENV: str(tmp_path)}, tmp_path),
                            ({"XDG_CACHE_HOME": str(tmp_path)}, tmp_path / "coursepack"),
                            ({"XDG_CACHE_HOME": "relative"}, default),
                            ({}, default)):
        folder = cache_folder(environ)
        assert folder is not None and folder.parent == parent
        assert folder.name.startswith("templates-")


def test_one_process_compiles_each_built_in_template_once() -> None:
    first = make_environment(MINI, "id").get_template("learner/index.html.j2")
    second = make_environment(MINI, "en").get_template("learner/index.html.j2")
    assert first is not second
    assert first.root_render_func.__code__ is second.root_render_func.__code__


def test_the_cache_keeps_its_newest_templates_and_drops_old_versions(tmp_path: Path) -> None:
    """A version's folder keeps its KEEP most recently written templates; another version's
    folder untouched for STALE_DAYS goes, a recent one stays, and nothing that is not a folder
    of compiled templates is ever removed."""
    from builder.cache import STALE_DAYS, prune

    now = 1_800_000_000.0
    base = tmp_path / "cache"
    mine = base / "templates-0.2.0-jinja3.1.6-cpython-311-3.11.7"
    mine.mkdir(parents=True)
    for n in range(6):
        code = mine / f"{n:064x}.code"
        code.write_bytes(MAGIC)
        os.utime(code, (now - 100 + n, now - 100 + n))
    old_days, recent_days = STALE_DAYS + 1, STALE_DAYS - 1
    folders = {}
    for name, days, extra in (
            ("templates-0.1.0-jinja3.1.6-cpython-311-3.11.7", old_days, None),  # stale: removed
            ("templates-0.1.9-jinja3.1.6-cpython-311-3.11.7", recent_days, None),  # recent: kept
            ("templates-0.0.9-jinja3.1.5-cpython-311-3.11.7", old_days, "notes.txt"),  # not ours
            ("templates-lama", old_days, None)):  # not a name the cache gives: not ours
        folder = base / name
        folder.mkdir()
        (folder / f"{0:064x}.code").write_bytes(MAGIC)
        if extra:
            (folder / extra).write_text("mine", "utf-8")
        stamp = now - days * 86400
        os.utime(folder, (stamp, stamp))
        folders[name] = folder

    prune(mine, keep=4, now=now)

    assert sorted(p.name for p in mine.iterdir()) == [f"{n:064x}.code" for n in range(2, 6)]
    assert [name for name, folder in folders.items() if folder.exists()] == [
        "templates-0.1.9-jinja3.1.6-cpython-311-3.11.7",
        "templates-0.0.9-jinja3.1.5-cpython-311-3.11.7", "templates-lama"]


def test_storing_a_template_prunes_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    """Storing compiled templates leaves at most KEEP of them in the version's folder."""
    from jinja2 import Environment

    from builder import cache

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "KEEP", 3)
    monkeypatch.setattr(cache, "_memory", {})
    env = Environment(autoescape=True)
    for n in range(5):
        cache.compiled_template(env, f"t{n}.j2", f"/templates/t{n}.j2", f"{{{{ {n} + x }}}}")
    assert len(cached_codes(tmp_path / "cache")) == 3
