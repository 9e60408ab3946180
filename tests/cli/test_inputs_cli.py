"""`screen -` reads standard input; `screen FILE.xlsx` reads a workbook; `.parquet` files and
large CSV files are streamed, the CSV report written as the rows are screened."""

from __future__ import annotations

import csv
import io
import json

import pytest
from clirun import REPO, invoke, one_line_error, runner
from openpyxl import Workbook

from cli.main import app

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
