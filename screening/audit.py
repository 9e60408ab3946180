"""The audit trail: every screening run, the lists it used and every hit, in a database.

SQLite by default (one file in the data directory), PostgreSQL or any other database
SQLAlchemy Core reaches when a team shares one (`postgresql+psycopg://...`). One transaction
per run written, so a run is recorded whole or not at all; SQLite runs in WAL mode with a
busy timeout so that concurrent runs (CI jobs on one machine) wait for each other instead
of failing or corrupting the file.

The library never reads the clock, the user or the host: the caller passes them in
(`RunInfo`, `finished_at`). SQLAlchemy is imported here only; the CLI imports this module
lazily so that `screen --help` stays fast.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.exc import SQLAlchemyError

from screening.audit_records import (
    DEFAULT_DB_NAME,
    SCHEMA_VERSION,
    SQLITE_BUSY_TIMEOUT_S,
    AuditError,
    HitRecord,
    ListRecord,
    RunInfo,
    RunRecord,
    as_utc,
    error_reason,
    file_sha256,
    hit_rows,
    list_rows,
    result_values,
    run_values,
    sqlite_path,
    sqlite_url,
)
from screening.models import ScreeningResult

__all__ = [
    "DEFAULT_DB_NAME",
    "SCHEMA_VERSION",
    "AuditError",
    "AuditLog",
    "HitRecord",
    "ListRecord",
    "RunInfo",
    "RunRecord",
    "file_sha256",
    "run_json",
    "sqlite_url",
]

#: Attempts at creating the tables when another process creates them at the same moment,
#: and the wait before the next one (growing with each attempt).
SCHEMA_ATTEMPTS = 10
SCHEMA_RETRY_WAIT_S = 0.05


metadata = MetaData()

# One row: the version is its primary key, so that two processes creating the database at
# the same moment cannot both record it (the second's insert fails and is retried).
schema_info = Table(
    "schema_info", metadata, Column("version", Integer, primary_key=True, autoincrement=False)
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=False),
    Column("user", String(256)),
    Column("host", String(256)),
    Column("command", String(32), nullable=False),
    Column("input_path", Text),
    Column("input_name", Text),  # the looked-up name of `screen lookup`
    Column("input_sha256", String(64)),
    Column("input_rows", Integer),
    Column("threshold", Float),
    Column("as_of", Date),
    Column("fail_on", String(32)),
    Column("exit_code", Integer, nullable=False),
    Column("status", String(16), nullable=False),  # "ok" | "failed"
    Column("error", Text),
)

run_lists = Table(
    "run_lists",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("path", Text),
    Column("sha256", String(64)),
    Column("entries", Integer),
    Column("data_date", Date),
)

run_hits = Table(
    "run_hits",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("row", Integer, nullable=False),
    Column("input_id", Text),
    Column("input_name", Text),
    Column("entry_id", Text),
    Column("source", Text),
    Column("list_name", Text),
    Column("matched_name", Text),
    Column("score", Float),
    Column("status", String(16)),
    Column("fails_gate", Boolean, nullable=False),
    Column("decision", String(32), nullable=True),  # the reviewer's decision that held
)

for _table in (run_lists, run_hits):
    Index(f"ix_{_table.name}_run_id", _table.c.run_id)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def check_database_url(url: str) -> None:
    """Refuse, before a run starts, an audit database URL that could never be written: an
    unknown kind of database, or one whose driver is not installed. (A SQLite file needs
    nothing beyond Python, so it is not looked at here: that keeps SQLAlchemy out of a
    one-name lookup.)"""
    if sqlite_path(url) is not None:
        return
    from sqlalchemy.exc import NoSuchModuleError

    try:
        create_engine(url)  # loads the dialect and its driver; connects only when used
    except (SQLAlchemyError, NoSuchModuleError, ImportError) as exc:
        shown = AuditLog.display(url)
        raise AuditError(
            f"audit database {shown}: {error_reason(exc)}; install its driver (PostgreSQL: "
            "pip install 'psycopg[binary]') or give a sqlite:///FILE URL"
        ) from None


class AuditLog:
    """A connection to the audit database; the tables are created on first use."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self._engine = self._connect(url)
            self._ensure_schema()
        except SQLAlchemyError as exc:
            raise AuditError(f"audit database {self.display_url()}: {_reason(exc)}") from None

    def display_url(self) -> str:
        """The URL without its password, for messages."""
        return self.display(self.url)

    @staticmethod
    def display(url: str) -> str:
        """`url` without its password, for messages."""
        from sqlalchemy.engine import make_url

        try:
            return make_url(url).render_as_string(hide_password=True)
        except SQLAlchemyError:
            return "(unreadable URL)"

    @staticmethod
    def _connect(url: str) -> Engine:
        from sqlalchemy.engine import make_url

        if make_url(url).get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True)

    def _ensure_schema(self) -> None:
        for attempt in range(SCHEMA_ATTEMPTS):
            try:
                with self._engine.begin() as conn:
                    metadata.create_all(conn, checkfirst=True)
                    self._check_version(conn)
                return
            except AuditError:
                raise
            except SQLAlchemyError:
                # Another process created a table between our check and our CREATE (SQLite
                # runs each CREATE on its own): wait for it to finish, then look again.
                if attempt == SCHEMA_ATTEMPTS - 1:
                    raise
                time.sleep(SCHEMA_RETRY_WAIT_S * (attempt + 1))

    def _check_version(self, conn: Connection) -> None:
        found = conn.execute(select(func.max(schema_info.c.version))).scalar()
        if found is None:
            conn.execute(insert(schema_info).values(version=SCHEMA_VERSION))
        elif found > SCHEMA_VERSION:
            raise AuditError(
                f"audit database {self.display_url()} has schema version {found}, newer than "
                f"this version of screening reads ({SCHEMA_VERSION}); upgrade screening"
            )

    @property
    def schema_version(self) -> int | None:
        """The schema version stored in the database."""
        with self._read() as conn:
            return conn.execute(select(func.max(schema_info.c.version))).scalar()

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> AuditLog:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        try:
            with self._engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise AuditError(f"audit database {self.display_url()}: {_reason(exc)}") from None

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise AuditError(f"audit database {self.display_url()}: {_reason(exc)}") from None

    def record_result(
        self, info: RunInfo, result: ScreeningResult, *, finished_at: datetime, exit_code: int
    ) -> int:
        """Record a run that produced a result: its lists and every hit. Returns its id."""
        values = run_values(info, finished_at, exit_code, status="ok", error=None)
        values.update(result_values(result))
        with self._write() as conn:
            run_id = _inserted_id(conn.execute(insert(runs).values(**values)))
            lists = list_rows(run_id, result)
            if lists:
                conn.execute(insert(run_lists), lists)
            hits = hit_rows(run_id, result)
            if hits:
                conn.execute(insert(run_hits), hits)
        return run_id

    def record_failure(
        self, info: RunInfo, message: str, *, finished_at: datetime, exit_code: int = 2
    ) -> int:
        """Record a run that stopped on an error, with its message. Returns its id."""
        values = run_values(info, finished_at, exit_code, status="failed", error=message)
        with self._write() as conn:
            return _inserted_id(conn.execute(insert(runs).values(**values)))

    def recent_runs(self, limit: int = 20) -> list[RunRecord]:
        """The last `limit` runs, newest first, each with its lists and hit counts."""
        with self._read() as conn:
            rows = conn.execute(_runs_query().order_by(runs.c.id.desc()).limit(limit)).all()
            lists = _lists_of(conn, [r.id for r in rows])
        return [_run_record(r, lists.get(r.id, ())) for r in rows]

    def run(self, run_id: int) -> RunRecord | None:
        """One run with its lists and every hit, or None when there is no such run."""
        with self._read() as conn:
            row = conn.execute(_runs_query().where(runs.c.id == run_id)).first()
            if row is None:
                return None
            lists = _lists_of(conn, [run_id])
            hits = conn.execute(
                select(run_hits).where(run_hits.c.run_id == run_id).order_by(run_hits.c.position)
            ).all()
        return _run_record(
            row,
            lists.get(run_id, ()),
            tuple(
                HitRecord(
                    row=h.row,
                    input_id=h.input_id,
                    input_name=h.input_name,
                    entry_id=h.entry_id,
                    source=h.source,
                    list_name=h.list_name,
                    matched_name=h.matched_name,
                    score=h.score,
                    status=h.status,
                    fails_gate=bool(h.fails_gate),
                    decision=h.decision,
                )
                for h in hits
            ),
        )


def _reason(exc: SQLAlchemyError) -> str:
    return error_reason(getattr(exc, "orig", None) or exc)


def _runs_query() -> Any:
    hit_count = (
        select(func.count())
        .where(run_hits.c.run_id == runs.c.id)
        .correlate(runs)
        .scalar_subquery()
        .label("hit_count")
    )
    failing = (
        select(func.count())
        .where(run_hits.c.run_id == runs.c.id, run_hits.c.fails_gate.is_(True))
        .correlate(runs)
        .scalar_subquery()
        .label("failing")
    )
    return select(runs, hit_count, failing)


def _lists_of(conn: Connection, run_ids: list[int]) -> dict[int, tuple[ListRecord, ...]]:
    found: dict[int, list[ListRecord]] = {}
    if not run_ids:
        return {}
    rows = conn.execute(
        select(run_lists)
        .where(run_lists.c.run_id.in_(run_ids))
        .order_by(run_lists.c.run_id, run_lists.c.position)
    ).all()
    for r in rows:
        found.setdefault(r.run_id, []).append(
            ListRecord(
                name=r.name,
                path=r.path,
                sha256=r.sha256,
                entries=r.entries,
                data_date=r.data_date,
            )
        )
    return {k: tuple(v) for k, v in found.items()}


def _run_record(
    row: Any, lists: tuple[ListRecord, ...], hits: tuple[HitRecord, ...] = ()
) -> RunRecord:
    return RunRecord(
        id=row.id,
        started_at=as_utc(row.started_at),
        finished_at=as_utc(row.finished_at),
        user=row.user,
        host=row.host,
        command=row.command,
        input_path=row.input_path,
        input_name=row.input_name,
        input_sha256=row.input_sha256,
        input_rows=row.input_rows,
        threshold=row.threshold,
        as_of=row.as_of,
        fail_on=row.fail_on,
        exit_code=row.exit_code,
        status=row.status,
        error=row.error,
        hit_count=int(row.hit_count or 0),
        failing=int(row.failing or 0),
        lists=lists,
        hits=hits,
    )


def run_json(record: RunRecord, *, with_hits: bool = False) -> dict[str, Any]:
    """A recorded run as a JSON-ready object (dates in ISO 8601)."""
    data = asdict(record)
    if not with_hits:
        del data["hits"]
    return _jsonable(data)  # type: ignore[no-any-return]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    return value


def _inserted_id(done: Any) -> int:
    key = done.inserted_primary_key
    assert key is not None
    return int(key[0])
