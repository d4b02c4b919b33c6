/* store.js: the learner state and its cmi.suspend_data form ("c1|layout|visited|answers[|reflections]"). */
(function (CP) {
  "use strict";
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const LIMIT = 4096;

  /** A fresh state: bookmark, visited screen ids, answers (key -> choice ids), reflection texts. */
  function empty() {
    return { bookmark: "", visited: new Set(), answers: {}, reflections: {} };
  }

  function mask(choices, ids) {
    return choices.reduce((m, c, j) => (ids.includes(c) ? m | (1 << j) : m), 0);
  }

  function unmask(choices, m) {
    return choices.filter((c, j) => m & (1 << j));
  }

  function encodeVisited(data, visited) {
    const n = data.screens.length;
    let out = "";
    for (let c = 0; c * 6 < n; c++) {
      let v = 0;
      for (let b = 0; b < 6 && c * 6 + b < n; b++) if (visited.has(data.screens[c * 6 + b].id)) v |= 1 << b;
      out += B64[v];
    }
    return out.replace(/A+$/, "");
  }

  function decodeVisited(data, s) {
    const set = new Set(), n = data.screens.length;
    for (let c = 0; c < s.length; c++) {
      const v = B64.indexOf(s[c]);
      for (let b = 0; b < 6 && v > 0; b++) if (v & (1 << b) && c * 6 + b < n) set.add(data.screens[c * 6 + b].id);
    }
    return set;
  }

  /** The suspend_data string of a state; never longer than 4096 characters. */
  function encode(data, st) {
    let answers = "";
    for (const key of Object.keys(st.answers)) {
      const q = data.questions[key];
      // qtypes: a sorting, ordering or matching answer is one capital letter per item (arrange.js)
      if (q) answers += key + (q.parts ? CP.arrange.pack(q, st.answers[key]) : ("0" + mask(q.choices, st.answers[key]).toString(36)).slice(-2));
    }
    const head = "c1|" + data.layout + "|" + encodeVisited(data, st.visited) + "|" + answers;
    const refl = {};
    for (const id of Object.keys(st.reflections)) {
      if (data.reflections[id] && st.reflections[id].some(Boolean)) refl[id] = st.reflections[id].slice();
    }
    if (!Object.keys(refl).length) return head;
    let s = head + "|" + JSON.stringify(refl);
    // Safety net only (the builder checks the worst case): shorten the longest text until it fits.
    while (s.length > LIMIT) {
      let best = null, len = 0;
      for (const id in refl) refl[id].forEach((t, i) => { if (t.length > len) { best = [id, i]; len = t.length; } });
      if (!best) return head;
      refl[best[0]][best[1]] = refl[best[0]][best[1]].slice(0, Math.max(0, len - Math.max(1, Math.ceil((s.length - LIMIT) / 2))));
      s = head + "|" + JSON.stringify(refl);
    }
    return s;
  }

  /** The state held by a suspend_data string; unknown or invalid parts are dropped. */
  function decode(data, s) {
    const st = empty();
    if (typeof s !== "string" || s.slice(0, 3) !== "c1|") return st;
    const parts = s.split("|"), answers = parts[3] || "", rest = parts.slice(4).join("|");
    if (parts[1] === data.layout) st.visited = decodeVisited(data, parts[2] || "");
    for (let i = 0; i + 7 <= answers.length; i += 7) {
      const key = answers.slice(i, i + 5), q = data.questions[key], caps = /^[A-Z]+/.exec(answers.slice(i + 5));
      if (caps) { // qtypes: an arranged answer, capital letters after the key
        const a = q && q.parts && CP.arrange.unpack(q, caps[0]);
        if (a) st.answers[key] = a;
        i += caps[0].length - 2;
        continue;
      }
      const m = parseInt(answers.slice(i + 5, i + 7), 36);
      if (!q || !(m > 0) || m >= 1 << q.choices.length) continue;
      if (q.type !== "multiple" && (m & (m - 1))) continue;
      st.answers[key] = unmask(q.choices, m);
    }
    if (rest) {
      try {
        const r = JSON.parse(rest);
        for (const id of Object.keys(r)) {
          const spec = data.reflections[id];
          if (spec && Array.isArray(r[id])) {
            st.reflections[id] = r[id].slice(0, spec.prompts).map((t) => String(t || "").slice(0, spec.maxLength));
          }
        }
      } catch (e) { /* unreadable reflections are dropped */ }
    }
    return st;
  }

  /** Everything of `a` plus what only `b` has (b's bookmark and reflection texts win). */
  function merge(a, b) {
    const st = empty();
    st.bookmark = b.bookmark || a.bookmark;
    st.visited = new Set([...a.visited, ...b.visited]);
    st.answers = Object.assign({}, b.answers, a.answers);
    st.reflections = Object.assign({}, a.reflections, b.reflections);
    return st;
  }

  CP.store = { empty, encode, decode, merge, mask, unmask, LIMIT };
})(window.CoursePack = window.CoursePack || {});
