"""End-to-end tests of the SCORM 1.2 package in Chromium, against scorm-again and scormhost.

The course is built once per session from course_src/. The correct answers come from the source
(builder.load), never from the package; every tracking value is read back from what the LMS
committed (scorm-again's CMI snapshot at each LMSCommit/LMSFinish, or scormhost's store).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Frame, Page
from support import Scorm12Lms, Scormhost, format_violations, run_axe
from support.axe_scoped import run_axe_excluding
from support.played import (
    FINAL,
    REFLECTION,
    RESPONSE_ID,
    RESULTS,
    WAIT_MS,
    Course,
    Learner,
    build_course,
    decode_suspend,
    interactions,
    wait_sco_gone,
)
from support.sco_shots import sco_screenshots

TIMESPAN_12 = re.compile(r"^(\d{4}):(\d{2}):(\d{2})\.(\d{2})$")  # what the SCO must send
CMI_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}$")

# -- the course, built once ------------------------------------------------------------------


def expected_response(course: Course, key: str, picked: tuple[str, ...]) -> str:
    """The cmi.interactions.n.student_response a 1.2 LMS must receive for a selection."""
    q = course.q(key)
    if q["type"] == "truefalse":
        return {"true": "t", "false": "f"}[picked[0]]
    return ",".join(q["rids"][c] for c in q["choices"] if c in picked)


@pytest.fixture(scope="session")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    """Build course_src once and unzip the SCORM 1.2 package."""
    return build_course(tmp_path_factory.mktemp("scorm12-e2e"), "scorm12")


@pytest.fixture
def lms_page(context: BrowserContext) -> Iterator[Page]:
    """A page for an LMS session (closed after the test)."""
    page = context.new_page()
    yield page
    page.close()


@contextmanager
def session(
    page: Page, course: Course, initial_cmi: dict[str, str] | None = None
) -> Iterator[tuple[Scorm12Lms, Learner]]:
    """A scorm-again LMS on `page` running the package, and the learner in it."""
    with Scorm12Lms(page, course.pkg, initial_cmi=initial_cmi) as lms:
        yield lms, Learner(lms.sco_frame, course)


def leave(lms: Scorm12Lms) -> None:
    """Navigate the SCO frame away (as an LMS does when the learner leaves) and let it unload."""
    lms.page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
    wait_sco_gone(lms)


def fmt(template: str, **values: object) -> str:
    """Fill {name} placeholders the way the runtime's CP.fmt does."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)


# -- reading what the LMS got ------------------------------------------------------------------


def interaction_writes(lms: Scorm12Lms) -> dict[int, str]:
    """N -> the id the SCO set (successfully) on cmi.interactions.N.id; fails on a rewrite."""
    writes: dict[int, str] = {}
    for call in lms.calls:
        if call.name != "LMSSetValue" or call.result != "true":
            continue
        m = re.fullmatch(r"cmi\.interactions\.(\d+)\.id", str(call.args[0]))
        if m:
            n = int(m.group(1))
            assert n not in writes, f"interaction {n} written twice: {writes[n]}, {call.args[1]}"
            writes[n] = str(call.args[1])
    return writes


MARKUP = re.compile(r"\*\*?\S|\S\*\*?(?!\S)|</?[A-Za-z][^>]*>|&[a-z]+;|&#\d+;")


def assert_no_markup(frame: Frame, selector: str) -> None:
    """The text the learner reads in these elements shows no Markdown or HTML source."""
    texts: list[str] = frame.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")
    assert texts, f"nothing matches {selector}"
    shown = [t for t in texts if MARKUP.search(t)]
    assert not shown, f"markup shown to the learner in {selector}: {shown}"


def round_half_up_percent(correct: int, total: int) -> int:
    """round(100 * correct / total), halves rounded up, in integers."""
    return (200 * correct + total) // (2 * total)


def check_interaction(course: Course, found: dict[str, str], key: str,
                      picked: tuple[str, ...], result: str) -> None:
    """One committed interaction: id, type, response, result and time as SCORM 1.2 wants."""
    q = course.q(key)
    assert found.get("id") == course.iid(key), found
    assert found.get("type") == ("true-false" if q["type"] == "truefalse" else "choice"), found
    response = found.get("student_response", "")
    assert response == expected_response(course, key, picked), (key, found)
    assert all(RESPONSE_ID.match(r) for r in response.split(",")), found
    assert found.get("result") == result, (key, found)
    assert CMI_TIME.match(found.get("time", "")), found


def session_seconds(value: str) -> float:
    """Seconds of a HHHH:MM:SS.SS timespan."""
    m = TIMESPAN_12.match(value)
    assert m, f"session_time {value!r} is not HHHH:MM:SS.SS"
    h, mi, s, cs = (int(g) for g in m.groups())
    assert mi < 60 and s < 60, value
    return h * 3600 + mi * 60 + s + cs / 100


# -- 1. the whole course, everything right ----------------------------------------------------


def test_full_run_all_correct_passes_with_clean_tracking(lms_page: Page, course: Course) -> None:
    """Every screen via Berikutnya, every answer right, reflection written, then Keluar."""
    started = time.monotonic()
    with session(lms_page, course) as (lms, learner):
        assert learner.current == course.screens[0]
        reflection_texts = ["Belajar membaca dasbor", "Bertanya kepada staf muda", "Mulai pekan ini"]
        seen = [learner.current]
        while True:
            screen = learner.current
            kind = course.kind(screen)
            if kind == "quiz":
                learner.answer_quiz(screen)
                keys = course.quiz_keys[screen]
                assert_no_markup(learner.frame, f'section[data-screen="{screen}"] .cp-feedback')
                if screen != FINAL:
                    box = learner.frame.inner_text(f'[data-quiz-done="{screen}"]').strip()
                    assert box == fmt(course.text["quizDone"], c=len(keys), t=len(keys))
            elif kind == "reflection":
                learner.reflect(reflection_texts)
            elif kind == "results":
                assert learner.results() == ("100", "true")
                reviews = learner.frame.eval_on_selector_all(
                    "[data-review]", "els => els.map(e => [e.dataset.review, e.dataset.result])")
                assert reviews == [[k, "correct"] for k in course.final]
                assert_no_markup(learner.frame, "[data-review] .cp-review-body")
            if screen == course.screens[-1]:
                assert learner.frame.is_disabled("#cp-next")
                break
            seen.append(learner.next())
        assert seen == course.screens
        learner.exit()
        assert lms.calls[-1].name == "LMSFinish"  # Keluar finished the attempt
        lms.close_sco()
        wait_sco_gone(lms)  # leaving the page afterwards must send nothing more
        elapsed = time.monotonic() - started

        final = lms.committed
        assert final["cmi.core.lesson_status"] == "passed"
        assert (final["cmi.core.score.raw"], final["cmi.core.score.min"],
                final["cmi.core.score.max"]) == ("100", "0", "100")
        assert final["cmi.core.exit"] == ""
        assert lms.set_values("cmi.core.exit")[-1] == ""
        assert final["cmi.core.lesson_location"] == RESULTS

        found = interactions(final)
        assert sorted(found) == list(range(35))
        by_id = {v["id"]: v for v in found.values()}
        assert len(by_id) == 35, "an interaction id is repeated"
        for key in course.all_keys:
            check_interaction(course, by_id[course.iid(key)], key, course.correct[key], "correct")
        assert sorted(interaction_writes(lms)) == list(range(35))

        sent = lms.set_values("cmi.core.session_time")
        assert len(sent) == 1, sent
        assert 0 < session_seconds(sent[0]) <= elapsed + 1
        assert final["cmi.core.session_time"]  # the LMS accepted it

        names = [c.name for c in lms.calls]
        assert names.count("LMSInitialize") == 1 and names[0] == "LMSInitialize"
        assert names.count("LMSFinish") == 1 and names[-1] == "LMSFinish"
        assert 0 < lms.max_suspend_len <= 4096

        saved = decode_suspend(course, final["cmi.suspend_data"])
        assert saved["visited"] == set(course.screens)
        assert saved["answers"] == {k: course.mask(k, course.correct[k]) for k in course.all_keys}
        assert saved["reflections"] == {REFLECTION: reflection_texts}
        lms.assert_clean()


# -- 2. failing the final assessment ----------------------------------------------------------


def test_failing_final_assessment_reports_failed_and_wrong_interactions(
    lms_page: Page, course: Course
) -> None:
    """13 of 20 right (65, under the pass mark 70): failed, raw 65, 7 wrong interactions."""
    wrong = {k for i, k in enumerate(course.final) if i % 3 == 1}
    right = len(course.final) - len(wrong)
    expected_raw = round_half_up_percent(right, len(course.final))
    assert (right, expected_raw) == (13, 65)
    assert expected_raw < course.data["course"]["passMark"]
    with session(lms_page, course) as (lms, learner):
        learner.toc(FINAL)
        learner.answer_quiz(FINAL, wrong)
        learner.click(f'[data-quiz-done="{FINAL}"] button[data-goto="{RESULTS}"]')
        learner.wait_on(RESULTS)
        assert learner.results() == (str(expected_raw), "false")
        reviews = dict(learner.frame.eval_on_selector_all(
            "[data-review]", "els => els.map(e => [e.dataset.review, e.dataset.result])"))
        assert reviews == {k: ("wrong" if k in wrong else "correct") for k in course.final}
        learner.exit()

        final = lms.committed
        assert final["cmi.core.lesson_status"] == "failed"
        assert (final["cmi.core.score.raw"], final["cmi.core.score.min"],
                final["cmi.core.score.max"]) == (str(expected_raw), "0", "100")
        assert final["cmi.core.exit"] == ""
        found = interactions(final)
        assert sorted(found) == list(range(len(course.final)))
        by_id = {v["id"]: v for v in found.values()}
        for key in course.final:
            picked = course.wrong(key) if key in wrong else course.correct[key]
            check_interaction(course, by_id[course.iid(key)], key, picked,
                              "wrong" if key in wrong else "correct")
        lms.assert_clean()


# -- 2b. the LMS's mastery score decides -------------------------------------------------------


@pytest.mark.parametrize(("mastery", "right", "passed"), [("80", 15, False), ("60", 13, True)],
                         ids=["lms-80-over-course-70", "lms-60-under-course-70"])
def test_the_lms_mastery_score_decides_page_certificate_and_status(
    lms_page: Page, course: Course, mastery: str, right: int, passed: bool
) -> None:
    """cmi.student_data.mastery_score, not the course's 70, decides: 15 of 20 (75) fails the LMS's
    80, 13 of 20 (65) passes its 60; the page says so with the mark used, the certificate shows
    only on a pass, and lesson_status agrees."""
    wrong = set(course.final[right:])
    raw = round_half_up_percent(right, len(course.final))
    assert (raw >= course.pass_mark) != passed, "the course's own pass mark would say the opposite"
    cmi = {**Scorm12Lms.first_attempt_cmi(), "cmi.student_data.mastery_score": mastery}
    with session(lms_page, course, cmi) as (lms, learner):
        learner.toc(FINAL)
        # the final's intro (and the cover) name the LMS's pass mark, not the course's 70
        shown = learner.frame.locator(f'[data-screen="{FINAL}"] [data-passmark]').inner_text()
        assert shown == mastery
        learner.answer_quiz(FINAL, wrong)
        learner.toc(RESULTS)
        assert learner.results() == (str(raw), str(passed).lower())
        assert learner.verdict() == (course.text["passed" if passed else "failed"],
                                     fmt(course.text["passMarkLms"], m=mastery), passed)
        assert learner.frame.is_visible(f'[data-when="{"passed" if passed else "failed"}"]')
        learner.exit()
        final = lms.committed
        assert final["cmi.core.lesson_status"] == ("passed" if passed else "failed")
        assert final["cmi.core.score.raw"] == str(raw)
        lms.assert_clean()


def test_without_an_lms_mastery_score_the_course_pass_mark_is_stated(
    lms_page: Page, course: Course
) -> None:
    """No mastery_score from the LMS: the course's pass mark decides and the page names it."""
    with session(lms_page, course) as (lms, learner):
        learner.toc(FINAL)
        learner.answer_quiz(FINAL, set(course.final[15:]))
        learner.toc(RESULTS)
        assert learner.verdict() == (course.text["passed"],
                                     f"Nilai minimal kelulusan: {course.pass_mark}.", True)
        learner.exit()
        assert lms.committed["cmi.core.lesson_status"] == "passed"
        lms.assert_clean()


# -- 3. leave and resume ----------------------------------------------------------------------


def test_leave_and_resume_restores_screen_answers_and_continues_interactions(
    context: BrowserContext, course: Course
) -> None:
    """Session 1: first knowledge check and 3 final questions, stop on a page. Session 2 resumes."""
    first_check = next(s for s in course.screens if course.kind(s) == "quiz")
    stop_on = "kolaborasi-cair"
    early_final = course.final[:3]
    wrong_early = {early_final[1]}  # one of the three is answered wrongly
    session1_keys = course.quiz_keys[first_check] + early_final

    page1 = context.new_page()
    with session(page1, course) as (lms1, learner):
        while learner.current != first_check:
            learner.next()
        learner.answer_quiz(first_check)
        learner.toc(FINAL)
        for key in early_final:
            learner.answer(key, course.wrong(key) if key in wrong_early else course.correct[key])
        learner.toc(stop_on)
        lms1.close_sco()  # the LMS closes the SCO: pagehide must finish the attempt
        wait_sco_gone(lms1)
        first = lms1.committed
        assert first["cmi.core.exit"] == "suspend"
        assert first["cmi.core.lesson_status"] == "incomplete"
        assert first["cmi.core.lesson_location"] == stop_on
        assert first["cmi.core.score.raw"] == ""
        writes1 = interaction_writes(lms1)
        assert sorted(writes1) == list(range(len(session1_keys)))
        assert list(writes1.values()) == [course.iid(k) for k in session1_keys]
        saved = decode_suspend(course, first["cmi.suspend_data"])
        assert set(saved["answers"]) == set(session1_keys)
        lms1.assert_clean()
        resume = lms1.resume_cmi()
    page1.close()
    assert resume["cmi.core.entry"] == "resume"

    page2 = context.new_page()
    with session(page2, course, initial_cmi=resume) as (lms2, learner):
        assert learner.current == stop_on
        visited = set(learner.frame.eval_on_selector_all(
            "#cp-toc a.cp-visited", "els => els.map(a => a.dataset.goto)"))
        assert visited == saved["visited"] and stop_on in visited and FINAL in visited
        for key in session1_keys:
            picked = course.wrong(key) if key in wrong_early else course.correct[key]
            state = learner.frame.eval_on_selector_all(
                f'form[data-question="{key}"] input',
                "els => els.map(i => [i.value, i.checked, i.disabled])")
            # the page shows choices in authored order (True before False); the data sorts them
            assert sorted(state) == [[c, c in picked, True] for c in course.q(key)["choices"]], key
            verdict = learner.frame.get_attribute(f'[id="q-{key}-fb"]', "data-result")
            assert verdict == ("wrong" if key in wrong_early else "correct"), key
        # the feedback of an earlier answer is visible once its screen is shown
        learner.toc(FINAL)
        assert learner.frame.is_visible(f'[id="q-{early_final[0]}-fb"] .cp-verdict')

        # finish the rest, all correct
        learner.toc(course.screens[0])
        while True:
            screen = learner.current
            if course.kind(screen) == "quiz":
                for key in course.quiz_keys[screen]:
                    if key not in session1_keys:
                        assert learner.answer(key, course.correct[key]) == "correct"
            if screen == RESULTS:
                break
            learner.next()
        right = len(course.final) - len(wrong_early)
        expected_raw = round_half_up_percent(right, len(course.final))
        assert learner.results() == (str(expected_raw), "true")
        learner.exit()

        second = lms2.committed
        assert second["cmi.core.lesson_status"] == "passed"
        assert second["cmi.core.score.raw"] == str(expected_raw) == "95"
        assert second["cmi.core.exit"] == ""
        writes2 = interaction_writes(lms2)
        new_keys = [k for k in course.all_keys if k not in session1_keys]
        assert sorted(writes2) == list(range(len(session1_keys), 35)), "n must continue from _count"
        assert sorted(writes2.values()) == sorted(course.iid(k) for k in new_keys)
        ids = [v["id"] for v in interactions(second).values()]
        assert sorted(ids) == sorted(course.iid(k) for k in course.all_keys)
        lms2.assert_clean()
    page2.close()


# -- 4. an LMS that refuses to save for a while -----------------------------------------------

# Make the LMS answer "false" to the listed methods until window.__outage.on is set to false.
_OUTAGE = """methods => {
  const api = window.API, outage = window.__outage = {on: true, refused: {}};
  methods.forEach(name => {
    const real = api[name];
    outage.refused[name] = 0;
    api[name] = function () {
      if (outage.on) {
        outage.refused[name]++;
        return "false";
      }
      return real.apply(api, arguments);
    };
  });
}"""


def refused(lms: Scorm12Lms, name: str) -> int:
    """How many calls of `name` the simulated outage answered with "false"."""
    count: int = lms.page.evaluate("n => window.__outage.refused[n]", name)
    return count


@pytest.mark.parametrize("refusing", [
    ("LMSSetValue", "LMSCommit"),
    ("LMSCommit",),  # an expired session: the API keeps values, the server refuses
], ids=["setvalue-and-commit", "commit"])
def test_lms_refusing_saves_shows_a_message_and_loses_no_answer(
    lms_page: Page, course: Course, refusing: tuple[str, ...]
) -> None:
    """The LMS answers "false" for a while: the learner is told, the page retries by itself,
    and once the LMS works again the answer is committed, once."""
    first_check = next(s for s in course.screens if course.kind(s) == "quiz")
    key = course.quiz_keys[first_check][0]
    with session(lms_page, course) as (lms, learner):
        learner.toc(first_check)
        assert learner.frame.inner_text("#cp-status").strip() == ""
        commits_before = lms.commit_count
        lms.page.evaluate(_OUTAGE, list(refusing))
        assert learner.answer(key, course.correct[key]) == "correct"
        learner.frame.wait_for_function(
            "t => document.getElementById('cp-status').textContent === t",
            arg=course.text["saveFail"], timeout=WAIT_MS)
        # the page retries by itself
        lms.page.wait_for_function("() => window.__outage.refused.LMSCommit >= 2", timeout=WAIT_MS)
        assert learner.frame.inner_text("#cp-status").strip() == course.text["saveFail"]
        assert lms.commit_count == commits_before
        assert "cmi.interactions.0.id" not in lms.committed
        if "LMSSetValue" in refusing:
            assert refused(lms, "LMSSetValue") >= 2

        lms.page.evaluate("() => { window.__outage.on = false; }")
        learner.frame.wait_for_function(
            "t => document.getElementById('cp-status').textContent === t",
            arg=course.text["saveOk"], timeout=10_000)
        found = interactions(lms.committed)
        assert list(found) == [0]
        check_interaction(course, found[0], key, course.correct[key], "correct")
        saved = decode_suspend(course, lms.committed["cmi.suspend_data"])
        assert saved["answers"] == {key: course.mask(key, course.correct[key])}
        assert lms.committed["cmi.core.lesson_location"] == first_check
        learner.exit()
        assert interaction_writes(lms) == {0: course.iid(key)}
        lms.assert_clean()


@pytest.mark.parametrize("refusing", [
    ("LMSSetValue", "LMSCommit", "LMSFinish"),
    ("LMSCommit", "LMSFinish"),  # an expired session: the API keeps values, the server refuses
], ids=["all-writes", "commit-and-finish"])
def test_answers_given_during_an_outage_reach_the_lms_on_the_next_launch(
    lms_page: Page, course: Course, refusing: tuple[str, ...]
) -> None:
    """The LMS refuses to save, even at LMSFinish, and the learner leaves: the next launch
    (same LMS origin) sends the answers and their interactions that never got through."""
    first_check = next(s for s in course.screens if course.kind(s) == "quiz")
    keys = course.quiz_keys[first_check][:2]
    with session(lms_page, course) as (lms, learner):
        learner.toc(first_check)
        lms.page.evaluate(_OUTAGE, list(refusing))
        for key in keys:
            assert learner.answer(key, course.correct[key]) == "correct"
        learner.frame.wait_for_function(
            "t => document.getElementById('cp-status').textContent === t",
            arg=course.text["saveFail"], timeout=WAIT_MS)
        leave(lms)
        assert refused(lms, "LMSFinish") == 1
        before = lms.committed
        assert "cmi.interactions.0.id" not in before
        assert decode_suspend(course, before["cmi.suspend_data"])["answers"] == {}

        # relaunch on the same origin, from what the LMS has
        lms.initial_cmi = lms.resume_cmi()
        learner = Learner(lms.launch(), course)
        assert learner.current == first_check
        for key in keys:
            assert learner.frame.get_attribute(f'[id="q-{key}-fb"]', "data-result") == "correct"
        lms.wait_for_call("LMSCommit")
        after = lms.committed
        ids = sorted(v["id"] for v in interactions(after).values())
        assert ids == sorted(course.iid(k) for k in keys)
        saved = decode_suspend(course, after["cmi.suspend_data"])
        assert saved["answers"] == {k: course.mask(k, course.correct[k]) for k in keys}
        learner.exit()
        lms.assert_clean()


# -- 5. accessibility, keyboard, screenshots --------------------------------------------------


WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def assert_no_axe(frame: Frame, where: str, whole: bool = False) -> None:
    """axe-core's WCAG 2.0/2.1 A and AA rules find nothing in the SCO frame.

    By default the screens hidden at the moment are left out of the run (axe would not judge
    them, but walking them doubles its time); `whole` runs on the entire document.
    """
    if whole:
        violations = run_axe(frame, WCAG_TAGS)
    else:
        violations = run_axe_excluding(frame, ("section[data-screen][hidden]",), WCAG_TAGS)
    assert violations == [], f"{where}:\n{format_violations(violations)}"


def test_every_screen_and_state_passes_axe(context: BrowserContext, course: Course) -> None:
    """axe on every screen: each page; each quiz answered (right and wrong feedback both shown),
    the first one also unanswered with the empty-answer warning (all quizzes share one template);
    the reflection saved; results pending, failed and passed; the exit panel; the phone TOC.
    Screenshots at 360 and 1280 px."""
    first_check = next(s for s in course.screens if course.kind(s) == "quiz")
    page = context.new_page()
    with session(page, course) as (lms, learner):
        frame = learner.frame
        assert_no_axe(frame, f"{course.screens[0]}, whole document", whole=True)
        checked = [course.screens[0]]
        learner.toc(RESULTS)
        assert frame.is_visible("#cp-results-pending")
        assert_no_axe(frame, "results, pending")
        learner.toc(course.screens[0])
        shots: list[Path] = []
        while True:
            screen = learner.current
            kind = course.kind(screen)
            if kind == "page" and screen not in checked:
                assert_no_axe(frame, screen)
                checked.append(screen)
            if screen == "dari-intuisi-ke-data":
                shots += sco_screenshots(page, frame, "scorm12-content-page")
            if kind == "quiz":
                keys = course.quiz_keys[screen]
                if screen == first_check:
                    learner.click(f'form[data-question="{keys[0]}"] .cp-check')
                    frame.wait_for_selector(f'[id="q-{keys[0]}-fb"].cp-warn')
                    assert_no_axe(frame, f"{screen} unanswered, with the empty-answer warning")
                # both verdicts on every quiz; the final assessment fails (wrong on every 2nd)
                learner.answer_quiz(screen, {k for i, k in enumerate(keys) if i % 2 == 1})
                assert_no_axe(frame, f"{screen} answered")
                checked.append(screen)
                if screen == first_check:
                    frame.eval_on_selector(f'form[data-question="{keys[1]}"]',
                                           "e => e.scrollIntoView()")
                    shots += sco_screenshots(page, frame, "scorm12-quiz-feedback")
            elif kind == "reflection":
                learner.reflect(["Satu", "", "Tiga"])
                assert_no_axe(frame, f"{screen} saved")
                checked.append(screen)
            elif kind == "results":
                assert learner.results()[1] == "false"
                assert_no_axe(frame, "results, failed")
                checked.append(screen)
                shots += sco_screenshots(page, frame, "scorm12-results-failed")
            if screen == RESULTS:
                break
            learner.next()
        assert checked == course.screens
        learner.exit()
        assert_no_axe(frame, "exit panel")
        lms.assert_clean()
    page.close()

    page = context.new_page()
    with session(page, course) as (lms, learner):
        learner.toc(FINAL)
        learner.answer_quiz(FINAL)
        learner.toc(RESULTS)
        assert learner.results() == ("100", "true")
        assert learner.frame.is_visible("#cp-cert")
        assert_no_axe(learner.frame, "results, passed")
        shots += sco_screenshots(page, learner.frame, "scorm12-results-passed")
        # the table of contents opened on a phone
        page.set_viewport_size({"width": 360, "height": 800})
        learner.click("#cp-toc-box summary")
        assert learner.frame.get_attribute("#cp-toc-box", "open") is not None
        assert_no_axe(learner.frame, "results at 360 px with the table of contents open")
        page.set_viewport_size({"width": 1280, "height": 800})
        lms.assert_clean()
    page.close()
    assert all(p.stat().st_size > 5_000 for p in shots), shots


def active(frame: Frame) -> str:
    """A short description of the focused element in the frame: #id, or tag.class, or data-goto."""
    desc: str = frame.evaluate("""() => {
      const e = document.activeElement;
      if (!e || e === document.body) return "body";
      if (e.id) return "#" + e.id;
      if (e.dataset.goto) return "goto:" + e.dataset.goto;
      return e.tagName.toLowerCase() + "." + e.className;
    }""")
    return desc


def tab_to(page: Page, frame: Frame, target: str, key: str = "Tab", limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until `active(frame) == target`."""
    trail = []
    for _ in range(limit):
        if active(frame) == target:
            return
        page.keyboard.press(key)
        trail.append(active(frame))
    raise AssertionError(f"{target} never got the focus; focus went {trail}")


def test_keyboard_only_navigation_and_answers(lms_page: Page, course: Course) -> None:
    """Tab, Space, Enter and the arrow keys alone: reach the content, move between screens,
    answer a single-choice and a multiple-response question, jump from the table of contents."""
    with session(lms_page, course) as (lms, learner):
        frame, page = learner.frame, lms_page
        # from the LMS page, Tab enters the course at the skip link, which leads to the content
        page.keyboard.press("Tab")
        assert active(frame) == "a.cp-skip"
        assert frame.evaluate("() => document.activeElement.getBoundingClientRect().top >= 0"), \
            "the focused skip link must be on screen"
        page.keyboard.press("Enter")
        assert active(frame) == "#cp-main"
        tab_to(page, frame, "#cp-next")
        page.keyboard.press("Enter")
        learner.wait_on(course.screens[1])
        assert active(frame) == f"#h-{course.screens[1]}", "focus must move to the new heading"
        page.keyboard.press("ArrowLeft")
        learner.wait_on(course.screens[0])
        target = [s for s in course.screens if course.kind(s) == "quiz"][1]
        while learner.current != target:
            before = learner.current
            page.keyboard.press("ArrowRight")
            learner.wait_on(course.screens[course.screens.index(before) + 1])
        assert active(frame) == f"#h-{target}"

        single = next(k for k in course.quiz_keys[target] if course.q(k)["type"] == "single")
        multi = next(k for k in course.quiz_keys[target] if course.q(k)["type"] == "multiple")
        for key in course.quiz_keys[target]:
            choices = course.q(key)["choices"]
            if key == single:
                tab_to(page, frame, f"#q-{key}-{choices[0]}")
                for choice in choices:
                    if choice == course.correct[key][0]:
                        break
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Space")
                assert active(frame) == f"#q-{key}-{course.correct[key][0]}"
            elif key == multi:
                tab_to(page, frame, f"#q-{key}-{choices[0]}")
                for i, choice in enumerate(choices):
                    assert active(frame) == f"#q-{key}-{choice}"
                    if choice in course.correct[key]:
                        page.keyboard.press("Space")
                    if i < len(choices) - 1:
                        page.keyboard.press("Tab")
            else:
                continue
            page.keyboard.press("Tab")
            assert frame.evaluate(
                "k => document.activeElement === document.querySelector("
                "`form[data-question=\"${k}\"] .cp-check`)", key), active(frame)
            page.keyboard.press("Enter")
            frame.wait_for_selector(f'[id="q-{key}-fb"][data-result]', timeout=WAIT_MS)
            assert frame.get_attribute(f'[id="q-{key}-fb"]', "data-result") == "correct", key
        # a table-of-contents link, by keyboard: back from the heading into the sidebar
        tab_to(page, frame, f"goto:{FINAL}", "Shift+Tab")
        page.keyboard.press("Enter")
        learner.wait_on(FINAL)
        assert active(frame) == f"#h-{FINAL}"
        tab_to(page, frame, "#cp-exit", "Shift+Tab")
        page.keyboard.press("Enter")
        frame.wait_for_selector("#cp-exited:not([hidden])", timeout=WAIT_MS)
        assert active(frame) == "#cp-exited-h"

        by_id = {v["id"]: v for v in interactions(lms.committed).values()}
        for key in (single, multi):
            check_interaction(course, by_id[course.iid(key)], key, course.correct[key], "correct")
        assert len(by_id) == 2
        lms.assert_clean()


# -- 6. a real LMS ----------------------------------------------------------------------------


def test_scormhost_imports_runs_and_stores_a_passed_attempt(
    context: BrowserContext, course: Course
) -> None:
    """scormhost imports the zip; the final assessment answered right via the TOC; after Keluar
    the stored tracking says passed with 100 and the progress in suspend_data."""
    package_id = "pemimpin-asn-digital"
    with Scormhost() as host:
        answer = host.upload(course.zip_path, package_id)
        assert answer["id"] == package_id
        host.login(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(host.launch_url(package_id, "index.html"))
        learner = Learner(host.sco_frame(page), course)
        learner.toc(FINAL)
        learner.answer_quiz(FINAL)
        learner.toc(RESULTS)
        assert learner.results() == ("100", "true")
        learner.exit()
        host.close_sco(page)
        stored = host.read_cmi(
            package_id,
            until=lambda e: e.get("cmi.core.lesson_status") == "passed"
            and bool(TIMESPAN_12.match(e.get("cmi.core.session_time", ""))),
        )
        assert stored["cmi.core.score.raw"] == "100"
        assert (stored["cmi.core.score.min"], stored["cmi.core.score.max"]) == ("0", "100")
        assert stored["cmi.core.lesson_location"] == RESULTS
        suspend = stored["cmi.suspend_data"]
        assert 0 < len(suspend) <= 4096
        saved = decode_suspend(course, suspend)
        assert saved["answers"] == {k: course.mask(k, course.correct[k]) for k in course.final}
        ids = sorted(v for k, v in stored.items() if re.fullmatch(r"cmi\.interactions\.\d+\.id", k))
        assert ids == sorted(course.iid(k) for k in course.final)
        assert errors == []
        page.close()
