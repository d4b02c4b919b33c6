"""The benchmark scripts still run against today's builder (bench/ is not imported by the builder,
so nothing else notices when a rename breaks one of them)."""

from __future__ import annotations

import importlib
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


@pytest.mark.parametrize("script", sorted(p.name for p in BENCH.glob("*.py")))
def test_every_bench_script_starts(script: str) -> None:
    run = subprocess.run([sys.executable, str(BENCH / script), "--help"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "usage:" in run.stdout, run.stderr


def test_the_classroom_load_plays_every_question_with_answers_the_server_accepts() -> None:
    sys.path.insert(0, str(BENCH))
    try:
        load = importlib.import_module("classroom_load")
    finally:
        sys.path.remove(str(BENCH))
    from builder.classroom.edition import prepare
    from builder.classroom.protocol import parse_events

    edition = prepare(ROOT / "course_src")
    events = [e for batch in load.plan(edition, random.Random(7)) for e in batch]
    answered = [e["data"]["iid"] for e in events if e["kind"] == "interaction"]
    assert sorted(answered) == sorted(edition.questions)
    # the server's own parsing of each batch: an answer it refused would raise Invalid
    for n, event in enumerate(events, 1):
        assert len(parse_events({"events": [{**event, "seq": n}]}, edition)) == 1
