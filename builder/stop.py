"""Ctrl-C and SIGTERM: one way to stop, at any moment, and a way to hold them off for a commit.

SIGINT raises KeyboardInterrupt (Python's own handler) and SIGTERM raises `Stopped`; both derive
from BaseException, so no `except Exception` swallows them. The command line turns either into
one line and exit 128 + the signal number (130, 143). `held_signals` holds both off while dist/ is
being committed; a signal that arrives meanwhile is delivered the moment the commit is over.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)

if TYPE_CHECKING:  # typing is not imported at run time: `coursepack --version` stays quick
    from typing import Any

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(BaseException):
    """The process was asked to stop by a signal other than SIGINT."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def raise_stopped(signum: int, frame: FrameType | None) -> None:
    """Signal handler: stop the way Ctrl-C does, through the stack and its cleanups."""
    raise Stopped(signum)


def exit_code(exc: BaseException) -> int:
    """The exit status of a stop: 128 + the signal number."""
    signum = exc.signum if isinstance(exc, Stopped) else int(signal.SIGINT)
    return 128 + signum


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into `Stopped` while the block runs (main thread only), then restore."""
    import threading  # here, not at the top: `coursepack --version` does not need it

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: Callable[[int, FrameType | None], Any] | int | None = signal.signal(
        signal.SIGTERM, raise_stopped)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


@contextmanager
def held_signals() -> Iterator[None]:
    """Hold SIGINT and SIGTERM off for the block; one that came meanwhile is raised after it.

    In the main thread the handlers are swapped for a recorder (Python runs handlers there only,
    whichever thread the signal reached); in any other thread the signals are blocked.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return
    arrived: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: arrived.append(signum))
                for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)
        for signum in dict.fromkeys(arrived):
            signal.raise_signal(signum)
