"""`screen check`/`lookup` record their runs; `screen history` reads them back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirun import REPO, runner
from screening_cli.app import app

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'audit.sqlite3'}"


def screen(db: str, *args: object) -> Any:
    return runner.invoke(app, [str(a) for a in args], env={"SCREEN_DB": db})


def history_json(db: str, *args: object) -> Any:
    result = screen(db, "history", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_a_check_run_is_recorded_with_its_hits_and_exit_code(db: str) -> None:
    report = screen(db, SUPPLIERS, "--as-of", "2025-03-26", "--format", "json")
    assert report.exit_code == 1
    expected = json.loads(report.stdout)
    [run] = history_json(db)
    assert run["command"] == "check" and run["status"] == "ok" and run["exit_code"] == 1
    assert run["input_path"] == str(SUPPLIERS) and len(run["input_sha256"]) == 64
    assert run["input_rows"] == expected["summary"]["rows"]
    assert run["hit_count"] == len(expected["matches"])
    assert run["failing"] == sum(m["fails_gate"] for m in expected["matches"])
    assert run["as_of"] == "2025-03-26"

    detail = history_json(db, str(run["id"]))
    assert [s["sha256"] for s in detail["lists"]] == [s["sha256"] for s in expected["lists"]]
    assert [(h["row"], h["entry_id"], h["status"]) for h in detail["hits"]] == [
        (m["row"], m["entry_id"], m["status"]) for m in expected["matches"]
    ]
    assert all(h["decision"] is None for h in detail["hits"])


def test_history_lists_runs_newest_first(db: str) -> None:
    assert screen(db, SUPPLIERS, "--as-of", "2025-03-26").exit_code == 1
    assert screen(db, "lookup", "Huawei Technologies").exit_code == 1
    table = screen(db, "history")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    body = "\n".join(lines)
    assert "suppliers.csv" in body and "lookup 'Huawei Technologies'" in body
    assert body.index("lookup 'Huawei") < body.index("suppliers.csv")
    runs = history_json(db)
    assert [r["command"] for r in runs] == ["lookup", "check"]
    assert [r["command"] for r in history_json(db, "--limit", "1")] == ["lookup"]


def test_a_bad_input_run_is_recorded_as_failed(db: str, tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    result = screen(db, missing)
    assert result.exit_code == 2
    [run] = history_json(db)
    assert run["status"] == "failed" and run["exit_code"] == 2
    assert "missing.csv" in run["error"]


def test_no_audit_records_nothing(db: str) -> None:
    assert screen(db, "lookup", "Huawei", "--no-audit").exit_code in (0, 1)
    assert history_json(db) == []


def test_default_database_is_in_the_data_directory(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"SCREEN_DB": "", "SCREEN_DATA_DIR": str(data)}
    empty = runner.invoke(app, ["history"], env=env)
    assert empty.exit_code == 0 and not data.exists()  # reading creates nothing
    assert runner.invoke(app, ["lookup", "Huawei"], env=env).exit_code in (0, 1)
    assert (data / "audit.sqlite3").exists()


def test_an_unknown_run_id_is_an_input_error(db: str) -> None:
    screen(db, "lookup", "Huawei")
    result = screen(db, "history", "999")
    assert result.exit_code == 2
    assert "no run 999" in result.stderr
