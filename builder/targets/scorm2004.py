"""The SCORM 2004 4th Edition package: the learner files plus a manifest Moodle and ADL accept."""

from __future__ import annotations

from lxml import etree

from ..files import FileMap
from ..options import BuildOptions
from ..render import LearnerCourse, LearnerEdition, with_adapter
from .base import PackageTarget

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
LOM = "http://ltsc.ieee.org/xsd/LOM"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = " ".join([
    f"{CP} imscp_v1p1.xsd", f"{ADLCP} adlcp_v1p3.xsd", f"{ADLSEQ} adlseq_v1p3.xsd",
    f"{ADLNAV} adlnav_v1p3.xsd", f"{IMSSS} imsss_v1p0.xsd", f"{LOM} lom.xsd",
])
LAUNCH = "index.html"
TITLE_LIMIT = 200


def _el(parent: etree._Element, namespace: str, tag: str, text: str | None = None,
        **attrs: str) -> etree._Element:
    """Append a child element."""
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def lom(parent: etree._Element, course: LearnerCourse) -> None:
    """Inline LOM metadata: title, language, description (for LMS catalogues)."""
    general = _el(_el(parent, LOM, "lom"), LOM, "general")
    _el(_el(general, LOM, "title"), LOM, "string", course.title, language=course.language)
    _el(general, LOM, "language", course.language)
    _el(_el(general, LOM, "description"), LOM, "string", course.description,
        language=course.language)


def sequencing(item: etree._Element, course: LearnerCourse) -> None:
    """The primary objective is satisfied by the final score reaching the pass mark."""
    seq = _el(item, IMSSS, "sequencing")
    objectives = _el(seq, IMSSS, "objectives")
    primary = _el(objectives, IMSSS, "primaryObjective", objectiveID=f"{course.id}-pass",
                  satisfiedByMeasure="true")
    _el(primary, IMSSS, "minNormalizedMeasure", course.pass_mark.scorm2004())
    _el(seq, IMSSS, "deliveryControls", completionSetByContent="true",
        objectiveSetByContent="true")


def manifest(course: LearnerCourse, files: FileMap) -> bytes:
    """The SCORM 2004 4th Edition manifest: one SCO, launch resource first."""
    base = course.id
    root = etree.Element(f"{{{CP}}}manifest", nsmap={
        None: CP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS,
        "lom": LOM, "xsi": XSI})
    root.set("identifier", f"{base}-manifest")
    root.set("version", course.version)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = _el(root, CP, "metadata")
    _el(metadata, CP, "schema", "ADL SCORM")
    _el(metadata, CP, "schemaversion", "2004 4th Edition")
    lom(metadata, course)
    organizations = _el(root, CP, "organizations", default=f"{base}-org")
    organization = _el(organizations, CP, "organization", identifier=f"{base}-org")
    _el(organization, CP, "title", course.title[:TITLE_LIMIT])
    item = _el(organization, CP, "item", identifier=f"{base}-item", identifierref=f"{base}-sco")
    _el(item, CP, "title", course.title[:TITLE_LIMIT])
    sequencing(item, course)
    resources = _el(root, CP, "resources")
    resource = _el(resources, CP, "resource", identifier=f"{base}-sco", type="webcontent",
                   href=LAUNCH)
    resource.set(f"{{{ADLCP}}}scormType", "sco")
    for path in [LAUNCH] + sorted(p for p in files if p != LAUNCH):
        _el(resource, CP, "file", href=path)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def package(course: LearnerCourse, learner: FileMap) -> FileMap:
    """The files of the SCORM 2004 zip."""
    files = with_adapter(learner, "scorm2004")
    return {**files, "imsmanifest.xml": manifest(course, files)}


class Scorm2004(PackageTarget[LearnerEdition]):
    """The SCORM 2004 4th Edition zip."""

    name = "scorm2004"
    standard = "scorm2004"
    manifest = "imsmanifest.xml"

    def files(self, learner: LearnerEdition, options: BuildOptions) -> FileMap:
        """The learner files, the SCORM 2004 adapter and the manifest."""
        return package(learner.view, learner.files)
