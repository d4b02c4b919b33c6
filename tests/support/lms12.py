"""A SCORM 1.2 LMS for tests: scorm-again in a page that frames the SCO, with full recording."""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from playwright.sync_api import ConsoleMessage, Error, Frame, Page

from support.paths import harness_dir, node_modules
from support.server import serve


@dataclass(frozen=True)
class LmsCall:
    """One API call made by the SCO, as the LMS saw it."""

    name: str
    args: tuple[str | None, ...]
    result: str | None
    error: str
    state: str  # API state before the call: "not initialized", "initialized" or "finished"

    def __str__(self) -> str:
        """Render as `LMSSetValue('cmi.x', 'y') -> 'false' [error 401]`."""
        args = ", ".join(json.dumps(a) for a in self.args)
        return f"{self.name}({args}) -> {json.dumps(self.result)} [error {self.error}, {self.state}]"


class Scorm12Lms:
    """Serve an unpacked package beside a scorm-again LMS page and record what the SCO does."""

    METHODS = (
        "LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
        "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic",
    )
    ERROR_FUNCTIONS = frozenset({"LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"})
    SUSPEND_DATA_MAX = 4096
    LESSON_LOCATION_MAX = 255
    # What differs between the standards' LMS pages (Scorm2004Lms overrides these).
    PAGE = "lms12.html"
    API_CLASS = "Scorm12API"
    API_NAME = "API"
    INITIALIZE, FINISH, COMMIT, SET_VALUE = "LMSInitialize", "LMSFinish", "LMSCommit", "LMSSetValue"
    EMPTY_ARGS: tuple[tuple[str, ...], ...] = ((), ("",))  # what Initialize/Finish/Commit may get
    # (call, element, error) the standard expects a SCO to meet: no misbehaviour
    EXPECTED_ERRORS: frozenset[tuple[str, str, str]] = frozenset()

    def __init__(
        self,
        page: Page,
        package_dir: Path,
        initial_cmi: Mapping[str, str] | None = None,
        launch: str = "index.html",
        settings: Mapping[str, Any] | None = None,
    ) -> None:
        """Prepare (not start) an LMS; `initial_cmi` holds element names → values (a relaunch)."""
        self.page = page
        self.package_dir = Path(package_dir)
        self.launch_href = launch
        self.initial_cmi = dict(initial_cmi) if initial_cmi is not None else self.first_attempt_cmi()
        self.settings: dict[str, Any] = {
            "lmsCommitUrl": False,  # commits succeed locally; the recorder snapshots them
            "autocommit": False,
            "logLevel": 3,  # WARN: scorm-again writes warnings and errors to the console
            "dataCommitFormat": "json",
            **(settings or {}),
        }
        self.messages: list[ConsoleMessage] = []
        self.page_errors: list[str] = []
        self._stack = ExitStack()
        self._base_url: str | None = None

    @staticmethod
    def first_attempt_cmi() -> dict[str, str]:
        """Return what an LMS such as Moodle preloads on a first launch."""
        return {
            "cmi.core.student_id": "learner-1",
            "cmi.core.student_name": "Learner, Test",
            "cmi.core.entry": "ab-initio",
            "cmi.core.credit": "credit",
            "cmi.core.lesson_mode": "normal",
        }

    # -- lifecycle -------------------------------------------------------------------------

    def __enter__(self) -> Self:
        """Launch the SCO and return self."""
        self.launch()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop serving and stop listening to the page."""
        self.close()

    @property
    def base_url(self) -> str:
        """Return the origin serving the LMS page (/lms12.html) and the package (/pkg/)."""
        if self._base_url is None:
            raise RuntimeError("the LMS is not launched")
        return self._base_url

    def launch(self, timeout_ms: float = 10_000) -> Frame:
        """Serve everything, open the LMS page, create the API object and load the SCO in a frame."""
        if self._base_url is None:
            self._base_url = self._stack.enter_context(
                serve(harness_dir(), {"/vendor/": node_modules(), "/pkg/": self.package_dir})
            )
            self.page.on("console", self._on_console)
            self.page.on("pageerror", self._on_page_error)
            self._stack.callback(self.page.remove_listener, "console", self._on_console)
            self._stack.callback(self.page.remove_listener, "pageerror", self._on_page_error)
        self.page.goto(f"{self.base_url}/{self.PAGE}", timeout=timeout_ms)
        config = {
            "apiClass": self.API_CLASS,
            "apiName": self.API_NAME,
            "settings": self.settings,
            "initialCmi": self.initial_cmi,
            "launchUrl": f"pkg/{self.launch_href}",
            "methods": list(self.METHODS),
            "initialize": self.INITIALIZE,
            "finish": self.FINISH,
            "commit": self.COMMIT,
        }
        self.page.evaluate("config => window.startLms(config)", config)
        load_error = self.page.evaluate("() => window.__lms.loadError")
        if load_error != "0":
            raise AssertionError(f"scorm-again refused the initial CMI (error {load_error})")
        return self.sco_frame

    def close(self) -> None:
        """Stop the server and detach the listeners (idempotent)."""
        self._stack.close()
        self._base_url = None

    def _on_console(self, message: ConsoleMessage) -> None:
        """Keep console messages from both frames."""
        self.messages.append(message)

    def _on_page_error(self, error: Error) -> None:
        """Keep uncaught exceptions from either frame."""
        self.page_errors.append(f"{error.name}: {error.message}")

    # -- the SCO -----------------------------------------------------------------------------

    @property
    def sco_frame(self) -> Frame:
        """Return the frame that holds the SCO."""
        handle = self.page.wait_for_selector("iframe#sco", state="attached")
        frame = handle.content_frame() if handle else None
        if frame is None:
            raise RuntimeError("the SCO frame is gone")
        return frame

    def wait_for_call(self, name: str, timeout_ms: float = 5_000) -> LmsCall:
        """Wait until the SCO has called `name` and return the first such call."""
        try:
            self.page.wait_for_function(
                "name => window.__lms.calls.some(c => c.name === name)", arg=name, timeout=timeout_ms
            )
        except Error as exc:
            raise AssertionError(f"no {name} within {timeout_ms} ms; calls:\n{self._calls_text()}") from exc
        return next(c for c in self.calls if c.name == name)

    def close_sco(self, timeout_ms: float = 5_000) -> LmsCall:
        """Navigate the SCO frame away (pagehide fires) and wait until the finish call was made."""
        self.page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
        return self.wait_for_call(self.FINISH, timeout_ms)

    # -- what was recorded -----------------------------------------------------------------
    # (each reads only the part of window.__lms it needs, as one JSON string: a whole course
    # run records thousands of calls and a CMI snapshot per commit)

    @property
    def calls(self) -> list[LmsCall]:
        """Return every API call in order."""
        raw: list[dict[str, Any]] = json.loads(
            self.page.evaluate("() => JSON.stringify(window.__lms.calls)")
        )
        return [LmsCall(c["name"], tuple(c["args"]), c["result"], c["error"], c["state"])
                for c in raw]

    @property
    def errors(self) -> list[LmsCall]:
        """Return the calls that set an error code other than 0 or returned "false"."""
        return [
            c for c in self.calls
            if c.name not in self.ERROR_FUNCTIONS and (c.error != "0" or c.result == "false")
            and not self.expected(c)
        ]

    def expected(self, c: LmsCall) -> bool:
        """True for an error the standard gives a SCO that reads an element the LMS may not set."""
        return (c.name, str(c.args[0]) if c.args else "", c.error) in self.EXPECTED_ERRORS

    @property
    def commits(self) -> list[dict[str, str]]:
        """Return the CMI snapshot (element → value) stored at each successful commit/finish."""
        commits: list[dict[str, str]] = json.loads(
            self.page.evaluate("() => JSON.stringify(window.__lms.commits)")
        )
        return commits

    def commit_from_end(self, back: int = 1) -> dict[str, str]:
        """Return the snapshot `back` commits from the end (1 = the last), {} if there is none."""
        snapshot: dict[str, str] = self.page.evaluate(
            "back => window.__lms.commits[window.__lms.commits.length - back] || {}", back
        )
        return snapshot

    @property
    def committed(self) -> dict[str, str]:
        """Return the last committed CMI, or {} if nothing was committed."""
        return self.commit_from_end(1)

    @property
    def commit_count(self) -> int:
        """Return how many commits/finishes succeeded."""
        count: int = self.page.evaluate("() => window.__lms.commits.length")
        return count

    def cmi_value(self, element: str) -> str:
        """Return the LMS's current value of `element` (committed or not); "" if unset."""
        current: dict[str, str] = self.page.evaluate(
            "name => window.lmsCurrentCmi(name)", self.API_NAME
        )
        return current.get(element, "")

    def set_values(self, element: str) -> list[str]:
        """Return every value the SCO successfully set on `element`, in order."""
        return [
            str(c.args[1]) for c in self.calls
            if c.name == self.SET_VALUE and c.args[:1] == (element,) and c.result == "true"
        ]

    @property
    def max_suspend_len(self) -> int:
        """Return the length of the longest suspend_data the SCO tried to set."""
        lengths = [
            len(c.args[1] or "") for c in self.calls
            if c.name == self.SET_VALUE and len(c.args) > 1 and c.args[0] == "cmi.suspend_data"
        ]
        return max(lengths, default=0)

    @property
    def console_warnings(self) -> list[str]:
        """Return console warnings/errors from both frames and uncaught page errors."""
        found = [
            f"console.{m.type} [{m.location.get('url', '')}]: {m.text}"
            for m in self.messages if m.type in ("warning", "error", "assert")
            and not any(f"{error}: The data model element passed to {call} ({element})" in m.text
                        for call, element, error in self.EXPECTED_ERRORS)
        ]
        return found + [f"uncaught {e}" for e in self.page_errors]

    def problems(self) -> list[str]:
        """Return every protocol violation, API error, value-rule breach and console warning."""
        calls = self.calls
        found: list[str] = []
        typed: dict[str, str] = {}  # interaction index -> the type the SCO set on it (2004)
        for c in calls:
            if c.name in self.ERROR_FUNCTIONS or self.expected(c):
                continue
            if c.error != "0" or c.result == "false":
                found.append(f"call failed: {c}")
            if c.state == "finished":
                found.append(f"call after {self.FINISH}: {c}")
            elif c.state == "not initialized" and c.name != self.INITIALIZE:
                found.append(f"call before {self.INITIALIZE}: {c}")
            if c.name in (self.INITIALIZE, self.FINISH, self.COMMIT) and c.args not in self.EMPTY_ARGS:
                found.append(f"argument must be \"\": {c}")
            if c.name == self.SET_VALUE and len(c.args) > 1:
                found += self._value_problems(str(c.args[0]), c.args[1] or "", typed, c)
        for name in (self.INITIALIZE, self.FINISH):
            count = sum(1 for c in calls if c.name == name)
            if count > 1:
                found.append(f"{name} called {count} times")
        return found + self.console_warnings

    def _value_problems(
        self, element: str, value: str, typed: dict[str, str], c: LmsCall
    ) -> list[str]:
        """The SCORM 1.2 limits scorm-again does not enforce (it accepts 64000 characters)."""
        limit = {"cmi.suspend_data": self.SUSPEND_DATA_MAX,
                 "cmi.core.lesson_location": self.LESSON_LOCATION_MAX}.get(element)
        if limit is not None and len(value) > limit:
            return [f"{element} is {len(value)} chars, over {limit}"]
        return []

    def assert_clean(self) -> None:
        """Fail with a readable list unless the SCO behaved perfectly."""
        found = self.problems()
        assert not found, "SCO misbehaved:\n  " + "\n  ".join(found)

    def _calls_text(self) -> str:
        """Return the calls one per line, for failure messages."""
        return "\n".join(f"  {c}" for c in self.calls) or "  (none)"

    # -- relaunch --------------------------------------------------------------------------

    def resume_cmi(self) -> dict[str, str]:
        """Return the CMI an LMS (Moodle's rules) preloads for the next launch of this attempt."""
        last = self.committed
        if not last:
            return self.first_attempt_cmi()
        keep = (
            "cmi.core.student_id", "cmi.core.student_name", "cmi.core.credit",
            "cmi.core.lesson_mode", "cmi.core.lesson_location", "cmi.core.lesson_status",
            "cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max",
            "cmi.core.total_time", "cmi.suspend_data", "cmi.launch_data",
            "cmi.student_data.mastery_score",
        )
        carried = ("cmi.objectives.", "cmi.interactions.", "cmi.comments")
        cmi = {
            k: v for k, v in last.items()
            if v != "" and (k in keep or k.startswith(carried))
        }
        status = last.get("cmi.core.lesson_status", "not attempted")
        if status == "not attempted":
            cmi["cmi.core.entry"] = "ab-initio"
        elif last.get("cmi.core.exit") == "suspend":
            cmi["cmi.core.entry"] = "resume"
        else:
            cmi["cmi.core.entry"] = ""
        return cmi
