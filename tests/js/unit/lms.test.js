/* lms.js: an interaction's result in the SCORM words, partial credit as a percent that Moodle's
 * CMIResult patterns accept (mod/scorm/datamodels: 1.2 allows 2 decimals). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./load.js");

const CP = load("lms.js");
const MOODLE_12 = /^correct$|^wrong$|^unanticipated$|^neutral$|^([0-9]{0,3})?(\.[0-9]{1,2})?$/;
const MOODLE_2004 = /^correct$|^incorrect$|^unanticipated$|^neutral$|^-?([0-9]{1,4})(\.[0-9]{1,18})?$/;

test("a whole answer keeps its word; partial credit is the percent of the question", () => {
  assert.equal(CP.lms.result({ correct: true, part: 0 }, "wrong"), "correct");
  assert.equal(CP.lms.result({ correct: false, part: 0 }, "wrong"), "wrong");
  assert.equal(CP.lms.result({ correct: false }, "incorrect"), "incorrect"); // saved before parts existed
  assert.equal(CP.lms.result({ correct: false, part: 3333 }, "wrong"), "33.33");
  assert.equal(CP.lms.result({ correct: false, part: 5000 }, "incorrect"), "50");
  assert.equal(CP.lms.result({ correct: false, part: 1 }, "wrong"), "0.01");
});

test("every partial value passes Moodle's SCORM 1.2 and 2004 result patterns", () => {
  for (let part = 1; part < 10000; part++) {
    const v = CP.lms.result({ correct: false, part }, "wrong");
    assert.ok(MOODLE_12.test(v) && MOODLE_2004.test(v), v);
    assert.equal(Math.round(Number(v) * 100), part, v);
  }
});
