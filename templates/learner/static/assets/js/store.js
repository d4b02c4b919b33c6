/* store.js: the learner state and its cmi.suspend_data form (docs/runtime.md):
 * "c2|layout|visited|answers|drafts|final[|json]": answers are key + mask (2) + tries (1), drafts
 * key + mask; final is "attempt.finished.gradeN.gradeD" in base36; json holds reflections (r)
 * and the answers that are not choices (x). Orders and pool draws are never stored: they are
 * seeded by the learner and the attempt (quiz.js), so a resume sees them again. "c1" still reads. */
(function (CP) {
  "use strict";
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const LIMIT = 4096, CHOICE = /^(single|multiple|truefalse)$/;

  /** A fresh state: bookmark, visited screen ids, answers (key -> answer), tries (key -> count),
   * drafts (key -> answer picked, not submitted), final {n: attempt, c: attempts finished,
   * g: the grade so far {n, d} or null}, reflection texts. */
  function empty() {
    return { bookmark: "", visited: new Set(), answers: {}, tries: {}, drafts: {},
      final: { n: 1, c: 0, g: null }, reflections: {} };
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

  const isChoice = (q) => CHOICE.test(q.type);

  /** Choice answers as key + 2-digit mask (+ 1-digit tries); the others go to `other` (JSON). */
  function packAnswers(data, answers, tries, other) {
    let out = "";
    for (const key of Object.keys(answers)) {
      const q = data.questions[key], a = answers[key];
      if (!q || !Array.isArray(a) || !a.length) continue;
      const t = tries ? Math.min(tries[key] || 1, 35).toString(36) : "";
      if (isChoice(q)) out += key + ("0" + mask(q.choices, a).toString(36)).slice(-2) + t;
      else other[key] = t ? [t].concat(a) : a;
    }
    return out;
  }

  /** True/false questions of packages built before their choices were named true/false: their
   * choices were benar, salah (in that order, now true, false), and a question's key is made from
   * its id and choice ids (state.py question_keys), so the saved answer sits under another key.
   * Old key -> {key, choices}; a key that collided then (a second try) stays unread. */
  function legacyKeys(data) {
    const out = {};
    for (const key of Object.keys(data.questions)) {
      const q = data.questions[key];
      if (q.type !== "truefalse" || !q.choices.includes("true")) continue;
      const h = parseInt(CP.hash.hash64(q.id + "|benar,salah|0").slice(0, 8), 16) % 60466176; // 36^5
      const old = ("0000" + h.toString(36)).slice(-5);
      if (!data.questions[old]) out[old] = { key, choices: ["true", "false"] };
    }
    return out;
  }

  function unpackAnswers(data, s, width, into, tries, legacy) {
    for (let i = 0; i + width <= s.length; i += width) {
      const saved = s.slice(i, i + 5), m = parseInt(s.slice(i + 5, i + 7), 36);
      const was = !data.questions[saved] && legacy[saved], key = was ? was.key : saved, q = data.questions[key];
      const choices = was ? was.choices : q && q.choices;
      if (!q || !isChoice(q) || !(m > 0) || m >= 1 << choices.length) continue;
      if (q.type !== "multiple" && (m & (m - 1))) continue;
      into[key] = unmask(choices, m);
      if (tries && width === 8) tries[key] = parseInt(s[i + 7], 36) || 1;
    }
  }

  const big = (s) => { try { return /^[0-9a-z]+$/.test(s) ? BigInt(parseInt(s, 36)) : null; } catch (e) { return null; } };

  function packFinal(f) {
    const g = f.g ? "." + f.g.n.toString(36) + "." + f.g.d.toString(36) : "";
    return Math.min(f.n, 46655).toString(36) + "." + Math.min(f.c, 46655).toString(36) + g;
  }

  function unpackFinal(s) {
    const p = s.split("."), n = parseInt(p[0], 36), c = parseInt(p[1], 36);
    if (!(n >= 1) || !(c >= 0) || c > n) return { n: 1, c: 0, g: null };
    const gn = big(p[2] || ""), gd = big(p[3] || ""), g = gn !== null && gd && gd > 0n ? { n: gn, d: gd } : null;
    // a finished attempt without a readable grade is not counted
    return c && !g ? { n: 1, c: 0, g: null } : { n, c, g: c ? g : null };
  }

  /** The suspend_data string of a state; never longer than 4096 characters. */
  function encode(data, st) {
    const other = {}, otherDrafts = {};
    const answers = packAnswers(data, st.answers, st.tries, other);
    const drafts = packAnswers(data, st.drafts, null, otherDrafts);
    const head = "c2|" + data.layout + "|" + encodeVisited(data, st.visited) + "|" + answers + "|" + drafts +
      "|" + packFinal(st.final);
    const refl = {};
    for (const id of Object.keys(st.reflections)) {
      if (data.reflections[id] && st.reflections[id].some(Boolean)) refl[id] = st.reflections[id].slice();
    }
    const extra = () => {
      const o = {};
      if (Object.keys(refl).length) o.r = refl;
      if (Object.keys(other).length) o.x = other;
      if (Object.keys(otherDrafts).length) o.d = otherDrafts;
      return Object.keys(o).length ? "|" + JSON.stringify(o) : "";
    };
    let s = head + extra();
    // Safety net only (the builder checks the worst case): shorten the longest text until it fits.
    while (s.length > LIMIT) {
      let best = null, len = 0;
      for (const id in refl) refl[id].forEach((t, i) => { if (t.length > len) { best = [id, i]; len = t.length; } });
      if (!best) return head;
      refl[best[0]][best[1]] = refl[best[0]][best[1]].slice(0, Math.max(0, len - Math.max(1, Math.ceil((s.length - LIMIT) / 2))));
      s = head + extra();
    }
    return s;
  }

  /** Answers that are not choices, from the JSON part: known keys, lists of strings only. */
  function readOther(data, o, into, tries) {
    if (!o || typeof o !== "object") return;
    for (const key of Object.keys(o)) {
      const q = data.questions[key], a = o[key];
      if (!q || isChoice(q) || !Array.isArray(a) || !a.every((x) => typeof x === "string")) continue;
      if (tries) {
        tries[key] = parseInt(a[0], 36) || 1;
        into[key] = a.slice(1);
      } else into[key] = a.slice();
    }
  }

  /** The state held by a suspend_data string; unknown or invalid parts are dropped. */
  function decode(data, s) {
    const st = empty();
    if (typeof s !== "string" || !/^c[12]\|/.test(s)) return st;
    const v2 = s[1] === "2", parts = s.split("|"), fixed = v2 ? 6 : 4, rest = parts.slice(fixed).join("|");
    if (parts[1] === data.layout) st.visited = decodeVisited(data, parts[2] || "");
    const legacy = legacyKeys(data);
    unpackAnswers(data, parts[3] || "", v2 ? 8 : 7, st.answers, st.tries, legacy);
    if (v2) {
      unpackAnswers(data, parts[4] || "", 7, st.drafts, null, legacy);
      st.final = unpackFinal(parts[5] || "");
    }
    if (rest) {
      try {
        const o = JSON.parse(rest), r = v2 ? o.r || {} : o;
        for (const id of Object.keys(r)) {
          const spec = data.reflections[id];
          if (spec && Array.isArray(r[id])) {
            st.reflections[id] = r[id].slice(0, spec.prompts).map((t) => String(t || "").slice(0, spec.maxLength));
          }
        }
        if (v2) {
          readOther(data, o.x, st.answers, st.tries);
          readOther(data, o.d, st.drafts, null);
        }
      } catch (e) { /* unreadable reflections are dropped */ }
    }
    for (const key of Object.keys(st.drafts)) if (st.answers[key]) delete st.drafts[key];
    return st;
  }

  /** Everything of `a` plus what only `b` has (b's bookmark and reflection texts win). When the
   * two are at different attempts of the final, the later attempt wins and the final's answers
   * and drafts of the older one are left out (data: the runtime data, to know the final's keys). */
  function merge(a, b, data) {
    const st = empty(), fa = a.final, fb = b.final;
    const later = fb.n > fa.n || (fb.n === fa.n && fb.c > fa.c), older = later ? a : b;
    const isFinal = (k) => !!(data && data.questions[k] && data.questions[k].final);
    const keep = (o, from) => {
      const out = {};
      for (const k of Object.keys(o)) if (fa.n === fb.n || from !== older || !isFinal(k)) out[k] = o[k];
      return out;
    };
    st.bookmark = b.bookmark || a.bookmark;
    st.visited = new Set([...a.visited, ...b.visited]);
    st.final = later ? fb : fa;
    for (const f of ["answers", "tries", "drafts"]) st[f] = Object.assign({}, keep(b[f], b), keep(a[f], a));
    for (const key of Object.keys(st.drafts)) if (st.answers[key]) delete st.drafts[key];
    st.reflections = Object.assign({}, a.reflections, b.reflections);
    return st;
  }

  CP.store = { empty, encode, decode, merge, mask, unmask, LIMIT };
})(window.CoursePack = window.CoursePack || {});
