/* adapter.js for SCORM 2004 4th Edition: the course talks to `API_1484_11` (see lms.js for the
 * adapter interface). The content sets both completion_status and success_status, since Moodle
 * derives neither. Without an LMS, connect() returns null and progress stays in the browser. */
(function (CP) {
  "use strict";
  const { displayName, result } = CP.lms;
  const pad = (n, w) => String(n).padStart(w, "0");

  /** ISO 8601 duration with at most 2 decimals, never a bare "PT". */
  function duration(ms) {
    const cs = Math.max(0, Math.round(ms / 10));
    const h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + (s || (!h && !m) ? s.toFixed(2).replace(/\.?0+$/, "") + "S" : "");
  }

  /** A 2004 timestamp on the local clock, with 2 fractional digits (Moodle refuses more). */
  function timestamp(ms) {
    const d = new Date(ms);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1, 2) + "-" + pad(d.getDate(), 2) + "T" +
      pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2) + "." +
      pad(Math.floor(d.getMilliseconds() / 10), 2);
  }

  /** The 1.2-style status the course logic reads, from the two 2004 statuses. */
  function status(completion, success) {
    if (success === "passed" || success === "failed") return success;
    return completion === "completed" || completion === "incomplete" ? completion : "not attempted";
  }

  function scorm2004(api) {
    let live = false, review = false, t0 = 0, next = 0;
    const call = (fn, ...args) => { try { return String(api[fn](...args)); } catch (e) { return "false"; } };
    const get = (k) => { try { const v = api.GetValue(k); return v == null ? "" : String(v); } catch (e) { return ""; } };
    const set = (k, v) => live && (review || call("SetValue", k, String(v)) === "true");
    const all = (pairs) => pairs.map(([k, v]) => set(k, v)).every(Boolean);
    return {
      kind: "scorm2004",
      start() {
        live = call("Initialize", "") === "true";
        if (!live) return null;
        t0 = Date.now();
        review = get("cmi.mode") !== "normal" && get("cmi.mode") !== ""; // browse and review only show
        next = parseInt(get("cmi.interactions._count"), 10) || 0;
        // A first attempt (ab-initio, no status yet) has no location or suspend_data: reading
        // them would be error 403 in 2004.
        const entry = get("cmi.entry"), completion = get("cmi.completion_status");
        const fresh = entry === "ab-initio" && !/^(completed|incomplete)$/.test(completion);
        return {
          entry, bookmark: fresh ? "" : get("cmi.location"), suspend: fresh ? "" : get("cmi.suspend_data"),
          status: status(completion, get("cmi.success_status")),
          learnerName: displayName(get("cmi.learner_name")), learnerId: get("cmi.learner_id"),
          mastery: CP.quiz.mark(get("cmi.scaled_passing_score"), 1) // "" (error 403) when not set
        };
      },
      markIncomplete: () => set("cmi.completion_status", "incomplete"),
      save: (bookmark, suspend, finished, progress) => all([["cmi.location", bookmark],
        ["cmi.suspend_data", suspend], ["cmi.exit", finished ? "normal" : "suspend"],
        ["cmi.progress_measure", (finished ? 1 : Math.min(progress || 0, 0.99)).toFixed(2)]]),
      /** rec: {iid, type, choices: [choice ids], responses: [rids], correct, part (partial credit, lms.result), time (ms)}. */
      recordInteraction(rec) {
        if (rec.n === undefined) rec.n = next++;
        const p = "cmi.interactions." + rec.n + ".", tf = rec.type === "truefalse";
        // qtypes: sorting and matching as matching, ordering as sequencing, with the correct pattern
        const a = CP.arrange.interaction(rec, "scorm2004");
        if (a) return set(p + "id", rec.iid) && all([[p + "type", a.type], [p + "correct_responses.0.pattern", a.pattern],
          [p + "learner_response", a.response], [p + "result", result(rec, "incorrect")], [p + "timestamp", timestamp(rec.time)]]);
        return set(p + "id", rec.iid) && all([[p + "type", tf ? "true-false" : "choice"],
          [p + "learner_response", tf ? String(rec.choices[0] === "true") : rec.responses.join("[,]")],
          [p + "result", result(rec, "incorrect")], [p + "timestamp", timestamp(rec.time)]]);
      },
      setResult: (raw, passed) => all([["cmi.score.min", 0], ["cmi.score.max", 100],
        ["cmi.score.raw", raw], ["cmi.score.scaled", (raw / 100).toFixed(4).replace(/\.?0+$/, "") || "0"],
        ["cmi.success_status", passed ? "passed" : "failed"], ["cmi.completion_status", "completed"],
        ["cmi.progress_measure", 1]]),
      commit: () => live && call("Commit", "") === "true",
      finish(finished) {
        if (!live) return false;
        all([["cmi.exit", finished ? "normal" : "suspend"], ["cmi.session_time", duration(Date.now() - t0)]]);
        live = false;
        return call("Terminate", "") === "true";
      }
    };
  }

  /** The SCORM 2004 adapter when `API_1484_11` is found, else null. */
  CP.lms.connect = function () {
    const api = CP.lms.find("API_1484_11");
    return api ? scorm2004(api) : null;
  };
  CP.lms.standard = "scorm2004";
  CP.lms.iso = { duration, timestamp };
})(window.CoursePack = window.CoursePack || {});
