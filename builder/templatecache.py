"""The built-in templates compiled once per install: Jinja's bytecode cache, for our own files only.

Compiling the learner page and the facilitator pack is a quarter of a small course's build. Jinja
can keep the compiled code between runs; here it keeps only the templates of the built-in theme
(a course's own templates are compiled every time and never written anywhere), in Jinja's private
per-user folder of the temporary directory (mode 0700, checked by Jinja). The file names carry a
fingerprint of everything the compiled code depends on besides the template's source, which Jinja
checks itself: the Jinja version, and the modules that configure the environment. A cache that
cannot be used (no temporary folder, a read-only one) is no cache: the build compiles, as always.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache

CONFIGURING = ("render.py", "i18n.py", "templatecache.py")  # what shapes the compiled code


class BuiltinTemplateCache(FileSystemBytecodeCache):
    """Jinja's file system bytecode cache, for templates under one folder only."""

    def __init__(self, folder: Path, directory: str, fingerprint: str) -> None:
        super().__init__(directory, f"coursepack-{fingerprint}-%s.cache")
        self.folder = folder

    def get_bucket(self, environment: Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        """A cached bucket for a built-in template; an empty one, never stored, for others."""
        if filename is None or not Path(filename).is_relative_to(self.folder):
            return Bucket(environment, "", "")
        return super().get_bucket(environment, name, filename, source)

    def load_bytecode(self, bucket: Bucket) -> None:
        """Read the compiled code when it is there and readable."""
        if bucket.key:
            try:
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError, TypeError):
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the compiled code when the folder takes it."""
        if bucket.key:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass


def fingerprint(env: Environment) -> str:
    """What the compiled code depends on besides its source: Jinja, the environment's options and
    the builder's modules that set them."""
    digest = hashlib.sha256(jinja2.__version__.encode())
    settings: tuple[Any, ...] = (
        type(env).__qualname__, env.block_start_string, env.variable_start_string,
        env.comment_start_string, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
        env.keep_trailing_newline, sorted(env.extensions), getattr(env, "newstyle_gettext", None))
    digest.update(repr(settings).encode())
    here = Path(__file__).parent
    for name in CONFIGURING:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def builtin_template_cache(env: Environment, folder: Path) -> BuiltinTemplateCache | None:
    """The cache for an environment's built-in templates, or None when no safe folder exists."""
    try:
        directory = FileSystemBytecodeCache().directory
        return BuiltinTemplateCache(folder.resolve(), directory, fingerprint(env))
    except (OSError, RuntimeError):
        return None
