"""The audit trail: runs, their lists and hits written and read back, in SQLite and (where a
server can be started) PostgreSQL, with concurrent writers."""

from __future__ import annotations

import multiprocessing
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select, text

from screening.audit import (
    SCHEMA_VERSION,
    AuditError,
    AuditLog,
    RunInfo,
    run_hits,
    runs,
    schema_info,
    sqlite_url,
)
from screening.audit_write import record_run
from screening.gate import result_failures
from screening.models import ListSnapshot, ScreeningResult
from screening.options import ScreenOptions
from screening.screen import lookup

STARTED = datetime(2025, 3, 26, 9, 0, tzinfo=UTC)
FINISHED = datetime(2025, 3, 26, 9, 0, 5, tzinfo=UTC)
#: Runs each of the two concurrent writers records.
WRITES_PER_PROCESS = 25


def _info(**extra: object) -> RunInfo:
    values: dict[str, object] = {
        "command": "check",
        "started_at": STARTED,
        "user": "alice",
        "host": "ci-1",
        "input_path": "suppliers.csv",
        "input_sha256": "ab" * 32,
        "threshold": 85.0,
        "fail_on": "pending",
    }
    values.update(extra)
    return RunInfo(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def result(sample_list: ListSnapshot) -> ScreeningResult:
    """A lookup of the sample list with hits, one of them failing the gate."""
    found = lookup(
        "Huawei Technologies", [sample_list], ScreenOptions(as_of=date(2025, 3, 26), show_from=60)
    )
    assert found.findings and result_failures(found)
    return found


# --- PostgreSQL: a throwaway cluster when the server is installed ---------------------------


def _pg_bindir() -> Path | None:
    found = shutil.which("initdb")
    candidates = [Path(found).parent] if found else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server started for this session (skipped when none is
    installed or it cannot start)."""
    pytest.importorskip("psycopg")
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (no initdb/pg_ctl)")
    base = Path(tempfile.mkdtemp(prefix="screen-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: run the server as `postgres`
        runuser = shutil.which("runuser")
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            account = None
        if runuser is None or account is None:
            shutil.rmtree(base, ignore_errors=True)
            pytest.skip("running as root without a `postgres` account to run the server")
        os.chown(base, account.pw_uid, account.pw_gid)
        prefix = [runuser, "-u", "postgres", "--"]
    data, port = base / "data", _free_port()
    options = f"-p {port} -h 127.0.0.1 -k {base} -F"
    try:
        subprocess.run(
            [*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "screen", "-A", "trust"]
            + ["-E", "UTF8", "--no-sync"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", options]
            + ["-l", str(base / "log"), "-w", "-t", "60", "start"],
            check=True,
            capture_output=True,
            timeout=90,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"could not start a PostgreSQL server: {exc}")
    try:
        yield f"postgresql+psycopg://screen@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(base, ignore_errors=True)


def _pg_database(server: str) -> str:
    name = f"audit_{uuid.uuid4().hex[:12]}"
    engine = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return f"{server}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty audit database of each kind."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "audit.sqlite3")
    return _pg_database(request.getfixturevalue("pg_server"))


# --- tests ---------------------------------------------------------------------------------


def test_a_run_is_written_and_read_back(db_url: str, result: ScreeningResult) -> None:
    with AuditLog(db_url) as log:
        run_id = log.record_result(_info(), result, finished_at=FINISHED, exit_code=1)
        run = log.run(run_id)
    assert run is not None
    assert (run.command, run.status, run.exit_code, run.error) == ("check", "ok", 1, None)
    assert (run.user, run.host, run.input_path) == ("alice", "ci-1", "suppliers.csv")
    assert run.started_at == STARTED and run.finished_at == FINISHED
    assert (run.as_of, run.threshold, run.fail_on) == (date(2025, 3, 26), 85.0, "pending")
    assert run.input_rows == result.rows
    assert [(s.name, s.sha256, s.entries) for s in run.lists] == [
        (s.name, s.sha256, s.entry_count) for s in result.lists
    ]
    assert len(run.hits) == run.hit_count == len(result.findings)
    assert run.failing == len(result_failures(result)) == sum(h.fails_gate for h in run.hits)
    first, finding = run.hits[0], result.findings[0]
    assert (first.row, first.entry_id, first.matched_name, first.status) == (
        finding.match.supplier.row,
        finding.match.entry.entry_id,
        finding.match.matched_name,
        finding.status.value,
    )
    assert first.score == pytest.approx(finding.match.score)
    assert all(h.decision is None for h in run.hits)


def test_recent_runs_come_newest_first_with_counts(db_url: str, result: ScreeningResult) -> None:
    with AuditLog(db_url) as log:
        first = log.record_result(_info(), result, finished_at=FINISHED, exit_code=1)
        second = log.record_result(
            _info(command="lookup", input_path=None, input_name="Huawei"),
            result,
            finished_at=FINISHED,
            exit_code=1,
        )
        recent = log.recent_runs(10)
        assert [r.id for r in recent] == [second, first]
        assert recent[0].input_name == "Huawei" and recent[0].hits == ()
        assert recent[1].hit_count == len(result.findings)
        assert [r.id for r in log.recent_runs(1)] == [second]
        assert log.run(second + 100) is None


def test_a_failed_run_is_recorded_with_its_message(db_url: str) -> None:
    with AuditLog(db_url) as log:
        run_id = log.record_failure(
            _info(), "input file x.csv does not exist", finished_at=FINISHED
        )
        run = log.run(run_id)
    assert run is not None
    assert (run.status, run.exit_code) == ("failed", 2)
    assert run.error == "input file x.csv does not exist"
    assert run.lists == () and run.hits == () and run.input_rows is None


def test_the_schema_is_created_once(db_url: str) -> None:
    for _ in range(3):
        with AuditLog(db_url) as log:
            assert log.schema_version == SCHEMA_VERSION
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema_info)).scalar() == 1
        assert {"runs", "run_lists", "run_hits", "schema_info"} <= set(
            inspect(conn).get_table_names()
        )
    engine.dispose()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "audit.sqlite3")
    AuditLog(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(schema_info.update().values(version=SCHEMA_VERSION + 1))
    engine.dispose()
    with pytest.raises(AuditError, match="newer"):
        AuditLog(url)
    # The quick sqlite3 writer leaves a schema it does not know to AuditLog, which refuses it.
    with pytest.raises(AuditError, match="newer"):
        record_run(url, _info(), finished_at=FINISHED, exit_code=2, error="stopped")


def test_an_unreachable_database_is_an_audit_error(tmp_path: Path) -> None:
    with pytest.raises(AuditError, match="audit database"):
        AuditLog(sqlite_url(tmp_path / "missing-folder" / "audit.sqlite3"))


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "audit.sqlite3")
    with AuditLog(url) as log, log._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def _write_runs(url: str, result: ScreeningResult, tag: str) -> None:
    with AuditLog(url) as log:
        for i in range(WRITES_PER_PROCESS):
            log.record_result(_info(host=tag), result, finished_at=FINISHED, exit_code=i % 2)


def test_two_processes_write_at_once(db_url: str, result: ScreeningResult) -> None:
    """Two writers, each opening the (not yet created) database and recording runs in a
    bounded loop: every run is kept whole, none is lost."""
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=_write_runs, args=(db_url, result, f"host-{n}")) for n in (1, 2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0]
    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(select(runs.c.host, func.count()).group_by(runs.c.host)).all()
        by_host = dict(rows)
        hits = conn.execute(select(func.count()).select_from(run_hits)).scalar()
        versions = conn.execute(select(func.count()).select_from(schema_info)).scalar()
    engine.dispose()
    assert by_host == {"host-1": WRITES_PER_PROCESS, "host-2": WRITES_PER_PROCESS}
    assert hits == 2 * WRITES_PER_PROCESS * len(result.findings)
    assert versions == 1
