"""Small hand-written packages, the way other tools make them, and a runner for `coursepack check`.

Shared by test_check_zip.py (verdicts by consequence) and test_hostile_zips.py (hostile zips).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from builder.cli import main

CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
CP2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"

# A single-SCO SCORM 1.2 package: clean, the base every broken case changes in one place.
MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="vendor-course" version="1" xmlns="{CP12}" xmlns:adlcp="{ADLCP12}">
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

# A multi-SCO SCORM 1.2 package like Rustici's Golf examples: a parent item groups two SCOs.
MULTI_SCO_12 = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="golf-multi" version="1" xmlns="{CP12}" xmlns:adlcp="{ADLCP12}">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Golf</title>
      <item identifier="bab">
        <title>Bab 1</title>
        <item identifier="item-1" identifierref="res-1"><title>Aturan</title></item>
        <item identifier="item-2" identifierref="res-2"><title>Skor</title></item>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-1" type="webcontent" adlcp:scormtype="sco" href="satu.html">
      <file href="satu.html"/>
      <dependency identifierref="shared"/>
    </resource>
    <resource identifier="res-2" type="webcontent" adlcp:scormtype="sco" href="dua.html">
      <file href="dua.html"/>
      <dependency identifierref="shared"/>
    </resource>
    <resource identifier="shared" type="webcontent" adlcp:scormtype="asset">
      <file href="shared/gaya.css"/>
    </resource>
  </resources>
</manifest>
"""
MULTI_SCO_FILES = {"satu.html": b"<p>1</p>", "dua.html": b"<p>2</p>", "shared/gaya.css": b"p{}"}


def scorm2004(edition: str) -> str:
    """A single-SCO SCORM 2004 manifest of an edition ('3rd' or '4th')."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="vendor-2004" version="1" xmlns="{CP2004}" xmlns:adlcp="{ADLCP2004}">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 {edition} Edition</schemaversion>
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
    <resource identifier="res-sco" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""


INDEX = b"<!doctype html><title>Pelajaran</title><p>Halo</p>"


def changed(old: str, new: str, text: str = MANIFEST) -> str:
    """The manifest with one change, failing if the text to change is not there."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


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


def check(capsys: pytest.CaptureFixture[str], zip_path: Path, *options: str, lang: str = "en"
          ) -> tuple[int, str, str]:
    """Run `coursepack --lang <lang> check <zip>`; return its exit code, stdout and stderr."""
    capsys.readouterr()
    code = main(["--lang", lang, "check", str(zip_path), *options])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "None" not in out + err, out + err
    return code, out, err


def findings(err: str) -> list[tuple[str, str]]:
    """The (level, code) of every finding in a report, in order."""
    return re.findall(r"^\S.*?: (error|warning|info)\[([a-z0-9-]+)\]: ", err, re.MULTILINE)


def codes(err: str) -> list[str]:
    """The codes of the findings in a report, in order."""
    return [code for _, code in findings(err)]


def tree(folder: Path) -> dict[str, int]:
    """Every path under a folder with its size: to prove a check wrote nothing."""
    return {p.relative_to(folder).as_posix(): p.stat().st_size if p.is_file() else -1
            for p in folder.rglob("*")}
