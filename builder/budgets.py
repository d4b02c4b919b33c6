"""Size budgets, checked on the built packages before anything is written to dist/."""

from __future__ import annotations

from collections.abc import Iterator

from .errors import Diagnostic, error, warning
from .model import Course
from .files import FileMap

# All JS + CSS of a learner package, uncompressed. 40 KB until issue 12: the learner edition's look
# (cover, module openers, persona cards, results chart, certificate) adds about 15 KB of CSS and
# JS, and the cmi5 package was already at 39 KB; 64 KB still loads at once from a USB stick or
# a slow LMS (about 12 KB gzipped), and leaves room for the new question types and attempts.
RUNTIME_BUDGET = 64 * 1024


def runtime_bytes(files: FileMap) -> int:
    """Bytes of every script and stylesheet in a package."""
    return sum(len(data) for name, data in files.items() if name.endswith((".js", ".css")))


def check_package(course: Course, target: str, learner: bool, files: FileMap, zip_size: int
                  ) -> Iterator[Diagnostic]:
    """A package's runtime and package budgets (learner packages), and its upload budget."""
    loc = course.budgets.loc if course.budgets.loc.line else course.loc
    if learner:
        size = runtime_bytes(files)
        if size > RUNTIME_BUDGET:
            yield error(loc, "runtime-budget", target=target, size=size, budget=RUNTIME_BUDGET)
        package_budget = course.budgets.package_kb * 1024
        if package_budget and zip_size > package_budget:
            yield error(loc, "package-budget", target=target, size=zip_size, budget=package_budget)
    upload_budget = course.budgets.upload_mb * 1024 * 1024
    if zip_size > upload_budget:
        yield warning(loc, "upload-budget-course", target=target, size=zip_size,
                      budget=upload_budget)
