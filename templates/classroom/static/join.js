/* join.js: the learner joins with a name, an optional NIP and the class code; the server answers
 * with a private token that this browser keeps (localStorage), then the course opens. A learner
 * who already joined goes straight back to the course. */
(function () {
  "use strict";
  const KEY = "coursepack-classroom", $ = (id) => document.getElementById(id);
  const form = $("cr-join"), err = $("cr-error");
  const load = () => { try { return JSON.parse(localStorage.getItem(KEY)); } catch (e) { return null; } };

  function fail(text, field) {
    err.textContent = text;
    err.hidden = false;
    if (field) field.focus();
  }

  const known = load();
  if (known && known.token) {
    fetch("/api/me", { headers: { Authorization: "Bearer " + known.token } }).then((r) => {
      if (r.ok) location.replace("/course/");
    }, () => {
      $("cr-again-link").textContent = form.dataset.continue.replace("{name}", known.name || "");
      $("cr-again").hidden = false;
    });
  }

  /** Keep the server's answer (a token for this learner) and open the course. */
  function enter(j) {
    localStorage.setItem(KEY, JSON.stringify({ token: j.token, session: j.session, name: j.name }));
    location.replace("/course/");
  }

  const move = $("cr-move"), moveErr = $("cr-move-error");
  move.addEventListener("submit", (e) => {
    e.preventDefault();
    moveErr.hidden = true;
    fetch("/api/move", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code: $("cr-move-code").value.trim() }) }).then((r) => {
      if (!r.ok) {
        moveErr.textContent = move.dataset.err;
        moveErr.hidden = false;
        return $("cr-move-code").focus();
      }
      return r.json().then(enter);
    }, () => fail(form.dataset.errNetwork));
  });

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const name = $("cr-name").value.trim(), nip = $("cr-nip").value.trim(), code = $("cr-code").value.trim();
    if (!name) return fail(form.dataset.errName, $("cr-name"));
    err.hidden = true;
    fetch("/api/join", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name, nip, code }) }).then((r) => {
      if (r.status === 403) return fail(form.dataset.errCode, $("cr-code"));
      if (!r.ok) return fail(form.dataset.errName, $("cr-name"));
      return r.json().then(enter);
    }, () => fail(form.dataset.errNetwork));
  });
})();
