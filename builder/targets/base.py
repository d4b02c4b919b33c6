"""What a target is: a name, its outputs (zip, folder), its files, its manifest, a finishing hook."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from jinja2 import Environment

from ..errors import Diagnostic
from ..files import FileMap
from ..options import BuildOptions
from ..render import LearnerEdition
from ..resolve import ResolvedCourse


class Target(Protocol):
    """One output of a build; the pipeline asks it, never which one it is."""

    @property
    def name(self) -> str:
        """The name on the command line and in the artifact's file name."""

    @property
    def zip(self) -> bool:
        """Written as `<course id>-<name>.zip`."""

    @property
    def folder(self) -> bool:
        """Written as `<course id>-<name>/`."""

    @property
    def learner(self) -> bool:
        """A learner package: the runtime and package budgets apply."""

    @property
    def standard(self) -> str | None:
        """The schema set its manifest is checked against (schemas.py), if any."""

    @property
    def manifest(self) -> str | None:
        """The manifest's file name in the package, if any."""

    def files(self, course: ResolvedCourse, learner: LearnerEdition, options: BuildOptions,
              env: Environment) -> FileMap:
        """Every file of the package; a learner target reads the learner edition alone."""

    def finish(self, course: ResolvedCourse, folder: Path, options: BuildOptions
               ) -> list[Diagnostic]:
        """Work done on the written folder (printing, say); its warnings."""


class PackageTarget:
    """Defaults for a target: a learner zip with nothing to finish."""

    name = ""
    zip = True
    folder = False
    learner = True
    standard: str | None = None
    manifest: str | None = None

    def finish(self, course: ResolvedCourse, folder: Path, options: BuildOptions
               ) -> list[Diagnostic]:
        """Nothing to do on the written folder."""
        return []
