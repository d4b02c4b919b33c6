"""A SCORM 2004 4th Edition LMS for tests: scorm-again in a page that frames the SCO, recording
every call (the same recorder as the 1.2 harness), plus the rules Moodle adds on top of the
standard that scorm-again does not enforce (see shared/NOTES-LMS.md)."""

from __future__ import annotations

import re


from support.lms12 import LmsCall, Scorm12Lms

# A 2004 timestamp (CMITime) as Moodle keeps it: at most 2 fractional digits on the seconds.
TIMESTAMP_2004 = re.compile(
    r"^\d{4}(-\d\d(-\d\d(T\d\d(:\d\d(:\d\d(\.\d{1,2})?)?)?"
    r"(Z|[+-]\d\d(:\d\d)?)?)?)?)?$"
)
# An ISO 8601 duration (CMITimespan): at least one component, at most 2 decimals on the seconds.
DURATION_2004 = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$"
)
EXIT_VALUES = frozenset({"time-out", "suspend", "logout", "normal", ""})
RESULT_VALUES = re.compile(r"^(correct|incorrect|unanticipated|neutral|-?\d+(\.\d+)?)$")
RESPONSE_ID = re.compile(r"^[A-Za-z0-9_.]+$")  # Moodle refuses anything else in a response id
INTERACTION = re.compile(r"^cmi\.interactions\.(\d+)\.(.+)$")


class Scorm2004Lms(Scorm12Lms):
    """Serve an unpacked package beside a scorm-again SCORM 2004 LMS page and record the SCO."""

    METHODS = (
        "Initialize", "Terminate", "GetValue", "SetValue", "Commit",
        "GetLastError", "GetErrorString", "GetDiagnostic",
    )
    ERROR_FUNCTIONS = frozenset({"GetLastError", "GetErrorString", "GetDiagnostic"})
    SUSPEND_DATA_MAX = 64000  # SCORM 2004 4th Edition SPM
    LOCATION_MAX = 1000
    PAGE = "lms2004.html"
    API_CLASS = "Scorm2004API"
    API_NAME = "API_1484_11"
    INITIALIZE, FINISH, COMMIT, SET_VALUE = "Initialize", "Terminate", "Commit", "SetValue"
    EMPTY_ARGS = (("",),)
    # an LMS that sets no passing score answers 403 (not initialized): the SCO must read it to know
    EXPECTED_ERRORS = frozenset({("GetValue", "cmi.scaled_passing_score", "403")})

    @staticmethod
    def first_attempt_cmi() -> dict[str, str]:
        """Return what Moodle preloads on a first 2004 launch (get_scorm_default in
        mod/scorm/datamodels/scorm_13lib.php); a test adds what the manifest implies, such as
        cmi.scaled_passing_score from the primary objective's minNormalizedMeasure."""
        return {
            "cmi.learner_id": "learner-1",
            "cmi.learner_name": "Learner, Test",
            "cmi.entry": "ab-initio",
            "cmi.credit": "credit",
            "cmi.mode": "normal",
            "cmi.completion_status": "unknown",
            "cmi.success_status": "unknown",
            "cmi.total_time": "PT0H0M0S",
        }

    def _value_problems(
        self, element: str, value: str, typed: dict[str, str], c: LmsCall
    ) -> list[str]:
        """The rules scorm-again leaves to the LMS (Moodle's, and the SPMs) for one SetValue."""
        found: list[str] = []
        limits = {"cmi.suspend_data": self.SUSPEND_DATA_MAX, "cmi.location": self.LOCATION_MAX}
        if element in limits and len(value) > limits[element]:
            found.append(f"{element} is {len(value)} chars, over {limits[element]}")
        if element == "cmi.exit" and value not in EXIT_VALUES:
            found.append(f"cmi.exit must be one of {sorted(EXIT_VALUES)}: {c}")
        if element == "cmi.session_time" and not DURATION_2004.match(value):
            found.append(f"session_time is not an ISO 8601 duration with <= 2 decimals: {c}")
        if element.endswith(".timestamp") and not TIMESTAMP_2004.match(value):
            found.append(f"timestamp has more than 2 fractional digits or is malformed: {c}")
        match = INTERACTION.match(element)
        if not match:
            return found
        n, field = match.groups()
        if field == "type" and c.result == "true":
            typed[n] = value
        if (field == "learner_response" or field.startswith("correct_responses.")) and n not in typed:
            found.append(f"interaction {n}: {field} set before its type: {c}")
        if field == "id" and (not value or re.search(r"\s", value)):
            found.append(f"interaction id must hold no spaces: {c}")
        if field == "result" and not RESULT_VALUES.match(value):
            found.append(f"interaction result {value!r} is not a 2004 result: {c}")
        if field == "learner_response":
            kind = typed.get(n, "")
            if kind == "choice" and not all(RESPONSE_ID.match(r) for r in value.split("[,]")):
                found.append(f"choice response ids must match [A-Za-z0-9_.]: {c}")
            if kind == "true-false" and value not in ("true", "false"):
                found.append(f"a true-false response is \"true\" or \"false\": {c}")
        return found

    # -- relaunch --------------------------------------------------------------------------

    def resume_cmi(self) -> dict[str, str]:
        """Return the CMI Moodle preloads for the next launch of this attempt.

        What came from the manifest and the learner's account (this launch's initial CMI) is
        given again; the stored tracking and entry "resume" only when the last cmi.exit was
        "suspend" or "logout", else a fresh start (entry "ab-initio")."""
        given = (
            "cmi.learner_id", "cmi.learner_name", "cmi.credit", "cmi.mode",
            "cmi.scaled_passing_score", "cmi.completion_threshold", "cmi.launch_data",
        )
        cmi = {k: v for k, v in self.initial_cmi.items()
               if k in given or re.fullmatch(r"cmi\.objectives\.\d+\.id", k)}
        last = self.committed
        if last.get("cmi.exit") not in ("suspend", "logout"):
            return {**self.first_attempt_cmi(), **cmi, "cmi.entry": "ab-initio"}
        tracked = (
            "cmi.location", "cmi.suspend_data", "cmi.completion_status", "cmi.success_status",
            "cmi.progress_measure", "cmi.score.raw", "cmi.score.min", "cmi.score.max",
            "cmi.score.scaled", "cmi.total_time",
        )
        interaction_fields = ("id", "type", "learner_response", "result", "timestamp",
                              "weighting", "latency", "description")
        cmi.update({k: v for k, v in last.items() if v != "" and k in tracked})
        for name, value in last.items():
            match = INTERACTION.match(name)
            if match and match.group(2) in interaction_fields and value != "":
                cmi[name] = value
        cmi["cmi.entry"] = "resume"
        return cmi
