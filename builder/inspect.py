"""Check a built SCORM package the way Moodle and ADL's rules read it, before anyone uploads it.

Works on any zip, ours or another tool's: the official XSDs, the Moodle rules of
`NOTES-LMS.md` and the ADL content-packaging rules the XSDs cannot express.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .errors import Diagnostic, error, warning
from .model import Location
from .schemas import SchemaSet

MANIFEST = "imsmanifest.xml"
CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
CP2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
PREFIXES = {
    "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp",
    "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp",
    "http://www.imsglobal.org/xsd/imsss": "imsss",
    "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav",
    "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq",
}
SCHEMA_VERSIONS = {"1.2": "scorm12", "2004 4th Edition": "scorm2004", "2004 3rd Edition": "scorm2004",
                   "CAM 1.3": "scorm2004"}
ID_LIMIT = 255
CHAR_REF = re.compile(rb"&#x?[0-9a-fA-F]+;")
DEFAULT_UPLOAD_BUDGET = 50 * 1024 * 1024


def _loc(line: int | None = 0) -> Location:
    return Location(MANIFEST, line or 0, 1 if line else 0)


def safe_names(archive: zipfile.ZipFile, label: str) -> tuple[set[str], list[Diagnostic]]:
    """Entry names of a zip; names that would write outside its folder are errors."""
    names: set[str] = set()
    problems = []
    for name in archive.namelist():
        normal = posixpath.normpath(name)
        if name.startswith(("/", "\\")) or normal.startswith("..") or re.match(r"^[a-zA-Z]:", name):
            problems.append(error(Location(label), "zip-path-escape", value=name))
            continue
        if not name.endswith("/"):
            names.add(name)
    return names, problems


def check_moodle_text(raw: bytes) -> Iterator[Diagnostic]:
    """Moodle rules about the manifest's bytes: UTF-8 and no numeric character references."""
    for match in CHAR_REF.finditer(raw):
        line = raw.count(b"\n", 0, match.start()) + 1
        yield error(_loc(line), "manifest-char-ref", value=match.group().decode())
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        yield error(_loc(), "manifest-encoding")


def check_prefixes(root: etree._Element) -> Iterator[Diagnostic]:
    """Moodle matches literal names: IMS CP unprefixed, extensions with their usual prefixes."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        namespace = etree.QName(element).namespace
        if namespace in (CP12, CP2004) and element.prefix is not None:
            yield error(_loc(element.sourceline), "manifest-prefix",
                        value=f"<{etree.QName(element).localname}>", prefix=element.prefix,
                        expected="no prefix")
        for name in list(element.attrib) + [element.tag]:
            ns = etree.QName(name).namespace
            if ns in PREFIXES:
                prefix = next((p for p, uri in element.nsmap.items() if uri == ns), None)
                if prefix != PREFIXES[ns]:
                    yield error(_loc(element.sourceline), "manifest-prefix", value=ns,
                                prefix=prefix, expected=PREFIXES[ns])


def child(element: etree._Element, name: str) -> etree._Element | None:
    """First child element with a local name, in any namespace."""
    return next((c for c in element if isinstance(c.tag, str)
                 and etree.QName(c).localname == name), None)


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """Child elements with a local name, in any namespace."""
    return [c for c in element if isinstance(c.tag, str) and etree.QName(c).localname == name]


def attr(element: etree._Element, local: str) -> str | None:
    """An attribute by local name, in any namespace."""
    for name, value in element.attrib.items():
        if etree.QName(name).localname == local:
            return str(value)
    return None


def check_structure(root: etree._Element, names: set[str], version: str) -> Iterator[Diagnostic]:
    """Launch, references and files: what Moodle uses and ADL requires but the XSDs cannot say."""
    resources = {r.get("identifier"): r for r in root.iter()
                 if isinstance(r.tag, str) and etree.QName(r).localname == "resource"}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        ident = element.get("identifier")
        if ident and len(ident) > ID_LIMIT:
            yield error(_loc(element.sourceline), "manifest-id-length", value=ident[:40] + "…",
                        limit=ID_LIMIT)
        local = etree.QName(element).localname
        if local == "title" and version == "1.2" and len(element.text or "") > 200:
            yield error(_loc(element.sourceline), "manifest-title-length")
        if local == "item":
            ref = element.get("identifierref")
            has_items = bool(children(element, "item"))
            if ref and ref not in resources:
                yield error(_loc(element.sourceline), "manifest-dangling-ref",
                            what="item/@identifierref", value=ref)
            if ref and has_items:
                yield error(_loc(element.sourceline), "manifest-ref-on-parent")
            if not ref and not has_items:
                yield error(_loc(element.sourceline), "manifest-leaf-without-resource")
        for href_name in ("href",):
            href = element.get(href_name)
            if href is None or local not in ("resource", "file"):
                continue
            if href.startswith("/") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href):
                yield error(_loc(element.sourceline), "manifest-absolute-href", value=href)
                continue
            base = ""
            if local == "file":
                base = element.getparent().get("{http://www.w3.org/XML/1998/namespace}base") or ""
            path = posixpath.normpath(posixpath.join(base, href.split("#")[0].split("?")[0]))
            if path not in names:
                yield error(_loc(element.sourceline), "manifest-missing-file", value=href)
    yield from check_launch(root, resources)


def check_launch(root: etree._Element, resources: dict[str | None, etree._Element]
                 ) -> Iterator[Diagnostic]:
    """Moodle launches the default organization's first item; other LMSs the first resource."""
    organizations = child(root, "organizations")
    if organizations is None:
        yield error(_loc(), "manifest-no-organization")
        return
    default = organizations.get("default")
    orgs = {o.get("identifier"): o for o in children(organizations, "organization")}
    if default not in orgs:
        yield error(_loc(organizations.sourceline), "manifest-dangling-ref",
                    what="organizations/@default", value=default)
        return
    first = next((i for i in orgs[default].iter() if isinstance(i.tag, str)
                  and etree.QName(i).localname == "item" and i.get("identifierref")), None)
    if first is None:
        return
    resource = resources.get(first.get("identifierref"))
    if resource is None:
        return
    if attr(resource, "scormtype") != "sco" and attr(resource, "scormType") != "sco":
        yield error(_loc(resource.sourceline), "manifest-launch-not-sco")
    ordered = [r for r in resources.values() if r.get("href")]
    if ordered and ordered[0] is not resource:
        yield warning(_loc(ordered[0].sourceline), "manifest-launch-order")


CMI5_FILE = "cmi5.xml"
IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")


def check_cmi5(files: dict[str, bytes], schemas: SchemaSet) -> list[Diagnostic]:
    """A cmi5 package: cmi5.xml against the official XSD, absolute ids, AU urls in the zip."""
    raw = files[CMI5_FILE]

    def where(line: int | None) -> Location:
        return Location(CMI5_FILE, line or 0, 1 if line else 0)

    problems = [error(where(int(m.split(":")[0][5:]) if m.startswith("line ") else 0),
                      "manifest-schema", problem=m.split(": ", 1)[-1])
                for m in schemas.validate("cmi5", raw)]
    if problems:
        return problems
    root = etree.fromstring(raw, etree.XMLParser(no_network=True, resolve_entities=False))
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        ident = element.get("id")
        if ident is not None and not IRI.match(ident):
            problems.append(error(where(element.sourceline), "cmi5-id", value=ident))
        if etree.QName(element).localname == "url":
            url = (element.text or "").strip()
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
                continue
            if posixpath.normpath(url.split("?")[0].split("#")[0]) not in files:
                problems.append(error(where(element.sourceline), "manifest-missing-file",
                                      value=url))
    return problems


def check_files(files: dict[str, bytes], label: str, schemas: SchemaSet,
                upload_budget: int = DEFAULT_UPLOAD_BUDGET, size: int = 0) -> list[Diagnostic]:
    """Every problem of a package given as a map of its files."""
    names = set(files)
    if MANIFEST not in names and CMI5_FILE in names:
        problems = check_cmi5(files, schemas)
        if size > upload_budget:
            problems.append(warning(Location(label), "upload-budget", size=f"{size:,}",
                                    budget=f"{upload_budget:,}"))
        return sorted(problems)
    if MANIFEST not in names:
        nested = sorted(n for n in names if n.endswith("/" + MANIFEST))
        where = (f"it is at '{nested[0]}': zip the folder's contents, not the folder"
                 if nested else "")
        where_id = (f"manifest ada di '{nested[0]}': zip isi foldernya, bukan foldernya"
                    if nested else "")
        return [error(Location(label), "no-manifest", where=where, where_id=where_id)]
    raw = files[MANIFEST]
    problems = list(check_moodle_text(raw))
    try:
        root = etree.fromstring(raw, etree.XMLParser(no_network=True, resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        return problems + [error(_loc(exc.lineno), "manifest-xml", problem=exc.msg)]
    metadata = child(root, "metadata")
    version_el = child(metadata, "schemaversion") if metadata is not None else None
    version = version_el.text if version_el is not None and version_el.text else ""
    standard = SCHEMA_VERSIONS.get(version)
    if standard is None:
        problems.append(error(_loc(version_el.sourceline if version_el is not None else 0),
                              "manifest-schemaversion", value=version))
    else:
        problems += [error(_loc(int(m.split(":")[0][5:]) if m.startswith("line ") else 0),
                           "manifest-schema", problem=m.split(": ", 1)[-1])
                     for m in schemas.validate(standard, raw)]
    problems += check_prefixes(root)
    problems += check_structure(root, names, version)
    if size > upload_budget:
        problems.append(warning(Location(label), "upload-budget", size=f"{size:,}",
                                budget=f"{upload_budget:,}"))
    return sorted(problems)


def check_zip(path: Path, schemas: SchemaSet,
              upload_budget: int = DEFAULT_UPLOAD_BUDGET) -> list[Diagnostic]:
    """Every problem of a zip on disk. Reads it in memory; writes nothing."""
    try:
        with zipfile.ZipFile(path) as archive:
            names, problems = safe_names(archive, path.name)
            files = {n: archive.read(n) for n in names}
    except zipfile.BadZipFile:
        return [error(Location(path.name), "not-a-zip")]
    return sorted(problems + check_files(files, path.name, schemas, upload_budget,
                                         path.stat().st_size))
