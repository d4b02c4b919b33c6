"""`python -m builder` and the `coursepack` script: quiet on Ctrl-C or SIGTERM even while starting.

The SIGTERM handler goes in before the heavy imports (Jinja, lxml, Markdown), so a stop at any
moment prints one line and exits 130 or 143 instead of a traceback. Nothing else is imported
before the command line needs it: `--version` and `--help` stay quick.
"""

import signal
import sys

from .stop import Stopped, exit_code, raise_stopped


def run() -> None:
    """Import the command line and run it; a stop while importing is one line too."""
    signal.signal(signal.SIGTERM, raise_stopped)
    try:
        from .cli import main

        code = main()
    except (KeyboardInterrupt, Stopped) as exc:
        from .cli import stop_language
        from .messages import render

        lang = stop_language(sys.argv[1:])  # --lang, else the course's language, as cli.main
        name = "SIGTERM" if isinstance(exc, Stopped) else "Ctrl-C"
        sys.stderr.write(f"coursepack: {render('stopped', {'signal': name}, lang)[0]}\n")
        code = exit_code(exc)
    sys.exit(code)


if __name__ == "__main__":
    run()
