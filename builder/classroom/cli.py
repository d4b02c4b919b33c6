"""The `classroom` subcommand's arguments (argparse only: the server is imported when it runs)."""

from __future__ import annotations

import argparse

from ..cli import path


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser],
               epilog: str) -> None:
    """The `classroom` subcommand and its `export` form."""
    cmd = commands.add_parser(
        "classroom", epilog=epilog,
        help="serve the course to learners' phones on the local network and watch the answers live")
    cmd.add_argument("source", nargs="?", type=path,
                     help="the course folder (default: course_src if it exists, else the current "
                          "folder if it holds course.yaml), or 'export' to write a session's CSV "
                          "files")
    cmd.add_argument("export_source", nargs="?", metavar="EXPORT_SOURCE",
                     help="export: the course folder (default: the one the session was served from)")
    cmd.add_argument("--host", default="127.0.0.1",
                     help="address to listen on (default: 127.0.0.1; 0.0.0.0 lets phones on the "
                          "hotspot join, and the LAN address is printed)")
    cmd.add_argument("--port", type=int, default=8765, help="port (default: 8765; 0: a free one)")
    cmd.add_argument("--session", help="session name (default: <course id>-<today's date>)")
    cmd.add_argument("--data", type=path, default="classroom-data",
                     help="folder of the session records (default: classroom-data)")
    cmd.add_argument("--out", type=path, default=".",
                     help="export: folder for the CSV files (default: the current folder)")
