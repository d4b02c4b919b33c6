"""The `coursepack` command line. The only module that prints or chooses exit codes.

Exit codes: 0 ok, 1 problems in the course (or warnings with --strict), 2 usage, 3 internal error.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from .build import ALL_TARGETS, CMI5_BASE_IRI_ENV, build, check_course
from .errors import CourseError, Diagnostic, Severity, has_errors
from .inspect import check_zip
from .schemas import SchemaSet
from .targets.cmi5 import ABSOLUTE_IRI

SCAFFOLD = Path(__file__).parent / "scaffold"

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EPILOG = "exit codes: 0 ok, 1 problems in the course, 2 usage error, 3 internal error"


def parser() -> argparse.ArgumentParser:
    """The argument parser with its subcommands."""
    main = argparse.ArgumentParser(prog="coursepack", epilog=EPILOG,
                                   description="Build course packages from plain-text sources.")
    main.add_argument("--traceback", action="store_true",
                      help="show the full trace of an internal error")
    main.add_argument("--lang", choices=("en", "id"),
                      help="language of messages (default: the course's language if en or id, "
                           "else English)")
    commands = main.add_subparsers(dest="command", required=True)

    build_cmd = commands.add_parser("build", help="check the course and build every package",
                                    epilog=EPILOG)
    build_cmd.add_argument("source", nargs="?", default="course_src", type=Path,
                           help="the course folder (default: course_src)")
    build_cmd.add_argument("-o", "--out", default="dist", type=Path,
                           help="the output folder (default: dist)")
    build_cmd.add_argument("--target", action="append", choices=ALL_TARGETS,
                           help="build only this target (repeatable; default: all)")
    build_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build_cmd.add_argument("--cmi5-base-iri", metavar="IRI",
                           help="base of the cmi5 course and AU ids, e.g. https://example.org/xapi/"
                                "<course-id> (default: $COURSEPACK_CMI5_BASE_IRI, else "
                                "https://coursepack.example/xapi/<course-id>)")
    build_cmd.add_argument("--pdf", action="store_true",
                           help="also print the facilitator pack to PDF with a local Chromium")

    check_cmd = commands.add_parser(
        "check", epilog=EPILOG,
        help="check a course folder without building, or a built SCORM zip before upload")
    check_cmd.add_argument("source", nargs="?", default="course_src", type=Path,
                           help="a course folder or a .zip package (default: course_src)")
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_cmd.add_argument("--upload-budget", type=float, default=50, metavar="MB",
                           help="warn when a zip is bigger than this many MB (default: 50)")

    preview_cmd = commands.add_parser(
        "preview", epilog=EPILOG,
        help="serve the course on 127.0.0.1, rebuild on every save and reload the browser")
    preview_cmd.add_argument("source", nargs="?", default="course_src", type=Path)
    preview_cmd.add_argument("--port", type=int, default=8000,
                             help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")

    from .classroom.cli import add_parser as add_classroom  # argparse only: no server imports

    add_classroom(commands, EPILOG)

    new_cmd = commands.add_parser("new", help="start a new course from a scaffold that builds",
                                  epilog=EPILOG)
    new_cmd.add_argument("folder", type=Path, help="the new course folder (must not exist or be empty)")
    return main


def print_diagnostics(diagnostics: Sequence[Diagnostic], lang: str) -> None:
    """Every diagnostic, sorted, then a count."""
    for diagnostic in sorted(diagnostics):
        print(diagnostic.format(lang), file=sys.stderr)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if diagnostics:
        count = (f"{errors} galat, {warnings} peringatan" if lang == "id"
                 else f"{errors} error(s), {warnings} warning(s)")
        print(count, file=sys.stderr)


def course_language(source: Path) -> str:
    """The `language:` of a course file, read leniently (the file may be broken)."""
    try:
        text = (source / "course.yaml").read_text("utf-8", errors="replace")
    except OSError:
        return "en"
    match = re.search(r"^language:\s*['\"]?([A-Za-z]{2,3})", text, re.MULTILINE)
    return "id" if match and match[1].lower() in ("id", "ind") else "en"


def message_language(args: argparse.Namespace) -> str:
    """--lang, else the course's language."""
    if args.lang:
        return str(args.lang)
    source = getattr(args, "source", None)
    return course_language(source) if isinstance(source, Path) and source.is_dir() else "en"


def run(args: argparse.Namespace, lang: str) -> int:
    """Carry out one command."""
    if args.command == "build":
        targets = tuple(args.target) if args.target else ALL_TARGETS
        result = build(args.source, args.out, strict=args.strict, targets=targets, pdf=args.pdf)
        print_diagnostics(result.diagnostics, lang)
        for artifact in result.artifacts:
            print(f"built {artifact.path} ({len(artifact.data):,} bytes, "
                  f"{artifact.file_count} files)")
        return EXIT_OK
    if args.command == "check":
        return check(args.source, args.strict, int(args.upload_budget * 1024 * 1024), lang)
    if args.command == "new":
        return new_course(args.folder)
    if args.command == "classroom":
        from .classroom import serve  # the server's imports are only paid for by this command

        return serve.run(args, lang, lambda line: print(line, flush=True),
                         lambda line: print(line, file=sys.stderr, flush=True))
    if args.command == "preview":
        from . import preview  # the server's imports are only paid for by this command

        preview.serve(args.source, args.port, lang, lambda line: print(line, flush=True))
        return EXIT_OK
    return EXIT_USAGE


def check(source: Path, strict: bool, upload_budget: int, lang: str) -> int:
    """Check a course folder, or a zip package before upload."""
    if source.suffix.lower() == ".zip" or source.is_file():
        if not source.is_file():
            print(f"coursepack: no such file: {source}", file=sys.stderr)
            return EXIT_USAGE
        problems = check_zip(source, SchemaSet.create(), upload_budget)
        print_diagnostics(problems, lang)
        if has_errors(problems, strict):
            return EXIT_CONTENT
        print(f"{source}: ok, ready to upload")
        return EXIT_OK
    _, warnings = check_course(source, strict=strict)
    print_diagnostics(warnings, lang)
    print(f"{source}: ok")
    return EXIT_OK


def new_course(folder: Path) -> int:
    """Copy the scaffold course into a new folder."""
    if folder.exists() and any(folder.iterdir()):
        print(f"coursepack: {folder} is not empty; choose a new folder", file=sys.stderr)
        return EXIT_USAGE
    shutil.copytree(SCAFFOLD, folder, dirs_exist_ok=True)
    print(f"created a new course in {folder}; build it with: coursepack build {folder}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    command_line = parser()
    args = command_line.parse_args(argv)
    if getattr(args, "cmi5_base_iri", None):
        if not ABSOLUTE_IRI.match(args.cmi5_base_iri.strip().rstrip("/")):
            command_line.error("--cmi5-base-iri must be an absolute IRI without query or fragment, "
                               "like https://example.org/xapi/course")
        os.environ[CMI5_BASE_IRI_ENV] = args.cmi5_base_iri  # read by the cmi5 target
    lang = message_language(args)
    try:
        return run(args, lang)
    except CourseError as exc:
        print_diagnostics(exc.diagnostics, lang)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return EXIT_USAGE
    except BrokenPipeError:  # the reader of our output went away (`coursepack build | head`)
        sys.stderr = sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_OK
    except Exception as exc:  # an internal bug: one line, the trace only on request
        if args.traceback:
            traceback.print_exc()
        print(f"coursepack: internal error: {type(exc).__name__}: {exc} "
              "(run again with --traceback to see where)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
