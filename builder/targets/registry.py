"""Every target by name, in the order of `ALL_TARGETS`."""

from __future__ import annotations

from .base import Target
from .cmi5 import Cmi5
from .facilitator import Facilitator
from .offline import Offline
from .scorm12 import Scorm12
from .scorm2004 import Scorm2004

TARGETS: dict[str, Target] = {t.name: t for t in (
    Scorm12(), Scorm2004(), Cmi5(), Offline(), Facilitator())}
