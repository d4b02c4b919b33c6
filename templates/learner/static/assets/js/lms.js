/* lms.js: where progress is kept. Every adapter has the same semantic interface:
 *   start() -> {entry, bookmark, suspend, status, learnerName, learnerId, mastery} | null
 *     (mastery: the LMS's pass mark as CP.quiz.mark() reads it, null when the LMS sets none)
 *   markIncomplete(), save(bookmark, suspend, finished, progress 0..1), recordInteraction(rec),
 *   setResult(raw, passed),
 *   commit(), finish(finished): each returns true when the write was accepted.
 * local keeps one record per learner name in localStorage; the package's adapter.js (one per
 * standard: SCORM 1.2, SCORM 2004, cmi5) adds CP.lms.connect(), which returns the LMS adapter or null. */
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

  /** An interaction's result in a SCORM vocabulary: "correct", partial credit as the percent of
   * the question (rec.part hundredths: "66.66"; Moodle's 1.2 CMIResult allows 2 decimals), else
   * the standard's word for wrong ("wrong" in 1.2, "incorrect" in 2004). */
  const result = (rec, wrong) => (rec.correct ? "correct" : rec.part > 0 ? String(rec.part / 100) : wrong);

  /** A learner's name as records are kept under it: trimmed, spaces collapsed, lower case. */
  const nameKey = (name) => name.trim().replace(/\s+/g, " ").toLowerCase();

  function local(storageKey, name) {
    const key = storageKey + ":" + nameKey(name);
    let rec = {};
    const put = (o) => !!Object.assign(rec, o);
    return {
      kind: "local",
      peek: () => storage.get(key),
      forget: () => storage.remove(key),
      start() {
        rec = storage.get(key) || {};
        // the name as first typed: the same learner typing "siti rahmawati" later is still
        // "Siti Rahmawati" on the page and the certificate
        return {
          entry: rec.suspend ? "resume" : "ab-initio", bookmark: rec.bookmark || "", suspend: rec.suspend || "",
          status: rec.status || "not attempted", learnerName: rec.name || name, learnerId: ""
        };
      },
      markIncomplete: () => put({ status: "incomplete" }),
      save: (bookmark, suspend, finished) => put({ bookmark, suspend, exit: finished ? "" : "suspend" }),
      recordInteraction: () => true,
      setResult: (raw, passed) => put({ raw, status: passed ? "passed" : "failed" }),
      commit() {
        put({ name: rec.name || name, saved: new Date().toISOString() });
        return storage.set(key, rec);
      },
      finish() { return this.commit(); }
    };
  }

  CP.lms = { find, local, nameKey, storage, timespan, clock, displayName, result };
})(window.CoursePack = window.CoursePack || {});
