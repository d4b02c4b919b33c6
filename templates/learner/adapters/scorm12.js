/* adapter.js for SCORM 1.2: the course talks to a SCORM 1.2 LMS through `API` (see lms.js for the
 * adapter interface). Without an LMS, connect() returns null and the course keeps progress locally. */
(function (CP) {
  "use strict";
  const { clock, displayName, result, timespan } = CP.lms;

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
          learnerId: get("cmi.core.student_id"), mastery: CP.quiz.mark(get("cmi.student_data.mastery_score"), 100)
        };
      },
      markIncomplete: () => set("cmi.core.lesson_status", "incomplete"),
      save: (bookmark, suspend, finished) => all([["cmi.core.lesson_location", bookmark],
        ["cmi.suspend_data", suspend], ["cmi.core.exit", finished ? "" : "suspend"]]),
      /** rec: {iid, type, choices: [choice ids], responses: [rids], correct, part (partial credit, lms.result), time (ms)}. */
      recordInteraction(rec) {
        if (rec.n === undefined) rec.n = next++;
        const p = "cmi.interactions." + rec.n + ".", tf = rec.type === "truefalse";
        // qtypes: sorting and matching as matching, ordering as sequencing, with the correct pattern
        const a = CP.arrange.interaction(rec, "scorm12");
        if (a) return set(p + "id", rec.iid) && all([[p + "type", a.type], [p + "correct_responses.0.pattern", a.pattern],
          [p + "student_response", a.response], [p + "result", result(rec, "wrong")], [p + "time", clock(rec.time)]]);
        return set(p + "id", rec.iid) && all([[p + "type", tf ? "true-false" : "choice"],
          [p + "student_response", tf ? (rec.choices[0] === "true" ? "t" : "f") : rec.responses.join(",")],
          [p + "result", result(rec, "wrong")], [p + "time", clock(rec.time)]]);
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

  /** The SCORM 1.2 adapter when an LMS API is found and initializes, else null. */
  CP.lms.connect = function () {
    const api = CP.lms.find("API");
    return api ? scorm12(api) : null;
  };
  CP.lms.standard = "scorm12";
})(window.CoursePack = window.CoursePack || {});
