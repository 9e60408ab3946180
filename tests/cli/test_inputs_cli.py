"""`screen -` reads standard input; `screen FILE.xlsx` reads a workbook; `.parquet` files and
large CSV files are streamed, the CSV report written as the rows are screened."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from clirun import REPO, invoke, one_line_error, runner
from openpyxl import Workbook
from screening_cli.app import app
from workbooks import ole2, rows_xml, shared_xml, sheet_xml, xlsx, xlsx_rows

SUPPLIERS_CSV = REPO / "fixtures" / "suppliers.csv"


def test_stdin_csv_is_screened():
    result = runner.invoke(
        app,
        ["-", "--as-of", "2025-03-26", "--format", "json"],
        input="name,country\nHuawei Technologies Co Ltd,CN\nRobert Bosch GmbH,DE\n",
    )
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["rows"] == 2
    assert [(m["row"], m["entry_id"]) for m in report["matches"]] == [(1, "sample-el-015")]


def test_xlsx_file_with_sheet_option(tmp_path):
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["just notes"])
    vendors = book.create_sheet("Vendors")
    vendors.append(["vendor_id", "name"])
    vendors.append(["V9", "Nettrix Information Industry Co., Ltd."])
    path = tmp_path / "vendors.xlsx"
    book.save(path)
    result = invoke(path, "--sheet", "Vendors", "--as-of", "2025-03-24", "--format", "json")
    assert result.exit_code == 1, result.stderr
    (match,) = json.loads(result.stdout)["matches"]
    assert (match["input_id"], match["status"]) == ("V9", "pending")
    assert "no sheet 'Missing'" in one_line_error(invoke(path, "--sheet", "Missing"))


def test_csv_report_is_streamed_and_equals_the_json_findings(tmp_path):
    out_csv, out_json = tmp_path / "hits.csv", tmp_path / "hits.json"
    streamed = invoke(SUPPLIERS_CSV, "--chunk-rows", "5", "--format", "csv", "-o", out_csv)
    whole = invoke(SUPPLIERS_CSV, "--format", "json", "-o", out_json)
    assert streamed.exit_code == whole.exit_code == 1
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8", newline="")))
    matches = json.loads(out_json.read_text(encoding="utf-8"))["matches"]
    assert [(int(r["row"]), r["entry_id"], float(r["score"])) for r in rows] == [
        (m["row"], m["entry_id"], m["score"]) for m in matches
    ]


def test_a_bad_row_after_streamed_chunks_leaves_no_report(tmp_path):
    source = SUPPLIERS_CSV.read_text(encoding="utf-8")
    bad = tmp_path / "late.csv"
    bad.write_text(source + "V999,Widget, Inc,US,Austin,extra\n", encoding="utf-8")
    out = tmp_path / "hits.csv"
    out.write_text("previous report\n", encoding="utf-8")
    result = invoke(bad, "--chunk-rows", "5", "--format", "csv", "-o", out)
    assert "late.csv, line 55" in one_line_error(result)
    assert out.read_text(encoding="utf-8") == "previous report\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hits.csv", "late.csv"]


def test_parquet_input_screens_like_the_csv(tmp_path):
    pa = pytest.importorskip("pyarrow")
    from pyarrow import parquet

    text = SUPPLIERS_CSV.read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO(text)))
    path = tmp_path / "suppliers.parquet"
    parquet.write_table(pa.Table.from_pylist(table), path)
    from_parquet = invoke(path, "--format", "json")
    from_csv = invoke(SUPPLIERS_CSV, "--format", "json")
    assert from_parquet.exit_code == from_csv.exit_code == 1
    key = [(m["row"], m["input_id"], m["entry_id"], m["score"]) for m in
           json.loads(from_csv.stdout)["matches"]]  # fmt: skip
    assert key == [(m["row"], m["input_id"], m["entry_id"], m["score"]) for m in
                   json.loads(from_parquet.stdout)["matches"]]  # fmt: skip


def _matches(report: str) -> list[tuple[object, ...]]:
    return [(m["row"], m["input_id"], m["entry_id"]) for m in json.loads(report)["matches"]]


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="needs /dev/fd, as <(command) does")
def test_process_substitution_is_screened_like_the_file(tmp_path):
    """`screen <(command)` names a pipe, /dev/fd/N: it gave a seek traceback and exit 1."""
    db = {"SCREEN_DB": f"sqlite:///{tmp_path / 'audit.sqlite3'}"}
    read_end, write_end = os.pipe()
    writer = threading.Thread(target=_write_all, args=(write_end, SUPPLIERS_CSV.read_bytes()))
    writer.start()
    try:
        piped = runner.invoke(app, [f"/dev/fd/{read_end}", "--format", "json"], env=db)
    finally:
        writer.join(10)
        os.close(read_end)
    whole = invoke(SUPPLIERS_CSV, "--format", "json")
    assert piped.exit_code == whole.exit_code == 1, piped.stderr
    assert _matches(piped.stdout) == _matches(whole.stdout)
    history = runner.invoke(app, ["history", "--format", "json"], env=db)
    (run,) = json.loads(history.stdout)
    assert run["exit_code"] == 1
    assert run["input_sha256"] is None  # not the hash of an empty second read of the pipe


def _write_all(target: int | str, data: bytes) -> None:
    with open(target, "wb") as stream:  # target may be a file descriptor
        stream.write(data)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_screened_and_the_run_ends(tmp_path):
    """A FIFO: read once; the audit, opening it again to hash it, waited forever."""
    fifo = tmp_path / "suppliers.csv"
    os.mkfifo(fifo)
    writer = threading.Thread(target=_write_all, args=(str(fifo), SUPPLIERS_CSV.read_bytes()))
    writer.start()
    env = {
        **os.environ,
        "SCREEN_DB": f"sqlite:///{tmp_path / 'audit.sqlite3'}",
        "SCREEN_DATA_DIR": str(tmp_path / "data"),
        "SCREEN_CACHE_DIR": os.environ.get("SCREEN_CACHE_DIR", str(tmp_path / "cache")),
        "SCREEN_LIST": "sample",
    }
    command = [sys.executable, "-c", "from screening_cli.app import main; main()", str(fifo)]
    done = subprocess.run(
        [*command, "--format", "json"], env=env, capture_output=True, timeout=120, cwd=REPO
    )
    writer.join(10)
    assert done.returncode == 1, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    whole = invoke(SUPPLIERS_CSV, "--format", "json")
    assert _matches(done.stdout.decode()) == _matches(whole.stdout)


def test_an_encrypted_workbook_is_one_line_saying_so(tmp_path):
    path = tmp_path / "vendors.xlsx"
    path.write_bytes(ole2(["EncryptionInfo", "EncryptedPackage"]))
    message = one_line_error(invoke(path))
    assert "password-protected (encrypted) workbook" in message and "(.xls)" not in message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (xlsx(sheet_xml(rows_xml([["name"], ["Acme"]]), dimension="A1:A20000000")),
         "declares rows 1 to 20,000,000"),
        (xlsx_rows([["name"], ["Acme"]], shared=shared_xml(["x" * (8 << 20)])), "zip bomb"),
    ],
    ids=["twenty-million-rows", "bomb"],
)  # fmt: skip
def test_hostile_workbooks_are_one_line_and_exit_2(tmp_path, data, expected):
    path = tmp_path / "vendors.xlsx"
    path.write_bytes(data)
    assert expected in one_line_error(invoke(path))


def test_max_rows_refuses_a_longer_file(tmp_path):
    suppliers = tmp_path / "s.csv"
    suppliers.write_text("name\nHuawei\nAcme\nBosch\n", encoding="utf-8")
    line = one_line_error(invoke(suppliers, "--max-rows", "2"))
    assert "more than 2 data rows" in line and "--max-rows" in line
    assert invoke(suppliers, "--max-rows", "3").exit_code == 1
