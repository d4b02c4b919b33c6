/* quiz.js: what an attempt asks (seeded draws and shuffles), grading by attempts, checking answers
 * by hash, revealing feedback and correct answers, showing questions and their review. */
(function (CP) {
  "use strict";
  const T = CP.text;

  const isCorrect = (data, key, ids) => CP.grade.correct(data, key, ids);

  // -- seeded order: the same learner and attempt always meet the same questions in the same order

  /** A PRNG (mulberry32) from a text seed: a function giving floats in [0, 1). */
  function rng(seed) {
    let a = parseInt(CP.hash.hash64(String(seed)).slice(0, 8), 16) >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** A shuffled copy of a list (Fisher-Yates with the given random function). */
  function shuffle(list, rand) {
    const out = list.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** The question keys one attempt of a quiz asks, in the order shown: each pool gives `draw`
   * of its questions (in authored order), then the whole list is shuffled when the quiz says so.
   * Seeded by learner, quiz and attempt: stable on resume, different for neighbours and retakes. */
  function order(data, quizId, learner, attempt) {
    const quiz = data.quizzes[quizId], rand = rng(learner + "|" + quizId + "|" + attempt);
    const keys = [];
    for (const slot of quiz.slots) {
      if (typeof slot === "string") keys.push(slot);
      else {
        const picked = new Set(shuffle(slot.keys, rand).slice(0, slot.draw));
        keys.push(...slot.keys.filter((k) => picked.has(k)));
      }
    }
    return quiz.shuffleQuestions ? shuffle(keys, rand) : keys;
  }

  /** The order of a question's choices for this learner and attempt (true/false never moves). */
  function choiceOrder(data, key, learner, attempt) {
    const q = data.questions[key], quiz = data.quizzes[q.quiz];
    if (!quiz.shuffleChoices || q.type === "truefalse") return null;
    return shuffle(q.choices, rng(learner + "|" + key + "|" + attempt));
  }

  /** The order of a sorting question's items or a matching question's responses for this learner
   * and attempt, when the quiz shuffles choices (null: the page's order, which the build already
   * shuffled once for everyone, since authors list sorting items group by group). */
  function partOrder(data, key, learner, attempt) {
    const q = data.questions[key], quiz = data.quizzes[q.quiz];
    if (!quiz.shuffleChoices || !/^(sorting|matching)$/.test(q.type)) return null;
    return shuffle(q.type === "sorting" ? q.parts : q.targets, rng(learner + "|" + key + "|" + attempt));
  }

  // -- grading: exact fractions (BigInt), the verdict compared in integers

  const gcd = (a, b) => { while (b) [a, b] = [b, a % b]; return a < 0n ? -a : a; };
  function frac(n, d) {
    const g = gcd(n, d) || 1n;
    return { n: n / g, d: d / g };
  }
  const add = (x, y) => frac(x.n * y.d + y.n * x.d, x.d * y.d);
  const less = (x, y) => x.n * y.d < y.n * x.d;

  /** One attempt's score as a fraction of the whole: the credits of the questions asked, over
   * how many were asked (an unanswered question earns nothing). */
  function attemptScore(data, keys, answers) {
    let sum = { n: 0n, d: 1n };
    for (const k of keys) if (answers[k] && answers[k].length) sum = add(sum, CP.grade.credit(data, k, answers[k]));
    return keys.length ? frac(sum.n, sum.d * BigInt(keys.length)) : { n: 0n, d: 1n };
  }

  /** The kept grade after the c-th finished attempt scored s: highest, last, first, or (average)
   * the sum of the scores, which graded() divides by the count. */
  function regrade(method, kept, c, s) {
    if (!kept || method === "last" || (method === "highest" && less(kept, s))) return s;
    if (method === "average") return add(kept, s);
    return kept;
  }

  /** The grade that counts, from the kept value and the count of finished attempts. */
  const graded = (method, kept, c) => (!kept ? null : method === "average" ? frac(kept.n, kept.d * BigInt(c)) : kept);

  /** A pass mark from a decimal string ("80", "0.655"; per: 100 for a percent, 1 for a fraction
   * of one): {n, d} (the mark is n/d of the whole, exactly) and pct, the percent shown; null when
   * empty or not a plain decimal. */
  function mark(s, per) {
    const m = /^\s*(-?)(\d*)(?:\.(\d*))?\s*$/.exec(s == null ? "" : s);
    if (!m || !(m[2] + (m[3] || ""))) return null;
    const f = m[3] || "", n = BigInt(m[1] + m[2] + f), d = 10n ** BigInt(f.length) * BigInt(per);
    return { n, d, pct: Number(n * 100n) / Number(d) };
  }

  /** The one verdict: correct of total reaches the pass mark, compared exactly (in integers). */
  const passes = (correct, total, mk) => BigInt(total) > 0n && BigInt(correct) * mk.d >= mk.n * BigInt(total);

  /** What a grade means: {raw, reported, passed, n, d} against the pass mark mk. raw, rounded, is
   * shown. reported is the score for the LMS: raw, unless rounding lifted it to the pass mark
   * (2 of 3 is 67 against 67), then the score cut to 2 decimals, so an LMS judging by it agrees. */
  function verdict(g, mk) {
    const raw = Number((g.n * 200n + g.d) / (2n * g.d)), passed = passes(g.n, g.d, mk);
    const reported = passed || raw < mk.pct ? raw : Number((g.n * 10000n) / g.d) / 100;
    return { raw, reported, passed, n: g.n, d: g.d };
  }

  /** The final assessment's standing: {done, passed, raw, reported, correct, total (the graded
   * fraction correct/total, for cmi5's scaled score), attempt (this attempt's raw), closed (no
   * retake is offered), left (attempts left, -1 when unlimited), answered, asked, keys, items}. */
  function score(data, st, mk, learner) {
    mk = mk || mark(String(data.course.passMark), 100);
    const fq = data.quizzes[data.finalId] || { attempts: 0, grading: "highest", slots: [] };
    const f = st.final, keys = data.finalId ? order(data, data.finalId, learner, f.n) : [];
    const answered = keys.filter((k) => (st.answers[k] || st.drafts[k] || []).length).length;
    const g = graded(fq.grading, f.g, f.c), v = g ? verdict(g, mk) : { raw: 0, reported: 0, passed: false, n: 0n, d: 1n };
    const left = fq.attempts ? Math.max(fq.attempts - f.c, 0) : -1;
    const finished = f.c === f.n && f.c > 0;
    const s = finished ? verdict(attemptScore(data, keys, st.answers), mk) : null;
    const items = finished ? keys.map((k) => {
      const c = st.answers[k] ? CP.grade.credit(data, k, st.answers[k]) : { n: 0n, d: 1n };
      return { key: k, module: data.questions[k].module || "", credit: Number(c.n) / Number(c.d) };
    }) : [];
    return { done: f.c > 0, passed: v.passed, raw: v.raw, reported: v.reported, correct: Number(v.n), total: Number(v.d),
      attempt: s ? s.raw : null, finished, closed: f.c > 0 && (v.passed || left === 0), left, answered, asked: keys.length,
      keys, items, mark: mk };
  }

  /** The band of a grade: the message of the highest band it reaches ("" when none). */
  function band(quiz, g) {
    let html = "";
    for (const b of quiz.bands || []) if (g.n * 100n >= BigInt(b.from) * g.d) html = b.html;
    return html;
  }

  // -- obfuscated texts

  /** Decodes obfuscated text: base64 bytes XOR the 8 bytes of hash64(salt|question|slot). Kept
   * inside this file on purpose: nothing global decodes feedback (see the README on what it protects). */
  function reveal(b64, salt, questionId, choiceId) {
    const key = CP.hash.hash64(salt + "|" + questionId + "|" + choiceId), raw = atob(b64), out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i) ^ parseInt(key.substr((i % 8) * 2, 2), 16);
    return new TextDecoder().decode(out);
  }

  /** The feedback text of one choice the learner picked ("" when there is none). */
  function feedback(data, key, choiceId) {
    const q = data.questions[key], b = (q.feedback || {})[choiceId];
    try { return b ? reveal(b, data.salt, q.id, choiceId) : ""; } catch (e) { return ""; }
  }

  /** The correct answer (choice ids), only in a package whose settings ever show it; like feedback,
   * decoded only inside this file. */
  function answerOf(data, key) {
    const q = data.questions[key];
    try { return q.answer ? reveal(q.answer, data.salt, q.id, "=").split(",").filter(Boolean) : null; } catch (e) { return null; }
  }

  // -- the page

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    e.className = cls;
    e.textContent = text;
    return e;
  }

  /** The text of a choice as the learner saw it. */
  function choiceText(key, choiceId) {
    const t = document.querySelector("#q-" + key + "-" + choiceId + " + .cp-choice-text");
    return t ? t.textContent.trim() : choiceId;
  }

  /** A sorting, ordering or matching answer: the verdict (with how many items are right), the
   * placements marked right or wrong (arrange.js), the question's feedback when `texts`, and the
   * right placements when `answer` (the settings allow it now). */
  function fillArranged(box, data, key, ids, opts, v) {
    const q = data.questions[key], ok = !!ids && isCorrect(data, key, ids);
    const right = ids && q.checks ? ids.filter((e) => CP.grade.placed(data, key, e)).length : 0;
    v.append(!ids ? T.noAnswer : ok ? T.right : right ? CP.fmt(T.partly, { n: right, t: q.parts.length }) : T.wrong);
    if (opts.retry) v.append(" " + opts.retry);
    const parts = [v];
    if (ids) parts.push(CP.arrange.list(data, key, ids));
    const text = opts.texts && ids ? feedback(data, key, ok ? "correct" : "incorrect") : "";
    if (text) {
      const span = el("p", "cp-fb-text", "");
      // inline HTML the builder rendered from Markdown and sanitized
      span.innerHTML = text;
      parts.push(span);
    }
    if (opts.answer && !ok) {
      const a = el("p", "cp-answer", T.correctIs + " "), name = (id) => (q.texts || {})[id] || id;
      a.append(el("strong", "", CP.grade.key(data, key).map((e) => e.split("=").map(name).join(" \u2192 ")).join("; ")));
      parts.push(a);
    }
    box.replaceChildren(...parts);
    return ok;
  }

  /** Fills a box with the verdict (words and icon, not colour alone), each selected choice (with
   * its feedback when `texts`), and the correct answer when `answer` (the settings allow it now). */
  function fill(box, data, key, ids, opts) {
    const ok = !!ids && isCorrect(data, key, ids), v = el("p", "cp-verdict", ""), list = el("ul", "cp-fb-list", "");
    const icon = el("span", "cp-icon", ok ? "\u2713 " : "\u2717 ");
    icon.setAttribute("aria-hidden", "true");
    if (data.questions[key].parts) {
      v.append(icon);
      fillArranged(box, data, key, ids, opts, v);
      box.className = box.className.replace(/ cp-(ok|bad|warn)/g, "") + (ok ? " cp-ok" : " cp-bad");
      box.dataset.result = ok ? "correct" : "wrong";
      return ok;
    }
    v.append(icon, !ids ? T.noAnswer : ok ? T.right : T.wrong + (data.questions[key].type === "multiple" ? T.wrongMultiple : ""));
    if (opts.retry) v.append(" " + opts.retry);
    for (const id of ids || []) {
      const li = el("li", "", T.picked + " "), text = opts.texts ? feedback(data, key, id) : "";
      li.append(el("strong", "", "\u201c" + choiceText(key, id) + "\u201d"));
      if (text) {
        const span = el("span", "cp-fb-text", "");
        // inline HTML the builder rendered from Markdown and sanitized
        span.innerHTML = text;
        li.append(" ", span);
      }
      list.append(li);
    }
    const parts = [v, list], right = opts.answer && !ok && answerOf(data, key);
    if (right) {
      const a = el("p", "cp-answer", T.correctIs + " ");
      a.append(el("strong", "", right.map((c) => "\u201c" + choiceText(key, c) + "\u201d").join(", ")));
      parts.push(a);
    }
    box.replaceChildren(...parts);
    box.className = box.className.replace(/ cp-(ok|bad|warn)/g, "") + (ok ? " cp-ok" : " cp-bad");
    box.dataset.result = ok ? "correct" : "wrong";
    return ok;
  }

  const form = (key) => document.querySelector('form[data-question="' + key + '"]');

  /** Puts a question's choices in the order given (ids), keeping its labels and inputs together. */
  function arrange(key, ids) {
    const f = form(key);
    if (!f || !ids) return;
    const labels = ids.map((c) => f.querySelector('input[value="' + c + '"]')).filter(Boolean).map((i) => i.closest("label"));
    CP.reorder(f.querySelector("fieldset"), labels);
  }

  /** Shows a question open for an answer: the picks given (a draft), nothing locked, no verdict. */
  function open(data, key, picks) {
    const f = form(key);
    if (!f) return;
    delete f.dataset.answered;
    if (CP.arrange.owns(f)) { // sorting, ordering, matching: the widget holds the draft
      f.querySelectorAll("input, select, [data-move]").forEach((c) => { c.disabled = false; });
      CP.arrange.show(f, picks || [], false);
    } else f.querySelectorAll("input").forEach((i) => {
      i.checked = !!picks && picks.includes(i.value);
      i.disabled = false;
    });
    f.querySelectorAll(".cp-tag").forEach((t) => t.remove());
    const box = f.querySelector(".cp-feedback");
    box.replaceChildren();
    box.className = "cp-feedback";
    delete box.dataset.result;
    const b = f.querySelector(".cp-check");
    if (b) {
      b.removeAttribute("aria-disabled");
      b.textContent = T.check;
    }
  }

  /** Shows a question as answered: inputs checked, and locked unless `opts.retry`; the verdict, and
   * the feedback texts when `opts.texts`, the correct answer when `opts.answer`. */
  function show(data, key, ids, opts) {
    const f = form(key);
    if (!f) return;
    opts = opts || { texts: true };
    f.dataset.answered = fill(f.querySelector(".cp-feedback"), data, key, ids, opts) ? "correct" : "wrong";
    f.querySelectorAll(".cp-tag").forEach((t) => t.remove());
    if (CP.arrange.owns(f)) {
      if (opts.retry) f.querySelectorAll("input, select, [data-move]").forEach((c) => { c.disabled = false; });
      CP.arrange.show(f, ids || [], !opts.retry);
    } else f.querySelectorAll("input").forEach((i) => {
      i.checked = !!ids && ids.includes(i.value);
      i.disabled = !opts.retry;
      if (i.checked && !opts.retry) i.parentNode.append(el("span", "cp-tag", T.yours));
    });
    if (opts.retry) delete f.dataset.answered;
    const b = f.querySelector(".cp-check");
    if (!b) return;
    if (opts.retry) {
      b.removeAttribute("aria-disabled");
      b.textContent = T.checkAgain;
    } else {
      b.setAttribute("aria-disabled", "true");
      b.textContent = T.answered;
    }
  }

  /** Fills a question's entry on the results screen. */
  function review(data, key, ids, opts) {
    const item = document.querySelector('[data-review="' + key + '"]');
    if (item) item.dataset.result = fill(item.querySelector(".cp-review-body"), data, key, ids, opts) ? "correct" : "wrong";
  }

  /** Calls onAnswer(key, selected choice ids) when a question is submitted with a selection. */
  function bind(onAnswer) {
    document.addEventListener("submit", (e) => {
      const f = e.target.closest("form[data-question]");
      if (!f) return;
      e.preventDefault();
      const box = f.querySelector(".cp-feedback");
      // qtypes: a sorting, ordering or matching answer comes from its widget
      const ids = CP.arrange.owns(f) ? CP.arrange.answer(f) : Array.from(f.querySelectorAll("input:checked"), (i) => i.value);
      if (f.dataset.answered) return;
      if (ids.length) return onAnswer(f.dataset.question, ids);
      box.className = "cp-feedback cp-warn";
      box.textContent = T.pickFirst;
    });
  }

  /** The picks of a question's form, unsubmitted (choice ids). */
  function picks(key) {
    const f = form(key);
    if (f && CP.arrange.owns(f)) return CP.arrange.answer(f);
    return f ? Array.from(f.querySelectorAll("input:checked"), (i) => i.value) : [];
  }

  CP.quiz = { isCorrect, mark, passes, score, verdict, band, order, choiceOrder, partOrder, rng, shuffle, attemptScore,
    regrade, graded, frac, arrange, open, show, review, bind, picks };
})(window.CoursePack = window.CoursePack || {});
