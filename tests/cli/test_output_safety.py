"""What the CLI writes, and where: reports that reach their file, never over an input, data
that never acts as markup or terminal codes, and errors that always end with exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import REPO, invoke, one_line_error, runner
from screening_cli.app import app

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"


def _history(db: Path) -> list[dict[str, object]]:
    done = invoke("history", "--format", "json", "--db", f"sqlite:///{db}")
    assert done.exit_code == 0, done.stderr
    runs: list[dict[str, object]] = json.loads(done.stdout)
    return runs


# --- the report reaches its file -----------------------------------------------------------


def test_table_report_to_a_file_holds_the_table(tmp_path):
    report = tmp_path / "report.txt"
    result = invoke(SUPPLIERS, "--as-of", "2025-03-26", "-o", report)
    assert result.exit_code == 1, result.stderr
    text = report.read_text(encoding="utf-8")
    assert "Potential matches as of 2025-03-26" in text
    assert "Huawei" in text and "84 FR 22961" in text
    assert "\x1b" not in text  # plain text, no colour codes
    assert all(line == line.rstrip() for line in text.splitlines())
    assert result.stdout == ""


def test_lookup_table_to_a_file_holds_the_table(tmp_path):
    report = tmp_path / "lookup.txt"
    result = invoke("lookup", "Huawei Technologies", "-o", report)
    assert result.exit_code == 1, result.stderr
    assert "84 FR 22961" in report.read_text(encoding="utf-8")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_full_disk_is_an_error_not_a_pass(fmt):
    result = invoke(SUPPLIERS, "--format", fmt, "-o", "/dev/full")
    assert "No space left" in one_line_error(result)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_stdout_on_a_full_disk_exits_2_without_traceback(tmp_path, fmt):
    env = {
        **os.environ,
        "SCREEN_DATA_DIR": str(tmp_path / "data"),
        "SCREEN_DB": f"sqlite:///{tmp_path / 'audit.sqlite3'}",
        "SCREEN_CACHE_DIR": "",
        "SCREEN_LIST": "sample",
    }
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "screening_cli", str(SUPPLIERS), "--format", fmt],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
            timeout=120,
        )
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert lines == ["error: cannot write the report to standard output: No space left on device"]
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


# --- never over an input -----------------------------------------------------------------------


def _copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    return dst


def test_output_over_the_supplier_file_is_refused(tmp_path):
    suppliers = _copy(SUPPLIERS, tmp_path / "suppliers.csv")
    before = suppliers.read_bytes()
    result = invoke(suppliers, "--format", "json", "-o", suppliers)
    assert "would overwrite the supplier file" in one_line_error(result)
    assert suppliers.read_bytes() == before


def test_output_over_an_input_by_another_path_is_refused(tmp_path, monkeypatch):
    suppliers = _copy(SUPPLIERS, tmp_path / "suppliers.csv")
    (tmp_path / "link.csv").symlink_to(suppliers)
    monkeypatch.chdir(tmp_path)
    result = invoke(suppliers, "-o", "link.csv")
    assert "would overwrite the supplier file" in one_line_error(result)
    result = invoke("suppliers.csv", "-o", tmp_path / "sub" / ".." / "suppliers.csv")
    one_line_error(result)


def test_output_over_the_decisions_file_or_the_audit_database_is_refused(tmp_path):
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("input_id,input_name,entry_id,decision,reviewer,date\n")
    before = decisions.read_bytes()
    result = invoke(SUPPLIERS, "--decisions", decisions, "-o", decisions)
    assert "would overwrite the decisions file" in one_line_error(result)
    assert decisions.read_bytes() == before

    db = tmp_path / "audit.sqlite3"
    assert invoke(SUPPLIERS, "--db", f"sqlite:///{db}").exit_code == 1
    before = db.read_bytes()
    result = invoke(SUPPLIERS, "--db", f"sqlite:///{db}", "-o", db)
    assert "would overwrite the audit database" in one_line_error(result)
    assert db.read_bytes()[:16] == b"SQLite format 3\x00"
    assert len(_history(db)) == 2  # the refused run is recorded too
    assert before[:16] == b"SQLite format 3\x00"


def test_output_over_a_list_file_is_refused(tmp_path):
    listed = _copy(REPO / "fixtures" / "lists" / "sample_csl.csv", tmp_path / "list.csv")
    result = invoke("lookup", "Huawei", "--list", listed, "-o", listed)
    assert result.exit_code == 2 and result.stdout == "", result.stderr
    *warnings, error = [line for line in result.stderr.splitlines() if line.strip()]
    assert error.startswith("error: ") and "would overwrite the list file" in error
    assert [w.split(":")[0] for w in warnings] == ["warning"]  # its age is unknown


# --- data is shown, never obeyed -----------------------------------------------------------------


def test_markup_in_a_looked_up_name_is_printed_as_written():
    result = invoke("lookup", "Huawei Technologies [/x]")
    assert result.exit_code in (0, 1), result.stderr
    assert "[/x]" in result.stdout and "84 FR 22961" in result.stdout


def test_markup_and_terminal_codes_in_a_supplier_file_never_reach_the_terminal(tmp_path):
    suppliers = tmp_path / "s.csv"
    suppliers.write_text(
        "id,name\n"
        "V1,Huawei Technologies [link=https://example.invalid]Co[/link]\n"
        "V2,Huawei Technologies \x1b]0;owned\x07 Co Ltd\n"
        "V3,Huawei Technologies Co Ltd \u202ecod.exe\n",
        encoding="utf-8",
    )
    db = tmp_path / "audit.sqlite3"
    result = invoke(suppliers, "--db", f"sqlite:///{db}", "--show-from", "0")
    assert result.exit_code in (0, 1), result.stderr
    out = result.stdout
    assert "[link=https://example.invalid]" in out  # as written, not a hyperlink
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\ufffd]0;owned\ufffd" in out  # visibly replaced
    shown = invoke("history", "--db", f"sqlite:///{db}")
    assert shown.exit_code == 0, shown.stderr
    run_id = _history(db)[0]["id"]
    one = invoke("history", run_id, "--db", f"sqlite:///{db}")
    assert one.exit_code == 0, one.stderr
    assert "\x1b" not in one.stdout and "Huawei" in one.stdout


# --- every error ends with exit code 2 and is recorded ------------------------------------


def test_an_unexpected_error_exits_2_with_one_line_and_is_recorded(tmp_path, monkeypatch):
    import screening.screen

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("something nobody foresaw\nsecond line")

    monkeypatch.setattr(screening.screen, "lookup", broken)
    db = tmp_path / "audit.sqlite3"
    result = invoke("lookup", "Huawei", "--db", f"sqlite:///{db}")
    line = one_line_error(result)
    assert "unexpected RuntimeError: something nobody foresaw" in line
    assert "SCREEN_TRACEBACK" in line
    (run,) = _history(db)
    assert run["exit_code"] == 2 and "RuntimeError" in str(run["error"])

    traced = runner.invoke(app, ["lookup", "Huawei"], env={"SCREEN_TRACEBACK": "1"})
    assert isinstance(traced.exception, RuntimeError)


@pytest.mark.parametrize("url", ["mysql://user:secret@localhost/audit", "nosuchdb://x"])
def test_a_database_without_its_driver_is_refused_before_screening(url):
    line = one_line_error(invoke("lookup", "Huawei", "--db", url))
    assert line.startswith("error: audit database ")
    assert "secret" not in line


@pytest.mark.parametrize("command", [[str(SUPPLIERS)], ["lookup", "Huawei"]])
def test_show_from_out_of_range_is_a_usage_error(command):
    result = invoke(*command, "--show-from", "150")
    assert result.exit_code == 2
    assert "--show-from" in result.stderr
