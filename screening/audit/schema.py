"""The audit database's tables, defined once.

The DDL of both databases, the column list of every INSERT and SELECT, and which columns
hold times, dates and flags (which SQLite keeps as text and integers) all come from the
tables below; only the names of three types differ between SQLite and PostgreSQL
(`db.py`).

The DDL of the tables of schema version 1 (the runs, their lists and hits) is the one
SQLAlchemy's `create_all` issued for them in earlier versions of screening (same names,
types, keys, cascades and indexes), so a database created then holds the same tables as one
created now. Version 2 added the watch list of `screen rescreen` (`ADDED_IN`); opening a
version 1 database upgrades it in place, keeping every row, after which versions of
screening that read only version 1 refuse it, as they refuse any newer schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum


class Type(Enum):
    """What a column holds; each database spells it in SQL its own way."""

    ID = "id"  # a run's number, handed out by the database
    TIME = "time"  # a moment, stored in UTC
    DATE = "date"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    TEXT = "text"
    BLOB = "blob"  # bytes kept as they are


#: How both databases spell a type; `db.py` overrides the ones a database spells its way.
SQL_TYPES: Mapping[Type, str] = {
    Type.ID: "INTEGER",
    Type.TIME: "TIMESTAMP WITH TIME ZONE",
    Type.DATE: "DATE",
    Type.INTEGER: "INTEGER",
    Type.FLOAT: "FLOAT",
    Type.BOOLEAN: "BOOLEAN",
    Type.TEXT: "TEXT",
    Type.BLOB: "BYTEA",  # PostgreSQL's spelling; SQLite's is BLOB (`db.py`)
}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: Type
    nullable: bool = True
    length: int | None = None  # a TEXT column of bounded size: VARCHAR(length)


@dataclass(frozen=True, slots=True)
class Table:
    """One table. `of_run`: a `run_id` column that references `runs`, is deleted with its
    run and is indexed. `belongs_to` (column, table): that column references the other
    table's `id`, and the row is deleted with the one it references. `unique`: columns no
    two rows may share."""

    name: str
    columns: tuple[Column, ...]
    primary_key: str | None = None
    of_run: bool = False
    belongs_to: tuple[str, str] | None = None
    unique: tuple[str, ...] = ()

    @property
    def written(self) -> tuple[Column, ...]:
        """The columns an INSERT names: all but the number the database hands out."""
        return tuple(c for c in self.columns if c.type is not Type.ID)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def quoted(name: str) -> str:
    """An identifier as SQL reads it whatever it is: `user` and `row` are keywords of
    PostgreSQL or SQLite, and a quoted name never is."""
    return f'"{name}"'


def _text(length: int | None) -> str:
    return "TEXT" if length is None else f"VARCHAR({length})"


# One row: the version is its primary key, so that two processes creating the database at
# the same moment cannot both record it (the second's insert fails and is retried). An
# upgrade changes it in place.
SCHEMA_INFO = Table(
    "schema_info", (Column("version", Type.INTEGER, nullable=False),), primary_key="version"
)

RUNS = Table(
    "runs",
    (
        Column("id", Type.ID, nullable=False),
        Column("started_at", Type.TIME, nullable=False),
        Column("finished_at", Type.TIME, nullable=False),
        Column("user", Type.TEXT, length=256),
        Column("host", Type.TEXT, length=256),
        Column("command", Type.TEXT, nullable=False, length=32),
        Column("input_path", Type.TEXT),
        Column("input_name", Type.TEXT),  # the looked-up name of `screen lookup`
        Column("input_sha256", Type.TEXT, length=64),
        Column("input_rows", Type.INTEGER),
        Column("threshold", Type.FLOAT),
        Column("as_of", Type.DATE),
        Column("fail_on", Type.TEXT, length=32),
        Column("exit_code", Type.INTEGER, nullable=False),
        Column("status", Type.TEXT, nullable=False, length=16),  # "ok" | "failed"
        Column("error", Type.TEXT),
    ),
    primary_key="id",
)

RUN_LISTS = Table(
    "run_lists",
    (
        Column("run_id", Type.INTEGER, nullable=False),
        Column("position", Type.INTEGER, nullable=False),
        Column("name", Type.TEXT, nullable=False),
        Column("path", Type.TEXT),
        Column("sha256", Type.TEXT, length=64),
        Column("entries", Type.INTEGER),
        Column("data_date", Type.DATE),
    ),
    of_run=True,
)

RUN_HITS = Table(
    "run_hits",
    (
        Column("run_id", Type.INTEGER, nullable=False),
        Column("position", Type.INTEGER, nullable=False),
        Column("row", Type.INTEGER, nullable=False),
        Column("input_id", Type.TEXT),
        Column("input_name", Type.TEXT),
        Column("entry_id", Type.TEXT),
        Column("source", Type.TEXT),
        Column("list_name", Type.TEXT),
        Column("matched_name", Type.TEXT),
        Column("score", Type.FLOAT),
        Column("status", Type.TEXT, length=16),
        Column("fails_gate", Type.BOOLEAN, nullable=False),
        Column("decision", Type.TEXT, length=32),  # the reviewer's decision that held
    ),
    of_run=True,
)

#: The files `screen rescreen` keeps screening (schema version 2): where each is, what it
#: was when added and the settings it is screened with (JSON: `screening.monitor.settings`).
WATCHED_FILES = Table(
    "watched_files",
    (
        Column("id", Type.ID, nullable=False),
        Column("name", Type.TEXT, nullable=False, length=100),
        Column("path", Type.TEXT, nullable=False),
        Column("sha256", Type.TEXT, length=64),  # of the file when it was added
        Column("added_at", Type.TIME, nullable=False),
        Column("added_by", Type.TEXT, length=256),
        Column("settings", Type.TEXT, nullable=False),
    ),
    primary_key="id",
    unique=("name",),
)

#: The last screening of each watched file (schema version 2): what the next re-screening
#: compares with. `lists` and `hits` are JSON (`screening.monitor.state`); `fingerprints`
#: one digest per row of the file (`screening.monitor.rows`); `run_id` the run in `runs`
#: that recorded it.
WATCH_SCREENINGS = Table(
    "watch_screenings",
    (
        Column("watch_id", Type.INTEGER, nullable=False),
        Column("run_id", Type.INTEGER),
        Column("screened_at", Type.TIME, nullable=False),
        Column("as_of", Type.DATE, nullable=False),
        Column("input_sha256", Type.TEXT, length=64),
        Column("input_rows", Type.INTEGER, nullable=False),
        Column("lists", Type.TEXT, nullable=False),
        Column("hits", Type.TEXT, nullable=False),
        Column("hit_count", Type.INTEGER, nullable=False),
        Column("failing", Type.INTEGER, nullable=False),
        Column("fingerprints", Type.BLOB, nullable=False),
    ),
    primary_key="watch_id",
    belongs_to=("watch_id", WATCHED_FILES.name),
)

#: In the order they are created (a table before the tables that reference it).
TABLES = (SCHEMA_INFO, RUNS, RUN_LISTS, RUN_HITS, WATCHED_FILES, WATCH_SCREENINGS)

#: The tables each schema version added to the one before: upgrading a database of an
#: older version creates them. Version 1 is the first, SQLAlchemy's.
ADDED_IN: Mapping[int, tuple[Table, ...]] = {
    1: (SCHEMA_INFO, RUNS, RUN_LISTS, RUN_HITS),
    2: (WATCHED_FILES, WATCH_SCREENINGS),
}


def create_statements(tables: tuple[Table, ...], types: Mapping[Type, str]) -> list[str]:
    """CREATE TABLE and CREATE INDEX statements for `tables`, with `types` the database's
    spelling of each type; each statement leaves an existing table or index alone."""
    statements = []
    for table in tables:
        lines = []
        for c in table.columns:
            sql = _text(c.length) if c.type is Type.TEXT else types[c.type]
            lines.append(f"{quoted(c.name)} {sql}" + ("" if c.nullable else " NOT NULL"))
        if table.primary_key is not None:
            lines.append(f"PRIMARY KEY ({quoted(table.primary_key)})")
        if table.unique:
            lines.append(f"UNIQUE ({', '.join(quoted(name) for name in table.unique)})")
        if table.belongs_to is not None:
            column, parent = table.belongs_to
            lines.append(
                f'FOREIGN KEY ({quoted(column)}) REFERENCES {quoted(parent)} ("id") '
                "ON DELETE CASCADE"
            )
        if table.of_run:
            lines.append(
                f'FOREIGN KEY ("run_id") REFERENCES {quoted(RUNS.name)} ("id") ON DELETE CASCADE'
            )
        body = ",\n\t".join(lines)
        statements.append(f"CREATE TABLE IF NOT EXISTS {quoted(table.name)} (\n\t{body}\n)")
        if table.of_run:
            index = quoted(f"ix_{table.name}_run_id")
            statements.append(
                f'CREATE INDEX IF NOT EXISTS {index} ON {quoted(table.name)} ("run_id")'
            )
    return statements
