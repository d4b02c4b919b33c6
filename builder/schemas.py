"""Validate manifests against the official XSDs vendored in `builder/schemas/` (see PROVENANCE.md).

lxml ignores `xsi:schemaLocation` and reaches extension namespaces only through wildcards, so each
standard gets a small in-memory driver schema that imports every namespace from a local file. The
vendored files stay byte-identical; the two known incompatibilities of the SCORM 1.2 files with
libxml2 are patched in memory while loading (see PROVENANCE.md, "Using these schemas with lxml").
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from msgspec import Struct

SCHEMA_ROOT = Path(__file__).parent / "schemas"

SCORM12_IMPORTS = {
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
    "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1": "imsmd_rootv1p2p1.xsd",
}
SCORM2004_IMPORTS = {
    "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
    "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
    "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
    "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
    "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
    "http://ltsc.ieee.org/xsd/LOM": "lom.xsd",
}
CMI5_IMPORTS = {"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd": "CourseStructure.xsd"}
XML_XSD_URL = "http://www.w3.org/2001/xml.xsd"


class LocalResolver(etree.Resolver):  # type: ignore[misc]
    """Serves schema files from the vendored folder, patched in memory where libxml2 needs it."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, url: str, pubid: str | None, context: object) -> object:  # noqa: D102
        if url == XML_XSD_URL:
            return self.resolve_filename(str(self.folder / "xml.xsd"), context)
        path = Path(url.removeprefix("file://"))
        if path.name == "ims_xml.xsd":
            text = path.read_text("utf-8").replace(
                'xmlns="http://www.w3.org/XML/1998/namespace"', "", 1)
            return self.resolve_string(text, context, base_url=url)
        if path.name == "imsmd_rootv1p2p1.xsd":
            text = path.read_text("utf-8").replace('namespace="##any"', 'namespace="##other"')
            return self.resolve_string(text, context, base_url=url)
        return None


def driver_schema(folder: Path, imports: dict[str, str]) -> etree.XMLSchema:
    """Compile a schema that imports each namespace from its local file."""
    lines = ['<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">']
    for namespace, filename in imports.items():
        location = (folder / filename).resolve().as_uri()
        lines.append(f'<xs:import namespace="{namespace}" schemaLocation="{location}"/>')
    lines.append("</xs:schema>")
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalResolver(folder))
    doc = etree.fromstring("\n".join(lines).encode(), parser, base_url=(folder / "driver.xsd").as_uri())
    return etree.XMLSchema(etree.ElementTree(doc))


class SchemaSet(Struct):
    """The compiled schemas of each standard, compiled on first use."""

    _cache: dict[str, etree.XMLSchema]

    @classmethod
    def create(cls) -> SchemaSet:
        """An empty set; schemas compile lazily."""
        return cls({})

    def schema(self, standard: str) -> etree.XMLSchema:
        """The compiled schema of 'scorm12', 'scorm2004' or 'cmi5'."""
        if standard not in self._cache:
            folder, imports = {
                "scorm12": (SCHEMA_ROOT / "scorm12", SCORM12_IMPORTS),
                "scorm2004": (SCHEMA_ROOT / "scorm2004_4ed", SCORM2004_IMPORTS),
                "cmi5": (SCHEMA_ROOT / "cmi5", CMI5_IMPORTS),
            }[standard]
            self._cache[standard] = driver_schema(folder, imports)
        return self._cache[standard]

    def validate(self, standard: str, document: bytes) -> list[str]:
        """Schema errors of a document, as `line N: message` strings (empty when valid)."""
        try:
            tree = etree.fromstring(document, etree.XMLParser(no_network=True, resolve_entities=False))
        except etree.XMLSyntaxError as exc:
            return [f"line {exc.lineno}: {exc.msg}"]
        schema = self.schema(standard)
        if schema.validate(tree):
            return []
        return [f"line {e.line}: {e.message}" for e in schema.error_log]
