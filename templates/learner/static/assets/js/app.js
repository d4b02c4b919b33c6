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
  const score = () => CP.quiz.score(data, state.answers, mk);

  function view(name) {
    Object.assign($("cp-app").dataset, { state: name, mode });
    $("cp-start").hidden = name !== "start";
    $("cp-exited").hidden = name !== "exited";
  }

  const status = (text) => { $("cp-status").textContent = text; };

  function boot() {
    data = JSON.parse($("cp-data").textContent);
    CP.nav.init(data, { onShow: shown });
    CP.quiz.bind(answer);
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
    name.addEventListener("input", () => { found.hidden = true; });
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
      const v = CP.store.decode(data, rec.suspend).visited.size;
      $("cp-start-found-text").textContent = CP.fmt(T.found, { name: n, v, t: data.screens.length });
      found.hidden = false;
      $("cp-continue").focus();
    });
    $("cp-continue").addEventListener("click", () => go(false));
    $("cp-restart").addEventListener("click", () => go(true));
  }

  /** Restores a saved state (plus an unsent backup) into the page and shows the bookmarked screen. */
  function begin(info, focus) {
    state = CP.store.decode(data, info.suspend);
    let bookmark = info.bookmark;
    const backup = backupKey && CP.lms.storage.get(backupKey);
    pending = { incomplete: false, interactions: [], result: null };
    if (backup && backup.pending) {
      state = CP.store.merge(state, CP.store.decode(data, backup.suspend));
      bookmark = backup.bookmark || bookmark;
      pending.interactions = (backup.interactions || []).map((r) => Object.assign(r, { n: undefined }));
    }
    learner = info.learnerName;
    mk = info.mastery || null;
    const r = score();
    if (r.done && info.status !== (r.passed ? "passed" : "failed")) pending.result = r;
    if (!r.done && !/^(passed|failed|incomplete)$/.test(info.status)) pending.incomplete = true;
    const quizzes = new Set();
    for (const key of Object.keys(state.answers)) {
      CP.quiz.show(data, key, state.answers[key]);
      quizzes.add(data.questions[key].quiz);
    }
    quizzes.forEach(summary);
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
  }

  function shown(id) {
    state.bookmark = id;
    state.visited.add(id);
    CP.nav.markVisited(state.visited);
    if (CP.look) CP.look.visited(data, state.visited);
    results();
    flush();
  }

  function answer(key, ids) {
    if (!state || ended || state.answers[key]) return;
    const q = data.questions[key];
    ids = q.choices.filter((c) => ids.includes(c));
    state.answers[key] = ids;
    CP.quiz.show(data, key, ids);
    pending.interactions.push({
      iid: q.iid, type: q.type, choices: ids, responses: ids.map((c) => q.rids[c] || c),
      correct: CP.quiz.isCorrect(data, key, ids), time: Date.now()
    });
    if (q.final && score().done) {
      pending.result = score();
      pending.incomplete = false;
    }
    summary(q.quiz);
    results();
    flush();
  }

  /** Below a quiz, once all its questions are answered: how it went (the final one links to Hasil). */
  function summary(quizId) {
    const box = document.querySelector('[data-quiz-done="' + quizId + '"]');
    const keys = Object.keys(data.questions).filter((k) => data.questions[k].quiz === quizId);
    if (!box || keys.some((k) => !state.answers[k])) return;
    const c = keys.filter((k) => CP.quiz.isCorrect(data, k, state.answers[k])).length, done = box.firstElementChild;
    if (done) done.hidden = false;
    else box.textContent = CP.fmt(T.quizDone, { c, t: keys.length });
  }

  /** The results screen: a reminder until the final assessment is done, then score and review. */
  function results() {
    const r = score(), when = r.passed ? "passed" : "failed";
    $("cp-results-pending").hidden = r.done;
    $("cp-results").hidden = !r.done;
    $("cp-results-progress").textContent = CP.fmt(T.resultsProgress, { a: r.answered, t: r.total });
    if (!r.done) return;
    $("cp-score").textContent = $("cp-cert-score").textContent = r.raw;
    $("cp-verdict").textContent = r.passed ? T.passed : T.failed;
    $("cp-verdict").dataset.passed = r.passed;
    if (mk) $("cp-mark").textContent = CP.fmt(T.passMarkLms, { m: mk.pct.toLocaleString(document.documentElement.lang) });
    document.querySelectorAll("[data-when]").forEach((e) => { e.hidden = e.dataset.when !== when; });
    $("cp-cert-name").textContent = learner || T.someone;
    $("cp-cert-date").textContent = new Date().toLocaleDateString(document.documentElement.lang,
      { day: "numeric", month: "long", year: "numeric" });
    data.final.forEach((k) => { if (state.answers[k]) CP.quiz.review(data, k, state.answers[k]); });
    if (CP.look) CP.look.results(data, state.answers, r, learner, mk ? mk.pct : data.course.passMark);
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
    ok = adapter.save(copy.bookmark, copy.suspend, score().done, progress) && ok;
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
    if (adapter.finish(score().done)) { // a finish stores what the LMS accepted: keep only the rest
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

  CP.app = { state: () => state, mode: () => mode, flush, exit, go: (id) => CP.nav.go(id, { focus: true }) };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})(window.CoursePack = window.CoursePack || {});
