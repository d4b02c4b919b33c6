/* grade.js: how much credit one answer earns, per question type (docs/runtime.md). The one place
 * that scores; quiz.js sums credits and decides the verdict. One rule per type, the rule Moodle
 * applies to the question the quiz bank exports (tests/test_scoring_parity.py proves they agree):
 *   single, truefalse, ordering: all or nothing;
 *   multiple: each correct choice picked +1/k, each wrong one -1/(n-k), never below 0 (Moodle's
 *     multichoice with several answers);
 *   sorting, matching: the share of items placed right (Moodle's match; a sorting question is a
 *     match whose answers repeat).
 * Answer forms: choice ids (sorted); ordering: item ids in the learner's order; sorting
 * "item=category" and matching "premise=response" strings, sorted. */
(function (CP) {
  "use strict";
  const hash = (data, q, s) => CP.hash.hash64(data.salt + "|" + q.id + "|" + s);

  /** The answer as its check hashes it: an ordering as placed, anything else sorted. */
  const form = (q, answer) => (q.type === "ordering" ? answer.slice() : answer.slice().sort());

  /** True when the whole answer hashes to the question's `check`. */
  function correct(data, key, answer) {
    const q = data.questions[key];
    return hash(data, q, form(q, answer).join(",")) === q.check;
  }

  function gcd(a, b) {
    while (b) [a, b] = [b, a % b];
    return a;
  }

  /** n/d in lowest terms, d > 0 (BigInt). */
  function fraction(n, d) {
    const g = gcd(n < 0n ? -n : n, d) || 1n;
    return { n: n / g, d: d / g };
  }

  /** Moodle multichoice, several answers: +1/k per correct choice picked, -1/(n-k) per wrong one,
   * at least 0. `checks` holds hash(choice=1) for a correct choice, hash(choice=0) for a wrong one. */
  function multiple(data, q, answer) {
    const ids = Object.keys(q.checks), picked = new Set(answer);
    let k = 0, right = 0, wrong = 0;
    for (const id of ids) {
      const good = hash(data, q, id + "=1") === q.checks[id];
      if (good) k++;
      if (picked.has(id)) good ? right++ : wrong++;
    }
    const m = BigInt(ids.length - k), K = BigInt(k);
    if (!k) return { n: 0n, d: 1n };
    const n = m ? BigInt(right) * m - BigInt(wrong) * K : BigInt(right);
    return n > 0n ? fraction(n, m ? K * m : K) : { n: 0n, d: 1n };
  }

  /** True when one "part=target" of a sorting or matching answer is the right placement. */
  const placed = (data, q, entry) => hash(data, q, entry) === q.checks[String(entry).split("=")[0]];

  /** Moodle match: the share of parts (items or premises) placed right, each part counted once. */
  function parts(data, q, answer) {
    const seen = new Set();
    let right = 0;
    for (const entry of answer) {
      const part = String(entry).split("=")[0];
      if (seen.has(part) || !(part in q.checks)) continue;
      seen.add(part);
      if (placed(data, q, entry)) right++;
    }
    return fraction(BigInt(right), BigInt(q.parts.length));
  }

  /** The credit of one answer as an exact fraction {n, d} of one question (BigInt). */
  function credit(data, key, answer) {
    const q = data.questions[key];
    if (q.type === "multiple" && q.checks) return multiple(data, q, answer);
    if ((q.type === "sorting" || q.type === "matching") && q.checks) return parts(data, q, answer);
    return { n: correct(data, key, answer) ? 1n : 0n, d: 1n };
  }

  /** Partial credit as the LMS gets it: hundredths of a percent of the question, cut (never
   * rounded up), 1..9999; 0 for a whole or no credit (those are reported as correct or wrong). */
  function part(c) {
    if (c.n <= 0n || c.n >= c.d) return 0;
    const h = Number((c.n * 10000n) / c.d);
    return h < 1 ? 1 : h;
  }

  /** The correct answer of a sorting, ordering or matching question, in its answer form, for the
   * LMS's correct-response pattern (decoded like feedback: base64 XOR hash64(salt|question|key)). */
  function key(data, k) {
    const q = data.questions[k];
    if (!q || !q.key) return [];
    const pad = CP.hash.hash64(data.salt + "|" + q.id + "|key"), raw = atob(q.key), out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i) ^ parseInt(pad.substr((i % 8) * 2, 2), 16);
    const text = new TextDecoder().decode(out);
    return text ? text.split(",") : [];
  }

  CP.grade = { correct, credit, part, key, fraction, placed: (data, k, entry) => placed(data, data.questions[k], entry) };
})(window.CoursePack = window.CoursePack || {});
