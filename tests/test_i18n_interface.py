"""The interface's language: every word a learner or facilitator reads follows the course's
`language`, from the gettext catalogs in builder/locale (see builder/i18n.py)."""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from builder.build import build
from builder.options import BuildOptions
from builder.classroom.text import strings
from builder.i18n import locale_dir, translations
from builder.load import load_course
from builder.state import RESULTS_SCREEN_ID
from builder.targets.facilitator import pack_files
from builder.files import readme_name

HERE = Path(__file__).parent
MINI = HERE / "courses" / "mini"
MINI_EN = HERE / "courses" / "mini-en"

# ==================================================================================================
# i18n-ui: the learner edition, the facilitator pack, the offline README and the classroom pages
# speak the course's language; the Indonesian catalog is complete; a language without a catalog
# reads English.
# ==================================================================================================

# A catalog text counts as a tell-tale of its language when it is at least MIN_WORD characters
# long, or a piece of it (between placeholders, tags and punctuation) at least MIN_PIECE: shorter
# ones ("JP", the "valid" of "valid {n} minutes") could be anyone's word.
MIN_WORD = 5
MIN_PIECE = 8
PIECE_SPLIT = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}|<[^>]*>|[\u201c\u201d.:;,()…→✔]")
TEXT_FILES = (".html", ".txt", ".js", ".xml", ".json", ".css")
# Where an HTML page shows words outside its text nodes.
SHOWN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "data-label", "content")


def id_catalog() -> Catalog:
    """The Indonesian catalog as written (the .po; test_id_catalog_compiles_... checks the .mo)."""
    with (locale_dir() / "id" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f)


def forms(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    """The one string, or every plural form, of a msgid or msgstr."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]


def pieces(text: str) -> set[str]:
    """A catalog text, or the long pieces of it between its placeholders, tags and punctuation."""
    whole = text.strip()
    if not PIECE_SPLIT.search(whole):
        return {whole} if len(whole) >= MIN_WORD else set()
    return {p.strip() for p in PIECE_SPLIT.split(text) if len(p.strip()) >= MIN_PIECE}


def tell_tales() -> tuple[set[str], set[str]]:
    """(Indonesian pieces, English pieces) of every message whose translation differs."""
    indonesian: set[str] = set()
    english: set[str] = set()
    for message in id_catalog():
        if not message.id:
            continue
        ids, strs = forms(message.id), forms(message.string)
        if set(ids) == set(strs):
            continue
        indonesian |= {p for s in strs for p in pieces(s)}
        english |= {p for s in ids for p in pieces(s)}
    shared = indonesian & english  # a piece both languages write the same way tells nothing
    return indonesian - shared, english - shared


def found(needles: set[str], text: str) -> list[str]:
    """The needles that occur in a text as whole words (the regex only for those that occur)."""
    return sorted(n for n in needles
                  if n in text and re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text))


class ShownText(html.parser.HTMLParser):
    """What a reader sees of an HTML page: text outside scripts and styles, shown attributes, and
    the values of the cp-text block the learner runtime shows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: str | None = None
        self.json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note scripts and styles; keep the shown attributes."""
        named = dict(attrs)
        if tag in ("script", "style"):
            self.skip = tag
            self.json = named.get("id") == "cp-text"
        self.parts += [v for k, v in attrs if k in SHOWN_ATTRIBUTES and v]

    def handle_endtag(self, tag: str) -> None:
        """Leave a script or style."""
        if tag == self.skip:
            self.skip, self.json = None, False

    def handle_data(self, data: str) -> None:
        """Keep text; of scripts, only the cp-text block's values."""
        if self.json:
            self.parts += [str(v) for v in json.loads(data).values()]
        elif self.skip is None:
            self.parts.append(data)


def shown_text(page: str) -> str:
    """The words a reader sees on an HTML page, one per line."""
    parser = ShownText()
    parser.feed(page)
    return "\n".join(parser.parts)


def unpacked(dist: Path, into: Path) -> Path:
    """Every output of a dist/ as folders: zips unpacked, folders copied."""
    for artifact in dist.iterdir():
        if artifact.suffix == ".zip":
            with zipfile.ZipFile(artifact) as z:
                z.extractall(into / artifact.stem)
        elif artifact.is_dir():
            shutil.copytree(artifact, into / f"{artifact.name}-folder")
    return into


def text_files(root: Path) -> Iterator[Path]:
    """The text files of the built outputs."""
    return (p for p in sorted(root.rglob("*")) if p.is_file() and p.suffix in TEXT_FILES)


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every target of the English mini course, unpacked."""
    dist = tmp_path_factory.mktemp("dist-en")
    result = build(MINI_EN, dist)
    assert not result.diagnostics, [d.format() for d in result.diagnostics]
    return unpacked(dist, tmp_path_factory.mktemp("out-en"))


@pytest.fixture(scope="module")
def indonesian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every target of the Indonesian mini course, unpacked."""
    dist = tmp_path_factory.mktemp("dist-id")
    result = build(MINI, dist)
    assert not result.diagnostics, [d.format() for d in result.diagnostics]
    return unpacked(dist, tmp_path_factory.mktemp("out-id"))


def test_the_tell_tales_come_from_the_catalog_and_are_many() -> None:
    indonesian, english = tell_tales()
    # Words of every stream are there: the learner page, the facilitator pack, the README.
    assert {"Langsung ke isi", "Kunci jawaban", "Cara membuka kursus tanpa internet"} <= indonesian
    assert {"Skip to content", "Answer key", "How to open the course without internet"} <= english
    assert len(indonesian) > 100 and len(english) > 100


def test_the_english_course_builds_every_target_with_english_file_names(english: Path) -> None:
    outputs = sorted(p.name for p in english.iterdir())
    assert outputs == ["mini-course-cmi5", "mini-course-facilitator-folder",
                       "mini-course-offline", "mini-course-offline-folder",
                       "mini-course-scorm12", "mini-course-scorm2004"]
    pack = english / "mini-course-facilitator-folder"
    assert {"index.html", "session-plan.html", "dilemma-cards.html", "answer-key.html",
            "handout.html", "question-bank", "facilitator.css"} <= {p.name for p in pack.iterdir()}
    assert sorted(p.name for p in (pack / "question-bank").iterdir()) == ["README.txt", "gift.txt",
                                                                         "moodle.xml"]
    assert (english / "mini-course-offline" / "README.txt").is_file()
    assert not (english / "mini-course-offline" / "BACA-SAYA.txt").exists()


def test_the_english_session_plan_runs_offline_in_english(english: Path) -> None:
    plan = (english / "mini-course-facilitator-folder" / "session-plan.html").read_text("utf-8")
    section = plan[plan.index('<h2 id="tanpa-internet">'):plan.index('<h2 id="bahan">')]
    assert "Running the session without internet" in section
    assert "<code>mini-course-offline/</code>" in section  # the folder as the build names it
    assert "Results page" in section and "stay in the browser" in section
    assert "or the folder mini-course-offline/ (offline edition) on each computer" in plan
    assert "retake happens after the session" not in plan  # mini's closing leaves room for one
    assert "The closing block leaves room for a retake" in plan


def test_the_indonesian_course_keeps_its_file_names(indonesian: Path) -> None:
    pack = indonesian / "kursus-mini-facilitator-folder"
    assert {"index.html", "rencana-sesi.html", "kartu-dilema.html", "kunci-jawaban.html",
            "bahan-peserta.html", "bank-soal", "fasilitator.css"} <= {p.name for p in pack.iterdir()}
    assert (indonesian / "kursus-mini-offline" / "BACA-SAYA.txt").is_file()
    assert sorted(p.name for p in (pack / "bank-soal").iterdir()) == ["BACA-SAYA.txt", "gift.txt",
                                                                     "moodle-ordering.xml",
                                                                     "moodle.xml"]


def test_the_english_editions_hold_no_indonesian_interface_words(english: Path) -> None:
    needles, _ = tell_tales()
    leaks = {}
    for path in text_files(english):
        text = path.read_text("utf-8")
        hits = found(needles, shown_text(text) if path.suffix == ".html" else text)
        if hits:
            leaks[str(path.relative_to(english))] = hits
    assert leaks == {}


def test_the_indonesian_editions_show_no_english_interface_words(indonesian: Path) -> None:
    _, needles = tell_tales()
    leaks = {}
    for path in text_files(indonesian):
        if path.suffix not in (".html", ".txt"):
            continue  # scripts and styles are written in English; what they show is in cp-text
        text = path.read_text("utf-8")
        hits = found(needles, shown_text(text) if path.suffix == ".html" else text)
        if hits:
            leaks[str(path.relative_to(indonesian))] = hits
    assert leaks == {}


@pytest.mark.parametrize(("edition", "language"), [("english", "en"), ("indonesian", "id")])
def test_every_page_names_its_language(edition: str, language: str,
                                       request: pytest.FixtureRequest) -> None:
    root: Path = request.getfixturevalue(edition)
    pages = list(root.rglob("*.html"))
    assert len(pages) >= 10
    for page in pages:
        tag = re.search(r"<html\b[^>]*>", page.read_text("utf-8"))
        assert tag is not None and f'lang="{language}"' in tag[0], page


def test_true_false_choices_have_neutral_ids_and_labels_in_the_course_language() -> None:
    for root, labels in ((MINI_EN, ["True", "False"]), (MINI, ["Benar", "Salah"])):
        course, problems = load_course(root)
        assert course is not None and not problems
        check = next(q for q in course.quizzes if q.kind == "knowledge-check")
        question = next(q for q in check.questions if q.type == "truefalse")
        assert [c.id for c in question.choices] == ["true", "false"]
        assert [c.text for c in question.choices] == labels
        assert question.choices[1].feedback  # `false:` (English) and `salah:` (older) both read


def test_the_english_answer_key_and_quiz_bank_name_true_false_in_english(english: Path) -> None:
    pack = english / "mini-course-facilitator-folder"
    key = shown_text((pack / "answer-key.html").read_text("utf-8"))
    assert "True" in key and "False" in key and "Benar" not in key
    gift = (pack / "question-bank" / "gift.txt").read_text("utf-8")
    assert "{TRUE#Not quite, data helps.#Right, data helps.}" in gift
    data = (english / "mini-course-scorm12" / "index.html").read_text("utf-8")
    assert '"choices":["false","true"]' in data and "benar" not in data


def test_file_names_from_a_catalog_are_safe() -> None:
    for language in ("en", "id", "fr"):
        names = pack_files(language)
        for name in (*names.pages.values(), names.gift, names.moodle_xml, names.styles,
                     readme_name(translations(language))):
            assert re.fullmatch(r"[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)?\.[a-z]+", name), name


def test_a_language_without_a_catalog_reads_english_after_a_warning(
        tmp_path: Path) -> None:
    course = Path(shutil.copytree(MINI_EN, tmp_path / "fr"))
    text = (course / "course.yaml").read_text("utf-8")
    (course / "course.yaml").write_text(text.replace("language: en", "language: fr"), "utf-8")
    result = build(course, tmp_path / "dist", BuildOptions(targets=("offline", "facilitator")))
    assert [d.format() for d in result.diagnostics] == [
        "course.yaml:4:1: warning[language-no-catalog]: the interface has no 'fr' translation; "
        "learners and facilitators read it in English\n"
        "  hint: use one of: en, id, or add a catalog to builder/locale"]
    page = (tmp_path / "dist" / "mini-course-facilitator" / "answer-key.html").read_text("utf-8")
    assert '<html lang="fr">' in page and "Answer key" in page
    assert (tmp_path / "dist" / "mini-course-offline" / "README.txt").is_file()


def test_the_classroom_strings_follow_the_catalog() -> None:
    english, indonesian = strings("en"), strings("id")
    assert english.keys() == indonesian.keys()
    assert english["join_title"] == "Join the class"
    assert indonesian["join_title"] == "Bergabung ke kelas"
    assert strings("fr") == english
    needles, _ = tell_tales()
    assert found(needles, "\n".join(english.values())) == []


def test_the_english_classroom_pages_are_english(tmp_path: Path) -> None:
    import httpx
    from support.classroom import in_thread, port_of

    from builder.classroom.edition import prepare

    needles, _ = tell_tales()
    with in_thread(prepare(MINI_EN), tmp_path) as room, \
            httpx.Client(base_url=f"http://127.0.0.1:{port_of(room)}", timeout=10) as http:
        join = http.get("/").text
        assert http.post("/dashboard/login", data={"pin": room.pin}).status_code == 303
        dashboard = http.get("/dashboard").text
        for page in (join, dashboard):
            assert '<html lang="en">' in page
            assert found(needles, shown_text(page)) == []
        assert "Join the class" in join and "Facilitator dashboard" in dashboard


def test_every_indonesian_message_is_translated() -> None:
    untranslated = [message.id for message in id_catalog()
                    if message.id and not all(forms(message.string))
                    or message.id and len(forms(message.string)) < len(forms(message.id))]
    assert untranslated == []
    assert not [m.id for m in id_catalog() if m.fuzzy and m.id]


def test_id_catalog_compiles_to_what_the_builder_reads() -> None:
    t = translations("id")
    for message in id_catalog():
        if not message.id:
            continue
        ids, strs = forms(message.id), forms(message.string)
        if isinstance(message.id, tuple):
            assert t.ngettext(ids[0], ids[1], 2) == strs[-1], ids
        elif message.context:
            assert t.pgettext(message.context, ids[0]) == strs[0], ids
        else:
            assert t.gettext(ids[0]) == strs[0], ids


# -- in a real Chromium: axe on the English learner edition and facilitator pack ------------------

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


@pytest.mark.browser
def test_the_english_facilitator_pack_is_axe_clean(english: Path, page: object) -> None:
    from playwright.sync_api import Page
    from support.axe import format_violations, run_axe

    assert isinstance(page, Page)
    pack = english / "mini-course-facilitator-folder"
    for name in pack_files("en").pages.values():
        page.goto((pack / name).as_uri())
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            violations = run_axe(page.main_frame, WCAG_TAGS)
            assert not violations, f"{name} at {width} px:\n{format_violations(violations)}"


@pytest.mark.browser
def test_the_english_learner_edition_is_axe_clean_on_every_screen(english: Path,
                                                                  page: object) -> None:
    from playwright.sync_api import Page, expect
    from support.axe import format_violations, run_axe

    assert isinstance(page, Page)
    page.goto((english / "mini-course-offline" / "index.html").as_uri())

    def clean(where: str) -> None:
        violations = run_axe(page.main_frame, WCAG_TAGS)
        assert not violations, f"{where}:\n{format_violations(violations)}"

    expect(page.locator("#cp-start")).to_be_visible()
    clean("start")
    page.locator("#cp-start-go").click()  # no name yet: the error is shown
    expect(page.locator("#cp-name-err")).to_have_text("Type your name first.")
    clean("start, name missing")
    page.locator("#cp-name").fill("Ann Lee")
    page.locator("#cp-start-go").click()
    seen = []
    for _ in range(20):
        shown = page.locator("section[data-screen]:not([hidden])")
        expect(shown).to_have_count(1)
        screen = shown.get_attribute("data-screen") or ""
        for question in shown.locator("form.cp-question").all():
            question.locator("input[type=radio], input[type=checkbox]").first.check()
            question.locator("button[type=submit]").click()
        clean(screen)
        seen.append(screen)
        if page.locator("#cp-next").is_disabled():
            break
        page.locator("#cp-next").click()
    # every screen, each quiz answered with its feedback shown, up to the results
    assert seen == ["introduction", "second-page", "check-introduction", "reflection", "final",
                    RESULTS_SCREEN_ID]
    assert page.locator("#cp-verdict").is_visible()
