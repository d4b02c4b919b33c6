"""`coursepack check <zip>` over packages made by hand, the way other tools make them.

Every finding has a level by its consequence in Moodle (mod/scorm, see NOTES-LMS.md): an error
when Moodle refuses the package or runs it wrongly (exit 1), a warning when a packaging rule is
broken that Moodle tolerates (exit 0, 1 with --strict), an info note (never fails). The packages
this project builds (the mini course and the real course) pass `--strict` with no finding at all.
Hostile and damaged zips are in test_hostile_zips.py.
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest

from builder.cli import main
from builder.inspect import CHECK_CODES, check_zip
from builder.messages import CATALOG
from builder.schemas import SchemaSet
from support.zips import (
    ADLCP12,
    INDEX,
    MANIFEST,
    MULTI_SCO_12,
    MULTI_SCO_FILES,
    changed,
    check,
    codes,
    findings,
    package,
    scorm2004,
    tree,
)

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "courses" / "mini"
COURSE = ROOT / "course_src"

NO_ORGANIZATIONS = re.sub(r"  <organizations.*</organizations>\n", "  <organizations/>\n",
                          MANIFEST, flags=re.DOTALL)
AICC_FILES = {"kursus.crs": b"[Course]\nCourse_ID=K1\n", "kursus.au": b'"System_ID"\n',
              "kursus.des": b'"System_ID"\n', "kursus.cst": b'"Block","Member"\n',
              "index.html": INDEX}

# name: (manifest, other files, the (level, code) of each finding, exit code, exit with --strict)
CASES: dict[str, tuple[str | bytes | None, dict[str, bytes] | None, list[tuple[str, str]], int,
                       int]] = {
    # Moodle accepts these as they are, and so do the rules
    "scorm12-single-sco": (MANIFEST, None, [], 0, 0),
    "scorm12-multi-sco": (MULTI_SCO_12, MULTI_SCO_FILES, [], 0, 0),
    "scorm2004-3rd-edition": (scorm2004("3rd"), None, [], 0, 0),
    "scorm2004-4th-edition": (scorm2004("4th"), None, [], 0, 0),
    # against the ADL rules, tolerated by Moodle: warnings
    "dangling-default-organization": (changed('default="org"', 'default="org-hilang"'), None,
                                      [("warning", "manifest-default-dangling")], 0, 1),
    "missing-default-organization": (changed(' default="org"', ""), None,
                                     [("warning", "manifest-default-missing")], 0, 1),
    "no-organizations": (NO_ORGANIZATIONS, None, [("warning", "manifest-no-organization")], 0, 1),
    "parent-item-with-identifierref": (
        changed('<item identifier="bab">', '<item identifier="bab" identifierref="res-1">',
                MULTI_SCO_12), MULTI_SCO_FILES, [("warning", "manifest-ref-on-parent")], 0, 1),
    "golf-validation-fixture": (  # dangling default and parent items with identifierref at once
        changed('default="org"', 'default="tidak-ada"', changed(
            '<item identifier="bab">', '<item identifier="bab" identifierref="res-1">',
            MULTI_SCO_12)), MULTI_SCO_FILES,
        [("warning", "manifest-default-dangling"), ("warning", "manifest-ref-on-parent")], 0, 1),
    "schemaversion-with-spaces-in-scorm12": (
        changed("<schemaversion>1.2<", "<schemaversion> 1.2 <"), None,
        [("warning", "manifest-schemaversion")], 0, 1),
    "schemaversion-missing-in-scorm12": (
        changed("    <schemaversion>1.2</schemaversion>\n", ""), None,
        [("warning", "manifest-schemaversion-missing")], 0, 1),
    "leaf-item-without-identifierref": (
        changed("</item>", '</item>\n      <item identifier="item-2"><title>Kosong</title></item>'),
        None, [("warning", "manifest-leaf-without-resource")], 0, 1),
    "dangling-identifierref-beside-a-sco": (
        changed("</item>", '</item>\n      <item identifier="item-2" identifierref="hilang">'
                           "<title>Hilang</title></item>"),
        None, [("warning", "manifest-dangling-ref")], 0, 1),
    "file-listed-but-missing": (changed('<file href="index.html"/>',
                                        '<file href="index.html"/>\n      <file href="gaya.css"/>'),
                                None, [("warning", "manifest-missing-file")], 0, 1),
    "file-href-is-a-url": (changed('<file href="index.html"/>',
                                   '<file href="https://cdn.example/x.js"/>'),
                           None, [("warning", "manifest-absolute-file")], 0, 1),
    "xsd-invalid": (changed("<resources>", "<resources>\n    <extra/>"), None,
                    [("warning", "manifest-schema")], 0, 1),
    "title-over-200-in-scorm12": (
        changed("<title>Pelajaran</title>", f"<title>{'Judul ' * 40}</title>"), None,
        [("warning", "manifest-schema"), ("warning", "manifest-title-length")], 0, 1),
    "launch-resource-not-first": (
        changed("<resources>\n", '<resources>\n    <resource identifier="res-aset" '
                'type="webcontent" adlcp:scormtype="asset" href="gambar.png">\n'
                '      <file href="gambar.png"/>\n    </resource>\n'),
        {"index.html": INDEX, "gambar.png": b"png"}, [("warning", "manifest-launch-order")], 0, 1),
    "bare-ampersand-in-a-title": (changed("Kursus Vendor", "Tanya & Jawab"), None,
                                  [("warning", "manifest-bare-ampersand")], 0, 1),
    # AICC: Moodle imports it; check says it did not look inside
    "aicc": (None, AICC_FILES, [("info", "aicc-package")], 0, 0),
    "aicc-without-cst": (None, {k: v for k, v in AICC_FILES.items() if k != "kursus.cst"},
                         [("error", "aicc-no-cst")], 1, 1),
    "aicc-cst-in-capitals": (None, {("KURSUS.CST" if k == "kursus.cst" else k): v
                                    for k, v in AICC_FILES.items()},
                             [("error", "aicc-no-cst")], 1, 1),
    "aicc-without-crs": (None, {k: v for k, v in AICC_FILES.items() if k != "kursus.crs"},
                         [("info", "aicc-package"), ("error", "aicc-no-course")], 1, 1),
    # what Moodle refuses or runs wrongly: errors
    "fake-manifest-not-xml": ("PK this is not a manifest", None, [("error", "manifest-xml")], 1, 1),
    "manifest-cut-short": (MANIFEST[:-40], None, [("error", "manifest-xml")], 1, 1),
    "manifest-of-another-kind": ("<html><body>kursus</body></html>", None,
                                 [("error", "manifest-not-manifest")], 1, 1),
    "manifest-in-a-folder": (None, {"kursus/imsmanifest.xml": MANIFEST.encode(),
                                    "kursus/index.html": INDEX}, [("error", "no-manifest")], 1, 1),
    "no-manifest": (None, {"index.html": INDEX}, [("error", "no-manifest")], 1, 1),
    "manifest-name-in-capitals": (None, {"IMSManifest.xml": MANIFEST.encode(), "index.html": INDEX},
                                  [("error", "no-manifest")], 1, 1),
    "undefined-entity": (changed("Kursus Vendor", "Kursus&nbsp;Vendor"), None,
                         [("error", "manifest-xml")], 1, 1),
    "numeric-character-reference": (changed("Kursus Vendor", "Kursus &#233;tudes"), None,
                                    [("error", "manifest-char-ref")], 1, 1),
    "not-utf8": (changed('encoding="UTF-8"', 'encoding="ISO-8859-1"',
                         changed("Kursus Vendor", "Kursus \u00e9tudes")).encode("latin-1"),
                 None, [("error", "manifest-encoding")], 1, 1),
    "scorm2004-schemaversion-unknown": (changed("2004 4th Edition", "2004", scorm2004("4th")),
                                        None, [("error", "manifest-schemaversion-2004")], 1, 1),
    "scorm2004-schemaversion-missing": (
        changed("    <schemaversion>2004 3rd Edition</schemaversion>\n", "", scorm2004("3rd")),
        None, [("error", "manifest-schemaversion-missing-2004")], 1, 1),
    "ims-cp-elements-with-a-prefix": (
        re.sub(r"<(/?)(manifest|metadata|schema|schemaversion|organizations|organization|title"
               r"|item|resources|resource|file)\b", r"<\1imscp:\2",
               changed('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"',
                       'xmlns:imscp="http://www.imsproject.org/xsd/imscp_rootv1p1p2"')),
        None, [("error", "manifest-cp-prefix")] * 12, 1, 1),
    "adlcp-with-another-prefix": (
        changed("adlcp:scormtype", "adl:scormtype", changed("xmlns:adlcp=", "xmlns:adl=")), None,
        [("error", "manifest-prefix")], 1, 1),
    "adlcp-as-the-default-namespace": (
        changed("<title>Pelajaran</title>", f'<title>Pelajaran</title>\n        <prerequisites '
                f'xmlns="{ADLCP12}" type="aicc_script">item-0</prerequisites>'),
        None, [("error", "manifest-prefix-missing")], 1, 1),
    "only-item-references-nothing": (
        changed('identifierref="res-sco"', 'identifierref="res-hilang"'), None,
        [("error", "manifest-dangling-ref")], 1, 1),
    "nothing-to-launch": (
        changed('<item identifier="item-1" identifierref="res-sco">', '<item identifier="item-1">',
                changed(' href="index.html">', ">")), None,
        [("warning", "manifest-leaf-without-resource"), ("error", "manifest-no-launch")], 1, 1),
    "launch-href-absolute": (changed('scormtype="sco" href="index.html"',
                                     'scormtype="sco" href="/index.html"'),
                             None, [("error", "manifest-absolute-href")], 1, 1),
    "launch-page-missing": (MANIFEST, {"lain.html": INDEX},
                            [("error", "manifest-missing-launch"),
                             ("warning", "manifest-missing-file")], 1, 1),
    "launch-resource-not-a-sco": (changed('adlcp:scormtype="sco"', 'adlcp:scormtype="asset"'),
                                  None, [("error", "manifest-launch-not-sco")], 1, 1),
    "launch-resource-sco-in-capitals": (
        changed('adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"'), None,
        [("warning", "manifest-schema"), ("error", "manifest-launch-not-sco")], 1, 1),
    "identifier-over-255": (changed('identifier="item-1"', f'identifier="item-{"x" * 260}"'),
                            None, [("error", "manifest-id-length")], 1, 1),
    "item-without-identifier": (changed('<item identifier="item-1" identifierref="res-sco">',
                                        '<item identifierref="res-sco">'), None,
                                [("warning", "manifest-schema"), ("error", "manifest-no-identifier")],
                                1, 1),
    "title-over-255": (changed("<title>Pelajaran</title>", f"<title>{'Judul ' * 50}</title>"),
                       None, [("warning", "manifest-schema"), ("error", "manifest-title-moodle")],
                       1, 1),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_finding_has_the_level_of_its_consequence(
        name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest, files, expected, exit_code, strict_exit = CASES[name]
    zip_path = package(tmp_path / f"{name}.zip", manifest, files)
    before = tree(tmp_path)
    code, out, err = check(capsys, zip_path)
    assert sorted(findings(err)) == sorted(expected), err
    assert code == exit_code
    assert out.startswith(f"{zip_path}: ") and out.count("\n") == 1
    assert check(capsys, zip_path, "--strict")[0] == strict_exit
    code_id, out_id, err_id = check(capsys, zip_path, lang="id")
    assert (code_id, sorted(findings(err_id))) == (exit_code, sorted(expected))
    assert tree(tmp_path) == before


def verdict_of(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> str:
    manifest, files, *_ = CASES[name]
    return check(capsys, package(tmp_path / "x.zip", manifest, files), lang=lang)[1]


@pytest.mark.parametrize(("name", "english", "indonesian"), [
    ("scorm12-single-sco", "ok, ready to upload", "oke, siap diunggah"),
    ("scorm12-multi-sco", "ok, ready to upload", "oke, siap diunggah"),
    ("scorm2004-3rd-edition", "ok, ready to upload", "oke, siap diunggah"),
    ("scorm2004-4th-edition", "ok, ready to upload", "oke, siap diunggah"),
    ("no-organizations",
     "Moodle will accept this package; 1 specification problem that stricter LMSs may refuse",
     "Moodle akan menerima paket ini; 1 masalah spesifikasi yang mungkin ditolak LMS yang lebih "
     "ketat"),
    ("fake-manifest-not-xml",
     "not ready: Moodle will refuse this package or run it wrongly (1 problem to fix)",
     "belum siap: Moodle akan menolak paket ini atau menjalankannya dengan salah (1 masalah harus "
     "diperbaiki)"),
    ("parent-item-with-identifierref",
     "Moodle will accept this package; 1 specification problem that stricter LMSs may refuse",
     "Moodle akan menerima paket ini; 1 masalah spesifikasi yang mungkin ditolak LMS yang lebih "
     "ketat"),
    ("golf-validation-fixture",
     "Moodle will accept this package; 2 specification problems that stricter LMSs may refuse",
     "Moodle akan menerima paket ini; 2 masalah spesifikasi yang mungkin ditolak LMS yang lebih "
     "ketat"),
    ("aicc", "Moodle will accept this AICC package; 1 note",
     "Moodle akan menerima paket AICC ini; 1 catatan"),
    ("launch-page-missing",
     "not ready: Moodle will refuse this package or run it wrongly (1 problem to fix); "
     "1 specification problem that stricter LMSs may refuse",
     "belum siap: Moodle akan menolak paket ini atau menjalankannya dengan salah (1 masalah harus "
     "diperbaiki); 1 masalah spesifikasi yang mungkin ditolak LMS yang lebih ketat"),
    ("launch-resource-not-first",
     "Moodle will accept this package; 1 warning about other LMSs or the upload size",
     "Moodle akan menerima paket ini; 1 peringatan tentang LMS lain atau ukuran unggahan"),
])
def test_the_summary_says_it_in_plain_words(name: str, english: str, indonesian: str,
                                            tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.zip"
    assert verdict_of(name, tmp_path, capsys, "en") == f"{path}: {english}\n"
    assert verdict_of(name, tmp_path, capsys, "id") == f"{path}: {indonesian}\n"


def report(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
           ) -> tuple[int, str]:
    manifest, files, *_ = CASES[name]
    code, _, err = check(capsys, package(tmp_path / "x.zip", manifest, files), lang=lang)
    return code, err


def test_exact_report_of_a_dangling_default_organization(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert report("dangling-default-organization", tmp_path, capsys, "en") == (0, (
        "imsmanifest.xml:7:1: warning[manifest-default-dangling]: organizations/@default "
        "'org-hilang' names no organization (an ADL packaging rule); Moodle accepts this and "
        "launches the first organization\n"))
    assert report("dangling-default-organization", tmp_path, capsys, "id") == (0, (
        "imsmanifest.xml:7:1: warning[manifest-default-dangling]: organizations/@default "
        "'org-hilang' tidak merujuk organization mana pun (aturan pengemasan ADL); Moodle "
        "menerimanya dan meluncurkan organization pertama\n"))


def test_a_missing_default_is_named_as_missing(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert report("missing-default-organization", tmp_path, capsys, "en") == (0, (
        "imsmanifest.xml:7:1: warning[manifest-default-missing]: <organizations> has no 'default' "
        "attribute (an ADL packaging rule); Moodle accepts this and launches the first "
        "organization\n"))
    assert report("missing-default-organization", tmp_path, capsys, "id")[1] == (
        "imsmanifest.xml:7:1: warning[manifest-default-missing]: <organizations> tidak memiliki "
        "atribut 'default' (aturan pengemasan ADL); Moodle menerimanya dan meluncurkan "
        "organization pertama\n")


def test_exact_report_of_no_organizations(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert report("no-organizations", tmp_path, capsys, "en") == (0, (
        "imsmanifest.xml:7:1: warning[manifest-no-organization]: the manifest has no organization "
        "to launch (ADL expects one); Moodle accepts this and launches the first resource with an "
        "href\n"))
    assert report("no-organizations", tmp_path, capsys, "id") == (0, (
        "imsmanifest.xml:7:1: warning[manifest-no-organization]: manifest tidak memiliki "
        "organization untuk diluncurkan (ADL mengharapkannya); Moodle menerimanya dan meluncurkan "
        "sumber daya pertama yang memiliki href\n"))


def test_exact_report_of_a_parent_item_with_identifierref(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert report("parent-item-with-identifierref", tmp_path, capsys, "en") == (0, (
        "imsmanifest.xml:10:1: warning[manifest-ref-on-parent]: an item with child items has an "
        "identifierref (against the ADL packaging rules); Moodle accepts this\n"))
    assert report("parent-item-with-identifierref", tmp_path, capsys, "id") == (0, (
        "imsmanifest.xml:10:1: warning[manifest-ref-on-parent]: item yang memiliki anak item "
        "memakai identifierref (melanggar aturan pengemasan ADL); Moodle menerimanya\n"))


def test_exact_report_of_an_aicc_package(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert report("aicc", tmp_path, capsys, "en") == (0, (
        "x.zip: info[aicc-package]: an AICC package (kursus.au, kursus.crs, kursus.cst, "
        "kursus.des): Moodle imports AICC packages; coursepack check does not check AICC content\n"
        "  hint: try it in Moodle before learners do\n"))
    assert report("aicc", tmp_path, capsys, "id") == (0, (
        "x.zip: info[aicc-package]: paket AICC (kursus.au, kursus.crs, kursus.cst, kursus.des): "
        "Moodle mengimpor paket AICC; coursepack check tidak memeriksa isi AICC\n"
        "  hint: coba di Moodle sebelum peserta memakainya\n"))


def test_exact_report_of_a_fake_manifest(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert report("fake-manifest-not-xml", tmp_path, capsys, "en") == (1, (
        "imsmanifest.xml:1:1: error[manifest-xml]: the manifest is not XML: Start tag expected, "
        "'<' not found, line 1, column 1\n"))
    assert report("fake-manifest-not-xml", tmp_path, capsys, "id") == (1, (
        "imsmanifest.xml:1:1: error[manifest-xml]: manifest bukan XML: Start tag expected, "
        "'<' not found, line 1, column 1\n"))


def test_exact_report_of_a_manifest_in_a_folder(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert report("manifest-in-a-folder", tmp_path, capsys, "en") == (1, (
        "x.zip: error[no-manifest]: the zip has no imsmanifest.xml at its root\n"
        "  hint: it is at 'kursus/imsmanifest.xml': zip the folder's contents, not the folder\n"))
    assert report("manifest-in-a-folder", tmp_path, capsys, "id") == (1, (
        "x.zip: error[no-manifest]: zip tidak memiliki imsmanifest.xml di akarnya\n"
        "  hint: manifest ada di 'kursus/imsmanifest.xml': zip isi foldernya, bukan foldernya\n"))


def test_exact_report_of_a_manifest_name_in_capitals(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert report("manifest-name-in-capitals", tmp_path, capsys, "en") == (1, (
        "x.zip: error[no-manifest]: the zip has no imsmanifest.xml at its root\n"
        "  hint: it is named 'IMSManifest.xml': Moodle needs exactly 'imsmanifest.xml'\n"))


def test_exact_report_of_a_bare_ampersand(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert report("bare-ampersand-in-a-title", tmp_path, capsys, "en") == (0, (
        "imsmanifest.xml:9:1: warning[manifest-bare-ampersand]: a bare '&' makes the manifest not "
        "well-formed XML; Moodle escapes it before reading and accepts this, stricter LMSs refuse "
        "it\n  hint: write '&amp;'\n"))


def test_exact_report_of_the_scorm12_schemaversion(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert report("schemaversion-with-spaces-in-scorm12", tmp_path, capsys, "en") == (0, (
        "imsmanifest.xml:5:1: warning[manifest-schemaversion]: <schemaversion> is ' 1.2 ', not "
        "exactly '1.2' (a SCORM 1.2 packaging rule); Moodle reads it as SCORM 1.2, which this "
        "package is, and accepts this\n  hint: write <schemaversion>1.2</schemaversion>\n"))


def test_exact_report_of_the_scorm2004_schemaversion(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert report("scorm2004-schemaversion-unknown", tmp_path, capsys, "en") == (1, (
        "imsmanifest.xml:5:1: error[manifest-schemaversion-2004]: <schemaversion> is '2004'; "
        "Moodle needs exactly '2004 4th Edition' or '2004 3rd Edition' and would run this SCORM "
        "2004 package as SCORM 1.2, where it finds no API_1484_11\n"
        "  hint: write <schemaversion>2004 4th Edition</schemaversion>\n"))
    assert report("scorm2004-schemaversion-unknown", tmp_path, capsys, "id") == (1, (
        "imsmanifest.xml:5:1: error[manifest-schemaversion-2004]: <schemaversion> berisi '2004'; "
        "Moodle memerlukan tepat '2004 4th Edition' atau '2004 3rd Edition' dan akan menjalankan "
        "paket SCORM 2004 ini sebagai SCORM 1.2, tempat ia tidak menemukan API_1484_11\n"
        "  hint: tulis <schemaversion>2004 4th Edition</schemaversion>\n"))


def test_exact_report_of_prefixed_adlcp(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert report("adlcp-with-another-prefix", tmp_path, capsys, "en") == (1, (
        f"imsmanifest.xml:16:1: error[manifest-prefix]: {ADLCP12} is written with the prefix "
        "'adl'; Moodle only reads 'adlcp'\n"))


def test_exact_report_of_a_launch_page_the_zip_lacks(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert report("launch-page-missing", tmp_path, capsys, "en") == (1, (
        "imsmanifest.xml:16:1: error[manifest-missing-launch]: the page 'index.html' that Moodle "
        "launches is not in the zip\n"
        "imsmanifest.xml:17:1: warning[manifest-missing-file]: the file 'index.html' listed in the "
        "manifest is not in the zip (an IMS CP rule); Moodle does not read file lists and accepts "
        "this\n"))


def test_no_message_shows_an_internal_value(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Every case in both languages: no None, no empty quotes, no Python repr."""
    for name, (manifest, files, *_) in CASES.items():
        zip_path = package(tmp_path / f"{name}.zip", manifest, files)
        for lang in ("en", "id"):
            _, out, err = check(capsys, zip_path, lang=lang)  # check() refuses "None" itself
            ours = "".join(line for line in err.splitlines() if "[manifest-schema]" not in line)
            assert "''" not in ours and "{" not in ours, (name, err)


def test_the_check_codes_are_all_in_the_catalog_in_both_languages() -> None:
    source = (ROOT / "builder" / "inspect.py").read_text("utf-8")
    used = set(re.findall(r'(?:error|warning|info)\([^"]*"([a-z0-9-]+)"', source))
    assert used <= CHECK_CODES, used - CHECK_CODES
    for code in CHECK_CODES:
        entry = CATALOG[code]
        assert entry.en and entry.id and bool(entry.en_hint) == bool(entry.id_hint), code


def test_launch_resource_not_first_fails_only_with_strict(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest, files, *_ = CASES["launch-resource-not-first"]
    zip_path = package(tmp_path / "x.zip", manifest, files)
    code, out, err = check(capsys, zip_path)
    assert err == (
        "imsmanifest.xml:16:1: warning[manifest-launch-order]: the launch resource is not the "
        "first resource; Open edX and wagtail-lms launch the first one\n"
        "  hint: list the launch resource first\n")
    assert code == 0
    code, out, err = check(capsys, zip_path, "--strict")
    assert (code, codes(err)) == (1, ["manifest-launch-order"])


def test_upload_budget_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = package(tmp_path / "x.zip", files={
        "index.html": INDEX, "video.bin": random.Random(7).randbytes(4000)})
    size = zip_path.stat().st_size
    code, out, err = check(capsys, zip_path, "--upload-budget", "0.001")
    assert err == (
        f"x.zip: warning[upload-budget]: the package is {size:,} bytes, over the upload budget "
        "of 1,048 bytes\n  hint: many LMSs refuse uploads this big\n")
    assert code == 0 and out.endswith(
        "Moodle will accept this package; 1 warning about other LMSs or the upload size\n")
    code, _, err = check(capsys, zip_path, "--upload-budget", "0.001", "--strict")
    assert (code, codes(err)) == (1, ["upload-budget"])


@pytest.mark.parametrize("budget", ["nan", "-1", "inf", "-inf", "lima", ""])
def test_an_upload_budget_that_is_not_a_size_is_a_usage_error(
        budget: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = package(tmp_path / "x.zip")
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(zip_path), f"--upload-budget={budget}"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert f"argument --upload-budget: '{budget}' is not a size in MB (a number, 0 or more)" in err


def test_not_a_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "kursus.zip"
    fake.write_bytes(b"PK\x03\x04 this is not really a zip")
    assert check(capsys, fake) == (
        1, f"{fake}: not ready: Moodle will refuse this package or run it wrongly (1 problem to "
           "fix)\n", "kursus.zip: error[not-a-zip]: the file is not a zip archive\n")


def test_a_zip_that_does_not_exist_is_a_usage_error(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(capsys, tmp_path / "hilang.zip")
    assert code == 2 and err.startswith("coursepack: no such file: ")


@pytest.fixture(scope="module")
def our_packages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The SCORM and cmi5 zips of the mini course and of the real course, built by this project."""
    zips = []
    for name, source in (("mini", MINI), ("course", COURSE)):
        dist = tmp_path_factory.mktemp(name) / "dist"
        assert main(["--lang", "en", "build", str(source), "-o", str(dist), "--target", "scorm12",
                     "--target", "scorm2004", "--target", "cmi5"]) == 0
        zips += sorted(dist.glob("*-scorm*.zip")) + sorted(dist.glob("*-cmi5.zip"))
    assert len(zips) == 6
    return zips


def test_our_own_packages_pass_strict_with_no_finding_at_all(
        our_packages: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    for zip_path in our_packages:
        ok = ("ok, ready to upload to an LMS with cmi5 (Moodle needs the cmi5 plugin)"
              if zip_path.name.endswith("-cmi5.zip") else "ok, ready to upload")
        assert check(capsys, zip_path, "--strict") == (0, f"{zip_path}: {ok}\n", ""), zip_path


def test_a_zip_speaks_the_language_its_launch_page_declares(
        our_packages: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --lang, `check x.zip` reports in the language of the package's <html lang> when a
    catalog speaks it, else in English; --lang still decides when given."""
    scorm = next(p for p in our_packages if p.name.startswith("pemimpin") and "scorm12" in p.name)

    def unchosen(zip_path: Path) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["check", str(zip_path)])
        out, err = capsys.readouterr()
        return code, out, err

    assert unchosen(scorm) == (0, f"{scorm}: oke, siap diunggah\n", "")
    assert check(capsys, scorm, lang="en") == (0, f"{scorm}: ok, ready to upload\n", "")
    french = copy_zip(scorm, tmp_path / "fr.zip", edit="index.html",
                      old=b'<html lang="id"', new=b'<html lang="fr"')
    assert unchosen(french) == (0, f"{french}: ok, ready to upload\n", "")
    broken = copy_zip(scorm, tmp_path / "broken.zip", edit="imsmanifest.xml",
                      old=b'href="index.html"', new=b'href="hilang.html"')
    code, out, err = unchosen(broken)
    assert (code, out) == (1, f"{broken}: belum siap: Moodle akan menolak paket ini atau "
                              "menjalankannya dengan salah (1 masalah harus diperbaiki)\n")
    assert "error[manifest-missing-launch]: halaman 'hilang.html'" in err
    assert err == check(capsys, broken, lang="id")[2] != check(capsys, broken, lang="en")[2]


def copy_zip(source: Path, target: Path, drop: str = "", edit: str = "",
             old: bytes = b"", new: bytes = b"") -> Path:
    """A copy of a zip without one entry, or with one entry's bytes changed."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for name in src.namelist():
            if name == drop:
                continue
            data = src.read(name)
            dst.writestr(name, data.replace(old, new, 1) if name == edit else data)
    return target


def test_a_cmi5_zip_whose_au_is_missing_is_refused(our_packages: list[Path],
                                                   tmp_path: Path) -> None:
    good = next(p for p in our_packages if p.name == "kursus-mini-cmi5.zip")
    broken = copy_zip(good, tmp_path / "broken.zip", drop="index.html")
    assert [(d.severity.value, d.code) for d in check_zip(broken, SchemaSet.create())] == [
        ("error", "cmi5-missing-file")]


def test_a_cmi5_id_that_is_not_an_iri_is_refused(our_packages: list[Path],
                                                 tmp_path: Path) -> None:
    good = next(p for p in our_packages if p.name == "kursus-mini-cmi5.zip")
    broken = copy_zip(good, tmp_path / "broken.zip", edit="cmi5.xml", old=b'<au id="https://',
                      new=b'<au id="https//')
    assert [d.code for d in check_zip(broken, SchemaSet.create())] == ["cmi5-id"]
