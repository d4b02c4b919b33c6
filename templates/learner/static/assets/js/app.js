/* app.js: wiring. Picks the adapter, restores the state, saves after every change with retries,
 * commits when the page is hidden and finishes exactly once (pagehide or the Exit button). */
(function (CP) {
  "use strict";
  const T = CP.text, $ = (id) => document.getElementById(id);
  let data, mode = "", adapter = null, state = null, pending = null, learner = "";
  let ended = false, failing = false, retryTimer = 0, retryDelay = 2000, typingTimer = 0, backupKey = "";

  function view(name) {
    const app = $("cp-app");
    app.dataset.state = name;
    app.dataset.mode = mode;
    $("cp-start").hidden = name !== "start";
    $("cp-exited").hidden = name !== "exited";
  }

  function status(text) {
    $("cp-status").textContent = text;
  }

  function boot() {
    data = JSON.parse($("cp-data").textContent);
    CP.nav.init(data, { onShow: shown });
    CP.quiz.bind(answer);
    bindReflections();
    $("cp-exit").addEventListener("click", exit);
    $("cp-print").addEventListener("click", () => window.print());
    $("cp-reenter").addEventListener("click", () => window.location.reload());
    window.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flush(); });
    window.addEventListener("pagehide", () => { if (mode === "lms") end(); else flush(); });
    window.addEventListener("pageshow", (e) => { if (e.persisted && ended) view("exited"); });
    const api = CP.lms.find("API");
    if (api) {
      const a = CP.lms.scorm12(api), info = a.start();
      if (info) {
        mode = "lms";
        adapter = a;
        backupKey = data.course.storageKey + "|lms|" + info.learnerId;
        begin(info, false);
        return;
      }
      status(T.noLms);
    }
    mode = "local";
    startPanel();
  }

  /** Offline: ask for a name, then continue that learner's progress or start over. */
  function startPanel() {
    view("start");
    const lastKey = data.course.storageKey + "|last", last = CP.lms.storage.get(lastKey);
    const name = $("cp-name"), found = $("cp-start-found");
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
      const n = name.value.trim().replace(/\s+/g, " "), err = $("cp-name-err");
      err.hidden = !!n;
      if (!n) {
        name.setAttribute("aria-invalid", "true");
        err.textContent = T.nameMissing;
        name.focus();
        return;
      }
      name.removeAttribute("aria-invalid");
      chosen = CP.lms.local(data.course.storageKey, n);
      const rec = chosen.peek();
      if (!rec || !rec.suspend) { go(false); return; }
      const v = CP.store.decode(data, rec.suspend).visited.size;
      $("cp-start-found-text").textContent = CP.fmt(T.found, { name: n, v, t: data.screens.length });
      found.hidden = false;
      $("cp-continue").focus();
    });
    $("cp-continue").addEventListener("click", () => go(false));
    $("cp-restart").addEventListener("click", () => go(true));
  }

  /** Restores a saved state into the page and shows the bookmarked screen. */
  function begin(info, focus) {
    state = CP.store.decode(data, info.suspend);
    let bookmark = info.bookmark;
    const backup = backupKey && CP.lms.storage.get(backupKey);
    if (backup && backup.pending) {
      state = CP.store.merge(state, CP.store.decode(data, backup.suspend));
      bookmark = backup.bookmark || bookmark;
    }
    learner = info.learnerName;
    pending = { incomplete: false, interactions: [], result: null };
    const r = CP.quiz.score(data, state.answers);
    if (r.done) {
      if (info.status !== (r.passed ? "passed" : "failed")) pending.result = r;
    } else if (!/^(passed|failed|incomplete)$/.test(info.status)) {
      pending.incomplete = true;
    }
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
    const known = data.screens.some((s) => s.id === bookmark);
    CP.nav.go(known ? bookmark : data.screens[0].id, { focus });
  }

  function shown(id) {
    state.bookmark = id;
    state.visited.add(id);
    CP.nav.markVisited(state.visited);
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
      correct: CP.quiz.isCorrect(data, key, ids), time: new Date()
    });
    const r = CP.quiz.score(data, state.answers);
    if (q.final && r.done) {
      pending.result = r;
      pending.incomplete = false;
    }
    summary(q.quiz);
    results();
    flush();
  }

  /** Under a quiz: how it went once every question of it is answered. */
  function summary(quizId) {
    const box = document.querySelector('[data-quiz-done="' + quizId + '"]');
    const keys = Object.keys(data.questions).filter((k) => data.questions[k].quiz === quizId);
    if (!box || keys.some((k) => !state.answers[k])) return;
    if (box.dataset.final) {
      const b = document.createElement("button"), res = data.screens.find((s) => s.kind === "results");
      b.type = "button";
      b.className = "cp-btn";
      b.textContent = T.seeResults;
      b.dataset.goto = res ? res.id : "";
      const p = document.createElement("p");
      p.textContent = T.finalDone + " ";
      box.replaceChildren(p, b);
    } else {
      const c = keys.filter((k) => CP.quiz.isCorrect(data, k, state.answers[k])).length;
      box.textContent = CP.fmt(T.quizDone, { c, t: keys.length });
    }
  }

  /** The results screen: a reminder until the final assessment is done, then score and review. */
  function results() {
    const r = CP.quiz.score(data, state.answers);
    $("cp-results-pending").hidden = r.done;
    $("cp-results").hidden = !r.done;
    $("cp-results-progress").textContent = CP.fmt(T.resultsProgress, { a: r.answered, t: r.total });
    if (!r.done) return;
    $("cp-score").textContent = r.raw;
    const v = $("cp-verdict");
    v.textContent = r.passed ? T.passed : T.failed;
    v.dataset.passed = String(r.passed);
    document.querySelectorAll("[data-when]").forEach((e) => {
      e.hidden = e.dataset.when !== (r.passed ? "passed" : "failed");
    });
    $("cp-cert-name").textContent = learner || T.someone;
    $("cp-cert-score").textContent = r.raw;
    $("cp-cert-date").textContent = new Date().toLocaleDateString(document.documentElement.lang || "id",
      { day: "numeric", month: "long", year: "numeric" });
    data.final.forEach((k) => { if (state.answers[k]) CP.quiz.review(data, k, state.answers[k]); });
  }

  /** Sends everything pending and the current state, then commits; on failure keeps it and retries. */
  function flush() {
    if (!adapter || !state || ended) return false;
    clearTimeout(retryTimer);
    const suspend = CP.store.encode(data, state), done = CP.quiz.score(data, state.answers).done;
    const copy = { bookmark: state.bookmark, suspend, pending: true };
    if (backupKey) CP.lms.storage.set(backupKey, copy);
    let ok = true;
    if (pending.incomplete) {
      if (adapter.markIncomplete()) pending.incomplete = false;
      else ok = false;
    }
    while (ok && pending.interactions.length) {
      if (adapter.recordInteraction(pending.interactions[0])) pending.interactions.shift();
      else ok = false;
    }
    if (pending.result) {
      if (adapter.setResult(pending.result.raw, pending.result.passed)) pending.result = null;
      else ok = false;
    }
    ok = adapter.save(state.bookmark, suspend, done) && ok;
    ok = adapter.commit() && ok;
    if (ok) {
      copy.pending = false;
      if (backupKey) CP.lms.storage.set(backupKey, copy);
      retryDelay = 2000;
      if (failing) {
        failing = false;
        status(T.saveOk);
        setTimeout(() => { if (!failing) status(""); }, 6000);
      }
    } else {
      failing = true;
      status(mode === "lms" ? T.saveFail : T.saveFailLocal);
      retryTimer = setTimeout(flush, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 60000);
    }
    return ok;
  }

  /** The one finish: last save, then the adapter's finish; nothing is sent after it. */
  function end() {
    if (!adapter || !state || ended) return;
    flush();
    adapter.finish(CP.quiz.score(data, state.answers).done);
    ended = true;
    clearTimeout(retryTimer);
    clearTimeout(typingTimer);
  }

  function exit() {
    if (mode === "lms") end();
    else flush();
    view("exited");
    $("cp-exited-h").focus();
  }

  function count(t) {
    const hint = document.getElementById(t.id + "-n");
    if (hint) hint.textContent = CP.fmt(T.chars, { n: t.value.length, max: t.maxLength });
  }

  function bindReflections() {
    document.querySelectorAll("form[data-reflection]").forEach((f) => {
      const id = f.dataset.reflection, spec = data.reflections[id] || { maxLength: 500 };
      const grab = () => {
        if (state) state.reflections[id] = Array.from(f.querySelectorAll("textarea"), (t) => t.value.slice(0, spec.maxLength));
      };
      f.addEventListener("input", (e) => {
        count(e.target);
        f.querySelector(".cp-saved").textContent = "";
        grab();
        clearTimeout(typingTimer);
        typingTimer = setTimeout(flush, 1500);
      });
      f.addEventListener("change", () => { grab(); flush(); });
      f.addEventListener("submit", (e) => {
        e.preventDefault();
        grab();
        clearTimeout(typingTimer);
        f.querySelector(".cp-saved").textContent = flush() ? T.reflSaved : T.reflPending;
      });
    });
  }

  CP.app = {
    state: () => state, mode: () => mode, flush, exit,
    go: (id) => CP.nav.go(id, { focus: true })
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})(window.CoursePack = window.CoursePack || {});
