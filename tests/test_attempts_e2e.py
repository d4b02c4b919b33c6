"""Attempts of the final assessment in Chromium, against scorm-again (SCORM 1.2 and 2004) and the
cmi5 peer: fail, retake and pass with the LMS's score and status following the grading method;
leave mid-attempt and resume with the same order, drafts and pool draw; correct answers shown only
when the settings allow; no answer lost when the learner moves on without submitting.

The course is tests/courses/mini with its final played as a final's defaults have it (one question
per screen, feedback after the attempt, one submit with a summary first), a pool drawing 1 of 2,
and shuffled questions and options. Correct answers come from the source, never from the package.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import BrowserContext, Frame, Page
from support import Scorm12Lms, format_violations
from support.axe_scoped import run_axe_excluding
from support.lms2004 import Scorm2004Lms
from support.lrs import running_lms, verb_of
from support.played import decode_suspend, interactions, wait_sco_gone
from support.server import serve

from builder.build import build
from builder.options import BuildOptions
from builder.load import load_course

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "courses" / "mini"
FINAL, RESULTS = "akhir", "hasil"
WAIT_MS = 15_000  # a cap on waiting on a busy machine, never a timing assertion
POOL = {"pool": "p-akhir", "draw": 1, "questions": [
    {"id": f"akhir-tiga-{x}", "type": "single", "prompt": f"Kapan data diperiksa ulang ({x})?",
     "choices": [{"id": "a", "text": "Sebelum keputusan", "correct": True, "feedback": "Tepat."},
                 {"id": "b", "text": "Tidak pernah", "feedback": "Kurang tepat."}]}
    for x in ("x", "y")]}
EXAM = {"attempts": 3, "grading": "highest", "feedback": "after-attempt",
        "show_answers": "after-last-attempt", "shuffle_questions": True,
        "shuffle_choices": True, "layout": "one-per-screen"}


@dataclass(frozen=True)
class Built:
    """An unpacked package of the mini course with the final's settings given."""

    pkg: Path
    data: dict[str, Any]
    text: dict[str, str]
    correct: dict[str, tuple[str, ...]]  # question id -> correct choice ids (from the source)

    def key(self, question_id: str) -> str:
        """The runtime key of a question id."""
        return next(k for k, q in self.data["questions"].items() if q["id"] == question_id)

    def qid(self, key: str) -> str:
        """The question id of a runtime key."""
        return str(self.data["questions"][key]["id"])

    def wrong(self, question_id: str) -> tuple[str, ...]:
        """The first choice that is not right."""
        q = self.data["questions"][self.key(question_id)]
        return (next(c for c in q["choices"] if c not in self.correct[question_id]),)


def script_json(html: str, element_id: str) -> Any:
    """The JSON of a <script type="application/json" id=...>."""
    found = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


def build_mini(root: Path, target: str, **settings: Any) -> Built:
    """Mini with a pool in its final and the final's settings EXAM updated by `settings`."""
    source = shutil.copytree(MINI, root / "src")
    path = source / "quizzes" / "akhir.yaml"
    quiz = yaml.safe_load(path.read_text("utf-8"))
    quiz["settings"] = {**EXAM, **settings}
    quiz["questions"].append(POOL)
    path.write_text(yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False), "utf-8")
    # the check keeps its true/false question and its pool: sorting, ordering and matching are
    # played in test_question_types.py
    check = source / "quizzes" / "cek-pengantar.yaml"
    quiz = yaml.safe_load(check.read_text("utf-8"))
    quiz["questions"] = [q for q in quiz["questions"]
                         if q.get("type") not in ("sorting", "ordering", "matching")]
    check.write_text(yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False), "utf-8")
    build(source, root / "dist", BuildOptions(targets=(target,)))
    pkg = root / "pkg"
    with zipfile.ZipFile(root / "dist" / f"kursus-mini-{target}.zip") as archive:
        archive.extractall(pkg)
    html = (pkg / "index.html").read_text("utf-8")
    course, problems = load_course(source)
    assert course is not None, problems
    correct = {q.id: q.correct_ids for quiz in course.quizzes for q in quiz.questions}
    return Built(pkg, script_json(html, "cp-data"), script_json(html, "cp-text"), correct)


# -- the learner, in a SCORM frame or a cmi5 page -------------------------------------------------


class Taker:
    """Takes the final the way a learner does: by its buttons, one question per screen."""

    def __init__(self, target: Frame | Page, built: Built) -> None:
        self.t = target
        self.b = built
        target.wait_for_selector("#cp-app[data-state=course][data-current]", timeout=WAIT_MS)

    def go(self, screen: str) -> None:
        """Open a screen from the table of contents."""
        self.t.click(f'#cp-toc a[data-goto="{screen}"]')
        self.t.wait_for_selector(f'#cp-app[data-current="{screen}"]', timeout=WAIT_MS)

    def shown(self) -> list[str]:
        """Keys of the final's questions shown now."""
        found: list[str] = self.t.eval_on_selector_all(
            '[data-qlist="akhir"] form', "fs => fs.filter(f => !f.hidden).map(f => f.dataset.question)")
        return found

    def paper(self) -> list[tuple[str, list[str]]]:
        """The attempt as the learner meets it: each question's id and its options in order,
        stepping through with Next question from the first (a resumed attempt opens at its first
        question without an answer) and back to the first."""
        out = []
        while not self.t.is_disabled('[data-qstep="-1"]'):
            self.t.click('[data-qstep="-1"]')
        while True:
            (key,) = self.shown()
            options = self.t.eval_on_selector_all(f'form[data-question="{key}"] input', "is => is.map(i => i.value)")
            out.append((self.b.qid(key), options))
            if self.t.is_disabled('[data-qstep="1"]'):
                break
            self.t.click('[data-qstep="1"]')
        while not self.t.is_disabled('[data-qstep="-1"]'):
            self.t.click('[data-qstep="-1"]')
        return out

    def pick(self, answers: dict[str, tuple[str, ...]], skip: frozenset[str] = frozenset()) -> None:
        """On each question shown in turn, pick its answer (by question id), unless skipped."""
        while True:
            (key,) = self.shown()
            qid = self.b.qid(key)
            if qid not in skip:
                for choice in answers[qid]:
                    self.t.click(f'[id="q-{key}-{choice}"]')
            if self.t.is_disabled('[data-qstep="1"]'):
                return
            self.t.click('[data-qstep="1"]')

    def submit(self) -> str:
        """Submit the attempt: the summary first, then Submit now; returns the summary's text."""
        self.t.click("[data-submit]")
        self.t.wait_for_selector("[data-summary]:not([hidden])", timeout=WAIT_MS)
        said = self.t.inner_text("[data-summary]")
        self.t.click("[data-confirm]")
        self.t.wait_for_selector(f'#cp-app[data-current="{RESULTS}"]', timeout=WAIT_MS)
        return said

    def attempt(self, right: bool, skip: frozenset[str] = frozenset()) -> None:
        """One whole attempt from the table of contents: every answer right, or every one wrong."""
        self.go(FINAL)
        answers = {self.b.qid(k): self.b.correct[self.b.qid(k)] if right else self.b.wrong(self.b.qid(k))
                   for k in self.b.data["questions"] if self.b.data["questions"][k]["final"]}
        self.pick(answers, skip)
        self.submit()

    def score(self) -> tuple[str, str]:
        """The results screen's score and data-passed."""
        return self.t.inner_text("#cp-score").strip(), self.t.get_attribute("#cp-verdict", "data-passed") or ""

    def revealed(self) -> list[str]:
        """The correct answers the results' review shows."""
        found: list[str] = self.t.eval_on_selector_all(
            "#cp-review-list li:not([hidden]) .cp-answer", "es => es.map(e => e.textContent)")
        return found


def poll(check: Callable[[], Any], what: str, seconds: float = 10) -> Any:
    """Poll until check() gives a true value (the LMS gets its commits asynchronously)."""
    deadline = time.monotonic() + seconds
    while not (found := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
    return found


# -- SCORM 1.2 and 2004 -------------------------------------------------------------------------

STANDARDS = {
    "scorm12": (Scorm12Lms, "cmi.core.score.raw", "cmi.core.lesson_status", "cmi.core.exit"),
    "scorm2004": (Scorm2004Lms, "cmi.score.raw", "cmi.success_status", "cmi.exit"),
}


@contextmanager
def sco(context: BrowserContext, built: Built, standard: str,
        initial: dict[str, str] | None = None) -> Iterator[tuple[Scorm12Lms, Taker]]:
    """scorm-again running the package in a new page, and the learner in it."""
    page = context.new_page()
    try:
        with STANDARDS[standard][0](page, built.pkg, initial_cmi=initial) as lms:
            yield lms, Taker(lms.sco_frame, built)
    finally:
        page.close()


def leave(lms: Scorm12Lms) -> dict[str, str]:
    """The LMS closes the SCO (its pagehide finishes); returns what the next launch preloads."""
    lms.close_sco()
    wait_sco_gone(lms)
    lms.assert_clean()
    return lms.resume_cmi()


# grading method -> (its score after a failed attempt (0) then a right one (100), passed)
GRADED = {"highest": ("100", "passed"), "last": ("100", "passed"), "first": ("0", "failed"),
          "average": ("50", "passed")}


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
@pytest.mark.parametrize("grading", list(GRADED))
def test_fail_retake_pass_the_lms_follows_the_grading_method(
        context: BrowserContext, tmp_path: Path, standard: str, grading: str) -> None:
    """Attempt 1 all wrong (0, failed), a new attempt from the results page, attempt 2 all right:
    the LMS's score and status are those of the grading method (pass mark 50: an average of 50
    passes); each attempt's answers are appended as interactions tagged .a1 and .a2."""
    built = build_mini(tmp_path, standard, grading=grading)
    _, raw_key, status_key, _ = STANDARDS[standard]
    with sco(context, built, standard) as (lms, learner):
        learner.attempt(right=False)
        assert learner.score() == ("0", "false")
        poll(lambda: lms.committed.get(status_key) == "failed", "failed at the LMS")
        assert lms.committed[raw_key] == "0"
        assert learner.t.is_visible("#cp-retake")
        learner.t.click("#cp-retake")
        learner.t.wait_for_selector(f'#cp-app[data-current="{FINAL}"]', timeout=WAIT_MS)
        learner.attempt(right=True)
        raw, status = GRADED[grading]
        assert learner.score() == (raw, "true" if status == "passed" else "false")
        poll(lambda: lms.committed.get(status_key) == status, f"{status} at the LMS")
        assert lms.committed[raw_key] == raw
        assert learner.t.is_visible("#cp-retake") == (status == "failed")
        ids = [v["id"] for _, v in sorted(interactions(lms.committed).items())]
        finals = [i for i in ids if i.startswith("akhir.")]
        assert [i.rsplit(".", 1)[1] for i in finals] == ["a1"] * 3 + ["a2"] * 3, ids
        saved = decode_suspend_mini(built, lms.committed["cmi.suspend_data"])
        assert (saved["attempt"], saved["finished"]) == (2, 2)
        lms.assert_clean()


def decode_suspend_mini(built: Built, suspend: str) -> dict[str, Any]:
    """decode_suspend (played.py) over the mini course's runtime data."""

    class View:
        data = built.data
        screens = [s["id"] for s in built.data["screens"]]

    return decode_suspend(View(), suspend)  # type: ignore[arg-type]


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_leave_mid_attempt_and_resume_with_the_same_paper_and_drafts(
        context: BrowserContext, tmp_path: Path, standard: str) -> None:
    """Mid-attempt, with answers picked (not submitted) on two of three questions, the LMS closes
    the course: it resumes on the final with the same questions (pool draw), the same order of
    questions and options, the picks back as drafts and the learner told; they count once the
    attempt is submitted."""
    built = build_mini(tmp_path, standard)
    _, raw_key, status_key, exit_key = STANDARDS[standard]
    with sco(context, built, standard) as (lms, learner):
        learner.go(FINAL)
        paper = learner.paper()
        assert len(paper) == 3 and sum(q.startswith("akhir-tiga-") for q, _ in paper) == 1
        drawn = next(q for q, _ in paper if q.startswith("akhir-tiga-"))
        rights = {q: built.correct[q] for q, _ in paper}
        learner.pick(rights, skip=frozenset({paper[-1][0]}))
        learner.go(RESULTS)
        assert learner.t.inner_text("#cp-status") == built.text["draftKept"]
        assert learner.t.inner_text("#cp-results-progress") == (
            built.text["resultsProgress"].replace("{a}", "2").replace("{t}", "3"))
        resume = leave(lms)
        assert lms.committed[exit_key] == "suspend"
        assert lms.committed.get(raw_key, "") == ""
        saved = decode_suspend_mini(built, lms.committed["cmi.suspend_data"])
        assert set(saved["drafts"]) == {built.key(q) for q, _ in paper[:2]}
        assert saved["answers"] == {}
    with sco(context, built, standard, resume) as (lms, learner):
        learner.go(FINAL)
        assert learner.paper() == paper, "the same paper on resume"
        assert learner.t.inner_text("#cp-status") == built.text["draftsBack"].replace("{n}", "2")
        for qid, _ in paper[:2]:
            for choice in rights[qid]:
                assert learner.t.is_checked(f'[id="q-{built.key(qid)}-{choice}"]'), qid
        said = learner.submit()
        assert "Pertanyaan 3" in said, said  # the unanswered one is named before submitting
        # 2 of 3 right: 67, passed against 50
        assert learner.score() == ("67", "true")
        poll(lambda: lms.committed.get(status_key) == "passed", "passed at the LMS")
        assert lms.committed[raw_key] == "67"
        lms.assert_clean()
    assert drawn in {"akhir-tiga-x", "akhir-tiga-y"}


def test_retakes_draw_new_papers_and_correct_answers_show_after_the_last(
        context: BrowserContext, tmp_path: Path) -> None:
    """Three failed attempts in SCORM 1.2: each meets a paper seeded by its attempt (over three
    attempts the draw or the order changes), no correct answer shows while attempts are left,
    and after the last one the review shows the right answer of every wrong question; no retake."""
    built = build_mini(tmp_path, "scorm12")
    papers = []
    with sco(context, built, "scorm12") as (lms, learner):
        for attempt in (1, 2, 3):
            learner.go(FINAL)
            papers.append(learner.paper())
            learner.go(RESULTS)
            learner.attempt(right=False)
            assert learner.score() == ("0", "false")
            if attempt < 3:
                assert learner.revealed() == [], f"no answer shown after attempt {attempt}"
                learner.t.click("#cp-retake")
                learner.t.wait_for_selector(f'#cp-app[data-current="{FINAL}"]', timeout=WAIT_MS)
        shown = learner.revealed()
        assert len(shown) == 3 and all(s.startswith(built.text["correctIs"]) for s in shown), shown
        assert learner.t.is_hidden("#cp-retake-box")
        poll(lambda: lms.committed.get("cmi.core.exit") == "", "the attempt closed")
        lms.assert_clean()
    assert len({str(p) for p in papers}) > 1, papers


@pytest.mark.parametrize("when", ["never", "after-attempt"])
def test_correct_answers_show_only_when_the_settings_allow(
        context: BrowserContext, tmp_path: Path, when: str) -> None:
    """show_answers never: not after the last attempt either (and not in the package);
    after-attempt: right after the first failed attempt, while attempts are left."""
    built = build_mini(tmp_path, "scorm12", show_answers=when, attempts=1 if when == "never" else 3)
    with sco(context, built, "scorm12") as (lms, learner):
        learner.attempt(right=False)
        shown = learner.revealed()
        if when == "never":
            assert shown == []
            assert all("answer" not in q for q in built.data["questions"].values() if q["final"])
        else:
            assert len(shown) == 3
            assert learner.t.is_visible("#cp-retake")
        lms.assert_clean()


def test_one_page_summary_names_the_unanswered_and_moving_on_loses_nothing(
        context: BrowserContext, tmp_path: Path) -> None:
    """One page, one submit: picks left unsubmitted stay when the learner presses Next to the
    results, and come back after a relaunch; the summary names the unanswered question and its
    link leads to it; submitted, the picks count."""
    built = build_mini(tmp_path, "scorm12", layout="one-page")
    with sco(context, built, "scorm12") as (lms, learner):
        learner.go(FINAL)
        keys = learner.shown()
        assert len(keys) == 3, "one page: every question shown"
        first, second, third = keys
        for key in (first, second):
            for choice in built.correct[built.qid(key)]:
                learner.t.click(f'[id="q-{key}-{choice}"]')
        learner.t.click("#cp-next")
        learner.t.wait_for_selector(f'#cp-app[data-current="{RESULTS}"]', timeout=WAIT_MS)
        assert learner.t.inner_text("#cp-status") == built.text["draftKept"]
        resume = leave(lms)
    with sco(context, built, "scorm12", resume) as (lms, learner):
        learner.go(FINAL)
        assert learner.shown() == keys
        learner.t.click("[data-submit]")
        assert learner.t.inner_text("[data-summary-text]") == (
            built.text["summary"].replace("{a}", "2").replace("{t}", "3"))
        links = learner.t.eval_on_selector_all("[data-missing] [data-jump]", "bs => bs.map(b => b.dataset.jump)")
        assert links == [third]
        learner.t.click(f'[data-jump="{third}"]')
        assert learner.t.evaluate("() => document.activeElement.closest('form').dataset.question") == third
        for choice in built.correct[built.qid(third)]:
            learner.t.click(f'[id="q-{third}-{choice}"]')
        learner.submit()
        assert learner.score() == ("100", "true")
        poll(lambda: lms.committed.get("cmi.core.lesson_status") == "passed", "passed")
        lms.assert_clean()


# -- cmi5 -----------------------------------------------------------------------------------------


def test_cmi5_fail_retake_pass_one_verdict_a_session(page: Page, tmp_path: Path) -> None:
    """cmi5: attempt 1 fails (failed), the retake passes in the same session; cmi5 allows one
    verdict a session, so passed is sent when the learner comes back, and the saved state holds
    the two attempts and the highest grade."""
    built = build_mini(tmp_path, "cmi5")
    activity = "https://coursepack.example/xapi/kursus-mini/au/kursus-mini"
    with running_lms() as lms, serve(built.pkg) as url:
        registration = str(uuid.uuid4())
        first = lms.launch(url + "/index.html", activity, registration)
        page.goto(first.url)
        learner = Taker(page, built)
        learner.attempt(right=False)
        learner.t.click("#cp-retake")
        learner.attempt(right=True)
        assert learner.score() == ("100", "true")
        page.click("#cp-exit")
        poll(lambda: any(verb_of(s) == "terminated" for s in lms.from_au(first)), "terminated")
        verbs = [verb_of(s) for s in lms.from_au(first)]
        assert verbs.count("failed") == 1 and "passed" not in verbs, verbs
        answered = [s["object"]["id"].rsplit("/", 1)[1] for s in lms.from_au(first) if verb_of(s) == "answered"]
        assert [a.rsplit(".", 1)[1] for a in answered if a.startswith("akhir.")] == ["a1"] * 3 + ["a2"] * 3
        second = lms.launch(url + "/index.html", activity, registration)
        page.goto(second.url)
        Taker(page, built)
        page.click("#cp-exit")
        poll(lambda: any(verb_of(s) == "terminated" for s in lms.from_au(second)), "terminated")
        passed = [s for s in lms.from_au(second) if verb_of(s) == "passed"]
        assert len(passed) == 1 and passed[0]["result"]["score"]["raw"] == 100
        saved = decode_suspend_mini(built, lms.document(second, "coursepack.suspend")["suspend"])
        assert (saved["attempt"], saved["finished"]) == (2, 2)
        assert lms.problems == []


def test_pool_draws_differ_between_neighbours(context: BrowserContext, tmp_path: Path) -> None:
    """Learners at neighbouring desks (other LMS learner ids) meet other papers."""
    built = build_mini(tmp_path, "scorm12")
    papers = set()
    for n in range(1, 6):
        cmi = {**Scorm12Lms.first_attempt_cmi(), "cmi.core.student_id": f"learner-{n}"}
        with sco(context, built, "scorm12", cmi) as (lms, learner):
            learner.go(FINAL)
            papers.add(str(learner.paper()))
            lms.assert_clean()
    assert len(papers) >= 2, papers


def shown_forms(learner: Taker, quiz: str) -> list[str]:
    """The question keys a quiz's screen shows, in their order."""
    keys: list[str] = learner.t.eval_on_selector_all(
        f'[data-qlist="{quiz}"] form', "fs => fs.filter(f => !f.hidden).map(f => f.dataset.question)")
    return keys


def test_a_check_right_after_a_second_try_says_how_many_were_right_at_the_first(
        context: BrowserContext, tmp_path: Path) -> None:
    """"2 of 2 right" after a wrong first try read as no mistake at all: the closing line says
    how many were right at the first try when that is fewer."""
    built = build_mini(tmp_path, "scorm12")
    check = "cek-pengantar"
    with sco(context, built, "scorm12") as (lms, learner):
        learner.go(check)
        tf = built.key("cek-satu")
        drawn = shown_forms(learner, check)
        other = drawn[1]
        for choice in ("false", "true"):  # the mini's statement is true: wrong, then right
            learner.t.click(f'[id="q-{tf}-{choice}"]')
            learner.t.click(f'form[data-question="{tf}"] .cp-check')
        for choice in built.correct[built.qid(other)]:
            learner.t.click(f'[id="q-{other}-{choice}"]')
        learner.t.click(f'form[data-question="{other}"] .cp-check')
        assert learner.t.inner_text(f'[data-quiz-done="{check}"]').strip() == (
            "Anda menjawab 2 dari 2 pertanyaan dengan tepat, 1 di antaranya pada percobaan pertama.")
        lms.assert_clean()


def test_knowledge_check_tries_feedback_after_all_and_the_answer_when_out_of_tries(
        context: BrowserContext, tmp_path: Path) -> None:
    """The mini check: 2 tries a question, feedback once every question is settled, answers
    after the tries. A wrong try says how many are left and keeps the question open; the second
    wrong try locks it and shows the right answer; each try reaches the LMS as an interaction."""
    built = build_mini(tmp_path, "scorm12")
    check = "cek-pengantar"
    with sco(context, built, "scorm12") as (lms, learner):
        learner.go(check)
        tf = built.key("cek-satu")
        drawn = shown_forms(learner, check)
        assert len(drawn) == 2 and drawn[0] == tf, "the pool gives one of its two"
        other = drawn[1]
        box = f'[id="q-{tf}-fb"]'
        learner.t.click(f'[id="q-{tf}-false"]')
        learner.t.click(f'form[data-question="{tf}"] .cp-check')
        assert learner.t.get_attribute(box, "data-result") == "wrong"
        said = learner.t.inner_text(box)
        assert built.text["triesLeft"].replace("{n}", "1") in said
        assert "Kurang tepat" not in said, "feedback waits for the whole check"
        assert built.text["correctIs"] not in said
        assert learner.t.is_enabled(f'[id="q-{tf}-true"]')
        learner.t.click(f'form[data-question="{tf}"] .cp-check')  # the same wrong answer again
        said = learner.t.inner_text(box)
        assert built.text["correctIs"] + " \u201cBenar\u201d" in said
        assert learner.t.is_disabled(f'[id="q-{tf}-true"]')
        qid = built.qid(other)
        for choice in built.correct[qid]:
            learner.t.click(f'[id="q-{other}-{choice}"]')
        learner.t.click(f'form[data-question="{other}"] .cp-check')
        assert "Kurang tepat, data membantu." in learner.t.inner_text(box), "feedback once all settled"
        assert learner.t.inner_text(f'[data-quiz-done="{check}"]').strip() == (
            built.text["quizDone"].replace("{c}", "1").replace("{t}", "2"))
        learner.t.click("#cp-next")
        poll(lambda: len(interactions(lms.committed)) == 3, "three interactions")
        found = [v for _, v in sorted(interactions(lms.committed).items())]
        iid = built.data["questions"][tf]["iid"]
        assert [(v["id"], v["result"]) for v in found] == [
            (iid, "wrong"), (iid, "wrong"), (built.data["questions"][other]["iid"], "correct")]
        lms.assert_clean()


WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def test_the_attempt_screens_are_axe_clean(context: BrowserContext, tmp_path: Path) -> None:
    """axe-core's WCAG 2.1 A/AA rules: one question per screen with its own buttons, the summary
    before submitting, and the results with the band, the retake and the review."""
    built = build_mini(tmp_path, "scorm12", bands=[{"from": 0, "message": "Coba lagi."},
                                                    {"from": 50, "message": "**Bagus.**"}])
    with sco(context, built, "scorm12") as (lms, learner):
        learner.go(FINAL)
        learner.pick({q: built.wrong(q) for q in built.correct}, skip=frozenset({"akhir-satu"}))
        learner.t.click("[data-submit]")
        found = run_axe_excluding(learner.t, ("section[data-screen][hidden]",), WCAG_TAGS)
        assert found == [], f"the final with its summary:\n{format_violations(found)}"
        learner.t.click("[data-confirm]")
        learner.t.wait_for_selector(f'#cp-app[data-current="{RESULTS}"]', timeout=WAIT_MS)
        assert learner.t.inner_text("#cp-band") == "Coba lagi."
        assert learner.t.is_visible("#cp-retake")
        found = run_axe_excluding(learner.t, ("section[data-screen][hidden]",), WCAG_TAGS)
        assert found == [], f"the results:\n{format_violations(found)}"
        lms.assert_clean()
