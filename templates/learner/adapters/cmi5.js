/* adapter.js for cmi5: the course is one assignable unit (AU) that the LMS opens with
 * ?endpoint=&fetch=&actor=&registration=&activityId= (see lms.js for the adapter interface).
 * start() is synchronous: one POST to `fetch` for the token, the LMS.LaunchData and learner
 * preferences documents, this AU's saved state, then `initialized`. Later statements and the saved
 * state leave in order, one request at a time, by fetch(keepalive); `terminated` leaves last, once
 * the state has arrived; on pagehide whatever is left leaves at once. The state is the only
 * document the AU writes (learner preferences are only read), always with If-Match/If-None-Match
 * (xAPI 2.0 concurrency, see pump). Browse and Review
 * launches send only initialized and terminated and write nothing. Without launch parameters
 * connect() returns null and progress stays in the browser. */
(function (CP) {
  "use strict";
  const VERB = "http://adlnet.gov/expapi/verbs/", CMI5 = "https://w3id.org/xapi/cmi5/context/";
  const STATE = "coursepack.suspend";
  let leaving = false;
  addEventListener("pagehide", () => { leaving = true; }, true);

  function uuid() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    return Array.from(b, (x) => (x + 256).toString(16).slice(1)).join("")
      .replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
  }

  /** ISO 8601 duration, seconds with at most 2 decimals. */
  function duration(ms) {
    const cs = Math.max(0, Math.round(ms / 10));
    const h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + (cs % 6000) / 100 + "S";
  }

  /** A synchronous request (start() only); one that could not be made has status 0. */
  function sync(method, url, headers, body) {
    const r = new XMLHttpRequest();
    try {
      r.open(method, url, false);
      for (const k in headers) r.setRequestHeader(k, headers[k]);
      r.send(body ? JSON.stringify(body) : null);
    } catch (e) {
      // a network or CORS failure: status stays 0
    }
    return r;
  }
  const json = (r) => { try { return JSON.parse(r.responseText); } catch (e) { return null; } };

  function cmi5(p) {
    const base = p.endpoint.replace(/\/?$/, "/"), agent = JSON.stringify(p.actor);
    let auth = "", launch = {}, review = false, live = false, judged = false, t0 = 0, reg = {};
    // ending: the terminated statement, sent after the queue and the state (finish)
    let queue = [], ending = null, mine = null, busy = 0, failed = false, tries = 0, retry = 0, after = null;
    // The State document under concurrency control (xAPI 2.0): tag is the If-Match value of the
    // version we last saw, "" when there is none (If-None-Match: *), null when a GET must tell.
    // refused: the LRS refused the state for good; stuck: it refused statements (they stay queued).
    let tag = null, readable = true, sent = "", flight = "", conflicts = 0, refused = false, stuck = false;
    const headers = (body, v) => Object.assign({ "X-Experience-API-Version": "1.0.3", Authorization: "Basic " + auth },
      body ? { "Content-Type": "application/json" } : {}, v ? { "If-Match": v } : v === "" ? { "If-None-Match": "*" } : {});
    const state = (id) => base + "activities/state?" + new URLSearchParams({ stateId: id, activityId: p.activityId,
      agent, registration: p.registration });
    const since = () => duration(Date.now() - t0);
    const body = () => JSON.stringify(Object.assign({}, reg, mine));
    /** One request by fetch(keepalive): {s: status (0 when it could not be made), etag, t: text}.
     * A page being left sees its fetches fail (Chromium rejects them during pagehide) while, kept
     * alive, they still reach the LRS: a failure is believed a task later and never once leaving,
     * so pump() and finish() do not send again a write that is on its way (a second PUT with the
     * same If-Match gets 412). A page unloaded by then never runs that task. */
    const send = (method, url, data, v) => fetch(url, { method, headers: headers(data, v), body: data, keepalive: true })
      .then((r) => r.text().then((t) => ({ s: r.status, etag: r.headers.get("ETag"), t }), () => ({ s: r.status })),
        () => new Promise((lost) => setTimeout(lost, 0, { s: 0 })));

    /** What a State GET says: the version to write over (or none), and what the stored document holds. */
    function learn(s, etag, doc) {
      if (s === 404) return (tag = "");
      // an LRS that hides ETag (CORS) leaves If-Match: * (any version)
      readable = readable && !!etag;
      tag = etag || "*";
      // another session's progress is not undone
      if (doc && doc.completed) reg.completed = true;
      if (doc && doc.status === "passed") reg.status = "passed";
    }

    /** A statement with the LMS's context template; cats: cmi5 category ids (cmi5-defined verbs). */
    function statement(verb, result, cats, object, mastery) {
      const c = JSON.parse(JSON.stringify(launch.contextTemplate));
      c.registration = c.registration || p.registration;
      if (cats) {
        const a = c.contextActivities = c.contextActivities || {};
        a.category = [].concat(a.category || [], cats.map((id) => ({ id: CMI5 + "categories/" + id, objectType: "Activity" })));
      }
      if (mastery !== undefined) (c.extensions = c.extensions || {})[CMI5 + "extensions/masteryscore"] = mastery;
      const s = { id: uuid(), timestamp: new Date().toISOString(), actor: p.actor,
        verb: { id: VERB + verb, display: { "en-US": verb } },
        object: object || { id: p.activityId, objectType: "Activity" }, context: c };
      if (result) s.result = result;
      return s;
    }

    /** Sends the queue, then the saved state, then `terminated` (ending), one request at a time;
     * `after` runs once all left.
     * The state goes with If-Match (If-None-Match: * when there is none); when the LRS did not say
     * the new version (no ETag on the 204), a GET learns it at once, before pagehide needs it. 412 (written elsewhere): read it again and write once more. After
     * a write that failed without a final answer, the next one also reads first; a read that finds
     * the document this page would write counts as written. Any other
     * 4xx is final: nothing more is written this session and app.js tells the learner. 5xx and
     * network failures are retried by app.js with growing pauses, by pump 3 times once finishing.
     * busy: 0 when idle, else 1 + the number of queued statements in flight. */
    function pump() {
      if (busy) return;
      const queued = stuck ? [] : queue.slice(0, 20), doc = !queued.length && !refused && mine && body();
      const write = doc && doc !== sent;
      // GET right after a 204 without ETag (unless only terminated is left: nothing is written after)
      const get = doc && tag === null && (write || !ending);
      const batch = queued.length || get || write || stuck || !ending ? queued : [ending];
      if (!batch.length && !get && !write) return after && after();
      busy = 1 + batch.length;
      flight = write && !get ? doc : "";
      (batch.length ? send("POST", base + "statements", JSON.stringify(batch))
        : send(get ? "GET" : "PUT", state(STATE), get ? null : doc, get ? null : tag)).then((r) => {
        // leaving, the request stays in flight: finish() sends only what it does not carry
        if (!r.s && leaving) return;
        busy = 0;
        flight = "";
        let ok = r.s >= 200 && r.s < 300;
        if (batch.length && ok) {
          if (batch[0] === ending) ending = null;
          else queue.splice(0, batch.length);
        }
        else if (get && (ok || r.s === 404)) {
          learn(r.s, r.etag, json({ responseText: r.t }));
          // the LRS holds what this page would write: a write whose answer was lost arrived
          if (r.t === doc) [sent, conflicts] = [doc, 0];
          ok = true;
        } else if (ok) {
          sent = doc;
          conflicts = 0;
          // no ETag in the 204: the next write GETs it first
          tag = r.etag || (readable ? null : "*");
        } else if (r.s === 412 && !conflicts++) {
          tag = null;
          ok = true;
        }
        const final = !ok && r.s >= 400 && r.s < 500;
        // a write left without an answer (a network failure, a gateway's 5xx) may have been done:
        // the next one reads the version first, not to send a stale If-Match
        if (!ok && !final && !batch.length && !get) tag = null;
        if (final && batch.length) stuck = true;
        else if (final) refused = true;
        // app.js learns of a failure (or the end of one) at once and shows it, retrying with backoff
        if ((failed === ok || final) && !after && CP.app) setTimeout(CP.app.flush, 0);
        failed = !ok && !final;
        clearTimeout(retry);
        if (ok || final) pump();
        else if (after && ++tries > 3) {
          // giving up on the state still ends the session
          if (ending && batch[0] !== ending && !stuck) send("POST", base + "statements", JSON.stringify([ending]));
          after();
        }
        else if (after) retry = setTimeout(pump, 1000 * tries);
      });
    }

    return {
      kind: "cmi5",
      start() {
        const token = json(sync("POST", p.fetch, {}));
        auth = (token && token["auth-token"]) || "";
        const l = auth && sync("GET", state("LMS.LaunchData"), headers());
        launch = l && l.status === 200 && json(l);
        if (!launch || !launch.contextTemplate) return null;
        review = /^(Browse|Review)$/.test(launch.launchMode);
        sync("GET", base + "agents/profile?" + new URLSearchParams({ profileId: "cmi5LearnerPreferences", agent }), headers());
        const saved = sync("GET", state(STATE), headers());
        if (saved.status !== 200 && saved.status !== 404) return null;
        reg = (saved.status === 200 && json(saved)) || {};
        learn(saved.status, saved.getResponseHeader("ETag"));
        // what the LRS has is not written again
        sent = saved.status === 200 ? saved.responseText : "";
        t0 = Date.now();
        const init = sync("POST", base + "statements", headers(1), [statement("initialized", null, ["cmi5"])]);
        if (init.status < 200 || init.status > 299) return null;
        live = true;
        const id = (p.actor.account || {}).name || p.actor.mbox || "";
        return {
          entry: reg.suspend ? "resume" : "ab-initio", bookmark: reg.bookmark || "", suspend: reg.suspend || "",
          status: reg.status || (reg.suspend ? "incomplete" : "not attempted"),
          learnerName: CP.lms.displayName(p.actor.name || ""), learnerId: id + "|" + p.registration,
          mastery: CP.quiz.mark(launch.masteryScore, 1)
        };
      },
      markIncomplete: () => live,
      save(bookmark, suspend) {
        if (live && !review) mine = { bookmark, suspend };
        return live;
      },
      /** rec: {iid, type, choices, responses: [rids], correct, part, time (ms)}: a cmi5 allowed statement. */
      recordInteraction(rec) {
        if (!live || review) return live;
        const tf = rec.type === "truefalse", a = CP.arrange.interaction(rec, "cmi5"); // qtypes: matching, sequencing
        const r = { response: a ? a.response : tf ? String(rec.choices[0] === "true") : rec.responses.join("[,]"), success: rec.correct };
        if (rec.part > 0) r.score = { scaled: rec.part / 10000 }; // partial credit, cut to 4 decimals
        const s = statement("answered", r, null, { id: p.activityId + "/question/" + rec.iid, objectType: "Activity",
          definition: a ? a.definition : { type: "http://adlnet.gov/expapi/activities/cmi.interaction", interactionType: tf ? "true-false" : "choice" } });
        s.timestamp = new Date(Math.max(rec.time, t0)).toISOString();
        queue.push(s);
        return true;
      },
      /** completed once a registration; passed or failed at most once a session, never failed after
       * passed nor the same verdict twice. passed is the page's verdict (quiz.js, by the LMS's
       * masteryScore when it sets one). scaled is cut, never rounded, to 4 decimals, so the LMS
       * comparing it with masteryScore comes to the same verdict. */
      setResult(raw, ok, correct, total) {
        if (!live || review) return live;
        const ms = CP.quiz.mark(launch.masteryScore, 1) && launch.masteryScore;
        const scaled = total ? Math.floor((correct * 10000) / total) / 10000 : 0, verdict = ok ? "passed" : "failed";
        if (!reg.completed) queue.push(statement("completed", { completion: true, duration: since() }, ["cmi5", "moveon"]));
        if (!judged && reg.status !== "passed" && reg.status !== verdict) {
          queue.push(statement(verdict, { score: { scaled, raw, min: 0, max: 100 }, success: ok, duration: since() },
            ["cmi5", "moveon"], null, ms === null ? undefined : ms));
          judged = true;
          reg.status = verdict;
        }
        reg.completed = true;
        return true;
      },
      /** True once nothing more is refused nor waiting; when leaving, the state must also have arrived. */
      commit() {
        if (live) pump();
        return live && !failed && !stuck && !(leaving && !refused && mine && body() !== sent);
      },
      refused: () => refused || stuck,
      finish() {
        if (!live) return false;
        live = false;
        ending = statement("terminated", { duration: since() }, ["cmi5"]);
        after = () => {
          after = () => {};
          if (launch.returnURL) location.assign(launch.returnURL);
        };
        if (!leaving) return pump() || true;
        if (!stuck) send("POST", base + "statements", JSON.stringify(queue.splice(Math.max(busy - 1, 0)).concat(ending)));
        const doc = !refused && mine && body();
        // only over a known version, never beside a write on its way (localStorage keeps the rest)
        if (doc && doc !== sent && !flight && tag !== null) send("PUT", state(STATE), doc, tag);
        return true;
      }
    };
  }

  /** The cmi5 adapter when the page was launched with the five cmi5 parameters, else null. */
  CP.lms.connect = function () {
    const q = new URLSearchParams(location.search), p = {};
    for (const k of ["endpoint", "fetch", "actor", "registration", "activityId"]) {
      p[k] = q.get(k);
      if (!p[k]) return null;
    }
    try { p.actor = JSON.parse(p.actor); } catch (e) { return null; }
    return p.actor && typeof p.actor === "object" ? cmi5(p) : null;
  };
  CP.lms.standard = "cmi5";
})(window.CoursePack = window.CoursePack || {});
