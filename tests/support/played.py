"""The article course as the browser tests play it: built once, and driven by its controls.

Shared by the SCORM 1.2, SCORM 2004 and cmi5 end-to-end tests. The correct answers come from the
source (builder.load), never from the package.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Frame

from builder.build import BuildOptions, build
from builder.load import load_course
from builder.resolve import resolve
from support.lms12 import Scorm12Lms

ROOT = Path(__file__).resolve().parent.parent.parent
RESULTS = "hasil"
FINAL = "penilaian-akhir"
REFLECTION = "langkah-kecil"
WAIT_MS = 15_000  # the machine may be busy: a generous cap on waiting, never a timing assertion
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
RESPONSE_ID = re.compile(r"^[A-Za-z0-9_.]+$")  # what Moodle accepts in a response identifier

# Scroll a control into view and say where its centre is and whether a click there reaches it.
_AIM = """sel => {
  const el = document.querySelector(sel);
  if (!el) return null;
  el.scrollIntoView({block: "center", inline: "nearest"});
  const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {x, y, w: r.width, h: r.height, disabled: !!el.disabled,
          reaches: !!hit && (hit === el || el.contains(hit)),
          hit: hit ? hit.outerHTML.slice(0, 160) : "nothing"};
}"""


@dataclass(frozen=True)
class Course:
    """A built package of the article course and what the tests need to know about it."""

    zip_path: Path
    pkg: Path
    data: dict[str, Any]  # the cp-data JSON the package carries
    text: dict[str, str]  # the cp-text strings
    correct: dict[str, tuple[str, ...]]  # question key -> correct choice ids (from the source)
    quiz_keys: dict[str, list[str]]  # quiz id -> question keys in source order
    pass_mark: int  # from the source

    @property
    def screens(self) -> list[str]:
        """Screen ids in course order."""
        return [s["id"] for s in self.data["screens"]]

    def kind(self, screen: str) -> str:
        """The kind of a screen: page, quiz, reflection or results."""
        return str(next(s["kind"] for s in self.data["screens"] if s["id"] == screen))

    @property
    def final(self) -> list[str]:
        """Keys of the final assessment's questions, in order."""
        return list(self.quiz_keys[FINAL])

    @property
    def all_keys(self) -> list[str]:
        """Every question key, in course order (knowledge checks, then the final)."""
        order = [s for s in self.screens if self.kind(s) == "quiz"]
        return [k for quiz in order for k in self.quiz_keys[quiz]]

    def q(self, key: str) -> dict[str, Any]:
        """The runtime data of one question."""
        question: dict[str, Any] = self.data["questions"][key]
        return question

    def iid(self, key: str, attempt: int = 1) -> str:
        """The interaction id the runtime writes: a final's question carries its attempt."""
        iid = str(self.q(key)["iid"])
        return f"{iid}.a{attempt}" if self.q(key)["final"] else iid

    def wrong(self, key: str) -> tuple[str, ...]:
        """A selection that is not the correct answer: the first choice that is not correct."""
        pick = next(c for c in self.q(key)["choices"] if c not in self.correct[key])
        assert (pick,) != self.correct[key]
        return (pick,)

    def mask(self, key: str, picked: tuple[str, ...]) -> str:
        """The 2-character base36 answer mask of docs/runtime.md."""
        bits = sum(1 << j for j, c in enumerate(self.q(key)["choices"]) if c in picked)
        return base36(bits).rjust(2, "0")


def base36(n: int) -> str:
    """n in lowercase base 36."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def script_json(html: str, element_id: str) -> Any:
    """Parse the JSON of <script type="application/json" id=element_id>."""
    match = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S
    )
    assert match, f"no #{element_id} in index.html"
    return json.loads(match.group(1))


# The tracking tests play the article course one question at a time, each checked on its own:
# one try per knowledge-check question, and a final whose questions are checked one by one on
# one page (the last one checked submits the attempt), one attempt, no answers revealed. The
# article's own settings (retries, one question per screen, a submit with a summary, retakes)
# are played on the mini course by tests/test_attempts_e2e.py.
ONE_BY_ONE = {
    "knowledge-check": {"attempts": 1, "feedback": "after-question", "show_answers": "never"},
    "final": {"attempts": 1, "feedback": "after-question", "show_answers": "never",
              "layout": "one-page", "shuffle_questions": False, "shuffle_choices": False},
}


def fixed_paper(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The questions of a quiz with each pool replaced by the first questions it draws: one fixed
    paper that these tests know in advance (draws are tested in test_attempts_e2e.py)."""
    out: list[dict[str, Any]] = []
    for item in questions:
        out += item["questions"][:item["draw"]] if "pool" in item else [item]
    return out


def one_by_one(source: Path, root: Path) -> Path:
    """A copy of a course whose quizzes are played one question at a time (ONE_BY_ONE), each
    pool fixed to the first questions it draws."""
    copy = shutil.copytree(source, root / "src")
    for path in sorted((copy / "quizzes").glob("*.yaml")):
        quiz = yaml.safe_load(path.read_text("utf-8"))
        quiz["settings"] = ONE_BY_ONE[quiz["kind"]]
        quiz["questions"] = fixed_paper(quiz["questions"])
        path.write_text(yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False), "utf-8")
    return copy


def build_course(root: Path, target: str) -> Course:
    """Build course_src (played one by one) for one target into `root`, unzip it and map
    questions to answers."""
    src = one_by_one(ROOT / "course_src", root)
    build(src, root / "dist", BuildOptions(targets=(target,)))
    zip_path = root / "dist" / f"pemimpin-asn-digital-{target}.zip"
    pkg = root / "pkg"
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(pkg)
    html = (pkg / "index.html").read_text(encoding="utf-8")
    data = script_json(html, "cp-data")
    source, problems = load_course(src)
    assert source is not None, problems
    by_id = {(q["quiz"], q["id"]): key for key, q in data["questions"].items()}
    correct: dict[str, tuple[str, ...]] = {}
    quiz_keys: dict[str, list[str]] = {}
    for quiz in source.quizzes:
        keys = quiz_keys.setdefault(quiz.id, [])
        for question in quiz.questions:
            key = by_id[(quiz.id, question.id)]
            keys.append(key)
            correct[key] = question.correct_ids
    assert len(correct) == len(data["questions"]) == 35
    assert quiz_keys[FINAL] == data["final"] and len(data["final"]) == 20
    pass_mark = resolve(source).pass_mark.percent
    assert pass_mark == data["course"]["passMark"] == 70
    return Course(zip_path, pkg, data, script_json(html, "cp-text"), correct, quiz_keys,
                  pass_mark)


def choice_response(course: Course, key: str, picked: tuple[str, ...]) -> str:
    """A selection as SCORM 2004's learner_response and xAPI's result.response write it."""
    q = course.q(key)
    if q["type"] == "truefalse":
        return {"true": "true", "false": "false"}[picked[0]]
    return "[,]".join(q["rids"][c] for c in q["choices"] if c in picked)


def decode_suspend(course: Course, suspend: str) -> dict[str, Any]:
    """Decode cmi.suspend_data per docs/runtime.md (an independent reading of the "c2" form)."""
    head, _, rest = suspend.partition("|")
    assert head == "c2", suspend
    parts = rest.split("|", 5)
    layout, visited_bits, answers, drafts, final = parts[:5]
    extra = json.loads(parts[5]) if len(parts) > 5 else {}
    assert layout == course.data["layout"]
    assert not visited_bits.endswith("A"), "trailing A's must be dropped"
    visited = {
        sid for i, sid in enumerate(course.screens)
        if i // 6 < len(visited_bits) and B64URL.index(visited_bits[i // 6]) & (1 << (i % 6))
    }
    assert len(answers) % 8 == 0, answers
    masks = {answers[i:i + 5]: answers[i + 5:i + 7] for i in range(0, len(answers), 8)}
    tries = {answers[i:i + 5]: int(answers[i + 7], 36) for i in range(0, len(answers), 8)}
    assert len(masks) == len(answers) // 8, f"a question is saved twice: {answers}"
    assert len(drafts) % 7 == 0, drafts
    draft_masks = {drafts[i:i + 5]: drafts[i + 5:i + 7] for i in range(0, len(drafts), 7)}
    attempt, finished, *grade = final.split(".")
    return {"visited": visited, "answers": masks, "tries": tries, "drafts": draft_masks,
            "attempt": int(attempt, 36), "finished": int(finished, 36),
            "grade": tuple(int(g, 36) for g in grade), "reflections": extra.get("r", {})}


def interactions(cmi: dict[str, str]) -> dict[int, dict[str, str]]:
    """cmi.interactions.N.field -> {N: {field: value}} from a committed snapshot."""
    found: dict[int, dict[str, str]] = {}
    for name, value in cmi.items():
        m = re.fullmatch(r"cmi\.interactions\.(\d+)\.(\w+)", name)
        if m:
            found.setdefault(int(m.group(1)), {})[m.group(2)] = value
    return found


def wait_sco_gone(lms: Scorm12Lms) -> None:
    """Wait until about:blank replaced the SCO in its frame (so its pagehide has run)."""
    lms.page.wait_for_function(
        "() => document.getElementById('sco').contentWindow.location.href === 'about:blank'",
        timeout=WAIT_MS,
    )


# -- driving the learner's UI ----------------------------------------------------------------


class Learner:
    """Drives the course inside its frame the way a learner does: by clicking its controls."""

    def __init__(self, frame: Frame, course: Course) -> None:
        """Wait until the course shows its first (or bookmarked) screen."""
        self.frame = frame
        self.course = course
        frame.wait_for_selector("#cp-app[data-state=course][data-current]", timeout=WAIT_MS)
        box = frame.frame_element().bounding_box()
        assert box is not None
        self.origin = (box["x"], box["y"])

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of a control, after checking nothing covers it.

        (Playwright's own click does the same with more waiting; this keeps the suite fast.)
        """
        aim = self.frame.evaluate(_AIM, selector)
        if aim is None:
            self.frame.wait_for_selector(selector, state="visible", timeout=WAIT_MS)
            aim = self.frame.evaluate(_AIM, selector)
        assert aim and aim["w"] > 0 and aim["h"] > 0, f"{selector} is not shown"
        assert not aim["disabled"], f"{selector} is disabled"
        assert aim["reaches"], f"a click on {selector} lands on {aim['hit']}"
        x, y = self.origin[0] + aim["x"], self.origin[1] + aim["y"]
        viewport = self.frame.page.viewport_size
        if viewport is None or not (0 <= x < viewport["width"] and 0 <= y < viewport["height"]):
            self.frame.click(selector)  # outside the LMS page's viewport: let Playwright scroll
        else:
            self.frame.page.mouse.click(x, y)

    @property
    def current(self) -> str:
        """The id of the screen shown now (and check that it is the only one shown)."""
        shown: list[str] = self.frame.evaluate(
            "() => Array.from(document.querySelectorAll('section[data-screen]:not([hidden])'),"
            " s => s.dataset.screen)"
        )
        current = self.frame.get_attribute("#cp-app", "data-current") or ""
        assert shown == [current], f"screens shown {shown}, data-current {current!r}"
        return current

    def wait_on(self, screen: str) -> None:
        """Wait until `screen` is the one shown."""
        self.frame.wait_for_selector(f'#cp-app[data-current="{screen}"]', timeout=WAIT_MS)
        assert self.current == screen

    def next(self) -> str:
        """Press Berikutnya and return the new screen (the next one in course order)."""
        screens = self.course.screens
        expected = screens[screens.index(self.current) + 1]
        self.click("#cp-next")
        self.wait_on(expected)
        return expected

    def toc(self, screen: str) -> None:
        """Open a screen from the table of contents."""
        self.click(f'#cp-toc a[data-goto="{screen}"]')
        self.wait_on(screen)

    def answer(self, key: str, picked: tuple[str, ...]) -> str:
        """Select choices, press Periksa jawaban and return the verdict shown (correct|wrong)."""
        for choice in picked:
            self.click(f'[id="q-{key}-{choice}"]')
        self.click(f'form[data-question="{key}"] .cp-check')
        box = self.frame.wait_for_selector(f'[id="q-{key}-fb"][data-result]', timeout=WAIT_MS)
        assert box is not None
        return box.get_attribute("data-result") or ""

    def answer_quiz(self, quiz: str, wrong: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
        """Answer every question of the quiz shown (correctly unless its key is in `wrong`)."""
        assert self.current == quiz
        verdicts = {}
        for key in self.course.quiz_keys[quiz]:
            picked = self.course.wrong(key) if key in wrong else self.course.correct[key]
            verdicts[key] = self.answer(key, picked)
            assert verdicts[key] == ("wrong" if key in wrong else "correct"), key
        return verdicts

    def reflect(self, texts: list[str]) -> None:
        """Write the reflection's answers and press Simpan jawaban."""
        for i, text in enumerate(texts, start=1):
            self.frame.fill(f'[id="r-{REFLECTION}-{i}"]', text)
        self.click(f'form[data-reflection="{REFLECTION}"] button[type=submit]')
        self.frame.wait_for_function(
            "t => document.querySelector('form[data-reflection] .cp-saved').textContent === t",
            arg=self.course.text["reflSaved"], timeout=WAIT_MS,
        )

    def results(self) -> tuple[str, str]:
        """The score and data-passed the results screen shows."""
        assert self.current == RESULTS
        assert self.frame.is_visible("#cp-results")
        return (
            self.frame.inner_text("#cp-score").strip(),
            self.frame.get_attribute("#cp-verdict", "data-passed") or "",
        )

    def verdict(self) -> tuple[str, str, bool]:
        """The results screen's verdict, its pass-mark line and whether the certificate shows."""
        assert self.current == RESULTS
        return (self.frame.inner_text("#cp-verdict").strip(), self.frame.inner_text("#cp-mark").strip(),
                self.frame.is_visible("#cp-cert"))

    def exit(self) -> None:
        """Press Keluar and wait for the goodbye panel."""
        self.click("#cp-exit")
        self.frame.wait_for_selector("#cp-exited:not([hidden])", timeout=WAIT_MS)
