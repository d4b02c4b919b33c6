"""The interface's words in the course's language: gettext catalogs compiled by Babel (make i18n)."""

from __future__ import annotations

import gettext
import os
from functools import lru_cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # the diagnostics read catalogs too, and must not pay for importing Jinja
    from pathlib import Path

    from jinja2 import Environment

DOMAIN = "messages"
DIAGNOSTICS = "diagnostics"  # what the command line prints (builder/messages.py): its own domain
# The msgids are English: an English course needs no catalog, and a missing one falls back to it.
SOURCE_LANGUAGE = "en"


def locale_dir() -> Path:
    """The folder of the compiled catalogs (builder/locale/<language>/LC_MESSAGES/messages.mo)."""
    from pathlib import Path  # not for `--version` and `--help`, which call languages() only

    return Path(__file__).resolve().parent / "locale"


def languages(domain: str = DOMAIN) -> tuple[str, ...]:
    """The languages a domain speaks: English plus every compiled catalog of it."""
    folder = os.path.join(os.path.dirname(os.path.realpath(__file__)), "locale")
    try:
        names = os.listdir(folder)
    except OSError:
        names = []
    found = {name for name in names
             if os.path.isfile(os.path.join(folder, name, "LC_MESSAGES", f"{domain}.mo"))}
    return tuple(sorted(found | {SOURCE_LANGUAGE}))


def primary(language: str) -> str:
    """The catalog name of a course language tag: 'id-ID' and 'id_ID' read the 'id' catalog."""
    return language.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=8)
def translations(language: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The compiled catalog of a language in a domain; English (the msgids) when there is none.

    Only a catalog this package ships is read: a course's `language` never names a path.
    """
    code = primary(language)
    if code not in languages(domain):
        return gettext.NullTranslations()
    return gettext.translation(domain, str(locale_dir()), languages=[code], fallback=True)


def install(env: Environment, language: str) -> None:
    """Gives a Jinja environment `_`, `gettext` and `ngettext` in the course's language."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
