/* quiz.js: checking answers by hash, revealing feedback, scoring the final assessment, showing it all. */
(function (CP) {
  "use strict";
  const T = CP.text;

  /** True when the selected choice ids hash to the question's `check`. */
  function isCorrect(data, key, ids) {
    const q = data.questions[key];
    return CP.hash.hash64(data.salt + "|" + q.id + "|" + ids.slice().sort().join(",")) === q.check;
  }

  /** The feedback text of one choice ("" when there is none). */
  function feedback(data, key, choiceId) {
    const q = data.questions[key], b = q.feedback && q.feedback[choiceId];
    try { return b ? CP.hash.reveal(b, data.salt, q.id, choiceId) : ""; } catch (e) { return ""; }
  }

  /** The final assessment: {total, answered, correct, raw, passed, done}. */
  function score(data, answers) {
    const keys = data.final.filter((k) => data.questions[k]);
    const answered = keys.filter((k) => answers[k]);
    const correct = answered.filter((k) => isCorrect(data, k, answers[k])).length;
    const raw = keys.length ? Math.round((100 * correct) / keys.length) : 0;
    return {
      total: keys.length, answered: answered.length, correct, raw,
      passed: raw >= data.course.passMark, done: keys.length > 0 && answered.length === keys.length
    };
  }

  const form = (key) => document.querySelector('form[data-question="' + key + '"]');

  /** The text of a choice as the learner saw it. */
  function choiceText(key, choiceId) {
    const input = document.getElementById("q-" + key + "-" + choiceId);
    return input ? input.closest("label").querySelector(".cp-choice-text").textContent.trim() : choiceId;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  /** Verdict (text, not only colour) and the feedback of each selected choice. */
  function feedbackNodes(data, key, ids, ok) {
    const frag = document.createDocumentFragment(), v = el("p", "cp-verdict");
    const icon = el("span", "cp-icon", ok ? "\u2713" : "\u2717");
    icon.setAttribute("aria-hidden", "true");
    v.append(icon, " " + (ok ? T.right : T.wrong + (data.questions[key].type === "multiple" ? T.wrongMultiple : "")));
    const list = el("ul", "cp-fb-list");
    for (const id of ids) {
      const li = el("li"), pick = el("span", "cp-fb-pick", T.picked + " ");
      pick.append(el("strong", "", "\u201c" + choiceText(key, id) + "\u201d"));
      li.append(pick);
      const text = feedback(data, key, id);
      if (text) li.append(" ", el("span", "cp-fb-text", text));
      list.append(li);
    }
    frag.append(v, list);
    return frag;
  }

  function paint(box, ok) {
    box.classList.remove("cp-ok", "cp-bad", "cp-warn");
    box.classList.add(ok ? "cp-ok" : "cp-bad");
    box.dataset.result = ok ? "correct" : "wrong";
  }

  /** Shows a question as submitted: inputs checked and disabled, verdict and feedback visible. */
  function show(data, key, ids) {
    const f = form(key);
    if (!f) return;
    const ok = isCorrect(data, key, ids);
    f.querySelectorAll("input").forEach((i) => {
      i.checked = ids.includes(i.value);
      i.disabled = true;
      if (i.checked) i.closest("label").append(" ", el("span", "cp-tag", T.yours));
    });
    f.dataset.answered = ok ? "correct" : "wrong";
    const b = f.querySelector(".cp-check");
    b.setAttribute("aria-disabled", "true");
    b.textContent = T.answered;
    const box = f.querySelector(".cp-feedback");
    box.replaceChildren(feedbackNodes(data, key, ids, ok));
    paint(box, ok);
  }

  /** Fills a question's entry on the results screen. */
  function review(data, key, ids) {
    const item = document.querySelector('[data-review="' + key + '"]');
    if (!item) return;
    const ok = isCorrect(data, key, ids), body = item.querySelector(".cp-review-body");
    body.replaceChildren(feedbackNodes(data, key, ids, ok));
    paint(body, ok);
    item.dataset.result = ok ? "correct" : "wrong";
  }

  /** Calls onAnswer(key, selected choice ids) when a question form is submitted with a selection. */
  function bind(onAnswer) {
    document.addEventListener("submit", (e) => {
      const f = e.target.closest("form[data-question]");
      if (!f) return;
      e.preventDefault();
      if (f.dataset.answered) return;
      const ids = Array.from(f.querySelectorAll("input:checked"), (i) => i.value);
      if (ids.length) { onAnswer(f.dataset.question, ids); return; }
      const box = f.querySelector(".cp-feedback");
      box.classList.remove("cp-ok", "cp-bad");
      box.classList.add("cp-warn");
      box.textContent = T.pickFirst;
    });
  }

  CP.quiz = { isCorrect, feedback, score, show, review, bind };
})(window.CoursePack = window.CoursePack || {});
