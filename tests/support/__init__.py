"""Test harness for coursepack: browsers, static serving, LMS runtimes, axe and screenshots."""

from support.axe import Violation, format_violations, run_axe
from support.browser import chromium_args, screenshot, screenshots
from support.lms12 import LmsCall, Scorm12Lms
from support.paths import artifacts_dir, harness_dir, node_modules
from support.scormhost import Scormhost, zip_package
from support.server import free_port, serve

__all__ = [
    "LmsCall",
    "Scorm12Lms",
    "Scormhost",
    "Violation",
    "artifacts_dir",
    "chromium_args",
    "format_violations",
    "free_port",
    "harness_dir",
    "node_modules",
    "run_axe",
    "screenshot",
    "screenshots",
    "serve",
    "zip_package",
]
