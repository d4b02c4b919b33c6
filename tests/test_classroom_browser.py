"""The live classroom in real Chromium: learners on their own browser contexts ("phones") and the
facilitator's dashboard, against the real `coursepack classroom` command on 127.0.0.1.

Correct answers come from the course source (the classroom edition's judge), never from the page.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from support.classroom import COURSE, Running, start

from builder.classroom.edition import Edition, prepare

pytestmark = pytest.mark.browser

WAIT_MS = 20_000  # the machine is shared: generous, never a timing assertion
OUTBOXES = "Object.keys(localStorage).filter(k => k.startsWith('coursepack-classroom:outbox:'))"
ALL_SENT = f"() => {OUTBOXES}.every(k => !JSON.parse(localStorage.getItem(k)).events.length)"
REFLECTION = "langkah-kecil"


@pytest.fixture(scope="module")
def edition() -> Edition:
    """The article course's classroom edition: what the server judges with."""
    return prepare(COURSE)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Running]:
    """`coursepack classroom` serving the article course on a free port."""
    running = start(tmp_path / "data", "kelas-pagi")
    yield running
    running.stop()


@pytest.fixture
def phones(browser: Browser) -> Iterator[Callable[[], BrowserContext]]:
    """Make browser contexts (each its own phone: own storage and cookies); all closed after."""
    made: list[BrowserContext] = []

    def make() -> BrowserContext:
        ctx = browser.new_context(viewport={"width": 390, "height": 844})
        ctx.set_default_timeout(WAIT_MS)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


class Phone:
    """One learner's phone, driven through the course's own controls."""

    def __init__(self, ctx: BrowserContext, server: Running, name: str, nip: str = "") -> None:
        """Open the join address from the QR code, join, and wait for the course."""
        self.ctx = ctx
        self.page = ctx.new_page()
        self.page.goto(server.join_url)
        self.page.fill("#cr-name", name)
        self.page.fill("#cr-nip", nip)
        self.page.click("#cr-join button[type=submit]")
        self.ready()
        self.keys: dict[str, str] = {q["iid"]: k for k, q in self.page.evaluate(
            "JSON.parse(document.getElementById('cp-data').textContent).questions").items()}

    def ready(self) -> None:
        """Wait until the course shows a screen."""
        self.page.wait_for_selector("#cp-app[data-state=course][data-current]")

    def go(self, screen: str) -> None:
        """Show a screen (as the table of contents does)."""
        self.page.evaluate("id => CoursePack.app.go(id)", screen)
        self.page.wait_for_selector(f"#cp-app[data-current='{screen}']")

    def answer(self, edition: Edition, iid: str, right: bool) -> None:
        """Pick the right answer (or a wrong one) by clicking, then check it."""
        q, key = edition.questions[iid], self.keys[iid]
        self.go(q.quiz_id)
        picks = sorted(q.correct) if right else [next(c for c, _ in q.choices if c not in q.correct)]
        for choice in picks:
            self.page.click(f"label[for='q-{key}-{choice}']")
        self.page.click(f"#q-{key} .cp-check")
        self.page.wait_for_selector(f"#q-{key}[data-answered]")

    def outbox(self) -> list[dict[str, Any]]:
        """The events this phone still has to deliver."""
        boxes = self.page.evaluate(f"{OUTBOXES}.map(k => JSON.parse(localStorage.getItem(k)))")
        return [event for box in boxes for event in box["events"]]


def sign_in(ctx: BrowserContext, server: Running) -> Page:
    """The facilitator opens the dashboard and types the PIN from the terminal."""
    page = ctx.new_page()
    page.goto(server.base + "/dashboard")
    page.fill("#cr-pin", server.pin)
    page.click("button[type=submit]")
    page.wait_for_selector("#cr-learners", state="attached")
    return page


def bar(iid: str, choice: str, count: int) -> str:
    """The dashboard's bar of one choice showing a count."""
    return f"article[data-iid='{iid}'] .cr-bar[data-choice='{choice}'][data-count='{count}']"


def dashboard_state(server: Running) -> dict[str, Any]:
    """The dashboard's data, fetched with the PIN (outside the browser)."""
    with httpx.Client(base_url=server.base, timeout=10) as http:
        assert http.post("/dashboard/login", data={"pin": server.pin}).status_code == 303
        state: dict[str, Any] = http.get("/dashboard/state").json()
        return state


def answered(server: Running) -> dict[str, int]:
    """Answers stored per question."""
    return {q["iid"]: q["answers"] for q in dashboard_state(server)["questions"]}


def wait_until(check: Callable[[], bool], what: str, seconds: float = 30) -> None:
    """Poll until check() holds (the phone resends with a backoff of at most 5 s)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError(f"never happened: {what}")


def test_room_answers_live_then_finish_and_export(server: Running, phones: Callable[[],
                                                  BrowserContext], edition: Edition) -> None:
    board_ctx = phones()
    board = sign_in(board_ctx, server)
    assert server.code in board.inner_text(".cr-joinbox")
    assert board.locator("#cr-qr svg").count() == 1
    ani = Phone(phones(), server, "Ani Lestari", "198701012010012001")
    budi = Phone(phones(), server, "Budi Santoso", "198702022010011002")
    citra = Phone(phones(), server, "Citra")
    board.wait_for_selector("#cr-learners tbody tr:nth-child(3)")
    # names are hidden on the projector until the facilitator shows them
    assert "Ani Lestari" not in board.inner_text("#cr-learners")
    first = next(iid for iid, q in edition.questions.items() if not q.final)
    q = edition.questions[first]
    right = sorted(q.correct)[0]
    wrong = next(c for c, _ in q.choices if c not in q.correct)
    ani.answer(edition, first, True)
    board.wait_for_selector(bar(first, right, 1))
    budi.answer(edition, first, True)
    citra.answer(edition, first, False)
    board.wait_for_selector(bar(first, right, 2))
    board.wait_for_selector(bar(first, wrong, 1))
    assert "67%" in board.inner_text(f"article[data-iid='{first}'] .cr-meta")
    assert first in [q["iid"] for q in dashboard_state(server)["questions"]
                     if q["iid"] in dashboard_state(server)["difficult"]]
    # where each learner is
    citra.go(REFLECTION)
    board.wait_for_function(
        "t => [...document.querySelectorAll('#cr-learners td')].some(td => td.textContent === t)",
        arg=edition.screen_titles[REFLECTION])
    # the final assessment: Ani all right, Budi all wrong
    for iid in edition.final_iids:
        ani.answer(edition, iid, True)
        budi.answer(edition, iid, False)
    ani.go("hasil")
    budi.go("hasil")
    assert ani.page.inner_text("#cp-verdict") == "Lulus"
    board.check("#cr-names")
    board.wait_for_function("() => document.querySelector('#cr-passed').textContent === '1'")
    board.wait_for_function("() => document.querySelector('#cr-finished').textContent === '2'")
    rows = {r.split("\t")[0]: r.split("\t") for r in
            board.inner_text("#cr-learners tbody").splitlines()}
    assert rows["Ani Lestari"][3:6] == ["100", "Lulus", str(edition.course.jp)]
    assert rows["Budi Santoso"][3:6] == ["0", "Belum lulus", "–"]
    # a plan is seen only once its learner shares it
    ani.go(REFLECTION)
    ani.page.fill(f"#r-{REFLECTION}-1", "Mulai rapat pagi sepuluh menit dengan data layanan.")
    ani.page.click(f"form[data-reflection='{REFLECTION}'] button[type=submit]")
    ani.page.wait_for_function(ALL_SENT)
    assert board.inner_text("#cr-reflections") == ""
    ani.page.check(f"form[data-reflection='{REFLECTION}'] input.cp-share")
    board.wait_for_selector("#cr-reflections .cr-plan")
    assert "rapat pagi sepuluh menit" in board.inner_text("#cr-reflections")
    # the grades for Moodle, downloaded from the dashboard
    with board.expect_download() as download:
        board.click("a[href='/dashboard/grades.csv']")
    grades = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    assert grades == [["ID number", "Nama lengkap", "Nilai", "Status", "JP"],
                      ["198701012010012001", "Ani Lestari", "100", "Lulus",
                       str(edition.course.jp)],
                      ["198702022010011002", "Budi Santoso", "0", "Belum lulus", "0"]]
    attendance = board_ctx.request.get(server.base + "/dashboard/attendance.csv").text()
    assert [r[0] for r in csv.reader(io.StringIO(attendance.lstrip("\ufeff")))][1:] == [
        "Ani Lestari", "Budi Santoso", "Citra"]


def test_offline_learner_answers_arrive_when_back(server: Running, phones: Callable[[],
                                                  BrowserContext], edition: Edition) -> None:
    phone = Phone(phones(), server, "Dewi")
    questions = [iid for iid, q in edition.questions.items() if not q.final][:4]
    phone.answer(edition, questions[0], True)
    wait_until(lambda: answered(server)[questions[0]] == 1, "the first answer arrives")
    phone.ctx.set_offline(True)
    for iid in questions[1:]:
        phone.answer(edition, iid, True)
    phone.go("hasil")
    assert {e["kind"] for e in phone.outbox()} >= {"interaction", "save"}
    phone.page.wait_for_selector("#cp-app[data-classroom=offline]")
    time.sleep(2)  # the phone keeps retrying while offline; the server still has only one answer
    assert [answered(server)[iid] for iid in questions] == [1, 0, 0, 0]
    phone.ctx.set_offline(False)
    wait_until(lambda: [answered(server)[iid] for iid in questions] == [1, 1, 1, 1],
               "the answers given offline arrive")
    phone.page.wait_for_function(ALL_SENT)
    learner = dashboard_state(server)["learners"][0]
    assert learner["screen"] == edition.screen_titles["hasil"]


def test_server_killed_and_restarted_loses_nothing(server: Running, phones: Callable[[],
                                                   BrowserContext], edition: Edition,
                                                   tmp_path: Path) -> None:
    phone = Phone(phones(), server, "Eko", "1990")
    finals = list(edition.final_iids)
    for iid in finals[:5]:
        phone.answer(edition, iid, True)
    wait_until(lambda: sum(answered(server)[i] for i in finals) == 5, "five answers stored")
    server.kill()
    for iid in finals[5:9]:  # the phone keeps working while the laptop's server is down
        phone.answer(edition, iid, iid != finals[8])
    phone.go(REFLECTION)
    assert len([e for e in phone.outbox() if e["kind"] == "interaction"]) == 4
    again = start(tmp_path / "data", "kelas-pagi", port=server.port)
    try:
        assert (again.code, again.pin) == (server.code, server.pin)
        wait_until(lambda: sum(answered(again)[i] for i in finals) == 9,
                   "the answers given while the server was down arrive")
        phone.page.wait_for_function(ALL_SENT)
        # the learner reopens the course: the server's records bring back every answer and the screen
        phone.page.reload()
        phone.ready()
        assert phone.page.get_attribute("#cp-app", "data-current") == REFLECTION
        for iid in finals[:9]:
            assert phone.page.get_attribute(f"#q-{phone.keys[iid]}", "data-answered") == (
                "wrong" if iid == finals[8] else "correct")
        assert dashboard_state(again)["learners"][0]["answered"] == 9
    finally:
        again.stop()


def test_learners_reach_only_their_own_records(server: Running, phones: Callable[[],
                                               BrowserContext], edition: Edition) -> None:
    ani = Phone(phones(), server, "Ani", "111")
    first = next(iter(edition.questions))
    ani.answer(edition, first, True)
    ani.go(REFLECTION)
    wait_until(lambda: answered(server)[first] == 1, "Ani's answer is stored")
    # someone else types Ani's name and NIP on another phone: a new learner, nothing of Ani's
    other = Phone(phones(), server, "Ani", "111")
    assert other.page.get_attribute("#cp-app", "data-current") != REFLECTION
    assert other.page.get_attribute(f"#q-{other.keys[first]}", "data-answered") is None
    # a phone that never joined is sent to the join page, not into anyone's course
    stranger = phones().new_page()
    stranger.goto(server.base + "/course/")
    stranger.wait_for_selector("#cr-join")
    # the dashboard and the exports ask for the PIN
    stranger.goto(server.base + "/dashboard")
    assert stranger.locator("#cr-pin").count() == 1
    for path in ("/dashboard/state", "/dashboard/grades.csv", "/dashboard/attendance.csv"):
        assert stranger.request.get(server.base + path).status == 401
    stranger.fill("#cr-pin", "000000" if server.pin != "000000" else "111111")
    stranger.click("button[type=submit]")
    assert stranger.locator(".cr-error").count() == 1
    assert stranger.request.get(server.base + "/dashboard/state").status == 401


def test_two_tabs_of_one_phone_lose_nothing(server: Running, phones: Callable[[],
                                            BrowserContext], edition: Edition) -> None:
    first = Phone(phones(), server, "Fajar")
    second_page = first.ctx.new_page()  # the QR code scanned again opens a second tab
    second_page.goto(server.base + "/course/")
    second_page.wait_for_selector("#cp-app[data-state=course][data-current]")
    second = Phone.__new__(Phone)
    second.ctx, second.page, second.keys = first.ctx, second_page, first.keys
    questions = [iid for iid, q in edition.questions.items() if not q.final][:4]
    first.answer(edition, questions[0], True)
    second.answer(edition, questions[1], True)
    first.answer(edition, questions[2], False)
    second.answer(edition, questions[3], True)
    wait_until(lambda: [answered(server)[iid] for iid in questions] == [1, 1, 1, 1],
               "every answer of both tabs is stored")
    assert not first.outbox()


def test_a_learner_moves_to_another_phone(server: Running, phones: Callable[[], BrowserContext],
                                          edition: Edition) -> None:
    board = sign_in(phones(), server)
    old = Phone(phones(), server, "Indah")
    first = next(iid for iid, q in edition.questions.items() if not q.final)
    old.answer(edition, first, True)
    old.go(REFLECTION)
    wait_until(lambda: answered(server)[first] == 1, "the answer is stored")
    # the battery dies: the facilitator gives a move code, the learner types it on another phone
    board.click("#cr-learners tbody tr:first-child .cr-movecell button")
    code = board.inner_text("#cr-learners tbody tr:first-child .cr-movecode")
    new_page = phones().new_page()
    new_page.goto(server.join_url)
    new_page.click(".cr-move summary")
    new_page.fill("#cr-move-code", code)
    new_page.click("#cr-move button[type=submit]")
    new_page.wait_for_selector(f"#cp-app[data-state=course][data-current='{REFLECTION}']")
    key = old.keys[first]
    assert new_page.get_attribute(f"#q-{key}", "data-answered") == "correct"
    assert len(dashboard_state(server)["learners"]) == 1
    # the old phone's token no longer opens anything: it is sent to the join page
    old.page.reload()
    old.page.wait_for_selector("#cr-join")


def test_answers_of_a_tab_left_unsent_are_sent_by_the_next_tab(
        server: Running, phones: Callable[[], BrowserContext], edition: Edition,
        tmp_path: Path) -> None:
    phone = Phone(phones(), server, "Joko")
    questions = [iid for iid, q in edition.questions.items() if not q.final][:2]
    server.kill()
    for iid in questions:
        phone.answer(edition, iid, True)
    phone.page.goto("about:blank")  # the learner leaves the course while the server is down
    again_server = start(tmp_path / "data", "kelas-pagi", port=server.port)
    try:
        assert [answered(again_server)[iid] for iid in questions] == [0, 0]
        again = phone.ctx.new_page()  # and later opens it again, in a new tab
        again.goto(again_server.base + "/course/")
        again.wait_for_selector("#cp-app[data-state=course][data-current]")
        wait_until(lambda: [answered(again_server)[iid] for iid in questions] == [1, 1],
                   "the left tab's answers are sent by the new one")
        again.wait_for_function(ALL_SENT)
        assert again.get_attribute(f"#q-{phone.keys[questions[1]]}", "data-answered") == "correct"
    finally:
        again_server.stop()


def test_a_retake_shows_the_latest_attempt_on_the_dashboard(
        tmp_path: Path, phones: Callable[[], BrowserContext]) -> None:
    # attempt 1 all wrong, then a retake from the results page answered all right: the question
    # statistics show the retake's answers, the learner passes, and the dashboard says so
    import shutil

    import yaml

    source = Path(shutil.copytree(COURSE, tmp_path / "src"))
    final = next(p for p in (source / "quizzes").glob("*.yaml")
                 if yaml.safe_load(p.read_text("utf-8"))["kind"] == "final")
    quiz = yaml.safe_load(final.read_text("utf-8"))
    quiz["settings"]["attempts"] = 2  # the played course allows one
    final.write_text(yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False), "utf-8")
    edition = prepare(source)
    server = start(tmp_path / "data", "kelas-ulang", source=source)
    try:
        retake(server, phones, edition)
    finally:
        server.stop()


def retake(server: Running, phones: Callable[[], BrowserContext], edition: Edition) -> None:
    """Play the retake test against one server."""
    board = sign_in(phones(), server)
    # the dashboard says how it counts, in the course's language
    assert "penilaian akhir dengan percobaan terakhir" in board.inner_text("#cr-counted")
    dewi = Phone(phones(), server, "Dewi")
    for iid in edition.final_iids:
        dewi.answer(edition, iid, False)
    dewi.go("hasil")
    dewi.page.wait_for_function(ALL_SENT)
    final = {q["iid"]: q for q in dashboard_state(server)["questions"] if q["final"]}
    assert {q["correct_pct"] for q in final.values()} == {0}
    dewi.page.click("#cp-retake")
    for iid in edition.final_iids:
        dewi.answer(edition, iid, True)
    dewi.go("hasil")
    assert dewi.page.inner_text("#cp-verdict") == "Lulus"
    dewi.page.wait_for_function(ALL_SENT)
    state = dashboard_state(server)
    final = {q["iid"]: q for q in state["questions"] if q["final"]}
    assert {(q["answers"], q["correct_pct"]) for q in final.values()} == {(1, 100)}
    assert (state["learners"][0]["raw"], state["learners"][0]["status"]) == (100, "passed")
    board.wait_for_function("() => document.querySelector('#cr-passed').textContent === '1'")


def test_a_learner_who_taps_exit_can_go_back_in(server: Running, phones: Callable[[],
                                                BrowserContext], edition: Edition) -> None:
    """Keluar on a phone in the classroom left a dead end ("Anda telah keluar" with no way on but
    scanning the QR code again): "Masuk lagi" brings the learner back, answers kept."""
    phone = Phone(phones(), server, "Eka")
    first = next(iid for iid, q in edition.questions.items() if not q.final)
    phone.answer(edition, first, True)
    phone.page.click("#cp-exit")
    phone.page.wait_for_selector("#cp-app[data-state=exited]")
    assert phone.page.is_visible("#cp-reenter")
    phone.page.click("#cp-reenter")
    phone.ready()
    phone.go(edition.questions[first].quiz_id)
    assert phone.page.get_attribute(f"#q-{phone.keys[first]}", "data-answered") == "correct"
