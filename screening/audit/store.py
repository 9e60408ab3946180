"""Writing runs into the audit database and reading them back: the one path for both
databases.

One transaction per run written, so a run is recorded whole or not at all. The tables are
created on first use; a database of an older schema version is upgraded in place (the
tables later versions added are created, every row kept), and one of a newer version is
refused. The library
never reads the clock, the user or the host: the caller passes them in (`RunInfo`,
`finished_at`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from screening.audit.db import Driver, display_url, driver_for
from screening.audit.records import (
    SCHEMA_VERSION,
    AuditError,
    HitRecord,
    ListRecord,
    RunInfo,
    RunRecord,
    as_utc,
    error_reason,
    hit_rows,
    list_rows,
    result_values,
    run_values,
)
from screening.audit.schema import (
    ADDED_IN,
    RUN_HITS,
    RUN_LISTS,
    RUNS,
    SCHEMA_INFO,
    TABLES,
    Table,
    Type,
    create_statements,
    quoted,
)
from screening.models import ScreeningResult

#: Attempts at creating the tables when another process creates them at the same moment,
#: and the wait before the next one (growing with each attempt).
SCHEMA_ATTEMPTS = 10
SCHEMA_RETRY_WAIT_S = 0.05


def _insert(table: Table) -> str:
    names = [c.name for c in table.written]
    return (
        f"INSERT INTO {quoted(table.name)} ({', '.join(quoted(n) for n in names)}) "
        f"VALUES ({', '.join('?' for _ in names)})"
    )


def _select(table: Table) -> str:
    return ", ".join(f"{quoted(table.name)}.{quoted(c.name)}" for c in table.columns)


_VERSION = f"SELECT max({quoted('version')}) FROM {quoted(SCHEMA_INFO.name)}"
_UPGRADE = f'UPDATE {quoted(SCHEMA_INFO.name)} SET "version" = ? WHERE "version" = ?'
# Each run with its number of hits and of hits that failed the gate (`?`: true).
_RUNS = (
    f"SELECT {_select(RUNS)}, "
    '(SELECT count(*) FROM "run_hits" h WHERE h."run_id" = "runs"."id") AS "hit_count", '
    '(SELECT count(*) FROM "run_hits" h WHERE h."run_id" = "runs"."id" '
    'AND h."fails_gate" = ?) AS "failing" '
    'FROM "runs"'
)
_COUNTS = ("hit_count", "failing")


class AuditLog:
    """A connection to the audit database (`sqlite:///PATH`, `postgresql://...`); the
    tables are created on first use."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._driver: Driver = driver_for(url)
        with self._errors():
            self._conn = self._driver.connect()
        try:
            self._ensure_schema()
        except BaseException:
            self.close()
            raise

    def display_url(self) -> str:
        """The URL without its password, for messages."""
        return display_url(self.url)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except self._driver.errors() as exc:
            raise AuditError(f"audit database {self.display_url()}: {error_reason(exc)}") from None

    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[Any]:
        with self._errors(), self._driver.transaction(self._conn, write=write):
            yield self._conn

    def _execute(self, conn: Any, statement: str, params: Sequence[Any] = ()) -> Any:
        return conn.execute(self._driver.sql(statement), [self._driver.to_db(p) for p in params])

    def _ensure_schema(self) -> None:
        driver, conn = self._driver, self._conn
        with self._errors():
            for attempt in range(SCHEMA_ATTEMPTS):
                try:
                    missing = tuple(t for t in TABLES if t.name not in driver.table_names(conn))
                    with driver.transaction(conn, write=bool(missing)):
                        for statement in create_statements(missing, driver.types):
                            conn.execute(statement)
                        self._check_version(conn)
                    return
                except driver.errors():
                    # Another process created a table between our look and our CREATE (or
                    # recorded the version first): wait for it to finish, then look again.
                    if attempt == SCHEMA_ATTEMPTS - 1:
                        raise
                    time.sleep(SCHEMA_RETRY_WAIT_S * (attempt + 1))

    def _check_version(self, conn: Any) -> None:
        found = self._execute(conn, _VERSION).fetchone()[0]
        if found is None:
            self._execute(conn, _insert(SCHEMA_INFO), [SCHEMA_VERSION])
        elif found > SCHEMA_VERSION:
            raise AuditError(
                f"audit database {self.display_url()} has schema version {found}, newer than "
                f"this version of screening reads ({SCHEMA_VERSION}); upgrade screening"
            )
        elif found < SCHEMA_VERSION:
            self._upgrade(conn, int(found))

    def _upgrade(self, conn: Any, found: int) -> None:
        """Bring a database of schema version `found` to this one, a version at a time, in
        the caller's transaction: create what each later version added (tables, so far),
        then record the new version in place of the old. No row is removed or rewritten."""
        for version in range(found + 1, SCHEMA_VERSION + 1):
            for statement in create_statements(ADDED_IN[version], self._driver.types):
                conn.execute(statement)
        self._execute(conn, _UPGRADE, [SCHEMA_VERSION, found])

    @property
    def schema_version(self) -> int | None:
        """The schema version stored in the database."""
        with self._transaction(write=False) as conn:
            found = self._execute(conn, _VERSION).fetchone()[0]
        return None if found is None else int(found)

    def close(self) -> None:
        """Release the database connection."""
        conn = getattr(self, "_conn", None)
        if conn is not None:
            self._conn = None
            conn.close()

    def __enter__(self) -> AuditLog:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _write_run(
        self,
        values: dict[str, Any],
        result: ScreeningResult | None,
        then: Callable[[Any, int], None] | None = None,
    ) -> int:
        driver = self._driver
        with self._transaction(write=True) as conn:
            run_id = driver.insert_id(
                conn,
                driver.sql(_insert(RUNS)),
                [driver.to_db(values[c.name]) for c in RUNS.written],
            )
            if result is not None:
                for table, rows in (
                    (RUN_LISTS, list_rows(run_id, result)),
                    (RUN_HITS, hit_rows(run_id, result)),
                ):
                    if rows:
                        conn.cursor().executemany(
                            driver.sql(_insert(table)),
                            [[driver.to_db(row[c.name]) for c in table.written] for row in rows],
                        )
            if then is not None:  # what else this run changes, in the same transaction
                then(conn, run_id)
        return run_id

    def record_result(
        self,
        info: RunInfo,
        result: ScreeningResult,
        *,
        finished_at: datetime,
        exit_code: int,
        then: Callable[[Any, int], None] | None = None,
    ) -> int:
        """Record a run that produced a result: its lists and every hit. Returns its id.

        `then(connection, run id)` writes what else the run changes (a watched file's last
        screening, `screening.audit.watchlist`) in the same transaction: the run and its
        consequences are recorded together or not at all."""
        values = run_values(info, finished_at, exit_code, status="ok", error=None)
        values.update(result_values(result))
        return self._write_run(values, result, then)

    def record_failure(
        self, info: RunInfo, message: str, *, finished_at: datetime, exit_code: int = 2
    ) -> int:
        """Record a run that stopped on an error, with its message. Returns its id."""
        values = run_values(info, finished_at, exit_code, status="failed", error=message)
        values.update(input_rows=None, as_of=None)
        return self._write_run(values, None)

    def recent_runs(self, limit: int = 20) -> list[RunRecord]:
        """The last `limit` runs, newest first, each with its lists and hit counts."""
        with self._transaction(write=False) as conn:
            rows = self._rows(conn, RUNS, f'{_RUNS} ORDER BY "id" DESC LIMIT ?', [True, limit])
            # The newest runs are exactly those numbered from the oldest of them on.
            first = min((r["id"] for r in rows), default=None)
            lists = {} if first is None else self._lists(conn, ">=", first)
        return [_run_record(r, lists.get(r["id"], ())) for r in rows]

    def run(self, run_id: int) -> RunRecord | None:
        """One run with its lists and every hit, or None when there is no such run."""
        with self._transaction(write=False) as conn:
            found = self._rows(conn, RUNS, f'{_RUNS} WHERE "id" = ?', [True, run_id])
            if not found:
                return None
            lists = self._lists(conn, "=", run_id)
            hits = self._rows(
                conn,
                RUN_HITS,
                f'SELECT {_select(RUN_HITS)} FROM "run_hits" WHERE "run_id" = ? '
                'ORDER BY "position"',
                [run_id],
            )
        return _run_record(
            found[0],
            lists.get(run_id, ()),
            tuple(
                HitRecord(**{k: v for k, v in h.items() if k not in ("run_id", "position")})
                for h in hits
            ),
        )

    def _rows(
        self, conn: Any, table: Table, statement: str, params: Sequence[Any]
    ) -> list[dict[str, Any]]:
        """The rows a SELECT of `table`'s columns (and perhaps the counts) gives, by column
        name, each value as Python reads it."""
        kinds = [c.type for c in table.columns] + [Type.INTEGER] * len(_COUNTS)
        found = []
        for row in self._execute(conn, statement, params).fetchall():
            names = [c.name for c in table.columns] + list(_COUNTS)
            found.append(
                {n: self._driver.from_db(k, v) for n, k, v in zip(names, kinds, row, strict=False)}
            )
        return found

    def _lists(self, conn: Any, compare: str, run_id: int) -> dict[int, tuple[ListRecord, ...]]:
        """The lists of the runs whose number is `compare` (`=`, `>=`) `run_id`."""
        found: dict[int, list[ListRecord]] = {}
        statement = (
            f'SELECT {_select(RUN_LISTS)} FROM "run_lists" WHERE "run_id" {compare} ? '
            'ORDER BY "run_id", "position"'
        )
        for r in self._rows(conn, RUN_LISTS, statement, [run_id]):
            found.setdefault(r.pop("run_id"), []).append(
                ListRecord(**{k: v for k, v in r.items() if k != "position"})
            )
        return {k: tuple(v) for k, v in found.items()}


def _run_record(
    row: dict[str, Any], lists: tuple[ListRecord, ...], hits: tuple[HitRecord, ...] = ()
) -> RunRecord:
    values = dict(row)
    for name in ("started_at", "finished_at"):
        values[name] = as_utc(values[name])
    values["hit_count"] = int(values.get("hit_count") or 0)
    values["failing"] = int(values.get("failing") or 0)
    return RunRecord(**values, lists=lists, hits=hits)


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
    with AuditLog(url) as log:
        if result is not None:
            return log.record_result(info, result, finished_at=finished_at, exit_code=exit_code)
        return log.record_failure(info, error or "", finished_at=finished_at, exit_code=exit_code)
