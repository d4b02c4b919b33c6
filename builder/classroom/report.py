"""What the facilitator sees and downloads, computed from the store: pure functions, no I/O."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .edition import Edition
from .protocol import MAX_ATTEMPT
from .store import Learner
from .text import strings

TOP_DIFFICULT = 5
# answers a question needs before it is ranked among the most difficult (fewer when fewer
# learners joined): one learner's slip is not a class-wide difficulty
MIN_RANKED = 3


@dataclass(frozen=True)
class Standing:
    """A learner's standing in the final assessment, judged by the server."""

    answered: int  # questions answered in the learner's latest attempt
    correct: Fraction  # the credits that count (grading method over the finished attempts)
    raw: int
    passed: bool
    done: bool  # at least one attempt submitted or answered in full


def credit(edition: Edition, row: sqlite3.Row) -> Fraction:
    """The credit one stored answer earns (partial for multiple, sorting, matching)."""
    question = edition.questions.get(row["iid"])
    return question.credit(tuple(json.loads(row["choices"]))) if question else Fraction(0)


def submitted_attempts(suspend: str) -> int:
    """How many attempts of the final the learner has submitted, as their saved state says
    (docs/runtime.md: the "c2" form's `final` field, `attempt.finished` in base36); 0 when it does
    not say (the earlier "c1" form, or a malformed one). At most MAX_ATTEMPT."""
    parts = suspend.split("|", 6) if suspend.startswith("c2|") else []
    final = parts[5].split(".") if len(parts) > 5 else []
    try:
        return min(int(final[1], 36), MAX_ATTEMPT) if len(final) > 1 else 0
    except ValueError:
        return 0


def standings(edition: Edition, learners: list[Learner],
              answers: list[sqlite3.Row]) -> dict[int, Standing]:
    """Each learner's final-assessment standing: every attempt the learner submitted (their
    saved state counts them; an unanswered question earns nothing, as on their results page) or
    answered in full (each asks `final_asked` questions, pools draw) is scored by the server from
    the answers, and the final's grading method picks the grade, as on the learner's own results
    page (highest by default)."""
    final = set(edition.final_iids)
    attempts: dict[int, dict[int, list[Fraction]]] = {}
    for row in answers:
        if row["iid"] in final:
            attempts.setdefault(row["learner_id"], {}).setdefault(row["attempt"], []).append(
                credit(edition, row))
    result = {}
    for learner in learners:
        mine = attempts.get(learner.id, {})
        submitted = submitted_attempts(learner.suspend)
        # an attempt asks final_asked questions: more answers in one (a phone's say) count not
        finished = [sum(mine.get(n, [])[:edition.final_asked], Fraction(0))
                    for n in sorted(set(mine) | set(range(1, submitted + 1)))
                    if n <= submitted or len(mine[n]) >= edition.final_asked]
        answered = len(mine[max(mine)]) if mine else 0
        done = bool(final) and bool(finished)
        correct = edition.grade(finished) if done else Fraction(0)
        raw, passed = edition.score(correct)
        result[learner.id] = Standing(answered, correct, raw, passed and done, done)
    return result


def latest(answers: list[sqlite3.Row]) -> list[sqlite3.Row]:
    """Each learner's answer to each question from their latest attempt that asked it (a
    knowledge check keeps its first try)."""
    last: dict[tuple[int, str], sqlite3.Row] = {}
    for row in answers:
        key = (row["learner_id"], row["iid"])
        if key not in last or row["attempt"] > last[key]["attempt"]:
            last[key] = row
    return list(last.values())


def reflection_texts(suspend: str) -> dict[str, list[str]]:
    """The reflection texts kept in a suspend string (docs/runtime.md: "c2", or the earlier
    "c1"), {} when none."""
    fields = 6 if suspend.startswith("c2|") else 4
    parts = suspend.split("|", fields)
    if len(parts) <= fields:
        return {}
    try:
        value = json.loads(parts[fields])
    except json.JSONDecodeError:
        return {}
    if isinstance(value, dict) and fields == 6:
        value = value.get("r", {})
    if not isinstance(value, dict):
        return {}
    return {k: [str(t) for t in v] for k, v in value.items() if isinstance(v, list)}


def distribution(edition: Edition, answers: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """Each question with how many learners picked each choice, and the share of its credit the
    class earned (a half-right matching answer counts half, as in the grade): each learner
    counted once, by the latest answer (latest())."""
    picks: dict[str, Counter[str]] = {iid: Counter() for iid in edition.questions}
    totals: Counter[str] = Counter()
    right: dict[str, Fraction] = {iid: Fraction(0) for iid in edition.questions}
    for row in latest(answers):
        if row["iid"] not in picks:
            continue
        totals[row["iid"]] += 1
        right[row["iid"]] += credit(edition, row)
        for choice in json.loads(row["choices"]):
            picks[row["iid"]][choice] += 1
    return [{
        "iid": iid, "quiz": q.quiz_title, "final": q.final, "number": q.number,
        "prompt": q.prompt_html, "answers": totals[iid],
        "correct_pct": round(100 * right[iid] / totals[iid]) if totals[iid] else None,
        "choices": [{"id": cid, "text": text, "count": picks[iid][cid],
                     "correct": cid in q.correct} for cid, text in q.choices],
    } for iid, q in edition.questions.items()]


def snapshot(edition: Edition, session: str, join_url: str, join_code: str,
             learners: list[Learner], answers: list[sqlite3.Row],
             now: float | None = None) -> dict[str, Any]:
    """Everything the dashboard shows, as one JSON-ready value."""
    now = time.time() if now is None else now
    standing = standings(edition, learners, answers)
    questions = distribution(edition, answers)
    need = max(min(MIN_RANKED, len(learners)), 1)
    difficult = sorted((q for q in questions if q["answers"] >= need),
                       key=lambda q: (q["correct_pct"], -q["answers"]))[:TOP_DIFFICULT]
    reflections = []
    for learner in learners:
        texts = reflection_texts(learner.suspend)
        for rid in learner.shared:
            info = edition.reflections.get(rid)
            if info and any(t.strip() for t in texts.get(rid, [])):
                reflections.append({"learner": learner.id, "title": info.title,
                                    "items": [{"prompt": p, "text": t} for p, t in
                                              zip(info.prompts, texts.get(rid, []), strict=False)
                                              if t.strip()]})
    course = edition.course
    return {
        "course": {"title": course.title, "jp": course.jp, "passMark": edition.pass_mark.percent,
                   "finalQuestions": edition.final_asked},
        "session": session, "joinUrl": join_url, "joinCode": join_code,
        "learners": [{
            "id": lr.id, "name": lr.name, "nip": lr.nip,
            "screen": edition.screen_titles.get(lr.bookmark, ""),
            "progress": round(100 * lr.progress), "answered": standing[lr.id].answered,
            "raw": standing[lr.id].raw if standing[lr.id].done else None,
            "status": ("passed" if standing[lr.id].passed else "failed")
            if standing[lr.id].done else "in_progress",
            "jp": course.jp if standing[lr.id].passed else 0,
            "idle": round(now - lr.last_seen),
        } for lr in learners],
        "questions": questions,
        "difficult": [q["iid"] for q in difficult],
        "reflections": reflections,
    }


def cell(text: str) -> str:
    """A learner-typed value made inert for spreadsheets (no formula: `=`, `+`, `-`, `@` start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(rows: list[list[str]]) -> bytes:
    """CSV as Excel and Moodle read it: UTF-8 with a byte-order mark, comma-separated, CRLF."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def iso(seconds: float) -> str:
    """A local time as YYYY-MM-DD HH:MM:SS."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(seconds))


def grades_csv(edition: Edition, learners: list[Learner], answers: list[sqlite3.Row]) -> bytes:
    """Results for Moodle's CSV grade import: map "ID number" to the user's ID number (NIP).

    Only learners who finished the final assessment get a grade; the grade is 0-100.
    """
    t = strings(edition.course.language)
    standing = standings(edition, learners, answers)
    rows = [[t["csv_idnumber"], t["csv_name"], t["csv_grade"], t["csv_status"], t["csv_jp"]]]
    for lr in learners:
        s = standing[lr.id]
        if s.done:
            rows.append([cell(lr.nip), cell(lr.name), str(s.raw), t["passed" if s.passed else "failed"],
                         str(edition.course.jp if s.passed else 0)])
    return csv_text(rows)


def attendance_csv(edition: Edition, learners: list[Learner],
                   answers: list[sqlite3.Row]) -> bytes:
    """Everyone who joined: when, how far they got, and their result."""
    t = strings(edition.course.language)
    standing = standings(edition, learners, answers)
    rows = [[t["csv_name"], t["csv_idnumber"], t["csv_joined"], t["csv_last"], t["csv_progress"],
             t["csv_answered"], t["csv_grade"], t["csv_status"], t["csv_jp"], t["csv_minutes"]]]
    for lr in learners:
        s = standing[lr.id]
        status = ("passed" if s.passed else "failed") if s.done else "in_progress"
        rows.append([cell(lr.name), cell(lr.nip), iso(lr.joined_at), iso(lr.last_seen),
                     str(round(100 * lr.progress)), f"{min(s.answered, edition.final_asked)}/{edition.final_asked}",
                     str(s.raw) if s.done else "", t[status],
                     str(edition.course.jp if s.passed else 0),
                     str(round((lr.last_seen - lr.joined_at) / 60))])
    return csv_text(rows)
