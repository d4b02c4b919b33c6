/* The suspend-data codec: "c2|layout|visited|answers|drafts|final[|json]", at most 4096 characters. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./load.js");

const CP = load("hash.js", "store.js");
/** A value from the scripts' own realm as plain JSON (a Set as a sorted array). */
const plain = (x) => JSON.parse(JSON.stringify(x, (k, v) => (Object.prototype.toString.call(v) === "[object Set]" ? [...v].sort() : v)));

/** Runtime data: 13 screens, a single, a multiple and a true/false question, one reflection. */
function course() {
  return {
    layout: "zz9k",
    screens: Array.from({ length: 13 }, (_, i) => ({ id: "s" + i })),
    questions: {
      aaaaa: { type: "single", choices: ["a", "b", "c", "d"] },
      bbbbb: { type: "multiple", choices: ["a", "b", "c", "d", "e"] },
      ccccc: { type: "truefalse", choices: ["benar", "salah"] }
    },
    reflections: { r1: { prompts: 2, maxLength: 500 } }
  };
}

function state(data, visited, answers, reflections) {
  const st = CP.store.empty();
  visited.forEach((id) => st.visited.add(id));
  Object.assign(st.answers, answers);
  Object.assign(st.reflections, reflections || {});
  return st;
}

test("a state goes through encode and decode unchanged", () => {
  const data = course(), st = state(data, ["s0", "s5", "s6", "s12"],
    { aaaaa: ["c"], bbbbb: ["a", "d", "e"], ccccc: ["salah"] }, { r1: ["satu | dua", "\"tiga\""] });
  const text = CP.store.encode(data, st);
  assert.match(text, /^c2\|zz9k\|[A-Za-z0-9_-]+\|(\w{5}[0-9a-z]{2}1){3}\|\|1\.0\|\{"r":/);
  const back = CP.store.decode(data, text);
  st.tries = { aaaaa: 1, bbbbb: 1, ccccc: 1 };
  assert.deepEqual(plain(back), plain(Object.assign(st, { bookmark: "" })));
});

test("tries, drafts and the final's attempts and grade go through unchanged", () => {
  const data = course(), st = state(data, ["s1"], { aaaaa: ["b"] });
  st.tries.aaaaa = 3;
  st.drafts = { bbbbb: ["b", "e"], ccccc: ["benar"] };
  st.final = { n: 4, c: 3, g: { n: 7n, d: 12n } };
  const text = CP.store.encode(data, st);
  assert.equal(text, "c2|zz9k|C|aaaaa023|bbbbb0iccccc01|4.3.7.c");
  assert.deepEqual(plain(Object.assign(CP.store.decode(data, text), { final: null })), plain(Object.assign(st, { final: null })));
  const f = CP.store.decode(data, text).final;
  assert.deepEqual([f.n, f.c, String(f.g.n), String(f.g.d)], [4, 3, "7", "12"]);
  for (const bad of ["0.0", "2.3.1.2", "x.y", "1.1.5.0", ""]) {
    const g = CP.store.decode(data, "c2|zz9k|||" + "|" + bad).final;
    assert.deepEqual([g.n, g.c, g.g], [1, 0, null], bad);
  }
});

test("a draft never stays beside the submitted answer of the same question", () => {
  const data = course(), st = CP.store.decode(data, "c2|zz9k||aaaaa011|aaaaa02|1.0");
  assert.deepEqual(plain(st.answers), { aaaaa: ["a"] });
  assert.deepEqual(plain(st.drafts), {});
});

test("progress saved in the earlier c1 form still reads", () => {
  const data = course(), st = CP.store.decode(data, 'c1|zz9k|B|aaaaa04|{"r1":["lama"]}');
  assert.deepEqual(plain(st.answers), { aaaaa: ["c"] });
  assert.deepEqual(plain(st.reflections), { r1: ["lama"] });
  assert.equal(st.visited.size, 1);
});

test("an old build's true/false answer (benar/salah) is read under its new key and ids", () => {
  // keys and suspend_data of the mini course (tests/courses/mini) as built and played at
  // 6d9f23d, the last build with benar/salah: cek-satu answered "salah", akhir-satu "a"
  const data = { layout: "hvsj", screens: Array.from({ length: 6 }, (_, i) => ({ id: "s" + i })), reflections: {},
    questions: {
      q7lpv: { id: "cek-satu", type: "truefalse", choices: ["false", "true"] },
      uua6x: { id: "akhir-satu", type: "single", choices: ["a", "b"] },
      "9392r": { id: "akhir-dua", type: "multiple", choices: ["empati", "hierarki-kaku", "integritas"] }
    } };
  const st = CP.store.decode(data, "c1|hvsj|V|4p7p102uua6x01");
  assert.deepEqual(plain(st.answers), { q7lpv: ["false"], uua6x: ["a"] });
  assert.deepEqual(plain(CP.store.decode(data, "c1|hvsj|V|4p7p101").answers), { q7lpv: ["true"] });
  // saved again, it is written under the new key with the new ids' mask
  assert.equal(CP.store.encode(data, st).split("|")[3], "q7lpv011uua6x011");
  // an unreadable answer is dropped alone, the others stay
  assert.deepEqual(plain(CP.store.decode(data, "c1|hvsj|V|zzzzz01uua6x02").answers), { uua6x: ["b"] });
});

test("visited screens: 6 per character, trailing A's dropped", () => {
  const data = course();
  assert.equal(CP.store.encode(data, state(data, ["s0"], {})), "c2|zz9k|B|||1.0");
  assert.equal(CP.store.encode(data, state(data, [], {})), "c2|zz9k||||1.0");
  assert.equal(CP.store.encode(data, state(data, ["s6"], {})), "c2|zz9k|AB|||1.0");
});

test("what does not fit the course is dropped, never guessed", () => {
  const data = course();
  // a single choice with two bits, an unknown key, a mask beyond the choices, a zero mask
  const st = CP.store.decode(data, "c2|zz9k|B|aaaaa031zzzzz011ccccc041bbbbb001bbbbb0v1||1.0");
  assert.deepEqual(plain(st.answers), { bbbbb: ["a", "b", "c", "d", "e"] });
  assert.equal(CP.store.decode(data, "c2|other|B|||1.0").visited.size, 0, "another screen order");
  assert.equal(CP.store.decode(data, "c2|zz9k|B|||1.0|{broken").visited.size, 1);
  for (const junk of [null, "", "c3|zz9k|B|", 42]) assert.deepEqual(plain(CP.store.decode(data, junk)), plain(CP.store.empty()));
});

test("never longer than 4096 characters, the longest reflection texts shortened first", () => {
  const data = course();
  data.reflections = { r1: { prompts: 2, maxLength: 5000 }, r2: { prompts: 1, maxLength: 5000 } };
  const st = state(data, ["s1"], { aaaaa: ["a"] }, { r1: ["\"".repeat(3000), "kecil"], r2: ["x".repeat(2000)] });
  const text = CP.store.encode(data, st);
  assert.ok(text.length <= CP.store.LIMIT && text.length > CP.store.LIMIT - 10, String(text.length));
  const back = CP.store.decode(data, text);
  assert.equal(back.reflections.r1[1], "kecil");
  assert.deepEqual(plain(back.answers), { aaaaa: ["a"] });
});

test("merge keeps every answer and visit of both, the second's bookmark and texts", () => {
  const data = course();
  const a = state(data, ["s0"], { aaaaa: ["a"] }, { r1: ["lama"] });
  const b = state(data, ["s3"], { aaaaa: ["b"], ccccc: ["benar"] }, { r1: ["baru"] });
  b.bookmark = "s3";
  const m = CP.store.merge(a, b);
  assert.deepEqual(plain(m), { bookmark: "s3", visited: ["s0", "s3"], answers: { aaaaa: ["a"], ccccc: ["benar"] },
    tries: {}, drafts: {}, final: { n: 1, c: 0, g: null }, reflections: { r1: ["baru"] } });
});

test("merge takes the later attempt of the final, without the older attempt's final answers", () => {
  const data = course();
  data.questions.bbbbb.final = true;
  const a = state(data, [], { aaaaa: ["a"], bbbbb: ["a"] }), b = state(data, [], {});
  b.final = { n: 2, c: 1, g: { n: 1n, d: 2n } };
  b.drafts = { bbbbb: ["c"] };
  const m = CP.store.merge(a, b, data);
  assert.deepEqual(plain(m.answers), { aaaaa: ["a"] });
  assert.deepEqual(plain(m.drafts), { bbbbb: ["c"] });
  assert.equal(m.final.n, 2);
});
