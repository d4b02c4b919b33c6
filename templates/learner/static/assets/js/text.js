/* text.js: the learner-facing strings, kept in the page (index.html, #cp-text) so a theme can change them. */
(function (CP) {
  "use strict";
  CP.text = JSON.parse(document.getElementById("cp-text").textContent);
  /** Fills the {name} placeholders of a string from an object. */
  CP.fmt = (s, o) => s.replace(/\{(\w+)\}/g, (m, k) => String(o[k]));
})(window.CoursePack = window.CoursePack || {});
