"""Recording a run with Python's sqlite3 driver (`screening.audit_write`): the same rows as
SQLAlchemy writes, without importing it, and the SQLAlchemy way whenever the file is not an
existing database of the current schema."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from screening.audit import SCHEMA_VERSION, AuditError, AuditLog, RunInfo, sqlite_url
from screening.audit_write import record_run, sqlite_file
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
    with sqlite3.connect(path) as conn:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()  # noqa: S608
            for table in ("runs", "run_lists", "run_hits", "schema_info")
        }


def test_the_quick_way_stores_what_sqlalchemy_stores(tmp_path: Path, result: ScreeningResult):
    slow, quick = tmp_path / "slow.sqlite3", tmp_path / "quick.sqlite3"
    with AuditLog(sqlite_url(slow)) as log:
        log.record_result(_info(), result, finished_at=FINISHED, exit_code=1)
        log.record_failure(_info("check"), "no such file", finished_at=FINISHED, exit_code=2)
    AuditLog(sqlite_url(quick)).close()  # the schema exists: the quick way serves
    first = record_run(sqlite_url(quick), _info(), finished_at=FINISHED, exit_code=1,
                       result=result)  # fmt: skip
    second = record_run(sqlite_url(quick), _info("check"), finished_at=FINISHED, exit_code=2,
                        error="no such file")  # fmt: skip
    assert (first, second) == (1, 2)
    written = _tables(quick)
    assert written == _tables(slow)
    assert len(written["run_hits"]) == len(result.findings)
    # ... and SQLAlchemy reads it back as it reads its own rows.
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


def test_a_lookup_is_recorded_without_importing_sqlalchemy(tmp_path: Path) -> None:
    db = tmp_path / "audit.sqlite3"
    AuditLog(sqlite_url(db)).close()
    script = textwrap.dedent(
        f"""
        import sys
        from datetime import UTC, date, datetime
        from screening.audit_records import RunInfo
        from screening.audit_write import record_run
        from screening.lists import load_bundled_sample
        from screening.options import ScreenOptions
        from screening.screen import lookup

        options = ScreenOptions(as_of=date(2025, 3, 26))
        found = lookup("Huawei Technologies", [load_bundled_sample()], options)
        now = datetime.now(UTC)
        info = RunInfo(command="lookup", started_at=now, input_name="Huawei Technologies")
        print(record_run({sqlite_url(db)!r}, info, finished_at=now, exit_code=1, result=found))
        print("sqlalchemy" in sys.modules)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, check=True)  # fmt: skip
    assert done.stdout.split() == ["1", "False"]
    with AuditLog(sqlite_url(db)) as log:
        run = log.run(1)
    assert run is not None and run.hit_count > 0


def test_a_new_file_is_created_the_sqlalchemy_way(tmp_path: Path, result: ScreeningResult):
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
    ("url", "quick"),
    [
        ("sqlite:///{db}", True),
        ("sqlite:///{db}?timeout=5", False),  # options: SQLAlchemy reads them
        ("sqlite:///{missing}", False),  # not created yet
        ("sqlite:///:memory:", False),
        ("sqlite://", False),
        ("postgresql+psycopg://user@localhost/audit", False),
    ],
)
def test_which_urls_take_the_quick_way(tmp_path: Path, url: str, quick: bool) -> None:
    db = tmp_path / "audit.sqlite3"
    db.touch()
    found = sqlite_file(url.format(db=db, missing=tmp_path / "none.sqlite3"))
    assert (found == db) if quick else found is None
