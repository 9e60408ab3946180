"""Several `screen review` runs adding to one decisions file at once: no row is lost, and
what the file held (other columns, their values, its permissions) stays."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from screening.errors import ConfigError, InputFileError
from screening.review import Decision, append_decision, read_decisions
from screening.review.locking import lock_path, locked

REPO = Path(__file__).resolve().parents[1]

#: Processes and appends each: the figures the race was measured with (4 x 20 lost 3 of 81).
WRITERS, APPENDS = 4, 20

#: Each writer says it is ready, then waits for the go file, so that all append at once.
WRITER = """
import sys, time
from dataclasses import replace
from datetime import date
from pathlib import Path
from screening.review import Decision, append_decision
path, go, writer, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
Path(f"{go}.{writer}").touch()  # ready
while not go.exists():
    time.sleep(0.001)
for number in range(count):
    append_decision(path, Decision(
        entry_id="el-1", decision="false_positive", reviewer=writer,
        decided_on=date(2025, 4, 1), input_id=f"{writer}-{number}",
    ))
"""

HEADER = "input_id,ticket,entry_id,decision,reviewer,date,reason\n"
FIRST = "V0,T-17,el-1,confirmed,kim,2025-03-01,seen before\n"


def _writers(path: Path, tmp_path: Path, count: int) -> list[subprocess.Popen[bytes]]:
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(go), f"w{n}", str(count)],
            env=env,
            stderr=subprocess.PIPE,
        )
        for n in range(WRITERS)
    ]
    for _ in range(6000):  # up to a minute for the interpreters to start on a busy machine
        if all(Path(f"{go}.w{n}").exists() for n in range(WRITERS)):
            break
        time.sleep(0.01)
    go.touch()
    return started


def test_concurrent_writers_lose_no_row_and_keep_columns_and_mode(tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_text(HEADER + FIRST)
    path.chmod(0o664)
    for writer in _writers(path, tmp_path, APPENDS):
        _, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors.decode()
    ids = [d.input_id for d in read_decisions(path)]
    expected = {"V0"} | {f"w{w}-{n}" for w in range(WRITERS) for n in range(APPENDS)}
    assert len(ids) == len(expected) == WRITERS * APPENDS + 1
    assert set(ids) == expected
    lines = path.read_text().splitlines()
    assert lines[:2] == [HEADER.strip(), FIRST.strip()]
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def decision(input_id: str = "V9") -> Decision:
    return Decision(
        entry_id="el-2",
        decision="false_positive",
        reviewer="lee",
        decided_on=date(2025, 4, 2),
        input_id=input_id,
        reason="another firm",
    )


def test_other_columns_values_bom_and_mode_are_kept(tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + FIRST).encode())
    path.chmod(0o640)
    append_decision(path, decision())
    assert path.read_bytes().startswith(b"\xef\xbb\xbf" + HEADER.strip().encode())
    assert path.read_text(encoding="utf-8-sig").splitlines() == [
        HEADER.strip(),
        FIRST.strip(),
        "V9,,el-2,false_positive,lee,2025-04-02,another firm",
    ]
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_known_column_the_file_lacks_is_added_when_needed(tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_text(HEADER + FIRST)
    append_decision(path, Decision("el-3", "confirmed", "lee", date(2025, 4, 2), "V8"))
    assert path.read_text().splitlines()[0] == HEADER.strip()  # nothing new to hold
    append_decision(path, Decision("el-3", "confirmed", "lee", date(2025, 4, 2), "V7", "Acme"))
    assert path.read_text().splitlines()[0] == HEADER.strip() + ",input_name"
    assert [d.input_name for d in read_decisions(path)] == ["", "", "Acme"]


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    previous = os.umask(0o022)
    try:
        append_decision(tmp_path / "new.csv", decision())
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644


def test_a_symlinked_file_is_written_through_the_link(tmp_path):
    shared = tmp_path / "shared.csv"
    shared.write_text(HEADER + FIRST)
    link = tmp_path / "decisions.csv"
    link.symlink_to(shared)
    append_decision(link, decision())
    assert link.is_symlink()
    assert [d.input_id for d in read_decisions(shared)] == ["V0", "V9"]


def test_a_held_lock_makes_a_writer_wait_then_give_up_in_one_line(tmp_path):
    path = tmp_path / "decisions.csv"
    with locked(path):
        with pytest.raises(InputFileError) as error, locked(path, wait=0.05):
            pass
    assert str(error.value) == (
        f"{path} is being changed by another process (it has held {lock_path(path)} for "
        "over 0.05 s); try again once it has finished"
    )
    with locked(path):  # released: taken again at once
        pass


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    path = tmp_path / "decisions.csv"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path\n"
            "from screening.review.locking import locked\n"
            "with locked(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)",
            str(path),
        ],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        with pytest.raises(InputFileError), locked(path, wait=0.05):
            pass
    finally:
        holder.kill()
        holder.wait()
    append_decision(path, decision())  # the kernel dropped the lock with its holder
    assert [d.input_id for d in read_decisions(path)] == ["V9"]


def test_a_failed_write_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "decisions.csv"
    path.write_text(HEADER + FIRST)
    with pytest.raises(ConfigError, match=r"decisions.csv: '\\udcff' is not text"):
        append_decision(path, replace(decision(), reason="bad \udcff byte"))

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ConfigError, match="decisions.csv: No space left on device"):
        append_decision(path, decision())
    assert path.read_text() == HEADER + FIRST
    assert sorted(p.name for p in tmp_path.iterdir()) == [".decisions.csv.lock", "decisions.csv"]
