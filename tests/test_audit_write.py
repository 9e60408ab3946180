"""Recording a run (`screening.audit.record_run`): the rows SQLAlchemy wrote, in a database
it created or one created now, without importing anything beyond Python's sqlite3; and the
database each URL opens."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from test_audit import SQLALCHEMY_DDL

from screening.audit import (
    SCHEMA_VERSION,
    AuditError,
    AuditLog,
    RunInfo,
    check_database_url,
    display_url,
    record_run,
    sqlite_path,
    sqlite_url,
)
from screening.audit.db import PostgreSQL, SQLite, driver_for
from screening.gate import fails_gate
from screening.models import ListSnapshot, ScreeningResult
from screening.options import ScreenOptions
from screening.screen import screen_file

STARTED = datetime(2025, 3, 26, 9, 0, 0, 123456, tzinfo=UTC)
FINISHED = datetime(2025, 3, 26, 9, 0, 5, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[1]


def _info(command: str = "lookup") -> RunInfo:
    return RunInfo(
        command=command,
        started_at=STARTED,
        user="alice",
        host="ci-1",
        input_name="Huawei Technologies" if command == "lookup" else None,
        input_path="suppliers.csv" if command == "check" else None,
        threshold=85.0,
        fail_on="pending",
    )


@pytest.fixture(scope="module")
def result(sample_list: ListSnapshot) -> ScreeningResult:
    """The supplier fixture screened; its first hit cleared by a reviewer's decision."""
    found, _ = screen_file(
        ROOT / "fixtures" / "suppliers.csv", [sample_list], ScreenOptions(as_of=date(2025, 3, 26))
    )
    assert len(found.findings) >= 2
    first = replace(found.findings[0], decision="false_positive", cleared=True)
    return replace(found, findings=(first, *found.findings[1:]))


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every stored value with its SQLite type (text, integer, real, null)."""
    with closing(sqlite3.connect(path)) as conn:
        found = {}
        for table in ("runs", "run_lists", "run_hits", "schema_info"):
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            typed = ", ".join(f'"{c}", typeof("{c}")' for c in columns)
            found[table] = conn.execute(f"SELECT {typed} FROM {table} ORDER BY rowid").fetchall()
        return found


def test_a_database_sqlalchemy_created_gets_the_same_rows(tmp_path: Path, result: ScreeningResult):
    """A run recorded in a database SQLAlchemy created (its DDL) is stored byte for byte as
    in a database created now."""
    slow, quick = tmp_path / "slow.sqlite3", tmp_path / "quick.sqlite3"
    with AuditLog(sqlite_url(slow)) as log:
        log.record_result(_info(), result, finished_at=FINISHED, exit_code=1)
        log.record_failure(_info("check"), "no such file", finished_at=FINISHED, exit_code=2)
    with closing(sqlite3.connect(quick)) as conn:
        for statement in SQLALCHEMY_DDL["sqlite"]:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_info VALUES (1)")
        conn.commit()
    first = record_run(sqlite_url(quick), _info(), finished_at=FINISHED, exit_code=1,
                       result=result)  # fmt: skip
    second = record_run(sqlite_url(quick), _info("check"), finished_at=FINISHED, exit_code=2,
                        error="no such file")  # fmt: skip
    assert (first, second) == (1, 2)
    written = _tables(quick)
    assert written == _tables(slow)
    assert len(written["run_hits"]) == len(result.findings)
    # ... and it reads back as written.
    with AuditLog(sqlite_url(quick)) as log:
        run = log.run(first)
        failed = log.run(second)
    assert run is not None and failed is not None
    assert run.started_at == STARTED and run.finished_at == FINISHED
    assert (run.as_of, run.input_name, run.exit_code) == (
        date(2025, 3, 26),
        "Huawei Technologies",
        1,
    )
    assert run.hits[0].decision == "cleared: false_positive"
    assert [h.fails_gate for h in run.hits] == [fails_gate(f, result.gate) for f in result.findings]
    assert not run.hits[0].fails_gate and any(h.fails_gate for h in run.hits)
    assert (failed.status, failed.error, failed.hits) == ("failed", "no such file", ())


def test_a_lookup_is_recorded_without_importing_sqlalchemy_or_psycopg(tmp_path: Path) -> None:
    db = tmp_path / "audit.sqlite3"
    AuditLog(sqlite_url(db)).close()
    script = textwrap.dedent(
        f"""
        import sys
        from datetime import UTC, date, datetime
        from screening.audit import RunInfo, record_run
        from screening.lists import load_bundled_sample
        from screening.options import ScreenOptions
        from screening.screen import lookup

        options = ScreenOptions(as_of=date(2025, 3, 26))
        found = lookup("Huawei Technologies", [load_bundled_sample()], options)
        now = datetime.now(UTC)
        info = RunInfo(command="lookup", started_at=now, input_name="Huawei Technologies")
        print(record_run({sqlite_url(db)!r}, info, finished_at=now, exit_code=1, result=found))
        print("sqlalchemy" in sys.modules, "psycopg" in sys.modules)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, check=True)  # fmt: skip
    assert done.stdout.split() == ["1", "False", "False"]
    with AuditLog(sqlite_url(db)) as log:
        run = log.run(1)
    assert run is not None and run.hit_count > 0


def test_a_new_file_is_created_with_the_first_run(tmp_path: Path, result: ScreeningResult):
    db = tmp_path / "audit.sqlite3"
    run_id = record_run(sqlite_url(db), _info(), finished_at=FINISHED, exit_code=1,
                        result=result)  # fmt: skip
    with AuditLog(sqlite_url(db)) as log:
        assert log.schema_version == SCHEMA_VERSION
        run = log.run(run_id)
    assert run is not None and run.hit_count == len(result.findings)


def test_a_file_that_is_no_database_is_an_audit_error(tmp_path: Path) -> None:
    db = tmp_path / "audit.sqlite3"
    db.write_text("these are not the pages of a database\n" * 200)
    with pytest.raises(AuditError, match=r"audit database sqlite:///.*audit\.sqlite3: "):
        record_run(sqlite_url(db), _info(), finished_at=FINISHED, exit_code=2, error="x")


@pytest.mark.parametrize(
    ("url", "opens"),
    [
        ("sqlite:///{db}", SQLite("{db}", 30)),
        ("sqlite:///{db}?timeout=5", SQLite("{db}", 5)),  # the busy timeout, in seconds
        ("sqlite:///{missing}", SQLite("{missing}", 30)),  # created by the first run
        ("sqlite:///:memory:", SQLite(":memory:", 30)),
        ("sqlite://", SQLite(":memory:", 30)),
        ("sqlite:///{tmp}/50%25%3F/audit.sqlite3", SQLite("{tmp}/50%?/audit.sqlite3", 30)),
        (
            "postgresql+psycopg://user@localhost/audit",
            PostgreSQL("postgresql://user@localhost/audit"),
        ),
        (
            "postgresql://u:p%40ss@h:5433/a?sslmode=require",
            PostgreSQL("postgresql://u:p%40ss@h:5433/a?sslmode=require"),
        ),
    ],
)
def test_which_database_each_url_opens(tmp_path: Path, url: str, opens: object) -> None:
    if isinstance(opens, PostgreSQL):
        pytest.importorskip("psycopg")
    db, missing = tmp_path / "audit.sqlite3", tmp_path / "none.sqlite3"
    names = {"db": db, "missing": missing, "tmp": tmp_path}
    if isinstance(opens, SQLite):
        opens = SQLite(opens.path.format(**names), opens.timeout)
    assert driver_for(url.format(**names)) == opens


def test_a_run_is_recorded_where_sqlite_url_says(tmp_path: Path, result: ScreeningResult):
    """A folder whose name holds what a URL escapes (`%`, `?`) is written, not another."""
    folder = tmp_path / "50% off?"
    folder.mkdir()
    url = sqlite_url(folder / "audit.sqlite3")
    assert sqlite_path(url) == folder / "audit.sqlite3"
    assert record_run(url, _info(), finished_at=FINISHED, exit_code=1, result=result) == 1
    assert (folder / "audit.sqlite3").is_file()
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("mysql://user:secret@localhost/audit", "cannot use a 'mysql' database"),
        ("nosuchdb://x", "cannot use a 'nosuchdb' database"),
        ("audit.sqlite3", "not a database URL"),
        ("sqlite://host/audit.sqlite3", "three slashes"),
        ("sqlite:///audit.sqlite3?mode=ro", "unknown option 'mode'"),
        ("sqlite:///audit.sqlite3?timeout=soon", "timeout 'soon' is not a number"),
    ],
)
def test_a_url_screening_cannot_use_is_refused_in_one_line(url: str, why: str) -> None:
    for refuse in (check_database_url, AuditLog):
        with pytest.raises(AuditError, match="^audit database ") as caught:
            refuse(url)
        message = str(caught.value)
        assert why in message and "\n" not in message and "secret" not in message


def test_postgresql_without_its_driver_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if not installed
    with pytest.raises(AuditError, match=r"psycopg is not installed.*pip install .\.\[postgres\]"):
        check_database_url("postgresql+psycopg://screen:secret@db.example.com/audit")


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    pytest.importorskip("psycopg")
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql+psycopg://screen:secret@127.0.0.1:{port}/audit?connect_timeout=5"
    with pytest.raises(AuditError) as caught:
        AuditLog(url)
    message = str(caught.value)
    assert message.startswith(f"audit database postgresql+psycopg://screen:***@127.0.0.1:{port}/")
    assert "secret" not in message and "\n" not in message


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql+psycopg://screen:s3cr%40t@db:5432/audit",
            "postgresql+psycopg://screen:***@db:5432/audit",
        ),
        ("postgresql://:secret@db/audit", "postgresql://:***@db/audit"),
        ("postgresql+psycopg://screen@db/audit", "postgresql+psycopg://screen@db/audit"),
        ("sqlite:////var/data/audit.sqlite3", "sqlite:////var/data/audit.sqlite3"),
    ],
)
def test_messages_show_the_url_without_its_password(url: str, shown: str) -> None:
    assert display_url(url) == shown
