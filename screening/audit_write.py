"""Record one run in the audit trail, the quickest way the database allows.

Importing SQLAlchemy takes about a quarter of a second, as long as a whole one-name
`screen lookup` takes otherwise. So a run recorded in an existing SQLite file of the
current schema version (the default audit database) is written with Python's own sqlite3
driver: the same rows (`screening.audit_records`), stored the way SQLAlchemy stores them
in SQLite, in one transaction, under the same busy timeout and WAL mode. Everything else
(another database, a file still to be created, another schema version) goes through
`screening.audit.AuditLog`, which creates, checks and refuses as it always has.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from screening.audit_records import (
    SCHEMA_VERSION,
    SQLITE_BUSY_TIMEOUT_S,
    AuditError,
    RunInfo,
    error_reason,
    hit_rows,
    list_rows,
    result_values,
    run_values,
    sqlite_path,
)
from screening.models import ScreeningResult

#: How SQLAlchemy's SQLite dialect stores DateTime and Date columns (as text).
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
SQLITE_DATE = "%Y-%m-%d"

_SQLITE_PREFIX = "sqlite:///"


def record_run(
    url: str,
    info: RunInfo,
    *,
    finished_at: datetime,
    exit_code: int,
    result: ScreeningResult | None = None,
    error: str | None = None,
) -> int:
    """Record a run that produced `result`, or one that stopped on `error`. Returns its id.

    Raises `AuditError` when the database cannot be written.
    """
    path = sqlite_file(url)
    if path is not None:
        run_id = _write_sqlite(path, info, finished_at, exit_code, result, error)
        if run_id is not None:
            return run_id
    from screening.audit import AuditLog  # SQLAlchemy: only when the quick way cannot serve

    with AuditLog(url) as log:
        if result is not None:
            return log.record_result(info, result, finished_at=finished_at, exit_code=exit_code)
        return log.record_failure(info, error or "", finished_at=finished_at, exit_code=exit_code)


def sqlite_file(url: str) -> Path | None:
    """The existing file a plain `sqlite:///PATH` URL names, else None (other databases,
    URLs with options, in-memory databases and files not created yet)."""
    path = sqlite_path(url) if "?" not in url else None
    return path if path is not None and path.is_file() else None


def stored(value: Any) -> Any:
    """A value as SQLAlchemy writes it into SQLite: times and dates as text, booleans as
    0 or 1 (`as_utc` has already made every time UTC)."""
    if isinstance(value, datetime):
        return value.strftime(SQLITE_DATETIME)
    if isinstance(value, date):
        return value.strftime(SQLITE_DATE)
    if isinstance(value, bool):
        return int(value)
    return value


def _insert(conn: sqlite3.Connection, table: str, rows: Sequence[dict[str, Any]]) -> int | None:
    columns = list(rows[0])
    statement = (
        f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608  (our column names)
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    if len(rows) == 1:
        return conn.execute(statement, [stored(rows[0][c]) for c in columns]).lastrowid
    conn.executemany(statement, ([stored(row[c]) for c in columns] for row in rows))
    return None


def _write_sqlite(
    path: Path,
    info: RunInfo,
    finished_at: datetime,
    exit_code: int,
    result: ScreeningResult | None,
    error: str | None,
) -> int | None:
    """Write the run into the SQLite file; None when its schema is not the current one."""
    try:
        conn = sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise AuditError(f"audit database {_SQLITE_PREFIX}{path}: {error_reason(exc)}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_S * 1000}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        known = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_info'"
        ).fetchone()[0]
        if not known:
            return None
        if conn.execute("SELECT max(version) FROM schema_info").fetchone()[0] != SCHEMA_VERSION:
            return None
        values = run_values(
            info,
            finished_at,
            exit_code,
            status="ok" if result is not None else "failed",
            error=None if result is not None else error,
        )
        if result is not None:
            values.update(result_values(result))
        conn.execute("BEGIN IMMEDIATE")
        try:
            run_id = _insert(conn, "runs", [values])
            assert run_id is not None
            if result is not None:
                for table, rows in (
                    ("run_lists", list_rows(run_id, result)),
                    ("run_hits", hit_rows(run_id, result)),
                ):
                    if rows:
                        _insert(conn, table, rows)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return run_id
    except sqlite3.Error as exc:
        raise AuditError(f"audit database {_SQLITE_PREFIX}{path}: {error_reason(exc)}") from None
    finally:
        conn.close()
