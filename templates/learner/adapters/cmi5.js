/* adapter.js for cmi5: the course is one assignable unit (AU) that the LMS opens with
 * ?endpoint=&fetch=&actor=&registration=&activityId= (see lms.js for the adapter interface).
 * start() is synchronous: one POST to `fetch` for the token, the LMS.LaunchData and learner
 * preferences documents, this AU's saved state, then `initialized`. Later statements and the saved
 * state leave in order, one request at a time, by fetch(keepalive); on pagehide whatever is left
 * leaves at once. Browse and Review launches send only initialized and terminated and write
 * nothing. Without launch parameters connect() returns null and progress stays in the browser. */
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
    let queue = [], doc = null, dirty = false, busy = 0, failed = false, tries = 0, retry = 0, after = null;
    const headers = (body) => Object.assign({ "X-Experience-API-Version": "1.0.3", Authorization: "Basic " + auth },
      body ? { "Content-Type": "application/json" } : {});
    const state = (id) => base + "activities/state?" + new URLSearchParams({ stateId: id, activityId: p.activityId,
      agent, registration: p.registration });
    const since = () => duration(Date.now() - t0);
    const send = (method, url, body) => fetch(url, { method, headers: headers(1), body: JSON.stringify(body),
      keepalive: true }).then((r) => r.ok, () => false);

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

    /** Sends the queue, then the saved state, one request at a time; `after` runs once all left.
     * busy: 0 when idle, else 1 + the number of queued statements in flight. */
    function pump() {
      if (busy) return;
      const batch = queue.slice(0, 20), put = !batch.length && dirty;
      if (!batch.length && !put) return after && after();
      busy = 1 + batch.length;
      dirty = dirty && !put;
      send(put ? "PUT" : "POST", put ? state(STATE) : base + "statements", put ? doc : batch).then((ok) => {
        busy = 0;
        if (ok && !put) queue.splice(0, batch.length);
        dirty = dirty || (put && !ok);
        // app.js learns of a failure (or the end of one) at once and shows it, retrying with backoff
        if (failed === ok && !after && CP.app) setTimeout(CP.app.flush, 0);
        failed = !ok;
        clearTimeout(retry);
        if (ok) pump();
        else if (after && ++tries > 3) after();
        else retry = setTimeout(pump, after ? 1000 : 3000);
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
        t0 = Date.now();
        const init = sync("POST", base + "statements", headers(1), [statement("initialized", null, ["cmi5"])]);
        if (init.status < 200 || init.status > 299) return null;
        live = true;
        const id = (p.actor.account || {}).name || p.actor.mbox || "";
        return {
          entry: reg.suspend ? "resume" : "ab-initio", bookmark: reg.bookmark || "", suspend: reg.suspend || "",
          status: reg.status || (reg.suspend ? "incomplete" : "not attempted"),
          learnerName: CP.lms.displayName(p.actor.name || ""), learnerId: id + "|" + p.registration
        };
      },
      markIncomplete: () => live,
      save(bookmark, suspend) {
        if (live && !review) {
          doc = Object.assign({}, reg, { bookmark, suspend });
          dirty = true;
        }
        return live;
      },
      /** rec: {iid, type: single|multiple|truefalse, choices, responses: [rids], correct, time (ms)}: a cmi5 allowed statement. */
      recordInteraction(rec) {
        if (!live || review) return live;
        const tf = rec.type === "truefalse";
        const s = statement("answered", { response: tf ? String(rec.choices[0] === "benar") : rec.responses.join("[,]"),
          success: rec.correct }, null, { id: p.activityId + "/question/" + rec.iid, objectType: "Activity",
          definition: { type: "http://adlnet.gov/expapi/activities/cmi.interaction", interactionType: tf ? "true-false" : "choice" } });
        s.timestamp = new Date(Math.max(rec.time, t0)).toISOString();
        queue.push(s);
        return true;
      },
      /** completed once a registration; passed or failed at most once a session, never failed after
       * passed nor the same verdict twice, judged by the LMS's masteryScore if any, else the pass mark. */
      setResult(raw, passed) {
        if (!live || review) return live;
        const ms = parseFloat(launch.masteryScore), scaled = raw / 100, ok = ms >= 0 ? scaled >= ms : passed;
        const verdict = ok ? "passed" : "failed";
        if (!reg.completed) queue.push(statement("completed", { completion: true, duration: since() }, ["cmi5", "moveon"]));
        if (!judged && reg.status !== "passed" && reg.status !== verdict) {
          queue.push(statement(verdict, { score: { scaled, raw, min: 0, max: 100 }, success: ok, duration: since() },
            ["cmi5", "moveon"], null, ms >= 0 ? ms : undefined));
          judged = true;
          reg.status = verdict;
        }
        reg.completed = true;
        return true;
      },
      commit() {
        if (live) pump();
        return live && !failed;
      },
      finish() {
        if (!live) return false;
        live = false;
        queue.push(statement("terminated", { duration: since() }, ["cmi5"]));
        after = () => {
          after = () => {};
          if (launch.returnURL) location.assign(launch.returnURL);
        };
        if (!leaving) return pump() || true;
        send("POST", base + "statements", queue.splice(Math.max(busy - 1, 0)));
        if (dirty) send("PUT", state(STATE), doc);
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
