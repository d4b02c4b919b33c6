/* hash.js: hash64 (two FNV-1a 32-bit hashes of the UTF-8 bytes) and feedback reveal, per docs/runtime.md. */
(function (CP) {
  "use strict";
  const enc = new TextEncoder(), dec = new TextDecoder();

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

  /** Decodes obfuscated feedback: base64 bytes XOR the 8 bytes of hash64(salt|question|choice). */
  function reveal(b64, salt, questionId, choiceId) {
    const key = hash64(salt + "|" + questionId + "|" + choiceId), k = [];
    for (let i = 0; i < 16; i += 2) k.push(parseInt(key.slice(i, i + 2), 16));
    const raw = atob(b64), out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i) ^ k[i % 8];
    return dec.decode(out);
  }

  CP.hash = { hash64, reveal };
})(window.CoursePack = window.CoursePack || {});
