"""`coursepack check <zip>` over packages made by hand, the way other tools make them.

Each package is a small valid SCORM 1.2 package with one rule of builder/inspect.py broken. The
packages this project builds (the mini course and the real course) pass with no warning at all.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest

from builder.cli import main

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "courses" / "mini"
COURSE = ROOT / "course_src"

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="vendor-course" version="1" xmlns="{CP}" xmlns:adlcp="{ADLCP}">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Kursus Vendor</title>
      <item identifier="item-1" identifierref="res-sco">
        <title>Pelajaran</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""
INDEX = b"<!doctype html><title>Pelajaran</title><p>Halo</p>"


def package(path: Path, manifest: str | bytes | None = MANIFEST,
            files: dict[str, bytes] | None = None) -> Path:
    """A zip with the manifest at its root and index.html (or other files)."""
    entries: dict[str, bytes] = {"index.html": INDEX} if files is None else dict(files)
    if manifest is not None:
        data = manifest.encode("utf-8") if isinstance(manifest, str) else manifest
        entries = {"imsmanifest.xml": data, **entries}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def changed(old: str, new: str, text: str = MANIFEST) -> str:
    """The manifest with one change, failing if the text to change is not there."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def check(capsys: pytest.CaptureFixture[str], zip_path: Path, *options: str
          ) -> tuple[int, str, str]:
    """Run `coursepack --lang en check <zip>`; return its exit code, stdout and stderr."""
    capsys.readouterr()
    code = main(["--lang", "en", "check", str(zip_path), *options])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def codes(err: str) -> list[str]:
    """The codes of the diagnostics in a report, in order."""
    return re.findall(r"^\S.*?: (?:error|warning)\[([a-z0-9-]+)\]: ", err, re.MULTILINE)


def test_the_hand_made_package_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = package(tmp_path / "vendor.zip")
    assert check(capsys, zip_path, "--strict") == (0, f"{zip_path}: ok, ready to upload\n", "")


BROKEN_MANIFESTS = {
    # name: (manifest, the codes reported)
    "not-xml": (MANIFEST[:-40], ["manifest-xml"]),
    "schemaversion-with-spaces": (changed("<schemaversion>1.2<", "<schemaversion> 1.2 <"),
                                  ["manifest-schemaversion"]),
    "schemaversion-not-a-known-value": (
        changed("<schemaversion>1.2<", "<schemaversion>SCORM 1.2<"), ["manifest-schemaversion"]),
    "numeric-character-reference": (changed("Kursus Vendor", "Kursus &#233;tudes"),
                                    ["manifest-char-ref"]),
    "not-utf8": (changed('encoding="UTF-8"', 'encoding="ISO-8859-1"',
                         changed("Kursus Vendor", "Kursus \u00e9tudes")).encode("latin-1"),
                 ["manifest-encoding"]),
    "ims-cp-elements-with-a-prefix": (
        re.sub(r"<(/?)(manifest|metadata|schema|schemaversion|organizations|organization|title"
               r"|item|resources|resource|file)\b", r"<\1imscp:\2",
               changed(f'xmlns="{CP}"', f'xmlns:imscp="{CP}"')),
        ["manifest-prefix"] * 12),
    "adlcp-with-another-prefix": (
        changed("adlcp:scormtype", "adl:scormtype", changed("xmlns:adlcp=", "xmlns:adl=")),
        ["manifest-prefix"]),
    "dangling-identifierref": (changed('identifierref="res-sco"', 'identifierref="res-hilang"'),
                               ["manifest-dangling-ref"]),
    "dangling-default-organization": (changed('default="org"', 'default="org-hilang"'),
                                      ["manifest-dangling-ref"]),
    "leaf-item-without-identifierref": (
        changed("</item>", '</item>\n      <item identifier="item-2"><title>Kosong</title></item>'),
        ["manifest-leaf-without-resource"]),
    "identifierref-on-a-parent-item": (
        changed("<title>Pelajaran</title>", '<title>Pelajaran</title>\n        <item '
                'identifier="item-1a" identifierref="res-sco"><title>Bagian</title></item>'),
        ["manifest-ref-on-parent"]),
    "absolute-href": (changed('scormtype="sco" href="index.html"',
                              'scormtype="sco" href="/index.html"'),
                      ["manifest-absolute-href"]),
    "url-href": (changed('<file href="index.html"/>', '<file href="https://cdn.example/x.js"/>'),
                 ["manifest-absolute-href"]),
    "launch-resource-not-a-sco": (changed('adlcp:scormtype="sco"', 'adlcp:scormtype="asset"'),
                                  ["manifest-launch-not-sco"]),
    "launch-resource-sco-in-capitals": (changed('adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"'),
                                        ["manifest-schema", "manifest-launch-not-sco"]),
    "xsd-invalid": (changed("<resources>", "<resources>\n    <extra/>"), ["manifest-schema"]),
    "no-organizations": (
        re.sub(r"  <organizations.*</organizations>\n", "  <organizations/>\n", MANIFEST,
               flags=re.DOTALL).replace("<organizations/>", ""),
        ["manifest-schema", "manifest-no-organization"]),
    "identifier-too-long": (changed('identifier="item-1"', f'identifier="item-{"x" * 260}"'),
                            ["manifest-id-length"]),
    "title-too-long": (changed("<title>Pelajaran</title>", f"<title>{'Judul ' * 40}</title>"),
                       ["manifest-schema", "manifest-title-length"]),
}


@pytest.mark.parametrize("name", sorted(BROKEN_MANIFESTS))
def test_a_broken_rule_is_an_error_with_its_code(name: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    manifest, expected = BROKEN_MANIFESTS[name]
    zip_path = package(tmp_path / f"{name}.zip", manifest)
    code, out, err = check(capsys, zip_path)
    assert sorted(codes(err)) == sorted(expected), err
    assert code == 1 and out == ""
    assert err.endswith(f"{len(expected)} error(s), 0 warning(s)\n")


def test_exact_report_of_a_dangling_identifierref(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = package(tmp_path / "x.zip",
                       changed('identifierref="res-sco"', 'identifierref="res-hilang"'))
    assert check(capsys, zip_path)[2] == (
        "imsmanifest.xml:10:1: error[manifest-dangling-ref]: item/@identifierref 'res-hilang' "
        "names nothing in the manifest\n1 error(s), 0 warning(s)\n")


def test_exact_report_of_the_schemaversion(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = package(tmp_path / "x.zip", changed("<schemaversion>1.2<", "<schemaversion> 1.2 <"))
    assert check(capsys, zip_path)[2] == (
        "imsmanifest.xml:5:1: error[manifest-schemaversion]: <schemaversion> is ' 1.2 '; Moodle "
        "needs exactly '1.2' or '2004 4th Edition' (anything else is read as 1.2)\n"
        "1 error(s), 0 warning(s)\n")


def test_exact_report_of_prefixed_adlcp(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = package(tmp_path / "x.zip", BROKEN_MANIFESTS["adlcp-with-another-prefix"][0])
    assert check(capsys, zip_path)[2] == (
        f"imsmanifest.xml:16:1: error[manifest-prefix]: {ADLCP} is written with the prefix 'adl'; "
        "Moodle only reads 'adlcp'\n1 error(s), 0 warning(s)\n")


def test_manifest_in_a_subfolder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = package(tmp_path / "folder.zip", None,
                       {"kursus/imsmanifest.xml": MANIFEST.encode(), "kursus/index.html": INDEX})
    code, out, err = check(capsys, zip_path)
    assert (code, out) == (1, "")
    assert err == (
        "folder.zip: error[no-manifest]: the zip has no imsmanifest.xml at its root\n"
        "  hint: it is at 'kursus/imsmanifest.xml': zip the folder's contents, not the folder\n"
        "1 error(s), 0 warning(s)\n")


def test_no_manifest_at_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = package(tmp_path / "web.zip", None)
    assert check(capsys, zip_path) == (
        1, "", "web.zip: error[no-manifest]: the zip has no imsmanifest.xml at its root\n"
               "1 error(s), 0 warning(s)\n")


def test_missing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = package(tmp_path / "x.zip", files={"lain.html": INDEX})
    code, _, err = check(capsys, zip_path)
    assert code == 1
    assert err == (
        "imsmanifest.xml:16:1: error[manifest-missing-file]: the file 'index.html' named in the "
        "manifest is not in the zip\n"
        "imsmanifest.xml:17:1: error[manifest-missing-file]: the file 'index.html' named in the "
        "manifest is not in the zip\n2 error(s), 0 warning(s)\n")


def test_launch_resource_not_first_is_a_warning(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    manifest = changed("<resources>\n", '<resources>\n    <resource identifier="res-aset" '
                       'type="webcontent" adlcp:scormtype="asset" href="gambar.png">\n'
                       '      <file href="gambar.png"/>\n    </resource>\n')
    zip_path = package(tmp_path / "x.zip", manifest, {"index.html": INDEX, "gambar.png": b"png"})
    code, out, err = check(capsys, zip_path)
    assert err == (
        "imsmanifest.xml:16:1: warning[manifest-launch-order]: the launch resource is not the "
        "first resource; Open edX and wagtail-lms launch the first one\n"
        "  hint: list the launch resource first\n0 error(s), 1 warning(s)\n")
    assert (code, out) == (0, f"{zip_path}: ok, ready to upload\n")
    code, out, err = check(capsys, zip_path, "--strict")
    assert (code, out, codes(err)) == (1, "", ["manifest-launch-order"])


def test_upload_budget_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = package(tmp_path / "x.zip", files={"index.html": INDEX, "video.bin": random.Random(7).randbytes(4000)})
    size = zip_path.stat().st_size
    code, out, err = check(capsys, zip_path, "--upload-budget", "0.001")
    assert err == (
        f"x.zip: warning[upload-budget]: the package is {size:,} bytes, over the upload budget "
        "of 1,048 bytes\n  hint: many LMSs refuse uploads this big\n0 error(s), 1 warning(s)\n")
    assert code == 0 and out.endswith("ok, ready to upload\n")
    code, _, err = check(capsys, zip_path, "--upload-budget", "0.001", "--strict")
    assert (code, codes(err)) == (1, ["upload-budget"])


def test_not_a_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "kursus.zip"
    fake.write_bytes(b"PK\x03\x04 this is not really a zip")
    assert check(capsys, fake) == (
        1, "", "kursus.zip: error[not-a-zip]: the file is not a zip archive\n"
               "1 error(s), 0 warning(s)\n")


def test_a_zip_that_does_not_exist_is_a_usage_error(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(capsys, tmp_path / "hilang.zip")
    assert code == 2 and err.startswith("coursepack: no such file: ")


def tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def test_zip_slip_entries_are_refused_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", MANIFEST)
        archive.writestr("index.html", INDEX)
        archive.writestr("../evil.txt", b"owned")
        archive.writestr("../../evil2.txt", b"owned")
        archive.writestr("/tmp/evil-absolute.txt", b"owned")
        archive.writestr("assets/../../evil3.txt", b"owned")
    zip_path = work / "slip.zip"
    zip_path.write_bytes(buffer.getvalue())
    before = tree(tmp_path)

    code, out, err = check(capsys, zip_path)

    assert code == 1 and out == ""
    assert codes(err) == ["zip-path-escape"] * 4
    assert "slip.zip: error[zip-path-escape]: the zip entry '../evil.txt' would be written " \
           "outside the package folder\n  hint: do not upload this zip\n" in err
    assert tree(tmp_path) == before
    assert not Path("/tmp/evil-absolute.txt").exists()


@pytest.fixture(scope="module")
def our_packages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The SCORM zips of the mini course and of the real course, built by this project."""
    zips = []
    for name, source in (("mini", MINI), ("course", COURSE)):
        dist = tmp_path_factory.mktemp(name) / "dist"
        assert main(["--lang", "en", "build", str(source), "-o", str(dist), "--target", "scorm12",
                     "--target", "scorm2004"]) == 0
        zips += sorted(dist.glob("*-scorm*.zip"))
    assert len(zips) == 4
    return zips


def test_our_own_packages_pass_with_no_warning(our_packages: list[Path],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    for zip_path in our_packages:
        assert check(capsys, zip_path, "--strict") == (
            0, f"{zip_path}: ok, ready to upload\n", ""), zip_path


def test_check_accepts_our_cmi5_zip_and_finds_a_missing_au(tmp_path: Path) -> None:
    import zipfile as _zip

    from builder.build import build as _build
    from builder.inspect import check_zip as _check_zip
    from builder.schemas import SchemaSet as _Schemas

    dist = tmp_path / "dist"
    _build(Path(__file__).parent / "courses" / "mini", dist, targets=("cmi5",))
    good = dist / "kursus-mini-cmi5.zip"
    assert _check_zip(good, _Schemas.create()) == []
    broken = tmp_path / "broken.zip"
    with _zip.ZipFile(good) as src, _zip.ZipFile(broken, "w") as dst:
        for name in src.namelist():
            if name != "index.html":
                dst.writestr(name, src.read(name))
    assert [d.code for d in _check_zip(broken, _Schemas.create())] == ["manifest-missing-file"]


def test_check_finds_a_cmi5_id_that_is_not_an_iri(tmp_path: Path) -> None:
    import zipfile as _zip

    from builder.build import build as _build
    from builder.inspect import check_zip as _check_zip
    from builder.schemas import SchemaSet as _Schemas

    dist = tmp_path / "dist"
    _build(Path(__file__).parent / "courses" / "mini", dist, targets=("cmi5",))
    good, broken = dist / "kursus-mini-cmi5.zip", tmp_path / "broken.zip"
    with _zip.ZipFile(good) as src, _zip.ZipFile(broken, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "cmi5.xml":
                data = data.replace(b'<au id="https://', b'<au id="https//', 1)
            dst.writestr(name, data)
    assert [d.code for d in _check_zip(broken, _Schemas.create())] == ["cmi5-id"]
