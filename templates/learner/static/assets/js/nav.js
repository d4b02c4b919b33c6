/* nav.js: one screen at a time, the table of contents, the progress indicator, keyboard use. */
(function (CP) {
  "use strict";
  const T = CP.text, $ = (id) => document.getElementById(id);
  let data, order = [], index = -1, onShow = () => {}, wide;

  const section = (id) => $("s-" + id);
  const links = () => document.querySelectorAll("#cp-toc a[data-goto]");

  /** Wires buttons, TOC links, [data-goto] elements and keys; onShow(id) runs after each screen change. */
  function init(d, hooks) {
    data = d;
    order = d.screens.map((s) => s.id);
    onShow = hooks.onShow;
    $("cp-prev").addEventListener("click", () => step(-1));
    $("cp-next").addEventListener("click", () => step(1));
    document.addEventListener("click", (e) => {
      const a = e.target.closest("[data-goto]");
      if (!a || e.defaultPrevented || e.button) return;
      e.preventDefault();
      if (!wide.matches && a.closest("#cp-toc")) $("cp-toc-box").open = false;
      go(a.dataset.goto, { focus: true });
    });
    document.addEventListener("keydown", (e) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const box = $("cp-toc-box");
      if (e.key === "Escape" && box.open && !wide.matches) {
        box.open = false;
        box.querySelector("summary").focus();
      } else if ((e.key === "ArrowRight" || e.key === "ArrowLeft") && index >= 0 &&
          $("cp-app").dataset.state === "course" && !e.target.closest("input,textarea,select,[contenteditable]")) {
        e.preventDefault();
        step(e.key === "ArrowRight" ? 1 : -1);
      }
    });
    wide = window.matchMedia("(min-width: 60em)");
    $("cp-toc-box").addEventListener("toggle", reveal);
    const sync = () => { $("cp-toc-box").open = wide.matches; };
    sync();
    wide.addEventListener("change", sync);
  }

  function step(delta) {
    const i = index + delta;
    if (i >= 0 && i < order.length) go(order[i], { focus: true });
  }

  /** Shows screen `id`; with opts.focus, scrolls up and moves focus to its heading. */
  function go(id, opts) {
    const i = order.indexOf(id);
    if (i < 0) return false;
    if (index >= 0) section(order[index]).hidden = true;
    index = i;
    const sec = section(id), n = order.length;
    sec.hidden = false;
    $("cp-app").dataset.current = id;
    $("cp-progress-text").textContent = CP.fmt(T.page, { n: i + 1, total: n });
    const pos = $("cp-pager-pos"); // a theme's own page may leave it out
    if (pos) pos.textContent = (i + 1) + "/" + n;
    $("cp-progress").value = i + 1;
    $("cp-prev").disabled = i === 0;
    $("cp-next").disabled = i === n - 1;
    links().forEach((a) => {
      if (a.dataset.goto === id) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
    reveal();
    document.title = data.screens[i].title + " \u2013 " + data.course.title;
    if (opts && opts.focus) {
      window.scrollTo(0, 0);
      sec.querySelector("h1").focus({ preventScroll: true });
    }
    onShow(id);
    return true;
  }

  /** Scrolls the table of contents (the side column's own scroll box, or the phone's open list)
   * so that the current screen's entry is a third down, on every screen change and whenever the
   * list opens (its place depends on nothing before); the page itself never moves. */
  function reveal() {
    const a = document.querySelector('#cp-toc a[aria-current="page"]');
    const box = a && [a.closest("ol:not(ol ol)"), $("cp-toc-box")].find((e) => e && e.scrollHeight > e.clientHeight);
    if (!box) return;
    const r = a.getBoundingClientRect(), b = box.getBoundingClientRect();
    if (r.height) box.scrollTop += r.top - b.top - b.height / 3;
  }

  /** Marks the TOC entries of visited screens (a dot, and hidden text for screen readers). */
  function markVisited(visited) {
    links().forEach((a) => {
      const v = visited.has(a.dataset.goto);
      a.classList.toggle("cp-visited", v);
      a.querySelector(".cp-toc-state").textContent = v ? " " + T.visited : "";
    });
  }

  CP.nav = { init, go, markVisited, current: () => order[index] || "" };
})(window.CoursePack = window.CoursePack || {});
