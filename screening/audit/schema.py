"""The audit database's tables, defined once.

The DDL of both databases, the column list of every INSERT and SELECT, and which columns
hold times, dates and flags (which SQLite keeps as text and integers) all come from the
tables below; only the names of two types differ between SQLite and PostgreSQL (`db.py`).

The DDL is the one SQLAlchemy's `create_all` issued for these tables in earlier versions
of screening (same names, types, keys, cascades and indexes), so a database created then
and one created now are the same database: either version reads and appends to both.
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


#: How both databases spell a type; `db.py` overrides the ones a database spells its way.
SQL_TYPES: Mapping[Type, str] = {
    Type.ID: "INTEGER",
    Type.TIME: "TIMESTAMP WITH TIME ZONE",
    Type.DATE: "DATE",
    Type.INTEGER: "INTEGER",
    Type.FLOAT: "FLOAT",
    Type.BOOLEAN: "BOOLEAN",
    Type.TEXT: "TEXT",
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
    run and is indexed."""

    name: str
    columns: tuple[Column, ...]
    primary_key: str | None = None
    of_run: bool = False

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
# the same moment cannot both record it (the second's insert fails and is retried).
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

#: In the order they are created (`runs` before the tables that reference it).
TABLES = (SCHEMA_INFO, RUNS, RUN_LISTS, RUN_HITS)


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
