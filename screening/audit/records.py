"""What the audit trail records of a run, as plain data: no database code here.

`RunInfo` is what the caller knows before a run produces anything; `run_values`,
`list_rows` and `hit_rows` turn a run into the rows of the three tables (`schema.py`);
`RunRecord`, `ListRecord` and `HitRecord` are what `AuditLog` reads back.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from screening.errors import ScreeningError
from screening.files import file_sha256
from screening.gate import fails_gate
from screening.models import ScreeningResult

#: Bumped whenever a table changes; a database written by a newer version is refused, one
#: of an older version upgraded (`store.AuditLog`). 2: the watch list of `screen rescreen`.
SCHEMA_VERSION = 2
#: File name of the default SQLite database inside the data directory.
DEFAULT_DB_NAME = "audit.sqlite3"


class AuditError(ScreeningError):
    """The audit database could not be opened, written or read."""


def error_reason(exc: BaseException) -> str:
    """The first line of a database driver's error, for a one-line message."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What the caller knows of a run before it produces anything: who, where, when, what."""

    command: str  # "check" | "lookup"
    started_at: datetime
    user: str = ""
    host: str = ""
    input_path: str | None = None
    input_name: str | None = None
    input_sha256: str | None = None
    threshold: float | None = None
    fail_on: str | None = None


@dataclass(frozen=True, slots=True)
class ListRecord:
    """One list a recorded run used."""

    name: str
    path: str | None
    sha256: str | None
    entries: int | None
    data_date: date | None


@dataclass(frozen=True, slots=True)
class HitRecord:
    """One hit of a recorded run, with its status and whether it failed the gate."""

    row: int
    input_id: str | None
    input_name: str | None
    entry_id: str | None
    source: str | None
    list_name: str | None
    matched_name: str | None
    score: float | None
    status: str | None
    fails_gate: bool
    decision: str | None


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One recorded run; `hits` is filled only when a single run is read (`AuditLog.run`)."""

    id: int
    started_at: datetime
    finished_at: datetime
    user: str | None
    host: str | None
    command: str
    input_path: str | None
    input_name: str | None
    input_sha256: str | None
    input_rows: int | None
    threshold: float | None
    as_of: date | None
    fail_on: str | None
    exit_code: int
    status: str
    error: str | None
    hit_count: int
    failing: int
    lists: tuple[ListRecord, ...] = ()
    hits: tuple[HitRecord, ...] = field(default=())


def input_sha256(path: Path) -> str | None:
    """The sha256 of a run's input file, or None when it cannot be read again: a pipe (a
    FIFO, the shell's `<(command)`) was read once by the screening, and opening it again
    would wait for a writer that never comes, or hash nothing; a file removed or made
    unreadable since must not turn a finished run into a failed one. (A list or ownership
    file, hashed as it is read, uses `screening.files.file_sha256`, which raises.)"""
    try:
        return file_sha256(path) if path.is_file() else None
    except OSError:
        return None


def as_utc(value: datetime) -> datetime:
    """Every stored time is UTC: a time without a zone (SQLite keeps none) is taken as UTC,
    one with a zone is converted."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def run_values(
    info: RunInfo, finished_at: datetime, exit_code: int, *, status: str, error: str | None
) -> dict[str, Any]:
    """The `runs` row of a run, before the screening's own figures (`result_values`)."""
    return {
        "started_at": as_utc(info.started_at),
        "finished_at": as_utc(finished_at),
        "user": info.user,
        "host": info.host,
        "command": info.command,
        "input_path": info.input_path,
        "input_name": info.input_name,
        "input_sha256": info.input_sha256,
        "threshold": info.threshold,
        "fail_on": info.fail_on,
        "exit_code": exit_code,
        "status": status,
        "error": error,
    }


def result_values(result: ScreeningResult) -> dict[str, Any]:
    """The columns of a run that only a finished screening knows."""
    return {
        "input_rows": result.rows,
        "threshold": result.threshold,
        "as_of": result.as_of,
        "fail_on": result.fail_on.value,
    }


def list_rows(run_id: int, result: ScreeningResult) -> list[dict[str, Any]]:
    """One `run_lists` row per list the run used, in order."""
    return [
        {
            "run_id": run_id,
            "position": i,
            "name": s.name,
            "path": str(s.path),
            "sha256": s.sha256,
            "entries": s.entry_count,
            "data_date": s.data_date,
        }
        for i, s in enumerate(result.lists)
    ]


def hit_rows(run_id: int, result: ScreeningResult) -> list[dict[str, Any]]:
    """One `run_hits` row per finding, in report order."""
    return [
        {
            "run_id": run_id,
            "position": i,
            "row": f.match.supplier.row,
            "input_id": f.match.supplier.input_id,
            "input_name": f.match.supplier.name,
            "entry_id": f.match.entry.entry_id,
            "source": f.match.entry.source,
            "list_name": f.match.list_name,
            "matched_name": f.match.matched_name,
            "score": f.match.score,
            "status": f.status.value,
            "fails_gate": fails_gate(f, result.gate),
            # the reviewer's decision that held for this run, and whether it cleared
            "decision": ("cleared: " if f.cleared else "") + f.decision if f.decision else None,
        }
        for i, f in enumerate(result.findings)
    ]


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
