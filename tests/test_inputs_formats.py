"""Supplier files beyond CSV: XLSX (first sheet or a named one) and bytes from stdin."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from screening.errors import InputFileError
from screening.inputs import read_suppliers


def _xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_xlsx_first_sheet_with_chinese_headers(tmp_path):
    path = _xlsx(
        tmp_path / "vendors.xlsx",
        {
            "供应商": [["编号", "供应商名称", "国家"], ["007", "华为技术有限公司", "CN"],
                       [None, None, None], ["9", "Siemens AG", "DE"]],
            "Other": [["name"], ["ignored"]],
        },
    )  # fmt: skip
    suppliers, columns = read_suppliers(path)
    assert (columns.name, columns.country, columns.input_id) == ("供应商名称", "国家", "编号")
    assert [(s.row, s.input_id, s.name) for s in suppliers] == [
        (1, "007", "华为技术有限公司"),
        (2, "", ""),  # a blank row is kept, and reported as skipped by the screening
        (3, "9", "Siemens AG"),
    ]


def test_xlsx_named_sheet_and_unknown_sheet(tmp_path):
    path = _xlsx(tmp_path / "v.xlsx", {"A": [["name"], ["x"]], "Vendors": [["name"], ["Acme"]]})
    suppliers, _ = read_suppliers(path, sheet="Vendors")
    assert [s.name for s in suppliers] == ["Acme"]
    with pytest.raises(InputFileError, match="no sheet 'Missing'; sheets are: A, Vendors"):
        read_suppliers(path, sheet="Missing")


def test_xlsx_header_only(tmp_path):
    path = _xlsx(tmp_path / "h.xlsx", {"S": [["name", "country"]]})
    with pytest.raises(InputFileError, match="header but no data rows"):
        read_suppliers(path)


def test_sheet_option_on_a_csv_is_an_error(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text("name\nAcme\n")
    with pytest.raises(InputFileError, match="--sheet applies to XLSX"):
        read_suppliers(path, sheet="S")


def test_old_binary_xls_is_refused_with_advice(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(InputFileError, match="save it as .xlsx or CSV"):
        read_suppliers(path)


def test_bytes_from_stdin(tmp_path):
    data = b"vendor_id\tname\nV1\tHuawei Technologies\n"
    suppliers, columns = read_suppliers(Path("<stdin>"), data=data)
    assert [(s.input_id, s.name) for s in suppliers] == [("V1", "Huawei Technologies")]
    buffer = io.BytesIO()
    _xlsx(tmp_path / "s.xlsx", {"S": [["name"], ["Acme"]]})
    buffer.write((tmp_path / "s.xlsx").read_bytes())
    suppliers, _ = read_suppliers(Path("<stdin>"), data=buffer.getvalue())
    assert [s.name for s in suppliers] == ["Acme"]
