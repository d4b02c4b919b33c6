"""What a learner's phone may send: every request body checked before anything is stored."""

from __future__ import annotations

import json
import re
from typing import Any

from .edition import Edition
from .store import Event

MAX_BODY = 64 * 1024  # bytes of one request; a full batch of saves stays far below
MAX_EVENTS = 50  # events in one batch
MAX_SEQ = 2**53 - 1  # what a JavaScript number holds exactly
MAX_ATTEMPT = 10_000  # attempts of the final one learner may make (unlimited in the source)
MAX_NAME, MAX_NIP, MAX_SUSPEND, MAX_BOOKMARK = 80, 30, 8192, 200
TAB = re.compile(r"[A-Za-z0-9_-]{0,16}")
KINDS = ("save", "interaction", "result", "incomplete", "share", "finish")


class Invalid(Exception):
    """A request that breaks the protocol (answered 400 or 422, nothing stored)."""


def decode(raw: bytes) -> dict[str, Any]:
    """A JSON object from a request body."""
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Invalid(f"not JSON: {exc}") from None
    if not isinstance(value, dict):
        raise Invalid("the body must be a JSON object")
    return value


def text(value: object, field: str, limit: int, required: bool = True) -> str:
    """A string field, trimmed, within its limit."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise Invalid(f"{field} must be a string")
    value = " ".join(value.split()) if field in ("name", "nip", "code") else value
    if required and not value:
        raise Invalid(f"{field} is empty")
    if len(value) > limit:
        raise Invalid(f"{field} is longer than {limit} characters")
    return value


def parse_join(body: dict[str, Any]) -> tuple[str, str, str]:
    """Name, NIP and join code of a join request."""
    return (text(body.get("name"), "name", MAX_NAME), text(body.get("nip"), "nip", MAX_NIP, False),
            text(body.get("code"), "code", 20).upper())


def number(value: object, field: str, low: float, high: float) -> float:
    """A JSON number within bounds (booleans are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise Invalid(f"{field} must be a number from {low} to {high}")
    return float(value)


def event_body(kind: str, body: dict[str, Any], edition: Edition) -> dict[str, Any]:
    """The checked fields of one event, by kind."""
    if kind == "save":
        bookmark = text(body.get("bookmark"), "bookmark", MAX_BOOKMARK, False)
        if bookmark and bookmark not in edition.screen_titles:
            raise Invalid(f"unknown screen {bookmark!r}")
        return {"bookmark": bookmark, "suspend": text(body.get("suspend"), "suspend", MAX_SUSPEND,
                                                      False),
                "finished": bool(body.get("finished")),
                "progress": number(body.get("progress", 0), "progress", 0, 1)}
    if kind == "interaction":
        iid = text(body.get("iid"), "iid", 200)
        question = edition.questions.get(iid)
        if question is None:
            raise Invalid(f"unknown question {iid!r}")
        choices = body.get("choices")
        if (not isinstance(choices, list) or not choices
                or not all(isinstance(c, str) and c in question.accepted for c in choices)):
            raise Invalid(f"choices of {iid!r} must be a list of its choice ids or placements")
        # which attempt of the final (the learner page's ".aN"); 0 for a knowledge check and
        # for phones that sent events before attempts were kept
        attempt = int(number(body.get("attempt", 0), "attempt", 0, MAX_ATTEMPT))
        if attempt != body.get("attempt", 0) or (attempt and not question.final):
            raise Invalid(f"attempt of {iid!r} must be a whole number, 0 outside the final")
        return {"iid": iid, "choices": list(question.normal(choices)), "attempt": attempt}
    if kind == "result":
        return {"raw": number(body.get("raw"), "raw", 0, 100), "passed": bool(body.get("passed"))}
    if kind == "share":
        reflection = text(body.get("reflection"), "reflection", 200)
        if reflection not in edition.reflections:
            raise Invalid(f"unknown reflection {reflection!r}")
        return {"reflection": reflection, "shared": bool(body.get("shared"))}
    if kind == "finish":
        return {"finished": bool(body.get("finished"))}
    return {}


def parse_events(body: dict[str, Any], edition: Edition) -> list[Event]:
    """The events of a batch, in order of seq; Invalid if any one is wrong (then none is stored)."""
    items = body.get("events")
    if not isinstance(items, list) or not 0 < len(items) <= MAX_EVENTS:
        raise Invalid(f"events must be a list of 1 to {MAX_EVENTS} events")
    events: list[Event] = []
    for item in items:
        if not isinstance(item, dict):
            raise Invalid("an event must be an object")
        seq, kind, data = item.get("seq"), item.get("kind"), item.get("data", {})
        if isinstance(seq, bool) or not isinstance(seq, int) or not 0 < seq <= MAX_SEQ:
            raise Invalid("seq must be a positive whole number")
        tab = item.get("tab", "")
        if not isinstance(tab, str) or not TAB.fullmatch(tab):
            raise Invalid("tab must be up to 16 letters, digits, '-' or '_'")
        t = number(item.get("t", seq), "t", 0, MAX_SEQ)
        if kind not in KINDS:
            raise Invalid(f"unknown event kind {kind!r}")
        if not isinstance(data, dict):
            raise Invalid("data must be an object")
        events.append(Event(seq, str(kind), event_body(str(kind), data, edition), tab, t))
    if len({(e.tab, e.seq) for e in events}) != len(events):
        raise Invalid("two events of a batch have the same tab and seq")
    return sorted(events, key=lambda e: (e.tab, e.seq))
