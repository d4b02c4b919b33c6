/* hash64: FNV-1a 32 twice over the UTF-8 bytes, the same digits as builder/state.py. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const { load } = require("./load.js");

const CP = load("hash.js");

test("the first half is FNV-1a 32 with the standard offset basis", () => {
  // the published FNV-1a 32-bit test vectors (offset basis 0x811c9dc5)
  for (const [text, hex] of [["", "811c9dc5"], ["a", "e40c292c"], ["foobar", "bf9cf968"]]) {
    assert.equal(CP.hash.hash64(text).slice(0, 8), hex);
  }
  assert.equal(CP.hash.hash64("").slice(8), "9747b28c", "the empty text leaves the second basis");
});

test("16 lowercase hex digits over UTF-8 bytes, not UTF-16 code units", () => {
  for (const text of ["x", "Kebijakan publik", "é", "😀", "a|b|c,d"]) {
    assert.match(CP.hash.hash64(text), /^[0-9a-f]{16}$/);
  }
  assert.notEqual(CP.hash.hash64("é"), CP.hash.hash64("\u00e9".normalize("NFD")));
});

test("the same digits as the builder (vectors from builder/state.py, given by tests/test_js_unit.py)",
  { skip: !process.env.COURSEPACK_VECTORS && "run through pytest tests/test_js_unit.py" }, () => {
    const vectors = JSON.parse(fs.readFileSync(process.env.COURSEPACK_VECTORS, "utf8"));
    assert.ok(vectors.hash64.length >= 10);
    for (const [text, hex] of vectors.hash64) assert.equal(CP.hash.hash64(text), hex, text);
  });

test("nothing global decodes feedback: hash.js exports hash64 only", () => {
  assert.deepEqual(Object.keys(CP.hash), ["hash64"]);
});
