"""The facilitator pack: a session plan that fills the session, an answer key, a handout, PDFs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from builder import pdf
from builder.build import build
from builder.load import load_course
from builder.render import make_environment
from builder.targets.facilitator import notes_view, session_plan
from builder.render import MarkdownRenderer
from builder.session import ordered_modules

ROOT = Path(__file__).parent.parent
COURSE = ROOT / "course_src"
MINI = Path(__file__).parent / "courses" / "mini"


def pdf_text(path: Path) -> str:
    """The text of a PDF (poppler's pdftotext)."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_pages(path: Path) -> tuple[int, str]:
    """Page count and page size of a PDF (poppler's pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
    size = re.search(r"Page size:.*\((\w+)\)", info)
    return pages, size[1] if size else ""


def test_session_plan_blocks_follow_each_other_and_fill_the_session() -> None:
    course, _ = load_course(COURSE)
    assert course is not None
    md = MarkdownRenderer()
    notes = [notes_view(m, n, md) for n, m in enumerate(ordered_modules(course), start=1)]
    plan = session_plan(course, notes)
    assert plan[0].start == 0
    for before, after in zip(plan, plan[1:]):
        assert after.start == before.start + before.minutes
    assert plan[-1].start + plan[-1].minutes == course.session_minutes == 90
    assert [row.minutes for row in plan[1:5]] == [m.notes.minutes for m in ordered_modules(course)
                                                 if m.notes]
    assert make_environment(COURSE).get_template("facilitator/rencana-sesi.html.j2")


@pytest.mark.browser
def test_pack_prints_to_a4_pdfs_with_the_key_only_in_the_answer_key(tmp_path: Path) -> None:
    build(COURSE, tmp_path / "dist", targets=("facilitator",), pdf=True)
    folder = tmp_path / "dist" / "pemimpin-asn-digital-facilitator"
    for name in ("index", "rencana-sesi", "kunci-jawaban", "handout"):
        pages, size = pdf_pages(folder / f"{name}.pdf")
        assert pages >= 1 and size == "A4", name
    key, handout = pdf_text(folder / "kunci-jawaban.pdf"), pdf_text(folder / "handout.pdf")
    assert "✔ Benar" in key and "Lembar refleksi" in handout
    assert "✔ Benar" not in handout and "Kurang tepat" not in handout
    assert pdf_pages(folder / "handout.pdf")[0] <= 4


def test_without_a_browser_the_build_warns_and_goes_on(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "find_browser", lambda: None)
    result = build(MINI, tmp_path / "dist", targets=("facilitator",), pdf=True)
    assert [d.code for d in result.diagnostics] == ["pdf-unavailable"]
    assert (tmp_path / "dist" / "kursus-mini-facilitator" / "handout.html").is_file()
    assert not list((tmp_path / "dist" / "kursus-mini-facilitator").glob("*.pdf"))
