/*
 * LMS side of the test harness: builds a scorm-again API, records every call the SCO makes
 * (name, arguments, return value, error code, API state at call time) and the CMI the LMS
 * would store at each successful commit/finish. Results live in window.__lms for the test.
 */
(function () {
  "use strict";

  var record = { calls: [], commits: [], state: "not initialized", loadError: "0" };
  window.__lms = record;

  function asText(value) {
    return value === undefined || value === null ? null : String(value);
  }

  // Flatten scorm-again's JSON export to SCORM element names: cmi.interactions.0.id, ...
  function flatten(value, prefix, out) {
    if (value === null || value === undefined) return out;
    if (typeof value !== "object") {
      out[prefix] = String(value);
      return out;
    }
    Object.keys(value).forEach(function (key) {
      flatten(value[key], prefix ? prefix + "." + key : key, out);
    });
    return out;
  }

  /**
   * config: {apiClass, apiName, settings, initialCmi, launchUrl,
   *          methods, initialize, finish, commit}
   * Resolves when the SCO's document has loaded.
   */
  window.startLms = function (config) {
    var api = new window[config.apiClass](config.settings);
    if (config.initialCmi && Object.keys(config.initialCmi).length) {
      api.loadFromFlattenedJSON(config.initialCmi);
      record.loadError = String(api.lastErrorCode);
    }
    config.methods.forEach(function (name) {
      var original = api[name];
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments).map(asText);
        var stateBefore = record.state;
        var result = original.apply(api, arguments);
        var ok = String(result) === "true";
        if (name === config.initialize && ok) record.state = "initialized";
        if (name === config.finish && ok) record.state = "finished";
        if ((name === config.commit || name === config.finish) && ok) {
          record.commits.push(flatten(api.renderCommitCMI(true), "", {}));
        }
        record.calls.push({
          name: name, args: args, result: asText(result),
          error: String(api.lastErrorCode), state: stateBefore
        });
        return result;
      };
    });
    window[config.apiName] = api;
    return new Promise(function (resolve) {
      var frame = document.getElementById("sco");
      frame.addEventListener("load", function () { resolve(true); }, { once: true });
      frame.src = config.launchUrl;
    });
  };

  // Current CMI as the LMS holds it (committed or not), flattened.
  window.lmsCurrentCmi = function (apiName) {
    return flatten(window[apiName].renderCommitCMI(false), "", {});
  };
})();
