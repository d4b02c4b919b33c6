"""Where a build's time goes: CPU milliseconds per phase of `coursepack build`, in-process.

Each run is a fresh process (imports included, as a user pays them) that wraps the pipeline's
steps in build.py and the targets with timers and builds every target once; the table gives the
minimum of each phase over the runs (CPU time: steadier than wall time on a shared machine).
"network_problems" is part of the two rendering phases, not added to the total.

    .venv/bin/python bench/phases.py                     # the article course, 5 runs
    .venv/bin/python bench/phases.py tests/courses/mini --runs 9
"""

from __future__ import annotations

import argparse
import compileall
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STEPS = (  # (module, function, phase)
    ("builder.build", "load_course", "load"),
    ("builder.build", "resolve", "resolve"),
    ("builder.build", "validate", "validate"),
    ("builder.build", "make_environment", "environment"),
    ("builder.build", "render_learner_edition", "learner edition (render)"),
    ("builder.targets.facilitator", "render_facilitator", "facilitator pack (render)"),
    ("builder.render", "network_problems", "  of which network_problems"),
    ("builder.targets.facilitator", "network_problems", "  of which network_problems"),
    ("builder.build", "check_manifest", "schema check"),
    ("builder.build", "zip_bytes", "zips"),
    ("builder.build", "stage_packages", "write the output folder"),
)


def child(source: Path) -> dict[str, float]:
    """One build in this process; CPU seconds per phase."""
    clock = time.process_time
    start = clock()
    sys.path.insert(0, str(ROOT))
    import importlib

    from builder.build import build

    times: dict[str, float] = {"imports": clock() - start}

    def timed(module: Any, name: str, phase: str) -> None:
        function = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            begin = clock()
            try:
                return function(*args, **kwargs)
            finally:
                times[phase] = times.get(phase, 0.0) + clock() - begin
        setattr(module, name, wrapper)

    for module, name, phase in STEPS:
        timed(importlib.import_module(module), name, phase)
    with tempfile.TemporaryDirectory() as tmp:
        begin = clock()
        build(source, Path(tmp) / "dist")
        times["build (all phases)"] = clock() - begin
    times["process total (imports + build)"] = clock() - start
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", nargs="?", type=Path, default=ROOT / "course_src")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.source)))
        return 0
    # the builder's bytecode first, as bench/run.py writes it (a user's pip install does the same)
    compileall.compile_dir(ROOT / "builder", quiet=1)
    best: dict[str, float] = {}
    for _ in range(args.runs):
        done = subprocess.run([sys.executable, __file__, str(args.source), "--child"], cwd=ROOT,
                              capture_output=True, text=True, check=True)
        for phase, seconds in json.loads(done.stdout).items():
            best[phase] = min(best.get(phase, seconds), seconds)
    print(f"{'phase (CPU ms, min of ' + str(args.runs) + ' runs)':40} {'ms':>8}")
    order = ["imports", *dict.fromkeys(phase for _, _, phase in STEPS)]
    for phase in [p for p in order if p in best] + [p for p in best if p not in order]:
        print(f"{phase:40} {best[phase] * 1000:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
