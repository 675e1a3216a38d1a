"""SIGTERM to the parent of a run with workers (issue 18): handled as Ctrl-C is, the pool shut down,
exit code 143; and workers die with their parent however it ends, so the caller's pipes are closed
and ``communicate()`` returns. Every wait is on an event (a result read, a process ended), with a
generous timeout that only a hang reaches."""

import os
import re
import select
import signal
import subprocess
import sys

import pytest
from conftest import ROOT
from test_hostile import _copies_of_the_sample, _started

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals, /proc and pidfd")


def _children(pid: int) -> list:
    """The processes whose parent is ``pid`` (from /proc), each with a pidfd to wait on."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        if ppid == pid:
            try:
                found.append((int(entry), os.pidfd_open(int(entry))))
            except ProcessLookupError:
                pass
    return found


def _all_ended(children, timeout=60) -> list:
    """Wait for each child to end (its pidfd becomes readable); the pids still running after ``timeout``
    (then killed, so that a failing test leaves nothing behind)."""
    left = []
    for pid, fd in children:
        try:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                left.append(pid)
                signal.pidfd_send_signal(fd, signal.SIGKILL)
        finally:
            os.close(fd)
    return left


def _ends(proc, children, timeout=60):
    """``proc.communicate(timeout)``; where it times out, the run and its children are killed (a
    failing test leaves nothing running) and the timeout raised."""
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        _all_ended(children, 0)
        raise


def _check(folder):
    _copies_of_the_sample(folder, 300)
    return subprocess.Popen(
        [sys.executable, "-m", "checker", "check", str(folder), "--format", "json", "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_sigterm_to_the_parent_of_check_shuts_its_workers_down(tmp_path):
    proc = _check(tmp_path)
    _started(proc)  # a worker has checked a chunk
    children = _children(proc.pid)
    assert len(children) >= 2  # the two workers (and spawn's resource tracker)
    proc.send_signal(signal.SIGTERM)  # the parent only
    _, err = _ends(proc, children)
    err = err.decode("utf-8")
    assert "Traceback" not in err
    assert (proc.returncode, err.strip()) == (143, "已终止（SIGTERM）")
    assert _all_ended(children) == []


def test_workers_die_with_their_parent_however_it_ends(tmp_path):
    """SIGKILL leaves the parent no say: the kernel ends the workers (PR_SET_PDEATHSIG), and the
    caller's pipes, which they held, close."""
    proc = _check(tmp_path)
    _started(proc)
    children = _children(proc.pid)
    assert len(children) >= 2
    proc.send_signal(signal.SIGKILL)
    _ends(proc, children)
    assert proc.returncode == -signal.SIGKILL
    assert _all_ended(children) == []


def test_sigterm_to_the_parent_of_score_shuts_its_workers_down(tmp_path):
    folder = tmp_path / "cohort"
    folder.mkdir()
    _copies_of_the_sample(folder, 300)
    for i, path in enumerate(sorted(folder.iterdir())):  # 300 counties: one region and year each
        path.write_text(
            path.read_text(encoding="utf-8").replace("region: 社旗县", f"region: 县{i:03d}"), encoding="utf-8"
        )
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "score", str(folder), "--format", "json", "--jobs", "2", "--progress"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    seen = b""
    while not re.search(rb"\b[1-9]\d*/300\b", seen):  # the progress bar: a chunk has been scored
        chunk = proc.stderr.read1(4096)
        assert chunk, "the run ended before any county was scored"
        seen = seen[-64:] + chunk
    children = _children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    out, err = _ends(proc, children)
    err = err.decode("utf-8", "replace")
    assert "Traceback" not in err
    assert proc.returncode == 143 and err.rstrip().endswith("已终止（SIGTERM）")
    assert _all_ended(children) == []
