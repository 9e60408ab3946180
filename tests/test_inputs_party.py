"""Columns beyond name, country and id found from the header (English and Chinese) or named
by option, and read into each Supplier (`screening.inputs`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.errors import InputFileError
from screening.inputs import detect_columns, read_suppliers
from screening.options import ReadOptions


def test_english_headers_are_found():
    columns = detect_columns(
        ["Vendor ID", "Name", "English Name", "Street", "City", "LEI", "DUNS Number",
         "Tax ID", "Date of Birth", "Nationality"], Path("f.csv"),
    )  # fmt: skip
    assert columns.second_name == "English Name"
    assert columns.address == ("Street", "City")
    assert columns.identifiers == ("LEI", "DUNS Number", "Tax ID")
    assert (columns.date_of_birth, columns.nationality) == ("Date of Birth", "Nationality")


def test_chinese_headers_are_found():
    columns = detect_columns(
        ["供应商名称", "英文名称", "地址", "城市", "统一社会信用代码", "出生日期", "国籍"],
        Path("f.csv"),
    )
    assert (columns.name, columns.second_name) == ("供应商名称", "英文名称")
    assert columns.address == ("地址", "城市")
    assert columns.identifiers == ("统一社会信用代码",)
    assert (columns.date_of_birth, columns.nationality) == ("出生日期", "国籍")


def test_a_file_without_them_reads_as_before(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("name,country\nAcme,US\n", encoding="utf-8")
    (supplier,), columns = read_suppliers(path)
    assert (columns.address, columns.identifiers, columns.second_name) == ((), (), None)
    assert (supplier.address, supplier.identifiers) == ("", ())


def test_rows_carry_the_fields(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(
        "name,alias,address,city,lei,registration_number,dob,nationality\n"
        'Acme,ACME Ltd,"12 Main St",Springfield,2534 00V1,,1970,US\n',
        encoding="utf-8",
    )
    (supplier,), _ = read_suppliers(path)
    assert supplier.second_name == "ACME Ltd"
    assert supplier.address == "12 Main St, Springfield"
    assert supplier.identifiers == (("lei", "2534 00V1"),)  # empty cells left out
    assert (supplier.date_of_birth, supplier.nationality) == ("1970", "US")


def test_columns_named_by_option(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("name,where,ref\nAcme,5 Elm Rd,9113100033607322XK\n", encoding="utf-8")
    read = ReadOptions(address_columns=("where",), identifier_columns=("ref",))
    (supplier,), columns = read_suppliers(path, read)
    assert (columns.address, columns.identifiers) == (("where",), ("ref",))
    assert supplier.identifiers == (("", "9113100033607322XK"),)  # any scheme, by its form
    with pytest.raises(InputFileError, match="no column 'nowhere' for --identifier-column"):
        read_suppliers(path, ReadOptions(identifier_columns=("nowhere",)))
