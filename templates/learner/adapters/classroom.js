/* adapter.js for the live classroom (`coursepack classroom`): the course is served by the
 * facilitator's laptop, and this adapter sends every saved state and answer to it (see lms.js for
 * the adapter interface). Each write is an event numbered by this phone (seq, increasing) and kept
 * first in localStorage (the outbox); the outbox leaves in order, in batches, and an event leaves
 * the outbox only once the server has stored it. Every change reads and writes the record in
 * localStorage at once, so two tabs of one phone share one numbering and one outbox. While the server cannot be reached the events
 * wait and are sent again, so nothing a learner did is lost. The server stores each (token, seq)
 * once, so a batch sent twice changes nothing. A newer saved state replaces an older unsent one
 * (the server keeps the newest state only); answers are never replaced. The learner's private token
 * comes from the join page; without it the learner is sent there. */
(function (CP) {
  "use strict";
  const KEY = "coursepack-classroom", API = "../api/", BATCH_BYTES = 48000, MAX_WAIT = 5000;
  const store = CP.lms.storage;
  const ID = document.documentElement.lang.slice(0, 2) === "id";
  const share = ID ? "Bagikan jawaban refleksi ini kepada fasilitator" : "Share this reflection with the facilitator";
  const away = ID ? "Tidak tersambung ke server kelas. Jawaban Anda tersimpan di perangkat ini dan terkirim otomatis saat tersambung lagi."
    : "Not connected to the class server. Your answers are kept on this device and sent when the connection is back.";
  const back = ID ? "Tersambung lagi. Semua jawaban Anda sudah terkirim." : "Connected again. All your answers have been sent.";

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
    const token = first.token;
    let busy = false, timer = 0, wait = 500, leaving = false, mem = first;
    /** The learner's record as kept now (another tab of this phone may have changed it). */
    function load() {
      const cur = store.get(KEY);
      const rec = cur && cur.token === token ? cur : mem;
      rec.outbox = rec.outbox || [];
      rec.seq = rec.seq || 0;
      rec.cache = rec.cache || {};
      return rec;
    }
    /** Read, change and write back the record at once; true when it is kept in localStorage. */
    function edit(change) {
      const rec = load();
      change(rec);
      mem = rec;
      return store.set(KEY, rec);
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

    /** Queues one event under the phone's next number; true once it is kept on the phone. */
    function add(kind, data) {
      return edit((rec) => {
        rec.seq += 1;
        if (kind === "save") rec.outbox = rec.outbox.filter((e) => e.kind !== "save");
        rec.outbox.push({ seq: rec.seq, kind, data: data || {} });
      });
    }

    /** The first events of the outbox, in order, within the size of one request. */
    function batch() {
      const out = [];
      let size = 20;
      for (const e of load().outbox) {
        size += JSON.stringify(e).length + 1;
        if (out.length && (size > BATCH_BYTES || out.length >= 50)) break;
        out.push(e);
      }
      return out;
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(pump, wait);
      wait = Math.min(wait * 2, MAX_WAIT);
    }

    /** Sends the outbox, one request at a time, until it is empty or the server is unreachable.
     * Two tabs may send the same events: the server stores each (token, seq) once. */
    function pump() {
      if (busy) return;
      const events = batch();
      if (!events.length) return;
      busy = true;
      const sent = new Set(events.map((e) => e.seq));
      fetch(API + "events", { method: "POST", keepalive: leaving,
        headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
        body: JSON.stringify({ events }) }).then((r) => {
        if (r.status === 401) location.replace("../");
        // A batch the server refuses as malformed would block the outbox for ever: drop it.
        return r.ok || r.status === 422 || r.status === 413;
      }, () => false).then((ok) => {
        busy = false;
        if (!ok) {
          mark(false);
          return later();
        }
        edit((rec) => { rec.outbox = rec.outbox.filter((e) => !sent.has(e.seq)); });
        wait = 500;
        if (!load().outbox.length) mark(true);
        pump();
      });
    }

    addEventListener("online", () => { wait = 500; pump(); });
    addEventListener("pagehide", () => { leaving = true; pump(); }, true);

    /** A tick box under each reflection: the learner chooses to show the facilitator the plan. */
    function shareBoxes(shared) {
      document.querySelectorAll("form[data-reflection]").forEach((f) => {
        const id = f.dataset.reflection, label = document.createElement("label"), box = document.createElement("input");
        box.type = "checkbox";
        box.className = "cp-share";
        box.checked = shared.indexOf(id) >= 0;
        label.className = "cp-choice";
        label.append(box, " " + share);
        f.insertBefore(label, f.querySelector("button[type=submit]"));
        box.addEventListener("change", () => { add("share", { reflection: id, shared: box.checked }); pump(); });
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
        const rec = load(), server = me.body || rec.cache;
        const pending = rec.outbox.filter((e) => e.kind === "save").pop(); // newer than the server's
        const info = {
          entry: server.suspend ? "resume" : "ab-initio", bookmark: server.bookmark || "",
          suspend: server.suspend || "", status: server.status || "not attempted",
          learnerName: server.name || rec.name || "", learnerId: token.slice(0, 8)
        };
        if (pending) Object.assign(info, { bookmark: pending.data.bookmark, suspend: pending.data.suspend, entry: "resume" });
        edit((r) => { r.seq = Math.max(r.seq, (me.body && me.body.lastSeq) || 0); });
        mark(me.status === 200);
        shareBoxes((me.body && me.body.shared) || []);
        pump();
        return info;
      },
      markIncomplete: () => add("incomplete"),
      save(bookmark, suspend, finished, progress) {
        const data = { bookmark, suspend, finished: !!finished, progress: Math.round((progress || 0) * 1000) / 1000 };
        const last = load().cache;
        if (last.bookmark === bookmark && last.suspend === suspend && last.finished === data.finished) return true;
        edit((rec) => { rec.cache = Object.assign({ name: rec.name, status: last.status }, data); });
        return add("save", data);
      },
      /** rec: {iid, type, choices: [choice ids], responses, correct, time}; the server judges it. */
      recordInteraction: (r) => add("interaction", { iid: r.iid, choices: r.choices }),
      setResult(raw, passed) {
        edit((rec) => { rec.cache.status = passed ? "passed" : "failed"; });
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
