"""End-to-end tests of the offline edition in Debian's Chromium, opened over file:// like a USB stick.

The course is built once per session; every test clicks the real controls (name form, Berikutnya,
answer choices, Periksa jawaban, the table of contents, Keluar, Masuk kembali, Lanjutkan, Mulai dari
awal, Cetak hasil) and reads the DOM hooks and localStorage the learner runtime documents in
docs/runtime.md ("No LMS").
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Request,
    Route,
    expect,
)
from support.browser import chromium_args, screenshot
from support.paths import artifacts_dir
from support.pdf import page_text, pdf_page_count, render_pages
from support.played import one_by_one

from builder.build import BuildOptions, build
from builder.load import load_course
from builder.state import reveal

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "course_src"
COURSE_ID = "pemimpin-asn-digital"
FINAL = "penilaian-akhir"
RESULTS = "hasil"
INDONESIAN_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


# --------------------------------------------------------------------------------------------------
# The course under test


@dataclass(frozen=True)
class Course:
    """What the tests need to know about the built course: runtime data and the answer key."""

    data: dict[str, Any]
    quiz_keys: dict[str, list[str]]  # quiz id -> question keys, in page order
    correct: dict[str, tuple[str, ...]]  # question key -> correct choice ids

    @property
    def screens(self) -> list[str]:
        return [s["id"] for s in self.data["screens"]]

    @property
    def storage_key(self) -> str:
        return str(self.data["course"]["storageKey"])

    def kind(self, screen: str) -> str:
        return next(str(s["kind"]) for s in self.data["screens"] if s["id"] == screen)

    def wrong(self, key: str) -> tuple[str, ...]:
        """A wrong selection for a question: the first choice that is not correct."""
        right = self.correct[key]
        return (next(c for c in self.data["questions"][key]["choices"] if c not in right),)

    def record_key(self, name: str) -> str:
        """The localStorage key of a learner: storageKey + ":" + the name lower-cased, spaces collapsed."""
        return self.storage_key + ":" + " ".join(name.split()).lower()


def page_files(folder: Path) -> set[str]:
    """index.html and the local files it loads (stylesheets, scripts, images), relative to the folder."""
    html = (folder / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'<(?:link|script|img)\b[^>]*?\b(?:href|src)="([^"#?]+)"', html)
    files = {"index.html"} | {r for r in refs if not re.match(r"[a-z]+:", r)}
    assert any(f.endswith(".css") for f in files) and any(f.endswith(".js") for f in files), files
    assert all((folder / f).is_file() for f in files), files
    return files


def runtime_data(index_html: Path) -> dict[str, Any]:
    """The `cp-data` JSON the builder put in index.html."""
    html = index_html.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="cp-data">(.*?)</script>', html, re.S)
    assert found, f"no cp-data in {index_html}"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


@dataclass(frozen=True)
class Built:
    """The build output shared by every test (never written to by a test)."""

    dist: Path
    offline: Path
    scorm_zip: Path
    source: Path  # the course as built: course_src with its pools fixed (played.py)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Build the SCORM 1.2 and offline editions once, from the real course sources."""
    work = tmp_path_factory.mktemp("offline-build")
    dist = work / "dist"
    # only the editions these tests open; quizzes played one question at a time (played.py)
    src = one_by_one(SOURCE, work)
    build(src, dist, BuildOptions(targets=("scorm12", "offline")))
    built = Built(dist, dist / f"{COURSE_ID}-offline", dist / f"{COURSE_ID}-scorm12.zip", src)
    assert (built.offline / "index.html").is_file() and built.scorm_zip.is_file()
    return built


@pytest.fixture(scope="session")
def course(built: Built) -> Course:
    """The runtime data of the offline edition and the correct answers from the sources."""
    data = runtime_data(built.offline / "index.html")
    by_id = {(q["quiz"], q["id"]): key for key, q in data["questions"].items()}
    loaded, problems = load_course(built.source)  # the fixed paper the tests play
    assert loaded is not None, problems
    quiz_keys: dict[str, list[str]] = {}
    correct: dict[str, tuple[str, ...]] = {}
    for quiz in loaded.quizzes:
        keys = [by_id[(quiz.id, q.id)] for q in quiz.questions]
        quiz_keys[quiz.id] = keys
        correct.update({key: q.correct_ids for key, q in zip(keys, quiz.questions, strict=True)})
    assert set(correct) == set(data["questions"]), "every question of the page has an answer key"
    assert data["final"] == quiz_keys[FINAL]
    return Course(data, quiz_keys, correct)


@pytest.fixture
def stick(built: Built, tmp_path: Path) -> Path:
    """A fresh copy of the offline folder, as if copied to a USB stick; returns its folder."""
    folder = tmp_path / "USB STICK" / f"{COURSE_ID}-offline"
    shutil.copytree(built.offline, folder)
    return folder


# --------------------------------------------------------------------------------------------------
# Watching the page


@dataclass
class Watch:
    """Every request, console error and page error seen by a context's pages."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> Page:
        def on_console(msg: ConsoleMessage) -> None:
            if msg.type == "error":
                self.console.append(f"{msg.text} @ {msg.location}")

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("requestfailed", lambda req: self.failed.append(f"{req.url}: {req.failure}"))
        return page

    def assert_clean(self) -> None:
        assert not self.errors, f"page errors: {self.errors}"
        assert not self.console, f"console errors: {self.console}"
        assert not self.failed, f"failed requests: {self.failed}"


def open_course(page: Page, folder: Path) -> None:
    """Open index.html over file:// and wait for the runtime to choose a state."""
    page.goto((folder / "index.html").as_uri())
    expect(page.locator("#cp-app")).not_to_have_attribute("data-state", "loading")


def app(page: Page) -> Locator:
    """The runtime's root element, which carries data-state, data-mode and data-current."""
    return page.locator("#cp-app")


def enter_name(page: Page, name: str) -> None:
    """Type a name on the start panel and press Mulai."""
    expect(app(page)).to_have_attribute("data-state", "start")
    expect(page.locator("#cp-start")).to_be_visible()
    page.locator("#cp-name").fill(name)
    page.locator("#cp-start-go").click()


def current(page: Page) -> str:
    return str(app(page).get_attribute("data-current"))


def expect_screen(page: Page, screen: str) -> None:
    """The app shows `screen` and only it."""
    expect(app(page)).to_have_attribute("data-current", screen)
    expect(page.locator(f'section[data-screen="{screen}"]')).to_be_visible()
    expect(page.locator("section[data-screen]:visible")).to_have_count(1)


def goto_toc(page: Page, screen: str) -> None:
    """Open a screen from the table of contents (a sidebar at 1280 px, a disclosure on phones)."""
    box = page.locator("#cp-toc-box")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    page.locator(f'#cp-toc a[data-goto="{screen}"]').click()
    expect_screen(page, screen)


def answer(page: Page, key: str, ids: tuple[str, ...], right: bool) -> None:
    """Click the choices of a question, press Periksa jawaban, and check the verdict shown."""
    for cid in ids:
        page.locator(f'[id="q-{key}-{cid}"]').click()
    page.locator(f'form[data-question="{key}"] .cp-check').click()
    verdict = "correct" if right else "wrong"
    expect(page.locator(f'[id="q-{key}-fb"]')).to_have_attribute("data-result", verdict)
    expect(page.locator(f'[id="q-{key}-fb"] .cp-verdict')).to_have_text(
        re.compile(r"Jawaban Anda tepat\." if right else r"Jawaban Anda belum tepat\.")
    )


INPUTS_JS = """(key) => Array.from(document.querySelectorAll(`form[data-question="${key}"] input`),
    (i) => [i.value, i.checked, i.disabled])"""


def inputs(page: Page, key: str) -> dict[str, tuple[bool, bool]]:
    """A question's inputs: choice id -> (checked, disabled), read in one round trip."""
    found = {str(v): (bool(c), bool(d)) for v, c, d in page.evaluate(INPUTS_JS, key)}
    return found


def expect_answered(page: Page, course: Course, key: str, ids: tuple[str, ...]) -> None:
    """A submitted question: exactly `ids` checked, every input disabled, the right verdict."""
    verdict = "correct" if set(ids) == set(course.correct[key]) else "wrong"
    expect(page.locator(f'[id="q-{key}-fb"]')).to_have_attribute("data-result", verdict)
    choices = course.data["questions"][key]["choices"]
    assert inputs(page, key) == {c: (c in ids, True) for c in choices}, (
        f"question {key} as submitted"
    )
    expect(page.locator(f'form[data-question="{key}"] .cp-check')).to_have_attribute(
        "aria-disabled", "true"
    )


def expect_unanswered(page: Page, course: Course, key: str) -> None:
    """A question never submitted: inputs enabled and clear, no verdict."""
    expect(page.locator(f'[id="q-{key}-fb"]')).to_be_empty()
    assert page.locator(f'[id="q-{key}-fb"]').get_attribute("data-result") is None, (
        f"verdict on {key}"
    )
    choices = course.data["questions"][key]["choices"]
    assert inputs(page, key) == {c: (False, False) for c in choices}, f"question {key} is fresh"


def record(page: Page, course: Course, name: str) -> dict[str, Any] | None:
    """A learner's saved record in localStorage (None when there is none)."""
    raw = page.evaluate("(k) => localStorage.getItem(k)", course.record_key(name))
    return None if raw is None else dict(json.loads(raw))


def saved_answers(course: Course, suspend: str) -> dict[str, int]:
    """The answers part of a suspend string ("c2", docs/runtime.md): question key -> choice mask
    (each answer is key, 2-digit mask and 1-digit tries)."""
    parts = suspend.split("|")
    assert parts[0] == "c2" and parts[1] == course.data["layout"], suspend
    answers = parts[3]
    assert len(answers) % 8 == 0, suspend
    return {answers[i : i + 5]: int(answers[i + 5 : i + 7], 36) for i in range(0, len(answers), 8)}


def exit_and_reenter(page: Page) -> None:
    """Keluar, then Masuk kembali (which reloads to the start panel)."""
    page.locator("#cp-exit").click()
    expect(app(page)).to_have_attribute("data-state", "exited")
    expect(page.locator("#cp-exited")).to_be_visible()
    page.locator("#cp-reenter").click()
    expect(app(page)).to_have_attribute("data-state", "start")


def final_assessment(
    page: Page,
    course: Course,
    wrong: frozenset[str] = frozenset(),
    picks: dict[str, tuple[str, ...]] | None = None,
) -> None:
    """From the TOC: answer the final assessment (right except `wrong`, chosen from `picks` or the
    first wrong choice), then press Lihat hasil."""
    goto_toc(page, FINAL)
    for key in course.quiz_keys[FINAL]:
        if key in wrong:
            answer(page, key, (picks or {}).get(key, course.wrong(key)), right=False)
        else:
            answer(page, key, course.correct[key], right=True)
    see = page.locator(f'[data-quiz-done="{FINAL}"] button[data-goto="{RESULTS}"]')
    expect(see).to_be_visible()
    see.click()
    expect_screen(page, RESULTS)


def expect_results(
    page: Page, course: Course, raw: int, learner: str, wrong: frozenset[str] = frozenset()
) -> None:
    """The results screen: score, verdict, JP line, certificate only when passed, every review item."""
    passed = raw >= course.data["course"]["passMark"]
    expect(page.locator("#cp-results")).to_be_visible()
    expect(page.locator("#cp-results-pending")).to_be_hidden()
    expect(page.locator("#cp-score")).to_have_text(str(raw))
    expect(page.locator("#cp-verdict")).to_have_attribute(
        "data-passed", "true" if passed else "false"
    )
    expect(page.locator("#cp-verdict")).to_have_text("Lulus" if passed else "Belum lulus")
    when = "passed" if passed else "failed"
    expect(page.locator(f'.cp-jp[data-when="{when}"]')).to_be_visible()
    expect(page.locator(".cp-jp:visible")).to_have_count(1)
    if passed:
        expect(page.locator("#cp-cert")).to_be_visible()
        expect(page.locator("#cp-cert-name")).to_have_text(learner)
        expect(page.locator("#cp-cert-score")).to_have_text(str(raw))
        date = page.locator("#cp-cert-date").inner_text()
        assert re.fullmatch(r"\d{1,2} (%s) \d{4}" % "|".join(INDONESIAN_MONTHS), date), date
    else:
        expect(page.locator("#cp-cert")).to_be_hidden()
    for key in course.quiz_keys[FINAL]:
        item = page.locator(f'[data-review="{key}"]')
        expect(item).to_have_attribute("data-result", "wrong" if key in wrong else "correct")
        expect(item.locator(".cp-review-body .cp-verdict")).not_to_be_empty()


@pytest.fixture
def watch(context: BrowserContext, page: Page) -> Watch:
    """Requests, console and page errors of the test's context and page."""
    seen = Watch()
    context.on("request", lambda req: seen.requests.append(req.url))
    seen.attach(page)
    return seen


# --------------------------------------------------------------------------------------------------
# 1. The whole course with the network off


def test_whole_course_offline_touches_only_package_files(
    browser: Browser, course: Course, stick: Path
) -> None:
    """Network off, every request recorded: a full run passes with 100 and reads only the package."""
    ctx = browser.new_context(offline=True, viewport={"width": 1280, "height": 800})
    seen = Watch()
    routed: list[str] = []

    def router(route: Route) -> None:
        routed.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    def on_request(req: Request) -> None:
        seen.requests.append(req.url)

    ctx.route("**/*", router)
    ctx.on("request", on_request)
    try:
        page = seen.attach(ctx.new_page())
        open_course(page, stick)
        expect(app(page)).to_have_attribute("data-mode", "local")
        expect(page.locator("#cp-status")).to_be_empty()

        # A name is required; an empty one is refused with a message.
        page.locator("#cp-name").fill("   ")
        page.locator("#cp-start-go").click()
        expect(page.locator("#cp-name-err")).to_have_text("Tuliskan nama Anda terlebih dahulu.")
        expect(page.locator("#cp-name")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#cp-name")).to_have_css("border-top-color", "rgb(163, 32, 26)")
        expect(app(page)).to_have_attribute("data-state", "start")

        name = "Siti  Rahayu"
        enter_name(page, name)
        expect(app(page)).to_have_attribute("data-state", "course")
        expect(page.locator("#cp-learner")).to_have_text("Peserta: Siti Rahayu")

        screens = course.screens
        reflection_text = "Besok pagi saya membuka dasbor layanan bersama tim — 15 menit saja."
        for i, screen in enumerate(screens):
            expect_screen(page, screen)
            expect(page.locator("#cp-progress-text")).to_have_text(
                f"Layar {i + 1} dari {len(screens)}"
            )
            kind = course.kind(screen)
            if kind == "quiz":
                keys = course.quiz_keys[screen]
                # Periksa jawaban with nothing picked only asks for a choice.
                page.locator(f'form[data-question="{keys[0]}"] .cp-check').click()
                expect(page.locator(f'[id="q-{keys[0]}-fb"]')).to_have_text(
                    re.compile("Pilih jawaban terlebih dahulu")
                )
                expect(page.locator(f'[id="q-{keys[0]}-fb"]')).not_to_have_attribute(
                    "data-result", re.compile(".*")
                )
                for key in keys:
                    answer(page, key, course.correct[key], right=True)
                    expect_answered(page, course, key, course.correct[key])
                done = page.locator(f'[data-quiz-done="{screen}"]')
                if screen == FINAL:
                    expect(done.locator(f'button[data-goto="{RESULTS}"]')).to_be_visible()
                else:
                    expect(done).to_have_text(
                        f"Anda menjawab {len(keys)} dari {len(keys)} pertanyaan dengan tepat."
                    )
            elif kind == "reflection":
                areas = page.locator(f'section[data-screen="{screen}"] textarea')
                count = course.data["reflections"][screen]["prompts"]
                expect(areas).to_have_count(count)
                for n in range(count):
                    areas.nth(n).fill(f"{reflection_text} ({n + 1})")
                page.locator(
                    f'section[data-screen="{screen}"] form[data-reflection] button[type=submit]'
                ).click()
                expect(page.locator(f'section[data-screen="{screen}"] .cp-saved')).to_have_text(
                    "Jawaban Anda tersimpan."
                )
            elif kind == "results":
                expect_results(page, course, 100, "Siti Rahayu")
            if i < len(screens) - 1:
                expect(page.locator("#cp-next")).to_be_enabled()
                page.locator("#cp-next").click()
        expect(page.locator("#cp-next")).to_be_disabled()
        assert current(page) == RESULTS
        expect(page.locator("#cp-toc a.cp-visited")).to_have_count(len(screens))
        expect(page.locator("#cp-status")).to_be_empty()

        saved = record(page, course, "siti rahayu")
        assert saved is not None, "progress saved under the normalized name"
        assert saved["status"] == "passed" and saved["raw"] == 100 and saved["exit"] == ""
        assert saved["bookmark"] == RESULTS
        answers = saved_answers(course, saved["suspend"])
        assert set(answers) == set(course.correct), "every question's answer is kept"
        assert reflection_text in saved["suspend"]

        # Nothing but the package's own files, all over file://, each from inside the folder.
        assert seen.requests, "the request listener saw nothing"
        assert sorted(routed) == sorted(seen.requests), "every request went through the route"
        outside = [u for u in seen.requests if not u.startswith("file://")]
        assert not outside, f"requests that are not file://: {outside}"
        folder = stick.resolve()
        names: set[str] = set()
        for url in seen.requests:
            parts = urlsplit(url)
            assert parts.scheme == "file" and not parts.netloc and not parts.query, url
            path = Path(unquote(parts.path)).resolve()
            assert path.is_relative_to(folder), f"request outside the package folder: {url}"
            names.add(path.relative_to(folder).as_posix())
        expected = page_files(stick)
        assert names == expected, (
            f"files read differ from the page's own: {sorted(names ^ expected)}"
        )
        seen.assert_clean()
    finally:
        ctx.close()


# --------------------------------------------------------------------------------------------------
# 2. Closing the browser and coming back


def test_close_and_reopen_continues_then_restart_clears(
    browser: Browser, course: Course, stick: Path, tmp_path: Path
) -> None:
    """Progress survives closing the whole browser; Lanjutkan restores it, Mulai dari awal clears it."""
    profile = tmp_path / "profile"
    name = "Budi Santoso"
    check = "cek-pembuka"
    q1, q2, q3 = course.quiz_keys[check][:3]
    stop = "dari-intuisi-ke-data"
    reflection = next(s for s in course.screens if course.kind(s) == "reflection")
    note = "Mulai besok saya membaca data layanan setiap pagi."
    seen = Watch()

    def launch() -> tuple[BrowserContext, Page]:
        ctx = browser.browser_type.launch_persistent_context(
            str(profile),
            executable_path="/usr/bin/chromium",
            args=chromium_args(),
            headless=True,
            viewport={"width": 1280, "height": 800},
        )
        page = seen.attach(ctx.pages[0] if ctx.pages else ctx.new_page())
        open_course(page, stick)
        return ctx, page

    ctx, page = launch()
    try:
        enter_name(page, name)
        expect_screen(page, course.screens[0])
        while current(page) != check:
            page.locator("#cp-next").click()
        expect_screen(page, check)
        answer(page, q1, course.correct[q1], right=True)
        answer(page, q2, course.wrong(q2), right=False)
        goto_toc(page, reflection)
        page.locator(f'section[data-screen="{reflection}"] textarea').first.fill(note)
        page.locator(
            f'section[data-screen="{reflection}"] form[data-reflection] button[type=submit]'
        ).click()
        expect(page.locator(f'section[data-screen="{reflection}"] .cp-saved')).to_have_text(
            "Jawaban Anda tersimpan."
        )
        goto_toc(page, stop)
        visited = page.locator("#cp-toc a.cp-visited").count()
        assert (
            visited == course.screens.index(check) + 3
        )  # the screens up to the check, reflection, stop
        page.locator("#cp-exit").click()
        expect(app(page)).to_have_attribute("data-state", "exited")
        expect(page.locator("#cp-exited-h")).to_have_text("Anda telah keluar dari kursus")
        exited = page.locator("#cp-exited").bounding_box()
        assert exited is not None and exited["width"] >= 600, (
            f"the exit panel is {exited} at 1280 px"
        )
    finally:
        ctx.close()

    ctx, page = launch()
    try:
        expect(page.locator("#cp-name")).to_have_value(name)  # the last name used is offered
        expect(page.locator("#cp-start-found")).to_be_hidden()
        enter_name(page, name)
        expect(page.locator("#cp-start-found")).to_be_visible()
        expect(page.locator("#cp-start-found-text")).to_have_text(
            f"Ada kemajuan tersimpan untuk {name}: {visited} dari {len(course.screens)} layar sudah dibuka."
        )
        expect(app(page)).to_have_attribute("data-state", "start")
        page.locator("#cp-continue").click()
        expect(app(page)).to_have_attribute("data-state", "course")
        expect_screen(page, stop)
        expect(page.locator("#cp-learner")).to_have_text(f"Peserta: {name}")
        expect(page.locator("#cp-toc a.cp-visited")).to_have_count(visited)
        goto_toc(page, check)
        expect_answered(page, course, q1, course.correct[q1])
        expect_answered(page, course, q2, course.wrong(q2))
        expect_unanswered(page, course, q3)
        goto_toc(page, reflection)
        expect(page.locator(f'section[data-screen="{reflection}"] textarea').first).to_have_value(
            note
        )
        goto_toc(page, stop)

        # Mulai dari awal: the saved progress of this name is gone.
        exit_and_reenter(page)
        enter_name(page, name)
        expect(page.locator("#cp-start-found")).to_be_visible()
        expect(page.locator("#cp-start-go")).to_be_hidden()  # Continue or Start over now
        # Start over asks first, and "Jangan hapus" keeps everything
        page.locator("#cp-restart").click()
        expect(page.locator("#cp-restart-ask")).to_be_visible()
        expect(page.locator("#cp-restart-ask-text")).to_contain_text(f"atas nama {name}")
        expect(page.locator("#cp-restart-no")).to_be_focused()
        page.locator("#cp-restart-no").click()
        expect(page.locator("#cp-restart-ask")).to_be_hidden()
        expect(app(page)).to_have_attribute("data-state", "start")
        assert saved_answers(course, (record(page, course, name) or {})["suspend"]) != {}
        page.locator("#cp-restart").click()
        page.locator("#cp-restart-yes").click()
        expect(app(page)).to_have_attribute("data-state", "course")
        expect_screen(page, course.screens[0])
        expect(page.locator("#cp-toc a.cp-visited")).to_have_count(1)
        goto_toc(page, check)
        for key in (q1, q2, q3):
            expect_unanswered(page, course, key)
        goto_toc(page, reflection)
        expect(page.locator(f'section[data-screen="{reflection}"] textarea').first).to_have_value(
            ""
        )
        saved = record(page, course, name)
        assert saved is not None and saved_answers(course, saved["suspend"]) == {}
        assert note not in saved["suspend"]
    finally:
        ctx.close()

    # And it stays cleared after the browser is closed again.
    ctx, page = launch()
    try:
        enter_name(page, name)
        expect(page.locator("#cp-start-found-text")).to_have_text(
            f"Ada kemajuan tersimpan untuk {name}: 3 dari {len(course.screens)} layar sudah dibuka."
        )
        page.locator("#cp-continue").click()
        expect_screen(page, reflection)
        goto_toc(page, check)
        for key in (q1, q2, q3):
            expect_unanswered(page, course, key)
    finally:
        ctx.close()
    seen.assert_clean()


# --------------------------------------------------------------------------------------------------
# 3. Two learners on one computer


def test_two_learners_share_one_browser_profile(
    page: Page, watch: Watch, course: Course, stick: Path
) -> None:
    """Each name keeps its own answers, screen and score on the same browser profile."""
    finals = course.quiz_keys[FINAL]
    x = finals[0]
    b_wrong = frozenset(finals[:7])  # 13 of 20 right: 65, below the pass mark of 70
    b_raw = round(100 * (len(finals) - len(b_wrong)) / len(finals))
    assert b_raw < course.data["course"]["passMark"]
    b_screen = "kolaborasi-cair"

    open_course(page, stick)
    enter_name(page, "Ani Wijaya")
    final_assessment(page, course)
    expect_results(page, course, 100, "Ani Wijaya")
    page.locator("#cp-nip").fill("198001012005011001")
    ani_number = page.locator("#cp-cert-no").inner_text()

    exit_and_reenter(page)
    expect(page.locator("#cp-name")).to_have_value("Ani Wijaya")
    enter_name(page, "Bambang")
    # A new name starts at the beginning, without the other learner's progress.
    expect(app(page)).to_have_attribute("data-state", "course")
    expect(page.locator("#cp-start-found")).to_be_hidden()
    expect_screen(page, course.screens[0])
    expect(page.locator("#cp-learner")).to_have_text("Peserta: Bambang")
    goto_toc(page, RESULTS)
    expect(page.locator("#cp-results-pending")).to_be_visible()
    expect(page.locator("#cp-results")).to_be_hidden()
    goto_toc(page, FINAL)
    expect_unanswered(page, course, x)
    final_assessment(page, course, wrong=b_wrong)
    expect_results(page, course, b_raw, "Bambang", wrong=b_wrong)
    goto_toc(page, b_screen)

    # Back to Ani: found by her name in any case and spacing, told she passed, she continues on
    # her results as "Ani Wijaya" (the name as first typed) with the same certificate.
    exit_and_reenter(page)
    expect(page.locator("#cp-name")).to_have_value("Bambang")
    enter_name(page, "  ANI   wijaya ")
    expect(page.locator("#cp-start-found")).to_be_visible()
    expect(page.locator("#cp-start-found-text")).to_contain_text(
        "Ada kemajuan tersimpan untuk Ani Wijaya"
    )
    expect(page.locator("#cp-start-found-text")).to_contain_text(
        "Ani Wijaya sudah lulus penilaian akhir dengan nilai 100."
    )
    page.locator("#cp-name").fill("ani wijaya")
    expect(page.locator("#cp-start-found")).to_be_hidden()  # typing again hides the offer
    page.locator("#cp-start-go").click()
    expect(page.locator("#cp-start-found")).to_be_visible()
    page.locator("#cp-continue").click()
    expect_screen(page, RESULTS)
    expect_results(page, course, 100, "Ani Wijaya")
    expect(page.locator("#cp-cert-name")).to_have_text("Ani Wijaya")
    expect(page.locator("#cp-nip")).to_have_value("198001012005011001")
    expect(page.locator("#cp-cert-no")).to_have_text(ani_number)
    goto_toc(page, FINAL)
    expect_answered(page, course, x, course.correct[x])

    # Back to Bambang: his screen, his wrong answer, his failing score.
    exit_and_reenter(page)
    enter_name(page, "Bambang")
    expect(page.locator("#cp-start-found-text")).to_contain_text(
        f"Bambang belum lulus penilaian akhir (nilai {b_raw})."
    )
    page.locator("#cp-continue").click()
    expect_screen(page, b_screen)
    goto_toc(page, FINAL)
    expect_answered(page, course, x, course.wrong(x))
    goto_toc(page, RESULTS)
    expect_results(page, course, b_raw, "Bambang", wrong=b_wrong)

    ani, bambang = record(page, course, "Ani Wijaya"), record(page, course, "Bambang")
    assert ani is not None and bambang is not None
    assert (ani["status"], ani["raw"]) == ("passed", 100)
    assert (bambang["status"], bambang["raw"]) == ("failed", b_raw)
    watch.assert_clean()


# --------------------------------------------------------------------------------------------------
# 4. Printing the results


@pytest.mark.parametrize("run", ["all-right", "just-passed"])
def test_results_print_on_at_most_two_a4_pages(
    page: Page, watch: Watch, course: Course, stick: Path, run: str
) -> None:
    """Cetak hasil prints; the results with the certificate fit on 2 A4 pages, the certificate whole.

    "just-passed" is the longest passing review: the fewest right answers that still pass, the wrong
    ones on every multiple-response question with every option ticked (each pick is listed)."""
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    open_course(page, stick)
    learner = "Dr. Siti Nurhaliza Rahmawati, S.Sos., M.A.P."
    finals = course.quiz_keys[FINAL]
    wrong: frozenset[str] = frozenset()
    picks: dict[str, tuple[str, ...]] = {}
    if run == "just-passed":
        multiple = [k for k in finals if course.data["questions"][k]["type"] == "multiple"]
        others = [k for k in finals if k not in multiple]
        allowed = next(
            n
            for n in range(len(finals), -1, -1)
            if round(100 * (len(finals) - n) / len(finals)) >= course.data["course"]["passMark"]
        )
        wrong = frozenset(multiple[:allowed] + others[: max(0, allowed - len(multiple))])
        picks = {k: tuple(course.data["questions"][k]["choices"]) for k in multiple}
    raw = round(100 * (len(finals) - len(wrong)) / len(finals))
    enter_name(page, learner)
    final_assessment(page, course, wrong=wrong, picks=picks)
    expect_results(page, course, raw, learner, wrong=wrong)
    page.locator("#cp-print").click()
    assert page.evaluate("window.__printed") == 1, "Cetak hasil calls window.print()"

    page.emulate_media(media="print")
    # In print: no navigation chrome or buttons, the score stays; the certificate prints on its
    # own (Cetak sertifikat, one A4 landscape sheet: tests/test_visual.py).
    for hidden in ("#cp-toc", "#cp-print", "#cp-next", "#cp-exit", ".cp-progress", "#cp-cert"):
        expect(page.locator(hidden).first).to_be_hidden()
    for shown in ("#cp-score", f'[data-review="{course.quiz_keys[FINAL][0]}"]'):
        expect(page.locator(shown)).to_be_visible()
    pdf = page.pdf(format="A4")
    out = artifacts_dir() / f"offline-results-print-{run}.pdf"
    out.write_bytes(pdf)
    pages = pdf_page_count(pdf)
    assert 1 <= pages <= 2, f"the results print on {pages} A4 pages (at most 2), see {out}"

    texts = [page_text(out, n) for n in range(1, pages + 1)]
    if all(t is not None for t in texts):
        assert not any("Diberikan kepada" in (t or "") for t in texts), "no certificate in results"
        assert "Lulus" in (texts[0] or "") and f"Nilai Anda: {raw}" in " ".join(
            (texts[0] or "").split()
        )
        printed = "".join(t or "" for t in texts)
        assert printed.count("Pertanyaan ") >= len(finals), (
            "every question of the review is printed"
        )
        assert printed.count("Jawaban Anda belum tepat") == len(wrong)
    render_pages(out, artifacts_dir() / f"offline-results-print-{run}", 1, pages)
    page.emulate_media(media="screen")
    watch.assert_clean()


# --------------------------------------------------------------------------------------------------
# 5. The SCORM zip opened from disk, no LMS around it


def test_scorm_zip_from_disk_runs_locally(
    page: Page, watch: Watch, course: Course, built: Built, tmp_path: Path
) -> None:
    """The SCORM package, unzipped and opened over file://, falls back to the name panel and localStorage."""
    folder = tmp_path / "scorm-unzipped"
    with zipfile.ZipFile(built.scorm_zip) as archive:
        archive.extractall(folder)
    assert (
        runtime_data(folder / "index.html")["questions"].keys() == course.data["questions"].keys()
    )
    open_course(page, folder)
    expect(app(page)).to_have_attribute("data-mode", "local")
    expect(app(page)).to_have_attribute("data-state", "start")
    expect(page.locator("#cp-start")).to_be_visible()
    expect(
        page.locator("#cp-status")
    ).to_be_empty()  # no "LMS tidak merespons": there was no API at all

    name = "Rina"
    check = "cek-yang-tetap"
    key = course.quiz_keys[check][1]
    enter_name(page, name)
    goto_toc(page, check)
    answer(page, key, course.correct[key], right=True)

    page.reload()
    expect(app(page)).to_have_attribute("data-state", "start")
    expect(page.locator("#cp-name")).to_have_value(name)
    page.locator("#cp-start-go").click()
    expect(page.locator("#cp-start-found")).to_be_visible()
    page.locator("#cp-continue").click()
    expect_screen(page, check)
    expect(app(page)).to_have_attribute("data-mode", "local")
    expect_answered(page, course, key, course.correct[key])
    for other in course.quiz_keys[check]:
        if other != key:
            expect_unanswered(page, course, other)
    assert all(u.startswith(folder.as_uri() + "/") for u in watch.requests), watch.requests
    watch.assert_clean()


# --------------------------------------------------------------------------------------------------
# 6. Screenshots on a phone and a desktop


def snap(page: Page, name: str) -> None:
    """Screenshots at 360 and 1280 px; the page must never scroll sideways."""
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.evaluate("window.scrollTo(0, 0)")
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{name} at {width} px scrolls sideways ({wide} px wide)"
        # The shown panel or screen gets the room there is (up to its 70ch measure), not a sliver.
        box = page.locator("#cp-main > section:visible").bounding_box()
        assert box is not None
        assert box["width"] >= min(0.8 * width, 600), (
            f"{name} at {width} px is only {box['width']:.0f} px wide"
        )
        screenshot(page, f"offline-{name}", width)


def test_screenshots_phone_and_desktop(
    page: Page, watch: Watch, course: Course, stick: Path
) -> None:
    """Start panel, a content page and the results with the certificate, at 360 and 1280 px."""
    open_course(page, stick)
    snap(page, "start")

    enter_name(page, "Yohanes Purnamasari Kusumawardhani")
    page.set_viewport_size({"width": 1280, "height": 800})
    goto_toc(page, "dari-intuisi-ke-data")
    snap(page, "content")

    page.set_viewport_size({"width": 1280, "height": 800})
    final_assessment(page, course, wrong=frozenset(course.quiz_keys[FINAL][:2]))
    snap(page, "results")
    expect(page.locator("#cp-cert")).to_be_visible()
    for width in (360, 1280):
        assert (artifacts_dir() / f"offline-results-{width}.png").stat().st_size > 10_000
    watch.assert_clean()


# --------------------------------------------------------------------------------------------------
# Feedback is Markdown in the sources; the learner sees it rendered, never the raw markup.


def test_feedback_text_has_no_markdown_markup(
    page: Page, watch: Watch, course: Course, stick: Path
) -> None:
    """Every choice's feedback, decoded from the package's data, is rendered HTML without Markdown
    markup (the runtime has no global decoder on purpose; test_cmi5 checks what it shows)."""
    open_course(page, stick)
    data = course.data
    encoded = {(key, c): (q["id"], q.get("feedback", {}).get(c, ""))
               for key, q in data["questions"].items() for c in q["choices"]}
    revealed = {f"{key}/{c}": reveal(data["salt"], qid, c, b64) if b64 else ""
                for (key, c), (qid, b64) in encoded.items()}
    assert len(revealed) == sum(len(q["choices"]) for q in course.data["questions"].values())
    assert all(revealed.values()), "every choice has feedback"
    markup = re.compile(
        r"(?<![\w*])(\*\*?|__?)[^\s*_][^*_]*(?<=\S)\1(?![\w*])|`[^`]+`|\[[^\]]+\]\("
    )
    assert any("<em>" in t for t in revealed.values()), "italics in feedback are rendered"
    raw = {k: t for k, t in revealed.items() if markup.search(t)}
    assert not raw, (
        f"{len(raw)} feedback texts show Markdown markup, e.g. {next(iter(raw.items()), None)}"
    )
    watch.assert_clean()
