/* grade.js: how much credit one answer earns, per question type (docs/runtime.md). The one place
 * that scores; quiz.js sums credits and decides the verdict. */
(function (CP) {
  "use strict";

  /** True when the answer (sorted choice ids) hashes to the question's `check`. */
  function correct(data, key, ids) {
    const q = data.questions[key];
    return CP.hash.hash64(data.salt + "|" + q.id + "|" + ids.slice().sort().join(",")) === q.check;
  }

  /** The credit of one answer as an exact fraction {n, d} of one question (BigInt): all or nothing. */
  function credit(data, key, ids) {
    return { n: correct(data, key, ids) ? 1n : 0n, d: 1n };
  }

  CP.grade = { correct, credit };
})(window.CoursePack = window.CoursePack || {});
