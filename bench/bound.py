"""How far below its floor ratio a build of a small course can go: the build taken apart.

bench/run.py compares `coursepack build` with bench/floor.py. For the 21-page article course
most of both is start-up, so this script times, round-robin in fresh processes as a user runs
them, the steps a build cannot skip, each as "x floor" (median wall time over the floor's):

  floor              bench/floor.py on the course (imports markdown and jinja2, writes one zip)
  libraries          a bare interpreter importing only the libraries a build uses (jinja2,
                     markdown, yaml, lxml, nh3, msgspec and the standard modules the floor
                     uses); no code of ours, no work
  builder imported   the same plus every builder module a build imports; no work
  check              `coursepack check SOURCE`: load, validate, resolve; nothing rendered
  build scorm12      `coursepack build SOURCE --target scorm12`
  build all          `coursepack build SOURCE` (every target, as bench/run.py's "all")

    .venv/bin/python bench/bound.py                  # the article course, 15 runs of each
    .venv/bin/python bench/bound.py tests/courses/mini --runs 25
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from startup import PYTHON, ROOT, SCRIPT, compile_builder, timed  # noqa: E402

WARM_UP = 2
LIBRARIES = "import argparse, zipfile, jinja2, markdown, yaml, lxml.etree, nh3, msgspec"
BUILDER = LIBRARIES + "; import builder.cli, builder.build"


def commands(source: Path, scratch: Path) -> dict[str, Callable[[int], list[str]]]:
    """The commands by label, each made for run number i (a fresh output path per run)."""
    py, cli = str(PYTHON), [str(SCRIPT)] if SCRIPT.exists() else [str(PYTHON), "-m", "builder"]
    return {
        "floor": lambda i: [py, str(BENCH / "floor.py"), str(source), "-o", str(scratch / f"f{i}.zip")],
        "libraries": lambda i: [py, "-c", LIBRARIES],
        "builder imported": lambda i: [py, "-c", BUILDER],
        "check": lambda i: cli + ["check", str(source)],
        "build scorm12": lambda i: cli + ["build", str(source), "-o", str(scratch / f"s{i}"),
                                          "--target", "scorm12"],
        "build all": lambda i: cli + ["build", str(source), "-o", str(scratch / f"a{i}")],
    }


def measure(source: Path, runs: int) -> dict[str, Any]:
    """Round-robin runs; medians in ms and each command's ratio to the floor's median."""
    times: dict[str, list[tuple[float, float]]] = {}
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="cp-bound-") as tmp:
        cmds = commands(source, Path(tmp))
        counter = itertools.count()
        for i in range(WARM_UP + runs):
            for label, make in cmds.items():
                figures = timed(make(next(counter)))
                if i >= WARM_UP:
                    times.setdefault(label, []).append(figures)
    floor = statistics.median(w for w, _ in times["floor"])
    floor_cpu = statistics.median(c for _, c in times["floor"])
    series = {label: {"median_ms": statistics.median(w for w, _ in t),
                      "cpu_median_ms": statistics.median(c for _, c in t),
                      "x_floor": statistics.median(w for w, _ in t) / floor,
                      "x_floor_cpu": statistics.median(c for _, c in t) / floor_cpu,
                      "runs": len(t)}
              for label, t in times.items()}
    return {"source": str(source), "series": series, "loadavg_start": load,
            "loadavg_end": os.getloadavg()}


def render(result: dict[str, Any]) -> str:
    """The figures as a small table."""
    runs = result["series"]["floor"]["runs"]
    lines = [f"{result['source']}: {runs} runs of each, round-robin; load avg "
             f"{result['loadavg_start'][0]:.2f} at start, {result['loadavg_end'][0]:.2f} at end",
             f"{'command':18} {'median ms':>9} {'cpu ms':>8} {'x floor':>8} {'x floor cpu':>11}"]
    for label, s in result["series"].items():
        lines.append(f"{label:18} {s['median_ms']:9.1f} {s['cpu_median_ms']:8.1f} "
                     f"{s['x_floor']:7.2f}x {s['x_floor_cpu']:10.2f}x")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path, nargs="?", default=ROOT / "course_src",
                    help="the course folder (default: course_src)")
    ap.add_argument("--runs", type=int, default=15, help="timed runs of each command (default 15)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args()
    compile_builder()
    result = measure(args.source.resolve(), args.runs)
    print(render(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
