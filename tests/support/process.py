"""Child processes that a test stops with Ctrl-C (SIGINT)."""

from __future__ import annotations

import signal


def as_in_a_terminal() -> None:
    """preexec_fn: SIGINT acts as in an interactive terminal even when the tests themselves run in
    the background (a shell starts background jobs with SIGINT ignored, children inherit that, and
    a Python child then never turns Ctrl-C into KeyboardInterrupt)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
