"""The live classroom's server, without a browser: a real uvicorn on 127.0.0.1, spoken to by httpx.

Requests that break the protocol get a 4xx and store nothing; a token reaches only its learner;
the dashboard and exports need the PIN; the CSV files are what Moodle's grade import reads.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.classroom import COURSE, ROOT, in_thread, port_of, start
from support.sessions import stored_counts

from builder.classroom.app import Classroom
from builder.classroom.edition import Edition, prepare
from builder.classroom.network import join_url, only_this_computer, pick_lan_address, qr_svg
from builder.classroom.protocol import MAX_BODY
from builder.classroom.report import reflection_texts
from builder.classroom.serve import listen
from builder.cli import main


@pytest.fixture(scope="module")
def edition() -> Edition:
    """The article course's classroom edition (built once for the module)."""
    return prepare(COURSE)


@pytest.fixture
def room(edition: Edition, tmp_path: Path) -> Iterator[Classroom]:
    """A fresh classroom session served on 127.0.0.1."""
    with in_thread(edition, tmp_path) as served:
        yield served


@pytest.fixture
def http(room: Classroom) -> Iterator[httpx.Client]:
    """An HTTP client for the room."""
    with httpx.Client(base_url=f"http://127.0.0.1:{port_of(room)}", timeout=10) as client:
        yield client


def join(http: httpx.Client, room: Classroom, name: str, nip: str = "") -> str:
    """Join the room; return the learner token."""
    r = http.post("/api/join", json={"name": name, "nip": nip, "code": room.join_code})
    assert r.status_code == 200, r.text
    token: str = r.json()["token"]
    return token


def auth(token: str) -> dict[str, str]:
    """The learner's Authorization header."""
    return {"Authorization": f"Bearer {token}"}


def facilitator(http: httpx.Client, room: Classroom) -> None:
    """Sign the client in with the PIN."""
    r = http.post("/dashboard/login", data={"pin": room.pin})
    assert r.status_code == 303 and "coursepack_facilitator" in http.cookies


def counts(path: Path) -> tuple[int, int, int]:
    """Learners, events and answers stored (read with a connection of our own)."""
    return stored_counts(path)


def answer_event(edition: Edition, seq: int, iid: str, right: bool) -> dict[str, Any]:
    """An interaction event picking the right answer, or a wrong one."""
    q = edition.questions[iid]
    choices = sorted(q.correct) if right else [next(c for c, _ in q.choices if c not in q.correct)]
    return {"seq": seq, "kind": "interaction", "data": {"iid": iid, "choices": choices}}


def test_join_needs_the_class_code_and_a_name(http: httpx.Client, room: Classroom) -> None:
    assert http.post("/api/join", json={"name": "Budi", "code": "WRONG1"}).status_code == 403
    assert http.post("/api/join", json={"name": "  ", "code": room.join_code}).status_code == 422
    assert http.post("/api/join", json={"name": "x" * 81, "code": room.join_code}).status_code == 422
    assert counts(room.store.path)[0] == 0
    r = http.post("/api/join", json={"name": " Budi  Santoso ", "nip": "1987",
                                     "code": room.join_code.lower()})
    assert r.status_code == 200 and r.json()["name"] == "Budi Santoso"
    assert len(r.json()["token"]) >= 32


def test_malformed_oversized_and_unknown_requests_store_nothing(
        http: httpx.Client, room: Classroom, edition: Edition) -> None:
    token = join(http, room, "Budi")
    iid = next(iter(edition.questions))
    headers = {**auth(token), "Content-Type": "application/json"}
    cases = [
        (http.post("/api/events", content=b"{not json", headers=headers), 400),
        (http.post("/api/events", content=b"[1, 2]", headers=headers), 400),
        (http.post("/api/events", content=b"\xff\xfe", headers=headers), 400),
        (http.post("/api/events", content=b'{"events": []}', headers=headers), 422),
        (http.post("/api/events", content=b" " * (MAX_BODY + 1), headers=headers), 413),
        (http.post("/api/events", json={"events": [answer_event(edition, 1, iid, True)]},
                   headers={"Authorization": "Bearer nobody-has-this-token"}), 401),
        (http.post("/api/events", json={"events": [answer_event(edition, 1, iid, True)]}), 401),
        (http.post("/api/events", content=json.dumps({"events": []}), headers=auth(token)), 415),
        (http.post("/api/events", json={"events": [
            {"seq": 1, "kind": "interaction", "data": {"iid": "no.such", "choices": ["a"]}}]},
            headers=auth(token)), 422),
        (http.post("/api/events", json={"events": [
            {"seq": 1, "kind": "interaction", "data": {"iid": iid, "choices": ["zzz"]}}]},
            headers=auth(token)), 422),
        (http.post("/api/events", json={"events": [
            {"seq": 0, "kind": "save", "data": {}}]}, headers=auth(token)), 422),
        (http.post("/api/events", json={"events": [
            {"seq": 1, "kind": "delete-everything", "data": {}}]}, headers=auth(token)), 422),
        (http.post("/api/events", json={"events": [
            {"seq": 1, "kind": "save", "data": {"bookmark": "nowhere", "suspend": ""}}]},
            headers=auth(token)), 422),
        # one bad event spoils its whole batch: the good one before it is not stored either
        (http.post("/api/events", json={"events": [
            answer_event(edition, 1, iid, True),
            {"seq": 2, "kind": "save", "data": {"suspend": "x" * 9000}}]},
            headers=auth(token)), 422),
        (http.post("/api/events", json={"events": [answer_event(edition, 3, iid, True),
                                                   answer_event(edition, 3, iid, False)]},
                   headers=auth(token)), 422),
    ]
    for response, status in cases:
        assert response.status_code == status, (response.request.content[:80], response.text)
    assert counts(room.store.path) == (1, 0, 0)
    assert http.get("/api/me", headers=auth("forged")).status_code == 401


def test_a_batch_sent_twice_is_stored_once(http: httpx.Client, room: Classroom,
                                           edition: Edition) -> None:
    token = join(http, room, "Budi")
    iid = next(iter(edition.questions))
    batch = {"events": [answer_event(edition, 1, iid, True),
                        {"seq": 2, "kind": "save", "data": {"bookmark": "pembuka",
                                                            "suspend": "c1|x||", "progress": 0.1}}]}
    first = http.post("/api/events", json=batch, headers=auth(token))
    again = http.post("/api/events", json=batch, headers=auth(token))
    assert first.json() == {"stored": 2}
    assert again.json() == {"stored": 0}
    # a late, older save does not overwrite a newer one; a second answer never replaces the first
    late = {"events": [{"seq": 1, "kind": "save", "data": {"bookmark": "hasil", "suspend": "old"}}]}
    http.post("/api/events", json=late, headers=auth(token))
    http.post("/api/events", json={"events": [answer_event(edition, 3, iid, False)]},
              headers=auth(token))
    me = http.get("/api/me", headers=auth(token)).json()
    assert (me["bookmark"], me["suspend"]) == ("pembuka", "c1|x||")
    assert counts(room.store.path) == (1, 3, 1)
    # two tabs number their events on their own: the same seq from another tab is another event,
    # and saves apply in the order of the phone's clock, whichever tab sent them
    tabs = {"events": [
        {"seq": 1, "tab": "tabB", "t": 5000, "kind": "save",
         "data": {"bookmark": "hasil", "suspend": "c1|b||"}},
        {"seq": 1, "tab": "tabA", "t": 4000, "kind": "save",
         "data": {"bookmark": "pembuka", "suspend": "c1|a||"}}]}
    assert http.post("/api/events", json=tabs, headers=auth(token)).json() == {"stored": 2}
    assert http.get("/api/me", headers=auth(token)).json()["suspend"] == "c1|b||"
    bad_tab = {"events": [{"seq": 9, "tab": "../x", "kind": "incomplete"}]}
    assert http.post("/api/events", json=bad_tab, headers=auth(token)).status_code == 422
    facilitator(http, room)
    state = http.get("/dashboard/state").json()
    question = next(q for q in state["questions"] if q["iid"] == iid)
    assert question["answers"] == 1 and question["correct_pct"] == 100


def test_a_token_reaches_only_its_own_learner(http: httpx.Client, room: Classroom,
                                              edition: Edition) -> None:
    budi = join(http, room, "Budi", "111")
    impostor = join(http, room, "Budi", "111")  # the same name and NIP make another learner
    assert budi != impostor
    save = {"events": [{"seq": 1, "kind": "save", "data": {
        "bookmark": "pembuka", "suspend": 'c1|x|||{"langkah-kecil":["rahasia"]}'}}]}
    assert http.post("/api/events", json=save, headers=auth(budi)).status_code == 200
    mine = http.get("/api/me", headers=auth(impostor)).json()
    assert mine["suspend"] == "" and mine["bookmark"] == ""
    assert "rahasia" not in http.get("/api/me", headers=auth(impostor)).text
    # the dashboard is not a learner's: neither with a token nor without the PIN
    for path in ("/dashboard/state", "/dashboard/events", "/dashboard/grades.csv",
                 "/dashboard/attendance.csv", "/dashboard/qr.svg"):
        assert http.get(path, headers=auth(budi)).status_code == 401, path
    assert 'name="pin"' in http.get("/dashboard").text


def test_the_dashboard_needs_the_pin_and_stops_guessing(http: httpx.Client,
                                                        room: Classroom) -> None:
    wrong = "000000" if room.pin != "000000" else "111111"
    assert http.post("/dashboard/login", data={"pin": wrong}).status_code == 403
    assert "coursepack_facilitator" not in http.cookies
    for _ in range(9):
        http.post("/dashboard/login", data={"pin": wrong})
    assert http.post("/dashboard/login", data={"pin": room.pin}).status_code == 429
    assert http.get("/dashboard/state").status_code == 401


def test_pin_opens_dashboard_with_qr_and_join_code(http: httpx.Client, room: Classroom) -> None:
    facilitator(http, room)
    page = http.get("/dashboard").text
    assert room.join_code in page and "<svg" in page and "Dasbor fasilitator" in page
    # served on 127.0.0.1 (as here), the projected QR code would lead no phone anywhere: said
    assert 'id="cr-only-here"' in page and "ponsel peserta tidak dapat bergabung" in page
    svg = http.get("/dashboard/qr.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')


def play_final(http: httpx.Client, token: str, edition: Edition, wrong: int) -> None:
    """Answer every final question through the API, `wrong` of them wrongly."""
    events = [answer_event(edition, n, iid, n > wrong)
              for n, iid in enumerate(edition.final_iids, 1)]
    assert http.post("/api/events", json={"events": events}, headers=auth(token)).status_code == 200


def rows(data: bytes) -> list[list[str]]:
    """A CSV export's rows (after its byte-order mark)."""
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_exports_for_moodle_grade_import_and_attendance(
        http: httpx.Client, room: Classroom, edition: Edition, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    ani, budi, citra = (join(http, room, n, nip) for n, nip in
                        (("Ani", "198701012010012001"), ("Budi", "198702022010011002"),
                         ("=HYPERLINK(\"x\")", "")))
    play_final(http, ani, edition, wrong=0)
    play_final(http, budi, edition, wrong=len(edition.final_iids) // 2)
    facilitator(http, room)
    grades = rows(http.get("/dashboard/grades.csv").content)
    total = len(edition.final_iids)
    budi_raw = edition.score(total - total // 2)[0]
    assert grades == [["ID number", "Nama lengkap", "Nilai", "Status", "JP"],
                      ["198701012010012001", "Ani", "100", "Lulus", str(edition.course.jp)],
                      ["198702022010011002", "Budi", str(budi_raw), "Belum lulus", "0"]]
    attendance = rows(http.get("/dashboard/attendance.csv").content)
    # a name typed as a spreadsheet formula stays text
    assert [r[0] for r in attendance[1:]] == ["Ani", "Budi", "'=HYPERLINK(\"x\")"]
    assert attendance[0][-1] == "Lama belajar (menit)"
    assert attendance[3][5:] == [f"0/{total}", "", "Sedang belajar", "0", "0"]
    state = http.get("/dashboard/state").json()
    assert [(lr["status"], lr["jp"]) for lr in state["learners"]] == [
        ("passed", edition.course.jp), ("failed", 0), ("in_progress", 0)]
    # `classroom export` writes the same files later, from the session's records
    code = main(["classroom", "export", "--data", str(room.store.path.parent), "--session",
                 room.session, "--out", str(tmp_path / "out")])
    assert code == 0
    written = tmp_path / "out" / f"{room.session}-grades.csv"
    assert rows(written.read_bytes()) == grades
    assert "hyperlink" not in written.read_text("utf-8").lower()
    assert f"{room.session}-attendance.csv" in capsys.readouterr().out


def test_shared_reflections_only(http: httpx.Client, room: Classroom) -> None:
    ani, budi = join(http, room, "Ani"), join(http, room, "Budi")
    for token, plan in ((ani, "Rapat pagi 10 menit"), (budi, "Tidak untuk dibagikan")):
        suspend = "c1|x|||" + json.dumps({"langkah-kecil": [plan, "", ""]})
        http.post("/api/events", json={"events": [
            {"seq": 1, "kind": "save", "data": {"bookmark": "langkah-kecil", "suspend": suspend}}]},
            headers=auth(token))
    http.post("/api/events", json={"events": [{"seq": 2, "kind": "share", "data": {
        "reflection": "langkah-kecil", "shared": True}}]}, headers=auth(ani))
    facilitator(http, room)
    state = http.get("/dashboard/state").json()
    texts = [item["text"] for r in state["reflections"] for item in r["items"]]
    assert texts == ["Rapat pagi 10 menit"]


def test_reflection_texts_read_from_the_suspend_string() -> None:
    assert reflection_texts('c1|ab|Bc|a1b2c01|{"r":["a|b","c"]}') == {"r": ["a|b", "c"]}
    assert reflection_texts("c1|ab|Bc|") == {}
    assert reflection_texts('c2|ab|Bc|||1.0|{"r":{"r":["a|b","c"]}}') == {"r": ["a|b", "c"]}
    assert reflection_texts("c2|ab|Bc|||1.0") == {}
    assert reflection_texts("c1|ab|Bc||{broken") == {}


def test_lan_address_choice_never_loopback() -> None:
    assert pick_lan_address(["127.0.0.1", "169.254.3.4", "192.168.137.1"]) == "192.168.137.1"
    assert pick_lan_address(["127.0.1.1"]) is None
    assert pick_lan_address(["8.8.4.4", "10.0.0.5"]) == "10.0.0.5"
    assert pick_lan_address(["not an address", "::1"]) is None
    assert join_url("192.168.43.10", 8765, "ABC234") == "http://192.168.43.10:8765/?k=ABC234"
    assert qr_svg("http://192.168.43.10:8765/?k=ABC234").startswith(b"<svg")
    assert [only_this_computer(u) for u in (
        "http://127.0.0.1:8765/?k=A", "http://[::1]:8765/?k=A", "http://localhost:1/",
        "http://192.168.43.10:8765/?k=A", "http://10.0.0.5:80/")] == [True, True, True, False, False]


def test_other_commands_do_not_import_the_server() -> None:
    code = ("import sys; from builder.cli import parser; parser().parse_args(['check']); "
            "print(sorted(m for m in ('starlette', 'uvicorn', 'segno') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_busy_port_and_bad_session_are_usage_errors(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    busy = listen("127.0.0.1", 0)
    try:
        port = str(busy.getsockname()[1])
        assert main(["--lang", "en", "classroom", str(COURSE), "--port", port,
                     "--data", str(tmp_path)]) == 2
        assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
    finally:
        busy.close()
    assert main(["--lang", "en", "classroom", str(COURSE), "--port", "70000",
                 "--data", str(tmp_path)]) == 2
    assert "the port 70000 is not a port number" in capsys.readouterr().err
    assert main(["--lang", "en", "classroom", str(COURSE), "--session", "../escape",
                 "--data", str(tmp_path)]) == 2
    assert "session name '../escape' is not usable" in capsys.readouterr().err
    assert main(["--lang", "id", "classroom", "export", "--data", str(tmp_path),
                 "--session", "none"]) == 2
    assert "tidak ada catatan sesi" in capsys.readouterr().err
    assert main(["--lang", "id", "classroom", "export", "--data", str(tmp_path)]) == 2
    assert "ekspor memerlukan nama sesi" in capsys.readouterr().err


def test_a_session_belongs_to_one_course(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mini = ROOT / "tests" / "courses" / "mini"
    server = start(tmp_path, "pagi", source=mini, lang="en")
    server.stop()
    assert main(["--lang", "en", "classroom", str(COURSE), "--port", "0", "--data", str(tmp_path),
                 "--session", "pagi"]) == 2
    assert "belongs to the course" in capsys.readouterr().err


def test_classroom_edition_keeps_the_runtime_budget(edition: Edition) -> None:
    from builder.budgets import RUNTIME_BUDGET, runtime_bytes

    assert b"CP.lms.standard = \"classroom\"" in edition.files["assets/js/adapter.js"]
    assert runtime_bytes(edition.files) <= RUNTIME_BUDGET


def test_interfaces_are_listed_without_sending_anything() -> None:
    from builder.classroom.network import interface_addresses, public_host

    if sys.platform.startswith("linux"):
        assert "127.0.0.1" in interface_addresses()
    assert public_host("192.168.1.5") == "192.168.1.5"


def test_a_move_code_moves_a_learner_to_another_device(http: httpx.Client, room: Classroom,
                                                       edition: Edition) -> None:
    old = join(http, room, "Gita", "222")
    other = join(http, room, "Hadi")
    save = {"events": [{"seq": 1, "kind": "save", "data": {"bookmark": "hasil", "suspend": "c1|x||"}}]}
    http.post("/api/events", json=save, headers=auth(old))
    learner_id = 1
    # only the facilitator makes move codes, for a learner who exists
    assert http.post("/dashboard/move", json={"learner": learner_id}).status_code == 401
    assert http.post("/dashboard/move", json={"learner": learner_id},
                     headers=auth(other)).status_code == 401
    facilitator(http, room)
    assert http.post("/dashboard/move", json={"learner": 99}).status_code == 422
    assert http.post("/dashboard/move", json={"learner": True}).status_code == 422
    first = http.post("/dashboard/move", json={"learner": learner_id}).json()["code"]
    code = http.post("/dashboard/move", json={"learner": learner_id}).json()["code"]
    assert http.post("/api/move", json={"code": first}).status_code == 403  # replaced by the new one
    moved = http.post("/api/move", json={"code": code.lower()})
    assert moved.status_code == 200 and moved.json()["name"] == "Gita"
    new = moved.json()["token"]
    assert http.get("/api/me", headers=auth(new)).json()["bookmark"] == "hasil"
    assert http.get("/api/me", headers=auth(old)).status_code == 401  # the old device is out
    assert http.post("/api/move", json={"code": code}).status_code == 403  # used once
    for _ in range(8):
        http.post("/api/move", json={"code": "WRONG000"})
    assert http.post("/api/move", json={"code": "WRONG000"}).status_code == 429


def test_ctrl_c_with_the_dashboard_open_stops_cleanly(tmp_path: Path) -> None:
    import signal
    import threading

    server = start(tmp_path, "stop")
    ended: list[str] = []
    with httpx.Client(base_url=f"http://127.0.0.1:{server.port}", timeout=None) as http:
        http.post("/dashboard/login", data={"pin": server.pin})
        opened = threading.Event()

        def watch() -> None:
            with http.stream("GET", "/dashboard/events") as stream:
                for line in stream.iter_lines():
                    opened.set()
                    del line
            ended.append("closed")

        thread = threading.Thread(target=watch, daemon=True)
        thread.start()
        assert opened.wait(30)
        server.proc.send_signal(signal.SIGINT)
        assert server.proc.wait(30) == 0
        thread.join(10)
    assert ended == ["closed"]
    assert "Traceback" not in server.all_output()


def test_the_server_decides_the_pass_exactly_like_the_runtime(edition: Edition) -> None:
    import dataclasses

    from builder.resolve import PassMark

    total = len(edition.final_iids)
    strict = dataclasses.replace(edition, questions={
        iid: q for iid, q in edition.questions.items() if q.final and iid in edition.final_iids[:3]},
        final_asked=3)
    assert len(strict.final_iids) == 3 and total >= 3
    assert strict.pass_mark.percent == 70
    assert strict.score(2) == (67, False) and strict.score(3) == (100, True)
    # 2 of 3 is 66.67 %: shown as 67, and it fails a pass mark of 67 while passing 66
    for mark, passed in ((67, False), (66, True)):
        marked = dataclasses.replace(strict, pass_mark=PassMark(mark))
        assert marked.score(2) == (67, passed)


def test_a_pooled_final_is_scored_over_the_questions_one_attempt_asks() -> None:
    # the article's final: ten pools of three, two drawn of each, so 20 of its 30 questions
    edition = prepare(ROOT / "course_src")
    assert (len(edition.final_iids), edition.final_asked) == (30, 20)
    assert edition.score(14) == (70, True) and edition.score(13) == (65, False)


def test_sorting_ordering_and_matching_answers_are_judged_by_the_server(tmp_path: Path) -> None:
    # the mini course's knowledge check has one question of each arranged type
    edition = prepare(ROOT / "tests" / "courses" / "mini")
    iids = {q.iid.rsplit("_", 1)[-1]: q for q in edition.questions.values()
            if q.accepted and not q.choices}
    sorting, ordering, matching = iids["kelompok"], iids["urutan"], iids["pasangan"]
    with in_thread(edition, tmp_path) as room, httpx.Client(
            base_url=f"http://127.0.0.1:{port_of(room)}", timeout=10) as http:
        token = join(http, room, "Sari")
        events = [
            # the sorting's right placements in another order: judged right (its form is sorted)
            {"seq": 1, "kind": "interaction",
             "data": {"iid": sorting.iid, "choices": list(reversed(sorting.key))}},
            # the ordering's items in a wrong order: judged wrong (its order is the answer)
            {"seq": 2, "kind": "interaction",
             "data": {"iid": ordering.iid, "choices": list(reversed(ordering.key))}},
            {"seq": 3, "kind": "interaction", "data": {"iid": matching.iid,
                                                       "choices": list(matching.key)}}]
        assert http.post("/api/events", json={"events": events},
                         headers=auth(token)).json() == {"stored": 3}
        # a placement the question does not have is refused and stores nothing
        bad = {"events": [{"seq": 4, "kind": "interaction",
                           "data": {"iid": matching.iid, "choices": ["x=r1"]}}]}
        assert http.post("/api/events", json=bad, headers=auth(token)).status_code == 422
        facilitator(http, room)
        state = {q["iid"]: q for q in http.get("/dashboard/state").json()["questions"]}
        assert [state[q.iid]["correct_pct"] for q in (sorting, ordering, matching)] == [100, 0, 100]
        stored = sqlite3.connect(room.store.path).execute(
            "SELECT choices FROM answers WHERE iid = ?", (ordering.iid,)).fetchone()[0]
        assert json.loads(stored) == list(reversed(ordering.key)), "an ordering keeps its order"


CLASSROOM_LINES = frozenset({"classroom-title", "classroom-join", "classroom-code",
                             "classroom-dashboard", "classroom-data", "classroom-local",
                             "classroom-no-lan", "classroom-stop"})


@pytest.mark.parametrize(("course", "lang", "other"), [("mini", "id", "en"), ("mini-en", "en", "id")])
def test_the_terminal_lines_speak_the_courses_language(course: str, lang: str, other: str,
                                                       tmp_path: Path) -> None:
    import os
    import signal

    from support.catalog import forms, matches
    from support.process import as_in_a_terminal

    argv = [sys.executable, "-m", "builder", "classroom"]
    source, data = ROOT / "tests" / "courses" / course, tmp_path / "data"
    proc = subprocess.Popen([*argv, str(source), "--port", "0", "--data", str(data),
                             "--session", "pagi"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"},
                            preexec_fn=as_in_a_terminal)
    assert proc.stdout is not None
    stop = forms("classroom-stop", lang)[0]
    try:
        lines = []
        while (line := proc.stdout.readline().rstrip("\n")) != stop:
            assert line, f"the classroom ended: {lines}"
            lines.append(line)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=60)
    assert len(lines) >= 5 and lines[0].endswith(")"), lines
    for line in lines:
        assert matches(line, CLASSROOM_LINES, lang) and not matches(line, CLASSROOM_LINES, other)
    exported = subprocess.run([*argv, "export", "--data", str(data), "--session", "pagi", "--out",
                               str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                              timeout=120)
    assert (exported.returncode, exported.stderr) == (0, "")
    wrote = exported.stdout.splitlines()
    assert len(wrote) == 2 and all(matches(line, {"classroom-wrote"}, lang) for line in wrote)


# -- retakes: the statistics show each learner's latest attempt, the grade follows the method ----


def final_event(seq: int, q: Any, choices: list[str], attempt: int | None) -> dict[str, Any]:
    """An answer to a final question in one attempt (None: a phone from before attempts)."""
    data: dict[str, Any] = {"iid": q.iid, "choices": choices}
    if attempt is not None:
        data["attempt"] = attempt
    return {"seq": seq, "kind": "interaction", "data": data}


def test_a_retake_replaces_the_answers_shown_and_the_grade_follows_the_method(tmp_path: Path) -> None:
    import dataclasses

    from builder.classroom.report import standings

    # the mini course's final: two questions (single, multiple), two attempts graded by the highest
    edition = prepare(ROOT / "tests" / "courses" / "mini")
    single, multiple = (edition.questions[iid] for iid in edition.final_iids)
    assert (single.kind, multiple.kind, edition.grading, edition.final_asked) == (
        "single", "multiple", "highest", 2)
    wrong_single = [next(c for c, _ in single.choices if c not in single.correct)]
    with in_thread(edition, tmp_path) as room, httpx.Client(
            base_url=f"http://127.0.0.1:{port_of(room)}", timeout=10) as http:
        token = join(http, room, "Sari")
        facilitator(http, room)
        # attempt 1 all right (100); attempt 2: the single wrong, one of the two right choices
        # of the multiple (Moodle's 1/2): (0 + 1/2) of 2 is 25
        first = [final_event(1, single, sorted(single.correct), 1),
                 final_event(2, multiple, sorted(multiple.correct), 1)]
        second = [final_event(3, single, wrong_single, 2),
                  final_event(4, multiple, sorted(multiple.correct)[:1], 2)]
        assert http.post("/api/events", json={"events": first}, headers=auth(token)).json() == {
            "stored": 2}
        state = http.get("/dashboard/state").json()
        assert [q["correct_pct"] for q in state["questions"] if q["final"]] == [100, 100]
        assert state["learners"][0]["raw"] == 100
        # the retake half answered: the statistics show the latest answer of each question
        http.post("/api/events", json={"events": second[:1]}, headers=auth(token))
        state = http.get("/dashboard/state").json()
        final = {q["iid"]: q for q in state["questions"] if q["final"]}
        assert (final[single.iid]["answers"], final[single.iid]["correct_pct"]) == (1, 0)
        assert final[single.iid]["choices"][[c["id"] for c in final[single.iid]["choices"]].index(
            wrong_single[0])]["count"] == 1
        assert (final[multiple.iid]["answers"], final[multiple.iid]["correct_pct"]) == (1, 100)
        assert (state["learners"][0]["answered"], state["learners"][0]["raw"]) == (1, 100)
        http.post("/api/events", json={"events": second[1:]}, headers=auth(token))
        state = http.get("/dashboard/state").json()
        # the statistics count credit as the grade does: half the multiple's credit is 50 %
        assert [q["correct_pct"] for q in state["questions"] if q["final"]] == [0, 50]
        # graded by the highest, as the learner's own results page: still 100 and passed
        assert (state["learners"][0]["raw"], state["learners"][0]["status"]) == (100, "passed")
        answers = room.store.answers()
        learners = room.store.learners()
        for method, raw, passed in (("last", 25, False), ("first", 100, True),
                                    ("average", 63, True)):
            s = standings(dataclasses.replace(edition, grading=method), learners, answers)
            assert (s[learners[0].id].raw, s[learners[0].id].passed) == (raw, passed), method
        assert counts(room.store.path) == (1, 4, 4), "every attempt's answers are kept"


def test_a_submitted_attempt_with_a_blank_question_is_graded_the_blank_earning_nothing(
        tmp_path: Path) -> None:
    """The learner page lets an attempt be submitted with questions unanswered (they earn no
    points) and shows its grade: the dashboard and the grades file must show the same one, not
    "still learning". The phone's saved state says the attempt was submitted; the server still
    scores it from the answers, never from the phone's own figure."""
    edition = prepare(ROOT / "tests" / "courses" / "mini")
    single = edition.questions[edition.final_iids[0]]
    assert edition.final_asked == 2 and edition.pass_mark.percent == 50
    with in_thread(edition, tmp_path) as room, httpx.Client(
            base_url=f"http://127.0.0.1:{port_of(room)}", timeout=10) as http:
        token = join(http, room, "Sari")
        facilitator(http, room)
        http.post("/api/events", json={"events": [final_event(1, single, sorted(single.correct), 1)]},
                  headers=auth(token))
        learner = http.get("/dashboard/state").json()["learners"][0]
        assert learner["status"] != "passed", "one of two answered and not submitted: not graded"
        # submitted: the saved state's final field says attempt 1, 1 finished (docs/runtime.md)
        save = {"seq": 2, "kind": "save", "data": {"bookmark": "", "progress": 1,
                                                     "suspend": "c2|0000||||1.1"}}
        assert http.post("/api/events", json={"events": [save]}, headers=auth(token)).status_code == 200
        learner = http.get("/dashboard/state").json()["learners"][0]
        assert (learner["raw"], learner["status"]) == (50, "passed"), learner
        grades = rows(http.get("/dashboard/grades.csv").content)
        assert grades[1][1:4] == ["Sari", "50", "Lulus"], grades


def test_attempts_are_checked_and_phones_without_them_still_count(tmp_path: Path) -> None:
    edition = prepare(ROOT / "tests" / "courses" / "mini")
    single = edition.questions[edition.final_iids[0]]
    check = next(q for q in edition.questions.values() if not q.final and q.choices)
    with in_thread(edition, tmp_path) as room, httpx.Client(
            base_url=f"http://127.0.0.1:{port_of(room)}", timeout=10) as http:
        token = join(http, room, "Sari")
        for bad in (final_event(1, check, sorted(check.correct), 1),  # a check has no attempts
                    final_event(1, single, sorted(single.correct), -1),
                    {"seq": 1, "kind": "interaction",
                     "data": {"iid": single.iid, "choices": sorted(single.correct), "attempt": 1.5}},
                    {"seq": 1, "kind": "interaction",
                     "data": {"iid": single.iid, "choices": sorted(single.correct), "attempt": "2"}}):
            r = http.post("/api/events", json={"events": [bad]}, headers=auth(token))
            assert r.status_code == 422, bad
        # an outbox written before attempts were sent: its answers count as one attempt
        old = [final_event(1, single, sorted(single.correct), None)]
        assert http.post("/api/events", json={"events": old}, headers=auth(token)).json() == {
            "stored": 1}
        assert [row["attempt"] for row in room.store.answers()] == [0]


def test_a_session_file_from_before_attempts_keeps_its_answers(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE learners (id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL, nip TEXT NOT NULL DEFAULT '', joined_at REAL NOT NULL,
            last_seen REAL NOT NULL, bookmark TEXT NOT NULL DEFAULT '',
            suspend TEXT NOT NULL DEFAULT '', progress REAL NOT NULL DEFAULT 0,
            finished INTEGER NOT NULL DEFAULT 0, state_t REAL NOT NULL DEFAULT -1,
            shared TEXT NOT NULL DEFAULT '[]');
        CREATE TABLE answers (learner_id INTEGER NOT NULL REFERENCES learners(id),
            iid TEXT NOT NULL, choices TEXT NOT NULL, correct INTEGER NOT NULL,
            answered_at REAL NOT NULL, PRIMARY KEY (learner_id, iid));
        INSERT INTO learners (id, token_hash, name, joined_at, last_seen) VALUES (1, 'x', 'Sari', 1, 1);
        INSERT INTO answers VALUES (1, 'akhir.akhir_satu', '["a"]', 1, 5);
    """)
    db.close()
    from builder.classroom.store import Store

    store = Store(path)
    try:
        rows = [dict(r) for r in store.answers()]
        assert rows == [{"learner_id": 1, "iid": "akhir.akhir_satu", "choices": '["a"]',
                         "correct": 1, "answered_at": 5.0, "attempt": 0}]
    finally:
        store.close()


def test_one_learners_slip_is_not_ranked_among_the_most_difficult(
        http: httpx.Client, room: Classroom, edition: Edition) -> None:
    """A question one of three learners answered wrongly (0 %) ranked first, above one the whole
    class found hard: a question needs three answers (fewer only in a smaller class)."""
    checks = [iid for iid, q in edition.questions.items() if not q.final and q.choices][:2]
    tokens = [join(http, room, name) for name in ("Ani", "Budi", "Citra")]
    http.post("/api/events", json={"events": [answer_event(edition, 1, checks[0], False)]},
              headers=auth(tokens[0]))
    for n, token in enumerate(tokens):
        http.post("/api/events", json={"events": [answer_event(edition, 2, checks[1], n == 0)]},
                  headers=auth(token))
    facilitator(http, room)
    state = http.get("/dashboard/state").json()
    assert state["difficult"] == [checks[1]], state["difficult"]
