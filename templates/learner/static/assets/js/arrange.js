/* arrange.js: sorting, ordering and matching questions (docs/runtime.md). No dragging: a radio
 * group per item (sorting), a select per premise (matching), up/down buttons announced in a live
 * region (ordering). Turns the widgets into the answer form grade.js scores (store.js saves it), and
 * words them as LMS interactions. */
(function (CP) {
  "use strict";
  const T = CP.text;
  let data = null;
  const all = (root, sel) => Array.from(root.querySelectorAll(sel));
  const runtime = () => data || (data = JSON.parse(document.getElementById("cp-data").textContent));

  /** True for a form of a sorting, ordering or matching question. */
  const owns = (f) => /^(sorting|ordering|matching)$/.test(f.dataset.type || "");

  /** The learner's answer in the widget; [] until every item is placed. */
  function answer(f) {
    const parts = all(f, "[data-part]");
    if (f.dataset.type === "ordering") return parts.map((li) => li.dataset.part);
    const out = parts.map((li) => {
      const c = li.querySelector("input:checked, select");
      return c && c.value ? li.dataset.part + "=" + c.value : "";
    });
    return out.every(Boolean) ? out.sort() : [];
  }

  /** Shows an answer in the widget and locks it (a draft: lock false, it stays editable). */
  function show(f, ids, lock) {
    const list = f.querySelector("[data-order]");
    if (list) ids.forEach((id) => { const li = list.querySelector('[data-part="' + id + '"]'); if (li) list.append(li); });
    const to = Object.fromEntries(ids.map((e) => e.split("=")));
    all(f, "[data-part]").forEach((li) => {
      const p = li.dataset.part;
      all(li, "input").forEach((i) => { i.checked = i.value === to[p]; });
      all(li, "select").forEach((s) => { s.value = to[p] || ""; });
    });
    if (lock !== false) all(f, "input, select, [data-move]").forEach((c) => { c.disabled = true; });
    else if (list) edges(list);
  }

  /** The learner's placements as a list, each marked right or wrong where the item can tell. */
  function list(d, key, ids) {
    const q = d.questions[key], ul = document.createElement("ul"), name = (id) => (q.texts || {})[id] || id;
    ul.className = "cp-fb-list";
    ids.forEach((e, i) => {
      const [p, t] = e.split("="), li = document.createElement("li");
      if (q.type === "ordering") li.textContent = i + 1 + ". " + name(p);
      else {
        const ok = CP.grade.placed(d, key, e);
        li.textContent = (ok ? "\u2713 " : "\u2717 ") + name(p) + " \u2192 " + name(t) + " (" + (ok ? T.partRight : T.partWrong) + ")";
      }
      ul.append(li);
    });
    return ul;
  }

  /** Puts a sorting question's items, or a matching question's responses in every select, in
   * the order given (ids; quiz.partOrder). A placement already made stays as it is. */
  function place(key, ids) {
    const f = document.querySelector('form[data-question="' + key + '"]');
    if (!f || !ids) return;
    if (f.dataset.type === "sorting") {
      const items = ids.map((id) => f.querySelector('[data-part="' + id + '"]')).filter(Boolean);
      if (items.length) CP.reorder(items[0].parentNode, items);
    } else all(f, "select").forEach((sel) => CP.reorder(sel, ids.map((id) => sel.querySelector('option[value="' + id + '"]')).filter(Boolean)));
  }

  /** The first item cannot move up, the last cannot move down; returns the items in order. */
  function edges(ol) {
    const items = all(ol, "[data-part]");
    items.forEach((it, i) => {
      it.querySelector('[data-move="-1"]').disabled = i === 0;
      it.querySelector('[data-move="1"]').disabled = i === items.length - 1;
    });
    return items;
  }

  /** Moves an ordering item one place up (-1) or down (+1) and says where it is now. */
  function move(btn) {
    const li = btn.closest("[data-part]"), ol = li.parentNode, f = btn.closest("form"), step = +btn.dataset.move;
    const sib = step < 0 ? li.previousElementSibling : li.nextElementSibling;
    if (!sib) return;
    // the neighbour moves, never the item: its button keeps the focus
    ol.insertBefore(sib, step < 0 ? li.nextElementSibling : li);
    const items = edges(ol), at = items.indexOf(li) + 1;
    const other = li.querySelector('[data-move="' + -step + '"]');
    (btn.disabled ? other : btn).focus();
    f.querySelector("[data-announce]").textContent = CP.fmt(T.moved, { item: li.querySelector(".cp-order-text").textContent.trim(), n: at, t: items.length });
  }

  /** An interaction of a sorting, ordering or matching question in a standard's words (null for
   * other types): SCORM 1.2 "a.x,b.y" / "a,b,c", SCORM 2004 and xAPI "a[.]x[,]b[.]y" / "a[,]b[,]c";
   * ids with "_" for "-" (Moodle refuses "-"). std: scorm12 | scorm2004 | cmi5. */
  function interaction(rec, std) {
    const d = runtime(), key = Object.keys(d.questions).find((k) => d.questions[k].iid === rec.iid), q = key && d.questions[key];
    if (!q || !q.parts) return null;
    const one = std === "scorm12", id = (s) => s.replace(/-/g, "_");
    const words = (ids) => ids.map((e) => e.split("=").map(id).join(one ? "." : "[.]")).join(one ? "," : "[,]");
    const out = { type: q.type === "ordering" ? "sequencing" : "matching", response: words(rec.choices), pattern: words(CP.grade.key(d, key)) };
    const lang = document.documentElement.lang || "und", desc = (ids) => ids.map((x) => ({ id: id(x), description: { [lang]: q.texts[x] || x } }));
    out.definition = Object.assign({ type: "http://adlnet.gov/expapi/activities/cmi.interaction", interactionType: out.type,
      correctResponsesPattern: [out.pattern] }, q.type === "ordering" ? { choices: desc(q.parts) } : { source: desc(q.parts), target: desc(q.targets) });
    return out;
  }

  // (no document when the unit tests load this file in Node)
  if (typeof document === "object") document.addEventListener("click", (e) => {
    const b = e.target.closest && e.target.closest("[data-move]");
    if (b && !b.disabled) move(b);
  });

  CP.arrange = { owns, answer, show, list, interaction, place };
})(window.CoursePack = window.CoursePack || {});
