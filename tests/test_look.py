"""The learner edition's look without a browser: the certificate's fields from course.yaml, the
questions' modules in the runtime data, persona cards from labelled quotes, the cover and openers."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from builder.build import build
from builder.options import BuildOptions
from builder.callouts import persona_cards
from builder.load import load_course
from builder.model import Signatory
from builder.render import MarkdownRenderer

MINI = Path(__file__).parent / "courses" / "mini"


def mini_with(tmp_path: Path, course_extra: str = "", quiz_edit: tuple[str, str] = ("", "")) -> Path:
    """A copy of the mini course with lines added to course.yaml and one edit to the final quiz."""
    root = Path(shutil.copytree(MINI, tmp_path / "mini"))
    if course_extra:
        (root / "course.yaml").write_text((root / "course.yaml").read_text("utf-8") + course_extra,
                                          "utf-8")
    if quiz_edit[0]:
        quiz = root / "quizzes" / "akhir.yaml"
        quiz.write_text(quiz.read_text("utf-8").replace(*quiz_edit), "utf-8")
    return root


SIGNED = """organisation: Pusat Pelatihan Contoh
signatory:
  name: Dr. Rina Wulandari
  title: Kepala Pusat Pelatihan
  nip: "197001011995031001"
"""


def test_organisation_and_signatory_are_read_with_the_nip_as_written(tmp_path: Path) -> None:
    course, problems = load_course(mini_with(tmp_path, SIGNED))
    assert course is not None and not problems
    assert course.organisation == "Pusat Pelatihan Contoh"
    assert course.signatory == Signatory("Dr. Rina Wulandari", "Kepala Pusat Pelatihan",
                                         "197001011995031001")


def test_a_signatory_without_a_title_or_with_an_unknown_field_is_located(tmp_path: Path) -> None:
    course, problems = load_course(mini_with(tmp_path, "signatory:\n  name: X\n  jabatan: Y\n"))
    found = {(d.code, d.line) for d in problems}
    assert ("missing-field", 17) in found and ("unknown-field-no-match", 19) in found, found


def index_of(root: Path, tmp_path: Path) -> str:
    """The offline edition's index.html of a course."""
    result = build(root, tmp_path / "dist", BuildOptions(targets=("offline",)))
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    return (tmp_path / "dist" / "kursus-mini-offline" / "index.html").read_text("utf-8")


def test_the_certificate_carries_organisation_and_signature_block(tmp_path: Path) -> None:
    html = index_of(mini_with(tmp_path, SIGNED), tmp_path)
    cert = html[html.index('id="cp-cert"'):]
    cert = cert[:cert.index("</div>\n</div>\n</div>")]
    for text in ("Pusat Pelatihan Contoh", "Kepala Pusat Pelatihan", "Dr. Rina Wulandari",
                 "NIP 197001011995031001", "Sertifikat", "Diberikan kepada", 'id="cp-cert-no"'):
        assert text in cert, text
    assert 'class="cp-cert-seal"' in cert  # no brand logo: the drawn seal


def test_final_questions_carry_their_module_and_the_data_lists_the_modules(tmp_path: Path) -> None:
    root = mini_with(tmp_path, quiz_edit=("  - id: akhir-satu\n",
                                          "  - id: akhir-satu\n    module: pengantar\n"))
    html = index_of(root, tmp_path)
    found = re.search(r'<script type="application/json" id="cp-data">(.*?)</script>', html, re.S)
    assert found
    data = json.loads(found[1])
    assert data["modules"] == [{"id": "pengantar", "n": 1, "title": "Pengantar"}]
    modules = {q["id"]: q["module"] for q in data["questions"].values() if q["final"]}
    assert modules == {"akhir-satu": "pengantar", "akhir-dua": ""}


def test_the_first_screen_is_a_cover_and_does_not_repeat_the_start_blurb(tmp_path: Path) -> None:
    html = index_of(mini_with(tmp_path), tmp_path)
    first = html[html.index('<section id="s-pengantar"'):]
    first = first[:first.index("</section>")]
    assert 'class="cp-cover"' in first and 'data-modcard="pengantar"' in first
    assert 'class="cp-opener"' in first and "Tujuan pembelajaran" in first
    assert "Kursus kecil untuk menguji pembangun paket." not in first  # the description: start only
    assert html.count("Kursus kecil untuk menguji pembangun paket.") == 2  # start panel + meta tag


def test_a_labelled_quote_becomes_a_persona_card_and_others_stay_quotes() -> None:
    md = MarkdownRenderer()
    card = str(md.block("> **Skenario:** Seorang kepala *bidang* memantau data.\n>\n> Lalu ia bertindak."))
    assert card.startswith('<div class="cp-persona">') and "<blockquote" not in card
    assert '<p class="cp-persona-label">Skenario</p>' in card
    assert "<p>Seorang kepala <em>bidang</em> memantau data.</p>" in card
    assert "<p>Lalu ia bertindak.</p>" in card
    assert 'aria-hidden="true"' in card  # the face is decoration
    plain = str(md.block("> Anda menggunakan data untuk bekerja."))
    assert plain.startswith("<blockquote>")
    nested = "<blockquote>\n<p><strong>Kasus:</strong> a</p>\n<blockquote>\n<p>b</p>\n</blockquote>\n</blockquote>"
    assert persona_cards(nested).startswith("<blockquote>")
