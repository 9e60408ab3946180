"""Reading supplier files: encodings, delimiters, column detection, row numbers, errors."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from workbooks import xlsx_rows

from screening.errors import ConfigError, InputFileError
from screening.inputs import read_suppliers
from screening.models import Supplier
from screening.options import ReadOptions


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


PLAIN = "id,name,country\n00123,Huawei Technologies Co., Ltd.,CN\n00456,Siemens AG,DE\n"
PLAIN = PLAIN.replace("Huawei Technologies Co., Ltd.", '"Huawei Technologies Co., Ltd."')
EXPECTED = [
    Supplier(row=1, name="Huawei Technologies Co., Ltd.", country="CN", input_id="00123"),
    Supplier(row=2, name="Siemens AG", country="DE", input_id="00456"),
]


def test_utf8(tmp_path):
    suppliers, columns = read_suppliers(write(tmp_path, "s.csv", PLAIN.encode("utf-8")))
    assert suppliers == EXPECTED
    assert (columns.name, columns.country, columns.input_id) == ("name", "country", "id")


def test_utf8_with_bom(tmp_path):
    suppliers, columns = read_suppliers(write(tmp_path, "s.csv", PLAIN.encode("utf-8-sig")))
    assert suppliers == EXPECTED
    assert columns.input_id == "id"  # not "\ufeffid"


GB_TEXT = (
    "编号,名称,国家\n"
    "00123,华为技术有限公司,中国\n"
    "00456,北京智源人工智能研究院,中国\n"
    "00789,浪潮软件股份有限公司,中国\n"
)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_gb_encoded_file_with_chinese_headers(tmp_path, encoding):
    raw = GB_TEXT.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # so the reader really has to detect the encoding
    suppliers, columns = read_suppliers(write(tmp_path, "供应商.csv", raw))
    assert (columns.name, columns.country, columns.input_id) == ("名称", "国家", "编号")
    assert [s.name for s in suppliers] == [
        "华为技术有限公司",
        "北京智源人工智能研究院",
        "浪潮软件股份有限公司",
    ]
    assert [s.input_id for s in suppliers] == ["00123", "00456", "00789"]
    assert {s.country for s in suppliers} == {"中国"}


def test_explicit_encoding(tmp_path):
    path = write(tmp_path, "s.csv", GB_TEXT.encode("gb18030"))
    suppliers, _ = read_suppliers(path, ReadOptions(encoding="gb18030"))
    assert suppliers[0].name == "华为技术有限公司"


def test_tsv(tmp_path):
    data = b"vendor_id\tvendor_name\tcountry\n007\tAcme, Inc.\tUS\n008\tBeta; Gamma\tDE\n"
    suppliers, columns = read_suppliers(write(tmp_path, "s.tsv", data))
    assert (columns.name, columns.input_id) == ("vendor_name", "vendor_id")
    assert [(s.input_id, s.name) for s in suppliers] == [("007", "Acme, Inc."),
                                                         ("008", "Beta; Gamma")]  # fmt: skip


def test_tab_separated_with_csv_extension(tmp_path):
    data = b"id\tname\n01\tAcme, Inc.\n"
    suppliers, _ = read_suppliers(write(tmp_path, "s.csv", data))
    assert suppliers == [Supplier(row=1, name="Acme, Inc.", input_id="01")]


def test_semicolon_separated(tmp_path):
    data = "id;name;country\n0001;Acme, Inc.;US\n0002;Würth GmbH;DE\n".encode()
    suppliers, _ = read_suppliers(write(tmp_path, "s.csv", data))
    assert [(s.input_id, s.name, s.country) for s in suppliers] == [
        ("0001", "Acme, Inc.", "US"),
        ("0002", "Würth GmbH", "DE"),
    ]


def test_leading_zeros_and_numeric_looking_cells_kept_as_text(tmp_path):
    data = b"id,name,country\n000123,1234,NA\n0.50,TRUE,null\n"
    suppliers, _ = read_suppliers(write(tmp_path, "s.csv", data))
    assert [(s.input_id, s.name, s.country) for s in suppliers] == [
        ("000123", "1234", "NA"),
        ("0.50", "TRUE", "null"),
    ]


def test_empty_names_kept_with_row_numbers(tmp_path):
    data = b"id,name,country\n001,Acme,US\n002,,DE\n\n004,  ,FR\n005,Beta,JP\n"
    suppliers, _ = read_suppliers(write(tmp_path, "s.csv", data))
    assert [(s.row, s.name) for s in suppliers] == [
        (1, "Acme"), (2, ""), (3, ""), (4, ""), (5, "Beta"),
    ]  # fmt: skip
    assert [s.input_id for s in suppliers] == ["001", "002", "", "004", "005"]


def test_crlf_line_endings(tmp_path):
    suppliers, _ = read_suppliers(write(tmp_path, "s.csv", PLAIN.replace("\n", "\r\n").encode()))
    assert suppliers == EXPECTED


def test_name_column_override(tmp_path):
    data = b"id,name,legal_name\n1,Short,Long Legal Name Ltd\n"
    path = write(tmp_path, "s.csv", data)
    assert read_suppliers(path)[0][0].name == "Short"
    suppliers, columns = read_suppliers(path, ReadOptions(name_column="legal_name"))
    assert columns.name == "legal_name"
    assert suppliers[0].name == "Long Legal Name Ltd"


def test_unknown_override_column_lists_columns(tmp_path):
    path = write(tmp_path, "s.csv", b"id,vendor,org\n1,a,b\n")
    with pytest.raises(InputFileError) as caught:
        read_suppliers(path, ReadOptions(name_column="company"))
    message = str(caught.value)
    assert "'company'" in message
    for column in ("id", "vendor", "org"):
        assert column in message


def test_missing_name_column_lists_headers(tmp_path):
    path = write(tmp_path, "s.csv", b"ident,label_x,land\n1,a,b\n")
    with pytest.raises(InputFileError) as caught:
        read_suppliers(path)
    message = str(caught.value)
    assert str(path) in message
    assert "ident, label_x, land" in message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\n\n  \n", "empty"),
        (b"id,name,country\n", "no data rows"),
    ],
)
def test_empty_or_header_only_file(tmp_path, data, words):
    path = write(tmp_path, "s.csv", data)
    with pytest.raises(InputFileError) as caught:
        read_suppliers(path)
    assert words in str(caught.value)
    assert str(path) in str(caught.value)


def test_wrong_explicit_encoding(tmp_path):
    path = write(tmp_path, "s.csv", GB_TEXT.encode("gb18030"))
    with pytest.raises(InputFileError) as caught:
        read_suppliers(path, ReadOptions(encoding="utf-8"))
    assert "utf-8" in str(caught.value)
    assert str(path) in str(caught.value)


def test_unknown_explicit_encoding(tmp_path):
    path = write(tmp_path, "s.csv", PLAIN.encode())
    with pytest.raises(InputFileError, match="no-such-codec"):
        read_suppliers(path, ReadOptions(encoding="no-such-codec"))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputFileError, match="does not exist"):
        read_suppliers(tmp_path / "nope.csv")
    with pytest.raises(InputFileError, match="directory"):
        read_suppliers(tmp_path)


# --- the header, however it was saved -------------------------------------------------------


@pytest.mark.parametrize(
    "start", ["\ufeff\ufeff", "\ufeff\ufeff\ufeff", "\ufeff \u200b"], ids=["two", "three", "zws"]
)
def test_byte_order_marks_before_the_header_do_not_hide_the_first_column(tmp_path, start):
    # A tool that adds a BOM each time it saves leaves two; decoding drops only the first
    # one, and the id column was then named "\ufeffid" and lost.
    suppliers, columns = read_suppliers(write(tmp_path, "s.csv", (start + PLAIN).encode()))
    assert columns.input_id == "id"
    assert suppliers == EXPECTED and [s.input_id for s in suppliers] == ["00123", "00456"]


def test_a_repeated_header_among_100k_columns_is_found_in_linear_time(tmp_path):
    # Counting each name with header.count() took 76 s for 100,000 columns.
    header = [f"c{i}" for i in range(100_000)] + ["name", "c5"]
    path = write(tmp_path, "wide.csv", (",".join(header) + "\n" + "x," * 100_001 + "x\n").encode())
    started = time.perf_counter()
    with pytest.raises(InputFileError, match=r"repeated in the header: c5$"):
        read_suppliers(path)
    assert time.perf_counter() - started < 10


def test_empty_header_cells_are_not_repeated_names(tmp_path):
    suppliers, columns = read_suppliers(write(tmp_path, "s.csv", b"id,,name,\n1,x,Acme,y\n"))
    assert (columns.input_id, columns.name) == ("id", "name")
    assert [s.name for s in suppliers] == ["Acme"]


# --- where each row starts ------------------------------------------------------------------


def test_each_row_carries_the_line_it_starts_on_after_multiline_cells(tmp_path):
    data = (
        'id,name,address\r\n'
        'V1,Acme,"Unit 5\r\nHarbour Road\r\nShenzhen"\r\n'
        '\r\n'
        'V3,"Beta\nTrading",Plain\r\n'
        'V4,Gamma,x\r\n'
    )  # fmt: skip
    suppliers, _ = read_suppliers(write(tmp_path, "s.csv", data.encode()))
    assert [(s.row, s.line, s.input_id) for s in suppliers] == [
        (1, 2, "V1"), (2, 5, ""), (3, 6, "V3"), (4, 8, "V4"),
    ]  # fmt: skip
    lines = data.split("\n")
    assert all(lines[s.line - 1].startswith(s.input_id) for s in suppliers if s.input_id)


# --- pipes: a FIFO, or the shell's <(command) -----------------------------------------------


def _write_later(target: str | int, data: bytes) -> threading.Thread:
    def write_all() -> None:
        with open(target, "wb") as stream:  # target may be a file descriptor
            stream.write(data)

    thread = threading.Thread(target=write_all, daemon=True)
    thread.start()
    return thread


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_read_once_like_standard_input(tmp_path):
    fifo = tmp_path / "suppliers.csv"
    os.mkfifo(fifo)
    writer = _write_later(str(fifo), PLAIN.encode())
    suppliers, columns = read_suppliers(fifo)  # seeking it raised UnsupportedOperation
    writer.join(5)
    assert suppliers == EXPECTED and columns.input_id == "id"
    assert [s.line for s in suppliers] == [2, 3]


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="needs /dev/fd, as <(command) does")
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_process_substitution_path_is_read(kind):
    data = PLAIN.encode() if kind == "csv" else xlsx_rows([["id", "name"], ["00123", "Acme"]])
    read_end, write_end = os.pipe()
    try:
        writer = _write_later(write_end, data)  # closes write_end when done
        suppliers, _ = read_suppliers(Path(f"/dev/fd/{read_end}"))
        writer.join(5)
    finally:
        os.close(read_end)
    assert suppliers[0].input_id == "00123"


# --- how many rows ----------------------------------------------------------------------------


def test_a_row_limit_is_honoured_and_checked(tmp_path):
    path = write(tmp_path, "s.csv", PLAIN.encode())
    assert read_suppliers(path, ReadOptions(max_rows=2))[0] == EXPECTED
    with pytest.raises(InputFileError, match=r"more than 1 data rows; .*--max-rows"):
        read_suppliers(path, ReadOptions(max_rows=1))
    with pytest.raises(ConfigError, match="at least 1 row"):
        read_suppliers(path, ReadOptions(max_rows=0))


def test_a_malformed_tsv_row_is_named_on_one_printable_line(tmp_path):
    # found by tests/fuzz/: the csv module's reason quoted the delimiter, a raw tab
    path = write(tmp_path, "s.tsv", b'id\tname\n1\t"Acme"x\n')
    with pytest.raises(InputFileError) as caught:
        read_suppliers(path)
    message = str(caught.value)
    assert message.isprintable() and "line 2: not well-formed CSV ('\\t' expected after" in message
