"""The SCORM 1.2 manifest: valid against the official XSDs and readable by Moodle."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from msgspec.structs import replace

from builder.inspect import check_files
from builder.load import load_course
from builder.model import Course
from builder.render import learner_course
from builder.resolve import resolve
from builder.schemas import SchemaSet
from builder.targets import scorm12

MINI = Path(__file__).parent / "courses" / "mini"
LEARNER = {"index.html": b"<!doctype html>", "assets/coursepack.css": b"",
           "assets/js/app.js": b""}
NS = {"cp": scorm12.CP, "adlcp": scorm12.ADLCP}


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    """Compiled schemas, shared by the tests of this file."""
    return SchemaSet.create()


@pytest.fixture
def course() -> Course:
    """The mini course, with a title that needs care in XML."""
    loaded, _ = load_course(MINI)
    assert loaded is not None
    return replace(loaded, title="Pemimpin \u201cHibrid\u201d & Data: <Apa> yang 'Tetap'?")


def test_manifest_is_valid_against_the_scorm12_xsds(course: Course, schemas: SchemaSet) -> None:
    files = scorm12.package(learner_course(resolve(course)), LEARNER)
    assert schemas.validate("scorm12", files["imsmanifest.xml"]) == []
    assert check_files(files, "mini.zip", schemas) == []


def test_xsd_validation_rejects_a_broken_manifest(course: Course, schemas: SchemaSet) -> None:
    raw = scorm12.manifest(learner_course(resolve(course)), LEARNER)
    raw = raw.replace(b"<organizations ", b"<organisations ", 1)
    raw = raw.replace(b"</organizations>", b"</organisations>")
    assert schemas.validate("scorm12", raw)


def test_manifest_follows_moodles_rules(course: Course) -> None:
    raw = scorm12.manifest(learner_course(resolve(course)), LEARNER)
    assert raw.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert b"&#" not in raw
    assert "Pemimpin \u201cHibrid\u201d &amp; Data: &lt;Apa&gt; yang 'Tetap'?".encode() in raw
    root = etree.fromstring(raw)
    assert root.prefix is None and root.nsmap["adlcp"] == scorm12.ADLCP
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    item = root.find("cp:organizations/cp:organization/cp:item", NS)
    assert item is not None
    assert item.findtext("adlcp:masteryscore", namespaces=NS) == "50"
    first_resource = root.find("cp:resources/cp:resource", NS)
    assert first_resource is not None
    assert first_resource.get("identifier") == item.get("identifierref")
    assert first_resource.get(f"{{{scorm12.ADLCP}}}scormtype") == "sco"
    assert first_resource.get("href") == "index.html"
    files = [f.get("href") for f in first_resource.findall("cp:file", NS)]
    assert files == ["index.html", "assets/coursepack.css", "assets/js/app.js"]


def test_inspection_finds_what_the_xsds_cannot(course: Course, schemas: SchemaSet) -> None:
    files = scorm12.package(learner_course(resolve(course)), LEARNER)
    del files["assets/js/app.js"]
    raw = files["imsmanifest.xml"].replace(b"<schemaversion>1.2<", b"<schemaversion> 1.2 <")
    raw = raw.replace(b'identifierref="kursus-mini-sco"', b'identifierref="nothing"')
    raw = raw.replace(b"Pemimpin", b"&#80;emimpin", 1)
    codes = [d.code for d in check_files({**files, "imsmanifest.xml": raw}, "x.zip", schemas)]
    assert sorted(set(codes)) == ["manifest-char-ref", "manifest-dangling-ref",
                                  "manifest-missing-file", "manifest-schemaversion"]


def test_manifest_inside_a_folder_is_refused(course: Course, schemas: SchemaSet) -> None:
    files = {f"course/{k}": v for k, v in scorm12.package(learner_course(resolve(course)), LEARNER).items()}
    (problem,) = check_files(files, "x.zip", schemas)
    assert problem.code == "no-manifest" and "course/imsmanifest.xml" in problem.hint
