"""Saved progress from an older package: a learner mid-course when the admin replaces the package.

The suspend_data below is real: the mini course (tests/courses/mini) built and played at 6d9f23d,
the last build whose true/false choices were `benar`/`salah` (git worktree add /tmp/old 6d9f23d;
`coursepack build tests/courses/mini --target offline`; the check's true/false question answered
"Salah", the final's first question "a"). A true/false question's key is made from its choice ids,
so that answer sits under a key today's package does not have: the runtime reads it under the new
key with the new ids, and keeps every other answer. Played in scorm-again's SCORM 1.2 LMS.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page
from support.lms12 import Scorm12Lms

from builder.build import build
from builder.options import BuildOptions

pytestmark = pytest.mark.browser

MINI = Path(__file__).parent / "courses" / "mini"
OLD_SUSPEND = "c1|hvsj|V|4p7p102uua6x01"  # cek-satu "salah" (key 4p7p1), akhir-satu "a"


def test_an_old_true_false_answer_resumes_with_every_other_answer(page: Page, tmp_path: Path) -> None:
    build(MINI, tmp_path / "dist", BuildOptions(targets=("scorm12",)))
    pkg = tmp_path / "pkg"
    with zipfile.ZipFile(tmp_path / "dist" / "kursus-mini-scorm12.zip") as archive:
        archive.extractall(pkg)
    cmi = {**Scorm12Lms.first_attempt_cmi(), "cmi.core.entry": "resume",
           "cmi.core.lesson_status": "incomplete", "cmi.core.lesson_location": "cek-pengantar",
           "cmi.suspend_data": OLD_SUSPEND}
    with Scorm12Lms(page, pkg, initial_cmi=cmi) as lms:
        frame = lms.sco_frame
        frame.wait_for_selector('#cp-app[data-state="course"]')
        questions = frame.evaluate("JSON.parse(document.getElementById('cp-data').textContent).questions")
        key = {q["id"]: k for k, q in questions.items()}
        assert "4p7p1" not in questions, "the true/false question's key changed with its ids"
        answers = frame.evaluate("CoursePack.app.state().answers")
        assert answers == {key["cek-satu"]: ["false"], key["akhir-satu"]: ["a"]}
        # the check shows it picked: "false" (Salah)
        frame.evaluate("CoursePack.app.go('cek-pengantar')")
        tf = f'form[data-question="{key["cek-satu"]}"]'
        picked = dict(frame.eval_on_selector_all(f"{tf} input", "els => els.map(i => [i.value, i.checked])"))
        assert picked == {"true": False, "false": True}
        # the next save writes both answers under today's keys
        frame.evaluate("CoursePack.app.go('akhir')")
        lms.wait_for_call("LMSCommit")
        saved = lms.committed["cmi.suspend_data"]
        assert saved.startswith("c2|hvsj|")
        assert f"{key['cek-satu']}01" in saved.split("|")[3] and f"{key['akhir-satu']}01" in saved
        assert "4p7p1" not in saved
        assert lms.problems() == []
