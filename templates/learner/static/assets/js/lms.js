/* lms.js: where progress is kept. Every adapter has the same semantic interface:
 *   start() -> {entry, bookmark, suspend, status, learnerName, learnerId} | null
 *   markIncomplete(), save(bookmark, suspend, finished), recordInteraction(rec), setResult(raw, passed),
 *   commit(), finish(finished): each returns true when the write was accepted.
 * scorm12 talks to a SCORM 1.2 `API`; local keeps one record per learner name in localStorage. */
(function (CP) {
  "use strict";

  /** localStorage with every failure caught (disabled storage, quota, private mode). */
  const storage = {
    get(key) {
      try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
    },
    set(key, value) {
      try { localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
    },
    remove(key) {
      try { localStorage.removeItem(key); } catch (e) { /* nothing to remove */ }
    },
    works() {
      const ok = storage.set("coursepack:probe", 1);
      storage.remove("coursepack:probe");
      return ok;
    }
  };

  function walk(win, name) {
    try {
      for (let depth = 0; win && depth < 10; depth++, win = win.parent) {
        if (win[name]) return win[name];
        if (win.parent === win) break;
      }
    } catch (e) { /* a cross-origin frame ends the walk */ }
    return null;
  }

  /** The LMS API object (`API` for 1.2, `API_1484_11` for 2004): up the parents, then from the opener. */
  function find(name) {
    try { return walk(window, name) || (window.top.opener && walk(window.top.opener, name)) || null; } catch (e) { return null; }
  }

  const pad = (n, w) => String(n).padStart(w, "0");

  /** SCORM 1.2 CMITimespan, HHHH:MM:SS.SS. */
  function timespan(ms) {
    const cs = Math.min(Math.max(0, Math.round(ms / 10)), 3599999999);
    return pad(Math.floor(cs / 360000), 4) + ":" + pad(Math.floor(cs / 6000) % 60, 2) + ":" +
      pad(Math.floor(cs / 100) % 60, 2) + "." + pad(cs % 100, 2);
  }

  /** SCORM 1.2 CMITime, HH:MM:SS on the local clock, of a time in ms. */
  function clock(ms) {
    const d = new Date(ms);
    return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => pad(n, 2)).join(":");
  }

  /** "Santoso, Budi" -> "Budi Santoso". */
  const displayName = (s) => s.split(",").reverse().map((p) => p.trim()).join(" ").trim();

  function scorm12(api) {
    let live = false, review = false, t0 = 0, next = 0;
    const call = (fn, ...args) => { try { return String(api[fn](...args)); } catch (e) { return "false"; } };
    const get = (k) => { try { const v = api.LMSGetValue(k); return v == null ? "" : String(v); } catch (e) { return ""; } };
    const set = (k, v) => live && (review || call("LMSSetValue", k, String(v)) === "true");
    const all = (pairs) => pairs.map(([k, v]) => set(k, v)).every(Boolean);
    return {
      kind: "scorm12",
      start() {
        live = call("LMSInitialize", "") === "true";
        if (!live) return null;
        t0 = Date.now();
        review = get("cmi.core.lesson_mode") === "review"; // a review attempt only shows, never writes
        next = parseInt(get("cmi.interactions._count"), 10) || 0;
        return {
          entry: get("cmi.core.entry"), bookmark: get("cmi.core.lesson_location"), suspend: get("cmi.suspend_data"),
          status: get("cmi.core.lesson_status"), learnerName: displayName(get("cmi.core.student_name")),
          learnerId: get("cmi.core.student_id")
        };
      },
      markIncomplete: () => set("cmi.core.lesson_status", "incomplete"),
      save: (bookmark, suspend, finished) => all([["cmi.core.lesson_location", bookmark],
        ["cmi.suspend_data", suspend], ["cmi.core.exit", finished ? "" : "suspend"]]),
      /** rec: {iid, type: single|multiple|truefalse, choices: [choice ids], responses: [rids], correct, time (ms)}. */
      recordInteraction(rec) {
        if (rec.n === undefined) rec.n = next++;
        const p = "cmi.interactions." + rec.n + ".", tf = rec.type === "truefalse";
        return set(p + "id", rec.iid) && all([[p + "type", tf ? "true-false" : "choice"],
          [p + "student_response", tf ? (rec.choices[0] === "benar" ? "t" : "f") : rec.responses.join(",")],
          [p + "result", rec.correct ? "correct" : "wrong"], [p + "time", clock(rec.time)]]);
      },
      setResult: (raw, passed) => all([["cmi.core.score.min", 0], ["cmi.core.score.max", 100],
        ["cmi.core.score.raw", raw], ["cmi.core.lesson_status", passed ? "passed" : "failed"]]),
      commit: () => live && call("LMSCommit", "") === "true",
      finish(finished) {
        if (!live) return false;
        all([["cmi.core.exit", finished ? "" : "suspend"], ["cmi.core.session_time", timespan(Date.now() - t0)]]);
        live = false;
        return call("LMSFinish", "") === "true";
      }
    };
  }

  function local(storageKey, name) {
    const key = storageKey + ":" + name.trim().toLowerCase().replace(/\s+/g, " ");
    let rec = {};
    const put = (o) => !!Object.assign(rec, o);
    return {
      kind: "local",
      peek: () => storage.get(key),
      forget: () => storage.remove(key),
      start() {
        rec = storage.get(key) || {};
        return {
          entry: rec.suspend ? "resume" : "ab-initio", bookmark: rec.bookmark || "", suspend: rec.suspend || "",
          status: rec.status || "not attempted", learnerName: name, learnerId: ""
        };
      },
      markIncomplete: () => put({ status: "incomplete" }),
      save: (bookmark, suspend, finished) => put({ bookmark, suspend, exit: finished ? "" : "suspend" }),
      recordInteraction: () => true,
      setResult: (raw, passed) => put({ raw, status: passed ? "passed" : "failed" }),
      commit() {
        put({ name, saved: new Date().toISOString() });
        return storage.set(key, rec);
      },
      finish() { return this.commit(); }
    };
  }

  CP.lms = { find, scorm12, local, storage, timespan, clock, displayName };
})(window.CoursePack = window.CoursePack || {});
