"""Compiled built-in templates, kept between builds: in this process and in the user's cache folder.

Compiling the learner and facilitator templates is the largest single cost of a build, and their
compiled code depends only on the template's text and the Jinja environment's settings. Only the
templates this package ships go through here (render.BuiltinTemplates): a course's own templates
are untrusted, compiled on every build, and nothing of a course is ever written to the cache.

The cache folder is `$COURSEPACK_CACHE_DIR`, else `$XDG_CACHE_HOME/coursepack`, else
`~/.cache/coursepack`, with one subfolder per coursepack, Jinja and Python version. Files are
written atomically (a temporary file, then `os.replace`); a folder that cannot be read or written
(a read-only home, a full disk) only means that the template is compiled again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from types import CodeType

from jinja2 import Environment
from jinja2 import __version__ as jinja_version

from . import __version__

CACHE_DIR_ENV = "COURSEPACK_CACHE_DIR"
MAGIC = b"coursepack compiled template 1\n"
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
    return Path(base) / (f"templates-{__version__}-jinja{jinja_version}-"
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
        if path is not None:
            write_code(path, code)
    if len(_memory) >= MEMORY_LIMIT:
        _memory.clear()
    _memory[key] = code
    return code
