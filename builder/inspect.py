"""Check a package zip, ours or another tool's, the way Moodle reads it, before anyone uploads it.

Every finding has a level that says what happens where (see the README, "check"):
- error: Moodle refuses the package or runs it wrongly, or the zip is hostile or damaged;
- warning: the package breaks a SCORM or cmi5 packaging rule (or another LMS's habit) that Moodle
  tolerates, so stricter LMSs may refuse it;
- info: a note, such as "an AICC package: its content is not checked".

The zip is treated as hostile: entries are streamed in small chunks within limits on the inflated
size and the compression ratio, XML is read with a capped size by a parser that refuses DTDs, and
nothing is ever written to disk.
"""

from __future__ import annotations

import posixpath
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path

from lxml import etree
from msgspec import Struct

from .errors import Diagnostic, Severity, error, info, warning
from .messages import MANIFEST_CASED, MANIFEST_NESTED, render
from .model import Location
from .schemas import SchemaSet

MANIFEST = "imsmanifest.xml"
CMI5_FILE = "cmi5.xml"
CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
CP2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
PREFIXES = {
    "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp",
    ADLCP2004: "adlcp",
    "http://www.imsglobal.org/xsd/imsss": "imsss",
    "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav",
    "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq",
}
# The values Moodle's scormlib.php recognises (anything else is read as SCORM 1.2).
SCHEMA_VERSIONS = {"1.2": "scorm12", "2004 4th Edition": "scorm2004", "2004 3rd Edition": "scorm2004",
                   "CAM 1.3": "scorm2004"}
ID_LIMIT = 255  # Moodle's scorm_scoes.identifier and .title columns
TITLE_LIMIT_12 = 200  # the SCORM 1.2 schema
STORED_BY_IDENTIFIER = ("manifest", "organization", "item")  # NOT NULL columns of scorm_scoes
CHAR_REF = re.compile(rb"&#x?[0-9a-fA-F]+;")
BARE_AMPERSAND = re.compile(rb"&(?![A-Za-z0-9_]{2,6};)")  # Moodle's pre-processing, scormlib.php
DOCTYPE = re.compile(rb"<!DOCTYPE")
URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")
DEFAULT_UPLOAD_BUDGET = 50 * 1024 * 1024
AICC_EXTENSIONS = (".crs", ".au", ".des", ".cst")
# Warnings about other LMSs or the upload, not about the packaging rules.
OTHER_WARNINGS = frozenset({"manifest-launch-order", "upload-budget"})
READABLE_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}
METHOD_NAMES = {1: "shrink", 6: "implode", 9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard",
                95: "XZ", 98: "PPMd", 99: "AES"}
CHUNK = 64 * 1024
# Every message code `check` uses on a zip (none of them comes from a course source).
CHECK_CODES = frozenset({
    "not-a-zip", "zip-path-escape", "zip-symlink", "zip-encrypted", "zip-method", "zip-corrupt",
    "zip-crc", "zip-bomb", "zip-too-big", "zip-too-many-entries", "zip-duplicate-entry",
    "xml-doctype", "xml-too-big", "no-manifest", "manifest-xml", "manifest-not-manifest",
    "manifest-encoding", "manifest-char-ref", "manifest-bare-ampersand", "manifest-schemaversion",
    "manifest-schemaversion-missing", "manifest-schemaversion-2004",
    "manifest-schemaversion-missing-2004", "manifest-schema", "manifest-prefix",
    "manifest-cp-prefix", "manifest-prefix-missing", "manifest-id-length", "manifest-title-length",
    "manifest-no-identifier",
    "manifest-title-moodle", "manifest-dangling-ref", "manifest-ref-on-parent",
    "manifest-leaf-without-resource", "manifest-absolute-href", "manifest-absolute-file",
    "manifest-missing-file", "manifest-missing-launch", "manifest-no-organization",
    "manifest-default-missing", "manifest-default-dangling", "manifest-no-launch",
    "manifest-launch-not-sco", "manifest-launch-order", "upload-budget", "cmi5-id", "cmi5-schema",
    "cmi5-missing-file", "aicc-package", "aicc-no-cst", "aicc-no-course",
    "verdict-ok-moodle", "verdict-ok-cmi5", "verdict-refused-moodle", "verdict-refused-cmi5",
    "verdict-accepted-moodle", "verdict-accepted-aicc", "verdict-accepted-cmi5", "verdict-spec",
    "verdict-other", "verdict-notes",
})


class ZipLimits(Struct, frozen=True):
    """How much of a zip `check` reads before it calls the zip hostile."""

    total_bytes: int = 1024 ** 3  # all entries inflated
    ratio: int = 100  # inflated size / packed size of one entry
    ratio_floor: int = 1024 ** 2  # entries smaller than this are never called a bomb
    entries: int = 50_000
    xml_bytes: int = 8 * 1024 ** 2  # imsmanifest.xml or cmi5.xml


class Report(Struct, frozen=True):
    """What `check` found in a zip, and what kind of package it is."""

    kind: str  # "scorm", "cmi5", "aicc" or "unknown"
    diagnostics: list[Diagnostic]
    language: str = ""  # what the launch page's <html lang> says ("" when it says nothing)


def _at(filename: str, line: int | None = 0) -> Location:
    return Location(filename, line or 0, 1 if line else 0)


def _loc(line: int | None = 0) -> Location:
    return _at(MANIFEST, line)


# -- the zip itself --------------------------------------------------------------------------------


def entry_path(name: str) -> str | None:
    """The entry's path with '\\' read as '/', or None when it would unpack outside its folder."""
    path = name.replace("\\", "/")
    normal = posixpath.normpath(path) if path else "."
    if (path.startswith("/") or re.match(r"^[a-zA-Z]:", path) or "\x00" in path
            or normal == ".." or normal.startswith("../")):
        return None
    return normal


def header_problems(entry: zipfile.ZipInfo, label: str, limits: ZipLimits) -> list[Diagnostic]:
    """What the central directory already says is wrong with one entry."""
    where, name = Location(label), entry.filename
    if entry_path(name) is None:
        return [error(where, "zip-path-escape", value=name)]
    if stat.S_ISLNK(entry.external_attr >> 16):
        return [error(where, "zip-symlink", value=name)]
    if entry.flag_bits & 0x1:
        return [error(where, "zip-encrypted", value=name)]
    if entry.compress_type not in READABLE_METHODS:
        method = METHOD_NAMES.get(entry.compress_type, str(entry.compress_type))
        return [error(where, "zip-method", value=name, method=method)]
    if (entry.file_size > limits.ratio_floor
            and entry.file_size > limits.ratio * max(entry.compress_size, 1)):
        return [error(where, "zip-bomb", value=name, size=f"{entry.file_size:,}",
                      packed=f"{entry.compress_size:,}", limit=limits.ratio)]
    return []


def inflate(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, label: str, keep: bool
            ) -> tuple[bytes, Diagnostic | None]:
    """Inflate an entry in small chunks and check its CRC; its bytes only when asked to keep them.

    zipfile never inflates more than the size the central directory declares, so a bomb that
    lies about its size stops there, and fails its CRC check.
    """
    kept = bytearray()
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(CHUNK):
                if keep:
                    kept += chunk
    except zipfile.BadZipFile as exc:
        code = "zip-crc" if str(exc).startswith("Bad CRC-32") else "zip-corrupt"
        return b"", error(Location(label), code, value=entry.filename)
    except (zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
        return b"", error(Location(label), "zip-corrupt", value=entry.filename)
    return bytes(kept), None


def read_entries(archive: zipfile.ZipFile, label: str, limits: ZipLimits
                 ) -> tuple[dict[str, bytes | None], list[Diagnostic]]:
    """Every entry's path (with the bytes of the XML files `check` reads); the zip's problems."""
    entries = archive.infolist()
    if len(entries) > limits.entries:
        return {}, [error(Location(label), "zip-too-many-entries", count=f"{len(entries):,}",
                          limit=f"{limits.entries:,}")]
    files: dict[str, bytes | None] = {}
    problems: list[Diagnostic] = []
    total, over = 0, False
    for entry in entries:
        found = header_problems(entry, label, limits)
        problems += found
        path = entry_path(entry.filename)
        if path is None or entry.is_dir():
            continue
        if path in files:
            problems.append(error(Location(label), "zip-duplicate-entry", value=entry.filename))
            continue
        files[path] = None  # its bytes are kept only for the XML files read below
        if found or over:
            continue
        total += entry.file_size
        if total > limits.total_bytes:
            over = True  # stop inflating: the rest is only named
            problems.append(error(Location(label), "zip-too-big", value=entry.filename,
                                  limit=f"{limits.total_bytes:,}"))
            continue
        xml = path in (MANIFEST, CMI5_FILE)
        if xml and entry.file_size > limits.xml_bytes:
            problems.append(error(_at(path), "xml-too-big", size=f"{entry.file_size:,}",
                                  limit=f"{limits.xml_bytes:,}"))
            continue
        data, problem = inflate(archive, entry, label, keep=xml)
        if problem is not None:
            problems.append(problem)
        elif xml:
            files[path] = data
    return files, problems


# -- XML, read as hostile input --------------------------------------------------------------------


def hardened_parser() -> etree.XMLParser:
    """An XML parser that loads no DTD, expands no entity and opens no network connection."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False)


def parse_xml(raw: bytes, filename: str) -> tuple[etree._Element | None, list[Diagnostic]]:
    """The root element of an XML file, or the located reason it is refused."""
    scan = raw
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        scan = raw.decode("utf-16", errors="replace").encode("utf-8")
    match = DOCTYPE.search(scan)
    if match:
        line = scan.count(b"\n", 0, match.start()) + 1
        return None, [error(_at(filename, line), "xml-doctype", file=filename)]
    try:
        root = etree.fromstring(raw, hardened_parser())
    except etree.XMLSyntaxError as exc:
        return None, [error(_at(filename, exc.lineno), "manifest-xml", problem=exc.msg)]
    if root.getroottree().docinfo.doctype:
        return None, [error(_at(filename, 1), "xml-doctype", file=filename)]
    return root, []


# -- SCORM manifests -------------------------------------------------------------------------------


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
            yield error(_loc(element.sourceline), "manifest-cp-prefix",
                        value=f"<{etree.QName(element).localname}>", prefix=element.prefix)
        for name in list(element.attrib) + [element.tag]:
            ns = etree.QName(name).namespace
            if ns in PREFIXES:
                prefix = next((p for p, uri in element.nsmap.items() if uri == ns), None)
                if prefix is None:
                    yield error(_loc(element.sourceline), "manifest-prefix-missing", value=ns,
                                expected=PREFIXES[ns])
                elif prefix != PREFIXES[ns]:
                    yield error(_loc(element.sourceline), "manifest-prefix", value=ns,
                                prefix=prefix, expected=PREFIXES[ns])


def child(element: etree._Element, name: str) -> etree._Element | None:
    """First child element with a local name, in any namespace."""
    return next((c for c in element if isinstance(c.tag, str)
                 and etree.QName(c).localname == name), None)


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """Child elements with a local name, in any namespace."""
    return [c for c in element if isinstance(c.tag, str) and etree.QName(c).localname == name]


def descendants(element: etree._Element, name: str) -> list[etree._Element]:
    """Descendant elements (and the element itself) with a local name, in document order."""
    return [e for e in element.iter() if isinstance(e.tag, str) and etree.QName(e).localname == name]


def attr(element: etree._Element, local: str) -> str | None:
    """An attribute by local name, in any namespace."""
    for name, value in element.attrib.items():
        if etree.QName(name).localname == local:
            return str(value)
    return None


def local_path(href: str, base: str = "") -> str:
    """The zip path an href names, without its query or fragment."""
    return posixpath.normpath(posixpath.join(base, href.split("#")[0].split("?")[0]))


def check_items(root: etree._Element, resources: Mapping[str, etree._Element],
                version: str) -> Iterator[Diagnostic]:
    """Identifiers, titles and items: the ADL rules the XSDs cannot say, at Moodle's level."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        ident = element.get("identifier")
        if ident and len(ident) > ID_LIMIT:
            yield error(_loc(element.sourceline), "manifest-id-length", value=ident[:40] + "…",
                        limit=ID_LIMIT)
        local = etree.QName(element).localname
        if ident is None and local in STORED_BY_IDENTIFIER:
            yield error(_loc(element.sourceline), "manifest-no-identifier", value=f"<{local}>")
        title = element.text or ""
        if local == "title" and len(title) > ID_LIMIT:
            yield error(_loc(element.sourceline), "manifest-title-moodle", limit=ID_LIMIT)
        elif local == "title" and version == "scorm12" and len(title) > TITLE_LIMIT_12:
            yield warning(_loc(element.sourceline), "manifest-title-length")
        if local != "item":
            continue
        ref = element.get("identifierref")
        has_items = bool(children(element, "item"))
        if ref is not None and has_items:
            yield warning(_loc(element.sourceline), "manifest-ref-on-parent")
        if ref is None and not has_items:
            yield warning(_loc(element.sourceline), "manifest-leaf-without-resource")


def check_files_listed(root: etree._Element, names: set[str], launched: set[str]
                       ) -> Iterator[Diagnostic]:
    """Resource and file hrefs: relative, and in the zip (a page Moodle launches must be)."""
    for element in descendants(root, "resource") + descendants(root, "file"):
        href = element.get("href")
        if href is None:
            continue
        is_resource = etree.QName(element).localname == "resource"
        launches = is_resource and element.get("identifier") in launched
        if href.startswith("/") or URL_SCHEME.match(href):
            yield (error(_loc(element.sourceline), "manifest-absolute-href", value=href) if launches
                   else warning(_loc(element.sourceline), "manifest-absolute-file", value=href))
            continue
        base = element.get(XML_BASE) or ""
        if not is_resource:
            base = (element.getparent().get(XML_BASE) or "") + base
        if local_path(href, base) not in names:
            yield (error(_loc(element.sourceline), "manifest-missing-launch", value=href)
                   if launches else
                   warning(_loc(element.sourceline), "manifest-missing-file", value=href))


def launchable(item: etree._Element, resources: Mapping[str, etree._Element]
               ) -> etree._Element | None:
    """The resource Moodle would launch for an item: its identifierref's resource, with an href."""
    resource = resources.get(item.get("identifierref") or "")
    return resource if resource is not None and resource.get("href") is not None else None


def moodle_launch(root: etree._Element, resources: Mapping[str, etree._Element]
                  ) -> tuple[etree._Element | None, list[Diagnostic]]:
    """The resource Moodle launches first, and how the manifest strays from ADL's rules to get it.

    Moodle (mod/scorm/datamodels/scormlib.php) starts at the organization `default` names, falls
    back to the first organization when `default` is missing or names nothing, and to the resources
    themselves when there is no organization at all.
    """
    found: list[Diagnostic] = []
    organizations = child(root, "organizations")
    orgs = children(organizations, "organization") if organizations is not None else []
    if not orgs:
        where = (organizations if organizations is not None else root).sourceline
        found.append(warning(_loc(where), "manifest-no-organization"))
        return next((r for r in resources.values() if r.get("href") is not None), None), found
    assert organizations is not None
    default = organizations.get("default")
    by_id = {o.get("identifier"): o for o in orgs}
    start = 0
    if default is None:
        found.append(warning(_loc(organizations.sourceline), "manifest-default-missing"))
    elif default not in by_id:
        found.append(warning(_loc(organizations.sourceline), "manifest-default-dangling",
                             value=default))
    else:
        start = orgs.index(by_id[default])
    for org in orgs[start:]:
        for item in descendants(org, "item"):
            resource = launchable(item, resources)
            if resource is not None:
                return resource, found
    return None, found


def check_launch(root: etree._Element, resources: Mapping[str, etree._Element]
                 ) -> tuple[set[str], list[Diagnostic]]:
    """What Moodle launches (it must be a SCO), and what Open edX and wagtail-lms launch.

    An item whose identifierref names nothing is shown without content: a warning while Moodle
    has something else to launch, an error when that leaves nothing.
    """
    first, found = moodle_launch(root, resources)
    dangling = [(item.sourceline, ref) for item in descendants(root, "item")
                if (ref := item.get("identifierref")) is not None and ref not in resources]
    level = warning if first is not None else error
    found += [level(_loc(line), "manifest-dangling-ref", value=ref) for line, ref in dangling]
    if first is None:
        return set(), found + ([] if dangling else [error(_loc(), "manifest-no-launch")])
    launched = {str(r.get("identifier")) for item in descendants(root, "item")
                if (r := launchable(item, resources)) is not None} | {str(first.get("identifier"))}
    if attr(first, "scormtype") != "sco" and attr(first, "scormType") != "sco":
        found.append(error(_loc(first.sourceline), "manifest-launch-not-sco"))
    ordered = [r for r in resources.values() if r.get("href") is not None]
    if ordered and ordered[0] is not first:
        found.append(warning(_loc(ordered[0].sourceline), "manifest-launch-order"))
    return launched, found


def check_schemaversion(root: etree._Element) -> tuple[str, list[Diagnostic]]:
    """The standard a manifest follows, and whether Moodle reads its `<schemaversion>` right."""
    metadata = child(root, "metadata")
    element = child(metadata, "schemaversion") if metadata is not None else None
    text = element.text or "" if element is not None else None
    namespaces = {etree.QName(root).namespace, *root.nsmap.values()}
    by_namespace = "scorm2004" if {CP2004, ADLCP2004} & namespaces else "scorm12"
    if text in SCHEMA_VERSIONS:
        return SCHEMA_VERSIONS[text], []
    where = _loc(element.sourceline if element is not None else root.sourceline)
    if by_namespace == "scorm2004":  # Moodle would run it as SCORM 1.2: no API_1484_11
        return by_namespace, [error(where, "manifest-schemaversion-missing-2004") if text is None
                              else error(where, "manifest-schemaversion-2004", value=text)]
    return by_namespace, [warning(where, "manifest-schemaversion-missing") if text is None
                          else warning(where, "manifest-schemaversion", value=text)]


def tolerated_ampersands(raw: bytes) -> tuple[etree._Element | None, list[Diagnostic]]:
    """Moodle escapes a bare '&' before it parses a manifest: not XML, but Moodle accepts it."""
    root, problems = parse_xml(BARE_AMPERSAND.sub(b"&amp;", raw), MANIFEST)
    if root is None:
        return parse_xml(raw, MANIFEST)
    lines = sorted({raw.count(b"\n", 0, m.start()) + 1 for m in BARE_AMPERSAND.finditer(raw)})
    return root, problems + [warning(_loc(line), "manifest-bare-ampersand") for line in lines]


def check_manifest(raw: bytes, names: set[str], schemas: SchemaSet) -> list[Diagnostic]:
    """Every problem of a SCORM manifest, with the level Moodle's behaviour gives it."""
    root, problems = parse_xml(raw, MANIFEST)
    problems_of_text = list(check_moodle_text(raw))
    if root is None and BARE_AMPERSAND.search(raw) and not DOCTYPE.search(raw):
        root, problems = tolerated_ampersands(raw)
        raw = BARE_AMPERSAND.sub(b"&amp;", raw)  # what Moodle reads
    if root is None:
        return problems
    if etree.QName(root).localname != "manifest":
        return [error(_loc(root.sourceline), "manifest-not-manifest",
                      value=f"<{etree.QName(root).localname}>")]
    problems += problems_of_text
    standard, found = check_schemaversion(root)
    problems += found
    problems += [warning(_loc(int(m.split(":")[0][5:]) if m.startswith("line ") else 0),
                         "manifest-schema", problem=m.split(": ", 1)[-1])
                 for m in schemas.validate(standard, raw)]
    problems += check_prefixes(root)
    resources = {str(r.get("identifier")): r for r in descendants(root, "resource")
                 if r.get("identifier") is not None}
    problems += check_items(root, resources, standard)
    launched, found = check_launch(root, resources)
    problems += found
    problems += check_files_listed(root, names, launched)
    return problems


# -- cmi5 and AICC ---------------------------------------------------------------------------------


def check_cmi5(raw: bytes, names: set[str], schemas: SchemaSet) -> list[Diagnostic]:
    """A cmi5 package: cmi5.xml against the official XSD, absolute ids, AU urls in the zip."""
    root, problems = parse_xml(raw, CMI5_FILE)
    if root is None:
        return problems
    problems = [error(_at(CMI5_FILE, int(m.split(":")[0][5:]) if m.startswith("line ") else 0),
                      "cmi5-schema", problem=m.split(": ", 1)[-1])
                for m in schemas.validate("cmi5", raw)]
    if problems:
        return problems
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        ident = element.get("id")
        if ident is not None and not IRI.match(ident):
            problems.append(error(_at(CMI5_FILE, element.sourceline), "cmi5-id", value=ident))
        if etree.QName(element).localname == "url":
            url = (element.text or "").strip()
            if URL_SCHEME.match(url):
                continue
            if local_path(url) not in names:
                problems.append(error(_at(CMI5_FILE, element.sourceline), "cmi5-missing-file",
                                      value=url))
    return problems


def aicc_files(names: set[str]) -> list[str]:
    """The AICC course-structure files of a zip."""
    return sorted(n for n in names if n.lower().endswith(AICC_EXTENSIONS))


def check_aicc(names: set[str], label: str) -> list[Diagnostic]:
    """An AICC package: Moodle accepts it when a `.cst` file is there, reads it from `.crs`."""
    files = aicc_files(names)
    where = Location(label)
    if not any(n.endswith(".cst") for n in files):  # Moodle's test is case-sensitive
        return [error(where, "aicc-no-cst", files=", ".join(files[:4]))]
    found = [info(where, "aicc-package", files=", ".join(files[:4]))]
    if not any(n.lower().endswith(".crs") for n in files):
        found.append(error(where, "aicc-no-course"))
    return found


# -- whole packages --------------------------------------------------------------------------------


def package_kind(names: set[str]) -> str:
    """What a zip holds, read the way Moodle tells packages apart."""
    if MANIFEST in names:
        return "scorm"
    if CMI5_FILE in names:
        return "cmi5"
    return "aicc" if aicc_files(names) else "unknown"


def check_package(kind: str, names: set[str], xml: Mapping[str, bytes | None], label: str,
                  schemas: SchemaSet) -> list[Diagnostic]:
    """Every problem of a package, given its paths and the bytes of its manifest."""
    if kind == "aicc":
        return check_aicc(names, label)
    if kind == "unknown":
        nested = sorted(n for n in names if n.endswith("/" + MANIFEST))
        cased = sorted(n for n in names if n.lower() == MANIFEST)
        where = MANIFEST_NESTED if nested else MANIFEST_CASED if cased else ""
        path = (nested or cased or [""])[0]
        return [error(Location(label), "no-manifest", where=where, path=path)]
    filename = MANIFEST if kind == "scorm" else CMI5_FILE
    raw = xml.get(filename)
    if raw is None:  # unreadable: the zip's own problems say why
        return []
    if kind == "cmi5":
        return check_cmi5(raw, names, schemas)
    return check_manifest(raw, names, schemas)


def budget_problems(label: str, size: int, upload_budget: int) -> list[Diagnostic]:
    """A warning when the zip is bigger than the upload budget."""
    if size <= upload_budget:
        return []
    return [warning(Location(label), "upload-budget", size=f"{size:,}", budget=f"{upload_budget:,}")]


def check_files(files: Mapping[str, bytes], label: str, schemas: SchemaSet,
                upload_budget: int = DEFAULT_UPLOAD_BUDGET, size: int = 0) -> list[Diagnostic]:
    """Every problem of a package given as a map of its files."""
    names = set(files)
    problems = check_package(package_kind(names), names, files, label, schemas)
    return sorted(problems + budget_problems(label, size, upload_budget))


LAUNCH_PAGE = "index.html"
HTML_LANG = re.compile(rb"<html\b[^>]*?\slang=[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)",
                       re.IGNORECASE)


def page_language(archive: zipfile.ZipFile) -> str:
    """The language the package's index.html declares in its first 4 KiB; "" when it declares none
    or cannot be read (its problems are reported by the checks, not here)."""
    try:
        with archive.open(archive.getinfo(LAUNCH_PAGE)) as page:
            head = page.read(4096)
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError):
        return ""
    found = HTML_LANG.search(head)
    return found.group(1).decode("ascii") if found else ""


def inspect_zip(path: Path, schemas: SchemaSet, upload_budget: int = DEFAULT_UPLOAD_BUDGET,
                limits: ZipLimits = ZipLimits()) -> Report:
    """Every problem of a zip on disk and what kind of package it is. Streams it; writes nothing."""
    label = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            files, problems = read_entries(archive, label, limits)
            language = page_language(archive) if files else ""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError,
            struct.error, OverflowError):
        return Report("unknown", [error(Location(label), "not-a-zip")])
    names = set(files)
    kind = package_kind(names)
    if names or not problems:  # a zip with too many entries is not even listed
        problems += check_package(kind, names, files, label, schemas)
    problems += budget_problems(label, path.stat().st_size, upload_budget)
    return Report(kind, sorted(problems), language)


def check_zip(path: Path, schemas: SchemaSet, upload_budget: int = DEFAULT_UPLOAD_BUDGET,
              limits: ZipLimits = ZipLimits()) -> list[Diagnostic]:
    """Every problem of a zip on disk. Streams it; writes nothing."""
    return inspect_zip(path, schemas, upload_budget, limits).diagnostics


def verdict(report: Report, lang: str = "en") -> str:
    """The plain-words summary of a report: who will accept the package, and what else was found."""
    found = report.diagnostics
    errors = sum(d.severity is Severity.ERROR for d in found)
    spec = sum(d.severity is Severity.WARNING and d.code not in OTHER_WARNINGS for d in found)
    other = sum(d.severity is Severity.WARNING and d.code in OTHER_WARNINGS for d in found)
    notes = sum(d.severity is Severity.INFO for d in found)
    lms = "cmi5" if report.kind == "cmi5" else "moodle"
    if not found:
        return render(f"verdict-ok-{lms}", {}, lang)[0]
    if errors:
        head = render(f"verdict-refused-{lms}", _count(errors), lang)[0]
    else:
        head = render("verdict-accepted-aicc" if report.kind == "aicc"
                      else f"verdict-accepted-{lms}", {}, lang)[0]
    parts = [render(code, _count(n), lang)[0] for code, n in
             (("verdict-spec", spec), ("verdict-other", other), ("verdict-notes", notes)) if n]
    return "; ".join([head, *parts])


def _count(n: int) -> dict[str, object]:
    return {"count": n, "s": "" if n == 1 else "s"}
