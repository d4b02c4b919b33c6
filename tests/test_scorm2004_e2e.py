"""End-to-end tests of the SCORM 2004 4th Edition package in Chromium, against scorm-again's
Scorm2004API (with Moodle's extra rules checked by the harness) and the scormhost LMS.

The course is built once per session from course_src/ for the scorm2004 target only. Correct
answers come from the source (builder.load), never from the package; every tracking value is
read back from what the LMS committed (scorm-again's CMI at each Commit/Terminate, or
scormhost's store), and every control is really clicked in the course's frame.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from lxml import etree
from playwright.sync_api import BrowserContext, Page
from support.lms2004 import Scorm2004Lms
from support.played import (
    FINAL,
    REFLECTION,
    RESPONSE_ID,
    RESULTS,
    ROOT,
    Course,
    Learner,
    build_course,
    choice_response,
    decode_suspend,
    interactions,
    wait_sco_gone,
)
from support.scormhost import Scormhost

from builder.inspect import check_zip
from builder.schemas import SchemaSet

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,2})?$")
SESSION_TIME = re.compile(r"^PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?$")

NS = {
    "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
}


# -- the course, built once ------------------------------------------------------------------


@pytest.fixture(scope="session")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    """Build course_src once (SCORM 2004 only) and unzip it."""
    return build_course(tmp_path_factory.mktemp("scorm2004-e2e"), "scorm2004")


def moodle_first_launch(course: Course) -> dict[str, str]:
    """What Moodle preloads on a first launch of this SCO: its defaults plus, from the manifest's
    primary objective, cmi.scaled_passing_score and the objective's id."""
    return {
        **Scorm2004Lms.first_attempt_cmi(),
        "cmi.scaled_passing_score": f"{course.pass_mark / 100:.2f}",
        "cmi.objectives.0.id": f"{course.data['course']['id']}-pass",
    }


# -- driving the learner's UI ----------------------------------------------------------------


@contextmanager
def session(
    page: Page, course: Course, initial_cmi: dict[str, str] | None = None
) -> Iterator[tuple[Scorm2004Lms, Learner]]:
    """A scorm-again SCORM 2004 LMS on `page` running the package, and the learner in it."""
    cmi = initial_cmi if initial_cmi is not None else moodle_first_launch(course)
    with Scorm2004Lms(page, course.pkg, initial_cmi=cmi) as lms:
        yield lms, Learner(lms.sco_frame, course)


# -- reading what the LMS got ------------------------------------------------------------------


def interaction_ids(lms: Scorm2004Lms) -> dict[int, str]:
    """N -> the id the SCO set on cmi.interactions.N.id; fails when one is written twice."""
    ids: dict[int, str] = {}
    for call in lms.calls:
        m = re.fullmatch(r"cmi\.interactions\.(\d+)\.id", str(call.args[0]) if call.args else "")
        if call.name == "SetValue" and call.result == "true" and m:
            n = int(m.group(1))
            assert n not in ids, f"interaction {n} written twice: {ids[n]}, {call.args[1]}"
            ids[n] = str(call.args[1])
    return ids


def content_commit(lms: Scorm2004Lms) -> dict[str, str]:
    """The CMI at the SCO's last Commit before Terminate: what the content itself set (at
    Terminate scorm-again may derive success_status from scaled_passing_score)."""
    names = [c.name for c in lms.calls if c.name in ("Commit", "Terminate") and c.result == "true"]
    assert names[-2:] == ["Commit", "Terminate"], names
    return lms.commit_from_end(2)


def percent(correct: int, total: int) -> int:
    """round(100 * correct / total), halves rounded up, in integers."""
    return (200 * correct + total) // (2 * total)


def scaled(raw: int) -> str:
    """cmi.score.scaled for a raw score out of 100, as a plain decimal without trailing zeros."""
    text = f"{raw / 100:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def check_interaction(course: Course, found: dict[str, str], key: str,
                      picked: tuple[str, ...], result: str) -> None:
    """One committed interaction: id, type, learner_response, result and timestamp."""
    q = course.q(key)
    assert found.get("id") == course.iid(key), found
    assert found.get("type") == ("true-false" if q["type"] == "truefalse" else "choice"), found
    sent = found.get("learner_response", "")
    assert sent == choice_response(course, key, picked), (key, found)
    if q["type"] != "truefalse":
        assert all(RESPONSE_ID.match(r) for r in sent.split("[,]")), found
    assert found.get("result") == result, (key, found)
    assert TIMESTAMP.match(found.get("timestamp", "")), found


def check_type_before_response(lms: Scorm2004Lms) -> None:
    """Every interaction's id, then its type, were set (successfully) before any attempt to set
    its learner_response."""
    done: dict[int, list[str]] = {}
    for call in lms.calls:
        m = re.fullmatch(r"cmi\.interactions\.(\d+)\.(\w+)", str(call.args[0]) if call.args else "")
        if call.name != "SetValue" or not m:
            continue
        n, field = int(m.group(1)), m.group(2)
        if field == "learner_response":
            assert done.get(n, [])[:2] == ["id", "type"], f"{call} before id and type"
        if call.result == "true":
            done.setdefault(n, []).append(field)
    assert all("learner_response" in fields for fields in done.values()), done


def session_seconds(value: str) -> float:
    """Seconds of a PT#H#M#S duration (ISO 8601, at most 2 decimals, never a bare PT)."""
    m = SESSION_TIME.match(value)
    assert m and value != "PT", f"session_time {value!r} is not an ISO 8601 duration (<= 2 decimals)"
    h, mi, s = m.groups()
    return int(h or 0) * 3600 + int(mi or 0) * 60 + float(s or 0)


# -- 1. the harness catches a misbehaving 2004 SCO ---------------------------------------------

SCO_2004 = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Harness test SCO (2004)</title></head>
<body>
<main><h1>Harness test SCO (2004)</h1><p id="state">loading</p></main>
<script>
function findAPI(win) {
  for (var depth = 0; win && depth < 10; depth++) {
    try { if (win.API_1484_11) { return win.API_1484_11; } } catch (e) {}
    if (win.parent === win) { break; }
    win = win.parent;
  }
  return null;
}
var api = findAPI(window);
var finished = false;
function finish() {
  if (finished) { return; }
  finished = true;
  api.SetValue("cmi.session_time", "PT5.25S");
  api.Terminate("");
}
function interaction(n, type, response, stamp) {
  api.SetValue("cmi.interactions." + n + ".id", "check.q" + n);
  api.SetValue("cmi.interactions." + n + ".type", type);
  api.SetValue("cmi.interactions." + n + ".learner_response", response);
  api.SetValue("cmi.interactions." + n + ".result", "correct");
  api.SetValue("cmi.interactions." + n + ".timestamp", stamp);
}
api.Initialize("");
api.SetValue("cmi.location", "page-2");
api.SetValue("cmi.suspend_data", "c1|abcd|B|");
interaction(0, "choice", "a[,]b_2", "2024-05-01T10:11:12.34");
interaction(1, "true-false", "false", "2024-05-01T10:11:13");
api.SetValue("cmi.score.min", "0");
api.SetValue("cmi.score.max", "100");
api.SetValue("cmi.score.raw", "80");
api.SetValue("cmi.score.scaled", "0.8");
api.SetValue("cmi.success_status", "passed");
api.SetValue("cmi.completion_status", "completed");
api.SetValue("cmi.exit", "normal");
api.Commit("");
window.addEventListener("pagehide", finish);
__EXTRA__
document.getElementById("state").textContent = "ready";
</script>
</body>
</html>
"""

MISBEHAVIOURS_2004 = {
    "exit-invalid": ('api.SetValue("cmi.exit", "bogus");', "cmi.exit must be one of"),
    "timestamp-3-digits": ('interaction(2, "choice", "a", new Date().toISOString());',
                           "more than 2 fractional digits"),
    "set-after-terminate": ('finish(); api.SetValue("cmi.location", "x");',
                            "call after Terminate"),
    "session-time-bare-pt": ('api.SetValue("cmi.session_time", "PT");', "session_time"),
    "response-before-type": (
        'api.SetValue("cmi.interactions.2.id", "check.q2");'
        'api.SetValue("cmi.interactions.2.learner_response", "a");'
        'api.SetValue("cmi.interactions.2.type", "choice");', "set before its type"),
    "result-wrong": ('api.SetValue("cmi.interactions.0.result", "wrong");', "call failed"),
    "choice-id-with-dash": ('interaction(2, "choice", "a-b", "2024-05-01T10:11:12");',
                            "[A-Za-z0-9_.]"),
    "double-initialize": ('api.Initialize("");', "Initialize called 2 times"),
    "non-empty-argument": ('api.Commit("now");', 'argument must be ""'),
    "suspend-over-64000": ('api.SetValue("cmi.suspend_data", "x".repeat(64001));',
                           "over 64000"),
    "sco-console-warning": ('console.warn("sco says hi");', "sco says hi"),
}


def write_sco_2004(root: Path, extra_js: str = "") -> Path:
    """Write a one-page SCORM 2004 SCO into `root` and return `root`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text(SCO_2004.replace("__EXTRA__", extra_js), encoding="utf-8")
    return root


def test_harness_2004_sees_a_good_sco_and_flags_each_misbehaviour(
    page: Page, tmp_path: Path
) -> None:
    """The good SCO is clean and its values are read back; each misbehaving variant is reported
    by problems() and fails assert_clean() (so the tests' clean assertion can fail)."""
    with Scorm2004Lms(page, write_sco_2004(tmp_path / "good")) as lms:
        lms.wait_for_call("Commit")
        lms.close_sco()
        final = lms.committed
        assert final["cmi.location"] == "page-2"
        assert final["cmi.suspend_data"] == "c1|abcd|B|"
        assert (final["cmi.score.raw"], final["cmi.score.scaled"]) == ("80", "0.8")
        assert final["cmi.interactions.0.learner_response"] == "a[,]b_2"
        assert final["cmi.interactions.1.learner_response"] == "false"
        assert final["cmi.session_time"] == "PT5.25S"
        assert [c.name for c in lms.calls].count("Terminate") == 1
        assert len(lms.commits) == 2
        lms.assert_clean()

    for case, (extra_js, expected) in sorted(MISBEHAVIOURS_2004.items()):
        with Scorm2004Lms(page, write_sco_2004(tmp_path / case, extra_js)) as lms:
            lms.wait_for_call("Commit")
            if "finish()" not in extra_js:
                lms.close_sco()
            problems = lms.problems()
            assert any(expected in p for p in problems), (case, problems)
            with pytest.raises(AssertionError):
                lms.assert_clean()


# -- 2. the whole course, everything right ----------------------------------------------------


def test_pass_run_reports_completed_passed_and_clean_tracking(page: Page, course: Course) -> None:
    """Every screen via Berikutnya, every answer right, the reflection written, then Keluar."""
    started = time.monotonic()
    reflection_texts = ["Membaca dasbor", "Bertanya kepada staf muda", "Mulai pekan ini"]
    with session(page, course) as (lms, learner):
        assert learner.current == course.screens[0]
        seen = [learner.current]
        while True:
            screen = learner.current
            kind = course.kind(screen)
            if kind == "quiz":
                learner.answer_quiz(screen)
            elif kind == "reflection":
                learner.reflect(reflection_texts)
            elif kind == "results":
                assert learner.results() == ("100", "true")
            if screen == course.screens[-1]:
                assert learner.frame.is_disabled("#cp-next")
                break
            seen.append(learner.next())
        assert seen == course.screens
        learner.exit()
        assert lms.calls[-1].name == "Terminate"  # Keluar ended the session
        lms.close_sco()
        wait_sco_gone(lms)  # leaving afterwards sends nothing more
        elapsed = time.monotonic() - started

        final = lms.committed
        by_content = content_commit(lms)
        for cmi in (by_content, final):
            assert cmi["cmi.completion_status"] == "completed"
            assert cmi["cmi.success_status"] == "passed"
            assert cmi["cmi.score.scaled"] == "1"
            assert (cmi["cmi.score.raw"], cmi["cmi.score.min"], cmi["cmi.score.max"]) == (
                "100", "0", "100")
            assert float(cmi["cmi.progress_measure"]) == 1
        assert lms.set_values("cmi.success_status") == ["passed"]
        assert lms.set_values("cmi.completion_status")[-1] == "completed"
        assert final["cmi.exit"] == "normal"
        assert lms.set_values("cmi.exit")[-1] == "normal"
        assert final["cmi.location"] == RESULTS

        found = interactions(final)
        assert sorted(found) == list(range(35))
        by_id = {v["id"]: v for v in found.values()}
        assert len(by_id) == 35, "an interaction id is repeated"
        for key in course.all_keys:
            check_interaction(course, by_id[course.iid(key)], key, course.correct[key],
                              "correct")
        assert sorted(interaction_ids(lms)) == list(range(35))
        check_type_before_response(lms)

        sent = lms.set_values("cmi.session_time")
        assert len(sent) == 1, sent
        assert 0 < session_seconds(sent[0]) <= elapsed + 1
        assert final["cmi.session_time"] == sent[0]

        names = [c.name for c in lms.calls]
        assert names.count("Initialize") == 1 and names[0] == "Initialize"
        assert names.count("Terminate") == 1 and names[-1] == "Terminate"
        assert lms.errors == []
        assert 0 < lms.max_suspend_len <= 4096 <= Scorm2004Lms.SUSPEND_DATA_MAX
        saved = decode_suspend(course, final["cmi.suspend_data"])
        assert saved["visited"] == set(course.screens)
        assert saved["answers"] == {k: course.mask(k, course.correct[k]) for k in course.all_keys}
        assert saved["reflections"] == {REFLECTION: reflection_texts}
        lms.assert_clean()


# -- 3. failing the final assessment ----------------------------------------------------------


def test_fail_run_reports_failed_with_the_right_score(page: Page, course: Course) -> None:
    """13 of 20 right (65, under the pass mark 70): failed, completed, raw 65, scaled
    0.65, "incorrect" on the 7 wrong interactions."""
    wrong = {k for i, k in enumerate(course.final) if i % 3 == 1}
    right = len(course.final) - len(wrong)
    raw = percent(right, len(course.final))
    assert (right, raw) == (13, 65) and raw < course.pass_mark
    with session(page, course) as (lms, learner):
        learner.toc(FINAL)
        learner.answer_quiz(FINAL, wrong)
        learner.frame.click(f'[data-quiz-done="{FINAL}"] button[data-goto="{RESULTS}"]')
        learner.wait_on(RESULTS)
        assert learner.results() == (str(raw), "false")
        learner.exit()

        final = lms.committed
        for cmi in (content_commit(lms), final):
            assert cmi["cmi.success_status"] == "failed"
            assert cmi["cmi.completion_status"] == "completed"
            assert (cmi["cmi.score.raw"], cmi["cmi.score.min"], cmi["cmi.score.max"]) == (
                str(raw), "0", "100")
            assert cmi["cmi.score.scaled"] == scaled(raw) == "0.65"
        assert lms.set_values("cmi.success_status") == ["failed"]
        assert final["cmi.exit"] == "normal"
        found = interactions(final)
        assert sorted(found) == list(range(len(course.final)))
        by_id = {v["id"]: v for v in found.values()}
        for key in course.final:
            picked = course.wrong(key) if key in wrong else course.correct[key]
            check_interaction(course, by_id[course.iid(key)], key, picked,
                              "incorrect" if key in wrong else "correct")
        assert sum(1 for v in found.values() if v["result"] == "incorrect") == len(wrong)
        check_type_before_response(lms)
        lms.assert_clean()


# -- 3b. the LMS's passing score decides -------------------------------------------------------


@pytest.mark.parametrize(("passing", "right", "passed", "shown"), [
    ("0.8", 15, False, "80"), ("0.6", 13, True, "60"), ("0.7001", 14, False, "70,01")],
    ids=["lms-0.8-over-course-70", "lms-0.6-under-course-70", "lms-0.7001-just-over-14-of-20"])
def test_the_lms_passing_score_decides_page_certificate_and_status(
        page: Page, course: Course, passing: str, right: int, passed: bool, shown: str) -> None:
    """cmi.scaled_passing_score, not the course's 70, decides, exactly: 15 of 20 (0.75) fails
    0.8, 13 of 20 (0.65) passes 0.6, 14 of 20 (0.70) fails 0.7001; the page says so with the mark used, the
    certificate shows only on a pass, success_status agrees, and the score sent keeps an LMS
    that judges scaled against the passing score (scorm-again at Terminate) to the same verdict."""
    wrong = set(course.final[right:])
    raw = percent(right, len(course.final))
    assert (raw >= course.pass_mark) != passed, "the course's own pass mark would say the opposite"
    verdict = "passed" if passed else "failed"
    with session(page, course, {**moodle_first_launch(course),
                                "cmi.scaled_passing_score": passing}) as (lms, learner):
        learner.toc(FINAL)
        learner.answer_quiz(FINAL, wrong)
        learner.toc(RESULTS)
        assert learner.results() == (str(raw), str(passed).lower())
        assert learner.verdict() == (course.text[verdict],
                                     course.text["passMarkLms"].replace("{m}", shown), passed)
        learner.exit()
        for cmi in (content_commit(lms), lms.committed):
            assert cmi["cmi.success_status"] == verdict
            assert (float(cmi["cmi.score.scaled"]) >= float(passing)) == passed, cmi["cmi.score.scaled"]
        assert lms.set_values("cmi.success_status") == [verdict]
        lms.assert_clean()


def test_an_lms_without_a_passing_score_leaves_the_course_pass_mark(page: Page, course: Course) -> None:
    """No scaled_passing_score (GetValue answers 403, not initialized): the course's 70 decides."""
    cmi = {k: v for k, v in moodle_first_launch(course).items() if k != "cmi.scaled_passing_score"}
    with session(page, course, cmi) as (lms, learner):
        learner.toc(FINAL)
        learner.answer_quiz(FINAL, set(course.final[15:]))
        learner.toc(RESULTS)
        assert learner.verdict() == (course.text["passed"],
                                     f"Nilai minimal kelulusan: {course.pass_mark}.", True)
        learner.exit()
        assert content_commit(lms)["cmi.success_status"] == "passed"
        assert any(c.name == "GetValue" and c.args == ("cmi.scaled_passing_score",)
                   and c.error == "403" for c in lms.calls)
        lms.assert_clean()


# -- 4. leave and resume ----------------------------------------------------------------------


def test_leave_and_resume_restores_screen_answers_and_finishes(
    context: BrowserContext, course: Course
) -> None:
    """Session 1: the first knowledge check and 3 final questions (one wrong), then the LMS closes
    the SCO on a content page. Session 2 (entry=resume, as Moodle relaunches after exit=suspend)
    shows the same screen and answers, and finishing gives 95 and one interaction per question."""
    first_check = next(s for s in course.screens if course.kind(s) == "quiz")
    stop_on = "kolaborasi-cair"
    assert course.kind(stop_on) == "page"
    early_final = course.final[:3]
    wrong_early = {early_final[1]}
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
        lms1.close_sco()  # the LMS unloads the SCO: pagehide must end the session
        wait_sco_gone(lms1)
        first = lms1.committed
        assert first["cmi.exit"] == "suspend"
        assert lms1.set_values("cmi.exit")[-1] == "suspend"
        assert first["cmi.completion_status"] == "incomplete"
        assert first["cmi.success_status"] == "unknown"
        assert first["cmi.score.raw"] == ""
        assert first["cmi.location"] == stop_on
        assert 0 < float(first["cmi.progress_measure"]) < 1
        assert session_seconds(first["cmi.session_time"]) > 0
        ids1 = interaction_ids(lms1)
        assert list(ids1.values()) == [course.iid(k) for k in session1_keys]
        assert sorted(ids1) == list(range(len(session1_keys)))
        saved = decode_suspend(course, first["cmi.suspend_data"])
        assert set(saved["answers"]) == set(session1_keys)
        lms1.assert_clean()
        resume = lms1.resume_cmi()
    page1.close()
    assert resume["cmi.entry"] == "resume"
    assert resume["cmi.location"] == stop_on
    assert resume["cmi.suspend_data"] == first["cmi.suspend_data"]
    assert resume["cmi.completion_status"] == "incomplete"
    assert resume["cmi.interactions.0.id"] == course.iid(session1_keys[0])

    page2 = context.new_page()
    with session(page2, course, initial_cmi=resume) as (lms2, learner):
        assert learner.current == stop_on
        visited = set(learner.frame.eval_on_selector_all(
            "#cp-toc a.cp-visited", "els => els.map(a => a.dataset.goto)"))
        assert visited == saved["visited"] and {stop_on, FINAL} <= visited
        for key in session1_keys:
            picked = course.wrong(key) if key in wrong_early else course.correct[key]
            state = learner.frame.eval_on_selector_all(
                f'form[data-question="{key}"] input',
                "els => els.map(i => [i.value, i.checked, i.disabled])")
            # the page shows choices in authored order (True before False); the data sorts them
            assert sorted(state) == [[c, c in picked, True] for c in course.q(key)["choices"]], key
            verdict = learner.frame.get_attribute(f'[id="q-{key}-fb"]', "data-result")
            assert verdict == ("wrong" if key in wrong_early else "correct"), key
        learner.toc(FINAL)
        assert learner.frame.is_visible(f'[id="q-{early_final[0]}-fb"] .cp-verdict')

        for quiz in (s for s in course.screens if course.kind(s) == "quiz"):
            learner.toc(quiz)
            for key in course.quiz_keys[quiz]:
                if key not in session1_keys:
                    assert learner.answer(key, course.correct[key]) == "correct"
        learner.toc(RESULTS)
        raw = percent(len(course.final) - len(wrong_early), len(course.final))
        assert raw == 95
        assert learner.results() == (str(raw), "true")
        learner.exit()

        second = lms2.committed
        for cmi in (content_commit(lms2), second):
            assert cmi["cmi.completion_status"] == "completed"
            assert cmi["cmi.success_status"] == "passed"
            assert (cmi["cmi.score.raw"], cmi["cmi.score.scaled"]) == (str(raw), scaled(raw))
        assert second["cmi.exit"] == "normal"
        ids2 = interaction_ids(lms2)
        new_keys = [k for k in course.all_keys if k not in session1_keys]
        assert sorted(ids2) == list(range(len(session1_keys), 35)), "n must continue from _count"
        assert sorted(ids2.values()) == sorted(course.iid(k) for k in new_keys)
        found = interactions(second)
        assert sorted(found) == list(range(35))
        assert sorted(v["id"] for v in found.values()) == sorted(
            course.iid(k) for k in course.all_keys)
        wrong_iid = course.iid(early_final[1])
        assert [v["result"] for v in found.values() if v["id"] == wrong_iid] == ["incorrect"]
        check_type_before_response(lms2)
        lms2.assert_clean()
    page2.close()


# -- 5. the manifest ------------------------------------------------------------------------


def test_manifest_is_what_moodle_and_adl_expect_and_check_passes(course: Course) -> None:
    """schemaversion, the pass mark as the primary objective's minNormalizedMeasure, the launch
    SCO listed first, unprefixed IMS CP with exactly Moodle's prefixes, no character references;
    `coursepack check` on the zip has nothing to say."""
    with zipfile.ZipFile(course.zip_path) as archive:
        names = set(archive.namelist())
        raw = archive.read("imsmanifest.xml")
    assert b"&#" not in raw
    root = etree.fromstring(raw)
    cp = NS["cp"]

    # IMS CP in the default namespace; the extensions with exactly Moodle's prefixes
    assert root.tag == f"{{{cp}}}manifest"
    for element in root.iter(etree.Element):
        if etree.QName(element).namespace == cp:
            assert element.prefix is None, element.tag
    bound: dict[str, set[str | None]] = {}
    for element in root.iter(etree.Element):
        for prefix, uri in element.nsmap.items():
            bound.setdefault(uri, set()).add(prefix)
    assert bound[cp] == {None}
    for prefix in ("adlcp", "adlseq", "adlnav", "imsss"):
        assert bound[NS[prefix]] == {prefix}, (prefix, bound.get(NS[prefix]))
        assert f'xmlns:{prefix}="{NS[prefix]}"'.encode() in raw
    text = raw.decode("utf-8")
    assert "<imsss:sequencing>" in text and 'adlcp:scormType="sco"' in text

    # version
    schema = root.findall("cp:metadata/cp:schema", NS)
    version = root.findall("cp:metadata/cp:schemaversion", NS)
    assert [e.text for e in schema] == ["ADL SCORM"]
    assert [e.text for e in version] == ["2004 4th Edition"]

    # the default organization's first item launches the SCO, which is the first resource
    organizations = root.find("cp:organizations", NS)
    assert organizations is not None
    default = organizations.get("default")
    orgs = organizations.findall("cp:organization", NS)
    org = next(o for o in orgs if o.get("identifier") == default)
    item = org.find("cp:item", NS)
    assert item is not None
    resources = root.findall("cp:resources/cp:resource", NS)
    first = resources[0]
    assert item.get("identifierref") == first.get("identifier")
    assert first.get(f"{{{NS['adlcp']}}}scormType") == "sco"
    assert first.get("href") == "index.html" and "index.html" in names
    assert first.get("type") == "webcontent"
    listed = [f.get("href") for f in first.findall("cp:file", NS)]
    assert listed[0] == "index.html"
    assert set(listed) == names - {"imsmanifest.xml"}
    for element in root.iter(etree.Element):
        assert len(element.get("identifier", "")) <= 255
    for title in root.iter(f"{{{cp}}}title"):
        assert title.text and 0 < len(title.text) <= 200

    # the pass mark as the primary objective, satisfied by the measure
    primary = item.findall("imsss:sequencing/imsss:objectives/imsss:primaryObjective", NS)
    assert len(primary) == 1
    assert primary[0].get("satisfiedByMeasure") == "true"
    measure = primary[0].findall("imsss:minNormalizedMeasure", NS)
    assert [m.text for m in measure] == [f"{course.pass_mark / 100:.2f}"] == ["0.70"]
    controls = item.find("imsss:sequencing/imsss:deliveryControls", NS)
    assert controls is not None
    assert controls.get("completionSetByContent") == "true"
    assert controls.get("objectiveSetByContent") == "true"

    # coursepack's own pre-upload check: nothing at all, from the API and from the CLI
    assert check_zip(course.zip_path, SchemaSet.create()) == []
    cli = subprocess.run(
        [str(Path(sys.executable).parent / "coursepack"), "check", str(course.zip_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    output = cli.stdout + cli.stderr
    assert cli.returncode == 0, output
    # in the package's language (its index.html says lang="id")
    assert output.strip() == f"{course.zip_path}: oke, siap diunggah", output


# -- 6. a real LMS ----------------------------------------------------------------------------


def test_scormhost_imports_launches_and_stores_a_passed_attempt(
    context: BrowserContext, course: Course
) -> None:
    """scormhost imports the 2004 zip and launches it with its API_1484_11 shim; the final
    assessment answered right via the TOC; after Keluar the stored tracking says completed,
    passed, 100, with the progress in suspend_data."""
    package_id = "pemimpin-asn-digital-2004"
    with Scormhost() as host:
        answer = host.upload(course.zip_path, package_id)
        manifest = answer["manifest"]
        assert isinstance(manifest, dict)
        assert manifest["schema_version"] == "2004 4th Edition"
        assert [item["href"] for item in manifest["launches"]] == ["index.html"]
        host.login(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(host.launch_url(package_id, "index.html"))
        assert page.evaluate("() => typeof window.API_1484_11 === 'object' && !window.API")
        learner = Learner(host.sco_frame(page), course)
        assert learner.frame.get_attribute("#cp-app", "data-mode") == "lms"
        learner.toc(FINAL)
        learner.answer_quiz(FINAL)
        learner.toc(RESULTS)
        assert learner.results() == ("100", "true")
        learner.exit()
        host.close_sco(page)
        stored = host.read_cmi(
            package_id,
            until=lambda e: e.get("cmi.success_status") == "passed"
            and e.get("cmi.exit") == "normal"
            and bool(SESSION_TIME.match(e.get("cmi.session_time", ""))),
        )
        assert stored["cmi.completion_status"] == "completed"
        assert stored["cmi.success_status"] == "passed"
        assert stored["cmi.score.raw"] == "100"
        assert (stored["cmi.score.min"], stored["cmi.score.max"]) == ("0", "100")
        assert stored["cmi.score.scaled"] == "1"
        assert stored["cmi.location"] == RESULTS
        suspend = stored["cmi.suspend_data"]
        assert 0 < len(suspend) <= 4096
        saved = decode_suspend(course, suspend)
        assert saved["answers"] == {k: course.mask(k, course.correct[k]) for k in course.final}
        ids = sorted(v for k, v in stored.items() if re.fullmatch(r"cmi\.interactions\.\d+\.id", k))
        assert ids == sorted(course.iid(k) for k in course.final)
        assert all(v == "correct" for k, v in stored.items()
                   if re.fullmatch(r"cmi\.interactions\.\d+\.result", k))
        assert errors == []
        page.close()
