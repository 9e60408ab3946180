"""The audit trail: runs, their lists and hits written and read back, in SQLite and (where a
server can be started) PostgreSQL, with concurrent writers."""

from __future__ import annotations

import multiprocessing
import os
import pwd
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from screening.audit import (
    SCHEMA_VERSION,
    AuditError,
    AuditLog,
    HitRecord,
    ListRecord,
    RunInfo,
    RunRecord,
    record_run,
    sqlite_path,
    sqlite_url,
)
from screening.gate import result_failures
from screening.models import (
    EntryStatus,
    FailOn,
    Finding,
    Gate,
    ListEntry,
    ListSnapshot,
    Match,
    ScreeningResult,
    Supplier,
)
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
    with closing(_raw(f"{server}/postgres", autocommit=True)) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def _raw(url: str, *, autocommit: bool = False) -> Any:
    """A plain DB-API connection to a test database, not through `screening.audit`."""
    path = sqlite_path(url)
    if path is not None:
        return sqlite3.connect(path, isolation_level=None if autocommit else "DEFERRED")
    import psycopg

    return psycopg.connect(
        url.replace("postgresql+psycopg://", "postgresql://"), autocommit=autocommit
    )


def _query(url: str, statement: str) -> list[tuple[Any, ...]]:
    with closing(_raw(url)) as conn:
        return [tuple(row) for row in conn.execute(statement).fetchall()]


def _execute(url: str, *statements: str) -> None:
    with closing(_raw(url, autocommit=True)) as conn:
        for statement in statements:
            conn.execute(statement)


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
    assert _query(db_url, "SELECT count(*) FROM schema_info") == [(1,)]
    assert {"runs", "run_lists", "run_hits", "schema_info"} <= _table_names(db_url)


def _table_names(url: str) -> set[str]:
    if sqlite_path(url) is not None:
        statement = "SELECT name FROM sqlite_master WHERE type = 'table'"
    else:
        statement = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    return {name for (name,) in _query(url, statement)}


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "audit.sqlite3")
    AuditLog(url).close()
    _execute(url, f"UPDATE schema_info SET version = {SCHEMA_VERSION + 1}")
    with pytest.raises(AuditError, match="newer"):
        AuditLog(url)
    # Recording a run refuses it too.
    with pytest.raises(AuditError, match="newer"):
        record_run(url, _info(), finished_at=FINISHED, exit_code=2, error="stopped")


def test_an_unreachable_database_is_an_audit_error(tmp_path: Path) -> None:
    with pytest.raises(AuditError, match="audit database"):
        AuditLog(sqlite_url(tmp_path / "missing-folder" / "audit.sqlite3"))


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "audit.sqlite3")
    with AuditLog(url) as log:
        conn = log._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


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
    by_host = dict(_query(db_url, "SELECT host, count(*) FROM runs GROUP BY host"))
    ((hits,),) = _query(db_url, "SELECT count(*) FROM run_hits")
    ((versions,),) = _query(db_url, "SELECT count(*) FROM schema_info")
    assert by_host == {"host-1": WRITES_PER_PROCESS, "host-2": WRITES_PER_PROCESS}
    assert hits == 2 * WRITES_PER_PROCESS * len(result.findings)
    assert versions == 1


# --- databases written by earlier versions (through SQLAlchemy) ----------------------------
#
# Until this package talked to the databases directly, SQLAlchemy 2 created the tables and
# wrote the rows. Below, literally, the DDL its `create_all` issued for each database and
# the rows it stored for two runs (`_legacy_result`, a failed lookup), as read back from
# databases that version wrote: new code must read them, append to them, and store what
# SQLAlchemy stored.

SQLALCHEMY_DDL = {
    "sqlite": [
        "CREATE TABLE schema_info (\n\tversion INTEGER NOT NULL, \n\tPRIMARY KEY (version)\n)",
        "CREATE TABLE runs (\n\tid INTEGER NOT NULL, \n\tstarted_at DATETIME NOT NULL, \n\t"
        "finished_at DATETIME NOT NULL, \n\tuser VARCHAR(256), \n\thost VARCHAR(256), \n\t"
        "command VARCHAR(32) NOT NULL, \n\tinput_path TEXT, \n\tinput_name TEXT, \n\t"
        "input_sha256 VARCHAR(64), \n\tinput_rows INTEGER, \n\tthreshold FLOAT, \n\t"
        "as_of DATE, \n\tfail_on VARCHAR(32), \n\texit_code INTEGER NOT NULL, \n\t"
        "status VARCHAR(16) NOT NULL, \n\terror TEXT, \n\tPRIMARY KEY (id)\n)",
        "CREATE TABLE run_hits (\n\trun_id INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, "
        '\n\t"row" INTEGER NOT NULL, \n\tinput_id TEXT, \n\tinput_name TEXT, \n\t'
        "entry_id TEXT, \n\tsource TEXT, \n\tlist_name TEXT, \n\tmatched_name TEXT, \n\t"
        "score FLOAT, \n\tstatus VARCHAR(16), \n\tfails_gate BOOLEAN NOT NULL, \n\t"
        "decision VARCHAR(32), \n\t"
        "FOREIGN KEY(run_id) REFERENCES runs (id) ON DELETE CASCADE\n)",
        "CREATE INDEX ix_run_hits_run_id ON run_hits (run_id)",
        "CREATE TABLE run_lists (\n\trun_id INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, "
        "\n\tname TEXT NOT NULL, \n\tpath TEXT, \n\tsha256 VARCHAR(64), \n\t"
        "entries INTEGER, \n\tdata_date DATE, \n\t"
        "FOREIGN KEY(run_id) REFERENCES runs (id) ON DELETE CASCADE\n)",
        "CREATE INDEX ix_run_lists_run_id ON run_lists (run_id)",
    ],
    "postgresql": [
        "CREATE TABLE runs (\n\tid SERIAL NOT NULL, \n\t"
        "started_at TIMESTAMP WITH TIME ZONE NOT NULL, \n\t"
        'finished_at TIMESTAMP WITH TIME ZONE NOT NULL, \n\t"user" VARCHAR(256), \n\t'
        "host VARCHAR(256), \n\tcommand VARCHAR(32) NOT NULL, \n\tinput_path TEXT, \n\t"
        "input_name TEXT, \n\tinput_sha256 VARCHAR(64), \n\tinput_rows INTEGER, \n\t"
        "threshold FLOAT, \n\tas_of DATE, \n\tfail_on VARCHAR(32), \n\t"
        "exit_code INTEGER NOT NULL, \n\tstatus VARCHAR(16) NOT NULL, \n\terror TEXT, \n\t"
        "PRIMARY KEY (id)\n)",
        "CREATE TABLE schema_info (\n\tversion INTEGER NOT NULL, \n\tPRIMARY KEY (version)\n)",
        "CREATE TABLE run_hits (\n\trun_id INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, "
        "\n\trow INTEGER NOT NULL, \n\tinput_id TEXT, \n\tinput_name TEXT, \n\t"
        "entry_id TEXT, \n\tsource TEXT, \n\tlist_name TEXT, \n\tmatched_name TEXT, \n\t"
        "score FLOAT, \n\tstatus VARCHAR(16), \n\tfails_gate BOOLEAN NOT NULL, \n\t"
        "decision VARCHAR(32), \n\t"
        "FOREIGN KEY(run_id) REFERENCES runs (id) ON DELETE CASCADE\n)",
        "CREATE INDEX ix_run_hits_run_id ON run_hits (run_id)",
        "CREATE TABLE run_lists (\n\trun_id INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, "
        "\n\tname TEXT NOT NULL, \n\tpath TEXT, \n\tsha256 VARCHAR(64), \n\t"
        "entries INTEGER, \n\tdata_date DATE, \n\t"
        "FOREIGN KEY(run_id) REFERENCES runs (id) ON DELETE CASCADE\n)",
        "CREATE INDEX ix_run_lists_run_id ON run_lists (run_id)",
    ],
}

_SHA_IN, _SHA_LIST = "ab" * 32, "cd" * 32
_EL = "Entity List (EL) - Bureau of Industry and Security"
#: What SQLAlchemy stored in SQLite: times and dates as text, flags as 0 and 1.
SQLALCHEMY_SQLITE_ROWS: dict[str, list[tuple[Any, ...]]] = {
    "schema_info": [(1,)],
    "runs": [
        (1, "2025-03-26 09:00:00.123456", "2025-03-26 09:00:05.000000", "alice", "ci-1",
         "check", "suppliers.csv", None, _SHA_IN, 7, 85.0, "2025-03-26", "pending", 1, "ok",
         None),
        (2, "2025-03-26 09:00:00.123456", "2025-03-26 09:00:05.000000", "", "", "lookup", None,
         "Rostec Group", None, None, 85.0, None, "pending", 2, "failed",
         "input file x.csv does not exist"),
    ],
    "run_lists": [(1, 0, "csl", "/data/lists/csl.csv", _SHA_LIST, 0, "2025-03-20")],
    "run_hits": [
        (1, 0, 2, "V1", "Huawei Technologies", "E-1", _EL, "csl",
         "Huawei Technologies Co., Ltd.", 97.5, "in_force", 1, None),
        (1, 1, 5, "", "Rostec Group", "E-2", "SDN", "csl", "Ростех", 86.25, "pending", 0,
         "cleared: false_positive"),
    ],
}  # fmt: skip
_AT, _DONE = (
    datetime(2025, 3, 26, 9, 0, 0, 123456, tzinfo=UTC),
    datetime(2025, 3, 26, 9, 0, 5, tzinfo=UTC),
)
#: What SQLAlchemy stored in PostgreSQL: the driver's own types.
SQLALCHEMY_POSTGRESQL_ROWS: dict[str, list[tuple[Any, ...]]] = {
    "schema_info": [(1,)],
    "runs": [
        (1, _AT, _DONE, "alice", "ci-1", "check", "suppliers.csv", None, _SHA_IN, 7, 85.0,
         date(2025, 3, 26), "pending", 1, "ok", None),
        (2, _AT, _DONE, "", "", "lookup", None, "Rostec Group", None, None, 85.0, None,
         "pending", 2, "failed", "input file x.csv does not exist"),
    ],
    "run_lists": [(1, 0, "csl", "/data/lists/csl.csv", _SHA_LIST, 0, date(2025, 3, 20))],
    "run_hits": [
        (1, 0, 2, "V1", "Huawei Technologies", "E-1", _EL, "csl",
         "Huawei Technologies Co., Ltd.", 97.5, "in_force", True, None),
        (1, 1, 5, "", "Rostec Group", "E-2", "SDN", "csl", "Ростех", 86.25, "pending", False,
         "cleared: false_positive"),
    ],
}  # fmt: skip
_TABLES = ("schema_info", "runs", "run_lists", "run_hits")
_ORDER = {"schema_info": "version", "runs": "id", "run_lists": "1, 2", "run_hits": "1, 2"}


def _legacy_result() -> ScreeningResult:
    """The screening whose run the rows above record: one list, a hit that fails the gate
    and one a reviewer cleared."""
    listed = ListSnapshot(name="csl", path=Path("/data/lists/csl.csv"), sha256=_SHA_LIST,
                          format="csl", entries=(), data_date=date(2025, 3, 20))  # fmt: skip
    huawei = ListEntry(entry_id="E-1", source=_EL, name="Huawei Technologies Co., Ltd.")
    rostec = ListEntry(entry_id="E-2", source="SDN", name="Ростех")
    return ScreeningResult(
        as_of=date(2025, 3, 26),
        gate=Gate(85.0, fail_on=FailOn.PENDING),
        lists=(listed,),
        rows=7,
        findings=(
            Finding(
                Match(
                    Supplier(row=2, name="Huawei Technologies", input_id="V1"),
                    huawei,
                    "csl",
                    "Huawei Technologies Co., Ltd.",
                    97.5,
                    "",
                ),  # fmt: skip
                EntryStatus.IN_FORCE,
            ),
            Finding(
                Match(Supplier(row=5, name="Rostec Group"), rostec, "csl", "Ростех", 86.25, ""),
                EntryStatus.PENDING,
                decision="false_positive",
                cleared=True,
            ),
        ),
    )


def _legacy_runs(log: AuditLog) -> tuple[int, int]:
    """Record the two runs of the rows above, the way the CLI records them."""
    # started in another time zone: stored in UTC
    started = datetime(2025, 3, 26, 11, 0, 0, 123456, tzinfo=timezone(timedelta(hours=2)))
    first = log.record_result(_info(started_at=started), _legacy_result(),
                              finished_at=_DONE, exit_code=1)  # fmt: skip
    lookup = _info(command="lookup", started_at=started, user="", host="", input_path=None,
                   input_sha256=None, input_name="Rostec Group")  # fmt: skip
    second = log.record_failure(lookup, "input file x.csv does not exist", finished_at=_DONE)
    return first, second


def _legacy_database(db_url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Make the empty `db_url` a database as SQLAlchemy left it; returns its rows."""
    kind = "sqlite" if sqlite_path(db_url) is not None else "postgresql"
    rows = SQLALCHEMY_SQLITE_ROWS if kind == "sqlite" else SQLALCHEMY_POSTGRESQL_ROWS
    mark = "?" if kind == "sqlite" else "%s"
    with closing(_raw(db_url)) as conn:
        for statement in SQLALCHEMY_DDL[kind]:
            conn.execute(statement)
        for table in _TABLES:
            for row in rows[table]:
                conn.execute(f"INSERT INTO {table} VALUES ({', '.join(mark for _ in row)})", row)
        if kind == "postgresql":  # the sequence numbers the next run, as after SQLAlchemy's
            conn.execute("SELECT setval('runs_id_seq', 2)")
        conn.commit()
    return rows


def _stored(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, each value with its Python type (so that SQLite's 85 and
    85.0, or '1' and 1, differ)."""
    return {
        table: [
            tuple((v, type(v).__name__) for v in row)
            for row in _query(url, f"SELECT * FROM {table} ORDER BY {_ORDER[table]}")
        ]
        for table in _TABLES
    }


LEGACY_RUN = RunRecord(
    id=1, started_at=_AT, finished_at=_DONE, user="alice", host="ci-1", command="check",
    input_path="suppliers.csv", input_name=None, input_sha256=_SHA_IN, input_rows=7,
    threshold=85.0, as_of=date(2025, 3, 26), fail_on="pending", exit_code=1, status="ok",
    error=None, hit_count=2, failing=1,
    lists=(ListRecord("csl", "/data/lists/csl.csv", _SHA_LIST, 0, date(2025, 3, 20)),),
    hits=(
        HitRecord(2, "V1", "Huawei Technologies", "E-1", _EL, "csl",
                  "Huawei Technologies Co., Ltd.", 97.5, "in_force", True, None),
        HitRecord(5, "", "Rostec Group", "E-2", "SDN", "csl", "Ростех", 86.25, "pending", False,
                  "cleared: false_positive"),
    ),
)  # fmt: skip
LEGACY_FAILURE = RunRecord(
    id=2, started_at=_AT, finished_at=_DONE, user="", host="", command="lookup",
    input_path=None, input_name="Rostec Group", input_sha256=None, input_rows=None,
    threshold=85.0, as_of=None, fail_on="pending", exit_code=2, status="failed",
    error="input file x.csv does not exist", hit_count=0, failing=0,
)  # fmt: skip


def test_a_database_sqlalchemy_wrote_is_read_and_appended_to(db_url: str) -> None:
    legacy = _legacy_database(db_url)
    with AuditLog(db_url) as log:
        assert log.schema_version == SCHEMA_VERSION
        assert log.run(1) == LEGACY_RUN and log.run(2) == LEGACY_FAILURE
        assert log.recent_runs() == [LEGACY_FAILURE, replace(LEGACY_RUN, hits=())]
        assert _legacy_runs(log) == (3, 4)
        assert log.run(3) == replace(LEGACY_RUN, id=3)
        assert log.run(4) == replace(LEGACY_FAILURE, id=4)
    # The appended rows hold what SQLAlchemy stored, value for value and type for type; the
    # database was upgraded in place to the current schema version, every row kept.
    stored, before = _stored(db_url), {t: [_typed(r) for r in rows] for t, rows in legacy.items()}
    assert stored["schema_info"] == [_typed((SCHEMA_VERSION,))]
    renumbered = {1: 3, 2: 4}
    for table in ("runs", "run_lists", "run_hits"):
        again = [_typed((renumbered[r[0][0]], *(v for v, _ in r[1:]))) for r in before[table]]
        assert stored[table] == before[table] + again


def _typed(row: tuple[Any, ...]) -> tuple[tuple[Any, str], ...]:
    return tuple((v, type(v).__name__) for v in row)


def test_a_new_database_stores_what_sqlalchemy_stored(db_url: str) -> None:
    with AuditLog(db_url) as log:
        assert _legacy_runs(log) == (1, 2)
    kind_rows = (
        SQLALCHEMY_SQLITE_ROWS if sqlite_path(db_url) is not None else SQLALCHEMY_POSTGRESQL_ROWS
    )
    expected = {t: [_typed(r) for r in rows] for t, rows in kind_rows.items()}
    expected["schema_info"] = [_typed((SCHEMA_VERSION,))]  # SQLAlchemy's was version 1
    assert _stored(db_url) == expected


def _structure(url: str, tables: tuple[str, ...] = _TABLES) -> dict[str, Any]:
    """The `tables` as the database describes them: columns (name, type, nullable, key),
    foreign keys and indexes."""
    if sqlite_path(url) is not None:
        return {
            table: (
                _query(url, f"PRAGMA table_info({table})"),
                [row[2:] for row in _query(url, f"PRAGMA foreign_key_list({table})")],
                [
                    (name, unique, _query(url, f"PRAGMA index_info({name})"))
                    for _, name, unique, *_ in _query(url, f"PRAGMA index_list({table})")
                ],
            )
            for table in tables
        }
    named = ", ".join(f"'{t}'" for t in tables)
    return {
        "columns": _query(
            url,
            "SELECT table_name, column_name, ordinal_position, data_type, "
            "character_maximum_length, is_nullable, column_default "
            "FROM information_schema.columns WHERE table_schema = current_schema() "
            f"AND table_name IN ({named}) ORDER BY table_name, ordinal_position",
        ),
        "constraints": _query(
            url,
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE connamespace = current_schema()::regnamespace AND conrelid IN "
            f"(SELECT oid FROM pg_class WHERE relname IN ({named})) ORDER BY conname",
        ),
        "indexes": _query(
            url,
            "SELECT indexname, indexdef FROM pg_indexes "
            f"WHERE schemaname = current_schema() AND tablename IN ({named}) "
            "ORDER BY indexname",
        ),
    }


def test_the_tables_created_are_those_sqlalchemy_created(db_url: str, tmp_path: Path) -> None:
    """The tables of schema version 1 created now are those an earlier version created, so
    that a database that version left is the same as one created now."""
    AuditLog(db_url).close()
    if sqlite_path(db_url) is not None:
        legacy = sqlite_url(tmp_path / "legacy.sqlite3")
    else:
        legacy = _pg_database(db_url.rsplit("/", 1)[0])
    _legacy_database(legacy)
    created = _structure(db_url)
    assert created == _structure(legacy)
    assert created  # the comparison saw the tables
