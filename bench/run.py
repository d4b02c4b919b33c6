"""Benchmark `coursepack build` and compare it with a floor.

What is measured (each build is a subprocess, as a user runs it):

  build time   `coursepack build SOURCE -o DIST [--target scorm12]`, run --repeat times,
               each into a fresh output folder, round-robin with the floor's runs so that the
               load of a shared machine falls on both alike (no warm-up run; the last build of
               all targets is kept for the sizes and TTI): median, min and max wall time,
               median CPU time (user + sys), and the peak RSS of the build process (ru_maxrss
               from os.wait4 on that process alone, the max over the runs).
  courses      the article course (course_src/, all targets) and synthetic courses from
               bench/synth.py: preset 700 (100 modules x 7 pages) and preset 1000
               (100 x 10), 300 questions each, built as SCORM 1.2 only and with all targets.
  floor        bench/floor.py on the same course (Markdown -> HTML -> trivial Jinja template ->
               one HTML file per page in a deflated zip), timed the same way; "x floor" is our
               median wall time divided by the floor's, "x floor cpu" the same for CPU time
               (steadier when the machine is shared).
  sizes        zip bytes per target from build-report.json (the facilitator pack is a folder;
               its figure is the zip of that folder as the report gives it), learner JS + CSS
               (uncompressed bytes of the .js and .css entries of the SCORM zip), index.html,
               and the worst-case SCORM 1.2 suspend_data length the build reports.
  TTI          time to interactive of the article course's SCORM package in Chromium: the zip is
               unpacked and index.html opened via file:// in a fresh browser context; the time
               from navigation start until #cp-app has data-state "start" or "course"
               (performance.now() in a MutationObserver), median of --tti-runs; and the number
               of requests that leave the package folder (should be 0). The 1,000-page SCORM
               package is measured too when that preset runs.

Results are printed as a table and written as JSON (with the git commit and the machine) so
runs can be compared between commits. The machine may be shared: compare CPU times too.

    .venv/bin/python bench/run.py                  # full run (about 3-5 minutes)
    .venv/bin/python bench/run.py --quick          # repeat 1, preset 700 only, 1 TTI run
    .venv/bin/python bench/run.py --repeat 3 --json /tmp/results.json
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from synth import PRESETS, check, coursepack_command, generate  # noqa: E402

VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REPORT = "build-report.json"
TARGET_SETS: dict[str, list[str]] = {"scorm12": ["--target", "scorm12"], "all": []}

# Runs in every page before its own scripts: notes when #cp-app first becomes interactive.
TTI_SCRIPT = """(() => {
  const ready = (s) => s === "start" || s === "course";
  const mark = () => {
    const app = document.getElementById("cp-app");
    if (window.__cpTTI === undefined && app && ready(app.dataset.state)) {
      window.__cpTTI = performance.now();
      window.__cpState = app.dataset.state;
    }
  };
  new MutationObserver(mark).observe(document, {subtree: true, childList: true, attributes: true,
                                                attributeFilter: ["data-state"]});
  document.addEventListener("DOMContentLoaded", mark);
})();"""


@dataclass
class Run:
    """One timed subprocess."""

    wall_s: float
    cpu_s: float
    maxrss_kb: int


@dataclass
class Series:
    """Repeated runs of one command."""

    course: str
    pages: int
    kind: str  # "build" | "floor"
    targets: str
    runs: list[Run] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        walls = [r.wall_s for r in self.runs]
        return {
            "course": self.course, "pages": self.pages, "kind": self.kind, "targets": self.targets,
            "repeat": len(self.runs),
            "wall_median_s": statistics.median(walls), "wall_min_s": min(walls),
            "wall_max_s": max(walls),
            "cpu_median_s": statistics.median(r.cpu_s for r in self.runs),
            "peak_rss_kb": max(r.maxrss_kb for r in self.runs),
            "runs": [asdict(r) for r in self.runs],
        }


def timed(cmd: list[str]) -> Run:
    """Run a command; its wall time and its own rusage (os.wait4 on its pid)."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            output.seek(0)
            text = output.read().decode("utf-8", "replace")
            raise SystemExit(f"bench: {' '.join(cmd)} exited {proc.returncode}:\n{text}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def build_cmd(source: Path, dist: Path, targets: str) -> list[str]:
    return coursepack_command() + ["build", str(source), "-o", str(dist)] + TARGET_SETS[targets]


def time_course(jobs: list[tuple[Series, Any, Path | None]], work: Path, repeat: int) -> None:
    """Run each job's `make_cmd(out)` `repeat` times, round-robin (build, build, floor, build,
    ...) so that a shared machine's load falls on all of them alike. Each run writes into a fresh
    output path that is then removed; the last run's output is moved to the job's `keep` path."""
    for i in range(repeat):
        for series, make_cmd, keep in jobs:
            out = work / f"out-{series.kind}-{series.course}-{series.targets}-{i}"
            series.runs.append(timed(make_cmd(out)))
            print(f"  {series.kind:5} {series.course:10} {series.targets:8} run {i + 1}/{repeat}: "
                  f"{series.runs[-1].wall_s:.2f} s", file=sys.stderr, flush=True)
            if keep is not None and i == repeat - 1:
                out.rename(keep)
            elif out.is_dir():
                shutil.rmtree(out)
            elif out.exists():
                out.unlink()


def package_figures(dist: Path) -> dict[str, Any]:
    """Sizes and figures from a build of all targets."""
    report = json.loads((dist / REPORT).read_text("utf-8"))
    artifacts = {a["target"]: a["bytes"] for a in report["artifacts"]}
    scorm = next(dist / Path(a["path"]).name for a in report["artifacts"]
                 if a["target"] == "scorm12")
    with zipfile.ZipFile(scorm) as archive:
        infos = archive.infolist()
    assets = [i for i in infos if i.filename.endswith((".js", ".css"))]
    index = next((i for i in infos if i.filename == "index.html"), None)
    figures = report.get("figures", {})
    return {
        "artifact_bytes": artifacts,
        "learner_js_css_bytes": sum(i.file_size for i in assets),
        "learner_js_css_compressed_bytes": sum(i.compress_size for i in assets),
        "learner_js_css_files": len(assets),
        "index_html_bytes": index.file_size if index else None,
        "scorm_zip_entries": len(infos),
        "suspend_data_worst_case": figures.get("suspend_data_worst_case"),
        "suspend_data_limit_scorm12": figures.get("suspend_data_limit_scorm12"),
        "figures": figures,
        "scorm_zip": str(scorm),
    }


def time_to_interactive(packages: dict[str, Path], runs: int, work: Path) -> dict[str, Any]:
    """TTI of each SCORM zip's index.html, opened via file:// in Chromium."""
    from playwright.sync_api import Request, sync_playwright

    results: dict[str, Any] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        results["_chromium"] = browser.version
        for name, zip_path in packages.items():
            folder = work / f"tti-{name}"
            with zipfile.ZipFile(zip_path) as archive:
                archive.extractall(folder)
            base = folder.resolve().as_uri() + "/"
            times, states, loads, leaving = [], [], [], []
            for _ in range(runs):
                context = browser.new_context()
                urls: list[str] = []
                def note(request: Request, urls: list[str] = urls) -> None:
                    urls.append(request.url)
                context.on("request", note)
                context.add_init_script(TTI_SCRIPT)
                page = context.new_page()
                page.goto(base + "index.html", wait_until="load")
                page.wait_for_function("window.__cpTTI !== undefined", timeout=30_000)
                times.append(page.evaluate("window.__cpTTI"))
                states.append(page.evaluate("window.__cpState"))
                loads.append(page.evaluate(
                    "performance.getEntriesByType('navigation')[0].loadEventEnd"))
                leaving += [u for u in urls
                            if not u.startswith((base, "data:", "blob:", "about:"))]
                context.close()
            results[name] = {
                "runs": runs, "tti_ms": times, "tti_median_ms": statistics.median(times),
                "tti_min_ms": min(times), "tti_max_ms": max(times), "states": states,
                "load_event_median_ms": statistics.median(loads),
                "requests_leaving_package": len(leaving), "leaving_urls": sorted(set(leaving)),
            }
        browser.close()
    return results


def git_info() -> dict[str, Any]:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""
    return {"commit": git("rev-parse", "HEAD") or None,
            "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
            "subject": git("log", "-1", "--format=%s") or None}


def machine_info() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions: dict[str, str | None] = {}
    for name in ("jinja2", "markdown", "PyYAML", "lxml", "nh3", "playwright"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"nproc": len(os.sched_getaffinity(0)), "cpu_count": os.cpu_count(), "cpu_model": cpu,
            "python": platform.python_version(), "python_executable": sys.executable,
            "platform": platform.platform(), "loadavg_start": os.getloadavg(),
            "packages": versions}


def mb(kb: int) -> str:
    return f"{kb / 1024:.1f} MB"


def table(rows: list[list[str]], header: list[str], right: set[int]) -> str:
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    def line(row: list[str]) -> str:
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(row, widths))).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def render(results: dict[str, Any]) -> str:
    g, m = results["git"], results["machine"]
    out = [f"coursepack benchmark: commit {(g['commit'] or '?')[:10]}"
           f"{' (with uncommitted changes)' if g['dirty'] else ''}, {m['nproc']} CPU(s) "
           f"{m['cpu_model']}, Python {m['python']}, repeat {results['repeat']}, "
           f"load avg at start {m['loadavg_start'][0]:.2f}", ""]
    floors = {s["course"]: s for s in results["series"] if s["kind"] == "floor"}
    rows = []
    for s in results["series"]:
        f = floors.get(s["course"])
        ratio = (f"{s['wall_median_s'] / f['wall_median_s']:.2f}x"
                 if f and s["kind"] == "build" else "")
        cpu_ratio = (f"{s['cpu_median_s'] / f['cpu_median_s']:.2f}x"
                     if f and s["kind"] == "build" else "")
        rows.append([s["course"], str(s["pages"]), s["kind"], s["targets"],
                     f"{s['wall_median_s']:.2f}", f"{s['wall_min_s']:.2f}",
                     f"{s['wall_max_s']:.2f}", f"{s['cpu_median_s']:.2f}", mb(s["peak_rss_kb"]),
                     ratio, cpu_ratio])
    out.append("Build time (seconds, wall clock unless noted; peak RSS of the process)")
    out.append(table(rows, ["course", "pages", "what", "targets", "median", "min", "max",
                            "cpu med", "peak RSS", "x floor", "x floor cpu"],
                     {1, 4, 5, 6, 7, 8, 9, 10}))
    out += ["", "Packages (zip bytes per target; JS + CSS and index.html: uncompressed, "
                "in the SCORM 1.2 zip)"]
    targets: list[str] = []
    for p in results["packages"].values():
        for name in p["artifact_bytes"]:
            base = name.removesuffix("-folder")
            if base not in targets:
                targets.append(base)
    rows = []
    for course, p in results["packages"].items():
        a = p["artifact_bytes"]
        sizes = [a.get(t, a.get(f"{t}-folder")) for t in targets]
        rows.append([course] + [f"{b:,}" if b is not None else "-" for b in sizes]
                    + [f"{p['learner_js_css_bytes']:,} ({p['learner_js_css_files']})",
                       f"{p['index_html_bytes']:,}",
                       f"{p['suspend_data_worst_case']} / {p['suspend_data_limit_scorm12']}"])
    names = [t + ("*" if not any(t in p["artifact_bytes"] for p in results["packages"].values())
                  else "") for t in targets]
    out.append(table(rows, ["course"] + names + ["JS+CSS (files)", "index.html",
                                                 "suspend_data worst / limit"],
                     set(range(1, len(targets) + 4))))
    if any(n.endswith("*") for n in names):
        out.append("* a folder, not a zip: the figure is the zip of that folder from the report")
    tti = results.get("tti")
    if tti:
        out += ["", f"Time to interactive (Chromium {tti.get('_chromium', '?')}, SCORM zip "
                    "unpacked, index.html via file://, fresh context per run)"]
        rows = [[name, str(t["runs"]), f"{t['tti_median_ms']:.0f}", f"{t['tti_min_ms']:.0f}",
                 f"{t['tti_max_ms']:.0f}", f"{t['load_event_median_ms']:.0f}", t["states"][0],
                 str(t["requests_leaving_package"])]
                for name, t in tti.items() if not name.startswith("_")]
        out.append(table(rows, ["package", "runs", "median ms", "min", "max", "load event ms",
                                "state", "requests leaving"], {1, 2, 3, 4, 5, 7}))
    out += ["", f"total bench time {results['elapsed_s']:.0f} s; load avg at end "
                f"{results['loadavg_end'][0]:.2f}"]
    return "\n".join(out)


def compile_builder() -> None:
    """Write the builder's bytecode first, as `pip install` does for a user: with
    PYTHONDONTWRITEBYTECODE set (as on the shared machine), every run would compile it again."""
    compileall.compile_dir(ROOT / "builder", quiet=1)


def main() -> int:
    ap = argparse.ArgumentParser(prog="bench/run.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=None, metavar="N",
                    help="timed runs per build and floor (default 5; 1 with --quick)")
    ap.add_argument("--json", type=Path, default=BENCH / "results.json", metavar="OUT",
                    help="where to write the results (default: bench/results.json)")
    ap.add_argument("--quick", action="store_true",
                    help="a fast check: repeat 1, preset 700 only, 1 TTI run")
    ap.add_argument("--presets", default=None,
                    help="comma-separated synthetic presets (default: 700,1000; 700 with --quick; "
                         "'' for the article course alone)")
    ap.add_argument("--tti-runs", type=int, default=None, metavar="N",
                    help="Chromium runs per package (default 5; 1 with --quick)")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium measurement")
    args = ap.parse_args()
    repeat = args.repeat or (1 if args.quick else 5)
    tti_runs = args.tti_runs or (1 if args.quick else 5)
    presets = [p for p in (args.presets if args.presets is not None
                           else "700" if args.quick else "700,1000").split(",") if p]
    for name in presets:
        if name not in PRESETS:
            ap.error(f"unknown preset {name!r} (known: {', '.join(PRESETS)})")

    compile_builder()
    started = time.perf_counter()
    results: dict[str, Any] = {"version": 1, "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                               "git": git_info(), "machine": machine_info(), "repeat": repeat,
                               "command": coursepack_command(), "series": [], "packages": {}}
    with tempfile.TemporaryDirectory(prefix="coursepack-bench-") as tmp:
        work = Path(tmp)
        courses: list[tuple[str, Path, list[str]]] = [("article", ROOT / "course_src", ["all"])]
        for name in presets:
            folder = generate(PRESETS[name], work / f"synth-{name}")
            check(folder)  # the synthetic course must be valid: `coursepack check` exits 0
            print(f"synthetic course {name}: {folder} (coursepack check ok)", file=sys.stderr,
                  flush=True)
            courses.append((f"synth-{name}", folder, ["scorm12", "all"]))
        scorm_zips: dict[str, Path] = {}
        for course, source, target_sets in courses:
            kept = work / f"dist-{course}"  # the last build of all targets: sizes and TTI
            jobs: list[tuple[Series, Any, Path | None]] = [
                (Series(course, 0, "build", targets),
                 lambda out, s=source, t=targets: build_cmd(s, out, t),
                 kept if targets == "all" else None)
                for targets in target_sets]
            jobs.append((Series(course, 0, "floor", "pages"),
                         lambda out, s=source: [str(PYTHON), str(BENCH / "floor.py"), str(s),
                                                "-o", str(out)], None))
            time_course(jobs, work, repeat)
            package = package_figures(kept)
            results["packages"][course] = package
            for series, _, _ in jobs:
                series.pages = package["figures"].get("pages", 0)
                results["series"].append(series.summary())
            if course in ("article", "synth-1000"):
                scorm_zips[course] = Path(package["scorm_zip"])
        if not args.no_browser:
            print("time to interactive in Chromium ...", file=sys.stderr)
            results["tti"] = time_to_interactive(scorm_zips, tti_runs, work)
        for package in results["packages"].values():
            package.pop("scorm_zip", None)
    results["elapsed_s"] = time.perf_counter() - started
    results["loadavg_end"] = os.getloadavg()
    text = render(results)
    print(text)
    results["table"] = text
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
