"""The pipeline: load → validate → render → package. The only place that ties the steps together."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment

from .budgets import check_package
from .errors import CourseError, Diagnostic, UsageError, has_errors, warning
from .pdf import print_folder
from .load import load_course
from .model import Course
from .package import (LOCK_WAIT_SECONDS, REPORT_NAME, Stage, check_output_folder, locked_output,
                      reason, sha256, staged, tree_sha256, zip_bytes)
from .render import FileMap, make_environment, render_learner
from .schemas import SchemaSet
from .state import SCORM12_SUSPEND_LIMIT, course_quizzes, screens, worst_case_suspend_length
from .targets import ALL_TARGETS, cmi5, facilitator, offline, scorm12, scorm2004
from .validate import validate



@dataclass(frozen=True)
class Artifact:
    """One built package."""

    target: str
    path: Path
    data: bytes
    file_count: int
    tree_sha256: str | None = None  # a folder's digest as written (package.tree_sha256)

    def report(self, dist: Path) -> dict[str, Any]:
        """The artifact's entry in the build report."""
        entry = {"target": self.target, "path": self.path.relative_to(dist.parent).as_posix(),
                 "bytes": len(self.data), "sha256": sha256(self.data),
                 "file_count": self.file_count}
        return entry | ({"tree_sha256": self.tree_sha256} if self.tree_sha256 else {})


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
class PackageOptions:
    """Choices of the person building that change what a package contains."""

    cmi5_base_iri: str | None = None  # None: made from the course id (targets.cmi5)


@dataclass(frozen=True)
class Target:
    """How one output is made and written: as a zip, a folder, or both."""

    make: Callable[[Course, FileMap, SchemaSet, Environment, PackageOptions], FileMap]
    zip: bool
    folder: bool


def facilitator_pdfs(course: Course, folder: Path) -> list[Diagnostic]:
    """Print the facilitator pack's pages to PDF beside them; a warning if that cannot be done."""
    made = print_folder(folder, facilitator.PAGES)
    missing = [page for page in facilitator.PAGES if page.replace(".html", ".pdf") not in made]
    return [warning(course.loc, "pdf-unavailable", pages=", ".join(missing))] if missing else []


def scorm12_files(course: Course, learner: FileMap, schemas: SchemaSet,
                  env: Environment, options: PackageOptions) -> FileMap:
    """The SCORM 1.2 zip's files, schema-checked."""
    files = scorm12.package(course, learner)
    check_manifest(schemas, "scorm12", files, "imsmanifest.xml")
    return files


def scorm2004_files(course: Course, learner: FileMap, schemas: SchemaSet,
                    env: Environment, options: PackageOptions) -> FileMap:
    """The SCORM 2004 4th Edition zip's files, schema-checked."""
    files = scorm2004.package(course, learner)
    check_manifest(schemas, "scorm2004", files, "imsmanifest.xml")
    return files


def cmi5_files(course: Course, learner: FileMap, schemas: SchemaSet,
               env: Environment, options: PackageOptions = PackageOptions()) -> FileMap:
    """The cmi5 zip's files, cmi5.xml schema-checked (ids from the base IRI of the options)."""
    files = cmi5.package(course, learner, options.cmi5_base_iri)
    check_manifest(schemas, "cmi5", files, "cmi5.xml")
    return files


TARGETS: dict[str, Target] = {
    "scorm12": Target(scorm12_files, zip=True, folder=False),
    "scorm2004": Target(scorm2004_files, zip=True, folder=False),
    "cmi5": Target(cmi5_files, zip=True, folder=False),
    "offline": Target(lambda course, learner, schemas, env, options:
                      offline.package(course, learner), zip=True, folder=True),
    "facilitator": Target(lambda course, learner, schemas, env, options:
                          facilitator.render_facilitator(course, env), zip=False, folder=True),
}


@dataclass(frozen=True)
class Made:
    """One target's files and zip, made in memory before anything is written."""

    name: str
    target: Target
    files: FileMap
    data: bytes


def unchanged(path: Path, entry: dict[str, Any]) -> bool:
    """True when an artifact on disk is still the one a report entry describes."""
    if path.is_symlink():
        return False
    if path.is_file():
        return entry.get("sha256") == sha256(path.read_bytes())
    return path.is_dir() and entry.get("tree_sha256") == tree_sha256(path)


def carried_over(root: Path, rebuilt: set[str]) -> list[dict[str, Any]]:
    """Entries of the previous report whose artifacts this build keeps, checked on disk."""
    try:
        previous = json.loads((root / REPORT_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return []
    entries = previous.get("artifacts") if isinstance(previous, dict) else None
    kept: list[dict[str, Any]] = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            continue
        name = PurePosixPath(entry["path"]).name
        if name not in rebuilt and name not in {PurePosixPath(k["path"]).name for k in kept} \
                and unchanged(root / name, entry):
            kept.append(entry)
    return kept


def stage_packages(stage: Stage, course: Course, made: list[Made], dist: Path,
                   pdf: bool) -> tuple[list[Artifact], list[Diagnostic]]:
    """Write every package into the stage; the artifacts name their final place in dist/."""
    artifacts: list[Artifact] = []
    problems: list[Diagnostic] = []
    for item in made:
        if item.target.zip:
            name = f"{course.id}-{item.name}.zip"
            stage.add_file(name, item.data)
            artifacts.append(Artifact(item.name, dist / name, item.data, len(item.files)))
        if item.target.folder:
            name = f"{course.id}-{item.name}"
            folder = stage.add_tree(name, item.files)
            if pdf and item.name == "facilitator":
                problems += facilitator_pdfs(course, folder)
            artifacts.append(Artifact(f"{item.name}-folder", dist / name, item.data,
                                      len(item.files), tree_sha256(folder)))
    return artifacts, problems


def build(source: Path, dist: Path, strict: bool = False,
          targets: tuple[str, ...] = ALL_TARGETS, pdf: bool = False,
          cmi5_base_iri: str | None = None, lock_wait: float = LOCK_WAIT_SECONDS,
          waiting: Callable[[], None] = lambda: None) -> BuildResult:
    """Build every target of a course into dist/, all or nothing (see package.py).

    Usage mistakes (the output folder, SOURCE_DATE_EPOCH, a busy dist/) raise UsageError, problems
    in the course CourseError; dist/ then keeps its last complete build.
    """
    targets = tuple(dict.fromkeys(targets))  # `--target offline --target offline` is one target
    root = check_output_folder(dist, source)
    course, warnings = check_course(source, strict)
    env = make_environment(source)
    learner = render_learner(course, env)
    schemas = SchemaSet.create()
    options = PackageOptions(cmi5_base_iri)
    made: list[Made] = []
    budget_problems: list[Diagnostic] = []
    for name in targets:
        target = TARGETS[name]
        files = target.make(course, learner, schemas, env, options)
        data = zip_bytes(files)
        budget_problems += check_package(course, name, files, len(data))
        made.append(Made(name, target, files, data))
    if has_errors(budget_problems, strict):
        raise CourseError(sorted(warnings + budget_problems))
    try:
        with locked_output(root, dist, lock_wait, waiting), staged(root) as stage:
            artifacts, pdf_problems = stage_packages(stage, course, made, dist, pdf)
            warnings = sorted(warnings + budget_problems + pdf_problems)
            if has_errors(pdf_problems, strict):
                raise CourseError(warnings)
            kept = carried_over(root, set(stage.names))
            report = {
                "course": {"id": course.id, "version": course.version, "title": course.title},
                "figures": course_figures(course),
                "artifacts": [a.report(dist) for a in artifacts] + kept,
                "warnings": [d.format() for d in warnings],
            }
            stage.commit((json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError as exc:  # a full disk, a read-only or vanished folder: dist/ is as it was
        raise UsageError("output-unwritable", folder=dist, reason=reason(exc)) from exc
    return BuildResult(course, artifacts, warnings, report)


def zip_names(path: Path) -> list[str]:
    """Entry names of a zip (for reports and tests)."""
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()
