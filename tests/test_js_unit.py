"""The learner runtime's own unit tests (tests/js/unit, Node's built-in runner), run by pytest.

The hash vectors come from builder/state.py, so the JavaScript and the Python hash agree digit for
digit; the runner must report no failure and no skipped test.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from builder.state import hash64

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ["", "a", "foobar", "coursepack|pemimpin-asn-digital|1.0.0", "é", "😀 emoji", "Kebijakan  publik",
         "salt|q-01|a,c", "salt|q-02|benar", "ñ|ü|ß|日本語", "x" * 1000, "\u0000\x7f\u00ff"]


def test_node_unit_tests_pass(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed for the runtime's unit tests (it also runs tests/js)"
    vectors = tmp_path / "vectors.json"
    vectors.write_text(json.dumps({"hash64": [[t, hash64(t)] for t in TEXTS]}), "utf-8")
    result = subprocess.run([node, "--test", "tests/js/unit"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300, check=False,
                            env={"PATH": str(Path(node).parent), "COURSEPACK_VECTORS": str(vectors)})
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    counts = dict(re.findall(r"^# (pass|fail|skipped|cancelled) (\d+)$", report, re.M))
    assert counts == {"pass": counts["pass"], "fail": "0", "skipped": "0", "cancelled": "0"}, report
    assert int(counts["pass"]) >= 14, report
