"""The watch list as `screening.monitor` sees it: watched files with their settings, and
their last screenings, kept in the audit database (`screening.audit.watchlist`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from screening.audit import AuditLog, RunInfo
from screening.audit.watchlist import (
    ScreeningRecord,
    add_watch,
    last_screenings,
    record_screening,
    remove_watch,
    watches,
)
from screening.errors import ConfigError, InputFileError
from screening.files import file_sha256
from screening.gate import fails_gate
from screening.monitor.rescreen import Rescreening
from screening.monitor.rows import RowPrints
from screening.monitor.settings import WatchSettings
from screening.monitor.state import (
    LastScreening,
    hits_from_json,
    hits_json,
    lists_from_json,
    lists_json,
)

#: A watched file's name: it names its report file (`NAME.json`...) too, so letters,
#: digits, `.`, `_` and `-` only, starting with a letter or digit, at most 100 characters
#: (the width of the column that holds it).
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class WatchedFile:
    """A file on the watch list: where it is, what it was when added, its settings."""

    id: int
    name: str
    path: Path
    sha256: str | None
    added_at: datetime
    added_by: str | None
    settings: WatchSettings


def default_name(path: Path) -> str:
    """The name a file is watched under when none is given: its stem, in the letters a
    name may hold (`NAME_PATTERN`)."""
    stem = _NOT_IN_NAME.sub("-", path.stem).strip("-._")[:100]
    return stem or "file"


def check_name(name: str) -> str:
    """`name` when it can name a watched file, else ConfigError saying what can."""
    if not NAME_PATTERN.fullmatch(name):
        raise ConfigError(
            f"--name {name!r}: a watched file's name names its report file too; use letters, "
            "digits, '.', '_' and '-' (starting with a letter or digit, at most 100)"
        )
    return name


def check_file(path: Path) -> Path:
    """`path` when it can be watched (a file, read again at each run), else InputFileError:
    standard input and pipes are read once."""
    if str(path) == "-" or not path.is_file():
        raise InputFileError(f"{path} is not a file: a watched file is read again at each run")
    return path


def watch_file(
    log: AuditLog,
    path: Path,
    settings: WatchSettings,
    *,
    name: str,
    added_at: datetime,
    added_by: str | None = None,
) -> WatchedFile:
    """Put a file on the watch list under `name` (absolute path, sha256 of now)."""
    check_name(name)
    check_file(path)
    try:
        sha256 = file_sha256(path)
    except OSError as exc:
        raise InputFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    absolute = path.expanduser().absolute()
    watch_id = add_watch(log, name=name, path=str(absolute), sha256=sha256, added_at=added_at,
                         added_by=added_by, settings=settings.to_json())  # fmt: skip
    return WatchedFile(watch_id, name, absolute, sha256, added_at, added_by, settings)


def watched_files(log: AuditLog, names: list[str] | None = None) -> list[WatchedFile]:
    """The watched files by name (only `names`, when given)."""
    return [
        WatchedFile(
            id=w.id,
            name=w.name,
            path=Path(w.path),
            sha256=w.sha256,
            added_at=w.added_at,
            added_by=w.added_by,
            settings=WatchSettings.from_json(w.settings, name=w.name),
        )
        for w in watches(log, names)
    ]


def unwatch(log: AuditLog, name: str) -> None:
    """Take a file off the watch list; ConfigError when no watched file has that name."""
    if not remove_watch(log, name):
        watches(log, [name])  # raises, naming the files that are watched
        raise ConfigError(f"no watched file named {name!r}")  # removed meanwhile


def _last(record: ScreeningRecord, name: str) -> LastScreening:
    return LastScreening(
        screened_at=record.screened_at,
        as_of=record.as_of,
        input_sha256=record.input_sha256,
        rows=record.input_rows,
        lists=lists_from_json(record.lists, name=name),
        hits=hits_from_json(record.hits, name=name),
        prints=RowPrints.unpack(record.fingerprints, name=name) if record.fingerprints
        else RowPrints(),
        run_id=record.run_id,
    )  # fmt: skip


def last_screening(log: AuditLog, watched: WatchedFile) -> LastScreening | None:
    """The file's last screening, row digests included; None before the first."""
    found = last_screenings(log, [watched.id], with_fingerprints=True).get(watched.id)
    return None if found is None else _last(found, watched.name)


@dataclass(frozen=True, slots=True)
class ScreeningSummary:
    """What `screen watch list` shows of a last screening (no row digests read)."""

    screened_at: datetime
    as_of: date
    rows: int
    lists: tuple[tuple[str, str], ...]  # (name, sha256)
    hits: int
    failing: int
    run_id: int | None


def screening_summaries(log: AuditLog, watched: list[WatchedFile]) -> dict[int, ScreeningSummary]:
    """The last screening of each watched file that has one, by file number."""
    found = last_screenings(log, [w.id for w in watched])
    names = {w.id: w.name for w in watched}
    return {
        watch_id: ScreeningSummary(
            screened_at=r.screened_at,
            as_of=r.as_of,
            rows=r.input_rows,
            lists=tuple((v.name, v.sha256) for v in lists_from_json(r.lists, name=names[watch_id])),
            hits=r.hit_count,
            failing=r.failing,
            run_id=r.run_id,
        )
        for watch_id, r in found.items()
    }


def record_rescreening(
    log: AuditLog,
    watched: WatchedFile,
    done: Rescreening,
    info: RunInfo,
    *,
    finished_at: datetime,
    exit_code: int,
) -> int:
    """Record a re-screening as a run (its new findings are the run's hits) and make it the
    file's last screening, in one transaction. Returns the run's id."""
    gate = done.result.gate
    record = ScreeningRecord(
        watch_id=watched.id,
        run_id=None,
        screened_at=finished_at,
        as_of=done.result.as_of,
        input_sha256=done.input_sha256,
        input_rows=done.result.rows,
        lists=lists_json(done.lists),
        hits=hits_json(done.hits),
        hit_count=len(done.hits),
        failing=sum(fails_gate(h.finding, gate) for h in done.hits),
        fingerprints=done.prints.pack(),
    )
    return record_screening(log, info, done.result, record, finished_at=finished_at,
                            exit_code=exit_code)  # fmt: skip
