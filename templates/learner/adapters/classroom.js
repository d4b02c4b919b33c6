/* adapter.js for the live classroom (`coursepack classroom`): the course is served by the
 * facilitator's laptop, and this adapter sends every saved state and answer to it (see lms.js for
 * the adapter interface). Each write is an event numbered by this tab (tab id, seq increasing, the
 * phone's clock t) and kept first in this tab's outbox in localStorage; the outbox leaves in order,
 * in batches, and an event leaves it only once the server has stored it. While the server cannot
 * be reached the events wait and are sent again, so nothing a learner did is lost. The server
 * stores each (token, tab, seq) once, so a batch sent twice changes nothing, and applies saved
 * states in the order of t. Each tab writes only its own outbox (two tabs of one phone never
 * overwrite each other); a tab adopts the outbox of a tab that was closed or has not been heard
 * of for a minute (sending an event twice is harmless). A newer saved state replaces an older
 * unsent one of the same tab; answers are never replaced. The learner's private token comes from
 * the join page; without it the learner is sent there. */
(function (CP) {
  "use strict";
  const KEY = "coursepack-classroom", QUEUE = "coursepack-classroom:outbox:", API = "../api/";
  const BATCH_BYTES = 48000, MAX_WAIT = 5000, ORPHAN_MS = 60000;
  const store = CP.lms.storage;
  // The words are the course language's, from the page's cp-text block (text.js).
  const share = CP.text.share, away = CP.text.classroomAway, back = CP.text.classroomBack;

  /** The server's state of this learner: {status, body} (status 0 when it cannot be reached). */
  function fetchMe(token) {
    const r = new XMLHttpRequest();
    try {
      r.open("GET", API + "me", false);
      r.setRequestHeader("Authorization", "Bearer " + token);
      r.send(null);
      return { status: r.status, body: r.status === 200 ? JSON.parse(r.responseText) : null };
    } catch (e) {
      return { status: 0, body: null };
    }
  }

  function classroom(first) {
    const token = first.token, tab = Math.random().toString(36).slice(2, 10), own = QUEUE + tab;
    let busy = false, timer = 0, wait = 500, leaving = false, seq = 0, solo = false;
    const box = { token, tab, alive: Date.now(), closed: false, events: [] }; // this tab's outbox
    const keep = () => { box.alive = Date.now(); return store.set(own, box); };
    const cache = () => (store.get(KEY) || first).cache || {}; // the last state saved, for offline starts
    /** Keep the last saved state beside the token (read back only when the server is unreachable). */
    function remember(state) {
      const rec = store.get(KEY) || first;
      if (rec.token !== token) return;
      rec.cache = state;
      store.set(KEY, rec);
    }

    /** Outboxes other tabs left behind (closed, or silent for a minute) join this one. */
    function adopt() {
      const now = Date.now();
      for (let i = localStorage.length - 1; i >= 0; i--) {
        const key = localStorage.key(i);
        if (!key || key.indexOf(QUEUE) !== 0 || key === own) continue;
        const other = store.get(key);
        if (other && other.token === token && !other.closed && now - other.alive < ORPHAN_MS) continue;
        if (other && other.token === token) {
          const have = new Set(box.events.map((e) => e.tab + ":" + e.seq));
          box.events = box.events.concat((other.events || []).filter((e) => !have.has(e.tab + ":" + e.seq)));
        }
        store.remove(key);
      }
      if (box.events.length) keep();
    }

    /** Online or not, on #cp-app and in the status line (only when it changes). */
    function mark(on) {
      const app = document.getElementById("cp-app"), line = document.getElementById("cp-status");
      const was = app && app.dataset.classroom;
      if (!app || was === (on ? "online" : "offline")) return;
      app.dataset.classroom = on ? "online" : "offline";
      if (line && !on) line.textContent = away;
      if (line && on && was === "offline") {
        line.textContent = back;
        setTimeout(() => { if (line.textContent === back) line.textContent = ""; }, 6000);
      }
    }

    /** Queues one event under this tab's next number; true once it is kept on the phone. */
    function add(kind, data) {
      if (kind === "save") box.events = box.events.filter((e) => e.kind !== "save" || e.tab !== tab);
      box.events.push({ tab, seq: ++seq, t: Date.now(), kind, data: data || {} });
      return keep();
    }

    /** The first events of the outbox, in order, within the size of one request. */
    function batch() {
      const out = [];
      let size = 20;
      for (const e of box.events) {
        size += JSON.stringify(e).length + 1;
        if (out.length && (solo || size > BATCH_BYTES || out.length >= 50)) break;
        out.push(e);
      }
      return out;
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(pump, wait);
      wait = Math.min(wait * 2, MAX_WAIT);
    }

    /** Sends the outbox, one request at a time, until it is empty or the server is unreachable. */
    function pump() {
      if (busy) return;
      const events = batch();
      if (!events.length) return;
      busy = true;
      const sent = new Set(events);
      fetch(API + "events", { method: "POST", keepalive: leaving,
        headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
        body: JSON.stringify({ events }) }).then((r) => {
        if (r.status === 401) location.replace("../");
        // A refused batch is sent again one event at a time; a single refused event would block
        // the outbox for ever, so it alone is dropped.
        if ((r.status === 422 || r.status === 413) && events.length > 1) return "solo";
        return r.ok || r.status === 422 || r.status === 413;
      }, () => false).then((ok) => {
        busy = false;
        if (ok === "solo") {
          solo = true;
          return pump();
        }
        if (!ok) {
          mark(false);
          keep();
          return later();
        }
        box.events = box.events.filter((e) => !sent.has(e));
        keep();
        wait = 500;
        if (!box.events.length) {
          solo = false;
          mark(true);
        }
        pump();
      });
    }

    addEventListener("online", () => { wait = 500; pump(); });
    addEventListener("pagehide", () => { leaving = true; box.closed = true; keep(); pump(); }, true);
    addEventListener("pageshow", (e) => { if (e.persisted) { box.closed = false; keep(); } });
    setInterval(() => { adopt(); pump(); }, ORPHAN_MS / 2);

    /** A tick box under each reflection: the learner chooses to show the facilitator the plan. */
    function shareBoxes(shared) {
      document.querySelectorAll("form[data-reflection]").forEach((f) => {
        const id = f.dataset.reflection, label = document.createElement("label"), tick = document.createElement("input");
        tick.type = "checkbox";
        tick.className = "cp-share";
        tick.checked = shared.indexOf(id) >= 0;
        label.className = "cp-choice";
        label.append(tick, " " + share);
        f.insertBefore(label, f.querySelector("button[type=submit]"));
        tick.addEventListener("change", () => { add("share", { reflection: id, shared: tick.checked }); pump(); });
      });
    }

    return {
      kind: "classroom",
      start() {
        const me = fetchMe(token);
        if (me.status === 401) {
          location.replace("../");
          return null;
        }
        adopt();
        const server = me.body || cache();
        const pending = box.events.filter((e) => e.kind === "save").sort((x, y) => x.t - y.t).pop(); // newer than the server's
        const info = {
          entry: server.suspend ? "resume" : "ab-initio", bookmark: server.bookmark || "",
          suspend: server.suspend || "", status: server.status || "not attempted",
          learnerName: server.name || first.name || "", learnerId: token.slice(0, 8)
        };
        if (pending) Object.assign(info, { bookmark: pending.data.bookmark, suspend: pending.data.suspend, entry: "resume" });
        mark(me.status === 200);
        shareBoxes((me.body && me.body.shared) || []);
        pump();
        return info;
      },
      markIncomplete: () => add("incomplete"),
      save(bookmark, suspend, finished, progress) {
        const data = { bookmark, suspend, finished: !!finished, progress: Math.round((progress || 0) * 1000) / 1000 };
        const last = cache();
        if (last.bookmark === bookmark && last.suspend === suspend && last.finished === data.finished) return true;
        remember(Object.assign({ status: last.status }, data));
        return add("save", data);
      },
      /** rec: {iid, type, choices: [choice ids], responses, correct, time}; the server judges it. */
      // the classroom judges per question and attempt: a final's attempt tag (".a2") is sent apart
      recordInteraction(r) {
        const tag = /\.a(\d+)$/.exec(r.iid);
        return add("interaction", { iid: tag ? r.iid.slice(0, tag.index) : r.iid, attempt: tag ? +tag[1] : 0, choices: r.choices });
      },
      setResult(raw, passed) {
        remember(Object.assign(cache(), { status: passed ? "passed" : "failed" }));
        return add("result", { raw, passed: !!passed });
      },
      commit() {
        pump();
        return true;
      },
      finish(finished) {
        leaving = true;
        add("finish", { finished: !!finished });
        pump();
        return true;
      }
    };
  }

  /** The classroom adapter once the learner has joined; without a token, off to the join page. */
  CP.lms.connect = function () {
    const rec = store.get(KEY);
    if (!rec || !rec.token) {
      location.replace("../");
      return null;
    }
    return classroom(rec);
  };
  CP.lms.standard = "classroom";
})(window.CoursePack = window.CoursePack || {});
