"""The worker pool when a worker dies (killed, out of memory): the run stops with one error
line instead of waiting forever for rows nobody is screening."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from processes import running

import screening.engines.local as engine
from screening.defaults import CHUNK_ROWS
from screening.engines.local import PARALLEL_CHUNK
from screening.errors import ScreeningError, WorkerError
from screening.inputs import read_suppliers
from screening.models import Supplier
from screening.options import ScreenOptions
from screening.screen import screen_suppliers

REPO = Path(__file__).resolve().parents[1]
SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
#: A supplier name that makes the worker screening it kill itself (test hook below).
DOOMED = "Doomed Worker Trading Co"
#: Longest a run may take to stop once its worker died; before the fix it never stopped.
DEADLINE = 60

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="rows are screened in forked processes only",
)


def _rows(count: int, doomed_at: int) -> list[Supplier]:
    """`count` rows of the sample suppliers, renumbered, row `doomed_at` named `DOOMED`."""
    base, _ = read_suppliers(SUPPLIERS)
    rows = [base[i % len(base)] for i in range(count)]
    return [Supplier(row=i, name=DOOMED if i == doomed_at else s.name, country=s.country,
                     input_id=str(i)) for i, s in enumerate(rows, start=1)]  # fmt: skip


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Fail the test, rather than hang the suite, when the block outlasts `seconds`."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still waiting after {seconds} s: the run hangs")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _dying_match_each(real):  # type: ignore[no-untyped-def]
    """The worker's row loop, killing its own process (as `kill -9` would) when it meets
    `DOOMED`: installed before the pool forks, so only the workers run it."""
    parent = os.getpid()

    def match_each(matcher, suppliers, floor):  # type: ignore[no-untyped-def]
        if os.getpid() != parent and any(s.name == DOOMED for s in suppliers):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(matcher, suppliers, floor)

    return match_each


def test_a_killed_worker_stops_the_run_with_a_screening_error(monkeypatch, sample_list):
    rows = _rows(CHUNK_ROWS + 3 * PARALLEL_CHUNK, doomed_at=CHUNK_ROWS + 10)  # 2nd chunk
    monkeypatch.setattr(engine, "_match_each", _dying_match_each(engine._match_each))
    before = set(multiprocessing.active_children())  # an earlier test's Dask cluster closing
    started = time.monotonic()
    with _deadline(DEADLINE), pytest.raises(WorkerError) as raised:
        screen_suppliers(rows, [sample_list], ScreenOptions(as_of=date(2025, 3, 26), jobs=2))
    assert time.monotonic() - started < DEADLINE
    assert isinstance(raised.value, ScreeningError)  # the CLI's exit code 2 and audit record
    message = str(raised.value)
    assert "\n" not in message
    assert "worker process" in message and "--jobs 1" in message
    left = set(multiprocessing.active_children()) - before
    assert running(left) == []  # the other worker is gone too


def test_the_cli_fails_with_exit_2_and_records_the_run_when_a_worker_is_killed(tmp_path, cli_env):
    lines = SUPPLIERS.read_text(encoding="utf-8").splitlines(keepends=True)
    header, body = lines[0], lines[1:]
    rows = [body[i % len(body)] for i in range(6_000)]
    rows[4_321] = f'"V-DOOMED","{DOOMED}","CN","Shenzhen"\n'  # the fixture's columns
    big = tmp_path / "big.csv"
    big.write_text(header + "".join(rows), encoding="utf-8")
    out = tmp_path / "out" / "hits.csv"
    out.parent.mkdir()
    hooked = (
        "import sys; sys.path.insert(0, sys.argv.pop(1)); import test_pool; "
        "import screening.engines.local as s; "
        "s._match_each = test_pool._dying_match_each(s._match_each); "
        "from screening_cli.app import main; main()"
    )
    command = [sys.executable, "-c", hooked, str(Path(__file__).parent), str(big), "--jobs", "2",
               "--format", "csv", "-o", str(out)]  # fmt: skip
    process = subprocess.Popen(
        command, env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        _, stderr = process.communicate(timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"the run still waited {DEADLINE} s after its worker was killed")
    text = stderr.decode("utf-8", "replace")
    assert process.returncode == 2, text
    assert "Traceback" not in text
    error = [line for line in text.splitlines() if line.startswith("error:")]
    assert len(error) == 1 and "worker process of --jobs 2" in error[0], text
    assert list(out.parent.iterdir()) == []  # no report, no temporary file
    history = subprocess.run(
        [
            sys.executable,
            "-c",
            "from screening_cli.app import main; main()",
            "history",
            "--format",
            "json",
        ],
        env=cli_env,
        capture_output=True,
        check=True,
    )
    (run,) = json.loads(history.stdout)
    assert (run["status"], run["exit_code"]) == ("failed", 2)
    assert run["error"] == error[0].removeprefix("error: ")
