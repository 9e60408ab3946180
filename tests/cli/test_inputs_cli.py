"""`screen -` reads standard input; `screen FILE.xlsx` reads a workbook."""

from __future__ import annotations

import json

from clirun import invoke, one_line_error, runner
from openpyxl import Workbook

from cli.main import app


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
