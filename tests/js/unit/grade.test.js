/* grade.js: one scoring rule per question type, exact fractions; the final sums credits exactly;
 * arranged answers survive suspend_data. (The proof against Moodle's grading of the exported
 * questions is tests/test_scoring_parity.py.) */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./load.js");

const CP = load("hash.js", "grade.js", "quiz.js", "arrange.js", "store.js");
const SALT = "s4lt";
const h = (id, s) => CP.hash.hash64(SALT + "|" + id + "|" + s);
const frac = (c) => [c.n, c.d];
/** A value from the scripts' own context, as plain data of this one (arrays compare by content). */
const plain = (v) => JSON.parse(JSON.stringify(v));

/** A multiple-response question: choices a..(n-1), the first k right. */
function multiple(n, k) {
  const ids = Array.from({ length: n }, (_, i) => String.fromCharCode(97 + i)), right = ids.slice(0, k);
  return { id: "m", type: "multiple", choices: ids, check: h("m", right.join(",")),
    checks: Object.fromEntries(ids.map((c, i) => [c, h("m", c + "=" + (i < k ? 1 : 0))])) };
}

/** A sorting question: items x, y, z into categories p, q (x, y in p; z in q). */
function sorting() {
  const key = ["x=p", "y=p", "z=q"];
  return { id: "s", type: "sorting", choices: [], parts: ["x", "y", "z"], targets: ["p", "q"],
    check: h("s", key.join(",")), checks: Object.fromEntries(key.map((e) => [e[0], h("s", e)])) };
}

function ordering() {
  return { id: "o", type: "ordering", choices: [], parts: ["a", "b", "c"], targets: [], check: h("o", "c,a,b") };
}

const data = (questions, final) => ({ salt: SALT, questions, final: final || [], course: { passMark: 50 } });

test("multiple response: +1/k per right choice, -1/(n-k) per wrong one, never below 0", () => {
  const d = data({ k: multiple(5, 2) });
  assert.deepEqual(frac(CP.grade.credit(d, "k", ["a", "b"])), [1n, 1n]);
  assert.deepEqual(frac(CP.grade.credit(d, "k", ["a"])), [1n, 2n]);
  assert.deepEqual(frac(CP.grade.credit(d, "k", ["a", "b", "c"])), [2n, 3n]);
  assert.deepEqual(frac(CP.grade.credit(d, "k", ["a", "c"])), [1n, 6n]);
  assert.deepEqual(frac(CP.grade.credit(d, "k", ["a", "c", "d", "e"])), [0n, 1n]);
  assert.equal(CP.grade.correct(d, "k", ["b", "a"]), true);
  const all = data({ k: multiple(3, 3) });
  assert.deepEqual(frac(CP.grade.credit(all, "k", ["a", "c"])), [2n, 3n], "no wrong choice: c/k");
});

test("sorting and matching: the share of parts right, each part counted once; ordering all or nothing", () => {
  const d = data({ s: sorting(), o: ordering() });
  assert.deepEqual(frac(CP.grade.credit(d, "s", ["x=p", "y=p", "z=q"])), [1n, 1n]);
  assert.deepEqual(frac(CP.grade.credit(d, "s", ["x=p", "y=q", "z=p"])), [1n, 3n]);
  assert.deepEqual(frac(CP.grade.credit(d, "s", ["x=p", "x=p", "x=p"])), [1n, 3n], "a part twice counts once");
  assert.deepEqual(frac(CP.grade.credit(d, "o", ["c", "a", "b"])), [1n, 1n]);
  assert.deepEqual(frac(CP.grade.credit(d, "o", ["a", "c", "b"])), [0n, 1n]);
  assert.equal(CP.grade.correct(d, "s", ["z=q", "x=p", "y=p"]), true, "sorted before hashing");
});

test("the final sums credits exactly: a third of three questions each is one question of three", () => {
  const qs = { s1: sorting(), s2: Object.assign(sorting(), {}), s3: sorting() };
  const keys = ["s1", "s2", "s3"], d = data(qs, keys), third = ["x=p", "y=q", "z=p"];
  let g = CP.quiz.attemptScore(d, keys, { s1: third, s2: third, s3: third });
  assert.deepEqual([g.n, g.d], [1n, 3n]);
  assert.equal(CP.quiz.verdict(g, CP.quiz.mark("33.34", 100)).passed, false, "1/3 is below 33.34");
  let v = CP.quiz.verdict(g, CP.quiz.mark("33.33", 100));
  assert.deepEqual([v.passed, v.raw], [true, 33]);
  g = CP.quiz.attemptScore(d, keys, { s1: ["x=p", "y=p", "z=q"], s2: third, s3: ["x=q", "y=q", "z=p"] });
  v = CP.quiz.verdict(g, CP.quiz.mark("50", 100));
  assert.deepEqual([v.raw, v.passed], [44, false], "(1 + 1/3 + 0) / 3 = 44.4 % < 50");
});

test("arranged answers survive suspend_data in its JSON part, with their tries", () => {
  const d = data({ s0001: sorting(), o0001: ordering(), m0001: multiple(3, 1) });
  d.layout = "abcd";
  d.screens = [];
  d.reflections = {};
  const st = CP.store.empty();
  st.answers = { s0001: ["x=p", "y=q", "z=q"], o0001: ["b", "c", "a"], m0001: ["a", "c"] };
  st.tries = { s0001: 2, o0001: 1, m0001: 1 };
  const s = CP.store.encode(d, st);
  assert.match(s, /"s0001":\["2","x=p","y=q","z=q"\]/);
  assert.match(s, /"o0001":\["1","b","c","a"\]/);
  const back = CP.store.decode(d, s);
  assert.deepEqual(plain(back.answers), plain(st.answers));
  assert.deepEqual(plain(back.tries), plain(st.tries));
  const other = CP.store.decode(d, s.replace('"s0001"', '"zzzzz"'));
  assert.deepEqual(plain(other.answers), { o0001: ["b", "c", "a"], m0001: ["a", "c"] }, "an unknown key is skipped whole");
});

test("partial credit for the LMS: hundredths of a percent, cut, only strictly between 0 and 1", () => {
  const part = (n, d) => CP.grade.part({ n: BigInt(n), d: BigInt(d) });
  assert.equal(part(1, 3), 3333);
  assert.equal(part(2, 3), 6666); // cut, never rounded up
  assert.equal(part(1, 2), 5000);
  assert.equal(part(1, 1000000), 1); // a sliver of credit is never reported as none
  assert.equal(part(0, 1), 0);
  assert.equal(part(1, 1), 0);
  assert.equal(part(3, 3), 0);
  const d = data({ k: multiple(3, 2) });
  assert.equal(CP.grade.part(CP.grade.credit(d, "k", ["a"])), 5000);
  assert.equal(CP.grade.part(CP.grade.credit(d, "k", ["a", "c"])), 0); // 1/2 - 1/1, never below 0
});
