"""The cmi5 package: the learner files, the cmi5 adapter and a `cmi5.xml` course structure.

The course is one assignable unit (AU) launched at `index.html`. cmi5 identifies the course and
the AU by absolute IRIs that must stay the same across versions, so an LMS recognises an update
of a course it already has. They are made from a base IRI and the course id from the source:

    course  <base>
    AU      <base>/au/<course id>

The base defaults to `https://coursepack.example/xapi/<course id>`. A training centre that owns a
domain can pass its own base: `package(course, learner, base_iri)`, or for `coursepack build`
`--cmi5-base-iri` or the environment variable `COURSEPACK_CMI5_BASE_IRI` (read by the CLI only) (https://… or urn:…, no query or fragment).
The IRIs only have to be unique, not to resolve.
"""

from __future__ import annotations

import re

from lxml import etree

from ..files import FileMap
from ..model import Course
from ..options import BuildOptions
from ..render import LearnerCourse, LearnerEdition, with_adapter
from .base import PackageTarget

NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
DEFAULT_BASE = "https://coursepack.example/xapi/"
LAUNCH = "index.html"
# an absolute IRI with an authority (https://host/path) or a URN; no query or fragment
ABSOLUTE_IRI = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+[^\s?#]*"
                          r"|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^\s?#]+)$")


def resolve_base(course: Course | LearnerCourse, base: str | None = None) -> str:
    """The base IRI of the course's ids: the one given, or one made from the course id."""
    value = (base or DEFAULT_BASE + course.id).strip().rstrip("/")
    if not ABSOLUTE_IRI.match(value):
        raise ValueError(f"the cmi5 base IRI must be an absolute IRI without query or fragment, "
                         f"like https://example.org/xapi/{course.id}; got {value!r}")
    return value


def _text(parent: etree._Element, tag: str, text: str, lang: str) -> None:
    """A title or description: one langstring in the course language."""
    langstring = etree.SubElement(etree.SubElement(parent, f"{{{NS}}}{tag}"),
                                  f"{{{NS}}}langstring", lang=lang)
    langstring.text = text


def course_structure(course: LearnerCourse, base: str) -> bytes:
    """The cmi5.xml of a one-AU course."""
    root = etree.Element(f"{{{NS}}}courseStructure", nsmap={None: NS})
    element = etree.SubElement(root, f"{{{NS}}}course", id=base)
    _text(element, "title", course.title, course.language)
    _text(element, "description", course.description, course.language)
    # moveOn CompletedAndPassed: the course counts for the learner only once they have been
    # through it (completed, sent when the final assessment is done) and passed that final
    # assessment. A learner who finished but failed has not met the course's purpose.
    au = etree.SubElement(root, f"{{{NS}}}au", id=f"{base}/au/{course.id}",
                          moveOn="CompletedAndPassed", masteryScore=course.pass_mark.cmi5(),
                          launchMethod="AnyWindow")
    _text(au, "title", course.title, course.language)
    _text(au, "description", course.description, course.language)
    etree.SubElement(au, f"{{{NS}}}url").text = LAUNCH
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def package(course: LearnerCourse, learner: FileMap, base_iri: str | None = None) -> FileMap:
    """The files of the cmi5 zip; `base_iri` is the base of the course and AU ids."""
    files = with_adapter(learner, "cmi5")
    return {**files, "cmi5.xml": course_structure(course, resolve_base(course, base_iri))}


class Cmi5(PackageTarget[LearnerEdition]):
    """The cmi5 zip: one AU, ids from the base IRI of the options."""

    name = "cmi5"
    standard = "cmi5"
    manifest = "cmi5.xml"

    def files(self, learner: LearnerEdition, options: BuildOptions) -> FileMap:
        """The learner files, the cmi5 adapter and cmi5.xml."""
        return package(learner.view, learner.files, options.cmi5_base_iri)
