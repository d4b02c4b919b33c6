"""Load benchmark of `coursepack classroom`: a room of simulated phones playing the course at once.

What is measured (the server is the real command, a subprocess on 127.0.0.1):

  startup      from starting `coursepack classroom` until it answers GET / (wall time), and the
               CPU time (user + sys) the server process used by then: building the classroom
               edition in memory, importing the server, opening the session's SQLite file;
               median and min over --startups extra cycles and the run's own start.
  idle RSS     the server's resident memory (VmRSS) a few seconds after startup, and after the run.
  saves        N learners (asyncio + httpx, one connection each, like phones) join, read their
               state, then play the whole article course: every screen shown is a saved state,
               every question an answer plus a saved state, the reflection a save and a share,
               the end a result and a finish, each request one batch as the classroom adapter
               sends it while online. Latency of every POST /api/events as the phone sees it
               (p50, p95, max), and the server's own time for it, from the request's arrival to
               the batch being on disk (its Server-Timing header: p50, p95). On a shared machine
               the first includes waiting for a CPU, in both processes.
  dashboard    the facilitator's dashboard is open during the run (server-sent events): the
               number of live updates it received.
  lost writes  events each learner sent and the server acknowledged, minus the events stored in
               the session's SQLite file (read after the server stopped); also answers stored vs
               questions answered. Must be 0. A request that fails is retried as the phone does
               (counted as errors; never counted as stored).

    .venv/bin/python bench/classroom_load.py                 # 60 learners
    .venv/bin/python bench/classroom_load.py --learners 120 --think 0.05 --json /tmp/load.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # support.sessions: the tests' reading of a session

from builder.classroom.edition import Edition, prepare  # noqa: E402
from support.sessions import stored_counts  # noqa: E402


@dataclass
class Tally:
    """What the simulated room measured."""

    latencies: list[float] = field(default_factory=list)
    server: list[float] = field(default_factory=list)  # the server's own time (Server-Timing)
    errors: dict[str, int] = field(default_factory=dict)  # what failed (then retried), by kind
    sent: dict[str, int] = field(default_factory=dict)  # token -> events acknowledged
    answers: dict[str, int] = field(default_factory=dict)  # token -> questions answered


def proc_figures(pid: int) -> tuple[int, float]:
    """Resident memory (bytes) and CPU seconds (user + sys) of a process, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(re.search(r"VmRSS:\s+(\d+) kB", status)[1]) * 1024  # type: ignore[index]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return rss, cpu


def start_server(data: Path) -> tuple[subprocess.Popen[str], str, str, str, float, float]:
    """Start the command; return it, its base URL, join code, PIN, startup wall and CPU seconds."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "builder", "classroom", "course_src",
                             "--port", "0", "--data", str(data), "--session", "bench"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    text = ""
    while "PIN" not in text:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("the server did not start:\n" + text)
        text += line
    port = re.search(r":(\d+)/dashboard", text)[1]  # type: ignore[index]
    code = re.search(r"\?k=([A-Z0-9]+)", text)[1]  # type: ignore[index]
    pin = re.search(r"PIN (\d+)", text)[1]  # type: ignore[index]
    base = f"http://127.0.0.1:{port}"
    while True:
        try:
            if httpx.get(base + "/", timeout=5).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.01)
    wall = time.perf_counter() - t0
    return proc, base, code, pin, wall, proc_figures(proc.pid)[1]


def plan(edition: Edition, rng: random.Random) -> list[list[dict[str, Any]]]:
    """The batches one learner sends, in order, playing the whole course."""
    batches: list[list[dict[str, Any]]] = []
    answered = ""
    order = list(edition.screen_titles)  # screen ids in course order
    for n, screen in enumerate(order, 1):
        progress = n / len(order)
        def save(extra: str = "") -> dict[str, Any]:
            return {"kind": "save", "data": {"bookmark": screen, "progress": progress,
                                             "suspend": f"c1|p6eg|{'_' * (n // 6)}|{answered}"
                                                        + extra}}
        batches.append([save()])
        for iid, q in edition.questions.items():
            if q.quiz_id != screen:
                continue
            right = rng.random() < 0.7
            if q.choices:
                picks = sorted(q.correct) if right else [rng.choice([c for c, _ in q.choices])]
            else:  # sorting, ordering, matching: the answer is the key's entries
                picks = list(q.key) if right else list(reversed(q.key))
            answered += "k" * 5 + "01"
            data: dict[str, Any] = {"iid": iid, "choices": picks}
            if q.final:
                data["attempt"] = 1
            batches.append([{"kind": "interaction", "data": data}, save()])
        if screen in edition.reflections:
            text = json.dumps({screen: ["Rapat pagi sepuluh menit dengan data layanan. " * 4,
                                        "", ""]})
            batches.append([save("|" + text)])
            batches.append([{"kind": "share", "data": {"reflection": screen, "shared": True}}])
    batches.append([{"kind": "result", "data": {"raw": 80, "passed": True}}])
    batches.append([{"kind": "finish", "data": {"finished": True}}])
    return batches


async def learner(n: int, base: str, code: str, edition: Edition, think: float,
                  tally: Tally, start: asyncio.Event) -> None:
    """One phone: join, read its state, play every batch; a failed request is sent again."""
    rng = random.Random(n)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        await start.wait()
        r = await http.post("/api/join", json={"name": f"Peserta {n}", "nip": f"{n:018d}",
                                                "code": code})
        token = r.json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        await http.get("/api/me", headers=headers)
        seq = 0
        tally.sent[token] = 0
        tally.answers[token] = 0
        for batch in plan(edition, rng):
            events = []
            for event in batch:
                seq += 1
                events.append({"seq": seq, "tab": "bench", "t": time.time() * 1000, **event})
            await asyncio.sleep(rng.uniform(0, 2 * think))
            while True:
                t0 = time.perf_counter()
                try:
                    r = await http.post("/api/events", json={"events": events}, headers=headers)
                    ok = r.status_code == 200
                    reason = f"HTTP {r.status_code}"
                    if ok:
                        timing = re.search(r"dur=([\d.]+)", r.headers.get("server-timing", ""))
                        tally.server.append(float(timing[1]) / 1000 if timing else 0.0)
                except httpx.TransportError as exc:
                    ok, reason = False, type(exc).__name__
                tally.latencies.append(time.perf_counter() - t0)
                if ok:
                    break
                tally.errors[reason] = tally.errors.get(reason, 0) + 1
                await asyncio.sleep(0.5)
            tally.sent[token] += len(events)
            tally.answers[token] += sum(e["kind"] == "interaction" for e in events)


async def dashboard(base: str, pin: str, updates: list[int]) -> None:
    """The facilitator's dashboard open all along: reads the live stream until cancelled."""
    async with httpx.AsyncClient(base_url=base, timeout=None) as http:
        await http.post("/dashboard/login", data={"pin": pin})
        async with http.stream("GET", "/dashboard/events") as stream:
            async for line in stream.aiter_lines():
                if line.startswith("data: "):
                    updates[0] += 1


async def room(base: str, code: str, pin: str, edition: Edition, learners: int,
               think: float) -> tuple[Tally, int]:
    """Every learner at once, with the dashboard watching; returns the tally and its updates."""
    tally, go, updates = Tally(), asyncio.Event(), [0]
    watcher = asyncio.create_task(dashboard(base, pin, updates))
    tasks = [asyncio.create_task(learner(n, base, code, edition, think, tally, go))
             for n in range(1, learners + 1)]
    go.set()
    await asyncio.gather(*tasks)
    watcher.cancel()
    return tally, updates[0]


def stored(path: Path) -> tuple[int, int, int]:
    """Learners, events and answers in the session file (read as the tests read it)."""
    return stored_counts(path)


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main() -> int:
    """Run the benchmark and print its figures."""
    cli = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    cli.add_argument("--learners", type=int, default=60)
    cli.add_argument("--think", type=float, default=0.1,
                     help="mean seconds between a learner's requests (default: 0.1)")
    cli.add_argument("--startups", type=int, default=5,
                     help="extra start/stop cycles for the startup median (default: 5)")
    cli.add_argument("--json", type=Path, help="also write the figures here")
    args = cli.parse_args()
    edition = prepare(ROOT / "course_src")
    starts, start_cpus = [], []
    for n in range(args.startups):
        with tempfile.TemporaryDirectory() as tmp:
            proc, *_, wall, cpu = start_server(Path(tmp))
            proc.terminate()
            proc.wait(30)
            starts.append(wall)
            start_cpus.append(cpu)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        proc, base, code, pin, startup, startup_cpu = start_server(data)
        try:
            time.sleep(3)
            idle_rss, _ = proc_figures(proc.pid)
            t0 = time.perf_counter()
            tally, updates = asyncio.run(room(base, code, pin, edition, args.learners,
                                              args.think))
            elapsed = time.perf_counter() - t0
            busy_rss, cpu = proc_figures(proc.pid)
        finally:
            proc.terminate()
            proc.wait(30)
        learners, events, answers = stored(data / "bench.sqlite3")
    sent, answered = sum(tally.sent.values()), sum(tally.answers.values())
    commit = subprocess.run(["git", "rev-parse", "--short=10", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    figures = {
        "commit": commit, "learners": args.learners, "think_s": args.think, "cpus": os.cpu_count(),
        "load_avg_at_end": os.getloadavg()[0],
        "startup_s": round(startup, 3), "startup_cpu_s": round(startup_cpu, 3),
        "startup_median_s": round(statistics.median(starts + [startup]), 3),
        "startup_min_s": round(min(starts + [startup]), 3),
        "startup_cpu_median_s": round(statistics.median(start_cpus + [startup_cpu]), 3),
        "idle_rss_mb": round(idle_rss / 2**20, 1), "rss_after_run_mb": round(busy_rss / 2**20, 1),
        "requests": len(tally.latencies), "events_sent": sent, "events_stored": events,
        "answers_sent": answered, "answers_stored": answers, "learners_stored": learners,
        "lost_writes": (sent - events) + (answered - answers), "errors_retried": tally.errors,
        "save_p50_ms": round(1000 * statistics.median(tally.latencies), 1),
        "save_p95_ms": round(1000 * percentile(tally.latencies, 95), 1),
        "save_max_ms": round(1000 * max(tally.latencies), 1),
        "server_p50_ms": round(1000 * statistics.median(tally.server), 1),
        "server_p95_ms": round(1000 * percentile(tally.server, 95), 1),
        "dashboard_updates": updates, "run_s": round(elapsed, 1), "server_cpu_s": round(cpu, 2),
    }
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 1 if figures["lost_writes"] else 0


if __name__ == "__main__":
    sys.exit(main())
