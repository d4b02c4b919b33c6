"""The `coursepack` command line. The only module that prints or chooses exit codes.

`SOURCE` defaults to `course_src/` when it exists, else the current folder when it holds a
course.yaml (the folder you stand in works, as in MkDocs or Hugo).

Exit codes: 0 ok, 1 problems in the course (or warnings with --strict), 2 usage, 3 internal error.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Sequence

from . import __version__
from .i18n import DIAGNOSTICS, SOURCE_LANGUAGE, languages, primary
from .stop import Stopped, exit_code, stop_on_sigterm
from .targets import ALL_TARGETS

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from pathlib import Path

    from .errors import Diagnostic
    from .model import Course

# Each command imports what it needs when it runs (the diagnostics and their records, msgspec,
# Jinja, lxml, Markdown, the server): the parser, `--help` and `--version` pay for none of them
# (tests/test_cli.py::test_version_and_help_import_no_builder_stack keeps it so).

CMI5_BASE_IRI_ENV = "COURSEPACK_CMI5_BASE_IRI"  # read once, here: the base of the cmi5 ids

SOURCE_HELP = ("the course folder (default: course_src if it exists, else the current folder "
               "if it holds course.yaml)")
DEFAULT_SOURCE = "course_src"

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EPILOG = ("exit codes: 0 ok, 1 problems in the course, 2 usage error, 3 internal error, "
          "130/143 stopped by Ctrl-C/SIGTERM")


def parser() -> argparse.ArgumentParser:
    """The argument parser with its subcommands."""
    main = argparse.ArgumentParser(prog="coursepack", epilog=EPILOG,
                                   description="Build course packages from plain-text sources.")
    main.add_argument("--version", action="version", version=f"coursepack {__version__}")
    main.add_argument("--traceback", action="store_true",
                      help="show the full trace of an internal error")
    main.add_argument("--lang", choices=languages(DIAGNOSTICS),
                      help="language of messages (default: the course's language if it is one "
                           "of these, else English)")
    commands = main.add_subparsers(dest="command", required=True)

    build_cmd = commands.add_parser("build", help="check the course and build every package",
                                    epilog=EPILOG)
    build_cmd.add_argument("source", nargs="?", type=path, help=SOURCE_HELP)
    build_cmd.add_argument("-o", "--out", default="dist", type=path,
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
    check_cmd.add_argument("source", nargs="?", type=path,
                           help="a course folder or a .zip package (default: as for build)")
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_cmd.add_argument("--upload-budget", type=megabytes, default=50, metavar="MB",
                           help="warn when a zip is bigger than this many MB (default: 50)")

    preview_cmd = commands.add_parser(
        "preview", epilog=EPILOG,
        help="serve the course on 127.0.0.1, rebuild on every save and reload the browser")
    preview_cmd.add_argument("source", nargs="?", type=path, help=SOURCE_HELP)
    preview_cmd.add_argument("--port", type=int, default=8000,
                             help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")

    from .classroom.cli import add_parser as add_classroom  # argparse only: no server imports

    add_classroom(commands, EPILOG)

    new_cmd = commands.add_parser("new", help="start a new course from a scaffold that builds",
                                  epilog=EPILOG)
    new_cmd.add_argument("folder", type=path, help="the new course folder (must not exist or be empty)")
    return main


def path(text: str) -> Path:
    """A path on the command line (pathlib is imported when a command runs, not for --help)."""
    from pathlib import Path

    return Path(text)


def megabytes(text: str) -> float:
    """A size in MB given on the command line: a finite number, zero or more."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size in MB (a number, 0 or more)")
    return value


def print_diagnostics(diagnostics: Sequence[Diagnostic], lang: str) -> None:
    """Every diagnostic, sorted, then a count."""
    from .errors import Severity
    from .messages import summary

    for diagnostic in sorted(diagnostics):
        print(diagnostic.format(lang), file=sys.stderr)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if diagnostics:
        print(summary(errors, warnings, lang), file=sys.stderr)


def course_language(source: Path) -> str:
    """The course's `language:` as the loader reads it, when the diagnostics speak it; else English.

    A course.yaml that does not parse as YAML has no language: its diagnostics are in English.
    """
    from .load import load_course_file

    doc, _ = load_course_file(source)
    tag = doc.data.get("language") if doc is not None else None
    language = primary(tag) if isinstance(tag, str) else SOURCE_LANGUAGE
    return language if language in languages(DIAGNOSTICS) else SOURCE_LANGUAGE


def default_source(cwd: Path) -> Path:
    """course_src/ when it exists, else the current folder when it holds a course file."""
    if not (cwd / DEFAULT_SOURCE).exists() and (cwd / "course.yaml").is_file():
        return path(".")
    return path(DEFAULT_SOURCE)


def message_language(args: argparse.Namespace) -> str:
    """--lang, else the course's language."""
    if args.lang:
        return str(args.lang)
    source = getattr(args, "source", None)
    from pathlib import Path

    return course_language(source) if isinstance(source, Path) and source.is_dir() else "en"


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The parsed command line, SOURCE filled in with its default."""
    args = parser().parse_args(argv)
    if getattr(args, "source", False) is None:
        args.source = default_source(path(os.getcwd()))
    return args


def stop_language(argv: Sequence[str]) -> str:
    """The message language of a command line stopped while starting: as main() would choose it.

    English when the command line does not parse (argparse's complaint is not shown).
    """
    import contextlib
    import io

    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            return message_language(arguments(argv))
    except (SystemExit, KeyboardInterrupt, Exception):  # a second Ctrl-C too: say it in English
        return SOURCE_LANGUAGE


def cmi5_base_iri(option: str | None) -> str | None:
    """The base of the cmi5 ids: the option, else the environment; a UsageError if malformed."""
    from .errors import UsageError
    from .targets.cmi5 import ABSOLUTE_IRI

    value = option if option is not None else os.environ.get(CMI5_BASE_IRI_ENV, "")
    if not value.strip():
        return None
    if not ABSOLUTE_IRI.match(value.strip().rstrip("/")):
        raise UsageError("bad-cmi5-base-iri", value=value,
                         source="--cmi5-base-iri" if option is not None else CMI5_BASE_IRI_ENV)
    return value


def moodle_summary(course: Course, lang: str) -> list[str]:
    """The Moodle activity settings this course needs (README "Moodle"), with its own values."""
    from .messages import render
    from .resolve import resolve

    resolved = resolve(course)
    settings = resolved.final_settings
    attempts = (render("moodle-attempts", {"count": settings.attempts}, lang)[0]
                if settings.attempts else render("moodle-attempts-unlimited", {}, lang)[0])
    return [
        render("moodle-settings", {}, lang)[0],
        render("moodle-grade", {"pass_mark": resolved.pass_mark}, lang)[0],
        render("moodle-final", {"attempts": attempts, "grading": settings.grading}, lang)[0],
        render("moodle-display", {}, lang)[0],
    ]


def built_line(path: Path, size: int, files: int, lang: str) -> str:
    """One built package: its path, bytes and file count, in the message language."""
    from .messages import number, render

    return render("built", {"path": path, "bytes": number(size, lang), "count": files}, lang)[0]


def run(args: argparse.Namespace, lang: str) -> int:
    """Carry out one command."""
    from .errors import UsageError
    from .messages import render

    if args.command == "build":
        from .build import build
        from .options import BuildOptions
        from .package import LOCK_WAIT_SECONDS, source_date_epoch

        targets = tuple(dict.fromkeys(args.target)) if args.target else ALL_TARGETS
        base_iri = cmi5_base_iri(args.cmi5_base_iri)
        source_date_epoch()  # a bad SOURCE_DATE_EPOCH stops here, before any work
        busy = render("output-busy-waiting", {"folder": args.out,
                                              "seconds": int(LOCK_WAIT_SECONDS)}, lang)[0]
        options = BuildOptions(targets=targets, strict=args.strict, pdf=args.pdf,
                               cmi5_base_iri=base_iri)
        result = build(args.source, args.out, options=options,
                       waiting=lambda: print(f"coursepack: {busy}", file=sys.stderr, flush=True))
        print_diagnostics(result.diagnostics, lang)
        for artifact in result.artifacts:
            print(built_line(artifact.path, len(artifact.data), artifact.file_count, lang))
        if any(t.startswith("scorm") for t in targets):
            for line in moodle_summary(result.course, lang):
                print(line)
        return EXIT_OK
    if args.command == "check":
        return check(args.source, args.strict, int(args.upload_budget * 1024 * 1024),
                     lang, chosen=bool(args.lang))
    if args.command == "new":
        return new_course(args.folder, args.lang)
    if args.command == "classroom":
        from .classroom import serve  # the server's imports are only paid for by this command

        return serve.run(args, lang, lambda line: print(line, flush=True),
                         lambda line: print(line, file=sys.stderr, flush=True))
    if args.command == "preview":
        if not 0 <= args.port <= 65535:
            raise UsageError("bad-port", port=args.port)
        from . import preview  # the server's imports are only paid for by this command

        preview.serve(args.source, args.port, lang, lambda line: print(line, flush=True))
        return EXIT_OK
    return EXIT_USAGE


def check(source: Path, strict: bool, upload_budget: int, lang: str, chosen: bool = False) -> int:
    """Check a course folder, or a zip package before upload: a zip's report speaks the language
    its launch page declares when --lang does not choose one (and a catalog speaks it)."""
    from .build import check_course
    from .errors import UsageError, has_errors
    from .messages import render

    if source.suffix.lower() == ".zip" or source.is_file():
        if not source.is_file():
            raise UsageError("no-such-file", source=source)
        from .inspect import inspect_zip, verdict
        from .schemas import SchemaSet

        report = inspect_zip(source, SchemaSet.create(), upload_budget)
        if not chosen and primary(report.language) in languages(DIAGNOSTICS):
            lang = report.language
        for diagnostic in report.diagnostics:
            print(diagnostic.format(lang), file=sys.stderr)
        print(f"{source}: {verdict(report, lang)}")
        return EXIT_CONTENT if has_errors(report.diagnostics, strict) else EXIT_OK
    _, warnings = check_course(source, strict=strict)
    print_diagnostics(warnings, lang)
    print(render("check-ok", {"source": source}, lang)[0])
    return EXIT_OK


def new_course(folder: Path, lang: str | None) -> int:
    """Copy the scaffold into a new folder (missing or empty); say so in `lang` or its language."""
    import shutil

    from .errors import UsageError
    from .messages import render

    try:
        if folder.exists() and not folder.is_dir():
            raise UsageError("new-not-folder", folder=folder)
        if folder.is_dir() and any(folder.iterdir()):
            raise UsageError("new-not-empty", folder=folder)
        shutil.copytree(path(__file__).parent / "scaffold", folder, dirs_exist_ok=True)
    except OSError as exc:
        from .package import reason

        raise UsageError("new-unwritable", folder=folder,
                         reason=reason(exc).splitlines()[0]) from exc
    print(render("new-created", {"folder": folder}, lang or course_language(folder))[0])
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; Ctrl-C and SIGTERM end it with one line, 130 or 143."""
    with stop_on_sigterm():
        lang = "en"
        command = None
        try:
            args = arguments(argv)
            command = args.command
            lang = message_language(args)
            return run_reporting(args, lang)
        except (KeyboardInterrupt, Stopped) as exc:
            from .messages import render

            name = "SIGTERM" if isinstance(exc, Stopped) else "Ctrl-C"
            code = "stopped-build" if command == "build" else "stopped"
            print(f"coursepack: {render(code, {'signal': name}, lang)[0]}", file=sys.stderr)
            return exit_code(exc)


def run_reporting(args: argparse.Namespace, lang: str) -> int:
    """Run a command; every failure becomes its exit code and one line (or the diagnostics)."""
    from .errors import CourseError, UsageError

    try:
        return run(args, lang)
    except CourseError as exc:
        print_diagnostics(exc.diagnostics, lang)
        return EXIT_CONTENT
    except UsageError as exc:
        print(f"coursepack: {exc.text(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # the reader of our output went away (`coursepack build | head`)
        sys.stderr = sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_OK
    except Exception as exc:  # an internal bug: one line, the trace only on request
        if args.traceback:
            import traceback

            traceback.print_exc()
        from .messages import render

        error = f"{type(exc).__name__}: {exc}"
        print(f"coursepack: {render('internal-error', {'error': error}, lang)[0]}",
              file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
