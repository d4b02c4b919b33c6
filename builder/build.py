"""The pipeline: load → validate → resolve → render → package. The only place that ties them."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment
from msgspec import Struct, field

from .budgets import check_package
from .errors import CourseError, Diagnostic, UsageError, has_errors
from .files import FileMap, package_name
from .load import load_course
from .model import Course
from .options import BuildOptions
from .package import (LOCK_WAIT_SECONDS, REPORT_NAME, Stage, check_output_folder, locked_output,
                      reason, sha256, staged, tree_sha256, zip_bytes)
from .render import (Converter, LearnerEdition, make_environment, render_learner,
                     render_learner_edition)
from .resolve import ResolvedCourse, resolve
from .schemas import SchemaSet
from .state import SCORM12_SUSPEND_LIMIT, worst_case_suspend_length
from .targets.base import FacilitatorEdition, Target
from .targets.registry import TARGETS
from .validate import validate

__all__ = ["BuildOptions", "build", "check_course", "make_environment", "render_learner"]


class Artifact(Struct, frozen=True):
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


class BuildResult(Struct):
    """What a build produced, and the warnings it met."""

    course: Course
    artifacts: list[Artifact]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)


def check_and_resolve(source: Path, strict: bool = False, converter: Converter | None = None
                      ) -> tuple[ResolvedCourse, list[Diagnostic]]:
    """Load, resolve and validate a course; raise CourseError when it cannot be built."""
    course, problems = load_course(source)
    if course is None or has_errors(problems):
        raise CourseError(problems)
    resolved = resolve(course)
    problems = sorted(set(problems) | set(validate(course, resolved, converter)))
    if has_errors(problems, strict):
        raise CourseError(problems)
    return resolved, problems


def check_course(source: Path, strict: bool = False) -> tuple[Course, list[Diagnostic]]:
    """Load and validate a course; raise CourseError when it cannot be built."""
    resolved, problems = check_and_resolve(source, strict)
    return resolved.course, problems


def course_figures(course: ResolvedCourse) -> dict[str, Any]:
    """The course's size in the build report."""
    return {
        "modules": len(course.course.module_ids),
        "pages": sum(1 for s in course.screens if s.kind == "page"),
        "screens": len(course.screens),
        "quizzes": len(course.quizzes),
        "questions": len(course.questions),
        "final_questions": len(course.final.questions) if course.final else 0,
        "pass_mark": course.pass_mark.percent,
        "suspend_data_worst_case": worst_case_suspend_length(course),
        "suspend_data_limit_scorm12": SCORM12_SUSPEND_LIMIT,
    }


def check_manifest(schemas: SchemaSet, target: Target[Any], files: FileMap) -> None:
    """A manifest we made must be valid; if not, it is a bug in the builder."""
    if target.standard is None or target.manifest is None:
        return
    problems = schemas.validate(target.standard, files[target.manifest])
    if problems:
        raise RuntimeError(f"the generated {target.manifest} is not valid against the "
                           f"{target.standard} schemas: " + "; ".join(problems[:5]))


class Editions:
    """Each audience's edition, made when the first target of that audience asks for it."""

    def __init__(self, course: ResolvedCourse, env: Environment, converter: Converter) -> None:
        self.course = course
        self.env = env
        self.converter = converter  # the check's: texts it converted are not converted again

    @cached_property
    def learner(self) -> LearnerEdition:
        """The learner view and the rendered learner files (every learner target shares them)."""
        return render_learner_edition(self.course, self.env, self.converter)

    @cached_property
    def facilitator(self) -> FacilitatorEdition:
        """What the facilitator pack is made from."""
        return FacilitatorEdition(self.course, self.env, self.converter)

    def edition(self, target: Target[Any]) -> Any:
        """The edition of the target's audience: a learner target never sees the facilitator's."""
        return self.learner if target.learner else self.facilitator


def make_files(target: Target[Any], edition: Any, options: BuildOptions,
               schemas: SchemaSet) -> FileMap:
    """One target's files in memory, its manifest schema-checked."""
    files: FileMap = target.files(edition, options)
    check_manifest(schemas, target, files)
    return files


class Made(Struct, frozen=True):
    """One target's files and zip, made in memory before anything is written."""

    target: Target[Any]
    edition: Any  # the edition it was made from (Editions.edition), for its finishing hook
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


def stage_packages(stage: Stage, course: ResolvedCourse, made: list[Made], dist: Path,
                   options: BuildOptions) -> tuple[list[Artifact], list[Diagnostic]]:
    """Write every package into the stage; the artifacts name their final place in dist/."""
    artifacts: list[Artifact] = []
    problems: list[Diagnostic] = []
    for item in made:
        name = package_name(course.course.id, item.target.name)
        if item.target.zip:
            stage.add_file(f"{name}.zip", item.data)
            artifacts.append(Artifact(item.target.name, dist / f"{name}.zip", item.data,
                                      len(item.files)))
        if item.target.folder:
            folder = stage.add_tree(name, item.files)
            problems += item.target.finish(item.edition, folder, options)
            artifacts.append(Artifact(f"{item.target.name}-folder", dist / name, item.data,
                                      len(item.files), tree_sha256(folder)))
    return artifacts, problems


def build(source: Path, dist: Path, options: BuildOptions = BuildOptions(),
          lock_wait: float = LOCK_WAIT_SECONDS,
          waiting: Callable[[], None] = lambda: None) -> BuildResult:
    """Build the chosen targets of a course into dist/, all or nothing (see package.py).

    Usage mistakes (the output folder, SOURCE_DATE_EPOCH, a busy dist/) raise UsageError, problems
    in the course CourseError; dist/ then keeps its last complete build.
    """
    root = check_output_folder(dist, source)
    converter = Converter()
    resolved, warnings = check_and_resolve(source, options.strict, converter)
    course = resolved.course
    editions = Editions(resolved, make_environment(source, course.language), converter)
    schemas = SchemaSet.create()
    made: list[Made] = []
    budget_problems: list[Diagnostic] = []
    # `--target offline --target offline` is one target
    for target in (TARGETS[name] for name in dict.fromkeys(options.targets)):
        edition = editions.edition(target)
        files = make_files(target, edition, options, schemas)
        data = zip_bytes(files)
        budget_problems += check_package(course, target.name, target.learner, files, len(data))
        made.append(Made(target, edition, files, data))
    if has_errors(budget_problems, options.strict):
        raise CourseError(sorted(warnings + budget_problems))
    try:
        with locked_output(root, dist, lock_wait, waiting), staged(root) as stage:
            artifacts, finish_problems = stage_packages(stage, resolved, made, dist, options)
            warnings = sorted(warnings + budget_problems + finish_problems)
            if has_errors(finish_problems, options.strict):
                raise CourseError(warnings)
            kept = carried_over(root, set(stage.names))
            report = {
                "course": {"id": course.id, "version": course.version, "title": course.title},
                "figures": course_figures(resolved),
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
