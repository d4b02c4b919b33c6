/* lms.js: where progress is kept. Adapters share one semantic interface:
 *   start() -> {entry, bookmark, suspend, status, learnerName, learnerId} or null
 *   markIncomplete(), save(bookmark, suspend, finished), recordInteraction(rec), setResult(raw, passed),
 *   commit(), finish(finished); every write returns true when it was accepted.
 * scorm12 talks to a SCORM 1.2 window.API; local keeps the same record in localStorage. */
(function (CP) {
  "use strict";

  /** localStorage with every failure caught (disabled storage, quota, private mode). */
  const storage = {
    get(key) {
      try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
    },
    set(key, value) {
      try { localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
    },
    remove(key) {
      try { localStorage.removeItem(key); } catch (e) { /* nothing to remove */ }
    },
    works() {
      try { localStorage.setItem("coursepack:probe", "1"); localStorage.removeItem("coursepack:probe"); return true; } catch (e) { return false; }
    }
  };

  function walk(win, name) {
    for (let depth = 0; win && depth < 10; depth++) {
      try {
        if (win[name]) return win[name];
        if (win.parent === win) return null;
        win = win.parent;
      } catch (e) { return null; }
    }
    return null;
  }

  /** The LMS API object (`API` for 1.2, `API_1484_11` for 2004): up the parents, then the opener's. */
  function find(name) {
    let api = walk(window, name);
    if (!api) {
      try { if (window.top && window.top.opener) api = walk(window.top.opener, name); } catch (e) { api = null; }
    }
    return api;
  }

  const pad = (n, w) => String(n).padStart(w, "0");

  /** SCORM 1.2 CMITimespan HHHH:MM:SS.SS. */
  function timespan(ms) {
    const cs = Math.min(Math.max(0, Math.round(ms / 10)), 3599999999);
    return pad(Math.floor(cs / 360000), 4) + ":" + pad(Math.floor(cs / 6000) % 60, 2) + ":" +
      pad(Math.floor(cs / 100) % 60, 2) + "." + pad(cs % 100, 2);
  }

  /** SCORM 1.2 CMITime HH:MM:SS (local clock). */
  function clock(d) {
    return pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2);
  }

  /** "Santoso, Budi" -> "Budi Santoso". */
  function displayName(s) {
    const i = s.indexOf(",");
    return i < 0 ? s.trim() : (s.slice(i + 1).trim() + " " + s.slice(0, i).trim()).trim();
  }

  /** The adapter for a SCORM 1.2 API object. */
  function scorm12(api) {
    let live = false, t0 = 0, next = 0;
    const call = (fn, ...args) => { try { return String(api[fn](...args)); } catch (e) { return "false"; } };
    const get = (k) => { try { const v = api.LMSGetValue(k); return v == null ? "" : String(v); } catch (e) { return ""; } };
    const set = (k, v) => live && call("LMSSetValue", k, String(v)) === "true";
    return {
      kind: "scorm12",
      start() {
        if (call("LMSInitialize", "") !== "true") return null;
        live = true;
        t0 = Date.now();
        next = parseInt(get("cmi.interactions._count"), 10) || 0;
        return {
          entry: get("cmi.core.entry"),
          bookmark: get("cmi.core.lesson_location"),
          suspend: get("cmi.suspend_data"),
          status: get("cmi.core.lesson_status"),
          learnerName: displayName(get("cmi.core.student_name")),
          learnerId: get("cmi.core.student_id")
        };
      },
      markIncomplete: () => set("cmi.core.lesson_status", "incomplete"),
      save(bookmark, suspend, finished) {
        let ok = set("cmi.core.lesson_location", bookmark);
        ok = set("cmi.suspend_data", suspend) && ok;
        return set("cmi.core.exit", finished ? "" : "suspend") && ok;
      },
      /** rec: {iid, type: single|multiple|truefalse, choices: [choice ids], responses: [rids], correct, time}. */
      recordInteraction(rec) {
        if (rec.n === undefined) rec.n = next++;
        const p = "cmi.interactions." + rec.n + ".", tf = rec.type === "truefalse";
        if (!set(p + "id", rec.iid)) return false;
        let ok = set(p + "type", tf ? "true-false" : "choice");
        ok = set(p + "student_response", tf ? (rec.choices[0] === "benar" ? "t" : "f") : rec.responses.join(",")) && ok;
        ok = set(p + "result", rec.correct ? "correct" : "wrong") && ok;
        return set(p + "time", clock(rec.time)) && ok;
      },
      setResult(raw, passed) {
        let ok = set("cmi.core.score.min", 0);
        ok = set("cmi.core.score.max", 100) && ok;
        ok = set("cmi.core.score.raw", raw) && ok;
        return set("cmi.core.lesson_status", passed ? "passed" : "failed") && ok;
      },
      commit: () => live && call("LMSCommit", "") === "true",
      finish(finished) {
        if (!live) return false;
        set("cmi.core.exit", finished ? "" : "suspend");
        set("cmi.core.session_time", timespan(Date.now() - t0));
        live = false;
        return call("LMSFinish", "") === "true";
      }
    };
  }

  /** The adapter for the offline mode: one localStorage record per learner name. */
  function local(storageKey, name) {
    const key = storageKey + ":" + name.trim().toLowerCase().replace(/\s+/g, " ");
    let rec = {};
    return {
      kind: "local",
      peek: () => storage.get(key),
      forget: () => storage.remove(key),
      start() {
        rec = storage.get(key) || {};
        return {
          entry: rec.suspend ? "resume" : "ab-initio",
          bookmark: rec.bookmark || "",
          suspend: rec.suspend || "",
          status: rec.status || "not attempted",
          learnerName: name,
          learnerId: ""
        };
      },
      markIncomplete() { rec.status = "incomplete"; return true; },
      save(bookmark, suspend, finished) {
        Object.assign(rec, { bookmark, suspend, exit: finished ? "" : "suspend" });
        return true;
      },
      recordInteraction: () => true,
      setResult(raw, passed) { Object.assign(rec, { raw, status: passed ? "passed" : "failed" }); return true; },
      commit() {
        rec.name = name;
        rec.saved = new Date().toISOString();
        return storage.set(key, rec);
      },
      finish() { return this.commit(); }
    };
  }

  CP.lms = { find, scorm12, local, storage, timespan, clock, displayName };
})(window.CoursePack = window.CoursePack || {});
