/* results.js: the look that follows the learner: module cards with progress (the cover), the score
 * gauge and the chart per module (results), and the certificate with its number, NIP and agency.
 * Drawn from the runtime data and the learner's answers; app.js calls visited() and results(). */
(function (CP) {
  "use strict";
  const T = CP.text, $ = (id) => document.getElementById(id), NS = "http://www.w3.org/2000/svg";
  let cert = null, certKey = "", drawn = null;

  function svg(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  /** The module cards of the cover: pages opened of each module, a bar, done when all are. */
  function visited(data, seen) {
    document.querySelectorAll("[data-modcard]").forEach((card) => {
      const ids = data.screens.filter((s) => s.module === card.dataset.modcard).map((s) => s.id);
      const v = ids.filter((id) => seen.has(id)).length;
      card.querySelector(".cp-modcard-p").textContent = CP.fmt(T.modProgress, { v, t: ids.length });
      card.querySelector(".cp-bar>span").style.width = Math.round((100 * v) / (ids.length || 1)) + "%";
      card.toggleAttribute("data-done", v === ids.length);
    });
  }

  /** A question's credit from 0 to 1: grade.js when it is there, else right or wrong. */
  function credit(data, key, answer) {
    if (CP.grade && CP.grade.credit) {
      const c = CP.grade.credit(data, key, answer);
      return Number(c.n) / Number(c.d);
    }
    return CP.quiz.isCorrect(data, key, answer) ? 1 : 0;
  }

  /** The questions the attempt drew, by module, in course order, those without one last
   * ("General"): every question on the paper counts, an unanswered one earns nothing. */
  function groups(data, keys, answers) {
    const out = data.modules.map((m) => ({ label: CP.fmt(T.moduleN, { n: m.n, title: m.title }), id: m.id, got: 0, total: 0 }));
    const general = { label: T.general, id: "", got: 0, total: 0 };
    keys.forEach((key) => {
      const q = data.questions[key];
      if (!q) return;
      const g = out.find((m) => m.id === q.module) || general;
      g.total += 1;
      if (answers[key] && answers[key].length) g.got += credit(data, key, answers[key]);
    });
    return out.concat(general).filter((g) => g.total);
  }

  const pct = (g) => Math.round((100 * g.got) / g.total);
  const num = (x) => (Math.round(x * 100) / 100).toLocaleString(document.documentElement.lang);

  /** A horizontal bar per module: its label on a line of its own, then its value in words and the
   * bar (printed, the page is wide: label and value share a line); the pass mark as a dashed line. */
  function chart(data, keys, answers, mark) {
    const box = $("cp-chart");
    if (!box) return;
    const print = window.matchMedia("print").matches, row = print ? 46 : 70, vy = print ? 15 : 40, by = vy + 7;
    const gs = groups(data, keys, answers), h = gs.length * row + 24;
    const s = svg("svg", { width: "100%", height: h, role: "img", "aria-labelledby": "cp-chart-h" });
    const said = gs.map((g) => g.label + ": " + CP.fmt(T.chartValue, { c: num(g.got), t: g.total, p: pct(g) }));
    s.setAttribute("aria-label", T.chartTitle + ". " + said.join("; ") + ". " + CP.fmt(T.passLine, { m: mark }));
    const fits = [];
    gs.forEach((g, i) => {
      const y = i * row, p = pct(g), low = p < mark, label = svg("text", { x: 0, y: y + 16 }, g.label);
      const value = svg("text", { x: "100%", y: y + vy, "text-anchor": "end", class: "cp-chart-v" }, said[i].slice(g.label.length + 2));
      fits.push(label);
      s.append(label, value);
      s.append(svg("rect", { x: 0, y: y + by, width: "100%", height: 12, rx: 6, class: "cp-chart-bg" }));
      if (p) s.append(svg("rect", { x: 0, y: y + by, width: p + "%", height: 12, rx: 6, class: low ? "cp-chart-low" : "cp-chart-ok" }));
    });
    gs.forEach((g, i) => s.append(svg("line", { x1: mark + "%", x2: mark + "%", y1: i * row + by - 4, y2: i * row + by + 16, stroke: "#1b1f24", "stroke-width": 2, "stroke-dasharray": "3 2" })));
    s.append(svg("text", { x: mark + "%", y: h - 2, "text-anchor": mark > 70 ? "end" : "middle", class: "cp-chart-m" }, CP.fmt(T.passLine, { m: mark })));
    box.replaceChildren(s);
    // a label wider than the whole chart is cut with an ellipsis (the full text is in aria-label);
    // printed, the chart is drawn again at full length (the page is wider than a phone)
    const room = print ? 0 : box.clientWidth;
    fits.forEach((label) => {
      let t = label.textContent;
      while (room && t.length > 4 && label.getComputedTextLength() > room) {
        t = t.slice(0, -1);
        label.textContent = t.trimEnd() + "\u2026";
      }
    });
    drawn = () => chart(data, keys, answers, mark);
  }

  /** The score as a ring (decorative: the number is in the text beside it). */
  function gauge(raw, passed) {
    const box = $("cp-gauge");
    if (!box) return;
    const c = 2 * Math.PI * 52, s = svg("svg", { viewBox: "0 0 120 120", "aria-hidden": "true", class: "cp-gauge" });
    s.append(svg("circle", { cx: 60, cy: 60, r: 52, fill: "none", stroke: "#e3edf7", "stroke-width": 12 }));
    s.append(svg("circle", { cx: 60, cy: 60, r: 52, fill: "none", stroke: passed ? "#166534" : "#a3201a", "stroke-width": 12,
      "stroke-linecap": "round", "stroke-dasharray": (c * raw) / 100 + " " + c, transform: "rotate(-90 60 60)" }));
    s.append(svg("text", { x: 60, y: 70, "text-anchor": "middle" }, String(raw)));
    box.replaceChildren(s);
  }

  const today = () => {
    const d = new Date(), p = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
  };

  /** The certificate number: the pass date and 8 hex digits of hash64(learner|NIP|course|version|date). */
  function number(data, name, nip, date) {
    const h = CP.hash.hash64([CP.lms.nameKey(name), nip.trim(), data.course.id, data.course.version, date].join("|")).slice(0, 8).toUpperCase();
    return date.replace(/-/g, "") + "-" + h.slice(0, 4) + "-" + h.slice(4);
  }

  /** Fills the certificate from the learner's name, the saved NIP and agency and the pass date. */
  function fillCert(data, name) {
    const nip = (cert.nip || "").trim(), agency = (cert.agency || "").trim(), [y, m, d] = cert.date.split("-");
    $("cp-cert-name").textContent = name;
    $("cp-cert-nip").textContent = nip ? CP.fmt(T.nip, { nip }) : "";
    $("cp-cert-nip").hidden = !nip;
    $("cp-cert-agency").textContent = agency;
    $("cp-cert-agency").hidden = !agency;
    $("cp-cert-no").textContent = CP.fmt(T.certNo, { no: number(data, name, nip, cert.date) });
    $("cp-cert-date").textContent = new Date(+y, m - 1, +d).toLocaleDateString(document.documentElement.lang,
      { day: "numeric", month: "long", year: "numeric" });
  }

  /** The learner's NIP and agency, typed on the results page, kept in this browser with the date passed. */
  function bindCert(data, name) {
    // kept under the name as the progress is (any case and spacing), read from the name as typed
    // where a page before this one kept it
    const key = data.course.storageKey + "|cert|" + CP.lms.nameKey(name);
    if (key === certKey) return;
    certKey = key;
    cert = CP.lms.storage.get(key) || CP.lms.storage.get(data.course.storageKey + "|cert|" + name) || {};
    ["nip", "agency"].forEach((f) => {
      const input = $("cp-" + f);
      if (!input) return;
      input.value = cert[f] || "";
      input.oninput = () => {
        cert[f] = input.value;
        CP.lms.storage.set(key, cert);
        fillCert(data, name);
      };
    });
  }

  /** The results screen once the final is done: gauge, chart (the questions the attempt drew,
   * r.keys), certificate (passed only). */
  function results(data, answers, r, learner, mark) {
    gauge(r.raw, r.passed);
    chart(data, r.finished ? r.keys : [], answers, Math.round(mark));
    if ($("cp-plan")) fillPlan($("cp-plan"), Array.from(document.querySelectorAll("form[data-reflection]")));
    if (!r.passed || !$("cp-cert-no")) return;
    const name = learner || T.someone;
    bindCert(data, name);
    if (!cert.date) {
      cert.date = today();
      CP.lms.storage.set(certKey, cert);
    }
    fillCert(data, name);
  }

  /** The learner's answers to one reflection, prompt by prompt (only those written), as a list. */
  function plan(form) {
    const dl = document.createElement("dl");
    form.querySelectorAll(".cp-field").forEach((f) => {
      const text = f.querySelector("textarea").value.trim();
      if (!text) return;
      const dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = f.querySelector("label").textContent.trim();
      dd.textContent = text;
      dl.append(dt, dd);
    });
    return dl;
  }

  /** Fills a plan box from reflection forms; hidden while nothing is written. */
  function fillPlan(box, forms) {
    const lists = forms.map(plan).filter((dl) => dl.childElementCount);
    box.querySelector(".cp-plan-body").replaceChildren(...lists);
    box.hidden = !lists.length;
  }

  /** Cetak rencana: the reflection's answers printed alone (coursepack.css, html[data-print=plan]),
   * headed by the course title, the learner's name and the date. */
  function printPlan(button) {
    const section = button.closest("section"), sheet = section.querySelector(".cp-plan-sheet");
    fillPlan(sheet, [section.querySelector("form[data-reflection]")]);
    const who = CP.app && CP.app.learner ? CP.app.learner() : "";
    sheet.querySelector("[data-plan-who]").textContent = who ? CP.fmt(T.learner, { name: who }) : "";
    sheet.querySelector("[data-plan-date]").textContent = new Date().toLocaleDateString(document.documentElement.lang,
      { day: "numeric", month: "long", year: "numeric" });
    document.documentElement.dataset.print = "plan";
    window.print();
  }

  /** Cetak sertifikat: the page prints the certificate alone (coursepack.css, html[data-print=cert]). */
  function printCert() {
    document.documentElement.dataset.print = "cert";
    window.print();
  }

  function boot() {
    const b = $("cp-print-cert");
    if (b) b.addEventListener("click", printCert);
    document.querySelectorAll("[data-print-plan]").forEach((p) => p.addEventListener("click", () => printPlan(p)));
    window.addEventListener("resize", () => { if (drawn) drawn(); });
    window.matchMedia("print").addEventListener("change", () => { if (drawn) drawn(); });
    window.addEventListener("afterprint", () => { delete document.documentElement.dataset.print; });
  }

  CP.look = { visited, results, number, fillPlan };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})(window.CoursePack = window.CoursePack || {});
