"""The command line run in this process: `main(argv)` with its output captured, from a folder.

A test that is about the command's process (signals, a hard kill, the console script, imports
at start-up) starts a real one (`support.dist.cli_build`, `subprocess`); every other test runs
the same `main()` here, without paying for a new interpreter and a cold import each time.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from builder.cli import main


@dataclass(frozen=True)
class Ran:
    """What a command did: its exit code and everything it printed (as CompletedProcess names them)."""

    returncode: int
    stdout: str
    stderr: str


@contextmanager
def working_folder(folder: Path | None) -> Iterator[None]:
    """Run the block with `folder` as the current folder (if given), then go back."""
    previous = os.getcwd()
    if folder is not None:
        os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def coursepack(*argv: str, cwd: Path | None = None) -> Ran:
    """`coursepack <argv>` in this process, from `cwd`; an argparse exit counts as its code."""
    out, err = io.StringIO(), io.StringIO()
    with working_folder(cwd), redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse: --help, --version, a usage mistake
            code = exc.code if isinstance(exc.code, int) else 1
    return Ran(code, out.getvalue(), err.getvalue())
