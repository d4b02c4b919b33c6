"""The cmi5 package: its cmi5.xml, and the AU in Chromium launched by a cmi5 LMS.

The course is built once from course_src/ with the cmi5 target. The LMS (support.lrs) launches the
AU the way section 8 and 10 of the cmi5 spec describe, on its own origin; every statement it gets
is checked on arrival with Ralph's xAPI models and the cmi5 rules for one statement, and the tests
check the rules across a session: the order of the verbs, durations, scores, the saved state.
Correct answers come from the source (builder.load), never from the package.
"""

from __future__ import annotations

import re
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from datetime import timedelta
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
    Session,
    categories,
    running_lms,
    verb_of,
    when,
)
from support.played import FINAL, ROOT, Course, build_course, choice_response
from support.server import serve

from builder.build import PackageOptions, cmi5_files
from builder.load import load_course
from builder.schemas import SchemaSet
from builder.targets import cmi5

NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
STATE_ID = "coursepack.suspend"
WAIT_MS = 5_000
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
def lms() -> Iterator[Cmi5Lms]:
    """A fresh cmi5 LMS; no statement it was sent may break a rule."""
    with running_lms() as server:
        yield server
        assert server.problems == []


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
    files = cmi5_files(source, {}, SchemaSet.create(), None,  # type: ignore[arg-type]
                       PackageOptions(cmi5_base_iri="urn:x-pusdiklat:k1"))
    assert b'<course id="urn:x-pusdiklat:k1">' in files["cmi5.xml"]
    files = cmi5.package(source, {"index.html": b""}, "https://pusdiklat.example.go.id/xapi/k1/")
    root = etree.fromstring(files["cmi5.xml"])
    ids = [root.find(f"c:{tag}", NS).get("id") for tag in ("course", "au")]
    assert ids == ["https://pusdiklat.example.go.id/xapi/k1",
                   "https://pusdiklat.example.go.id/xapi/k1/au/pemimpin-asn-digital"]
    for bad in ("pemimpin-asn-digital", "/xapi/k1", "https://x.example/a?b=1"):
        with pytest.raises(ValueError):
            cmi5.package(source, {}, bad)


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
    page.click("#cp-exit")
    page.wait_for_url(lms.base + "/return?from=au", timeout=WAIT_MS)
    got = check_session(lms, session)
    final = course.quiz_keys[FINAL]
    assert [verb_of(s) for s in got] == (["initialized"] + ["answered"] * len(final)
                                         + ["completed", "passed", "terminated"])
    for key, s in zip(final, got[1:], strict=False):
        q = course.q(key)
        assert s["object"]["id"] == f"{session.activity_id}/question/{q['iid']}"
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
    assert saved["bookmark"] == FINAL and saved["suspend"].startswith("c1|")
    assert saved["status"] == "passed" and saved["completed"] is True
    assert lms.writes(session) and all(r.query["stateId"] == STATE_ID for r in lms.writes(session))
    assert errors == []


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


def test_the_lms_mastery_score_decides_over_the_course_pass_mark(
        page: Page, course: Course, content: str, lms: Cmi5Lms) -> None:
    final = course.quiz_keys[FINAL]
    raw = round(100 * (len(final) - 1) / len(final))
    assert course.pass_mark <= raw < 95
    session = lms.launch(content, au_id(course), str(uuid.uuid4()), mastery_score=0.95)
    page.goto(session.url)
    Learner(page, course).final(wrong={final[0]})
    page.click("#cp-exit")
    wait_for(lambda: terminated(lms, session), "terminated")
    got = check_session(lms, session)
    judged = [s for s in got if verb_of(s) in ("passed", "failed")]
    assert [verb_of(s) for s in judged] == ["failed"]
    assert judged[0]["result"]["score"]["scaled"] == raw / 100
    assert judged[0]["context"]["extensions"][MASTERY_EXTENSION] == 0.95


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


def test_a_relaunch_resumes_on_the_saved_screen_with_the_answers_kept(
        page: Page, course: Course, content: str, lms: Cmi5Lms) -> None:
    registration = str(uuid.uuid4())
    first = lms.launch(content, au_id(course), registration)
    page.goto(first.url)
    learner = Learner(page, course)
    quiz = next(s for s in course.screens if course.kind(s) == "quiz" and s != FINAL)
    key = course.quiz_keys[quiz][0]
    learner.toc(quiz)
    learner.answer(key, course.correct[key])
    wait_for(lambda: [verb_of(s) for s in lms.from_au(first)][-1:] == ["answered"], "answered")
    bookmark = course.screens[course.screens.index(quiz) + 1]
    learner.toc(bookmark)
    wait_for(lambda: (lms.document(first, STATE_ID) or {}).get("bookmark") == bookmark, "state")
    page.goto("about:blank")  # the learner leaves without Exit: pagehide ends the session
    wait_for(lambda: terminated(lms, first), "terminated on pagehide")
    assert [verb_of(s) for s in check_session(lms, first)] == ["initialized", "answered",
                                                                 "terminated"]

    second = lms.launch(content, au_id(course), registration)
    assert second.id != first.id and second.activity_id == first.activity_id
    page.goto(second.url)
    learner = Learner(page, course)
    assert learner.current == bookmark
    learner.toc(quiz)
    assert page.get_attribute(f'form[data-question="{key}"]', "data-answered") == "correct"
    assert page.is_disabled(f'[id="q-{key}-{course.correct[key][0]}"]')
    page.click("#cp-exit")
    wait_for(lambda: terminated(lms, second), "terminated")
    assert [verb_of(s) for s in check_session(lms, second)] == ["initialized", "terminated"]
    assert lms.document(second, STATE_ID)["bookmark"] == quiz


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
    iids = [course.q(k)["iid"] for k in course.quiz_keys[quiz]]
    assert [s["object"]["id"].rsplit("/", 1)[1] for s in got[1:-1]] == iids
    assert lms.document(session, STATE_ID)["bookmark"] == quiz
