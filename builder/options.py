"""The build's options: what the person building chose, passed as one value from the CLI."""

from __future__ import annotations

from msgspec import Struct

from .targets import ALL_TARGETS


class BuildOptions(Struct, frozen=True):
    """Targets to make, warnings as errors, PDF printing, and the base of the cmi5 ids."""

    targets: tuple[str, ...] = ALL_TARGETS
    strict: bool = False
    pdf: bool = False
    cmi5_base_iri: str | None = None  # None: made from the course id (targets/cmi5.py)
