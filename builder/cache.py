"""Compiled built-in templates, kept between builds: in this process and in the user's cache folder.

Compiling the learner and facilitator templates is the largest single cost of a build, and their
compiled code depends only on the template's text and the Jinja environment's settings. Only the
templates this package ships go through here (render.BuiltinTemplates): a course's own templates
are untrusted, compiled on every build, and nothing of a course is ever written to the cache.

The cache folder is `$COURSEPACK_CACHE_DIR`, else `$XDG_CACHE_HOME/coursepack`, else
`~/.cache/coursepack`, with one subfolder per coursepack, Jinja and Python version. Files are
written atomically (a temporary file, then `os.replace`); a folder that cannot be read or written
(a read-only home, a full disk) only means that the template is compiled again.

The cache stays small: whenever a template is stored, its folder keeps the KEEP most recently
written ones (a release ships about 30; editing templates makes new ones), and other versions'
folders not written to for STALE_DAYS are removed. A template pruned while still in use is only
compiled again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import shutil
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from types import CodeType

from jinja2 import Environment
from jinja2 import __version__ as jinja_version

from . import __version__

CACHE_DIR_ENV = "COURSEPACK_CACHE_DIR"
MAGIC = b"coursepack compiled template 1\n"
KEEP = 200  # compiled templates kept in one version's folder
STALE_DAYS = 30  # another version's folder untouched this long is removed
FOLDER_PREFIX = "templates-"
# the name cache_folder() gives a version's folder: only such a folder is ever removed
VERSION_FOLDER = re.compile(r"templates-[^/]+-jinja[^/]+-[a-z0-9_-]+-\d+\.\d+\.\d+")
MEMORY_LIMIT = 256  # compiled templates kept in the process (a few dozen are ever used)
# The compiled code of each template already loaded in this process, by cache key: tests,
# `coursepack preview` and the classroom build many times in one process.
_memory: dict[str, CodeType] = {}


def cache_folder(environ: Mapping[str, str]) -> Path | None:
    """This version's folder of compiled templates (None when no folder can be named)."""
    base = environ.get(CACHE_DIR_ENV)
    if not base:
        xdg = environ.get("XDG_CACHE_HOME")
        if xdg and os.path.isabs(xdg):
            base = os.path.join(xdg, "coursepack")
        else:
            home = os.path.expanduser("~")
            if not os.path.isabs(home):
                return None
            base = os.path.join(home, ".cache", "coursepack")
    python = ".".join(str(n) for n in sys.version_info[:3])
    return Path(base) / (f"{FOLDER_PREFIX}{__version__}-jinja{jinja_version}-"
                         f"{sys.implementation.cache_tag}-{python}")


def simple(value: object) -> str:
    """A setting as stable text: a value as it is, a function by its qualified name."""
    if value is None or isinstance(value, (str, int, float, bool, tuple)):
        return repr(value)
    return f"{type(value).__module__}.{getattr(value, '__qualname__', type(value).__qualname__)}"


def environment_settings(env: Environment, name: str) -> str:
    """Everything in an environment that a template's compiled code depends on."""
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    settings = (
        type(env).__module__, type(env).__qualname__,
        env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
        env.newline_sequence, env.keep_trailing_newline, env.optimized, env.is_async, autoescape,
        simple(env.finalize), simple(env.code_generator_class),
        getattr(env, "newstyle_gettext", None),
        sorted(env.extensions),
        sorted((k, simple(v)) for k, v in env.policies.items()),
        # filters and tests: compiled code names them and may fold constants through them
        sorted((k, simple(v), simple(getattr(v, "jinja_pass_arg", None)))
               for k, v in env.filters.items()),
        sorted((k, simple(v)) for k, v in env.tests.items()),
    )
    return repr(settings)


def cache_key(env: Environment, name: str, filename: str, source: str) -> str:
    """The key of a template's compiled code: its text, its name and file, the settings."""
    text = "\0".join((environment_settings(env, name), name, filename, source))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def read_code(path: Path) -> CodeType | None:
    """Compiled code from the cache folder; None when absent, unreadable or not ours."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(MAGIC):
        return None
    try:
        code = marshal.loads(data[len(MAGIC):])
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def write_code(path: Path, code: CodeType) -> None:
    """Store compiled code atomically; any error only means it is not stored."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with open(temporary, "xb") as file:
            file.write(MAGIC + marshal.dumps(code))
        os.replace(temporary, path)
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def only_templates(folder: Path) -> bool:
    """True when a folder holds nothing but compiled templates (and their temporary files): a
    folder that looks like ours but holds anything else is not ours to remove."""
    return all(entry.is_file(follow_symlinks=False) and entry.name.endswith((".code", ".tmp"))
               for entry in os.scandir(folder))


def prune(folder: Path, keep: int = KEEP, now: float | None = None) -> None:
    """Keep a version's folder to its `keep` most recently written templates and remove the other
    versions' folders beside it that were not written to for STALE_DAYS. Best effort: another
    build may be pruning at the same time, and nothing here may stop a build."""
    now = time.time() if now is None else now
    try:
        codes = sorted((entry.stat().st_mtime, entry.name) for entry in os.scandir(folder)
                       if entry.name.endswith(".code") and entry.is_file(follow_symlinks=False))
        for _, name in codes[:max(len(codes) - keep, 0)]:
            (folder / name).unlink(missing_ok=True)
        for entry in os.scandir(folder.parent):
            if (VERSION_FOLDER.fullmatch(entry.name) and entry.name != folder.name
                    and entry.is_dir(follow_symlinks=False)
                    and now - entry.stat(follow_symlinks=False).st_mtime > STALE_DAYS * 86400
                    and only_templates(Path(entry.path))):
                shutil.rmtree(entry.path, ignore_errors=True)
    except OSError:
        pass


def compiled_template(env: Environment, name: str, filename: str, source: str) -> CodeType:
    """The compiled code of a built-in template: from memory, else the cache folder, else
    compiled now and stored in both."""
    key = cache_key(env, name, filename, source)
    code = _memory.get(key)
    if code is not None:
        return code
    folder = cache_folder(os.environ)
    path = folder / f"{key}.code" if folder is not None else None
    code = read_code(path) if path is not None else None
    if code is None:
        code = env.compile(source, name, filename)
        if path is not None and folder is not None:
            write_code(path, code)
            prune(folder, KEEP)
    if len(_memory) >= MEMORY_LIMIT:
        _memory.clear()
    _memory[key] = code
    return code
