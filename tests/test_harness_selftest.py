"""Self-tests of the harness on tiny hand-written SCOs: it must see good data and catch bad SCOs."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page
from support import (
    Scorm12Lms,
    Scormhost,
    format_violations,
    run_axe,
    screenshots,
    serve,
    zip_package,
)

SCO_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Harness test SCO</title></head>
<body>
<main><h1>Harness test SCO</h1><p id="state">loading</p></main>
<script>
function findAPI(win) {
  for (var depth = 0; win && depth < 10; depth++) {
    try { if (win.API) { return win.API; } } catch (e) {}
    if (win.parent === win) { break; }
    win = win.parent;
  }
  try { if (window.top.opener && window.top.opener.API) { return window.top.opener.API; } } catch (e) {}
  return null;
}
var api = findAPI(window);
var finished = false;
function finish() {
  if (finished) { return; }
  finished = true;
  api.LMSSetValue("cmi.core.session_time", "00:00:05");
  api.LMSFinish("");
}
api.LMSInitialize("");
window.seen = {
  entry: api.LMSGetValue("cmi.core.entry"),
  location: api.LMSGetValue("cmi.core.lesson_location"),
  suspend: api.LMSGetValue("cmi.suspend_data"),
  status: api.LMSGetValue("cmi.core.lesson_status")
};
api.LMSSetValue("cmi.core.lesson_location", "page-2");
api.LMSSetValue("cmi.suspend_data", '{"answers":{"q1":"b"}}');
api.LMSSetValue("cmi.core.score.min", "0");
api.LMSSetValue("cmi.core.score.max", "100");
api.LMSSetValue("cmi.core.score.raw", "80");
api.LMSSetValue("cmi.core.lesson_status", "__STATUS__");
api.LMSSetValue("cmi.core.exit", "__STATUS__" === "incomplete" ? "suspend" : "");
api.LMSCommit("");
window.addEventListener("pagehide", finish);
__EXTRA__
document.getElementById("state").textContent = "ready";
</script>
</body>
</html>
"""

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="harness-selftest" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org-1">
    <organization identifier="org-1">
      <title>Harness self-test</title>
      <item identifier="item-1" identifierref="res-1"><title>Test SCO</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""


def write_sco(root: Path, status: str = "passed", extra_js: str = "") -> Path:
    """Write a one-page SCO (plus a SCORM 1.2 manifest) into `root` and return `root`."""
    root.mkdir(parents=True, exist_ok=True)
    html = SCO_TEMPLATE.replace("__STATUS__", status).replace("__EXTRA__", extra_js)
    (root / "index.html").write_text(html, encoding="utf-8")
    (root / "imsmanifest.xml").write_text(MANIFEST_12, encoding="utf-8")
    return root


def png_width(path: Path) -> int:
    """Return the pixel width stored in a PNG's IHDR chunk."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width: int = struct.unpack(">I", data[16:20])[0]
    return width


def test_good_sco_is_recorded_and_clean(page: Page, tmp_path: Path) -> None:
    """(a) A well-behaved SCO: committed values are seen, nothing errs or warns."""
    with Scorm12Lms(page, write_sco(tmp_path / "sco")) as lms:
        lms.wait_for_call("LMSCommit")
        assert lms.committed["cmi.core.lesson_status"] == "passed"
        assert lms.cmi_value("cmi.core.score.raw") == "80"
        lms.close_sco()
        final = lms.committed
        assert final["cmi.core.lesson_location"] == "page-2"
        assert final["cmi.suspend_data"] == '{"answers":{"q1":"b"}}'
        assert (final["cmi.core.score.raw"], final["cmi.core.score.max"]) == ("80", "100")
        assert final["cmi.core.session_time"] == "00:00:05"
        assert [c.name for c in lms.calls].count("LMSFinish") == 1
        assert len(lms.commits) == 2
        assert lms.max_suspend_len == len('{"answers":{"q1":"b"}}')
        assert lms.errors == []
        lms.assert_clean()


MISBEHAVIOURS = {
    "exit-normal": ('api.LMSSetValue("cmi.core.exit", "normal");', "'normal'"),
    "unknown-element": ('api.LMSSetValue("cmi.core.bogus", "x");', "call failed"),
    "read-write-only": ('api.LMSGetValue("cmi.core.session_time");', "call failed"),
    "after-finish": ('finish(); api.LMSSetValue("cmi.core.lesson_location", "x");',
                     "call after LMSFinish"),
    "double-initialize": ('api.LMSInitialize("");', "LMSInitialize called 2 times"),
    "non-empty-argument": ('api.LMSCommit("now");', 'argument must be ""'),
    "suspend-over-4096": ('api.LMSSetValue("cmi.suspend_data", "x".repeat(5000));',
                          "over 4096"),
    "uncaught-exception": ('throw new Error("boom");', "boom"),
    "sco-console-warning": ('console.warn("sco says hi");', "sco says hi"),
    "missing-asset": ('document.body.appendChild(document.createElement("img")).src = "gone.png";',
                      "404"),
}


@pytest.mark.parametrize("case", sorted(MISBEHAVIOURS))
def test_misbehaving_sco_is_reported(page: Page, tmp_path: Path, case: str) -> None:
    """(b) Each kind of misbehaviour shows up in problems() and fails assert_clean()."""
    extra_js, expected = MISBEHAVIOURS[case]
    with Scorm12Lms(page, write_sco(tmp_path / "sco", extra_js=extra_js)) as lms:
        lms.wait_for_call("LMSCommit")
        problems = lms.problems()
        assert any(expected in p for p in problems), problems
        with pytest.raises(AssertionError):
            lms.assert_clean()


def test_relaunch_resumes_from_committed_cmi(context: BrowserContext, tmp_path: Path) -> None:
    """(c) A second launch with the committed CMI sees entry=resume, location and suspend_data."""
    sco = write_sco(tmp_path / "sco", status="incomplete")
    with Scorm12Lms(context.new_page(), sco) as first:
        assert first.sco_frame.evaluate("() => window.seen.entry") == "ab-initio"
        first.close_sco()
        first.assert_clean()
        assert first.committed["cmi.core.exit"] == "suspend"
        resume = first.resume_cmi()
    assert resume["cmi.core.entry"] == "resume"
    with Scorm12Lms(context.new_page(), sco, initial_cmi=resume) as second:
        seen = second.sco_frame.evaluate("() => window.seen")
        assert seen == {
            "entry": "resume",
            "location": "page-2",
            "suspend": '{"answers":{"q1":"b"}}',
            "status": "incomplete",
        }
        assert second.committed["cmi.core.total_time"] == "00:00:05"
        second.assert_clean()


def test_scormhost_imports_launches_and_stores(context: BrowserContext, tmp_path: Path) -> None:
    """(d) The real scormhost LMS imports the zip, runs the SCO and stores its tracking."""
    zip_path = zip_package(write_sco(tmp_path / "sco"), tmp_path / "sco.zip")
    with Scormhost() as host:
        answer = host.upload(zip_path, "harness-selftest")
        assert answer["launch_url"] == "/launch/harness-selftest"
        host.login(context)
        page = context.new_page()
        page.goto(host.launch_url("harness-selftest", "index.html"))
        stored = host.read_cmi(
            "harness-selftest", until=lambda e: e.get("cmi.core.lesson_status") == "passed"
        )
        assert stored["cmi.core.score.raw"] == "80"
        assert stored["cmi.suspend_data"] == '{"answers":{"q1":"b"}}'
        host.close_sco(page)  # pagehide → LMSFinish → the shim saves once more
        stored = host.read_cmi(
            "harness-selftest", until=lambda e: e.get("cmi.core.session_time") == "00:00:05"
        )
        assert (stored["cmi.core.lesson_location"], stored["cmi.core.exit"]) == ("page-2", "suspend")
        relaunch = context.new_page()
        relaunch.goto(host.launch_url("harness-selftest", "index.html"))
        sco = host.sco_frame(relaunch)
        sco.wait_for_function("() => document.getElementById('state')?.textContent === 'ready'")
        assert sco.evaluate("() => window.seen.location") == "page-2"


def test_axe_reports_violations_and_passes_clean_pages(page: Page, tmp_path: Path) -> None:
    """(e) axe finds a missing alt inside the SCO frame and nothing on a clean page."""
    (tmp_path / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>', encoding="utf-8"
    )
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head>'
        '<body><main><h1>Bad</h1><img src="dot.svg"></main></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "clean.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Clean</title>'
        '</head><body><main><h1>Clean</h1><p>Plain text.</p><img src="dot.svg" alt="A dot">'
        "</main></body></html>",
        encoding="utf-8",
    )
    with Scorm12Lms(page, tmp_path, launch="bad.html") as lms:
        violations = run_axe(lms.sco_frame)
        assert [v.id for v in violations] == ["image-alt"], format_violations(violations)
        assert violations[0].targets == ("img",)
    with serve(tmp_path) as base:
        page.goto(f"{base}/clean.html")
        violations = run_axe(page.main_frame)
        assert violations == [], format_violations(violations)
        shots = screenshots(page, "harness-selftest-clean")
        assert [png_width(p) for p in shots] == [360, 1280]
