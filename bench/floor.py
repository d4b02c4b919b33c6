"""The floor: the least work that turns a course's Markdown pages into a zip of HTML pages.

Reads every module file, splits it into pages at its `##` headings, converts each page with
`markdown` (one `Markdown()` instance, `reset()` per page), renders it into a trivial Jinja
template and writes one HTML file per page into a zip (deflate). No validation, no quizzes, no
sanitizing, no manifest: it is the reference that `coursepack build` is compared with in
bench/run.py.

    .venv/bin/python bench/floor.py course_src -o /tmp/floor.zip
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from pathlib import Path

import markdown
from jinja2 import Template

PAGE = Template("""<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<h1>{{ title }}</h1>
{{ body|safe }}
</body>
</html>
""", autoescape=True)
HEADING = re.compile(r"^## (.+?)\s*(?:\{#[^}]*\})?\s*$", re.MULTILINE)


def pages(text: str) -> list[tuple[str, str]]:
    """(title, markdown) of each page of a module file, after its front matter."""
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    parts = HEADING.split(text)
    result = [("", parts[0])]
    result += [(parts[i], parts[i + 1]) for i in range(1, len(parts), 2)]
    return result


def build(source: Path, out: Path) -> int:
    """Write the zip; return the number of pages."""
    count = 0
    md = markdown.Markdown()  # one converter, reset per page (the library's way for many documents)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((source / "modules").glob("*.md")):
            if path.name.endswith(".facilitator.md"):
                continue
            for title, text in pages(path.read_text("utf-8")):
                count += 1
                body = md.reset().convert(text)
                html = PAGE.render(title=title or path.stem, body=body)
                archive.writestr(f"page-{count:04d}.html", html)
    return count


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("source", type=Path, help="the course folder")
    ap.add_argument("-o", "--out", type=Path, required=True, help="the zip to write")
    args = ap.parse_args()
    count = build(args.source, args.out)
    print(f"floor: {count} pages -> {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
