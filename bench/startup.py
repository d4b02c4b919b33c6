"""Start-up of the command line: `coursepack --version` (and `--help`) against a bare interpreter.

Each command is a subprocess, as a user runs it; the runs go round-robin (python -c pass,
coursepack --version, coursepack --help, python -c pass, ...) so that the load of a shared
machine falls on all of them alike. Reported: median, min and max wall time of each, and the
median of `--version` minus the median of `python -c pass` (the target of issue 10: at most
60 ms). A few untimed warm-up rounds fill the page cache first.

    .venv/bin/python bench/startup.py              # 40 runs of each
    .venv/bin/python bench/startup.py --runs 100 --json /tmp/startup.json
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable)
SCRIPT = ROOT / ".venv" / "bin" / "coursepack"
WARM_UP = 3


def commands() -> dict[str, list[str]]:
    """The commands compared, by label; the bare interpreter first."""
    cli = [str(SCRIPT)] if SCRIPT.exists() else [str(PYTHON), "-m", "builder"]
    return {"python -c pass": [str(PYTHON), "-c", "pass"],
            "coursepack --version": cli + ["--version"],
            "coursepack --help": cli + ["--help"]}


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU time (user + sys, from os.wait4 on the process) of one run, in ms."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed")
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def measure(runs: int) -> dict[str, Any]:
    """Round-robin runs of every command; medians in milliseconds."""
    cmds = commands()
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in cmds}
    load = os.getloadavg()
    for i in range(WARM_UP + runs):
        for label, cmd in cmds.items():
            figures = timed(cmd)
            if i >= WARM_UP:
                times[label].append(figures)
    series = {label: {"median_ms": statistics.median(w for w, _ in t),
                      "min_ms": min(w for w, _ in t), "max_ms": max(w for w, _ in t),
                      "cpu_median_ms": statistics.median(c for _, c in t),
                      "runs": len(t), "command": " ".join(cmds[label])}
              for label, t in times.items()}
    bare = series["python -c pass"]
    return {"series": series, "loadavg_start": load, "loadavg_end": os.getloadavg(),
            "version_over_bare_ms": series["coursepack --version"]["median_ms"] - bare["median_ms"],
            "help_over_bare_ms": series["coursepack --help"]["median_ms"] - bare["median_ms"],
            "version_over_bare_cpu_ms": (series["coursepack --version"]["cpu_median_ms"]
                                         - bare["cpu_median_ms"])}


def render(result: dict[str, Any]) -> str:
    """The figures as a small table."""
    runs = next(iter(result["series"].values()))["runs"]
    lines = [f"{'command':24} {'median':>8} {'min':>8} {'max':>8} {'cpu med':>8}"
             f"  (ms, {runs} runs each)"]
    for label, s in result["series"].items():
        lines.append(f"{label:24} {s['median_ms']:8.1f} {s['min_ms']:8.1f} {s['max_ms']:8.1f} "
                     f"{s['cpu_median_ms']:8.1f}")
    lines.append(f"--version over bare python: {result['version_over_bare_ms']:.1f} ms wall, "
                 f"{result['version_over_bare_cpu_ms']:.1f} ms cpu (target: at most 60); "
                 f"--help: {result['help_over_bare_ms']:.1f} ms wall; load avg "
                 f"{result['loadavg_start'][0]:.2f} at start, {result['loadavg_end'][0]:.2f} at end")
    return "\n".join(lines)


def compile_builder() -> None:
    """Write the builder's bytecode first, as `pip install` does for a user: with
    PYTHONDONTWRITEBYTECODE set (as on the shared machine), every run would compile it again."""
    compileall.compile_dir(ROOT / "builder", quiet=1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=40, help="timed runs of each command (default 40)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args()
    compile_builder()
    result = measure(args.runs)
    print(render(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
