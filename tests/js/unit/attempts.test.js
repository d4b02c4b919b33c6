/* Attempts: the seeded PRNG, shuffles and pool draws (stable per learner and attempt), and the
 * grading methods (highest, last, first, average) over exact fractions. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./load.js");

const CP = load("hash.js", "grade.js", "quiz.js");
const plain = (x) => JSON.parse(JSON.stringify(x, (k, v) => (typeof v === "bigint" ? String(v) : v)));

/** A final with two single questions and a pool of 5 drawing 2, and 6 choices on "k1". */
function course(shuffleQuestions) {
  return {
    salt: "s", finalId: "f",
    quizzes: { f: { final: true, shuffleQuestions, shuffleChoices: true,
      slots: ["k1", { pool: "p", draw: 2, keys: ["p1", "p2", "p3", "p4", "p5"] }, "k2"] } },
    questions: { k1: { id: "q1", quiz: "f", type: "single", choices: ["a", "b", "c", "d", "e", "f"] },
      k2: { id: "q2", quiz: "f", type: "truefalse", choices: ["benar", "salah"] } }
  };
}

test("the PRNG is deterministic per seed, in [0, 1), and differs between seeds", () => {
  const a = CP.quiz.rng("budi|f|1"), b = CP.quiz.rng("budi|f|1"), c = CP.quiz.rng("budi|f|2");
  const xs = Array.from({ length: 1000 }, a), ys = Array.from({ length: 1000 }, b), zs = Array.from({ length: 1000 }, c);
  assert.deepEqual(xs, ys);
  assert.notDeepEqual(xs, zs);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(mean > 0.45 && mean < 0.55, String(mean));
});

test("a shuffle is a permutation, and every order of 4 items comes out of some seed", () => {
  const seen = new Set();
  for (let i = 0; i < 400; i++) {
    const out = CP.quiz.shuffle(["a", "b", "c", "d"], CP.quiz.rng("seed" + i));
    assert.deepEqual(out.slice().sort(), ["a", "b", "c", "d"]);
    seen.add(out.join(""));
  }
  assert.equal(seen.size, 24);
});

test("a pool gives its draw, in authored order, the same again for the same learner and attempt", () => {
  const data = course(false);
  const keys = CP.quiz.order(data, "f", "budi", 1);
  assert.equal(keys.length, 4);
  assert.equal(keys[0], "k1");
  assert.equal(keys[3], "k2");
  const drawn = keys.slice(1, 3);
  assert.deepEqual(drawn, drawn.slice().sort(), "authored order inside the pool");
  assert.deepEqual(CP.quiz.order(data, "f", "budi", 1), keys, "stable on resume");
});

test("retakes and neighbours meet other draws and orders", () => {
  const data = course(true), draws = new Set(), orders = new Set();
  for (let attempt = 1; attempt <= 30; attempt++) {
    const keys = CP.quiz.order(data, "f", "budi", attempt);
    assert.equal(new Set(keys).size, 4);
    assert.ok(keys.includes("k1") && keys.includes("k2"));
    draws.add(keys.filter((k) => k[0] === "p").sort().join());
    orders.add(keys.join());
  }
  assert.ok(draws.size >= 5, "draws over 30 retakes: " + draws.size);
  assert.ok(orders.size >= 10, "orders over 30 retakes: " + orders.size);
  const neighbours = new Set(["ani", "budi", "citra", "dewi", "eka"].map((l) => CP.quiz.order(data, "f", l, 1).join()));
  assert.ok(neighbours.size >= 3, "five neighbours, " + neighbours.size + " different papers");
});

test("choices shuffle per learner and attempt when the quiz says so; true/false never moves", () => {
  const data = course(false), one = CP.quiz.choiceOrder(data, "k1", "budi", 1);
  assert.deepEqual(one.slice().sort(), data.questions.k1.choices);
  assert.deepEqual(CP.quiz.choiceOrder(data, "k1", "budi", 1), one);
  const seen = new Set([1, 2, 3, 4, 5, 6].map((a) => CP.quiz.choiceOrder(data, "k1", "budi", a).join()));
  assert.ok(seen.size > 1);
  assert.equal(CP.quiz.choiceOrder(data, "k2", "budi", 1), null);
  data.quizzes.f.shuffleChoices = false;
  assert.equal(CP.quiz.choiceOrder(data, "k1", "budi", 1), null);
});

test("sorting items and matching responses shuffle per learner and attempt like choices", () => {
  const data = course(false);
  data.questions.k3 = { id: "q3", quiz: "f", type: "sorting", choices: [], parts: ["a", "b", "c", "d", "e"], targets: ["x", "y"] };
  data.questions.k4 = { id: "q4", quiz: "f", type: "matching", choices: [], parts: ["p", "q", "r"], targets: ["r1", "r2", "r3", "r4", "r5"] };
  data.questions.k5 = { id: "q5", quiz: "f", type: "ordering", choices: [], parts: ["a", "b", "c"], targets: [] };
  const items = CP.quiz.partOrder(data, "k3", "budi", 1), responses = CP.quiz.partOrder(data, "k4", "budi", 1);
  assert.deepEqual(items.slice().sort(), data.questions.k3.parts); // the items, never the categories
  assert.deepEqual(responses.slice().sort(), data.questions.k4.targets); // the responses, not the premises
  assert.deepEqual(CP.quiz.partOrder(data, "k3", "budi", 1), items); // stable on resume
  const learners = new Set(["budi", "ani", "citra", "dewi", "eko"].map((l) => CP.quiz.partOrder(data, "k3", l, 1).join()));
  const attempts = new Set([1, 2, 3, 4, 5].map((a) => CP.quiz.partOrder(data, "k4", "budi", a).join()));
  assert.ok(learners.size > 1 && attempts.size > 1);
  assert.equal(CP.quiz.partOrder(data, "k5", "budi", 1), null); // an ordering keeps the page's start
  data.quizzes.f.shuffleChoices = false;
  assert.equal(CP.quiz.partOrder(data, "k3", "budi", 1), null);
});

test("grading methods: highest, last, first and average of the attempts' exact scores", () => {
  const f = (n, d) => CP.quiz.frac(BigInt(n), BigInt(d)), scores = [f(1, 3), f(3, 4), f(1, 2)];
  const run = (method) => {
    let kept = null;
    scores.forEach((s, i) => { kept = CP.quiz.regrade(method, kept, i + 1, s); });
    return plain(CP.quiz.graded(method, kept, scores.length));
  };
  assert.deepEqual(run("highest"), { n: "3", d: "4" });
  assert.deepEqual(run("last"), { n: "1", d: "2" });
  assert.deepEqual(run("first"), { n: "1", d: "3" });
  // (1/3 + 3/4 + 1/2) / 3 = 19/36
  assert.deepEqual(run("average"), { n: "19", d: "36" });
  assert.equal(CP.quiz.graded("average", null, 0), null);
});

test("the verdict of a grade is exact; what the LMS gets never reaches a mark the learner did not", () => {
  const mk = CP.quiz.mark("67", 100);
  const low = CP.quiz.verdict(CP.quiz.frac(2n, 3n), mk);
  assert.deepEqual([low.raw, low.passed, low.reported], [67, false, 66.66]);
  const avg = CP.quiz.verdict(CP.quiz.frac(19n, 36n), CP.quiz.mark("52.77", 100));
  assert.deepEqual([avg.raw, avg.passed], [53, true]);
  for (let d = 1; d <= 60; d++) {
    for (let n = 0; n <= d; n++) {
      for (const m of [1, 50, 67, 70, 100]) {
        const v = CP.quiz.verdict(CP.quiz.frac(BigInt(n), BigInt(d)), CP.quiz.mark(String(m), 100));
        assert.equal(v.passed, n * 100 >= m * d, `${n}/${d} against ${m}`);
        assert.equal(v.reported >= m, v.passed, `reported ${v.reported} against ${m}`);
      }
    }
  }
});

test("score bands: the message of the highest band reached, compared exactly", () => {
  const quiz = { bands: [{ from: 0, html: "low" }, { from: 50, html: "mid" }, { from: 90, html: "top" }] };
  const at = (n, d) => CP.quiz.band(quiz, CP.quiz.frac(BigInt(n), BigInt(d)));
  assert.equal(at(0, 1), "low");
  assert.equal(at(49, 100), "low");
  assert.equal(at(1, 2), "mid");
  assert.equal(at(8, 9), "mid", "88.9 is not 90");
  assert.equal(at(9, 10), "top");
  assert.equal(CP.quiz.band({ bands: [] }, CP.quiz.frac(1n, 1n)), "");
});

test("an attempt's score sums credits over the questions asked, unanswered ones earning nothing", () => {
  const data = { salt: "s", questions: {} }, keys = ["a1", "a2", "a3", "a4"];
  keys.forEach((k, i) => { data.questions[k] = { id: "q" + i, choices: ["x", "y"], check: CP.hash.hash64("s|q" + i + "|x") }; });
  const s = CP.quiz.attemptScore(data, keys, { a1: ["x"], a2: ["y"], a3: ["x"] });
  assert.deepEqual(plain(s), { n: "1", d: "2" });
});
