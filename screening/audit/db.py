"""The two databases the audit trail can live in, reached through their DB-API drivers.

SQLite (`sqlite:///PATH`) through Python's own `sqlite3`, PostgreSQL
(`postgresql://...` or `postgresql+psycopg://...`) through psycopg, imported only when
such a URL is used. The SQL itself is written once (`store.py`, `schema.py`), with `?` for
its parameters; a `Driver` holds what differs between the two: how to connect, the
parameter style, the names of two types, how SQLite keeps times, dates and flags, how to
learn a new run's number, and which tables exist.

No ORM: importing SQLAlchemy took a quarter of a second, as long as a whole one-name
`screen lookup` otherwise takes, and it only translated these same few statements.
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from screening.audit.records import AuditError, as_utc
from screening.audit.schema import SQL_TYPES, Type

#: Seconds a writer waits for another run's transaction before giving up (SQLite). A run
#: writes a few hundred rows in milliseconds, so 30 s only runs out when something is stuck.
SQLITE_BUSY_TIMEOUT_S = 30

SQLITE_PREFIX = "sqlite:///"
#: The URL schemes of PostgreSQL: libpq's own, and the one SQLAlchemy used for psycopg 3
#: (which earlier versions of screening documented).
POSTGRES_SCHEMES = ("postgresql", "postgresql+psycopg")
#: How SQLite keeps a time (as text, the way SQLAlchemy stored it: databases written by
#: earlier versions of screening hold these).
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
_KINDS = "give sqlite:///FILE or postgresql+psycopg://USER@HOST/DATABASE"


def sqlite_url(path: Path) -> str:
    """The URL of a SQLite file (`%` and `?` escaped, as a URL reads them)."""
    return SQLITE_PREFIX + str(path).replace("%", "%25").replace("?", "%3F")


def sqlite_path(url: str) -> Path | None:
    """The file a `sqlite:///PATH` URL names (with or without options), else None (other
    databases and in-memory ones)."""
    if not url.startswith(SQLITE_PREFIX):
        return None
    name = unquote(url[len(SQLITE_PREFIX) :].split("?", 1)[0])
    return Path(name) if name and name != ":memory:" else None


def display_url(url: str) -> str:
    """`url` without its password, for messages."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.netloc.rpartition("@")[2]
        return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))
    except ValueError:
        return "(unreadable URL)"


def _refused(url: str, why: str) -> AuditError:
    return AuditError(f"audit database {display_url(url)}: {why}")


class Driver(ABC):
    """What differs between the databases; the SQL handed to it is written with `?`."""

    __slots__ = ()
    #: The database's spelling of each column type.
    types: Mapping[Type, str] = SQL_TYPES

    @abstractmethod
    def connect(self) -> Any:
        """A new DB-API connection, outside any transaction."""

    @abstractmethod
    def errors(self) -> tuple[type[Exception], ...]:
        """The errors of the driver: each becomes a one-line `AuditError`."""

    def sql(self, statement: str) -> str:
        """`statement` in the driver's parameter style."""
        return statement

    def to_db(self, value: Any) -> Any:
        """A value as the database keeps it."""
        return value

    def from_db(self, kind: Type, value: Any) -> Any:
        """A stored value of a column of `kind` as Python reads it."""
        return value

    @abstractmethod
    def table_names(self, conn: Any) -> set[str]:
        """The tables an unqualified name reaches."""

    @abstractmethod
    def insert_id(self, conn: Any, statement: str, params: Sequence[Any]) -> int:
        """Run an INSERT into `runs` and return the number the database gave the row."""

    @abstractmethod
    def transaction(self, conn: Any, *, write: bool) -> AbstractContextManager[None]:
        """One transaction: committed when the block ends, rolled back when it raises."""


@dataclass(frozen=True, slots=True)
class SQLite(Driver):
    """A SQLite file, in WAL mode with a busy timeout, so that concurrent runs (CI jobs on
    one machine) wait for each other instead of failing or corrupting the file."""

    path: str  # or ":memory:"
    timeout: float = SQLITE_BUSY_TIMEOUT_S
    # an INTEGER primary key numbers the rows
    types = {**SQL_TYPES, Type.TIME: "DATETIME", Type.BLOB: "BLOB"}

    def connect(self) -> sqlite3.Connection:
        # isolation_level=None: no implicit transactions; `transaction` opens them.
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            conn.close()
            raise
        return conn

    def errors(self) -> tuple[type[Exception], ...]:
        return (sqlite3.Error,)

    def to_db(self, value: Any) -> Any:
        """Times and dates as text, flags as 0 or 1: how SQLAlchemy kept them, so one
        database holds the same bytes whichever version wrote a row."""
        if isinstance(value, datetime):
            return as_utc(value).strftime(SQLITE_DATETIME)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, bool):
            return int(value)
        return value

    def from_db(self, kind: Type, value: Any) -> Any:
        if value is None:
            return None
        if kind is Type.TIME:  # naive: `as_utc` makes it UTC
            return datetime.fromisoformat(value)
        if kind is Type.DATE:
            return date.fromisoformat(value)
        if kind is Type.BOOLEAN:
            return bool(value)
        return value

    def table_names(self, conn: Any) -> set[str]:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {name for (name,) in rows}

    def insert_id(self, conn: Any, statement: str, params: Sequence[Any]) -> int:
        row_id = conn.execute(statement, params).lastrowid
        assert row_id is not None
        return int(row_id)

    @contextmanager
    def transaction(self, conn: Any, *, write: bool) -> Iterator[None]:
        # IMMEDIATE takes the write lock at once (waiting out the busy timeout), rather
        # than failing when a read lock cannot be upgraded halfway through.
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


@dataclass(frozen=True, slots=True)
class PostgreSQL(Driver):
    """A PostgreSQL database a team shares, through psycopg 3."""

    conninfo: str  # a libpq URL
    types = {**SQL_TYPES, Type.ID: "SERIAL"}

    def connect(self) -> Any:
        return _psycopg().connect(self.conninfo, autocommit=True)

    def errors(self) -> tuple[type[Exception], ...]:
        return (_psycopg().Error,)

    def sql(self, statement: str) -> str:
        assert "%" not in statement  # the statements are ours: no literal percent signs
        return statement.replace("?", "%s")

    def table_names(self, conn: Any) -> set[str]:
        rows = conn.execute(
            "SELECT relname FROM pg_catalog.pg_class WHERE relkind IN ('r', 'p') "
            "AND pg_catalog.pg_table_is_visible(oid)"
        ).fetchall()
        return {name for (name,) in rows}

    def insert_id(self, conn: Any, statement: str, params: Sequence[Any]) -> int:
        row = conn.execute(f'{statement} RETURNING "id"', params).fetchone()
        return int(row[0])

    @contextmanager
    def transaction(self, conn: Any, *, write: bool) -> Iterator[None]:
        with conn.transaction():
            yield


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise ImportError(
            "the PostgreSQL driver psycopg is not installed; install it "
            "(pip install 'psycopg[binary]'; in a checkout of screening: pip install "
            "'.[postgres]') or give a sqlite:///FILE URL"
        ) from None
    return psycopg


def driver_for(url: str) -> Driver:
    """The driver of an audit database URL; `AuditError` when screening cannot use it (an
    unknown kind of database, options it does not know, PostgreSQL without psycopg).
    Connects to nothing: `check_database_url` refuses a bad URL before a run starts."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise _refused(url, f"not a database URL; {_KINDS}")
    if scheme.lower() in POSTGRES_SCHEMES:
        try:
            _psycopg()
        except ImportError as exc:
            raise _refused(url, str(exc)) from None
        return PostgreSQL("postgresql://" + rest)
    if scheme.lower() != "sqlite":
        raise _refused(url, f"screening cannot use a {scheme!r} database; {_KINDS}")
    return _sqlite(url, rest)


def _sqlite(url: str, rest: str) -> SQLite:
    if rest and not rest.startswith("/"):
        raise _refused(url, "a SQLite URL names its file after three slashes: sqlite:///FILE")
    location, _, query = rest[1:].partition("?")
    name = unquote(location) or ":memory:"
    timeout = float(SQLITE_BUSY_TIMEOUT_S)
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key != "timeout":
            raise _refused(url, f"unknown option {key!r}; a SQLite URL takes only ?timeout=SECONDS")
        try:
            timeout = float(value)
        except ValueError:
            raise _refused(url, f"timeout {value!r} is not a number of seconds") from None
    return SQLite(name, timeout)


def check_database_url(url: str) -> None:
    """Refuse, before a run starts, an audit database URL that could never be written: an
    unknown kind of database, options it does not know, or PostgreSQL without its driver."""
    driver_for(url)
