/* The final assessment's score: the pass decision compares exact fractions, raw is only shown. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./load.js");

const CP = load("hash.js", "grade.js", "quiz.js");

/** Runtime data with `total` final questions q0..qN (choices a/b, `a` right) and a pass mark. */
function course(total, passMark) {
  const data = { salt: "s4lt", final: [], questions: {}, course: { passMark }, finalId: "f",
    quizzes: { f: { final: true, attempts: 1, grading: "highest", slots: [], shuffleQuestions: false, bands: [] } } };
  for (let i = 0; i < total; i++) {
    const key = "k" + String(i).padStart(4, "0"), id = "q" + i;
    data.final.push(key);
    data.quizzes.f.slots.push(key);
    data.questions[key] = { id, quiz: "f", final: true, choices: ["a", "b"], check: CP.hash.hash64("s4lt|" + id + "|a") };
  }
  return data;
}

/** Answers with the first `right` questions right and the rest wrong. */
function answers(data, right) {
  return Object.fromEntries(data.final.map((k, i) => [k, i < right ? ["a"] : ["b"]]));
}

/** A learner state whose first attempt of the final was submitted with these answers. */
function submitted(data, given) {
  const g = CP.quiz.attemptScore(data, data.final, given);
  return { answers: given, drafts: {}, tries: {}, final: { n: 1, c: 1, g } };
}

/** The standing after one submitted attempt (score(data, state, mark, learner)). */
const scoreOf = (data, given, mk) => CP.quiz.score(data, submitted(data, given), mk, "learner");

test("2 of 3 right (66.67 %) fails a pass mark of 67 and passes 66; 67 is still what is shown", () => {
  for (const [mark, passed] of [[67, false], [66, true]]) {
    const data = course(3, mark), r = scoreOf(data, answers(data, 2));
    assert.equal(r.passed, passed, "pass mark " + mark);
    assert.deepEqual([r.total, r.answered, r.correct, r.raw, r.done, r.asked], [3, 3, 2, 67, true, 3]);
  }
});

test("the score for the LMS never reaches the pass mark when the learner did not", () => {
  let data = course(3, 67);
  assert.equal(scoreOf(data, answers(data, 2)).reported, 66.66, "cut, not rounded");
  data = course(3, 66);
  assert.equal(scoreOf(data, answers(data, 2)).reported, 67, "raw when rounding changes nothing");
});

test("every total to 40, pass marks around each score: passed exactly when correct/total >= mark/100", () => {
  for (let total = 1; total <= 40; total++) {
    const data = course(total, 0);
    for (let right = 0; right <= total; right++) {
      const given = answers(data, right), near = Math.floor((100 * right) / total);
      for (const mark of new Set([1, 100, near - 1, near, near + 1, near + 2].filter((m) => m >= 1 && m <= 100))) {
        data.course.passMark = mark;
        const r = scoreOf(data, given), exact = BigInt(right) * 100n >= BigInt(mark) * BigInt(total);
        assert.equal(r.passed, exact, `${right}/${total} against ${mark}`);
        assert.equal(r.raw, Math.round((100 * right) / total));
        assert.equal(r.reported >= mark, exact, `what the LMS gets agrees: ${r.reported} against ${mark}`);
        assert.ok(r.reported <= r.raw && r.raw - r.reported < 1);
      }
    }
  }
});

test("an attempt not yet submitted is not done; an unanswered question earns nothing; an empty one never passes", () => {
  const data = course(4, 50), part = answers(data, 2);
  delete part[data.final[3]];
  const open = CP.quiz.score(data, { answers: part, drafts: {}, tries: {}, final: { n: 1, c: 0, g: null } }, null, "x");
  assert.deepEqual([open.done, open.passed, open.answered, open.asked], [false, false, 3, 4]);
  const r = scoreOf(data, part);
  assert.deepEqual([r.done, r.raw, r.passed, r.correct, r.total], [true, 50, true, 1, 2]);
  const none = CP.quiz.score(course(0, 50), { answers: {}, drafts: {}, tries: {}, final: { n: 1, c: 0, g: null } }, null, "x");
  assert.deepEqual([none.done, none.passed], [false, false]);
});

test("an answer is right only as the exact set of right choices, in any order", () => {
  const data = { salt: "s", questions: { k1: { id: "m", choices: ["a", "b", "c"],
    check: CP.hash.hash64("s|m|a,c") } } };
  assert.equal(CP.quiz.isCorrect(data, "k1", ["c", "a"]), true);
  assert.equal(CP.quiz.isCorrect(data, "k1", ["a"]), false);
  assert.equal(CP.quiz.isCorrect(data, "k1", ["a", "b", "c"]), false);
});

test("nothing global decodes feedback: quiz.js exports no feedback reader", () => {
  const names = Object.keys(CP.quiz).sort();
  assert.deepEqual(names, ["arrange", "attemptScore", "band", "bind", "choiceOrder", "frac", "graded", "isCorrect", "mark",
    "open", "order", "partOrder", "passes", "picks", "regrade", "review", "rng", "score", "show", "shuffle", "verdict"]);
  for (const name of names) assert.ok(!/feedback|reveal|answer/i.test(name), name);
});

test("an LMS's pass mark is read exactly: SCORM 1.2 percent, SCORM 2004 and cmi5 fractions of one", () => {
  const m = (s, per) => { const k = CP.quiz.mark(s, per); return k && [String(k.n), String(k.d), k.pct]; };
  assert.deepEqual(m("80", 100), ["80", "100", 80]);
  assert.deepEqual(m("0.655", 1), ["655", "1000", 65.5]);
  assert.deepEqual(m(0.8, 1), ["8", "10", 80], "cmi5 gives a JSON number");
  assert.deepEqual(m("-0.5", 1), ["-5", "10", -50]);
  assert.deepEqual(m(".5", 1), ["5", "10", 50]);
  for (const unset of ["", " ", null, undefined, ".", "-", "abc", "1e-1", "0,8"]) assert.equal(CP.quiz.mark(unset, 1), null, String(unset));
});

test("the verdict by an LMS's pass mark is exact: 0.655 against every score to 1000 questions", () => {
  const mk = CP.quiz.mark("0.655", 1);
  for (let total = 1; total <= 1000; total++) {
    for (const right of [Math.floor(0.655 * total) - 1, Math.floor(0.655 * total), Math.ceil(0.655 * total)]) {
      if (right < 0 || right > total) continue;
      assert.equal(CP.quiz.passes(right, total, mk), right * 1000 >= 655 * total, `${right}/${total}`);
    }
  }
  assert.equal(CP.quiz.passes(131, 200, mk), true, "65.5 % exactly passes");
  assert.equal(CP.quiz.passes(0, 0, mk), false, "no question, no pass");
});

test("the LMS's pass mark decides the score's verdict over the course's", () => {
  const data = course(17, 70), given = answers(data, 13); // 76.47 %
  assert.equal(scoreOf(data, given).passed, true);
  assert.equal(scoreOf(data, given, CP.quiz.mark("80", 100)).passed, false);
  assert.equal(scoreOf(data, given, CP.quiz.mark("0.8", 1)).passed, false);
  const low = answers(data, 11); // 64.71 %
  assert.equal(scoreOf(data, low).passed, false);
  assert.equal(scoreOf(data, low, CP.quiz.mark("0.6", 1)).passed, true);
  const r = scoreOf(data, answers(data, 13), CP.quiz.mark("76.5", 100));
  assert.deepEqual([r.raw, r.passed, r.reported], [76, false, 76], "what the LMS gets stays under its mark");
});
