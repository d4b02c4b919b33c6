"""Sorting, ordering and matching questions: read and checked with located errors, shown without
dragging, scored per part without the key in the page, reported to the LMS as matching and
sequencing interactions, and exported to Moodle's question bank (match, ordering) and GIFT.

The browser tests use the keyboard only on the questions (Tab, arrows, Space, Enter) in the offline
edition at 360 px and in scorm-again's SCORM 2004 LMS, and run axe on the quiz screen.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.courses import edit, problems_of
from lxml import etree
from playwright.sync_api import BrowserContext, Frame, Page
from support.axe import format_violations, run_axe
from support.lms12 import Scorm12Lms
from support.lms2004 import Scorm2004Lms
from support.moodle_import import parse_gift, parse_moodle_xml

from builder.build import build, check_course
from builder.options import BuildOptions
from builder.errors import CourseError
from builder.load import load_course
from builder.model import Question
from builder.resolve import ResolvedCourse, resolve
from builder.state import answer_key, response_ids, reveal
from builder.targets import quizbank

MINI = Path(__file__).parent / "courses" / "mini"
CHECK = "cek-pengantar"
MOVED = re.compile(r"^(.+): sekarang di urutan (\d+) dari (\d+)\.$")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini course."""
    return Path(shutil.copytree(MINI, tmp_path / "mini"))



def with_questions(root: Path, yaml: str) -> None:
    """Replace the knowledge check's sorting, ordering and matching questions with `yaml`."""
    path = root / "quizzes" / f"{CHECK}.yaml"
    head = path.read_text("utf-8").split("  - id: cek-kelompok")[0]
    path.write_text(head + yaml, "utf-8")


def resolved_mini() -> ResolvedCourse:
    """The mini course, loaded and resolved."""
    course, problems = load_course(MINI)
    assert course is not None and problems == []
    return resolve(course)


def question(course: ResolvedCourse, qid: str) -> Question:
    """A question of the course by id."""
    return next(q for q in course.questions if q.id == qid)


# -- the source: fields and located errors ------------------------------------------------------


def test_each_new_type_is_read_with_its_parts_and_feedback() -> None:
    course = resolved_mini()
    sorting, ordering, matching = (question(course, q) for q in
                                   ("cek-kelompok", "cek-urutan", "cek-pasangan"))
    assert [(c.id, c.text) for c in sorting.categories] == [("berubah", "Berubah"),
                                                             ("tetap", "Tetap")]
    assert [(i.id, i.category) for i in sorting.items] == [
        ("data", "berubah"), ("integritas", "tetap"), ("layanan-digital", "berubah")]
    assert [i.id for i in ordering.items] == ["kumpulkan", "analisis", "putuskan"]
    assert [p.id for p in matching.pairs] == ["jujur", "peduli", "tanggung-jawab"]
    assert sorting.feedback == ("Tepat, cara kerja berubah dan nilai tetap.",
                                "Belum tepat. Cara kerja berubah, nilai tetap.")
    assert answer_key(course.salt, sorting) == (
        "data=berubah", "integritas=tetap", "layanan-digital=berubah")
    assert answer_key(course.salt, ordering) == ("kumpulkan", "analisis", "putuskan")
    rids = response_ids(course.salt, matching)
    assert sorted(rids.values()) == ["r1", "r2", "r3"]
    shown = [pair for pair, _ in sorted(rids.items(), key=lambda kv: kv[1])]
    assert shown != [p.id for p in matching.pairs], "the responses are shown shuffled"


def test_fields_of_another_type_are_located_errors(mini: Path) -> None:
    with_questions(mini, """  - id: cek-kelompok
    type: sorting
    prompt: Kelompokkan.
    choices:
      - {id: a, text: A, correct: true}
    categories:
      - {id: a, text: A}
      - {id: b, text: B}
    items:
      - {id: x, text: X, category: a}
      - {id: y, text: Y, category: b}
      - {id: z, text: Z, category: a}
  - id: cek-pasangan
    type: matching
    prompt: Pasangkan.
    pairs:
      - {id: a, premise: A, response: Satu}
      - {id: b, premise: B, response: Dua}
      - {id: c, premise: C, responce: Tiga}
    feedback: benar
  - id: cek-satu-lagi
    type: single
    prompt: Pilih.
    items:
      - {id: a, text: A}
    choices:
      - {id: a, text: A, correct: true, feedback: Ya}
      - {id: b, text: B, feedback: Tidak}
""")
    assert problems_of(mini) == [
        "quizzes/cek-pengantar.yaml:46:5: error[field-not-for-type]: sorting questions have no "
        "'choices'; it would be ignored\n  hint: remove 'choices:', or change the question's 'type:'",
        "quizzes/cek-pengantar.yaml:61:9: error[missing-field]: pair has no 'response'\n"
        "  hint: add 'response:' to the pair",
        "quizzes/cek-pengantar.yaml:61:29: error[unknown-field]: unknown field 'responce' in pair\n"
        "  hint: did you mean 'response'?",
        "quizzes/cek-pengantar.yaml:62:5: error[not-a-mapping]: feedback must be a mapping of "
        "fields\n  hint: write 'field: value' lines",
        "quizzes/cek-pengantar.yaml:66:5: error[field-not-for-type]: single questions have no "
        "'items'; it would be ignored\n  hint: remove 'items:', or change the question's 'type:'",
    ]


def test_counts_categories_ids_and_texts_are_checked_where_written(mini: Path) -> None:
    with_questions(mini, """  - id: cek-kelompok
    type: sorting
    prompt: Kelompokkan.
    categories:
      - {id: berubah, text: Berubah}
    items:
      - {id: data, text: Data, category: berubh}
      - {id: data, text: Integritas, category: tetap}
    feedback: {correct: Ya, incorrect: Tidak}
  - id: cek-sort-lima
    type: sorting
    prompt: Lima kategori.
    categories:
      - {id: a, text: A}
      - {id: b, text: B}
      - {id: c, text: C}
      - {id: d, text: D}
      - {id: e, text: E}
    items:
      - {id: x, text: X -> Y, category: a}
      - {id: y, text: Y, category: b}
      - {id: z, text: Z, category: c}
      - {id: w, text: W, category: d}
  - id: cek-urutan
    type: ordering
    prompt: Urutkan.
    items:
      - {id: satu, text: Satu}
      - {id: dua, text: Satu}
  - id: cek-pasangan
    type: matching
    prompt: Pasangkan.
    pairs:
      - {id: a, premise: A, response: Sama}
      - {id: b, premise: B, response: Sama}
      - {id: c, premise: C, response: Lain}
""")
    where = "quizzes/cek-pengantar.yaml"
    assert problems_of(mini) == [
        f"{where}:43:5: error[category-count]: the sorting question 'cek-kelompok' has 1 "
        "category\n  hint: give it between 2 and 4 categories",
        f"{where}:43:5: error[part-count]: the question 'cek-kelompok' has 2 items\n"
        "  hint: give it between 3 and 10",
        f"{where}:47:9: warning[category-unused]: no item of the question 'cek-kelompok' belongs "
        "to the category 'berubah'\n  hint: that is allowed (it is a distractor); check the "
        "items' 'category:'",
        f"{where}:49:32: error[unknown-category]: the item 'data' names the unknown category "
        "'berubh'\n  hint: did you mean 'berubah'?",
        f"{where}:50:9: error[duplicate-id]: the item id 'data' is already used\n"
        f"  hint: first used at {where}:49; give this one another id",
        f"{where}:50:38: error[unknown-category]: the item 'data' names the unknown category "
        "'tetap'\n  hint: use one of: berubah",
        f"{where}:52:5: error[category-count]: the sorting question 'cek-sort-lima' has 5 "
        "categories\n  hint: give it between 2 and 4 categories",
        f"{where}:60:9: warning[category-unused]: no item of the question 'cek-sort-lima' "
        "belongs to the category 'e'\n  hint: that is allowed (it is a distractor); check the "
        "items' 'category:'",
        f"{where}:62:9: error[gift-arrow]: '->' in this text of the question 'cek-sort-lima' "
        "cannot be carried by GIFT\n  hint: Moodle's GIFT import reads '->' as the end of the "
        "text: reword it",
        f"{where}:66:5: error[part-count]: the question 'cek-urutan' has 2 items\n"
        "  hint: give it between 3 and 10",
        f"{where}:71:9: error[same-text]: the text 'Satu' is written twice in the question "
        "'cek-urutan'\n  hint: Moodle would merge the two into one answer: make each text "
        "different",
        f"{where}:77:9: error[same-text]: the text 'Sama' is written twice in the question "
        "'cek-pasangan'\n  hint: Moodle would merge the two into one answer: make each text "
        "different",
    ]


def test_the_errors_speak_indonesian_too(mini: Path) -> None:
    with_questions(mini, """  - id: cek-kelompok
    type: sorting
    prompt: Kelompokkan.
    categories:
      - {id: berubah, text: Berubah}
      - {id: tetap, text: Tetap}
    items:
      - {id: a, text: A, category: berubah}
      - {id: b, text: B, category: tetap}
      - {id: c, text: C, category: tetep}
""")
    with pytest.raises(CourseError) as caught:
        check_course(mini)
    (problem,) = caught.value.diagnostics
    assert problem.format("id") == (
        "quizzes/cek-pengantar.yaml:52:26: error[unknown-category]: butir 'c' menyebut kategori "
        "'tetep' yang tidak dikenal\n  hint: maksud Anda 'tetap'?")


# -- the runtime data: graded per part, no key in clear -------------------------------------------


def checked_at_once(folder: Path) -> Path:
    """A copy of the mini course whose knowledge check shows each question's feedback as soon
    as it is checked (mini's own check waits for the whole check: settings, issue 11)."""
    copy = Path(shutil.copytree(MINI, folder / "mini-at-once"))
    edit(copy / "quizzes" / f"{CHECK}.yaml", "  feedback: after-attempt\n",
         "  feedback: after-question\n")
    return copy


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini course's offline edition (feedback at once), built once and unpacked."""
    work = tmp_path_factory.mktemp("qtypes")
    dist = work / "dist"
    build(checked_at_once(work), dist, BuildOptions(targets=("offline",)))
    return dist / "kursus-mini-offline"


def runtime_data(folder: Path) -> dict[str, object]:
    """The JSON the page's runtime reads."""
    html = (folder / "index.html").read_text("utf-8")
    found = re.search(r'id="cp-data">(.*?)</script>', html, re.S)
    assert found
    data: dict[str, object] = json.loads(found[1])
    return data


def test_the_page_holds_hashes_and_an_obfuscated_key_never_the_placements(offline: Path) -> None:
    course = resolved_mini()
    html = (offline / "index.html").read_text("utf-8")
    data = runtime_data(offline)
    questions = data["questions"]
    assert isinstance(questions, dict)
    for qid in ("cek-kelompok", "cek-urutan", "cek-pasangan"):
        q = question(course, qid)
        entry = questions[course.keys[qid]]
        key = ",".join(answer_key(course.salt, q))
        assert key not in html and entry["type"] == q.type
        assert reveal(course.salt, qid, "key", entry["key"]) == key
        for part in answer_key(course.salt, q) if q.type != "ordering" else ():
            assert part not in html, part
        assert set(entry) >= {"parts", "targets", "checks", "key", "texts", "feedback"}
        assert reveal(course.salt, qid, "correct", entry["feedback"]["correct"]) == q.feedback[0]
    ordering = questions[course.keys["cek-urutan"]]
    shown = re.findall(r'data-part="([^"]+)"',
                       html.split(f'data-question="{course.keys["cek-urutan"]}"')[1].split("</form>")[0])
    assert sorted(shown) == sorted(ordering["parts"]) and shown != ["kumpulkan", "analisis",
                                                                  "putuskan"]


# -- the quiz bank -----------------------------------------------------------------------------


def test_moodle_xml_has_sorting_as_a_match_with_repeated_answers_and_keeps_the_order() -> None:
    course = resolved_mini()
    xml = quizbank.moodle_xml(course.course.title, course.quizzes)
    root = etree.fromstring(xml)
    (sorting,) = [q for q in root.iter("question")
                  if q.findtext("name/text") == f"{CHECK}.cek-kelompok"]
    assert sorting.get("type") == "matching"
    assert sorting.findtext("shuffleanswers") == "false"
    pairs = [(s.findtext("text"), s.findtext("answer/text")) for s in sorting.iter("subquestion")]
    assert pairs == [("Keputusan berbasis data", "Berubah"), ("Integritas", "Tetap"),
                     ("Layanan digital", "Berubah")]
    assert sorting.findtext("correctfeedback/text") == "Tepat, cara kerja berubah dan nilai tetap."
    assert not [q for q in root.iter("question") if q.get("type") == "ordering"]
    parsed = {p["name"]: p for p in parse_moodle_xml(xml)}
    assert parsed[f"{CHECK}.cek-pasangan"]["subquestions"] == [
        ("Integritas", "Melaporkan data apa adanya"), ("Empati", "Mendengarkan warga"),
        ("Akuntabilitas", "Menjelaskan keputusan")]


def test_ordering_goes_to_its_own_file_graded_all_or_nothing() -> None:
    course = resolved_mini()
    data = quizbank.moodle_ordering_xml(course.course.title, course.quizzes)
    assert data is not None
    (ordering,) = parse_moodle_xml(data)
    assert ordering["type"] == "ordering" and ordering["gradingtype"] == "ALL_OR_NOTHING"
    assert ordering["items"] == ["Kumpulkan data", "Analisis data", "Ambil keputusan"]
    assert ordering["category"] == ("Kursus Mini", "Cek Pemahaman")
    without = [q for q in course.quizzes if all(x.type != "ordering" for x in q.questions)]
    assert quizbank.moodle_ordering_xml(course.course.title, without) is None


def test_gift_writes_matching_and_sorting_and_leaves_ordering_out() -> None:
    course = resolved_mini()
    text = quizbank.gift(course.course.title, course.quizzes)
    assert "\t=Integritas -> Tetap\n" in text
    parsed = {p["name"]: p for p in parse_gift(text)}
    assert parsed[f"{CHECK}.cek-kelompok"]["subquestions"] == [
        ("Keputusan berbasis data", "Berubah"), ("Integritas", "Tetap"),
        ("Layanan digital", "Berubah")]
    assert f"{CHECK}.cek-urutan" not in parsed
    assert f"{CHECK}.cek-pasangan" in parsed


def test_the_bank_readme_says_what_gift_cannot_carry(tmp_path: Path) -> None:
    build(MINI, tmp_path / "dist", BuildOptions(targets=("facilitator",)))
    bank = tmp_path / "dist" / "kursus-mini-facilitator" / "bank-soal"
    assert sorted(p.name for p in bank.iterdir()) == ["BACA-SAYA.txt", "gift.txt",
                                                      "moodle-ordering.xml", "moodle.xml"]
    readme = (bank / "BACA-SAYA.txt").read_text("utf-8")
    assert "tidak dapat menyatakan \"jangan diacak\"" in readme
    assert "moodle-ordering.xml" in readme and "qtype_ordering" in readme
    english = quizbank.bank_readme("en", resolved_mini().quizzes)
    assert "it cannot say \"do not shuffle\"" in english
    key = (tmp_path / "dist" / "kursus-mini-facilitator" / "kunci-jawaban.html").read_text("utf-8")
    assert "Integritas \u2192 Tetap" in key and "1. Kumpulkan data, 2. Analisis data" in key


# -- in the browser: keyboard only ---------------------------------------------------------------

ARGS = {"sorting": "cek-kelompok", "ordering": "cek-urutan", "matching": "cek-pasangan"}


def tab_to(frame: Frame, selector: str, limit: int = 60) -> None:
    """Press Tab until the focus is on the element matching `selector`."""
    for _ in range(limit):
        if frame.evaluate("s => document.activeElement && document.activeElement.matches(s)",
                          selector):
            return
        frame.page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def form(course: ResolvedCourse, qid: str) -> str:
    """The selector of a question's form."""
    return f'form[data-question="{course.keys[qid]}"]'


def sort_by_keyboard(frame: Frame, course: ResolvedCourse) -> None:
    """Each item into its category: Tab into its radio group, arrows to the category, Enter."""
    q = question(course, "cek-kelompok")
    order = [c.id for c in q.categories]
    for item in q.items:
        tab_to(frame, f'{form(course, q.id)} [data-part="{item.id}"] input')
        frame.page.keyboard.press("Space")
        for _ in range(order.index(item.category)):
            frame.page.keyboard.press("ArrowRight")
    frame.page.keyboard.press("Enter")  # submits the form from a radio


def order_by_keyboard(frame: Frame, course: ResolvedCourse) -> list[str]:
    """The items into the right order with the Up buttons; returns the live region's words."""
    q = question(course, "cek-urutan")
    said = []
    for place, item in enumerate(q.items):
        here = frame.eval_on_selector_all(f"{form(course, q.id)} [data-part]",
                                          "els => els.map(e => e.dataset.part)").index(item.id)
        if here == place:
            continue
        tab_to(frame, f'{form(course, q.id)} [data-part="{item.id}"] [data-move="-1"]')
        for _ in range(here - place):
            frame.page.keyboard.press("Enter")
            said.append(frame.inner_text(f"{form(course, q.id)} [data-announce]"))
        assert frame.evaluate("() => document.activeElement.dataset.move") in ("-1", "1")
    tab_to(frame, f"{form(course, q.id)} .cp-check")
    frame.page.keyboard.press("Enter")
    return said


def match_by_keyboard(frame: Frame, course: ResolvedCourse, wrong: int) -> None:
    """A response per premise with the arrow keys on its select, `wrong` of them swapped."""
    q = question(course, "cek-pasangan")
    rids = response_ids(course.salt, q)
    wanted = [rids[p.id] for p in q.pairs]
    if wrong:
        wanted[0], wanted[1] = wanted[1], wanted[0]
    for pair, rid in zip(q.pairs, wanted):
        tab_to(frame, f'{form(course, q.id)} [data-part="{pair.id}"] select')
        for _ in range(int(rid[1:])):
            frame.page.keyboard.press("ArrowDown")
        assert frame.evaluate("() => document.activeElement.value") == rid
    tab_to(frame, f"{form(course, q.id)} .cp-check")
    frame.page.keyboard.press("Enter")


def verdict(frame: Frame, course: ResolvedCourse, qid: str) -> tuple[str, str]:
    """(data-result, text) of a question's feedback box once it is filled."""
    box = frame.wait_for_selector(f'[id="q-{course.keys[qid]}-fb"][data-result]')
    assert box is not None
    return box.get_attribute("data-result") or "", box.inner_text()


def answer_all(frame: Frame, course: ResolvedCourse) -> list[str]:
    """Sort right, order right, match with two swapped; returns what the live region said."""
    sort_by_keyboard(frame, course)
    said = order_by_keyboard(frame, course)
    match_by_keyboard(frame, course, wrong=2)
    return said


def check_verdicts(frame: Frame, course: ResolvedCourse) -> None:
    """Right, right, and a third of the matching right (partial credit), with the feedback."""
    result, text = verdict(frame, course, "cek-kelompok")
    assert result == "correct" and "Tepat, cara kerja berubah dan nilai tetap." in text
    assert verdict(frame, course, "cek-urutan")[0] == "correct"
    result, text = verdict(frame, course, "cek-pasangan")
    assert result == "wrong"
    assert "Jawaban Anda sebagian tepat: 1 dari 3 butir sudah tepat." in text
    assert "Belum tepat. Lihat lagi contoh setiap nilai." in text


@pytest.fixture
def narrow(browser: object) -> Iterator[Page]:
    """A phone-sized page (360 px wide) in its own context."""
    context = browser.new_context(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


def open_check(page: Page, offline: Path) -> None:
    """The offline edition, started as Budi Santoso, on the mini course's knowledge check."""
    page.goto((offline / "index.html").as_uri())
    page.fill("#cp-name", "Budi Santoso")
    page.keyboard.press("Enter")
    page.wait_for_selector('#cp-app[data-state="course"]')
    page.evaluate(f"CoursePack.app.go({CHECK!r})")


@pytest.mark.browser
def test_offline_new_types_by_keyboard_at_360px_resume_and_axe(narrow: Page, offline: Path) -> None:
    course = resolved_mini()
    errors: list[str] = []
    narrow.on("pageerror", lambda e: errors.append(str(e)))
    # axe-core reads the stylesheets again by XMLHttpRequest, which file:// refuses: its noise only
    axe_noise = re.compile(r"^(Access to XMLHttpRequest at 'file:|Failed to load resource: net::ERR_FAILED"
                           r"|Couldn't load preload assets)")
    narrow.on("console", lambda m: errors.append(m.text)
              if m.type in ("error", "warning") and not axe_noise.match(m.text) else None)
    open_check(narrow, offline)
    frame = narrow.main_frame
    assert run_axe(frame) == [], format_violations(run_axe(frame))
    said = answer_all(frame, course)
    assert said and all(MOVED.match(s) for s in said), said
    check_verdicts(frame, course)
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 360
    violations = run_axe(frame)
    assert violations == [], format_violations(violations)
    answers = narrow.evaluate("CoursePack.app.state().answers")
    assert answers[course.keys["cek-urutan"]] == ["kumpulkan", "analisis", "putuskan"]

    narrow.reload()  # the answers come back from the saved state
    narrow.fill("#cp-name", "Budi Santoso")
    narrow.keyboard.press("Enter")
    narrow.click("#cp-continue")
    narrow.wait_for_selector('#cp-app[data-state="course"]')
    assert narrow.evaluate("CoursePack.app.state().answers") == answers
    narrow.evaluate(f"CoursePack.app.go({CHECK!r})")
    check_verdicts(frame, course)
    sorting = form(course, "cek-kelompok")
    assert narrow.eval_on_selector_all(f"{sorting} input:checked", "els => els.length") == 3
    assert narrow.eval_on_selector_all(f"{sorting} input:not(:disabled)", "els => els.length") == 0
    assert narrow.eval_on_selector_all(f'{form(course, "cek-urutan")} [data-part]',
                                       "els => els.map(e => e.dataset.part)") == [
        "kumpulkan", "analisis", "putuskan"]
    assert errors == []


@pytest.mark.browser
def test_checking_by_keyboard_keeps_the_focus_and_true_comes_before_false(
        narrow: Page, offline: Path) -> None:
    """Enter on "Periksa jawaban" leaves the focus on that button for every type: the page
    redraws the quiz without moving a form or a choice that is already in place (a moved node
    drops the focus to the page body, and a keyboard user's next Tab started from the top)."""
    course = resolved_mini()
    open_check(narrow, offline)
    frame = narrow.main_frame
    # a phone's header shows a bar only: the pager says where the learner is
    screens = narrow.evaluate("JSON.parse(document.getElementById('cp-data').textContent).screens")
    where = f"{[s['id'] for s in screens].index(CHECK) + 1}/{len(screens)}"
    assert narrow.inner_text("#cp-pager-pos") == where and narrow.is_visible("#cp-pager-pos")
    truefalse = form(course, "cek-satu")
    assert narrow.eval_on_selector_all(f"{truefalse} input", "els => els.map(e => e.value)") == [
        "true", "false"]  # as written, whatever the choice ids sort to
    assert narrow.inner_text(f"{truefalse} fieldset label").startswith("Benar")

    def check_by_keyboard(qid: str) -> None:
        tab_to(frame, f"{form(course, qid)} .cp-check")
        narrow.keyboard.press("Enter")
        verdict(frame, course, qid)
        assert narrow.evaluate("s => document.activeElement.matches(s)",
                               f"{form(course, qid)} .cp-check"), qid

    tab_to(frame, f'{truefalse} input[value="true"]')
    narrow.keyboard.press("Space")  # the wrong answer: the question stays open for a retry
    check_by_keyboard("cek-satu")
    tab_to(frame, f'{form(course, "cek-dua")} input')
    narrow.keyboard.press("Space")
    check_by_keyboard("cek-dua")
    order_by_keyboard(frame, course)  # presses the ordering question's check button itself
    verdict(frame, course, "cek-urutan")
    assert narrow.evaluate("s => document.activeElement.matches(s)",
                           f'{form(course, "cek-urutan")} .cp-check')


def unpack(zip_path: Path, into: Path) -> Path:
    """A package's files in a folder."""
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(into)
    return into


# What each standard stores: (type of sorting/matching, of ordering), the pair and list
# separators, the response element, the word for a wrong result.
STANDARDS = {
    "scorm2004": (Scorm2004Lms, "sequencing", "[.]", "[,]", "learner_response", "incorrect"),
    "scorm12": (Scorm12Lms, "sequencing", ".", ",", "student_response", "wrong"),
}
# The result values Moodle's own SCORM API accepts (mod/scorm/datamodels/scorm_12.js and
# scorm_13.js, CMIResult): a value outside them is refused, which is worse than "wrong".
MOODLE_RESULT = {
    "scorm12": re.compile(r"^correct$|^wrong$|^unanticipated$|^neutral$|^([0-9]{0,3})?(\.[0-9]{1,2})?$"),
    "scorm2004": re.compile(r"^correct$|^incorrect$|^unanticipated$|^neutral$|^-?([0-9]{1,4})(\.[0-9]{1,18})?$"),
}
# One of three premises matched right: a third of the question, in percent cut to 2 decimals.
THIRD = "33.33"
FINAL = "akhir"


def interactions(cmi: dict[str, str]) -> dict[str, dict[str, str]]:
    """The interactions of a CMI snapshot by their id: {field: value}."""
    found: dict[str, dict[str, str]] = {}
    for name, value in cmi.items():
        m = re.fullmatch(r"cmi\.interactions\.(\d+)\.(.+)", name)
        if m:
            found.setdefault(m[1], {})[m[2]] = value
    return {v["id"]: v for v in found.values() if "id" in v}


def answer_final_partly(frame: Frame, course: ResolvedCourse) -> None:
    """The final, each question checked on its own: the single one wrong (b), the multiple one
    with one of its two right choices and no wrong one (Moodle: 1/2)."""
    frame.evaluate(f"CoursePack.app.go({FINAL!r})")
    for qid, picks in (("akhir-satu", ["b"]), ("akhir-dua", ["integritas"])):
        for choice in picks:
            frame.check(f'{form(course, qid)} input[value="{choice}"]')
        frame.click(f"{form(course, qid)} .cp-check")
        frame.wait_for_selector(f'[id="q-{course.keys[qid]}-fb"][data-result]')


@pytest.mark.browser
@pytest.mark.parametrize("standard", sorted(STANDARDS))
def test_scorm_stores_matching_and_sequencing_with_their_patterns(
        page: Page, tmp_path: Path, standard: str) -> None:
    lms_class, sequencing, dot, comma, response_field, wrong = STANDARDS[standard]
    course = resolved_mini()
    build(checked_at_once(tmp_path), tmp_path / "dist", BuildOptions(targets=(standard,)))
    pkg = unpack(tmp_path / "dist" / f"kursus-mini-{standard}.zip", tmp_path / "pkg")
    with lms_class(page, pkg) as lms:
        frame = lms.sco_frame
        frame.wait_for_selector('#cp-app[data-state="course"]')
        frame.evaluate(f"CoursePack.app.go({CHECK!r})")
        answer_all(frame, course)
        check_verdicts(frame, course)
        answer_final_partly(frame, course)
        frame.wait_for_selector("#cp-results-pending[hidden]", state="attached")
        by_id = interactions(lms.committed)
        rids = response_ids(course.salt, question(course, "cek-pasangan"))
        premises = ("jujur", "peduli", "tanggung_jawab")
        right = (rids["jujur"], rids["peduli"], rids["tanggung-jawab"])
        swapped = (rids["peduli"], rids["jujur"], rids["tanggung-jawab"])
        sorted_ = comma.join(f"{i}{dot}{c}" for i, c in (
            ("data", "berubah"), ("integritas", "tetap"), ("layanan_digital", "berubah")))
        order = comma.join(("kumpulkan", "analisis", "putuskan"))
        expected = {
            "cek_pengantar.cek_kelompok": ("matching", sorted_, sorted_, "correct"),
            "cek_pengantar.cek_urutan": (sequencing, order, order, "correct"),
            "cek_pengantar.cek_pasangan": (
                "matching", comma.join(f"{p}{dot}{r}" for p, r in zip(premises, right)),
                comma.join(f"{p}{dot}{r}" for p, r in zip(premises, swapped)), THIRD),
        }
        for iid, (kind, pattern, response, result) in expected.items():
            got = by_id[iid]
            assert (got["type"], got["correct_responses.0.pattern"], got[response_field],
                    got["result"]) == (kind, pattern, response, result), got
        # partial credit as the share of the question in percent; a whole wrong answer stays wrong
        assert by_id["akhir.akhir_dua.a1"]["result"] == "50"
        assert by_id["akhir.akhir_satu.a1"]["result"] == wrong
        assert all(MOODLE_RESULT[standard].match(v["result"]) for v in by_id.values()), by_id
        assert lms.problems() == []
        violations = run_axe(frame)
        assert violations == [], format_violations(violations)


@pytest.mark.browser
@pytest.mark.parametrize("standard", sorted(STANDARDS))
def test_scormhost_stores_partial_credit_as_a_percent(
        context: BrowserContext, tmp_path: Path, standard: str) -> None:
    from support.scormhost import Scormhost

    wrong = STANDARDS[standard][-1]
    course = resolved_mini()
    build(checked_at_once(tmp_path), tmp_path / "dist", BuildOptions(targets=(standard,)))
    package_id = f"mini-{standard}"
    with Scormhost() as host:
        host.upload(tmp_path / "dist" / f"kursus-mini-{standard}.zip", package_id)
        host.login(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(host.launch_url(package_id))
        frame = host.sco_frame(page)
        frame.wait_for_selector('#cp-app[data-state="course"]')
        frame.evaluate(f"CoursePack.app.go({CHECK!r})")
        answer_all(frame, course)
        check_verdicts(frame, course)
        answer_final_partly(frame, course)
        stored = host.read_cmi(package_id, until=lambda e: len(interactions(e)) >= 5
                               and all("result" in v for v in interactions(e).values()))
        results = {iid: v["result"] for iid, v in interactions(stored).items()}
        assert results == {"cek_pengantar.cek_kelompok": "correct", "cek_pengantar.cek_urutan": "correct",
                           "cek_pengantar.cek_pasangan": THIRD, "akhir.akhir_dua.a1": "50",
                           "akhir.akhir_satu.a1": wrong}
        assert all(MOODLE_RESULT[standard].match(r) for r in results.values())
        assert errors == []
        page.close()


@pytest.mark.browser
def test_cmi5_sends_matching_and_sequencing_definitions(page: Page, tmp_path: Path) -> None:
    from support.lrs import running_lms, verb_of
    from support.server import serve

    course = resolved_mini()
    build(checked_at_once(tmp_path), tmp_path / "dist", BuildOptions(targets=("cmi5",)))
    pkg = unpack(tmp_path / "dist" / "kursus-mini-cmi5.zip", tmp_path / "pkg")
    au = etree.fromstring((pkg / "cmi5.xml").read_bytes()).find(
        "c:au", {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"})
    assert au is not None
    with running_lms() as lms, serve(pkg) as url:
        session = lms.launch(url + "/index.html", str(au.get("id")), "4c3f9a8e-0d2b-4f6a-9c1e-7b5d2a1f0e93")
        page.goto(session.url)
        page.wait_for_selector("#cp-app[data-state=course][data-mode=lms]")
        page.evaluate(f"CoursePack.app.go({CHECK!r})")
        answer_all(page.main_frame, course)
        check_verdicts(page.main_frame, course)
        deadline = 100
        while sum(verb_of(s) == "answered" for s in lms.from_au(session)) < 3 and deadline:
            page.wait_for_timeout(100)
            deadline -= 1
        answered = {s["object"]["id"].rsplit("/", 1)[1]: s for s in lms.from_au(session)
                    if verb_of(s) == "answered"}
        sorting = answered["cek_pengantar.cek_kelompok"]
        definition = sorting["object"]["definition"]
        assert definition["interactionType"] == "matching"
        assert definition["correctResponsesPattern"] == [
            "data[.]berubah[,]integritas[.]tetap[,]layanan_digital[.]berubah"]
        assert [s["id"] for s in definition["source"]] == ["data", "integritas", "layanan_digital"]
        assert definition["target"] == [{"id": "berubah", "description": {"id": "Berubah"}},
                                        {"id": "tetap", "description": {"id": "Tetap"}}]
        assert sorting["result"]["success"] is True
        ordering = answered["cek_pengantar.cek_urutan"]["object"]["definition"]
        assert ordering["interactionType"] == "sequencing"
        assert ordering["correctResponsesPattern"] == ["kumpulkan[,]analisis[,]putuskan"]
        assert {c["id"] for c in ordering["choices"]} == {"kumpulkan", "analisis", "putuskan"}
        matching = answered["cek_pengantar.cek_pasangan"]
        assert matching["object"]["definition"]["interactionType"] == "matching"
        assert matching["result"]["success"] is False
        assert matching["result"]["score"] == {"scaled": 0.3333}  # a third, cut to 4 decimals
        assert "score" not in sorting["result"]  # a whole answer carries its success only
        assert lms.problems == []


@pytest.mark.browser
def test_sorting_items_and_matching_responses_shuffle_per_learner_and_stay_on_resume(
        narrow: Page, tmp_path: Path) -> None:
    # the check shuffles its choices: each learner meets the sorting's items and the matching's
    # responses in an order seeded by them (and the attempt), the same again after a reload
    course = resolved_mini()
    src = checked_at_once(tmp_path)
    edit(src / "quizzes" / f"{CHECK}.yaml", "  shuffle_choices: false\n", "  shuffle_choices: true\n")
    build(src, tmp_path / "dist", BuildOptions(targets=("offline",)))
    index = (tmp_path / "dist" / "kursus-mini-offline" / "index.html").as_uri()
    sorting, matching = form(course, "cek-kelompok"), form(course, "cek-pasangan")
    rids = response_ids(course.salt, question(course, "cek-pasangan"))

    def enter(name: str) -> tuple[list[str], list[list[str]]]:
        narrow.goto(index)
        narrow.fill("#cp-name", name)
        narrow.keyboard.press("Enter")
        if narrow.is_visible("#cp-continue"):
            narrow.click("#cp-continue")
        narrow.wait_for_selector('#cp-app[data-state="course"]')
        narrow.evaluate(f"CoursePack.app.go({CHECK!r})")
        items = narrow.eval_on_selector_all(f"{sorting} [data-part]", "els => els.map(e => e.dataset.part)")
        options = narrow.eval_on_selector_all(
            f"{matching} select", "els => els.map(s => [...s.options].map(o => o.value))")
        return items, options

    seen = {}
    for name in ("Budi Santoso", "Ani Lestari", "Citra", "Dewi", "Eko"):
        items, options = enter(name)
        assert sorted(items) == ["data", "integritas", "layanan-digital"]
        assert all(o[0] == "" and sorted(o[1:]) == sorted(rids.values()) for o in options), options
        assert all(o == options[0] for o in options), "every premise offers one order"
        seen[name] = (items, options[0])
    assert len({str(v) for v in seen.values()}) > 1, seen
    # Budi answers right in his order; after a reload his order and his answer are the same
    items, options = enter("Budi Santoso")
    q = question(course, "cek-kelompok")
    for item in q.items:
        narrow.check(f'{sorting} [data-part="{item.id}"] input[value="{item.category}"]')
    narrow.click(f"{sorting} .cp-check")
    for pair in question(course, "cek-pasangan").pairs:
        narrow.select_option(f'{matching} [data-part="{pair.id}"] select', rids[pair.id])
    narrow.click(f"{matching} .cp-check")
    assert verdict(narrow.main_frame, course, "cek-kelompok")[0] == "correct"
    assert verdict(narrow.main_frame, course, "cek-pasangan")[0] == "correct"
    narrow.reload()
    assert enter("Budi Santoso") == (items, options) == (seen["Budi Santoso"][0], [seen["Budi Santoso"][1]] * 3)
    assert verdict(narrow.main_frame, course, "cek-pasangan")[0] == "correct"
