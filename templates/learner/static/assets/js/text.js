/* text.js: the learner-facing strings, kept in the page (index.html, #cp-text) so a theme can change
 * them, and the small helpers every other script uses. */
(function (CP) {
  "use strict";
  CP.text = JSON.parse(document.getElementById("cp-text").textContent);
  /** Fills the {name} placeholders of a string from an object. */
  CP.fmt = (s, o) => s.replace(/\{(\w+)\}/g, (m, k) => String(o[k]));
  /** Puts nodes at the end of their parent in the order given, unless they already stand in that
   * order: moving a node takes the focus away from anything inside it (a keyboard user's place). */
  CP.reorder = (parent, nodes) => {
    const inOrder = nodes.every((n, i) => i === 0 || nodes[i - 1].compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (!inOrder) nodes.forEach((n) => parent.append(n));
  };
})(window.CoursePack = window.CoursePack || {});
