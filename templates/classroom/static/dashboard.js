/* dashboard.js: the facilitator's live view. One EventSource; every message is the whole
 * dashboard (learners, answer distribution, difficult questions, shared plans), drawn again.
 * Names stay hidden until the facilitator ticks "show names" (the projector shows the room). */
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id), T = JSON.parse($("cr-main").dataset.text);
  let last = null, received = 0;
  const moves = {}; // learner id -> {code, until}: a move code the facilitator asked for

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  const idle = (l) => l.idle + (Date.now() - received) / 1000; // seconds since the phone was heard
  const who = (l, i) => ($("cr-names").checked ? l.name : T.learner + " " + (i + 1));

  function learners(d) {
    const body = $("cr-learners").tBodies[0];
    body.replaceChildren();
    d.learners.forEach((l, i) => {
      const tr = el("tr");
      tr.dataset.learner = l.id;
      [who(l, i), l.screen, l.progress + "%", l.raw === null ? "–" : String(l.raw), T[l.status],
        l.status === "passed" ? String(l.jp) : "–",
        idle(l) < 60 ? T.now : T.min_ago.replace("{n}", Math.floor(idle(l) / 60))].forEach((v, j) => {
        const td = el("td", j === 4 ? "cr-" + l.status : "", v);
        tr.append(td);
      });
      tr.append(moveCell(l));
      body.append(tr);
    });
    $("cr-learners").hidden = !d.learners.length;
    $("cr-nobody").hidden = !!d.learners.length;
    $("cr-joined").textContent = d.learners.length;
    $("cr-finished").textContent = d.learners.filter((l) => l.status !== "in_progress").length;
    $("cr-passed").textContent = d.learners.filter((l) => l.status === "passed").length;
  }

  /** A button that asks the server for a one-time code moving this learner to another device. */
  function moveCell(l) {
    const td = el("td", "cr-movecell"), m = moves[l.id];
    if (m && m.until > Date.now()) {
      td.append(el("strong", "cr-movecode", m.code), " " + T.move_valid.replace("{n}", m.minutes));
      return td;
    }
    const b = el("button", "cr-btn cr-quiet", T.move);
    b.type = "button";
    b.addEventListener("click", () => {
      fetch("/dashboard/move", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ learner: l.id }) }).then((r) => r.json()).then((j) => {
        moves[l.id] = { code: j.code, minutes: j.minutes, until: Date.now() + j.minutes * 60000 };
        if (last) learners(last);
      });
    });
    td.append(b);
    return td;
  }

  function question(q) {
    // a question nobody answered yet stays one line: the room's answers are what is discussed
    const box = el("article", "cr-question" + (q.final ? " cr-final" : "") + (q.answers ? "" : " cr-empty"));
    box.dataset.iid = q.iid;
    const head = el("h3", "", q.quiz + " · " + q.number);
    const prompt = el("p", "cr-prompt");
    prompt.innerHTML = q.prompt; // sanitized by the builder (nh3), from the course source
    const meta = el("p", "cr-meta", q.answers + " " + T.answers +
      (q.correct_pct === null ? "" : " · " + q.correct_pct + "% " + T.correct_pct));
    meta.dataset.answers = q.answers;
    box.append(head, prompt, meta);
    const most = Math.max(1, ...q.choices.map((c) => c.count));
    q.choices.forEach((c) => {
      const row = el("div", "cr-bar" + (c.correct && $("cr-correct").checked ? " cr-right" : ""));
      row.dataset.choice = c.id;
      row.dataset.count = c.count;
      const label = el("span", "cr-label");
      label.innerHTML = c.text;
      const fill = el("span", "cr-fill");
      fill.style.width = (100 * c.count) / most + "%";
      row.append(label, el("span", "cr-track"), el("strong", "cr-count", String(c.count)));
      row.children[1].append(fill);
      box.append(row);
    });
    return box;
  }

  function draw(d) {
    last = d;
    learners(d);
    $("cr-questions").replaceChildren(...d.questions.map(question));
    const byIid = Object.fromEntries(d.questions.map((q) => [q.iid, q]));
    $("cr-difficult").replaceChildren(...d.difficult.map((iid) => {
      const q = byIid[iid], li = el("li");
      li.append(el("strong", "", q.correct_pct + "% " + T.correct_pct), " · " + q.answers + " " + T.answers + " · " + q.quiz + " · " + q.number + " · ");
      const p = el("span");
      p.innerHTML = q.prompt;
      li.append(p);
      return li;
    }));
    const index = Object.fromEntries(d.learners.map((l, i) => [l.id, i]));
    $("cr-reflections").replaceChildren(...d.reflections.map((r) => {
      const box = el("article", "cr-plan");
      box.append(el("h3", "", who(d.learners[index[r.learner]], index[r.learner]) + " · " + r.title));
      r.items.forEach((it) => box.append(el("p", "cr-meta", it.prompt), el("p", "", it.text)));
      return box;
    }));
    $("cr-noreflections").hidden = !!d.reflections.length;
    document.body.dataset.version = (Number(document.body.dataset.version) || 0) + 1;
  }

  ["cr-names", "cr-correct"].forEach((id) => $(id).addEventListener("change", () => last && draw(last)));
  $("cr-bigqr").addEventListener("click", () => document.body.classList.toggle("cr-qr-big"));
  $("cr-qr").addEventListener("click", () => document.body.classList.remove("cr-qr-big"));

  const source = new EventSource("/dashboard/events");
  source.onmessage = (e) => {
    $("cr-live").hidden = true;
    received = Date.now();
    draw(JSON.parse(e.data));
  };
  setInterval(() => last && learners(last), 30000); // "last active" ages between updates
  source.onerror = () => { $("cr-live").hidden = false; };
})();
