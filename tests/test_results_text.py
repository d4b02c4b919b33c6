"""The learner page's words around results without a browser: the certificate leaves off the parts
of course.yaml still placeholders (the same rule as the build's warning), progress counts screens
in every place it is said, and the NIP field says what a NIP is in English (the Indonesian label
as it was)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from builder.build import build
from builder.options import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "courses"


def index_of(source: Path, tmp_path: Path) -> str:
    """The offline edition's index.html of a course."""
    dist = tmp_path / "dist"
    result = build(source, dist, BuildOptions(targets=("offline",)))
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    return next(dist.glob("*-offline")).joinpath("index.html").read_text("utf-8")


def certificate(html: str) -> str:
    """The certificate's markup."""
    cert = html[html.index('id="cp-cert"'):]
    return cert[:cert.index('<section id="cp-plan"')]


def with_course_lines(tmp_path: Path, lines: str) -> Path:
    """The mini course with lines added to its course.yaml."""
    root = Path(shutil.copytree(MINI / "mini", tmp_path / "mini"))
    course = root / "course.yaml"
    course.write_text(course.read_text("utf-8") + lines, "utf-8")
    return root


def test_no_learner_screen_shows_what_course_yaml_still_holds_as_placeholders(tmp_path: Path) -> None:
    html = index_of(ROOT / "course_src", tmp_path)
    cert = certificate(html)
    assert not re.search(r"\[[^\]]*\]", cert), re.findall(r"\[[^\]]*\]", cert)
    # nor the cover's kicker or the footer's authors (course_src's authors are all placeholders)
    for placeholder in ("[Nama Pusat Pelatihan]", "[Nama penyusun"):
        assert placeholder in (ROOT / "course_src" / "course.yaml").read_text("utf-8")
        assert placeholder not in html, placeholder
    assert "Penyusun:" not in html and 'class="cp-cover-kicker">Kursus mandiri<' in html
    assert "Sertifikat" in cert and 'class="cp-sign-line"' in cert  # a line to sign on stays
    # and the certificate says it is a draft while the issuer and signatory are placeholders
    assert '<p class="cp-cert-draft">Draf: belum berlaku sampai pusat pelatihan' in cert
    # the build still warns about each of them
    result = build(ROOT / "course_src", tmp_path / "again", BuildOptions(targets=("offline",)))
    warned = {d.message for d in result.diagnostics if d.code == "placeholder"}
    assert any("Nama Pusat Pelatihan" in m for m in warned) and any("penanda tangan" in m for m in warned), warned


def test_a_signatory_keeps_the_parts_filled_in(tmp_path: Path) -> None:
    source = with_course_lines(tmp_path, 'organisation: Pusat Pelatihan Contoh\nsignatory:\n'
                                         '  name: Dr. Rina Wulandari\n  title: "[Jabatan]"\n'
                                         '  nip: "197001011995031001"\n')
    cert = certificate(index_of(source, tmp_path))
    for text in ("Pusat Pelatihan Contoh", "Dr. Rina Wulandari", "NIP 197001011995031001"):
        assert text in cert, text
    assert "[Jabatan]" not in cert
    assert "cp-cert-draft" in cert  # the title is still to be filled in


def test_a_certificate_whose_issuer_and_signatory_are_filled_in_is_no_draft(tmp_path: Path) -> None:
    source = with_course_lines(tmp_path, 'organisation: Pusat Pelatihan Contoh\nsignatory:\n'
                                         '  name: Dr. Rina Wulandari\n  title: Kepala Pusat\n')
    cert = certificate(index_of(source, tmp_path))
    assert "Kepala Pusat" in cert and "cp-cert-draft" not in cert


def test_progress_counts_screens_wherever_it_is_said(tmp_path: Path) -> None:
    html = index_of(ROOT / "course_src", tmp_path)
    assert re.search(r'id="cp-progress-text">Layar 1 dari \d+<', html)
    assert '"page": "Layar {n} dari {total}"' in html
    assert "{v} dari {t} layar sudah dibuka" in html and "kembali ke layar terakhir Anda" in html
    assert "halaman sudah dibuka" not in html and "Halaman 1 dari" not in html
    assert '<label for="cp-nip">NIP (tidak wajib)</label>' in html


def test_the_english_nip_field_says_what_a_nip_is(tmp_path: Path) -> None:
    html = index_of(MINI / "mini-en", tmp_path)
    assert '<label for="cp-nip">NIP (civil-servant number, optional)</label>' in html
    assert re.search(r'id="cp-progress-text">Screen 1 of \d+<', html)


def test_the_review_names_the_module_each_final_question_comes_from(tmp_path: Path) -> None:
    """The results say "review your answers and the modules they come from": every reviewed
    question names its module and leads to the module's first screen."""
    html = index_of(ROOT / "course_src", tmp_path)
    data = json.loads(re.search(r'<script type="application/json" id="cp-data">(.*?)</script>',
                                html, re.S)[1])
    modules = {m["id"]: m for m in data["modules"]}
    firsts = {}
    for screen in data["screens"]:
        firsts.setdefault(screen.get("module"), screen["id"])
    final = [k for k, q in data["questions"].items() if q["final"]]
    assert final
    for key in final:
        item = re.search(rf'<li class="cp-review-item" data-review="{key}" hidden>\s*<h3>(.*?)</h3>',
                         html, re.S)
        assert item is not None, key
        module = modules[data["questions"][key]["module"]]
        assert (f'data-goto="{firsts[module["id"]]}">Modul {module["n"]}: {module["title"]}</button>'
                in item[1]), item[1]
