/* quiz.js: checking answers by hash, revealing feedback, scoring the final assessment, showing answers. */
(function (CP) {
  "use strict";
  const T = CP.text;

  const isCorrect = (data, key, ids) => CP.grade.correct(data, key, ids);

  /** Decodes obfuscated feedback: base64 bytes XOR the 8 bytes of hash64(salt|question|choice). Kept
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
  const passes = (correct, total, mk) => total > 0 && BigInt(correct) * mk.d >= mk.n * BigInt(total);

  /** The final assessment: {total, answered, correct, raw, reported, passed, done} against the pass
   * mark mk (the LMS's when it sets one, else the course's). raw, rounded, is only shown. reported
   * is the score for the LMS: raw, unless rounding lifted it to the pass mark (2 of 3 is 67 against
   * 67), then the score cut to 2 decimals, so an LMS that judges by it agrees. */
  function score(data, answers, mk) {
    mk = mk || mark(String(data.course.passMark), 100);
    const keys = data.final.filter((k) => data.questions[k]), answered = keys.filter((k) => answers[k]);
    const correct = answered.filter((k) => isCorrect(data, k, answers[k])).length, total = keys.length;
    const raw = total ? Math.round((100 * correct) / total) : 0, passed = passes(correct, total, mk);
    const reported = passed || raw < mk.pct ? raw : Math.floor((10000 * correct) / total) / 100;
    return { total, answered: answered.length, correct, raw, reported, passed,
      done: total > 0 && answered.length === total };
  }

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

  /** Fills a box with the verdict (words and icon, not colour alone) and each selected choice's feedback. */
  function fill(box, data, key, ids) {
    const ok = isCorrect(data, key, ids), v = el("p", "cp-verdict", ""), list = el("ul", "cp-fb-list", "");
    const icon = el("span", "cp-icon", ok ? "\u2713 " : "\u2717 ");
    icon.setAttribute("aria-hidden", "true");
    v.append(icon, ok ? T.right : T.wrong + (data.questions[key].type === "multiple" ? T.wrongMultiple : ""));
    for (const id of ids) {
      const li = el("li", "", T.picked + " "), text = feedback(data, key, id);
      li.append(el("strong", "", "\u201c" + choiceText(key, id) + "\u201d"));
      if (text) {
        const span = el("span", "cp-fb-text", "");
        // inline HTML the builder rendered from Markdown and sanitized
        span.innerHTML = text;
        li.append(" ", span);
      }
      list.append(li);
    }
    box.replaceChildren(v, list);
    box.className = box.className.replace(/ cp-(ok|bad|warn)/g, "") + (ok ? " cp-ok" : " cp-bad");
    box.dataset.result = ok ? "correct" : "wrong";
    return ok;
  }

  const form = (key) => document.querySelector('form[data-question="' + key + '"]');

  /** Shows a question as submitted: inputs checked and disabled, verdict and feedback visible. */
  function show(data, key, ids) {
    const f = form(key);
    if (!f) return;
    f.dataset.answered = fill(f.querySelector(".cp-feedback"), data, key, ids) ? "correct" : "wrong";
    f.querySelectorAll("input").forEach((i) => {
      i.checked = ids.includes(i.value);
      i.disabled = true;
      if (i.checked) i.parentNode.append(el("span", "cp-tag", T.yours));
    });
    const b = f.querySelector(".cp-check");
    b.setAttribute("aria-disabled", "true");
    b.textContent = T.answered;
  }

  /** Fills a question's entry on the results screen. */
  function review(data, key, ids) {
    const item = document.querySelector('[data-review="' + key + '"]');
    if (item) item.dataset.result = fill(item.querySelector(".cp-review-body"), data, key, ids) ? "correct" : "wrong";
  }

  /** Calls onAnswer(key, selected choice ids) when a question is submitted with a selection. */
  function bind(onAnswer) {
    document.addEventListener("submit", (e) => {
      const f = e.target.closest("form[data-question]");
      if (!f) return;
      e.preventDefault();
      const ids = Array.from(f.querySelectorAll("input:checked"), (i) => i.value), box = f.querySelector(".cp-feedback");
      if (f.dataset.answered) return;
      if (ids.length) return onAnswer(f.dataset.question, ids);
      box.className = "cp-feedback cp-warn";
      box.textContent = T.pickFirst;
    });
  }

  CP.quiz = { isCorrect, mark, passes, score, show, review, bind };
})(window.CoursePack = window.CoursePack || {});
