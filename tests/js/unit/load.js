/* Loads the learner runtime's classic scripts into a fresh window object, as the page does. */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const JS = path.join(__dirname, "..", "..", "..", "templates", "learner", "static", "assets", "js");
// What Node has and a page has not: undefined inside the scripts, so a script that reaches for
// one fails here as it would in the browser.
const NODE_ONLY = ["process", "Buffer", "global", "setImmediate", "clearImmediate"];

/** window.CoursePack after running the named scripts (in order) against one new window.
 *
 * The scripts run as functions of this realm rather than in a node:vm context: a vm context
 * reaches every global (Math, TextEncoder) through an interceptor, which made the runtime's
 * hash 4 times slower than in a page and the exhaustive score tests take seconds. */
function load(...names) {
  const window = { TextEncoder, TextDecoder, atob, btoa, console, CoursePack: { text: {} } };
  for (const name of names) {
    const source = fs.readFileSync(path.join(JS, name), "utf8");
    new Function("window", ...NODE_ONLY, `${source}\n//# sourceURL=${name}`)(window);
  }
  return window.CoursePack;
}

module.exports = { load, JS };
