"""Hostile courses, assets and themes: nothing outside the course folder gets into a package.

Every folder in tests/hostile/assets/ is one case: files appended to the base course (`append/`),
files added to it (`course/`), and `expected.txt`, the exact stderr of
`coursepack --lang en build course -o dist`. Symlinks, FIFOs and editor files are made at run time
by SETUP below (git stores them poorly). The base course `_course/` is a frozen copy of the mini
course, so that the cases' line numbers hold. The course sits beside a canary it tries to reach.

For every case: the exact report; exit 1 when it has errors (warnings-only cases: 1 with
--strict, then 0); no traceback; a failed build leaves a good dist/ byte for byte as it was;
nothing changes outside dist/ (the canary, the course, no new files anywhere in the tree); no built
file or zip entry holds the canary's marker or the case's hostile text; `check` reports the same.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.hostile import (
    CANARY_MARKER,
    Workspace,
    assert_not_packaged,
    build,
    check,
    packaged_files,
    snapshot,
    tree_changes,
    workspace,
)
from support import paths

from builder.assets import Refusal, Resolver, is_hidden, srcset_candidates
from builder.messages import CATALOG
from builder.render import MarkdownRenderer, Removal

CASES_DIR = paths.tests_dir() / "hostile" / "assets"
BASE = CASES_DIR / "_course"  # a frozen copy of the mini course: the cases' line numbers rest on it
NAMES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "expected.txt").is_file())
LEARNER_ZIPS = ("kursus-mini-scorm12.zip", "kursus-mini-scorm2004.zip", "kursus-mini-cmi5.zip",
                "kursus-mini-offline.zip")
# The fast lane runs these; the whole corpus (two or three builds in a fresh process per case) is
# the slow lane's (tests/conftest.py): one case refused outright, one cleaned with a warning,
# one remote theme file, one broken theme template, one escaping symlink.
FAST_CASES = {"linked-file-outside", "quiz-raw-html", "theme-static-css-remote",
              "theme-template-syntax", "symlink-in-assets"}
# The codes whose only cases are here (tests/test_diagnostics_corpus.py leaves them to us).
HOSTILE_ASSET_CODES = {"remote-asset", "link-without-scheme", "asset-not-in-assets",
                       "asset-not-a-file", "theme-outside", "template-error"}


def link(path: str, target: Callable[[Workspace], str | Path]) -> Callable[[Workspace], None]:
    """Make `path` in the course a symlink to a target (relative text, or a path in the tree)."""
    def setup(space: Workspace) -> None:
        where = space.course / path
        where.parent.mkdir(parents=True, exist_ok=True)
        where.symlink_to(target(space))
    return setup


def fifo(path: str) -> Callable[[Workspace], None]:
    """Make `path` in the course a named pipe (reading it would block forever)."""
    def setup(space: Workspace) -> None:
        where = space.course / path
        where.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(where)
    return setup


def folder_with_a_file(space: Workspace) -> None:
    """assets/ with one ordinary file, so that `../assets/` names a folder that exists."""
    (space.course / "assets").mkdir()
    (space.course / "assets" / "foto.png").write_bytes(b"PNG")


def link_loop(space: Workspace) -> None:
    """A theme static folder with a real file and a link to itself."""
    static = space.course / "templates" / "learner" / "static"
    static.mkdir(parents=True)
    (static / "tema.css").write_text(".cp-tema { color: #123456 }\n", "utf-8")
    (static / "ulang").symlink_to(".")


def editor_files(space: Workspace) -> None:
    """What editors and file managers leave behind, each holding the marker."""
    modules, quizzes = space.course / "modules", space.course / "quizzes"
    (modules / ".#01-pengantar.md").symlink_to("guru@laptop.4242:1700000000")  # an Emacs lock
    (modules / "._01-pengantar.md").write_bytes(b"\x00\x05\x16\x07 EDITOR-JUNK macOS")
    (modules / "01-pengantar.md~").write_text("---\nid: cadangan\n---\nEDITOR-JUNK\n", "utf-8")
    (modules / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1 EDITOR-JUNK")
    (quizzes / "._akhir.yaml").write_bytes(b"\x00\x05\x16\x07 EDITOR-JUNK")
    (quizzes / ".#akhir.yaml").symlink_to("guru@laptop.4242:1700000000")
    static = space.course / "templates" / "learner" / "static" / "assets"
    static.mkdir(parents=True)
    (static / "tema.css").write_text(".cp-tema { color: #123456 }\n", "utf-8")
    (static / "tema.css~").write_text("/* EDITOR-JUNK */\n", "utf-8")
    (static.parent / ".DS_Store").write_bytes(b"EDITOR-JUNK")


@dataclass(frozen=True)
class Case:
    """What a case needs beyond its folder."""

    setup: Callable[[Workspace], None] | None = None
    forbidden: tuple[str, ...] = ()  # text no built file may hold (the canary marker: always)
    check_agrees: bool = True  # `check` reports the same (False: only rendering can find it)
    packaged: tuple[tuple[str, bytes], ...] = ()  # entries every learner zip must hold


CANARY = "../../canary/secret.png"
CASES: dict[str, Case] = {
    "media-double-slash": Case(forbidden=("root:x:0:0",)),
    "file-scheme-image": Case(forbidden=("root:x:0:0", "file:")),
    "symlink-in-assets": Case(link("assets/peta.png", lambda s: CANARY)),
    "symlinked-assets-folder": Case(link("assets", lambda s: "../canary")),
    "quiz-feedback-symlink": Case(link("assets/bukti.png", lambda s: s.canary / "secret.png")),
    "asset-fifo": Case(fifo("assets/pipa.png")),
    "asset-is-a-folder": Case(folder_with_a_file),
    "remote-image-https": Case(forbidden=("evil.example",)),
    "remote-image-protocol-relative": Case(forbidden=("evil.example",)),
    "remote-image-unc": Case(forbidden=("evil.example",)),
    "remote-srcset": Case(forbidden=("evil.example",)),
    "link-without-scheme": Case(forbidden=("evil.example",)),
    "quiz-choice-remote": Case(forbidden=("evil.example",)),
    "brand-logo-remote": Case(forbidden=("evil.example",)),
    "entity-javascript-link": Case(forbidden=("javascript:", "alert(1)")),
    "head-elements": Case(forbidden=("evil.example", "http-equiv")),
    "data-video-details": Case(forbidden=("evil.example", "data:image", "v.mp4")),
    "quiz-raw-html": Case(forbidden=("steal()", "body{display:none}")),
    "theme-static-symlink": Case(link("templates/learner/static/assets/tema.css",
                                      lambda s: s.canary / "secret.css")),
    "theme-static-folder-symlink": Case(link("templates/learner/static/vendor",
                                             lambda s: s.canary)),
    "theme-template-symlink": Case(link("templates/learner/index.html.j2",
                                        lambda s: s.canary / "secret.txt")),
    "theme-static-fifo": Case(fifo("templates/learner/static/pipa.css")),
    "theme-static-link-loop": Case(link_loop, packaged=(("tema.css", b".cp-tema { color: "
                                                                     b"#123456 }\n"),)),
    "theme-template-undefined": Case(check_agrees=False),
    "theme-template-remote": Case(forbidden=("evil.example",), check_agrees=False),
    "facilitator-template-remote": Case(forbidden=("evil.example",), check_agrees=False),
    "theme-static-css-remote": Case(forbidden=("evil.example",)),
    "theme-template-reads-file": Case(check_agrees=False),
    "hidden-editor-files": Case(editor_files, forbidden=("EDITOR-JUNK", "cadangan")),
    "quiz-media-packaged": Case(packaged=(("media/soal.png", b"PNG-PROMPT"),
                                          ("media/umpan.png", b"PNG-FEEDBACK"),
                                          ("media/panduan.pdf", b"PDF-PANDUAN"))),
}


@pytest.fixture(scope="module")
def good_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ with a good build of the mini course, made once."""
    root = tmp_path_factory.mktemp("good")
    code, _, err = build(BASE, root / "dist")
    assert (code, err) == (0, "")
    return root / "dist"


def prepare(name: str, root: Path, good_dist: Path) -> Workspace:
    """The case's tree: the mini course with the case's files, a canary, a good dist/."""
    space = workspace(root, BASE, good_dist)
    folder = CASES_DIR / name
    if (folder / "course").is_dir():
        shutil.copytree(folder / "course", space.course, dirs_exist_ok=True)
    for extra in sorted((folder / "append").rglob("*")) if (folder / "append").is_dir() else []:
        if extra.is_file():
            target = space.course / extra.relative_to(folder / "append")
            target.write_text(target.read_text("utf-8") + extra.read_text("utf-8"), "utf-8")
    setup = CASES.get(name, Case()).setup
    if setup is not None:
        setup(space)
    return space


def has_errors(report: str) -> bool:
    """True when a report's count line names errors."""
    return bool(report) and not report.splitlines()[-1].startswith("0 error(s), ")


def test_the_corpus_covers_every_hostile_code_and_names_each_case() -> None:
    assert len(NAMES) >= 20
    reports = "".join((CASES_DIR / name / "expected.txt").read_text("utf-8") for name in NAMES)
    for code in HOSTILE_ASSET_CODES | {"asset-outside", "missing-asset", "unsafe-html",
                                       "unsafe-attribute", "unsafe-link"}:
        assert f"[{code}]: " in reports, code
    assert set(CASES) <= set(NAMES)
    readme = (CASES_DIR / "README.md").read_text("utf-8")
    for name in NAMES:
        assert f"\n| {name} | " in readme, name


def test_every_hostile_code_reads_in_english_and_indonesian() -> None:
    for code in HOSTILE_ASSET_CODES | {"unsafe-html", "unsafe-attribute", "unsafe-link"}:
        message = CATALOG[code]
        assert message.en and message.id and message.en != message.id, code
        assert message.en_hint and message.id_hint and message.en_hint != message.id_hint, code


@pytest.mark.parametrize("name", [n if n in FAST_CASES else pytest.param(n, marks=pytest.mark.slow)
                                  for n in NAMES])
def test_hostile_course_is_refused_or_cleaned_and_nothing_escapes(
        name: str, tmp_path: Path, good_dist: Path) -> None:
    case = CASES.get(name, Case())
    space = prepare(name, tmp_path, good_dist)
    expected = (CASES_DIR / name / "expected.txt").read_text("utf-8")
    errors = has_errors(expected)
    outside, dist_before = space.outside_dist(), snapshot(space.dist)

    strict = () if errors or not expected else ("--strict",)
    code, out, err = build(space.course, space.dist, *strict)

    assert err == expected
    assert "Traceback" not in out + err
    assert tree_changes(outside, space.outside_dist()) == []  # canary, course, no new file
    if errors or strict:
        assert code == 1 and out == ""
        assert tree_changes(dist_before, snapshot(space.dist)) == []
    if not errors:
        code, out, err = build(space.course, space.dist)
        assert (code, err) == (0, expected)
        assert tree_changes(outside, space.outside_dist()) == []
        assert snapshot(space.dist) != dist_before or not expected
    assert_not_packaged(space.dist, CANARY_MARKER)
    # The Moodle quiz-bank exports carry the author's source text (Moodle cleans it on import).
    assert_not_packaged(space.dist, *case.forbidden, ignore=("/bank-soal/",))
    files = packaged_files(space.dist)
    for entry, data in case.packaged:
        for zip_name in LEARNER_ZIPS:
            assert files[f"{zip_name}!{entry}"] == data, (zip_name, entry)
    if case.check_agrees:
        code, out, err = check(space.course)
        assert (code, err) == (1 if errors else 0, expected)
        assert tree_changes(outside, space.outside_dist()) == []


def test_quiz_media_reach_the_answer_key_of_the_facilitator_pack(
        tmp_path: Path, good_dist: Path) -> None:
    space = prepare("quiz-media-packaged", tmp_path, good_dist)
    assert build(space.course, space.dist)[0] == 0
    pack = space.dist / "kursus-mini-facilitator"
    assert (pack / "media" / "soal.png").read_bytes() == b"PNG-PROMPT"
    assert 'src="media/soal.png"' in (pack / "kunci-jawaban.html").read_text("utf-8")
    with zipfile.ZipFile(space.dist / "kursus-mini-scorm12.zip") as archive:
        manifest = archive.read("imsmanifest.xml").decode()
    assert 'href="media/panduan.pdf"' in manifest and 'href="media/umpan.png"' in manifest


RICH_MARKDOWN = """### Sub-judul

Teks *miring*, **tebal**, `kode <b>`, [tautan](https://example.org/a?b=1&c=2), <guru@example.org>,
<https://example.org/auto> dan [ke atas](#s-pengantar).

| Kolom | Angka |
|:------|------:|
| a     | 1     |

1. satu
2. dua

> **Skenario:** kutipan

    blok <script>kode</script>

---

<abbr title="Aparatur Sipil Negara">ASN</abbr> <span lang="en">leadership</span>
"""


def test_what_markdown_itself_writes_is_never_reported_as_removed() -> None:
    rendered = MarkdownRenderer().render(RICH_MARKDOWN, "modules/01-x.md", shift=1)
    assert rendered.removed == ()
    assert [use.refusal for use in rendered.uses] == [None] * len(rendered.uses)
    assert '<th align="left">' in rendered.html and "&lt;script&gt;" in rendered.html


def test_removals_are_what_the_sanitizer_dropped_element_by_element() -> None:
    rendered = MarkdownRenderer().render(
        '<meta http-equiv="refresh" content="0"><p class="x" onclick="f()">a <b>b</b></p>\n\n'
        '<img src="data:image/png;base64,AA" alt="t"><details open><summary>s</summary></details>')
    assert rendered.removed == (
        Removal("meta"), Removal("p", "class", "x"), Removal("p", "onclick", "f()"),
        Removal("img", "src", "data:image/png;base64,AA"), Removal("details"),
        Removal("summary"))


def test_urls_are_read_as_a_browser_reads_them(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a b.png").write_bytes(b"x")
    resolver = Resolver(tmp_path)
    assert resolver.url("modules/m.md", "img", " ../assets/a%20b.png ") == "media/a%20b.png"
    assert resolver.url("modules/m.md", "img", "..\\assets\\a b.png") == "media/a%20b.png"
    assert resolver.url("modules/m.md", "a", "../assets/a b.png#p=2") == "media/a%20b.png#p=2"
    assert resolver.assets == {"media/a b.png": (tmp_path / "assets" / "a b.png").resolve()}
    assert resolver.url("modules/m.md", "img", "\t//evil.example/x") == Refusal(
        "remote-asset", "\t//evil.example/x")
    assert resolver.url("modules/m.md", "a", "java\nscript:x()") == Refusal(
        "unsafe-link", "java\nscript:x()", "javascript")
    assert resolver.url("modules/m.md", "a", "https://example.org") == "https://example.org"
    assert srcset_candidates("a.png 1x, b.png  2x,c.png") == [("a.png", "1x"), ("b.png", "2x"),
                                                               ("c.png", "")]


def test_hidden_and_editor_files_are_recognised() -> None:
    assert all(is_hidden(n) for n in (".DS_Store", "._x.md", ".#x.md", "x.md~", "~$x.docx"))
    assert not any(is_hidden(n) for n in ("01-x.md", "x~y.md", "peta.png"))
