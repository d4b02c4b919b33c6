"""Every target by name, in the order of `ALL_TARGETS`."""

from __future__ import annotations

from typing import Any

from .base import Target
from .cmi5 import Cmi5
from .facilitator import Facilitator
from .offline import Offline
from .scorm12 import Scorm12
from .scorm2004 import Scorm2004

# Each target is typed with its own edition in its module; the pipeline hands it that edition.
TARGETS: dict[str, Target[Any]] = {t.name: t for t in (
    Scorm12(), Scorm2004(), Cmi5(), Offline(), Facilitator())}
