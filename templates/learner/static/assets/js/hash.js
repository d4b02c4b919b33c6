/* hash.js: hash64 (two FNV-1a 32-bit hashes of the UTF-8 bytes), per docs/runtime.md. Feedback is
 * decoded only inside quiz.js, one picked choice at a time. */
(function (CP) {
  "use strict";
  const enc = new TextEncoder();

  function fnv1a(bytes, basis) {
    let h = basis;
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    return ("0000000" + (h >>> 0).toString(16)).slice(-8);
  }

  /** 16 lowercase hex digits: FNV-1a with basis 0x811c9dc5, then with basis 0x9747b28c. */
  function hash64(s) {
    const b = enc.encode(s);
    return fnv1a(b, 0x811c9dc5) + fnv1a(b, 0x9747b28c);
  }

  CP.hash = { hash64 };
})(window.CoursePack = window.CoursePack || {});
