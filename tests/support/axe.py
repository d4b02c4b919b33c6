"""Run axe-core's WCAG 2.1 A/AA rules inside a frame."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Frame

from support.paths import node_modules

_RUN = """async ([tags, iframes]) => {
  const result = await window.axe.run(document, {
    runOnly: {type: "tag", values: tags}, iframes, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact || "", help: v.help,
    targets: v.nodes.map(n => n.target.map(String).join(" "))}));
}"""


@dataclass(frozen=True)
class Violation:
    """One failed axe rule with the CSS selectors of the nodes that fail it."""

    id: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        """Render as `id (impact): help -> targets`."""
        return f"{self.id} ({self.impact}): {self.help} -> {', '.join(self.targets)}"


def run_axe(
    frame: Frame,
    tags: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"),
    iframes: bool = False,
) -> list[Violation]:
    """Inject axe.min.js into `frame`, run the WCAG rules and return the violations."""
    if not frame.evaluate("() => typeof window.axe === 'object'"):
        frame.add_script_tag(path=str(node_modules() / "axe-core" / "axe.min.js"))
    raw: list[dict[str, Any]] = frame.evaluate(_RUN, [list(tags), iframes])
    return [
        Violation(v["id"], v["impact"], v["help"], tuple(v["targets"])) for v in raw
    ]


def format_violations(violations: list[Violation]) -> str:
    """Return one line per violation, for assertion messages."""
    return "\n".join(str(v) for v in violations) or "no violations"
