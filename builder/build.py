"""The pipeline: load → validate → render → package. The only place that ties the steps together."""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment

from .budgets import check_package
from .errors import CourseError, Diagnostic, has_errors, warning
from .pdf import print_folder
from .load import load_course
from .model import Course
from .package import sha256, staged, zip_bytes
from .render import FileMap, make_environment, render_learner
from .schemas import SchemaSet
from .state import SCORM12_SUSPEND_LIMIT, course_quizzes, screens, worst_case_suspend_length
from .targets import cmi5, facilitator, offline, scorm12, scorm2004
from .validate import validate

REPORT_NAME = "build-report.json"
ALL_TARGETS = ("scorm12", "scorm2004", "cmi5", "offline", "facilitator")
CMI5_BASE_IRI_ENV = "COURSEPACK_CMI5_BASE_IRI"  # the base of the cmi5 course and AU ids


@dataclass(frozen=True)
class Artifact:
    """One built package."""

    target: str
    path: Path
    data: bytes
    file_count: int

    def report(self, dist: Path) -> dict[str, Any]:
        """The artifact's entry in the build report."""
        return {"target": self.target, "path": self.path.relative_to(dist.parent).as_posix(),
                "bytes": len(self.data), "sha256": sha256(self.data),
                "file_count": self.file_count}


@dataclass
class BuildResult:
    """What a build produced, and the warnings it met."""

    course: Course
    artifacts: list[Artifact]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)


def check_course(source: Path, strict: bool = False) -> tuple[Course, list[Diagnostic]]:
    """Load and validate a course; raise CourseError when it cannot be built."""
    course, problems = load_course(source)
    if course is not None and not has_errors(problems):
        problems = sorted(set(problems) | set(validate(course)))
    if course is None or has_errors(problems, strict):
        raise CourseError(problems)
    return course, problems


def course_figures(course: Course) -> dict[str, Any]:
    """The course's size in the build report."""
    quizzes = course_quizzes(course)
    return {
        "modules": len(course.module_ids),
        "pages": sum(1 for s in screens(course) if s.kind == "page"),
        "screens": len(screens(course)),
        "quizzes": len(quizzes),
        "questions": sum(len(q.questions) for q in quizzes),
        "final_questions": len(course.final_assessment.questions) if course.final_assessment else 0,
        "pass_mark": course.pass_mark,
        "suspend_data_worst_case": worst_case_suspend_length(course),
        "suspend_data_limit_scorm12": SCORM12_SUSPEND_LIMIT,
    }


def check_manifest(schemas: SchemaSet, standard: str, files: FileMap, name: str) -> None:
    """A manifest we made must be valid; if not, it is a bug in the builder."""
    problems = schemas.validate(standard, files[name])
    if problems:
        raise RuntimeError(f"the generated {name} is not valid against the {standard} schemas: "
                           + "; ".join(problems[:5]))


@dataclass(frozen=True)
class Target:
    """How one output is made and written: as a zip, a folder, or both."""

    make: Callable[[Course, FileMap, SchemaSet, Environment], FileMap]
    zip: bool
    folder: bool


def facilitator_pdfs(course: Course, folder: Path) -> list[Diagnostic]:
    """Print the facilitator pack's pages to PDF beside them; a warning if that cannot be done."""
    made = print_folder(folder, facilitator.PAGES)
    missing = [page for page in facilitator.PAGES if page.replace(".html", ".pdf") not in made]
    return [warning(course.loc, "pdf-unavailable", pages=", ".join(missing))] if missing else []


def scorm12_files(course: Course, learner: FileMap, schemas: SchemaSet,
                  env: Environment) -> FileMap:
    """The SCORM 1.2 zip's files, schema-checked."""
    files = scorm12.package(course, learner)
    check_manifest(schemas, "scorm12", files, "imsmanifest.xml")
    return files


def scorm2004_files(course: Course, learner: FileMap, schemas: SchemaSet,
                    env: Environment) -> FileMap:
    """The SCORM 2004 4th Edition zip's files, schema-checked."""
    files = scorm2004.package(course, learner)
    check_manifest(schemas, "scorm2004", files, "imsmanifest.xml")
    return files


def cmi5_files(course: Course, learner: FileMap, schemas: SchemaSet,
               env: Environment) -> FileMap:
    """The cmi5 zip's files, cmi5.xml schema-checked (base IRI from the environment, if set)."""
    files = cmi5.package(course, learner, os.environ.get(CMI5_BASE_IRI_ENV) or None)
    check_manifest(schemas, "cmi5", files, "cmi5.xml")
    return files


TARGETS: dict[str, Target] = {
    "scorm12": Target(scorm12_files, zip=True, folder=False),
    "scorm2004": Target(scorm2004_files, zip=True, folder=False),
    "cmi5": Target(cmi5_files, zip=True, folder=False),
    "offline": Target(lambda course, learner, schemas, env: offline.package(course, learner),
                      zip=True, folder=True),
    "facilitator": Target(lambda course, learner, schemas, env:
                          facilitator.render_facilitator(course, env), zip=False, folder=True),
}


def build(source: Path, dist: Path, strict: bool = False,
          targets: tuple[str, ...] = ALL_TARGETS, pdf: bool = False) -> BuildResult:
    """Build every target of a course into dist/; dist/ is untouched unless all succeed."""
    course, warnings = check_course(source, strict)
    env = make_environment(source)
    learner = render_learner(course, env)
    schemas = SchemaSet.create()
    artifacts: list[Artifact] = []
    budget_problems: list[Diagnostic] = []
    with staged(dist) as stage:
        for name in targets:
            target = TARGETS[name]
            files = target.make(course, learner, schemas, env)
            data = zip_bytes(files)
            budget_problems += check_package(course, name, files, len(data))
            if target.zip:
                path = stage.add_file(f"{course.id}-{name}.zip", data)
                artifacts.append(Artifact(name, path, data, len(files)))
            if target.folder:
                path = stage.add_tree(f"{course.id}-{name}", files)
                if pdf and name == "facilitator":
                    budget_problems += facilitator_pdfs(course, stage.folder / path.name)
                artifacts.append(Artifact(f"{name}-folder", path, data, len(files)))
        warnings = sorted(warnings + budget_problems)
        if has_errors(budget_problems, strict):
            raise CourseError(warnings)
        report = {
            "course": {"id": course.id, "version": course.version, "title": course.title},
            "figures": course_figures(course),
            "artifacts": [a.report(dist) for a in artifacts],
            "warnings": [d.format() for d in warnings],
        }
        stage.add_file(REPORT_NAME, (json.dumps(report, indent=2, ensure_ascii=False)
                                     + "\n").encode("utf-8"))
        stage.commit()
    return BuildResult(course, artifacts, warnings, report)


def zip_names(path: Path) -> list[str]:
    """Entry names of a zip (for reports and tests)."""
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()
