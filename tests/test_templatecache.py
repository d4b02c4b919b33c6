"""The compiled built-in templates kept between runs: ours only, never a course's, and optional."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from builder.build import BuildOptions, build
from builder.render import make_environment, templates_dir
from builder.templatecache import BuiltinTemplateCache, fingerprint

MINI = Path(__file__).parent / "courses" / "mini"
MARKER = "Tema-lembaga-7f3a91"  # a text only the course's own template holds


def test_built_in_templates_are_kept_and_a_course_template_never(tmp_path: Path) -> None:
    course = Path(shutil.copytree(MINI, tmp_path / "kursus"))
    folder = course / "templates" / "learner"
    folder.mkdir(parents=True)
    (folder / "index.html.j2").write_text(
        '{% extends "builtin/learner/index.html.j2" %}\n'
        f'{{% block footer %}}<footer>{MARKER}</footer>{{% endblock %}}\n', "utf-8")
    build(course, tmp_path / "dist", BuildOptions(targets=("scorm12",)))
    with zipfile.ZipFile(tmp_path / "dist" / "kursus-mini-scorm12.zip") as archive:
        assert MARKER in archive.read("index.html").decode("utf-8")

    env = make_environment(course, "id")
    cache = env.bytecode_cache
    assert isinstance(cache, BuiltinTemplateCache)
    builtin = templates_dir() / "learner" / "index.html.j2"
    source = builtin.read_text("utf-8")
    bucket = cache.get_bucket(env, "learner/index.html.j2", str(builtin), source)
    assert bucket.code is not None  # compiled by the build, read back here
    own = folder / "index.html.j2"
    assert cache.get_bucket(env, "learner/index.html.j2", str(own), own.read_text()).key == ""
    kept = [p.read_bytes() for p in Path(cache.directory).glob("coursepack-*.cache")]
    assert kept and not any(MARKER.encode() in data for data in kept)


def test_a_cache_folder_that_cannot_be_used_is_no_cache(tmp_path: Path) -> None:
    env = make_environment(MINI, "id")
    env.bytecode_cache = BuiltinTemplateCache(templates_dir(), str(tmp_path / "missing"),
                                              fingerprint(env))
    html = env.get_template("facilitator/handout.html.j2")
    assert html.name == "facilitator/handout.html.j2"
    assert not (tmp_path / "missing").exists()
