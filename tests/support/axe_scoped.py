"""axe-core on part of a document: the same rules as support.axe.run_axe, with an axe context."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Frame

from support.axe import Violation
from support.paths import node_modules

_RUN = """async ([tags, exclude]) => {
  const context = {include: [document], exclude: exclude.flatMap(
    sel => Array.from(document.querySelectorAll(sel)))};
  const result = await window.axe.run(context, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact || "", help: v.help,
    targets: v.nodes.map(n => n.target.map(String).join(" "))}));
}"""


def run_axe_excluding(
    frame: Frame,
    exclude: tuple[str, ...],
    tags: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"),
) -> list[Violation]:
    """Run axe on `frame`'s document minus the elements matching the `exclude` selectors.

    Meant for skipping parts that are hidden (display: none) at the moment, which axe would not
    judge anyway but still walks, so many runs on one large single-page document stay fast.
    Lookups (ids, labels) still see the whole document.
    """
    if not frame.evaluate("() => typeof window.axe === 'object'"):
        frame.add_script_tag(path=str(node_modules() / "axe-core" / "axe.min.js"))
    raw: list[dict[str, Any]] = frame.evaluate(_RUN, [list(tags), list(exclude)])
    return [Violation(v["id"], v["impact"], v["help"], tuple(v["targets"])) for v in raw]
