"""The watch list of `screen rescreen`, kept in the audit database beside the runs.

Two tables (`schema.WATCHED_FILES`, `schema.WATCH_SCREENINGS`): the files being watched,
with the settings each is screened with, and the last screening of each, which the next
re-screening compares with. This module stores and reads them as plain values (text, JSON
text, bytes); what they mean is `screening.monitor`'s business. A watched file's last
screening is written in the same transaction as the run that produced it
(`record_screening`), so the trail of runs and the watch list never disagree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from screening.audit.records import RunInfo, as_utc
from screening.audit.schema import WATCH_SCREENINGS, WATCHED_FILES, Table, quoted
from screening.audit.store import AuditLog, _insert, _select
from screening.errors import ConfigError
from screening.models import ScreeningResult


@dataclass(frozen=True, slots=True)
class WatchRecord:
    """One watched file as stored: `settings` is the JSON of its screening settings."""

    id: int
    name: str
    path: str
    sha256: str | None
    added_at: datetime
    added_by: str | None
    settings: str


@dataclass(frozen=True, slots=True)
class ScreeningRecord:
    """The last screening of a watched file as stored. `lists` and `hits` are JSON text,
    `fingerprints` the packed row digests (empty when read without them)."""

    watch_id: int
    run_id: int | None
    screened_at: datetime
    as_of: date
    input_sha256: str | None
    input_rows: int
    lists: str
    hits: str
    hit_count: int
    failing: int
    fingerprints: bytes = b""


def _from_row(values: dict[str, Any], kind: type[Any]) -> Any:
    for name in ("added_at", "screened_at"):
        if name in values:
            values[name] = as_utc(values[name])
    if "fingerprints" in values:
        values["fingerprints"] = bytes(values["fingerprints"] or b"")
    return kind(**values)


def _table_without(table: Table, left_out: str) -> Table:
    return Table(table.name, tuple(c for c in table.columns if c.name != left_out))


def add_watch(
    log: AuditLog,
    *,
    name: str,
    path: str,
    sha256: str | None,
    added_at: datetime,
    added_by: str | None,
    settings: str,
) -> int:
    """Add a file to the watch list; returns its number. ConfigError when the name is taken."""
    driver = log._driver
    with log._transaction(write=True) as conn:
        taken = log._execute(
            conn, f'SELECT "id" FROM {quoted(WATCHED_FILES.name)} WHERE "name" = ?', [name]
        ).fetchone()
        if taken is not None:
            raise ConfigError(
                f"a watched file is already named {name!r}: choose another --name, or "
                f"`screen watch remove {name}` first"
            )
        values = {"name": name, "path": path, "sha256": sha256, "added_at": as_utc(added_at),
                  "added_by": added_by, "settings": settings}  # fmt: skip
        return driver.insert_id(
            conn,
            driver.sql(_insert(WATCHED_FILES)),
            [driver.to_db(values[c.name]) for c in WATCHED_FILES.written],
        )


def watches(log: AuditLog, names: list[str] | None = None) -> list[WatchRecord]:
    """The watched files, by name; only those `names` when given (ConfigError naming any
    that is not watched)."""
    with log._transaction(write=False) as conn:
        rows = log._rows(
            conn,
            WATCHED_FILES,
            f'SELECT {_select(WATCHED_FILES)} FROM {quoted(WATCHED_FILES.name)} ORDER BY "name"',
            [],
        )
    found = [_from_row(r, WatchRecord) for r in rows]
    if names is None:
        return found
    by_name = {w.name: w for w in found}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        known = ", ".join(by_name) or "none yet (`screen watch add FILE`)"
        raise ConfigError(f"no watched file named {', '.join(unknown)}; watched: {known}")
    return [by_name[n] for n in dict.fromkeys(names)]


def remove_watch(log: AuditLog, name: str) -> bool:
    """Take a file off the watch list, with its last screening (its runs stay in the audit
    trail). False when no watched file has that name."""
    with log._transaction(write=True) as conn:
        found = log._execute(
            conn, f'SELECT "id" FROM {quoted(WATCHED_FILES.name)} WHERE "name" = ?', [name]
        ).fetchone()
        if found is None:
            return False
        # Deleted explicitly as well as by the cascade: a SQLite connection opened without
        # `PRAGMA foreign_keys` (another tool) would not cascade.
        for table, column in ((WATCH_SCREENINGS, "watch_id"), (WATCHED_FILES, "id")):
            log._execute(
                conn, f"DELETE FROM {quoted(table.name)} WHERE {quoted(column)} = ?", [found[0]]
            )
    return True


def last_screenings(
    log: AuditLog, watch_ids: list[int], *, with_fingerprints: bool = False
) -> dict[int, ScreeningRecord]:
    """The last screening of each of these watched files that has one, by file number.
    The row digests (megabytes for a large file) are read only `with_fingerprints`."""
    if not watch_ids:
        return {}
    table = WATCH_SCREENINGS if with_fingerprints else _table_without(WATCH_SCREENINGS,
                                                                       "fingerprints")  # fmt: skip
    marks = ", ".join("?" for _ in watch_ids)
    with log._transaction(write=False) as conn:
        rows = log._rows(
            conn,
            table,
            f'SELECT {_select(table)} FROM {quoted(table.name)} WHERE "watch_id" IN ({marks})',
            list(watch_ids),
        )
    return {r["watch_id"]: _from_row(r, ScreeningRecord) for r in rows}


def record_screening(
    log: AuditLog,
    info: RunInfo,
    result: ScreeningResult,
    screening: ScreeningRecord,
    *,
    finished_at: datetime,
    exit_code: int,
) -> int:
    """Record a run of a watched file (its lists and the hits it reported, like any run)
    and, in the same transaction, make `screening` (whose `run_id` is filled in here) the
    file's last screening. Returns the run's id."""

    def replace_last(conn: Any, run_id: int) -> None:
        values = asdict(screening)
        values.update(run_id=run_id, screened_at=as_utc(screening.screened_at))
        log._execute(
            conn,
            f'DELETE FROM {quoted(WATCH_SCREENINGS.name)} WHERE "watch_id" = ?',
            [screening.watch_id],
        )
        log._execute(
            conn,
            _insert(WATCH_SCREENINGS),
            [values[c.name] for c in WATCH_SCREENINGS.written],
        )

    return log.record_result(
        info, result, finished_at=finished_at, exit_code=exit_code, then=replace_last
    )
