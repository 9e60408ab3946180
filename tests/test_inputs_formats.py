"""Supplier files beyond CSV: XLSX (first sheet or a named one) and bytes from stdin."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from workbooks import ole2

from screening.errors import InputFileError
from screening.inputs import read_suppliers
from screening.options import ReadOptions


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
    suppliers, _ = read_suppliers(path, ReadOptions(sheet="Vendors"))
    assert [s.name for s in suppliers] == ["Acme"]
    with pytest.raises(InputFileError, match="no sheet 'Missing'; sheets are: A, Vendors"):
        read_suppliers(path, ReadOptions(sheet="Missing"))


def test_xlsx_header_only(tmp_path):
    path = _xlsx(tmp_path / "h.xlsx", {"S": [["name", "country"]]})
    with pytest.raises(InputFileError, match="header but no data rows"):
        read_suppliers(path)


def test_sheet_option_on_a_csv_is_an_error(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text("name\nAcme\n")
    with pytest.raises(InputFileError, match="--sheet applies to XLSX"):
        read_suppliers(path, ReadOptions(sheet="S"))


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


@pytest.mark.parametrize("streams", [["EncryptionInfo", "EncryptedPackage"], ["EncryptedPackage"]])
def test_encrypted_workbook_is_called_password_protected_not_xls(tmp_path, streams):
    # Excel saves a workbook with a password to open as an OLE2 file holding the encrypted
    # package, with the same first bytes as an old .xls: it was called one.
    path = tmp_path / "vendors.xlsx"
    path.write_bytes(ole2(streams))
    with pytest.raises(InputFileError) as caught:
        read_suppliers(path)
    message = str(caught.value)
    assert "password-protected (encrypted) workbook" in message
    assert "save a copy without the password" in message and ".xls)" not in message


def test_an_old_xls_holding_the_name_elsewhere_is_still_an_xls(tmp_path):
    # The name as cell text (not on a directory entry's boundary) does not make it encrypted.
    path = tmp_path / "old.xls"
    text = "EncryptedPackage\0".encode("utf-16-le")
    path.write_bytes(ole2(["Workbook"]) + b"\0" * 3 + text + b"\0" * 200)
    with pytest.raises(InputFileError, match=r"old binary Excel file \(\.xls\)"):
        read_suppliers(path)


def test_parquet_over_the_row_limit_is_refused_from_its_metadata(tmp_path):
    pa = pytest.importorskip("pyarrow")
    from pyarrow import parquet

    path = tmp_path / "s.parquet"
    parquet.write_table(pa.table({"name": ["A", "B", "C"], "id": ["1", "2", "3"]}), path)
    assert [(s.row, s.line, s.name) for s in read_suppliers(path, ReadOptions(max_rows=3))[0]] == [
        (1, 0, "A"), (2, 0, "B"), (3, 0, "C"),
    ]  # fmt: skip
    with pytest.raises(InputFileError, match="more than 2 data rows"):
        read_suppliers(path, ReadOptions(max_rows=2))
