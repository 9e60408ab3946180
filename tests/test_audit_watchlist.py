"""The watch list in the audit database (`screening.audit.watchlist`, schema version 2), in
SQLite and PostgreSQL: a version 1 database upgraded in place, files added, listed and
removed, a last screening written with its run or not at all."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from monitoring import HUAWEI, SUPPLIERS, ZETA, write_list, write_suppliers
from test_audit import (
    LEGACY_FAILURE,
    LEGACY_RUN,
    _info,
    _legacy_database,
    _pg_database,
    _query,
    _structure,
    db_url,  # noqa: F401  # the fixture: each kind of database
    pg_server,  # noqa: F401  # the session's PostgreSQL server, when one can start
)

from screening.audit import SCHEMA_VERSION, AuditError, AuditLog, sqlite_path, sqlite_url
from screening.audit.schema import TABLES
from screening.audit.watchlist import last_screenings
from screening.errors import ConfigError
from screening.lists import load_list
from screening.monitor import (
    WatchSettings,
    last_screening,
    record_rescreening,
    rescreen_file,
    screening_summaries,
    unwatch,
    watch_file,
    watched_files,
)

ADDED = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
DONE = datetime(2025, 3, 1, 8, 0, 2, tzinfo=UTC)
ALL_TABLES = tuple(t.name for t in TABLES)


def test_a_version_1_database_is_upgraded_in_place(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    """Every row of the runs stays; the watch list's tables are created, and the database
    is then the one a new database is."""
    _legacy_database(db_url)
    with AuditLog(db_url) as log:
        assert log.schema_version == SCHEMA_VERSION == 2
        assert log.run(1) == LEGACY_RUN and log.run(2) == LEGACY_FAILURE
        assert watched_files(log) == []
    if sqlite_path(db_url) is not None:
        fresh = sqlite_url(tmp_path / "fresh.sqlite3")
    else:
        fresh = _pg_database(db_url.rsplit("/", 1)[0])
    AuditLog(fresh).close()
    assert _structure(db_url, ALL_TABLES) == _structure(fresh, ALL_TABLES)
    assert _query(db_url, "SELECT version FROM schema_info") == [(SCHEMA_VERSION,)]
    with AuditLog(db_url) as log:  # opened again: nothing more to do
        assert log.schema_version == SCHEMA_VERSION


def test_a_database_of_a_newer_version_is_still_refused(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "audit.sqlite3")
    AuditLog(url).close()
    import sqlite3

    with sqlite3.connect(tmp_path / "audit.sqlite3") as conn:
        conn.execute(f"UPDATE schema_info SET version = {SCHEMA_VERSION + 1}")
    with pytest.raises(AuditError, match="newer than this version"):
        AuditLog(url)


def _screened(tmp_path: Path, as_of: date = date(2025, 3, 1)):  # type: ignore[no-untyped-def]
    suppliers = write_suppliers(tmp_path / "suppliers.csv", SUPPLIERS)
    listed = write_list(tmp_path / "list.csv", HUAWEI, ZETA)
    settings = WatchSettings()
    done = rescreen_file(suppliers, settings, [load_list(listed)],
                         settings.screen_options(as_of), None)  # fmt: skip
    return suppliers, settings, done


def test_a_watched_file_and_its_last_screening(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    suppliers, settings, done = _screened(tmp_path)
    with AuditLog(db_url) as log:
        watched = watch_file(log, suppliers, settings, name="vendors", added_at=ADDED,
                             added_by="ana")  # fmt: skip
        assert last_screening(log, watched) is None
        run_id = record_rescreening(log, watched, done, _info(command="rescreen"),
                                    finished_at=DONE, exit_code=1)  # fmt: skip
        (again,) = watched_files(log)
        last = last_screening(log, again)
        summary = screening_summaries(log, [again])[again.id]
        run = log.run(run_id)
    assert (again.name, again.path, again.added_by) == ("vendors", suppliers, "ana")
    assert again.added_at == ADDED and again.settings == settings
    assert last is not None and last.run_id == run_id and last.screened_at == DONE
    assert last.hits == done.hits and last.lists == done.lists
    assert (last.prints.keys == done.prints.keys).all() and last.rows == 3
    assert (summary.hits, summary.failing, summary.rows) == (2, 2, 3)
    assert summary.lists == (("list.csv", done.lists[0].sha256),)
    assert run is not None and run.command == "rescreen" and run.hit_count == 2


def test_names_are_unique_and_removal_takes_the_screening_along(
    db_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    suppliers, settings, done = _screened(tmp_path)
    with AuditLog(db_url) as log:
        watched = watch_file(log, suppliers, settings, name="vendors", added_at=ADDED)
        record_rescreening(log, watched, done, _info(), finished_at=DONE, exit_code=1)
        with pytest.raises(ConfigError, match="already named 'vendors'"):
            watch_file(log, suppliers, settings, name="vendors", added_at=ADDED)
        with pytest.raises(ConfigError, match="no watched file named other; watched: vendors"):
            watched_files(log, ["other"])
        unwatch(log, "vendors")
        assert watched_files(log) == [] and last_screenings(log, [watched.id]) == {}
        assert log.recent_runs()[0].hit_count == 2  # its runs stay in the audit trail
        with pytest.raises(ConfigError, match="no watched file named gone"):
            unwatch(log, "gone")


def test_a_last_screening_is_written_with_its_run_or_not_at_all(tmp_path: Path) -> None:
    suppliers, settings, done = _screened(tmp_path)
    url = sqlite_url(tmp_path / "audit.sqlite3")
    with AuditLog(url) as log:
        watched = watch_file(log, suppliers, settings, name="vendors", added_at=ADDED)
        unwatch(log, "vendors")  # removed meanwhile: its screening cannot be written
        with pytest.raises(AuditError, match="FOREIGN KEY"):
            record_rescreening(log, watched, done, _info(), finished_at=DONE, exit_code=1)
        assert log.recent_runs() == []  # the run went with it


def test_a_file_to_watch_must_exist(tmp_path: Path) -> None:
    from screening.errors import InputFileError

    with AuditLog(sqlite_url(tmp_path / "a.sqlite3")) as log, pytest.raises(InputFileError):
        watch_file(log, tmp_path / "none.csv", WatchSettings(), name="x", added_at=ADDED)
