"""Size budgets, checked on the built packages before anything is written to dist/."""

from __future__ import annotations

from collections.abc import Iterator

from .errors import Diagnostic, error, warning
from .model import Course
from .files import FileMap

# All JS + CSS of a learner package, uncompressed: the one place the runtime's size is decided.
# 40 KB until issues 11 and 12 (December 2026): the look (cover, openers, persona cards, results
# chart, certificate; ~15 KB), the attempts engine (seeded draws and shuffles, drafts, one question
# per screen, summary, retakes graded by a method, answers revealed per settings; ~16 KB) and the
# sorting, ordering and matching questions (~9 KB). The article course's cmi5 package is then
# 81.5 KB (about 20 KB gzipped), which still loads at once from a USB stick or a slow LMS.
RUNTIME_BUDGET = 96 * 1024


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
