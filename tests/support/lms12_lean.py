"""Scorm12Lms that reads only the part of the LMS record a question needs.

`Scorm12Lms.calls` and `.committed` fetch the whole `window.__lms`, every commit snapshot
included. After a full course (dozens of commits, each a complete CMI with its interactions)
that is a large object to copy out of the browser, and a test that asks often gets slow.
This subclass asks the page for just the calls, or just the last snapshot; the answers are the
same as the base class gives.
"""

from __future__ import annotations

from typing import Any

from support.lms12 import LmsCall, Scorm12Lms


class LeanScorm12Lms(Scorm12Lms):
    """Same LMS and recording; cheaper reads."""

    @property
    def calls(self) -> list[LmsCall]:
        """Return every API call in order (without copying the commit snapshots)."""
        raw: list[dict[str, Any]] = self.page.evaluate("() => window.__lms.calls")
        return [
            LmsCall(c["name"], tuple(c["args"]), c["result"], c["error"], c["state"]) for c in raw
        ]

    @property
    def committed(self) -> dict[str, str]:
        """Return the last committed CMI, or {} if nothing was committed."""
        last: dict[str, str] = self.page.evaluate(
            "() => window.__lms.commits[window.__lms.commits.length - 1] || {}"
        )
        return last

    @property
    def commit_count(self) -> int:
        """Return how many commits/finishes succeeded."""
        count: int = self.page.evaluate("() => window.__lms.commits.length")
        return count
