"""The cmi5 package: its cmi5.xml, and the AU in Chromium launched by a cmi5 LMS.

The course is built once from course_src/ with the cmi5 target. The LMS (support.lrs) launches the
AU the way section 8 and 10 of the cmi5 spec describe, on its own origin; every statement it gets
is checked on arrival with Ralph's xAPI models and the cmi5 rules for one statement, and the tests
check the rules across a session: the order of the verbs, durations, scores, the saved state.
The LRS is strict as an xAPI 2.0 LRS is: the State document is under concurrency control (ETag,
If-Match / If-None-Match, 409 and 412), and every State request of a session is checked.
Correct answers come from the source (builder.load), never from the package.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import pytest
from lxml import etree
from playwright.sync_api import Page
from pydantic import TypeAdapter
from ralph.models.xapi.base.statements import BaseXapiStatement
from ralph.models.xapi.concepts.constants.cmi5_profile import CONTEXT_EXTENSION_SESSION_ID
from support.lrs import (
    CMI5_CATEGORY,
    MASTERY_EXTENSION,
    MOVEON_CATEGORY,
    Cmi5Lms,
    Request,
    Session,
    categories,
    running_lms,
    verb_of,
    when,
)
from support.played import (
    FINAL,
    RESULTS,
    ROOT,
    Course,
    build_course,
    choice_response,
    decode_suspend,
)
from support.paths import artifacts_dir
from support.server import serve

from builder.build import build
from builder.options import BuildOptions
from builder.render import LearnerEdition, learner_course
from builder.resolve import resolve
from builder.targets.registry import TARGETS
from builder.load import load_course
from builder.schemas import SchemaSet
from builder.state import reveal
from builder.targets import cmi5

NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
STATE_ID = "coursepack.suspend"
WAIT_MS = 15_000  # the machine may be busy: a generous cap on waiting, never a timing assertion
DURATION: TypeAdapter[timedelta] = TypeAdapter(timedelta)
ISO_DURATION = re.compile(r"^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$")


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    """Build the cmi5 package once and map every question to its correct answer."""
    return build_course(tmp_path_factory.mktemp("cmi5"), "cmi5")


def au_id(course: Course) -> str:
    """The id of the course's one AU, as its cmi5.xml says."""
    au = etree.fromstring((course.pkg / "cmi5.xml").read_bytes()).find("c:au", NS)
    assert au is not None
    return str(au.get("id", ""))


@pytest.fixture(scope="module")
def content(course: Course) -> Iterator[str]:
    """The unpacked package on its own 127.0.0.1 origin (the LMS is on another)."""
    with serve(course.pkg) as url:
        yield url + "/index.html"


@pytest.fixture
def lms(request: pytest.FixtureRequest) -> Iterator[Cmi5Lms]:
    """A fresh strict cmi5 LMS (options by indirect parametrization); no request may break a rule."""
    with running_lms(**getattr(request, "param", {})) as server:
        yield server
        assert server.problems == []


ETAG_MODES = pytest.mark.parametrize("lms", [
    {},  # the xAPI 2.0 minimum: ETag on GET only, a 204 without one
    {"etag_on_put": True},  # an LRS that also gives the new ETag with the 204
    {"expose_etag": False},  # an LRS whose CORS hides ETag: the AU can only say If-Match: *
], indirect=True, ids=["etag-on-get", "etag-on-put", "etag-hidden"])


# -- cmi5.xml --------------------------------------------------------------------------------


def test_cmi5_xml_is_valid_and_first_in_the_zip(course: Course) -> None:
    names = zipfile.ZipFile(course.zip_path).namelist()
    assert names[0] == "cmi5.xml"
    assert "imsmanifest.xml" not in names
    raw = (course.pkg / "cmi5.xml").read_bytes()
    assert SchemaSet.create().validate("cmi5", raw) == []
    assert b"&#" not in raw and raw.decode("utf-8")


def test_cmi5_xml_ids_titles_and_launch(course: Course) -> None:
    root = etree.fromstring((course.pkg / "cmi5.xml").read_bytes())
    element, aus = root.find("c:course", NS), root.findall("c:au", NS)
    assert element is not None and len(aus) == 1
    au = aus[0]
    ids = [element.get("id", ""), au.get("id", "")]
    assert len(set(ids)) == 2
    for iri in ids:
        parts = urlsplit(iri)
        assert parts.scheme == "https" and parts.netloc and not parts.query and not parts.fragment
    assert ids == ["https://coursepack.example/xapi/pemimpin-asn-digital",
                   "https://coursepack.example/xapi/pemimpin-asn-digital/au/pemimpin-asn-digital"]
    for node in (element, au):
        for tag in ("title", "description"):
            strings = node.findall(f"c:{tag}/c:langstring", NS)
            assert [s.get("lang") for s in strings] == ["id"] and (strings[0].text or "").strip()
    url = au.findtext("c:url", namespaces=NS)
    assert url == "index.html" and url in zipfile.ZipFile(course.zip_path).namelist()
    assert au.get("masteryScore") == "0.7" == str(course.pass_mark / 100)
    assert au.get("moveOn") == "CompletedAndPassed"
    assert au.get("launchMethod") == "AnyWindow"
    adapter = (course.pkg / "assets" / "js" / "adapter.js").read_text("utf-8")
    assert 'CP.lms.standard = "cmi5"' in adapter


def test_base_iri_is_an_argument_with_a_checked_value(
        course: Course, monkeypatch: pytest.MonkeyPatch) -> None:
    source, _ = load_course(ROOT / "course_src")
    assert source is not None
    options = BuildOptions(cmi5_base_iri="urn:x-pusdiklat:k1")
    edition = LearnerEdition(learner_course(resolve(source)), {})
    files = TARGETS["cmi5"].files(edition, options)
    assert b'<course id="urn:x-pusdiklat:k1">' in files["cmi5.xml"]
    files = cmi5.package(learner_course(resolve(source)), {"index.html": b""},
                         "https://pusdiklat.example.go.id/xapi/k1/")
    root = etree.fromstring(files["cmi5.xml"])
    ids = [root.find(f"c:{tag}", NS).get("id") for tag in ("course", "au")]
    assert ids == ["https://pusdiklat.example.go.id/xapi/k1",
                   "https://pusdiklat.example.go.id/xapi/k1/au/pemimpin-asn-digital"]
    for bad in ("pemimpin-asn-digital", "/xapi/k1", "https://x.example/a?b=1"):
        with pytest.raises(ValueError):
            cmi5.package(learner_course(resolve(source)), {}, bad)


# -- the AU in Chromium ------------------------------------------------------------------------


class Learner:
    """Drives the course the way a learner does."""

    def __init__(self, page: Page, course: Course) -> None:
        """Wait until the course shows a screen in LMS mode."""
        self.page = page
        self.course = course
        page.wait_for_selector("#cp-app[data-state=course][data-mode=lms][data-current]",
                               timeout=WAIT_MS)

    @property
    def current(self) -> str:
        """The screen shown now."""
        return self.page.get_attribute("#cp-app", "data-current") or ""

    def toc(self, screen: str) -> None:
        """Open a screen from the table of contents."""
        self.page.click(f'#cp-toc a[data-goto="{screen}"]')
        self.page.wait_for_selector(f'#cp-app[data-current="{screen}"]', timeout=WAIT_MS)

    def answer(self, key: str, picked: tuple[str, ...]) -> None:
        """Select choices and press the check button."""
        for choice in picked:
            self.page.click(f'[id="q-{key}-{choice}"]')
        self.page.click(f'form[data-question="{key}"] .cp-check')
        self.page.wait_for_selector(f'form[data-question="{key}"][data-answered]', timeout=WAIT_MS)

    def final(self, wrong: set[str] | frozenset[str] = frozenset()) -> dict[str, tuple[str, ...]]:
        """Answer the final assessment (correctly unless the key is in `wrong`)."""
        self.toc(FINAL)
        picks = {}
        for key in self.course.quiz_keys[FINAL]:
            picks[key] = self.course.wrong(key) if key in wrong else self.course.correct[key]
            self.answer(key, picks[key])
        return picks

    def verdict(self) -> tuple[str, str, str, bool]:
        """On the results screen: data-passed, the verdict, the pass-mark line, certificate shown."""
        self.toc(RESULTS)
        return (self.page.get_attribute("#cp-verdict", "data-passed") or "",
                self.page.inner_text("#cp-verdict").strip(), self.page.inner_text("#cp-mark").strip(),
                self.page.is_visible("#cp-cert"))


def wait_for(check: Callable[[], bool], what: str, seconds: float = 5) -> None:
    """Poll until check() is true (the AU sends asynchronously)."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def terminated(lms: Cmi5Lms, session: Session) -> bool:
    """True once the session's terminated statement arrived."""
    return any(verb_of(s) == "terminated" for s in lms.from_au(session))


def seconds(statement: dict[str, Any]) -> float:
    """result.duration in seconds, checked to be an ISO 8601 duration with ≤ 2 decimals."""
    text = statement["result"]["duration"]
    assert ISO_DURATION.match(text), text
    return float(DURATION.validate_python(text).total_seconds())


def check_session(lms: Cmi5Lms, session: Session) -> list[dict[str, Any]]:
    """The rules across one session; returns the AU's statements."""
    got = lms.from_au(session)
    verbs = [verb_of(s) for s in got]
    assert verbs[0] == "initialized" and verbs[-1] == "terminated", verbs
    defined = [v for v in verbs if v in ("initialized", "completed", "passed", "failed", "terminated")]
    assert len(defined) == len(set(defined)), f"a cmi5 verb twice in a session: {verbs}"
    assert not {"passed", "failed"} <= set(verbs), verbs
    stamps = [when(s) for s in got]
    assert stamps[0] == min(stamps) and stamps[-1] == max(stamps), "initialized first, terminated last"
    for s in got:
        context = s["context"]
        assert context["registration"] == session.registration
        assert context["extensions"][CONTEXT_EXTENSION_SESSION_ID] == session.id
        assert {"objectType": "Activity", "id": session.publisher_id} in \
            context["contextActivities"]["grouping"]
        assert uuid.UUID(s["id"]).version == 4
        assert s["timestamp"].endswith("Z")
        assert s["actor"] == session.actor
        BaseXapiStatement.model_validate(s)
    assert len({s["id"] for s in got}) == len(got)
    assert session.fetch_posts == 1, "the fetch URL is POSTed exactly once"
    requests = [r for r in lms.requests if r.session == session.id]
    assert any(r.method == "GET" and r.query.get("stateId") == "LMS.LaunchData" for r in requests)
    assert any(r.path == "/xapi/agents/profile" and r.query.get("profileId") ==
               "cmi5LearnerPreferences" for r in requests)
    return got


def state_then_terminated(lms: Cmi5Lms, session: Session) -> None:
    """After Exit the last state write reaches the LMS before the session's last statement batch,
    the one with terminated: an LMS reading the state on terminated finds it whole."""
    mine = [r for r in lms.requests if r.session == session.id and r.method in ("PUT", "POST")]
    kinds = ["state" if r.path == "/xapi/activities/state" else "statements" for r in mine]
    assert "state" in kinds and kinds[-1] == "statements", "\n".join(r.line() for r in mine)
    assert verb_of(lms.from_au(session)[-1]) == "terminated"


def check_state(lms: Cmi5Lms, session: Session) -> list[Request]:
    """The State discipline of one session (xAPI 2.0); returns its coursepack.suspend requests.

    Every write is a PUT with exactly one concurrency header, accepted (so its If-Match named the
    version the LRS had), and changes the document; a GET only reads the saved state at start and
    the version after a 204 without ETag: so at most 2 requests per write, plus the first GET."""
    log = lms.state_log(session, STATE_ID)
    puts = [r for r in log if r.method != "GET"]
    trace = "\n".join(lms.trace(session))
    for r in puts:
        assert r.method == "PUT" and r.status == 204, f"{r.line()}, in the session's trace:\n{trace}"
        assert (r.if_match is None) != (r.if_none_match is None), f"one header: {r.line()}"
        assert r.if_none_match in (None, "*") and r.if_match != r.written, r.line()
        if lms.expose_etag:
            assert r.if_match != "*", f"a readable ETag is used: {r.line()}"
    gets = [r for r in log if r.method == "GET"]
    assert all(r.status in (200, 404) for r in gets), [r.line() for r in gets]
    assert log[0].method == "GET" and len(gets) <= 1 + len(puts), [r.line() for r in log]
    if lms.etag_on_put:
        assert len(gets) == 1, [r.line() for r in log]
    return log


@ETAG_MODES
def test_a_passing_learner_is_completed_and_passed_then_returns_to_the_lms(
        page: Page, course: Course, content: str, lms: Cmi5Lms) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    session = lms.launch(content, au_id(course), str(uuid.uuid4()),
                         return_url=lms.base + "/return?from=au")
    page.goto(session.url)
    learner = Learner(page, course)
    assert page.text_content("#cp-learner") == "Peserta: Budi Santoso"
    picks = learner.final()
    shown_feedback_is_the_encoded_one(page, course, course.quiz_keys[FINAL][0])
    page.click("#cp-exit")
    page.wait_for_url(lms.base + "/return?from=au", timeout=WAIT_MS)
    got = check_session(lms, session)
    final = course.quiz_keys[FINAL]
    assert [verb_of(s) for s in got] == (["initialized"] + ["answered"] * len(final)
                                         + ["completed", "passed", "terminated"])
    for key, s in zip(final, got[1:], strict=False):
        q = course.q(key)
        assert s["object"]["id"] == f"{session.activity_id}/question/{course.iid(key)}"
        assert s["object"]["definition"]["interactionType"] == (
            "true-false" if q["type"] == "truefalse" else "choice")
        assert s["result"] == {"response": choice_response(course, key, picks[key]), "success": True}
        assert CMI5_CATEGORY not in categories(s)
    completed, passed, ended = got[-3:]
    assert completed["result"]["completion"] is True
    assert passed["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100}
    assert passed["result"]["success"] is True
    assert passed["context"]["extensions"][MASTERY_EXTENSION] == 0.7
    for s in (completed, passed):
        assert set(categories(s)) == {CMI5_CATEGORY, MOVEON_CATEGORY}
    assert categories(got[0]) == categories(ended) == [CMI5_CATEGORY]
    assert 0 <= seconds(completed) <= seconds(passed) <= seconds(ended)
    saved = lms.document(session, STATE_ID)
    assert saved["bookmark"] == FINAL and saved["suspend"].startswith("c2|")
    assert saved["status"] == "passed" and saved["completed"] is True
    state_then_terminated(lms, session)
    assert lms.writes(session) and all(r.query["stateId"] == STATE_ID for r in lms.writes(session))
    log = check_state(lms, session)
    # the first write creates the document (If-None-Match: *), each later one names its version
    assert [(r.method, r.status, r.if_none_match) for r in log[:2]] == [("GET", 404, None),
                                                                      ("PUT", 204, "*")]
    known = log[1].etag
    for r in log[2:]:
        if r.method == "PUT":
            assert r.if_match == (known if lms.expose_etag else "*"), r.line()
        known = r.etag
    name = f"cmi5-state-trace-etag-on-put-{lms.etag_on_put}-exposed-{lms.expose_etag}.txt".lower()
    (artifacts_dir() / name).write_text("\n".join(lms.trace(session)) + "\n", "utf-8")
    assert errors == []


def shown_feedback_is_the_encoded_one(page: Page, course: Course, key: str) -> None:
    """The feedback the page shows for an answered question is the one the package encodes."""
    q = course.q(key)
    shown = page.eval_on_selector_all(f'form[data-question="{key}"] .cp-fb-text',
                                      "els => els.map(e => e.innerHTML)")
    expected = [reveal(course.data["salt"], q["id"], c, q["feedback"][c])
                for c in q["choices"] if c in page.eval_on_selector_all(
                    f'form[data-question="{key}"] input:checked', "els => els.map(e => e.value)")
                and q.get("feedback", {}).get(c)]
    normalised = page.evaluate("""texts => texts.map(t => {
        const d = document.createElement("div"); d.innerHTML = t; return d.innerHTML; })""", expected)
    assert shown and shown == normalised
    assert page.evaluate("() => [typeof CoursePack.quiz.feedback, typeof CoursePack.hash.reveal]") \
        == ["undefined", "undefined"], "no global helper decodes feedback"


@pytest.mark.parametrize("lms", [{}, {"answer_delay": 0.5}], indirect=True,
                         ids=["prompt-lms", "slow-lms"])
def test_a_failing_learner_is_completed_and_failed_never_passed(
        page: Page, course: Course, content: str, lms: Cmi5Lms) -> None:
    session = lms.launch(content, au_id(course), str(uuid.uuid4()))
    page.goto(session.url)
    Learner(page, course).final(wrong=set(course.quiz_keys[FINAL]))
    page.click("#cp-exit")
    page.wait_for_selector("#cp-exited:not([hidden])", timeout=WAIT_MS)
    wait_for(lambda: terminated(lms, session), "terminated")
    got = check_session(lms, session)
    verbs = [verb_of(s) for s in got]
    assert verbs[-3:] == ["completed", "failed", "terminated"] and "passed" not in verbs
    failed = got[-2]
    assert failed["result"]["success"] is False
    assert failed["result"]["score"] == {"scaled": 0, "raw": 0, "min": 0, "max": 100}
    assert all(s["result"]["success"] is False for s in got if verb_of(s) == "answered")
    assert page.url == session.url, "no returnURL: the AU stays where it was"
    check_state(lms, session)
    assert lms.document(session, STATE_ID)["status"] == "failed"
    state_then_terminated(lms, session)


def mark_line(course: Course, mastery: float) -> str:
    """The results page's line for an LMS's masteryScore, as a percent in Indonesian (94,11)."""
    shown = format(Decimal(str(mastery)) * 100, "f")
    shown = shown.rstrip("0").rstrip(".") if "." in shown else shown
    return course.text["passMarkLms"].replace("{m}", shown.replace(".", ","))


@pytest.mark.parametrize("over", [0, 1, 95], ids=["at-the-cut-score", "one-above", "0.95"])
def test_the_lms_mastery_score_decides_over_the_course_pass_mark_exactly(
        page: Page, course: Course, content: str, lms: Cmi5Lms, over: int) -> None:
    """Two final questions wrong, against a masteryScore just at the score (cut to 4 decimals, so
    it passes), 0.0001 above it (fails, although both round to the same 2 decimals), and 0.95."""
    final = course.quiz_keys[FINAL]
    right, total = len(final) - 2, len(final)
    cut = (right * 10_000 // total) / 10_000  # the exact fraction, cut to 4 decimals
    mastery = 0.95 if over == 95 else round(cut + over / 10_000, 4)
    assert course.pass_mark <= round(100 * right / total) < 95
    session = lms.launch(content, au_id(course), str(uuid.uuid4()), mastery_score=mastery)
    page.goto(session.url)
    learner = Learner(page, course)
    learner.final(wrong={final[0], final[1]})
    passed = over == 0
    # the page and the certificate say what the LMS is told
    assert learner.verdict() == (str(passed).lower(), course.text["passed" if passed else "failed"],
                                 mark_line(course, mastery),
                                 passed)
    page.click("#cp-exit")
    wait_for(lambda: terminated(lms, session), "terminated")
    got = check_session(lms, session)
    judged = [s for s in got if verb_of(s) in ("passed", "failed")]
    assert [verb_of(s) for s in judged] == ["passed" if over == 0 else "failed"]
    assert judged[0]["result"]["score"] == {"scaled": cut, "raw": round(100 * right / total),
                                            "min": 0, "max": 100}
    assert judged[0]["context"]["extensions"][MASTERY_EXTENSION] == mastery
    check_state(lms, session)


@pytest.mark.parametrize(("mastery", "right", "passed"), [(0.8, 15, False), (0.6, 13, True)],
                         ids=["lms-0.8-over-course-70", "lms-0.6-under-course-70"])
def test_page_certificate_and_lms_follow_the_lms_mastery_score_against_the_course(
        page: Page, course: Course, content: str, lms: Cmi5Lms, mastery: float, right: int,
        passed: bool) -> None:
    """15 of 20 (75) passes the course's 70 but fails a masteryScore of 0.8; 13 of 20 (65) fails
    70 but passes 0.6: the page, the certificate, the statement and the saved status agree."""
    final = course.quiz_keys[FINAL]
    raw = round(100 * right / len(final))
    assert (raw >= course.pass_mark) != passed, "the course's own pass mark would say the opposite"
    session = lms.launch(content, au_id(course), str(uuid.uuid4()), mastery_score=mastery)
    page.goto(session.url)
    learner = Learner(page, course)
    learner.final(wrong=set(final[right:]))
    verdict = "passed" if passed else "failed"
    assert learner.verdict() == (str(passed).lower(), course.text[verdict],
                                 mark_line(course, mastery),
                                 passed)
    page.click("#cp-exit")
    wait_for(lambda: terminated(lms, session), "terminated")
    judged = [s for s in check_session(lms, session) if verb_of(s) in ("passed", "failed")]
    assert [verb_of(s) for s in judged] == [verdict]
    assert judged[0]["result"]["success"] is passed and judged[0]["result"]["score"]["raw"] == raw
    assert lms.document(session, STATE_ID)["status"] == verdict
    check_state(lms, session)


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_send_only_initialized_and_terminated(
        page: Page, course: Course, content: str, lms: Cmi5Lms, mode: str) -> None:
    session = lms.launch(content, au_id(course), str(uuid.uuid4()), mode=mode,
                         return_url=lms.base + "/return")
    page.goto(session.url)
    learner = Learner(page, course)
    key = course.quiz_keys[FINAL][0]
    learner.toc(FINAL)
    learner.answer(key, course.correct[key])
    learner.toc(course.screens[2])
    page.click("#cp-exit")
    page.wait_for_url(lms.base + "/return", timeout=WAIT_MS)
    got = check_session(lms, session)
    assert [verb_of(s) for s in got] == ["initialized", "terminated"]
    assert lms.writes(session) == []
    assert lms.document(session, STATE_ID) is None


@pytest.mark.parametrize("lms", [{}, {"answer_delay": 0.5}, {"state_delay": 0.5}, {"etag_on_put": True}],
                         indirect=True, ids=["prompt-lms", "slow-lms", "slow-state", "etag-on-put"])
def test_a_relaunch_resumes_on_the_saved_screen_with_every_answer_kept(
        page: Page, course: Course, content: str, lms: Cmi5Lms) -> None:
    """Every question of a quiz answered (the first one wrong), one screen further, the learner
    leaves without Exit; a relaunch in another browser (nothing in its localStorage) opens that
    screen with every answer, read from the LRS, and writes over the version it read.

    slow-state: the learner leaves while the last state write waits for its answer (the LMS has
    it already). Chromium rejects that fetch during pagehide yet still delivers it; the page must
    not take the rejection for a lost write and send it again with the same If-Match (412)."""
    registration = str(uuid.uuid4())
    first = lms.launch(content, au_id(course), registration)
    page.goto(first.url)
    learner = Learner(page, course)
    quiz = next(s for s in course.screens if course.kind(s) == "quiz" and s != FINAL)
    keys = course.quiz_keys[quiz]
    picks = {k: course.wrong(k) if i == 0 else course.correct[k] for i, k in enumerate(keys)}
    learner.toc(quiz)
    for key in keys:
        learner.answer(key, picks[key])
    bookmark = course.screens[course.screens.index(quiz) + 1]
    learner.toc(bookmark)
    expected = {k: course.mask(k, picks[k]) for k in keys}

    def saved() -> bool:
        doc = lms.document(first, STATE_ID) or {}
        return doc.get("bookmark") == bookmark and \
            decode_suspend(course, doc["suspend"])["answers"] == expected

    wait_for(saved, "the state with every answer")
    page.goto("about:blank")  # the learner leaves without Exit: pagehide ends the session
    # and every request the page sent while leaving is answered (a write may still wait for its own)
    wait_for(lambda: terminated(lms, first) and not lms.answering, "terminated on pagehide")
    assert [verb_of(s) for s in check_session(lms, first)] == (["initialized"]
                                                                + ["answered"] * len(keys)
                                                                + ["terminated"])
    check_state(lms, first)

    second = lms.launch(content, au_id(course), registration)
    assert second.id != first.id and second.activity_id == first.activity_id
    elsewhere = page.context.browser.new_context()  # type: ignore[union-attr]
    try:
        other = elsewhere.new_page()
        other.goto(second.url)
        learner = Learner(other, course)
        assert learner.current == bookmark
        learner.toc(quiz)
        for i, key in enumerate(keys):
            assert other.get_attribute(f'form[data-question="{key}"]', "data-answered") == (
                "wrong" if i == 0 else "correct")
            assert other.is_checked(f'[id="q-{key}-{picks[key][0]}"]')
            assert other.is_disabled(f'[id="q-{key}-{picks[key][0]}"]')
        other.click("#cp-exit")
        wait_for(lambda: terminated(lms, second), "terminated")
    finally:
        elsewhere.close()
    assert [verb_of(s) for s in check_session(lms, second)] == ["initialized", "terminated"]
    log = check_state(lms, second)
    assert (log[0].method, log[0].status) == ("GET", 200) and log[0].etag
    assert (log[1].method, log[1].if_match) == ("PUT", log[0].etag), log[1].line()
    doc = lms.document(second, STATE_ID)
    assert doc["bookmark"] == quiz and decode_suspend(course, doc["suspend"])["answers"] == expected


def test_an_lms_outage_is_shown_retried_and_loses_nothing(
        page: Page, course: Course, content: str, lms: Cmi5Lms) -> None:
    text = course.text
    session = lms.launch(content, au_id(course), str(uuid.uuid4()))
    page.goto(session.url)
    learner = Learner(page, course)
    quiz = next(s for s in course.screens if course.kind(s) == "quiz" and s != FINAL)
    learner.toc(quiz)
    lms.outage = True
    for key in course.quiz_keys[quiz]:
        learner.answer(key, course.correct[key])
    page.wait_for_function("t => document.getElementById('cp-status').textContent === t",
                           arg=text["saveFail"], timeout=WAIT_MS)
    assert [verb_of(s) for s in lms.from_au(session)] == ["initialized"]
    lms.outage = False
    page.wait_for_function("t => document.getElementById('cp-status').textContent === t",
                           arg=text["saveOk"], timeout=3 * WAIT_MS)
    page.click("#cp-exit")
    wait_for(lambda: terminated(lms, session), "terminated")
    got = check_session(lms, session)
    assert [verb_of(s) for s in got] == (["initialized"] + ["answered"] * len(course.quiz_keys[quiz])
                                         + ["terminated"])
    iids = [course.iid(k) for k in course.quiz_keys[quiz]]
    assert [s["object"]["id"].rsplit("/", 1)[1] for s in got[1:-1]] == iids
    assert lms.document(session, STATE_ID)["bookmark"] == quiz
    writes = [r for r in lms.state_log(session, STATE_ID) if r.method != "GET"]
    assert all(r.if_match or r.if_none_match for r in writes), [r.line() for r in writes]
    assert {r.status for r in writes} <= {204, 503}, [r.line() for r in writes]
    # retried with growing pauses while the LMS was down, not in a loop
    down = [r for r in lms.requests if r.session == session.id and r.status == 503]
    assert 1 <= len(down) <= 6, [(r.method, r.path) for r in down]


@pytest.mark.parametrize("lms", [{"lose_state_answers": 1}], indirect=True)
def test_a_state_write_whose_answer_is_lost_is_read_not_written_again(
        page: Page, course: Course, content: str, lms: Cmi5Lms) -> None:
    """The LRS stores the first state write, then the connection closes before its answer (a proxy
    or network failing after the LRS wrote). The page reads the document before writing again and
    finds its own: it does not write it once more, and nothing is lost."""
    session = lms.launch(content, au_id(course), str(uuid.uuid4()))
    page.goto(session.url)
    learner = Learner(page, course)
    quiz = next(s for s in course.screens if course.kind(s) == "quiz" and s != FINAL)
    keys = course.quiz_keys[quiz]
    learner.toc(quiz)
    for key in keys:
        learner.answer(key, course.correct[key])
    page.click("#cp-exit")
    wait_for(lambda: terminated(lms, session) and not lms.answering, "terminated")
    assert [verb_of(s) for s in check_session(lms, session)] == (["initialized"]
                                                                  + ["answered"] * len(keys)
                                                                  + ["terminated"])
    log = lms.state_log(session, STATE_ID)
    trace = "\n".join(lms.trace(session))
    puts = [r for r in log if r.method == "PUT"]
    lost = puts[0]
    assert lost.status == 204 and lms.lose_state_answers == 0, trace
    for r in puts:
        # no write of the document the LRS holds already (its own ETag as If-Match)
        assert r.if_match != r.written, f"{r.line()}, in the session's trace:\n{trace}"
        # Chromium itself sends a request again whose reused connection closed before an answer:
        # that copy of the lost write is refused and changes nothing
        assert r.status == 204 or (r.status == 412 and r.written == lost.written), trace
    assert sum(r.status == 412 for r in puts) <= 1, trace
    doc = lms.document(session, STATE_ID)
    assert doc["bookmark"] == quiz
    assert decode_suspend(course, doc["suspend"])["answers"] == {
        k: course.mask(k, course.correct[k]) for k in keys}


def test_a_document_written_elsewhere_is_read_again_and_written_once_more(
        page: Page, course: Course, content: str) -> None:
    """Another writer (a second tab) replaces the state mid-session: the AU's next PUT gets 412,
    it reads the document again (keeping what the other one completed) and writes once more."""
    with running_lms(etag_on_put=True) as lms:
        session = lms.launch(content, au_id(course), str(uuid.uuid4()))
        page.goto(session.url)
        learner = Learner(page, course)
        wait_for(lambda: lms.document(session, STATE_ID) is not None, "the first state")
        learner.toc(course.screens[1])
        wait_for(lambda: lms.document(session, STATE_ID)["bookmark"] == course.screens[1], "state")
        lms.put_document(session, STATE_ID, {**lms.document(session, STATE_ID), "completed": True,
                                             "status": "passed"})
        learner.toc(course.screens[2])
        wait_for(lambda: lms.document(session, STATE_ID)["bookmark"] == course.screens[2], "state")
        lines = lms.trace(session)
        conflict = next(i for i, r in enumerate(lms.state_log(session, STATE_ID))
                        if r.status == 412)
        log = lms.state_log(session, STATE_ID)
        assert [(r.method, r.status) for r in log[conflict:]] == [("PUT", 412), ("GET", 200),
                                                                  ("PUT", 204)], lines
        assert log[conflict + 2].if_match == log[conflict + 1].etag, lines
        doc = lms.document(session, STATE_ID)
        assert doc["completed"] is True and doc["status"] == "passed"
        page.click("#cp-exit")
        wait_for(lambda: terminated(lms, session), "terminated")
        assert sum(r.status == 412 for r in lms.state_log(session)) == 1, lines
        assert page.text_content("#cp-status") == ""
        assert lms.problems == []


@pytest.mark.parametrize("status", [409, 412, 403])
def test_a_refused_state_is_told_kept_in_the_browser_and_sent_on_the_next_launch(
        page: Page, course: Course, content: str, lms: Cmi5Lms, status: int) -> None:
    """The LRS refuses every State write (409, a 412 again after reading it again, 403): no more
    writes that session (412: read and tried once more), the learner reads why in the course
    language, the answers stay in the page and in localStorage and reach the LRS at the next
    launch in this browser; the statements are not held up nor sent twice."""
    registration = str(uuid.uuid4())
    first = lms.launch(content, au_id(course), registration)
    page.goto(first.url)
    learner = Learner(page, course)
    wait_for(lambda: lms.document(first, STATE_ID) is not None, "the first state")
    wait_for(lambda: len(lms.state_log(first, STATE_ID)) >= 3 or lms.etag_on_put, "its version")
    lms.refuse_state = status
    before = len(lms.state_log(first, STATE_ID))
    quiz = next(s for s in course.screens if course.kind(s) == "quiz" and s != FINAL)
    keys = course.quiz_keys[quiz]
    learner.toc(quiz)
    for key in keys:
        learner.answer(key, course.correct[key])
    page.wait_for_function("t => document.getElementById('cp-status').textContent === t",
                           arg=course.text["saveRefused"], timeout=WAIT_MS)
    bookmark = course.screens[course.screens.index(quiz) + 1]
    learner.toc(bookmark)
    assert page.text_content("#cp-status") == course.text["saveRefused"]
    assert "Jangan tutup" not in course.text["saveRefused"]
    page.click("#cp-exit")
    wait_for(lambda: terminated(lms, first), "terminated")
    refused = [(r.method, r.status) for r in lms.state_log(first, STATE_ID)[before:]]
    assert refused == ([("PUT", 409)] if status == 409 else [("PUT", 403)] if status == 403 else
                       [("PUT", 412), ("GET", 200), ("PUT", 412)]), lms.trace(first)
    assert [verb_of(s) for s in check_session(lms, first)] == (["initialized"]
                                                                + ["answered"] * len(keys)
                                                                + ["terminated"])
    assert decode_suspend(course, lms.document(first, STATE_ID)["suspend"])["answers"] == {}
    backup = page.evaluate("k => JSON.parse(localStorage.getItem(k))",
                           f"{course.data['course']['storageKey']}|lms|learner-1|{registration}")
    expected = {k: course.mask(k, course.correct[k]) for k in keys}
    assert backup["pending"] is True and backup["interactions"] == []
    assert decode_suspend(course, backup["suspend"])["answers"] == expected

    lms.refuse_state = 0  # the LMS is fixed; the learner comes back in the same browser
    second = lms.launch(content, au_id(course), registration)
    page.goto(second.url)
    learner = Learner(page, course)
    assert learner.current == bookmark
    wait_for(lambda: decode_suspend(course, lms.document(second, STATE_ID)["suspend"])["answers"]
             == expected, "the kept answers in the LRS")
    page.click("#cp-exit")
    wait_for(lambda: terminated(lms, second), "terminated")
    assert [verb_of(s) for s in check_session(lms, second)] == ["initialized", "terminated"]
    check_state(lms, second)
    assert page.text_content("#cp-status") in ("", course.text["saveOk"])


@pytest.fixture(scope="module")
def two_of_three(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, str]]:
    """The mini course with a third final question, built for cmi5 with pass marks 67 and 66."""
    root, urls = tmp_path_factory.mktemp("two-of-three"), {}
    with ExitStack() as stack:
        for mark in (67, 66):
            source = shutil.copytree(ROOT / "tests" / "courses" / "mini", root / f"src-{mark}")
            quiz = source / "quizzes" / "akhir.yaml"
            quiz.write_text(quiz.read_text("utf-8").replace("pass_mark: 50", f"pass_mark: {mark}")
                            .replace("settings:", THIRD_QUESTION + "settings:"), "utf-8")
            build(source, root / f"dist-{mark}", BuildOptions(targets=("cmi5",)))
            pkg = root / f"pkg-{mark}"
            with zipfile.ZipFile(root / f"dist-{mark}" / "kursus-mini-cmi5.zip") as archive:
                archive.extractall(pkg)
            urls[mark] = stack.enter_context(serve(pkg)) + "/index.html"
        yield urls


THIRD_QUESTION = """  - id: akhir-tiga
    type: single
    prompt: Kapan data diperiksa ulang?
    choices:
      - id: a
        text: Sebelum keputusan
        correct: true
        feedback: Tepat.
      - id: b
        text: Tidak pernah
        feedback: Kurang tepat.
"""


@pytest.mark.parametrize("mark", [67, 66])
@pytest.mark.parametrize("lms_mastery", [False, True], ids=["course-pass-mark", "lms-mastery"])
def test_two_of_three_right_fails_a_pass_mark_of_67_and_passes_66(
        page: Page, two_of_three: dict[int, str], lms: Cmi5Lms, mark: int,
        lms_mastery: bool) -> None:
    """66.67 % is shown as 67 but judged exactly: failed against 67 (the LMS is sent 66.66 and
    scaled 0.6666, so it judges the same), passed against 66; by the course's pass mark or by
    the LMS's masteryScore alike."""
    content = two_of_three[mark]
    session = lms.launch(content, "https://coursepack.example/xapi/kursus-mini/au/kursus-mini",
                         str(uuid.uuid4()), mastery_score=mark / 100 if lms_mastery else None)
    page.goto(session.url)
    page.wait_for_selector("#cp-app[data-state=course][data-mode=lms]", timeout=WAIT_MS)
    data = json.loads(page.text_content("#cp-data") or "")
    picks = {"akhir-satu": ["a"], "akhir-dua": ["integritas", "empati"], "akhir-tiga": ["b"]}
    page.click('#cp-toc a[data-goto="akhir"]')
    for key in data["final"]:
        for choice in picks[data["questions"][key]["id"]]:
            page.click(f'[id="q-{key}-{choice}"]')
        page.click(f'form[data-question="{key}"] .cp-check')
        page.wait_for_selector(f'form[data-question="{key}"][data-answered]', timeout=WAIT_MS)
    page.click('#cp-toc a[data-goto="hasil"]')
    assert page.text_content("#cp-score") == "67"
    passed = mark == 66
    assert page.get_attribute("#cp-verdict", "data-passed") == str(passed).lower()
    page.click("#cp-exit")
    wait_for(lambda: terminated(lms, session), "terminated")
    judged = [s for s in lms.from_au(session) if verb_of(s) in ("passed", "failed")]
    assert [verb_of(s) for s in judged] == ["passed" if passed else "failed"]
    assert judged[0]["result"]["score"] == {"scaled": 0.6666, "raw": 67 if passed else 66.66,
                                            "min": 0, "max": 100}
    assert lms.document(session, STATE_ID)["status"] == verb_of(judged[0])
