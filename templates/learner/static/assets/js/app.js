/* app.js: wiring. Picks the adapter, restores the state, saves after every change (retrying with
 * a bounded backoff, a backup in localStorage), commits when hidden, finishes once (pagehide or Keluar). */
(function (CP) {
  "use strict";
  const T = CP.text, $ = (id) => document.getElementById(id);
  let data, mode = "", adapter = null, state = null, pending = null, learner = "", backupKey = "";
  let ended = false, failing = false, retry = 0, delay = 2000, typing = 0;
  // interactions the LMS accepted (SetValue) but has not committed yet
  let unsaved = [];
  // the pass mark the LMS sets (adapter start(): mastery), null for the course's: one verdict for all
  let mk = null;
  // who the seeded orders are for (the LMS's learner id, else the name typed offline)
  let seed = "";
  // the question shown in a one-per-screen final (index into the attempt's keys)
  let pos = 0;
  // the notice about drafts shown now ("" when none): it goes once they are submitted or gone
  let draftNotice = "";
  const score = () => CP.quiz.score(data, state, mk, seed);
  const quizOf = (key) => data.quizzes[data.questions[key].quiz];

  function view(name) {
    // lms: which LMS adapter runs (the classroom's lets a learner who left go back in)
    Object.assign($("cp-app").dataset, { state: name, mode, lms: (adapter && adapter.kind) || "" });
    $("cp-start").hidden = name !== "start";
    $("cp-exited").hidden = name !== "exited";
  }

  const status = (text) => { $("cp-status").textContent = text; };

  function boot() {
    data = JSON.parse($("cp-data").textContent);
    CP.nav.init(data, { onShow: shown });
    CP.quiz.bind(answer);
    document.addEventListener("change", (e) => {
      const f = e.target.closest && e.target.closest("form[data-question]");
      if (f) draft(f.dataset.question);
    });
    // an ordering's Up/Down buttons change no input: its draft is taken after arrange.js moved the item
    document.addEventListener("click", (e) => {
      const f = e.target.closest && e.target.closest("[data-move]") && e.target.closest("form[data-question]");
      if (f) setTimeout(() => draft(f.dataset.question), 0);
    });
    document.addEventListener("click", (e) => {
      const b = e.target.closest && e.target.closest("[data-qstep],[data-submit],[data-confirm],[data-cancel],[data-jump],#cp-retake");
      if (!b) return;
      if (b.dataset.qstep) step(+b.dataset.qstep);
      else if ("submit" in b.dataset) summarize();
      else if ("confirm" in b.dataset) submit();
      else if ("cancel" in b.dataset) closeSummary();
      else if (b.dataset.jump) jump(b.dataset.jump);
      else retake();
    });
    document.querySelectorAll("form[data-reflection]").forEach(bindReflection);
    $("cp-exit").addEventListener("click", exit);
    $("cp-print").addEventListener("click", () => window.print());
    $("cp-reenter").addEventListener("click", () => window.location.reload());
    document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flush(); });
    window.addEventListener("pagehide", () => (mode === "lms" ? end() : flush()));
    window.addEventListener("pageshow", (e) => { if (e.persisted && ended) view("exited"); });
    const a = CP.lms.connect();
    if (a) {
      const info = a.start();
      if (info) {
        mode = "lms";
        adapter = a;
        backupKey = data.course.storageKey + "|lms|" + info.learnerId;
        return begin(info, false);
      }
      status(T.noLms);
    }
    mode = "local";
    startPanel();
  }

  /** Offline: the learner types a name, then continues that name's progress or starts over. */
  function startPanel() {
    view("start");
    const lastKey = data.course.storageKey + "|last", last = CP.lms.storage.get(lastKey);
    const name = $("cp-name"), found = $("cp-start-found"), err = $("cp-name-err");
    let chosen = null;
    if (last && last.name) name.value = last.name;
    if (!CP.lms.storage.works()) $("cp-name-hint").textContent = T.noStorage;
    const go = (fresh) => {
      if (fresh) chosen.forget();
      CP.lms.storage.set(lastKey, { name: name.value.trim() });
      adapter = chosen;
      begin(adapter.start(), true);
    };
    const ask = $("cp-restart-ask"), restart = $("cp-restart"), startBtn = $("cp-start-go");
    const asking = (on) => {
      ask.hidden = !on;
      restart.setAttribute("aria-expanded", String(on));
      if (on) $("cp-restart-no").focus();
    };
    name.addEventListener("input", () => { found.hidden = true; startBtn.hidden = false; asking(false); });
    $("cp-start-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const n = name.value.trim().replace(/\s+/g, " ");
      err.hidden = !!n;
      if (n) name.removeAttribute("aria-invalid");
      else name.setAttribute("aria-invalid", "true");
      if (!n) {
        err.textContent = T.nameMissing;
        return name.focus();
      }
      chosen = CP.lms.local(data.course.storageKey, n);
      const rec = chosen.peek();
      if (!rec || !rec.suspend) return go(false);
      const v = CP.store.decode(data, rec.suspend).visited.size, who = rec.name || n;
      const result = rec.status === "passed" ? T.foundPassed : rec.status === "failed" ? T.foundFailed : "";
      $("cp-start-found-text").textContent = [CP.fmt(T.found, { name: who, v, t: data.screens.length }),
        result && CP.fmt(result, { name: who, score: Number(rec.raw).toLocaleString(document.documentElement.lang) })].filter(Boolean).join(" ");
      $("cp-restart-ask-text").textContent = CP.fmt(T.restartAsk, { name: who });
      found.hidden = false;
      startBtn.hidden = true; // its work is done: Continue or Start over
      asking(false);
      $("cp-continue").focus();
    });
    $("cp-continue").addEventListener("click", () => go(false));
    // deleting a learner's record (maybe their only proof of a pass, offline) takes a second click
    restart.addEventListener("click", () => asking(ask.hidden));
    $("cp-restart-no").addEventListener("click", () => { asking(false); $("cp-continue").focus(); });
    $("cp-restart-yes").addEventListener("click", () => go(true));
  }

  /** Restores a saved state (plus an unsent backup) into the page and shows the bookmarked screen. */
  function begin(info, focus) {
    state = CP.store.decode(data, info.suspend);
    let bookmark = info.bookmark;
    const backup = backupKey && CP.lms.storage.get(backupKey);
    pending = { incomplete: false, interactions: [], result: null };
    if (backup && backup.pending) {
      state = CP.store.merge(state, CP.store.decode(data, backup.suspend), data);
      bookmark = backup.bookmark || bookmark;
      // an older package's unsent true/false answers name benar/salah (store.js legacyKeys)
      const was = { benar: "true", salah: "false" };
      pending.interactions = (backup.interactions || []).map((r) => Object.assign(r, { n: undefined },
        r.type === "truefalse" && Array.isArray(r.choices) ? { choices: r.choices.map((c) => was[c] || c) } : {}));
    }
    learner = info.learnerName;
    seed = info.learnerId || info.learnerName || "";
    mk = info.mastery || null;
    // the LMS's pass mark is the one every line of the page names (the cover, the final's intro)
    if (mk) document.querySelectorAll("[data-passmark]").forEach((e) => { e.textContent = mk.pct.toLocaleString(document.documentElement.lang); });
    const r = score();
    if (r.done && info.status !== (r.passed ? "passed" : "failed")) pending.result = r;
    if (!r.done && !/^(passed|failed|incomplete)$/.test(info.status)) pending.incomplete = true;
    pos = resumeAt();
    for (const id of Object.keys(data.quizzes)) paint(id);
    const drafts = Object.keys(state.drafts).length;
    document.querySelectorAll("form[data-reflection]").forEach((f) => {
      const texts = state.reflections[f.dataset.reflection] || [];
      f.querySelectorAll("textarea").forEach((t, i) => { t.value = texts[i] || ""; count(t); });
    });
    if (learner) {
      $("cp-learner").textContent = CP.fmt(T.learner, { name: learner });
      $("cp-learner").hidden = false;
    }
    view("course");
    CP.nav.go(data.screens.some((s) => s.id === bookmark) ? bookmark : data.screens[0].id, { focus });
    if (drafts) noteDrafts(CP.fmt(T.draftsBack, { n: drafts }));
  }

  /** Where a one-per-screen final reopens mid-attempt: its first question with neither answer nor
   * draft, else its last (derived from the saved drafts: nothing more is stored). */
  function resumeAt() {
    if (!data.finalId || state.final.c === state.final.n) return 0;
    const keys = asked(data.finalId), open = keys.findIndex((k) => !(state.answers[k] || state.drafts[k]));
    return open < 0 ? keys.length - 1 : open;
  }

  /** Says something about drafts in the status line, remembered so it can go when they do. */
  function noteDrafts(text) {
    draftNotice = text;
    status(text);
  }

  /** Takes the drafts notice off the status line (another message there stays). */
  function dropDraftNotice() {
    if (draftNotice && $("cp-status").textContent === draftNotice) status("");
    draftNotice = "";
  }

  /** The keys a quiz asks this learner now (the final: in its current attempt). */
  const asked = (quizId) => CP.quiz.order(data, quizId, seed, data.quizzes[quizId].final ? state.final.n : 1);

  /** A knowledge-check question is settled when right or out of tries. */
  function settled(key) {
    const a = state.answers[key];
    if (!a) return false;
    const tries = quizOf(key).attempts;
    return CP.quiz.isCorrect(data, key, a) || (tries > 0 && (state.tries[key] || 1) >= tries);
  }

  /** Whether a quiz shows correct answers now: never, after the attempt (a settled question, a
   * finished final), or after the last attempt (the final closed: passed or no attempts left). */
  function revealing(quizId, key) {
    const q = data.quizzes[quizId];
    if (q.answers === "never") return false;
    if (!q.final) return settled(key);
    const r = score();
    return r.finished && (q.answers === "after-attempt" || r.closed);
  }

  /** Draws a quiz as the state has it: the asked questions in their order, the others hidden;
   * answers, drafts, verdicts and feedback as the settings allow. */
  function paint(quizId) {
    const q = data.quizzes[quizId], keys = asked(quizId), list = document.querySelector('[data-qlist="' + quizId + '"]');
    const attempt = q.final ? state.final.n : 1, finished = q.final && state.final.c === state.final.n;
    const all = Object.keys(data.questions).filter((k) => data.questions[k].quiz === quizId);
    const settledAll = keys.every(settled);
    all.forEach((k) => {
      const f = document.querySelector('form[data-question="' + k + '"]');
      if (f) f.hidden = !keys.includes(k);
    });
    if (list) CP.reorder(list, keys.map((k) => document.querySelector('form[data-question="' + k + '"]')).filter(Boolean));
    keys.forEach((k, i) => {
      const f = document.querySelector('form[data-question="' + k + '"]');
      if (!f) return;
      const n = f.querySelector(".cp-qn");
      if (n) n.textContent = String(i + 1);
      const t = f.querySelector(".cp-qt");
      if (t) t.textContent = String(keys.length);
      CP.quiz.arrange(k, CP.quiz.choiceOrder(data, k, seed, attempt)); // null: the page's (authored) order
      CP.arrange.place(k, CP.quiz.partOrder(data, k, seed, attempt));
      const a = state.answers[k], answer = revealing(quizId, k);
      if (q.final) {
        if (finished) CP.quiz.show(data, k, a || null, { texts: true, answer });
        else if (a && q.feedback === "after-question") CP.quiz.show(data, k, a, { texts: true, answer });
        else CP.quiz.open(data, k, a || state.drafts[k]);
      } else if (a) {
        const done = settled(k), texts = q.feedback === "after-question" || settledAll;
        const left = q.attempts ? q.attempts - (state.tries[k] || 1) : -1;
        const retry = done ? "" : left > 0 ? CP.fmt(T.triesLeft, { n: left }) : T.tryAgain;
        CP.quiz.show(data, k, a, { texts, answer, retry: done ? "" : retry });
        if (!done && state.drafts[k]) CP.quiz.open(data, k, state.drafts[k]);
      } else CP.quiz.open(data, k, state.drafts[k]);
    });
    if (q.final) paintFinal(quizId, keys);
    else summary(quizId, keys);
  }

  /** The final's own parts: attempt line, draft note, one question at a time, the submit box. */
  function paintFinal(quizId, keys) {
    const q = data.quizzes[quizId], f = state.final, finished = f.c === f.n, sec = $("s-" + quizId);
    if (!sec) return;
    const line = sec.querySelector("[data-attempt-line]");
    if (line) line.textContent = q.attempts ? CP.fmt(T.attemptOf, { n: f.n, m: q.attempts }) : CP.fmt(T.attemptN, { n: f.n });
    const note = sec.querySelector("[data-draft-note]");
    if (note) note.hidden = finished || !keys.some((k) => state.drafts[k]);
    const one = q.layout === "one-per-screen" && !finished;
    pos = Math.min(Math.max(pos, 0), keys.length - 1);
    keys.forEach((k, i) => {
      const form = document.querySelector('form[data-question="' + k + '"]');
      if (form && one) form.hidden = i !== pos;
    });
    const nav = sec.querySelector("[data-qnav]"), last = pos === keys.length - 1;
    if (nav) {
      nav.hidden = !one;
      nav.querySelector("[data-qpos]").textContent = CP.fmt(T.qpos, { n: pos + 1, t: keys.length });
      nav.querySelector('[data-qstep="-1"]').disabled = pos === 0;
      nav.querySelector('[data-qstep="1"]').disabled = last;
    }
    const box = sec.querySelector("[data-submit-box]");
    if (box) box.hidden = finished;
    // one button leads: the next question, and on the last one (or all on one screen) Submit
    const send = sec.querySelector("[data-submit]");
    if (send) send.classList.toggle("cp-btn-quiet", one && !last);
    attemptOpen(!finished);
    const done = sec.querySelector("[data-finished]");
    if (done) done.hidden = !finished;
  }

  /** One-per-screen: the previous or next question of the attempt. */
  function step(delta) {
    const keys = asked(data.finalId);
    pos = Math.min(Math.max(pos + delta, 0), keys.length - 1);
    paintFinal(data.finalId, keys);
    const f = document.querySelector('form[data-question="' + keys[pos] + '"]');
    const h = f && f.querySelector("h2");
    if (h) h.focus();
  }

  /** From the summary: show that question (one-per-screen) or scroll to it. */
  function jump(key) {
    const keys = asked(data.finalId);
    closeSummary();
    pos = Math.max(keys.indexOf(key), 0);
    paintFinal(data.finalId, keys);
    const f = document.querySelector('form[data-question="' + key + '"]');
    if (f) {
      f.scrollIntoView();
      const input = f.querySelector("input");
      if (input) input.focus();
    }
  }

  /** A pick not yet submitted is kept as a draft (saved with the state, said on the page). */
  function draft(key) {
    if (!state || ended || !data.questions[key]) return;
    const q = data.questions[key];
    if (q.final ? state.final.c === state.final.n || state.answers[key] : settled(key)) return;
    const ids = CP.quiz.picks(key);
    if (ids.length) state.drafts[key] = q.parts ? ids : q.choices.filter((c) => ids.includes(c));
    else delete state.drafts[key];
    if (!Object.keys(state.drafts).length) dropDraftNotice();
    if (q.final) paintFinal(q.quiz, asked(q.quiz));
    // saved after a pause, like typing; while saves fail, the retry carries the drafts along
    clearTimeout(typing);
    if (!failing) typing = setTimeout(flush, 1500);
  }

  /** Before submitting: how many are answered, which are not (links to them), and a confirm. */
  function summarize() {
    const keys = asked(data.finalId), box = $("s-" + data.finalId).querySelector("[data-summary]");
    const missing = keys.filter((k) => !(state.answers[k] || state.drafts[k]));
    box.querySelector("[data-summary-text]").textContent = CP.fmt(T.summary, { a: keys.length - missing.length, t: keys.length });
    const list = box.querySelector("[data-missing]");
    list.replaceChildren(...missing.map((k) => {
      const li = document.createElement("li"), b = document.createElement("button");
      b.type = "button";
      b.className = "cp-link";
      b.dataset.jump = k;
      b.textContent = CP.fmt(T.questionN, { n: keys.indexOf(k) + 1 });
      li.append(b);
      return li;
    }));
    box.querySelector("[data-missing-h]").hidden = !missing.length;
    box.querySelector("[data-missing-note]").hidden = !missing.length;
    const limit = data.quizzes[data.finalId].attempts;
    box.querySelector("[data-attempt-use]").textContent = limit ? CP.fmt(T.attemptUse, { n: state.final.n, m: limit }) : "";
    box.hidden = false;
    box.querySelector("[data-confirm]").focus();
  }

  function closeSummary() {
    const box = $("s-" + data.finalId).querySelector("[data-summary]");
    if (box) box.hidden = true;
  }

  /** Submits the final's attempt: drafts become answers, the attempt is graded and recorded with
   * attempt-tagged interactions, and the LMS gets the grade by the quiz's grading method. */
  function submit(go) {
    if (!state || ended || state.final.c === state.final.n) return;
    const fq = data.quizzes[data.finalId], keys = asked(data.finalId), n = state.final.n, now = Date.now();
    for (const k of keys) {
      // a question checked on its own went to the LMS then; the drafts go now
      if (!state.answers[k] && state.drafts[k]) {
        state.answers[k] = state.drafts[k];
        pending.interactions.push(interaction(k, state.answers[k], n, now));
      }
      delete state.drafts[k];
    }
    const s = CP.quiz.attemptScore(data, keys, state.answers);
    state.final = { n, c: n, g: CP.quiz.regrade(fq.grading, state.final.g, n, s) };
    pending.result = score();
    pending.incomplete = false;
    dropDraftNotice();
    closeSummary();
    paint(data.finalId);
    results();
    flush();
    if (go !== false) CP.nav.go(data.screens[data.screens.length - 1].id, { focus: true });
  }

  /** One answer as the LMS records it; a final's answer carries its attempt in the id (".a2"). */
  function interaction(key, ids, attempt, time) {
    const q = data.questions[key];
    return { iid: q.iid + (attempt ? ".a" + attempt : ""), type: q.type, choices: ids,
      responses: ids.map((c) => q.rids[c] || c), correct: CP.quiz.isCorrect(data, key, ids),
      part: CP.grade.part(CP.grade.credit(data, key, ids)), time };
  }

  /** From the results page: a new attempt of the final (reflections and checks stay as they are). */
  function retake() {
    const r = score();
    if (!r.finished || r.closed) return;
    for (const k of Object.keys(data.questions)) {
      if (!data.questions[k].final) continue;
      delete state.answers[k];
      delete state.drafts[k];
      delete state.tries[k];
    }
    state.final = { n: state.final.n + 1, c: state.final.c, g: state.final.g };
    pos = 0;
    paint(data.finalId);
    results();
    flush();
    CP.nav.go(data.finalId, { focus: true });
  }

  /** While an attempt is open on the final's screen, the screen pager steps back (CSS): its
   * "Next" would leave the test, and looked like the next question. */
  function attemptOpen(open) {
    $("cp-app").classList.toggle("cp-attempt-open", open && CP.nav.current() === data.finalId);
  }

  function shown(id) {
    if (data.finalId) attemptOpen(state.final.c !== state.final.n);
    const was = state.bookmark;
    if (was === data.finalId && id !== was && state.final.c < state.final.n &&
        asked(data.finalId).some((k) => state.drafts[k])) noteDrafts(T.draftKept);
    state.bookmark = id;
    state.visited.add(id);
    CP.nav.markVisited(state.visited);
    if (CP.look) CP.look.visited(data, state.visited);
    results();
    flush();
  }

  /** A question checked with its button: a knowledge check counts a try; a final question with
   * feedback after each question is locked in (it counts when the attempt is submitted). */
  function answer(key, ids) {
    if (!state || ended) return;
    const q = data.questions[key];
    ids = q.parts ? ids : q.choices.filter((c) => ids.includes(c)); // an arranged answer keeps its form
    if (q.final) {
      if (state.answers[key] || state.final.c === state.final.n) return;
      state.answers[key] = ids;
      delete state.drafts[key];
      pending.interactions.push(interaction(key, ids, state.final.n, Date.now()));
      // the last question checked completes the attempt: it is submitted at once
      if (asked(q.quiz).every((k) => state.answers[k])) return submit(false);
      paint(q.quiz);
      return flush();
    }
    if (settled(key)) return;
    state.answers[key] = ids;
    state.tries[key] = (state.tries[key] || 0) + 1;
    delete state.drafts[key];
    pending.interactions.push(interaction(key, ids, 0, Date.now()));
    paint(q.quiz);
    flush();
  }

  /** Below a knowledge check, once all its questions are settled: how it went. */
  function summary(quizId, keys) {
    const box = document.querySelector('[data-quiz-done="' + quizId + '"]');
    if (!box || !keys.every(settled)) return;
    const right = keys.filter((k) => CP.quiz.isCorrect(data, k, state.answers[k]));
    const first = right.filter((k) => (state.tries[k] || 1) === 1).length;
    // a right answer found on a later try is said as such: "3 of 3 right" read as no mistake
    box.textContent = CP.fmt(first === right.length ? T.quizDone : T.quizDoneRetried,
                             { c: right.length, t: keys.length, f: first });
  }

  /** The results screen: a reminder until an attempt of the final is submitted, then the grade
   * by the grading method, the band's message, attempts, a retake, and the attempt's review. */
  function results() {
    const r = score(), when = r.passed ? "passed" : "failed", fq = data.quizzes[data.finalId];
    $("cp-results-pending").hidden = r.done;
    $("cp-results").hidden = !r.done;
    $("cp-results-progress").textContent = CP.fmt(T.resultsProgress, { a: r.answered, t: r.asked });
    if (!r.done) return;
    $("cp-score").textContent = $("cp-cert-score").textContent = r.raw;
    $("cp-verdict").textContent = r.passed ? T.passed : T.failed;
    $("cp-verdict").dataset.passed = r.passed;
    if (mk) $("cp-mark").textContent = CP.fmt(T.passMarkLms, { m: mk.pct.toLocaleString(document.documentElement.lang) });
    document.querySelectorAll("[data-when]").forEach((e) => { e.hidden = e.dataset.when !== when; });
    const f = state.final, method = T["grading_" + fq.grading] || fq.grading;
    $("cp-attempts").textContent = fq.attempts ? CP.fmt(T.attemptsUsed, { c: f.c, m: fq.attempts, method })
      : CP.fmt(T.attemptsUsedAny, { c: f.c, method });
    // one attempt allowed: nothing to say about attempts
    $("cp-attempts").hidden = fq.attempts === 1;
    $("cp-attempt-score").hidden = r.attempt === null || f.c < 2;
    $("cp-attempt-score").textContent = r.attempt === null ? "" : CP.fmt(T.attemptScore, { s: r.attempt });
    const g = CP.quiz.graded(fq.grading, f.g, f.c), band = $("cp-band");
    // the band's message: Markdown the builder rendered and sanitized
    band.innerHTML = g ? CP.quiz.band(fq, g) : "";
    band.hidden = !band.innerHTML;
    $("cp-retake-box").hidden = r.closed || !r.finished;
    $("cp-retake-left").textContent = r.left < 0 ? "" : CP.fmt(T.attemptsLeft, { n: r.left });
    $("cp-retake-running").hidden = r.finished;
    $("cp-cert-name").textContent = learner || T.someone;
    $("cp-cert-date").textContent = new Date().toLocaleDateString(document.documentElement.lang,
      { day: "numeric", month: "long", year: "numeric" });
    const list = $("cp-review-list"), shown = r.finished ? r.keys : [];
    document.querySelectorAll("[data-review]").forEach((li) => { li.hidden = !shown.includes(li.dataset.review); });
    shown.forEach((k, i) => {
      const li = document.querySelector('[data-review="' + k + '"]');
      if (!li) return;
      if (list) list.append(li);
      const n = li.querySelector(".cp-qn");
      if (n) n.textContent = String(i + 1);
      CP.quiz.review(data, k, state.answers[k] || null, { texts: true, answer: revealing(data.finalId, k) });
    });
    $("cp-review-h").hidden = list.hidden = !r.finished;
    const answers = {};
    shown.forEach((k) => { if (state.answers[k]) answers[k] = state.answers[k]; });
    if (CP.look) CP.look.results(data, answers, r, learner, mk ? mk.pct : data.course.passMark);
  }

  /** Sends what is pending and the current state, then commits; on failure keeps it all and retries. */
  function flush() {
    if (!adapter || !state || ended) return false;
    clearTimeout(retry);
    const copy = { bookmark: state.bookmark, suspend: CP.store.encode(data, state), pending: true,
      interactions: unsaved.concat(pending.interactions) };
    if (backupKey) CP.lms.storage.set(backupKey, copy);
    let ok = true;
    if (pending.incomplete) ok = !(pending.incomplete = !adapter.markIncomplete());
    while (ok && pending.interactions.length) {
      if (adapter.recordInteraction(pending.interactions[0])) unsaved.push(pending.interactions.shift());
      else ok = false;
    }
    if (pending.result) {
      const r = pending.result;
      if (adapter.setResult(r.reported, r.passed, r.correct, r.total)) pending.result = null;
      else ok = false;
    }
    const progress = Math.min(state.visited.size / data.screens.length, 1);
    ok = adapter.save(copy.bookmark, copy.suspend, score().closed, progress) && ok;
    const committed = adapter.commit(), refused = !!(adapter.refused && adapter.refused());
    // a commit stores every value the LMS accepted
    if (committed) unsaved = [];
    ok = committed && ok;
    if (ok && !refused) {
      copy.pending = false;
      copy.interactions = [];
      if (backupKey) CP.lms.storage.set(backupKey, copy);
      delay = 2000;
      if (failing) {
        status(T.saveOk);
        setTimeout(() => { if (!failing) status(""); }, 6000);
      }
      failing = false;
    } else {
      failing = true;
      copy.interactions = unsaved.concat(pending.interactions);
      // kept for the next launch on this browser
      if (backupKey) CP.lms.storage.set(backupKey, copy);
      // refused for good (the LMS said no, not "later"): told in plain words, not retried
      status(mode !== "lms" ? T.saveFailLocal : refused ? T.saveRefused : T.saveFail);
      if (!refused && delay <= 60000) retry = setTimeout(flush, delay);
      // 2 s to 64 s, then the learner's next step tries again
      delay *= 2;
    }
    return ok && !refused;
  }

  /** The one finish: a last save, then the adapter's finish; nothing is sent after it. */
  function end() {
    if (!adapter || !state || ended) return;
    flush();
    if (adapter.finish(score().closed)) { // a finish stores what the LMS accepted: keep only the rest
      unsaved = [];
      const backup = backupKey && CP.lms.storage.get(backupKey);
      if (backup && backup.pending) CP.lms.storage.set(backupKey, Object.assign(backup, { interactions: pending.interactions }));
    }
    ended = true;
    clearTimeout(retry);
    clearTimeout(typing);
  }

  function exit() {
    if (mode === "lms") end();
    else flush();
    view("exited");
    $("cp-exited-h").focus();
  }

  function count(t) {
    $(t.id + "-n").textContent = CP.fmt(T.chars, { n: t.value.length, max: t.maxLength });
  }

  /** Reflection texts go into the state as typed; saved after a pause, on change and on submit. */
  function bindReflection(f) {
    const id = f.dataset.reflection, max = (data.reflections[id] || {}).maxLength || 500, saved = f.querySelector(".cp-saved");
    const grab = () => {
      if (state) state.reflections[id] = Array.from(f.querySelectorAll("textarea"), (t) => t.value.slice(0, max));
    };
    f.addEventListener("input", (e) => {
      count(e.target);
      saved.textContent = "";
      grab();
      clearTimeout(typing);
      typing = setTimeout(flush, 1500);
    });
    f.addEventListener("change", () => { grab(); flush(); });
    f.addEventListener("submit", (e) => {
      e.preventDefault();
      grab();
      clearTimeout(typing);
      saved.textContent = flush() ? T.reflSaved : T.reflPending;
    });
  }

  CP.app = { state: () => state, mode: () => mode, learner: () => learner, flush, exit, go: (id) => CP.nav.go(id, { focus: true }) };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})(window.CoursePack = window.CoursePack || {});
