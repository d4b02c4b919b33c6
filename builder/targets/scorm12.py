"""The SCORM 1.2 package: the learner files plus an `imsmanifest.xml` that Moodle accepts."""

from __future__ import annotations

from lxml import etree

from ..files import FileMap
from ..options import BuildOptions
from ..render import LearnerCourse, LearnerEdition, with_adapter
from .base import PackageTarget

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"
)
LAUNCH = "index.html"
TITLE_LIMIT = 200  # the SCORM 1.2 schema's limit for a title


def _sub(parent: etree._Element, tag: str, text: str | None = None,
         **attrs: str) -> etree._Element:
    """Append a child element in the IMS CP namespace."""
    element = etree.SubElement(parent, f"{{{CP}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def manifest(course: LearnerCourse, files: FileMap) -> bytes:
    """The SCORM 1.2 manifest: one SCO that is the whole course, launch resource first."""
    base = course.id
    root = etree.Element(f"{{{CP}}}manifest", nsmap={None: CP, "adlcp": ADLCP, "xsi": XSI})
    root.set("identifier", f"{base}-manifest")
    root.set("version", course.version)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "ADL SCORM")
    _sub(metadata, "schemaversion", "1.2")
    organizations = _sub(root, "organizations", default=f"{base}-org")
    organization = _sub(organizations, "organization", identifier=f"{base}-org")
    _sub(organization, "title", course.title[:TITLE_LIMIT])
    item = _sub(organization, "item", identifier=f"{base}-item", identifierref=f"{base}-sco",
                isvisible="true")
    _sub(item, "title", course.title[:TITLE_LIMIT])
    mastery = etree.SubElement(item, f"{{{ADLCP}}}masteryscore")
    mastery.text = course.pass_mark.scorm12()
    resources = _sub(root, "resources")
    resource = _sub(resources, "resource", identifier=f"{base}-sco", type="webcontent", href=LAUNCH)
    resource.set(f"{{{ADLCP}}}scormtype", "sco")
    for path in [LAUNCH] + sorted(p for p in files if p != LAUNCH):
        _sub(resource, "file", href=path)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def package(course: LearnerCourse, learner: FileMap) -> FileMap:
    """The files of the SCORM 1.2 zip."""
    files = with_adapter(learner, "scorm12")
    return {**files, "imsmanifest.xml": manifest(course, files)}


class Scorm12(PackageTarget[LearnerEdition]):
    """The SCORM 1.2 zip."""

    name = "scorm12"
    standard = "scorm12"
    manifest = "imsmanifest.xml"

    def files(self, learner: LearnerEdition, options: BuildOptions) -> FileMap:
        """The learner files, the SCORM 1.2 adapter and the manifest."""
        return package(learner.view, learner.files)
