"""The `coursepack` command line. The only module that prints or chooses exit codes.

Exit codes: 0 ok, 1 problems in the course (or warnings with --strict), 2 usage, 3 internal error.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from .build import ALL_TARGETS, build, check_course
from .errors import CourseError, Diagnostic, Severity

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EPILOG = "exit codes: 0 ok, 1 problems in the course, 2 usage error, 3 internal error"


def parser() -> argparse.ArgumentParser:
    """The argument parser with its subcommands."""
    main = argparse.ArgumentParser(prog="coursepack", epilog=EPILOG,
                                   description="Build course packages from plain-text sources.")
    main.add_argument("--traceback", action="store_true", help="show the full trace of an internal error")
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

    check_cmd = commands.add_parser("check", help="check a course without building", epilog=EPILOG)
    check_cmd.add_argument("source", nargs="?", default="course_src", type=Path)
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    return main


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    """Every diagnostic, sorted, then a count."""
    for diagnostic in sorted(diagnostics):
        print(diagnostic.format(), file=sys.stderr)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if diagnostics:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Carry out one command."""
    if args.command == "build":
        targets = tuple(args.target) if args.target else ALL_TARGETS
        result = build(args.source, args.out, strict=args.strict, targets=targets)
        print_diagnostics(result.diagnostics)
        for artifact in result.artifacts:
            print(f"built {artifact.path} ({len(artifact.data):,} bytes, "
                  f"{artifact.file_count} files)")
        return EXIT_OK
    if args.command == "check":
        _, warnings = check_course(args.source, strict=args.strict)
        print_diagnostics(warnings)
        print(f"{args.source}: ok")
        return EXIT_OK
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    try:
        return run(args)
    except CourseError as exc:
        print_diagnostics(exc.diagnostics)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return EXIT_USAGE
    except Exception as exc:  # an internal bug: one line, the trace only on request
        if args.traceback:
            traceback.print_exc()
        print(f"coursepack: internal error: {type(exc).__name__}: {exc} "
              "(run again with --traceback to see where)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
