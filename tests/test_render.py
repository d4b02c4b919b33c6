"""Rendering: sanitized Markdown, compacted scripts, the runtime data."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from builder.render import (MarkdownRenderer, compact_css, compact_js, has_markdown_syntax,
                            templates_dir)

JS_DIR = templates_dir() / "learner" / "static" / "assets" / "js"
# Each file named on the command line, compiled (never run) as a classic script: "ok" or the error.
PARSE_EACH = """
const fs = require("node:fs"), vm = require("node:vm");
const verdicts = {};
for (const name of process.argv.slice(1)) {
  try { new vm.Script(fs.readFileSync(name, "utf8"), { filename: name }); verdicts[name] = "ok"; }
  catch (error) { verdicts[name] = String(error.stack); }
}
process.stdout.write(JSON.stringify(verdicts));
"""


def test_markdown_is_sanitized_and_headings_follow_the_screen_title() -> None:
    html = str(MarkdownRenderer().block(
        "### Sub\n\n<script>alert(1)</script>\n\n<a href=\"javascript:x()\" onclick=\"y()\">a</a>"
        "\n\n<iframe src=\"https://x\"></iframe>", shift=1))
    assert html.startswith("<h2>Sub</h2>")
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
    assert "<iframe" not in html


def test_compact_js_drops_comments_and_indentation_but_keeps_code() -> None:
    source = ('/* header\n * more */\n(function () {\n  // a comment\n'
              '  const url = "http://example.org"; // keeps code\n\n  return url;\n})();\n')
    assert compact_js(source) == ('(function () {\nconst url = "http://example.org"; '
                                  '// keeps code\nreturn url;\n})();\n')


def test_compact_js_leaves_template_literals_alone() -> None:
    source = "const t = `a\n   b`;\n// c\n"
    assert compact_js(source) == source


def test_compact_css_drops_comments() -> None:
    assert compact_css("/* x */\na {\n  color: red; /* y */\n}\n") == "a {\ncolor: red;\n}\n"


def test_compacted_runtime_scripts_are_still_valid_javascript(tmp_path: Path) -> None:
    sources = sorted(JS_DIR.glob("*.js")) + sorted((JS_DIR.parents[2] / "adapters").glob("*.js"))
    assert len(sources) >= 8
    for source in sources:
        (tmp_path / source.name).write_text(compact_js(source.read_text()))
    # One Node process parses every compacted file as the classic script a page loads.
    result = subprocess.run(["node", "-e", PARSE_EACH, *(source.name for source in sources)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {source.name: "ok" for source in sources}


# The four ways a text is more than plain text, as one pattern (what has_markdown_syntax splits
# into four quicker searches).
SYNTAX_AS_ONE = re.compile(r"[*_`\[\]<>&\\#!]|^\s*(?:[-+>]|\d+[.)])\s|\n\s*\n|  \n")
TEXT_PIECES = ["a", "word ", " ", "  ", "\t", "\n", "\r", "\xa0", "-", "+", ">", "1", "12", ".", ")",
               "*", "_", "`", "[", "]", "<", "&", "\\", "#", "!", "\u0663", "(", "é"]


@given(st.lists(st.sampled_from(TEXT_PIECES), max_size=12).map("".join))
def test_plain_text_is_told_as_the_one_pattern_tells_it(text: str) -> None:
    assert has_markdown_syntax(text) == bool(SYNTAX_AS_ONE.search(text))


def test_plain_text_is_only_escaped() -> None:
    md = MarkdownRenderer()
    assert not has_markdown_syntax("Sebuah kalimat biasa, tanpa tanda apa pun.")
    assert md.inline("Tom  and\nJerry") == "Tom and Jerry"
    for text in ("- item", " 1. item", "a\n\nb", "a  \nb", "a *b*"):
        assert has_markdown_syntax(text), text
