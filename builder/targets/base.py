"""What a target is: a name, its outputs, its audience's edition in, its files out, a finishing hook."""

from __future__ import annotations

from pathlib import Path
from typing import Generic, Protocol, TypeVar

from jinja2 import Environment
from msgspec import Struct

from ..errors import Diagnostic
from ..files import FileMap
from ..options import BuildOptions
from ..render import Converter
from ..resolve import ResolvedCourse

EditionT = TypeVar("EditionT", contravariant=True)


class FacilitatorEdition(Struct, frozen=True):
    """What the facilitator pack is made from: the resolved course, the course's templates and
    the build's Markdown converter."""

    course: ResolvedCourse
    env: Environment
    converter: Converter | None = None


class Target(Protocol[EditionT]):
    """One output of a build; the pipeline asks it, never which one it is.

    A target receives its audience's edition and nothing else: a learner target (`learner`) the
    `LearnerEdition` of render.py (the learner view and the rendered learner files, no notes or
    answers), the facilitator pack the `FacilitatorEdition`.
    """

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
        """A learner package: it gets the learner edition; the runtime and package budgets apply."""

    @property
    def standard(self) -> str | None:
        """The schema set its manifest is checked against (schemas.py), if any."""

    @property
    def manifest(self) -> str | None:
        """The manifest's file name in the package, if any."""

    def files(self, edition: EditionT, options: BuildOptions) -> FileMap:
        """Every file of the package, made from the edition alone."""

    def finish(self, edition: EditionT, folder: Path, options: BuildOptions) -> list[Diagnostic]:
        """Work done on the written folder (printing, say); its warnings."""


class PackageTarget(Generic[EditionT]):
    """Defaults for a target: a learner zip with nothing to finish."""

    name = ""
    zip = True
    folder = False
    learner = True
    standard: str | None = None
    manifest: str | None = None

    def finish(self, edition: EditionT, folder: Path, options: BuildOptions) -> list[Diagnostic]:
        """Nothing to do on the written folder."""
        return []
