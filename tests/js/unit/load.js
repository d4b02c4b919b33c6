/* Loads the learner runtime's classic scripts into a fresh vm context, as the page does. */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const JS = path.join(__dirname, "..", "..", "..", "templates", "learner", "static", "assets", "js");

/** window.CoursePack after running the named scripts (in order) in one new context. */
function load(...names) {
  const context = { TextEncoder, TextDecoder, atob, btoa, console, CoursePack: { text: {} } };
  context.window = context;
  vm.createContext(context);
  for (const name of names) {
    vm.runInContext(fs.readFileSync(path.join(JS, name), "utf8"), context, { filename: name });
  }
  return context.CoursePack;
}

module.exports = { load, JS };
