"""A cmi5 LMS (with its LRS) for tests: launches an AU and records everything the AU does.

No LRS from the registries reachable here covers what a cmi5 AU needs: ralph-malph 5.1.0 (and
4.2.0) serves only the Statements API (no State API, so no LMS.LaunchData) and its filesystem
backend fails every POST after the first one ("already exists and overwrite is not allowed");
its other backends need Elasticsearch, MongoDB or ClickHouse servers. So this is the LMS side
written from the cmi5 specification (Quartz): the one-time `fetch` URL, a State API (documents per
stateId, activityId, agent and registration), the Agent Profile API (read), and a Statements API
that stores every statement it accepts, in the order received.

Every statement is checked when it arrives: with Ralph's own xAPI models (`BaseXapiStatement`,
the Agent-with-account model, Ralph's verb models where Ralph has the verb, the interaction
activity definition model) and with the cmi5 rules for a statement on its own (section 9 of the
spec: session id, registration, categories, result properties per verb). A batch with a statement
that fails is refused with 400 and the problem is kept in `problems`, as is a statement stamped
after the session's `terminated` (one sent earlier may still arrive late: order is by timestamp,
9.3). A statement id sent again with the same content is accepted once (a retry whose answer was
lost), with other content it is a conflict. The ordering rules across a session are for the tests.

Served on its own 127.0.0.1 port, so the AU talks to it cross-origin (CORS), as with a real LMS
whose content sits on another host.

The State resource is under concurrency control as in xAPI 2.0 (IEEE 9274.1.1, 4.1.4): a GET answers
with an ETag (quoted hex SHA-1 of the document, the form xAPI 1.0.3 prescribed), a write with a stale
`If-Match`, or `If-None-Match: *` over an existing document, gets 412 and changes nothing. In strict
mode (the default of `running_lms`) a PUT or DELETE without either header over an existing document
gets 409, as the ADL reference LRS answers, and is kept in `problems`. Every state request is logged
with its concurrency headers, the status and the ETag returned (`state_log`, `trace`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from pydantic import ValidationError
from ralph.models.xapi.base.agents import BaseXapiAgentWithAccount
from ralph.models.xapi.base.statements import BaseXapiStatement
from ralph.models.xapi.base.unnested_objects import BaseXapiActivityInteractionDefinition
from ralph.models.xapi.concepts.constants.cmi5_profile import CONTEXT_EXTENSION_SESSION_ID
from ralph.models.xapi.concepts.verbs.adl_vocabulary import AnsweredVerb
from ralph.models.xapi.concepts.verbs.scorm_profile import (
    CompletedVerb,
    InitializedVerb,
    TerminatedVerb,
)

VERBS = "http://adlnet.gov/expapi/verbs/"
CMI5 = "https://w3id.org/xapi/cmi5/context/"
CMI5_CATEGORY = CMI5 + "categories/cmi5"
MOVEON_CATEGORY = CMI5 + "categories/moveon"
MASTERY_EXTENSION = CMI5 + "extensions/masteryscore"
LAUNCH_MODE_EXTENSION = CMI5 + "extensions/launchmode"
LAUNCH_URL_EXTENSION = CMI5 + "extensions/launchurl"
MOVEON_EXTENSION = CMI5 + "extensions/moveon"
INTERACTION_TYPE = "http://adlnet.gov/expapi/activities/cmi.interaction"
CMI5_VERBS = ("initialized", "completed", "passed", "failed", "terminated")
RALPH_VERBS = {"initialized": InitializedVerb, "completed": CompletedVerb,
               "terminated": TerminatedVerb, "answered": AnsweredVerb}
LAUNCH_DATA = "LMS.LaunchData"
XAPI_VERSION = "1.0.3"


def verb_of(statement: dict[str, Any]) -> str:
    """The last segment of a statement's verb id: initialized, answered, passed…"""
    return str(statement["verb"]["id"]).rsplit("/", 1)[-1]


def when(statement: dict[str, Any] | str) -> datetime:
    """A statement's timestamp (or a timestamp string) as an aware datetime."""
    text = statement if isinstance(statement, str) else str(statement.get("timestamp", ""))
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return datetime.max.replace(tzinfo=timezone.utc)


def categories(statement: dict[str, Any]) -> list[str]:
    """The ids of the statement's category context activities."""
    found = ((statement.get("context") or {}).get("contextActivities") or {}).get("category") or []
    return [a["id"] for a in ([found] if isinstance(found, dict) else found)]


@dataclass
class Session:
    """One launch of the AU: what the LMS gave it and what it sent back."""

    id: str
    registration: str
    activity_id: str
    publisher_id: str
    actor: dict[str, Any]
    mode: str
    mastery_score: float | None
    token: str = ""
    fetch_key: str = ""
    fetch_posts: int = 0
    url: str = ""

    @property
    def agent_key(self) -> str:
        """The learner, as the LMS keys documents by agent."""
        return json.dumps(self.actor["account"], sort_keys=True)


@dataclass
class Request:
    """One request the AU made to the LMS."""

    method: str
    path: str
    query: dict[str, str]
    session: str  # the session id of the token used ("" when none or invalid)
    status: int
    if_match: str | None = None
    if_none_match: str | None = None
    etag: str | None = None  # the ETag header of the answer
    written: str | None = None  # the ETag the document sent with a PUT/POST would have

    def line(self) -> str:
        """One line of a trace: method, stateId, concurrency header, status (and ETag given)."""
        header = (f" If-Match: {self.if_match}" if self.if_match is not None else
                  f" If-None-Match: {self.if_none_match}" if self.if_none_match is not None else "")
        given = f" ETag {self.etag}" if self.etag else ""
        return f"{self.method} {self.query.get('stateId', self.path)}{header} -> {self.status}{given}"


def etag_of(document: bytes) -> str:
    """The ETag of a document: the quoted hex SHA-1 of its bytes."""
    return '"' + hashlib.sha1(document).hexdigest() + '"'  # noqa: S324 - the xAPI ETag, not security


def tags(header: str) -> list[str]:
    """The entity tags of an If-Match / If-None-Match header (weak ones compared as strong)."""
    return [t.strip().removeprefix("W/") for t in header.split(",") if t.strip()]


@dataclass(frozen=True)
class Stored:
    """A statement the LRS accepted, and who sent it."""

    statement: dict[str, Any]
    session: str  # the AU session whose token sent it; "" for the LMS's own statements


@dataclass
class Cmi5Lms:
    """The LMS: launch sessions, keep documents and statements, answer the AU's requests."""

    base: str = ""
    sessions: dict[str, Session] = field(default_factory=dict)
    stored: list[Stored] = field(default_factory=list)  # every accepted statement, in order
    documents: dict[tuple[str, str, str, str], bytes] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    outage: bool = False  # while True, every write answers 503 (an LMS that is down)
    strict: bool = False  # xAPI 2.0: 409 for a State PUT/DELETE without If-Match/If-None-Match
    etag_on_put: bool = False  # also send the new ETag with a 204 (xAPI does not require it)
    expose_etag: bool = True  # Access-Control-Expose-Headers: ETag (else the AU cannot read it)
    refuse_state: int = 0  # when set, every State write gets this status (an LRS that says no)
    answer_delay: float = 0.0  # seconds a statement POST waits for its answer once stored (a slow LMS)
    state_delay: float = 0.0  # seconds a State write waits for its answer once done (a slow State API)
    lose_state_answers: int = 0  # that many State writes are done, their answer lost (connection closed)
    answering: int = 0  # requests received and not answered yet
    lock: threading.Lock = field(default_factory=threading.Lock)

    # -- the LMS side of a launch -----------------------------------------------------------

    def launch(self, au_url: str, publisher_id: str, registration: str, mode: str = "Normal",
               mastery_score: float | None = 0.7, move_on: str = "CompletedAndPassed",
               return_url: str | None = None, learner: str = "learner-1",
               name: str = "Budi Santoso") -> Session:
        """Prepare a launch as section 8 and 10 ask: launch data, a `launched` statement, the URL."""
        activity_id = (f"{self.base}/activities/au-"
                       + hashlib.sha256(publisher_id.encode()).hexdigest()[:16])
        actor = {"objectType": "Agent", "name": name,
                 "account": {"homePage": self.base, "name": learner}}
        session = Session(str(uuid.uuid4()), registration, activity_id, publisher_id, actor, mode,
                          mastery_score, token=base64.b64encode(
                              f"au:{secrets.token_hex(12)}".encode()).decode(),
                          fetch_key=secrets.token_hex(8))
        template: dict[str, Any] = {"contextActivities": {"grouping": [{"objectType": "Activity",
                                                         "id": publisher_id}]},
                    "extensions": {CONTEXT_EXTENSION_SESSION_ID: session.id}}
        launch_data: dict[str, Any] = {"contextTemplate": template, "launchMode": mode,
                                       "moveOn": move_on}
        if mastery_score is not None:
            launch_data["masteryScore"] = mastery_score
        if return_url:
            launch_data["returnURL"] = return_url
        query = {  # the order does not matter (section 8.1): not the order of the spec
            "activityId": activity_id, "registration": registration,
            "actor": json.dumps(actor, separators=(",", ":")),
            "fetch": f"{self.base}/fetch?k={session.fetch_key}", "endpoint": f"{self.base}/xapi/",
        }
        session.url = au_url + "?" + urlencode(query)
        with self.lock:
            self.sessions[session.id] = session
            self.documents[(activity_id, session.agent_key, registration, LAUNCH_DATA)] = \
                json.dumps(launch_data).encode()
            extensions: dict[str, Any] = {CONTEXT_EXTENSION_SESSION_ID: session.id, LAUNCH_MODE_EXTENSION: mode,
                          LAUNCH_URL_EXTENSION: au_url, MOVEON_EXTENSION: move_on}
            if mastery_score is not None:
                extensions[MASTERY_EXTENSION] = mastery_score
            launched = {"id": str(uuid.uuid4()), "actor": actor,
                        "verb": {"id": VERBS + "launched", "display": {"en-US": "launched"}},
                        "object": {"objectType": "Activity", "id": activity_id},
                        "context": {"registration": registration,
                                    "contextActivities": {**template["contextActivities"],
                                                          "category": [{"id": CMI5_CATEGORY}]},
                                    "extensions": extensions},
                        "timestamp": datetime.now(timezone.utc).isoformat(),
                        "authority": {"objectType": "Agent",
                                      "account": {"homePage": self.base, "name": "lms"}}}
            BaseXapiStatement.model_validate(launched)
            self.stored.append(Stored({**launched, "stored": launched["timestamp"]}, ""))
        return session

    def from_au(self, session: Session) -> list[dict[str, Any]]:
        """The statements the AU sent in one session, in the order the LMS received them."""
        with self.lock:
            return [s.statement for s in self.stored if s.session == session.id]

    @property
    def statements(self) -> list[dict[str, Any]]:
        """Every statement stored (the LMS's and the AU's), in order."""
        with self.lock:
            return [s.statement for s in self.stored]

    def document(self, session: Session, state_id: str) -> Any:
        """A state document of the session's learner, registration and AU (None if absent)."""
        with self.lock:
            raw = self.documents.get((session.activity_id, session.agent_key,
                                      session.registration, state_id))
        return json.loads(raw) if raw is not None else None

    def put_document(self, session: Session, state_id: str, document: Any) -> None:
        """Another writer (another tab, the LMS) replaces a state document of the session."""
        with self.lock:
            self.documents[(session.activity_id, session.agent_key, session.registration,
                            state_id)] = json.dumps(document).encode()

    def state_log(self, session: Session, state_id: str | None = None) -> list[Request]:
        """The session's State API requests (of one stateId when given), in order."""
        with self.lock:
            return [r for r in self.requests if r.session == session.id
                    and r.path == "/xapi/activities/state"
                    and state_id in (None, r.query.get("stateId"))]

    def trace(self, session: Session) -> list[str]:
        """The session's State API requests as lines: GET/PUT, header, status."""
        return [r.line() for r in self.state_log(session)]

    def writes(self, session: Session) -> list[Request]:
        """The AU's requests in a session that write a document."""
        return [r for r in self.requests if r.session == session.id
                and r.method in ("PUT", "POST", "DELETE") and r.path.startswith("/xapi/activities")]

    # -- checking one statement -------------------------------------------------------------

    def check(self, statement: dict[str, Any], session: Session) -> list[str]:
        """Problems of one statement from the AU: Ralph's models, then the cmi5 rules."""
        problems: list[str] = []
        try:
            BaseXapiStatement.model_validate(statement)
        except (ValidationError, TypeError, KeyError, AttributeError) as exc:
            return [f"not an xAPI statement (Ralph): {exc}"]
        verb = verb_of(statement)
        for name, model in (("actor", BaseXapiAgentWithAccount), ("verb", RALPH_VERBS.get(verb))):
            if model is None:
                continue
            try:
                model.model_validate(statement.get(name))
            except ValidationError as exc:
                problems.append(f"{verb}: {name} refused by Ralph's {model.__name__}: {exc}")
        context = statement.get("context") or {}
        if not statement.get("id") or not statement.get("timestamp"):
            problems.append(f"{verb}: every statement needs an id and a timestamp (9.1, 9.7)")
        if context.get("registration") != session.registration:
            problems.append(f"{verb}: registration {context.get('registration')!r} is not the launch's")
        if (context.get("extensions") or {}).get(CONTEXT_EXTENSION_SESSION_ID) != session.id:
            problems.append(f"{verb}: no session id of the context template (9.6.3.1)")
        grouping = [a.get("id") for a in (context.get("contextActivities") or {}).get("grouping", [])]
        if session.publisher_id not in grouping:
            problems.append(f"{verb}: the publisher id grouping of the template is missing (9.6.2.3)")
        if statement.get("actor") != session.actor:
            problems.append(f"{verb}: the actor is not the one of the launch (9.2)")
        result, cats = statement.get("result") or {}, categories(statement)
        if verb in CMI5_VERBS:
            problems += self.check_defined(verb, statement, session, result, cats)
        else:
            if CMI5_CATEGORY in cats or MOVEON_CATEGORY in cats:
                problems.append(f"{verb}: a cmi5 allowed statement must not have cmi5 categories")
            if verb == "answered":
                problems += self.check_answered(statement, session)
        return problems

    @staticmethod
    def check_defined(verb: str, statement: dict[str, Any], session: Session,
                      result: dict[str, Any], cats: list[str]) -> list[str]:
        """The section 9 rules of a cmi5 defined statement."""
        problems = []
        if statement["object"].get("id") != session.activity_id:
            problems.append(f"{verb}: the object must be the launch's activityId (9.4)")
        if CMI5_CATEGORY not in cats:
            problems.append(f"{verb}: no cmi5 category activity (9.6.2.1)")
        judged = verb in ("completed", "passed", "failed")
        if (MOVEON_CATEGORY in cats) != judged:
            problems.append(f"{verb}: moveon category {'missing' if judged else 'not allowed'} "
                            "(9.6.2.2)")
        if verb != "initialized" and "duration" not in result:
            problems.append(f"{verb}: no result.duration (9.5.4.1)")
        if ("score" in result) != (verb in ("passed", "failed")):
            problems.append(f"{verb}: score only on passed and failed (9.5.1)")
        expected_success = {"passed": True, "failed": False}.get(verb)
        if result.get("success") != expected_success:
            problems.append(f"{verb}: result.success must be {expected_success} (9.5.2)")
        if result.get("completion") != (True if verb == "completed" else None):
            problems.append(f"{verb}: result.completion only (and true) on completed (9.5.3)")
        if verb in ("passed", "failed") and session.mastery_score is not None:
            scaled = (result.get("score") or {}).get("scaled")
            mastery = (statement["context"].get("extensions") or {}).get(MASTERY_EXTENSION)
            if mastery != session.mastery_score:
                problems.append(f"{verb}: no masteryScore extension of the launch data (9.6.3.2)")
            if scaled is None or (scaled >= session.mastery_score) != (verb == "passed"):
                problems.append(f"{verb}: scaled score {scaled} against masteryScore "
                                f"{session.mastery_score} (9.3.4, 9.3.5)")
        return problems

    @staticmethod
    def check_answered(statement: dict[str, Any], session: Session) -> list[str]:
        """An answered statement: about a cmi.interaction activity below the AU."""
        problems = []
        definition = statement["object"].get("definition") or {}
        try:
            BaseXapiActivityInteractionDefinition.model_validate(definition)
        except ValidationError as exc:
            problems.append(f"answered: interaction definition refused by Ralph: {exc}")
        if definition.get("type") != INTERACTION_TYPE:
            problems.append("answered: the object is not a cmi.interaction activity")
        if not str(statement["object"].get("id", "")).startswith(session.activity_id + "/question/"):
            problems.append("answered: the question's id is not below the AU's activityId")
        result = statement.get("result") or {}
        if not isinstance(result.get("success"), bool) or not result.get("response"):
            problems.append("answered: result.response and result.success are needed")
        return problems

    # -- the HTTP side ----------------------------------------------------------------------

    def session_of(self, authorization: str | None) -> Session | None:
        """The session whose auth-token the request carries."""
        if not authorization or not authorization.startswith("Basic "):
            return None
        token = authorization[len("Basic "):]
        return next((s for s in self.sessions.values() if s.token == token), None)

    def handle(self, method: str, path: str, query: dict[str, str], headers: Any,
               body: bytes) -> tuple[int, str, bytes, str | None]:
        """Answer one request: (status, content type, body, ETag or None)."""
        if path == "/fetch":
            return (*self.fetch(method, query.get("k", "")), None)
        if path == "/return":
            return 200, "text/html; charset=utf-8", b"<!doctype html><title>LMS</title><p>back", None
        session = self.session_of(headers.get("Authorization"))
        status, kind, payload, etag = self.xapi(method, path, query, headers, body, session)
        with self.lock:
            self.requests.append(Request(method, path, query, session.id if session else "", status,
                                         headers.get("If-Match"), headers.get("If-None-Match"),
                                         etag, etag_of(body) if method in ("PUT", "POST") else None))
        if self.answer_delay and method == "POST" and path == "/xapi/statements":
            time.sleep(self.answer_delay)
        if self.state_delay and method != "GET" and path == "/xapi/activities/state":
            time.sleep(self.state_delay)
        if self.lose_state_answers and method == "PUT" and status == 204:
            self.lose_state_answers -= 1
            return 0, "", b"", None  # a proxy or network failing after the LRS wrote
        return status, kind, payload, etag

    def fetch(self, method: str, key: str) -> tuple[int, str, bytes]:
        """The one-time fetch URL (section 8.2): the token once, then error 1."""
        with self.lock:
            session = next((s for s in self.sessions.values() if s.fetch_key == key), None)
            if method != "POST" or session is None:
                return 200, "application/json", b'{"error-code":"2","error-text":"bad request"}'
            session.fetch_posts += 1
            if session.fetch_posts > 1:
                return 200, "application/json", json.dumps({
                    "error-code": "1",
                    "error-text": "The authorization token has already been returned."}).encode()
            return 200, "application/json", json.dumps({"auth-token": session.token}).encode()

    def xapi(self, method: str, path: str, query: dict[str, str], headers: Any, body: bytes,
             session: Session | None) -> tuple[int, str, bytes, str | None]:
        """The Statements, State and Agent Profile resources."""
        if session is None:
            return 401, "text/plain", b"no valid auth-token", None
        if headers.get("X-Experience-API-Version", "").rsplit(".", 1)[0] != "1.0":
            return 400, "text/plain", b"X-Experience-API-Version 1.0.x is required", None
        if self.outage and method != "GET":
            return 503, "text/plain", b"down for maintenance", None
        if path == "/xapi/statements" and method == "POST":
            return (*self.post_statements(session, body), None)
        if path == "/xapi/activities/state":
            return self.state(method, query, headers, body, session)
        if path == "/xapi/agents/profile" and method == "GET":
            return 404, "text/plain", b"no profile", None
        return 405, "text/plain", b"not supported here", None

    def post_statements(self, session: Session, body: bytes) -> tuple[int, str, bytes]:
        """Store statements (one or a list), each checked; all or none, like an LRS."""
        try:
            data = json.loads(body)
        except ValueError:
            return 400, "text/plain", b"not JSON"
        batch = data if isinstance(data, list) else [data]
        if not all(isinstance(s, dict) for s in batch):
            return 400, "text/plain", b"statements are JSON objects"
        ids = [s.get("id") for s in batch]
        with self.lock:
            problems = [p for s in batch for p in self.check(s, session)]
            known = {s.statement["id"]: s.statement for s in self.stored}
            if len({s.get("id") for s in batch}) < len(batch):
                problems.append("one statement id twice in a batch")
            if any(s.get("id") in known and {**s, "stored": known[s["id"]]["stored"]} !=
                   known[s["id"]] for s in batch):
                problems.append("a statement id already stored with other content (409)")
            batch = [s for s in batch if s.get("id") not in known]
            ended = [s.statement["timestamp"] for s in self.stored
                     if s.session == session.id and verb_of(s.statement) == "terminated"]
            if ended and any(when(s) > when(ended[0]) or verb_of(s) == "terminated"
                             for s in batch):
                problems.append("statements after terminated in the same session (9.3.8)")
            if problems:
                self.problems += problems
                return 400, "text/plain", "\n".join(problems).encode()
            stored = datetime.now(timezone.utc).isoformat()
            self.stored += [Stored({**s, "stored": stored}, session.id) for s in batch]
        return 200, "application/json", json.dumps(ids).encode()

    def state(self, method: str, query: dict[str, str], headers: Any, body: bytes,
              session: Session) -> tuple[int, str, bytes, str | None]:
        """A state document, keyed by activity, agent, registration and stateId."""
        try:
            agent = json.loads(query.get("agent", ""))
            key = (query["activityId"], json.dumps(agent["account"], sort_keys=True),
                   query.get("registration", ""), query["stateId"])
        except (KeyError, ValueError, TypeError):
            return 400, "text/plain", b"activityId, agent (with an account) and stateId needed", None
        if key[0] != session.activity_id or key[1] != session.agent_key:
            return 403, "text/plain", b"another learner's or activity's state", None
        if method == "GET":
            with self.lock:
                raw = self.documents.get(key)
            if raw is None:
                return 404, "text/plain", b"", None
            return 200, "application/json", raw, etag_of(raw)
        if key[3] == LAUNCH_DATA:
            with self.lock:
                self.problems.append(f"the AU tried to {method} LMS.LaunchData (section 10)")
            return 403, "text/plain", b"LMS.LaunchData is the LMS's", None
        if method not in ("PUT", "POST", "DELETE"):
            return 405, "text/plain", b"", None
        if method != "DELETE":
            try:
                json.loads(body)
            except ValueError:
                return 400, "text/plain", b"a JSON document is expected", None
        with self.lock:  # the check and the write are one step
            refusal = self.precondition(method, headers, self.documents.get(key))
            if refusal:
                return refusal
            if method == "DELETE":
                self.documents.pop(key, None)
                return 204, "text/plain", b"", None
            self.documents[key] = body
        return 204, "text/plain", b"", etag_of(body) if self.etag_on_put else None

    def precondition(self, method: str, headers: Any, current: bytes | None
                     ) -> tuple[int, str, bytes, None] | None:
        """The answer to a State write that must not happen (412, 409, a refusal), else None."""
        if_match, if_none_match = headers.get("If-Match"), headers.get("If-None-Match")
        if self.refuse_state:
            return self.refuse_state, "text/plain", b"refused by this LRS", None
        if if_match is not None:
            if current is None or ("*" not in tags(if_match) and etag_of(current) not in tags(if_match)):
                return 412, "text/plain", b"If-Match: the document changed since it was read", None
        elif if_none_match is not None:
            if current is not None and ("*" in tags(if_none_match)
                                        or etag_of(current) in tags(if_none_match)):
                return 412, "text/plain", b"If-None-Match: a document exists", None
        elif current is not None and self.strict and method in ("PUT", "DELETE"):
            self.problems.append(f"a State {method} without If-Match or If-None-Match over an "
                                 "existing document (409 in xAPI 2.0)")
            return 409, "text/plain", (b"Conflict: no If-Match or If-None-Match header. Check the "
                                       b"current state of the document and send If-Match with its "
                                       b"ETag."), None
        return None


class _Handler(BaseHTTPRequestHandler):
    """HTTP for the LMS, with CORS for an AU served from another origin."""

    lms: Cmi5Lms
    protocol_version = "HTTP/1.1"

    def cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, PUT, POST, DELETE, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type, "
                         "X-Experience-API-Version, If-Match, If-None-Match")
        if self.lms.expose_etag:
            self.send_header("Access-Control-Expose-Headers", "ETag")
        self.send_header("Access-Control-Max-Age", "600")

    def answer(self) -> None:
        with self.lms.lock:
            self.lms.answering += 1
        try:
            self.respond()
        finally:
            with self.lms.lock:
                self.lms.answering -= 1

    def respond(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, kind, payload, etag = self.lms.handle(self.command, parts.path, query, self.headers,
                                                      body)
        if not status:  # no answer: the connection closes
            self.close_connection = True
            return
        self.send_response(status)
        self.cors()
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Experience-API-Version", XAPI_VERSION)
        self.end_headers()
        if status != 204:
            self.wfile.write(payload)

    do_GET = do_PUT = do_POST = do_DELETE = answer

    def do_OPTIONS(self) -> None:  # noqa: N802 - the preflight of a cross-origin request
        self.send_response(204)
        self.cors()
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""


class _Server(ThreadingHTTPServer):
    """The LMS's HTTP server: a browser that left before its answer (a closed page) is not an error."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def running_lms(strict: bool = True, **options: Any) -> Iterator[Cmi5Lms]:
    """A cmi5 LMS on a free 127.0.0.1 port (strict xAPI 2.0 State by default), stopped afterwards."""
    lms = Cmi5Lms(strict=strict, **options)
    handler = type("Handler", (_Handler,), {"lms": lms})
    server = _Server(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    lms.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield lms
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
