"""dist/ as a transaction: every artifact complete (old or new), the report saying exactly what is there.

Failures are injected into the real commit (each mkdir, write, link, rename and replace in turn),
real processes are killed in the middle of it, built side by side, and built to a mount point.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support.dist import (PYTHON, ROOT, artifacts, assert_consistent, cli_build, report, run_build,
                          snapshot, stages, two_versions)

import builder.package as package
from builder.build import build
from builder.errors import UsageError
from builder.package import MARKER, locked_output


class Built:
    """Two versions of the mini course, a pristine dist/ of each, and their artifacts."""

    def __init__(self, tmp: Path) -> None:
        self.old_source, self.new_source = two_versions(tmp / "src")
        self.old_dist, self.new_dist = tmp / "old" / "dist", tmp / "new" / "dist"
        build(self.old_source, self.old_dist)
        build(self.new_source, self.new_dist)
        self.old = assert_consistent(self.old_dist)
        self.new = assert_consistent(self.new_dist)
        assert set(self.old) == set(self.new)
        assert not set(self.old.values()) & set(self.new.values())  # every artifact differs

    def fresh_old(self, dist: Path) -> Path:
        """A dist/ holding the old build, as a build left it."""
        if dist.exists():
            shutil.rmtree(dist)
        shutil.copytree(self.old_dist, dist)
        return dist

    def assert_each_old_or_new(self, dist: Path) -> None:
        """Every artifact there is the complete old or the complete new version."""
        for name, digest in artifacts(dist).items():
            assert digest in (self.old[name], self.new[name]), name


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The mini course built twice, as two versions."""
    return Built(tmp_path_factory.mktemp("versions"))


STEPS = ("mkdir", "link", "rename", "replace")


class Faults:
    """Count the file-system steps of a build, and fail the k-th one."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail_at: int,
                 failure: Callable[[], BaseException]) -> None:
        self.count, self.fail_at, self.failure, self.failed = 0, fail_at, failure, ""
        self.steps: list[str] = []
        for name in STEPS:
            monkeypatch.setattr(os, name, self.wrap(name, getattr(os, name)))
        monkeypatch.setattr(package, "write_new", self.wrap("write", package.write_new))

    def wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        """The real step, failing when its turn comes."""

        def step(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            self.steps.append(name)
            if self.count == self.fail_at:
                self.failed = f"{name}{args[:2]}"
                raise self.failure()
            return real(*args, **kwargs)

        return step


def count_steps(built: Built, dist: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The steps a build of the new version over the old one takes, in order."""
    built.fresh_old(dist)
    with monkeypatch.context() as patch:
        faults = Faults(patch, 0, lambda: AssertionError("never"))
        build(built.new_source, dist)
    assert_consistent(dist)
    assert artifacts(dist) == built.new
    return faults.steps


@pytest.mark.slow
@pytest.mark.parametrize("failure", [
    lambda: OSError(errno.ENOSPC, "injected: no space left on device"),
    KeyboardInterrupt,
], ids=["ENOSPC", "KeyboardInterrupt"])
def test_a_failure_at_every_step_leaves_the_old_build_whole(
        built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        failure: Callable[[], BaseException]) -> None:
    dist = tmp_path / "dist"
    steps = count_steps(built, dist, monkeypatch)
    names = len(built.old)
    assert steps.count("write") >= 2 * names and steps.count("replace") == names + 2
    # a stop can come at any step; a full disk only when writing or making a folder
    kinds = ("link", "rename", "replace") if failure is KeyboardInterrupt else STEPS + ("write",)
    old_report = report(built.old_dist)
    for k in (k for k, step in enumerate(steps, 1) if step in kinds):
        built.fresh_old(dist)
        with monkeypatch.context() as patch:
            faults = Faults(patch, k, failure)
            try:
                build(built.new_source, dist)
            except UsageError as exc:
                assert exc.code == "output-unwritable"
            except KeyboardInterrupt:
                pass
            else:  # shrugged off: `mkdir(exist_ok=True)` of dist/, a link (renamed aside instead)
                assert faults.failed.startswith(("mkdir", "link")), faults.failed
                assert assert_consistent(dist) == built.new
                continue
        assert faults.failed, k
        # the commit point was never reached: the old build, whole, and its report
        assert assert_consistent(dist) == built.old, f"step {k}: {faults.failed}"
        assert report(dist) == old_report
    # nothing was left to clean up; the next build puts the new version in place
    build(built.new_source, dist)
    assert assert_consistent(dist) == built.new


KILLER = textwrap.dedent("""
    import os, shutil, signal, sys
    import builder.package
    from builder.cli import main

    moment, number, sig = sys.argv[1], int(sys.argv[2]), getattr(signal, sys.argv[3])
    count = 0

    def stop_at(real):
        def step(*args, **kwargs):
            global count
            count += 1
            if count == number:
                os.kill(os.getpid(), sig)
            return real(*args, **kwargs)
        return step

    if moment == "commit":  # the k-th link, rename or replace of the build
        os.link, os.rename, os.replace = stop_at(os.link), stop_at(os.rename), stop_at(os.replace)
    elif moment == "cleanup":  # removing the stage once the report is in place
        shutil.rmtree = stop_at(shutil.rmtree)
    elif moment == "staging":  # the k-th file written into the stage
        builder.package.write_new = stop_at(builder.package.write_new)
    else:  # a step of the pipeline: "load", "render"
        import builder.build
        name = {"load": "check_and_resolve", "render": "render_learner_edition"}[moment]
        setattr(builder.build, name, stop_at(getattr(builder.build, name)))
    sys.exit(main(sys.argv[4:]))
""")


def stopped_build(moment: str, number: int, sig: str, source: Path, dist: Path
                  ) -> subprocess.CompletedProcess[str]:
    """A real `coursepack build` that sends itself a signal at a chosen moment."""
    return subprocess.run(
        [PYTHON, "-c", KILLER, moment, str(number), sig, "--lang", "en", "build", str(source),
         "-o", str(dist)], cwd=ROOT, capture_output=True, text=True, timeout=300,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


@pytest.mark.slow
def test_a_hard_kill_at_every_commit_step_is_recovered_by_the_next_build(
        built: Built, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    old_report = report(built.old_dist)
    names = sorted(built.old)
    # plan.json, then a link or rename and a rename per artifact, then the report
    steps = 1 + 2 * len(names) + 1
    for k in range(1, steps + 1):
        built.fresh_old(dist)
        result = stopped_build("commit", k, "SIGKILL", built.new_source, dist)
        assert result.returncode == -signal.SIGKILL, (k, result.stderr)
        built.assert_each_old_or_new(dist)
        assert report(dist) == old_report  # the commit point was not reached
        [stage] = stages(dist)
        for name in names:  # missing only in the instant between a folder's two renames
            assert (dist / name).exists() or (dist / stage / "old" / name).is_dir(), (k, name)
        with locked_output(dist, dist):  # what the next build does first
            pass
        assert assert_consistent(dist) == built.old, k
    assert stopped_build("commit", steps + 1, "SIGKILL", built.new_source, dist).returncode == 0
    assert assert_consistent(dist) == built.new  # one past the last step: the build finished


def test_a_hard_kill_after_the_report_keeps_the_new_build(built: Built, tmp_path: Path) -> None:
    dist = built.fresh_old(tmp_path / "dist")
    result = stopped_build("cleanup", 1, "SIGKILL", built.new_source, dist)
    assert result.returncode == -signal.SIGKILL
    assert assert_consistent(dist, leftovers=True) == built.new
    assert len(stages(dist)) == 1
    assert run_build(built.old_source, dist).returncode == 0
    assert assert_consistent(dist) == built.old  # and the leftover stage is gone


SIGNALS = [("SIGINT", 130, "Ctrl-C"), ("SIGTERM", 143, "SIGTERM")]
MOMENTS = [("load", 1), ("render", 1), ("staging", 12), ("commit", 1), ("commit", 8),
           ("commit", 14), ("cleanup", 1)]


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code", "said"), SIGNALS, ids=[s[0] for s in SIGNALS])
def test_ctrl_c_and_sigterm_at_any_moment_stop_with_one_line(
        built: Built, tmp_path: Path, sig: str, code: int, said: str) -> None:
    dist = tmp_path / "dist"
    for moment, number in MOMENTS:
        built.fresh_old(dist)
        result = stopped_build(moment, number, sig, built.new_source, dist)
        assert result.returncode == code, (moment, number, result.stderr)
        assert result.stderr == (f"coursepack: stopped by {said}; every package in the output "
                                 "folder is complete (the previous build's or this one's)\n")
        assert result.stdout == ""
        state = assert_consistent(dist, leftovers=moment == "cleanup")
        # signals wait for the commit to end: before it the old build, from it on the new one
        assert state == (built.new if moment in ("commit", "cleanup") else built.old)
    assert cli_build(built.old_source, dist).returncode == 0  # a stage left by "cleanup" goes
    assert assert_consistent(dist) == built.old


def loaded(pid: int, library: str) -> bool:
    """True once a process has mapped a shared library (it is importing our dependencies)."""
    try:
        return library in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


@pytest.mark.parametrize(("sig", "code", "said"), SIGNALS, ids=[s[0] for s in SIGNALS])
def test_a_stop_while_the_command_is_still_starting_is_one_line(
        built: Built, tmp_path: Path, sig: str, code: int, said: str) -> None:
    dist = built.fresh_old(tmp_path / "dist")
    script = Path(sys.executable).parent / "coursepack"
    command = [str(script) if script.exists() else sys.executable, "--lang", "en", "build",
               str(built.new_source), "-o", str(dist)]
    if not script.exists():
        command[1:1] = ["-m", "builder"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, preexec_fn=lambda: signal.signal(signal.SIGINT,
                                                                           signal.SIG_DFL))
    while process.poll() is None and not loaded(process.pid, "markupsafe"):
        pass  # Jinja's speedups load when the build command imports the pipeline
    process.send_signal(getattr(signal, sig))
    out, err = process.communicate(timeout=120)
    assert process.returncode == code, err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert err.startswith(f"coursepack: stopped by {said}")
    assert out == ""
    assert assert_consistent(dist) == built.old


@pytest.mark.slow
def test_concurrent_builds_into_one_dist_end_with_one_whole_build(
        built: Built, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    sources = [built.old_source, built.new_source, built.old_source, built.new_source]
    processes = [subprocess.Popen([PYTHON, "-m", "builder", "--lang", "en", "build", str(s), "-o",
                                   str(dist)], cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for s in sources]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in processes]
    for returncode, err in results:
        assert returncode == 0, err
        assert err in ("", f"coursepack: another coursepack build is writing to {dist}; "
                           "waiting up to 60 s\n")
    state = assert_consistent(dist)
    assert state in (built.old, built.new)


@pytest.fixture
def held_lock(tmp_path: Path) -> Iterator[Path]:
    """A dist/ whose lock another build holds."""
    dist = tmp_path / "dist"
    dist.mkdir()
    fd = os.open(dist / MARKER, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield dist
    finally:
        os.close(fd)


def test_a_build_stops_clearly_when_dist_stays_busy(built: Built, held_lock: Path) -> None:
    with pytest.raises(UsageError) as caught:
        build(built.new_source, held_lock, lock_wait=0.3)
    assert caught.value.text() == (f"another coursepack build is writing to {held_lock}; wait for "
                                   "it to finish, then build again")
    assert sorted(p.name for p in held_lock.iterdir()) == [MARKER]


def test_a_build_waits_for_the_other_one_and_says_so(built: Built, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    fd = os.open(dist / MARKER, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another build is writing
    try:
        process = subprocess.Popen([PYTHON, "-m", "builder", "--lang", "en", "build",
                                    str(built.new_source), "-o", str(dist)], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert process.stderr is not None
        line = process.stderr.readline()  # said once the lock is found busy
        assert line == (f"coursepack: another coursepack build is writing to {dist}; "
                        "waiting up to 60 s\n")
        assert process.poll() is None  # still waiting, nothing written yet
        assert sorted(p.name for p in dist.iterdir()) == [MARKER]
    finally:
        os.close(fd)  # the other build ends
    assert process.wait(timeout=300) == 0, process.stderr.read()
    assert assert_consistent(dist) == built.new


def mount_tmpfs(folder: Path) -> None:
    """Mount a fresh tmpfs on a folder, or skip saying why."""
    folder.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root in a privileged container): "
                    f"{result.stderr.strip()}")


def test_a_build_to_the_root_of_a_mounted_file_system(built: Built, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    mount_tmpfs(usb)
    try:
        assert usb.stat().st_dev != tmp_path.stat().st_dev
        for source, expected in ((built.old_source, built.old), (built.new_source, built.new)):
            result = run_build(source, usb)
            assert result.returncode == 0, result.stderr
            assert assert_consistent(usb) == expected
    finally:
        subprocess.run(["umount", str(usb)], check=True)


@pytest.mark.slow
def test_nothing_is_written_outside_the_output_folder(built: Built, tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(built.old_source, work / "kursus")
    (work / "canary.txt").write_text("tidak boleh berubah")
    (work / "lain").mkdir()
    dist = work / "dist"
    before = snapshot(work, dist)
    assert cli_build(work / "kursus", dist).returncode == 0
    assert cli_build(work / "kursus", dist, "--target", "scorm12").returncode == 0
    assert stopped_build("commit", 3, "SIGTERM", work / "kursus", dist).returncode == 143
    assert stopped_build("commit", 4, "SIGKILL", work / "kursus", dist).returncode == -9
    assert stopped_build("staging", 2, "SIGINT", work / "kursus", dist).returncode == 130
    assert cli_build(work / "kursus", dist).returncode == 0
    assert snapshot(work, dist) == before
    assert_consistent(dist)


def test_links_planted_in_dist_are_replaced_not_followed(built: Built, tmp_path: Path) -> None:
    outside = tmp_path / "di-luar"
    outside.mkdir()
    (outside / "index.html").write_text("milik orang lain")
    (outside / "laporan.json").write_text("{}")
    dist = built.fresh_old(tmp_path / "dist")
    for name in ("kursus-mini-offline", "kursus-mini-facilitator"):
        shutil.rmtree(dist / name)
        (dist / name).symlink_to(outside)
    (dist / "kursus-mini-scorm12.zip").unlink()
    (dist / "kursus-mini-scorm12.zip").symlink_to(outside / "laporan.json")
    (dist / "build-report.json").unlink()
    (dist / "build-report.json").symlink_to(outside / "laporan.json")
    before = snapshot(tmp_path, dist)
    result = run_build(built.new_source, dist)
    assert result.returncode == 0, result.stderr
    assert assert_consistent(dist) == built.new
    assert not any(p.is_symlink() for p in dist.iterdir())
    assert snapshot(tmp_path, dist) == before
