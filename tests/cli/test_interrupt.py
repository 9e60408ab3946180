"""Ctrl-C during a large batch: the whole process group gets SIGINT, as from a terminal.
The run stops with exit code 130 and one line, and leaves no report, no temporary file and
no worker process behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from clirun import REPO

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
#: Rows of the generated file: several seconds of work with two processes.
ROWS = 40_000


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
def test_ctrl_c_leaves_no_report_behind(tmp_path, cli_env):
    lines = SUPPLIERS.read_text(encoding="utf-8").splitlines(keepends=True)
    header, body = lines[0], lines[1:]
    big = tmp_path / "big.csv"
    big.write_text(header + "".join(body[i % len(body)] for i in range(ROWS)), encoding="utf-8")
    out = tmp_path / "out" / "hits.csv"
    out.parent.mkdir()
    screen = [sys.executable, "-c", "from screening_cli.app import main; main()"]
    command = [*screen, str(big), "--jobs", "2", "--format", "csv", "-o", str(out)]
    process = subprocess.Popen(
        command,
        env=cli_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_interruptible,
    )
    deadline = time.monotonic() + 60
    # Wait until the rows are being screened: the report's temporary file exists.
    while not any(out.parent.iterdir()) and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be interrupted"
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    text = stderr.decode("utf-8", "replace")
    assert process.returncode == 130, text
    assert "Traceback" not in text
    assert [line for line in text.splitlines() if line.strip()][-1].startswith("interrupted")
    assert list(out.parent.iterdir()) == []  # no report, no temporary file
    assert _group_gone(process.pid), "worker processes outlived the interrupted run"
    history = subprocess.run(
        [*screen, "history", "--format", "json"], env=cli_env, capture_output=True, check=True
    )
    (run,) = json.loads(history.stdout)
    assert (run["status"], run["exit_code"], run["error"]) == ("failed", 130, "interrupted")


def _interruptible() -> None:
    """In the child before it runs: Ctrl-C as a terminal delivers it. A test runner started
    in the background by a shell (`pytest &`) ignores SIGINT, and a process that starts with
    SIGINT ignored keeps ignoring it, as `nohup` and background jobs intend: the run would
    then go on to its end whatever this test sends."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _group_gone(group: int, wait: float = 10.0) -> bool:
    """Whether every process of the group has ended (within `wait` seconds)."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False
