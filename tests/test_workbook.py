"""Reading one sheet of an XLSX workbook within bounds: a small file that unpacks to a huge
cell, claims or holds millions of rows, or is otherwise malformed is refused in well under a
second with one line naming where; a genuine workbook reads as pandas read it."""

from __future__ import annotations

import datetime
import io
import random
import string
import struct
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from workbooks import DOC_RELS, MAIN, cell, rows_xml, shared_xml, sheet_xml, xlsx, xlsx_rows

from screening.errors import InputFileError
from screening.inputs import read_suppliers, read_table
from screening.options import ReadOptions
from screening.workbook import MAX_CELL_CHARS, MAX_INFLATE_RATIO, MAX_SHEET_ROWS, one_line

PATH = Path("vendors.xlsx")


def suppliers(data: bytes, **options):
    return read_suppliers(PATH, ReadOptions(**options), data=data)[0]


def refused(data: bytes, **options) -> str:
    """The one-line message a workbook is refused with, after checking it came fast."""
    started = time.perf_counter()
    with pytest.raises(InputFileError) as caught:
        suppliers(data, **options)
    assert time.perf_counter() - started < 5  # the old reader took minutes, or ran out of memory
    message = str(caught.value)
    assert "\n" not in message and str(PATH) in message
    return message


def noise(size: int, seed: int = 1) -> str:
    """Letters that do not compress, so only the cell limit (not the bomb check) applies."""
    generator = random.Random(seed)
    return "".join(generator.choices(string.ascii_letters + " ", k=size))


# --- a cell too long to be a spreadsheet cell ----------------------------------------------


def test_a_shared_string_bomb_is_refused_before_it_is_unpacked():
    # 64 MB of one letter packs into about 64 KB: the 974 KB file of the report unpacked to a
    # 1 GB cell and took 5.9 GB of memory before failing.
    bomb = shared_xml(["V1", "A" * (64 << 20)])
    data = xlsx(
        sheet_xml(rows_xml([["id", "name"]]) + f'<row r="2">{cell("A2", "0", "s")}'
                  f'{cell("B2", "1", "s")}</row>'),
        shared=bomb,
    )  # fmt: skip
    assert len(data) < 200_000
    tracemalloc.start()
    try:
        message = refused(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "xl/sharedStrings.xml" in message and "zip bomb" in message
    assert f"more than {MAX_INFLATE_RATIO} times" in message
    assert peak < 16 << 20  # the part is never unpacked


@pytest.mark.parametrize("shared", [False, True], ids=["inline", "shared"])
def test_a_cell_over_the_excel_limit_names_sheet_cell_and_column(shared):
    long = noise(MAX_CELL_CHARS + 1)
    if shared:
        rows = rows_xml([["id", "name"]]) + (
            f'<row r="2">{cell("A2", "V1")}</row>'
            f'<row r="3">{cell("A3", "V2")}{cell("B3", "0", "s")}</row>'
        )
        data = xlsx(sheet_xml(rows), shared=shared_xml([long]), title="Vendors")
    else:
        data = xlsx_rows([["id", "name"], ["V1", ""], ["V2", long]], title="Vendors")
    message = refused(data)
    assert "sheet 'Vendors', cell B3 ('name')" in message
    assert f"more than {MAX_CELL_CHARS:,} characters" in message


def test_a_cell_at_the_limit_is_read_and_an_oversized_one_in_an_unused_column_ignored():
    at_limit, over = noise(MAX_CELL_CHARS, seed=2), noise(MAX_CELL_CHARS * 3, seed=3)
    data = xlsx_rows([["id", "name", "notes"], ["V1", at_limit, over]])
    (row,) = suppliers(data)
    assert row.name == at_limit.strip() and len(row.name) >= MAX_CELL_CHARS - 2


def test_a_header_cell_over_the_limit_is_refused():
    message = refused(xlsx_rows([["id", noise(MAX_CELL_CHARS + 5)], ["V1", "Acme"]]))
    assert "cell B1" in message and "header" in message


# --- too many rows --------------------------------------------------------------------------


def test_a_sheet_declaring_twenty_million_rows_is_refused_before_reading_rows():
    data = xlsx(sheet_xml(rows_xml([["id", "name"], ["V1", "Acme"]]), dimension="A1:B20000000"))
    message = refused(data)
    assert "declares rows 1 to 20,000,000" in message
    assert f"more than {MAX_SHEET_ROWS:,} data rows" in message


def test_the_declared_rows_are_checked_against_the_given_limit():
    data = xlsx(sheet_xml(rows_xml([["id", "name"]] + [["V", "x"]] * 3), dimension="A1:B4"))
    assert len(suppliers(data, max_rows=3)) == 3
    assert "more than 2 data rows" in refused(data, max_rows=2)


def test_rows_past_the_limit_are_refused_as_they_come_when_no_dimension_says():
    data = xlsx_rows([["id", "name"]] + [[f"V{i}", f"Name {i}"] for i in range(1, 8)])
    assert len(suppliers(data, max_rows=7)) == 7
    message = refused(data, max_rows=5)
    assert "more than 5 rows (row 7 has values)" in message and "--max-rows" in message


def test_a_row_numbered_past_the_last_sheet_row_is_refused():
    # openpyxl would hand out the twenty million empty rows in between, one by one
    rows = rows_xml([["id", "name"]]) + f'<row r="20000000">{cell("B20000000", "Acme")}</row>'
    message = refused(xlsx(sheet_xml(rows)))
    assert "row 20,000,000 is past the last row a sheet can have (1,048,576)" in message


def test_two_million_rows_in_a_few_hundred_kilobytes_fail_in_a_second():
    """The report's case: 20M rows packed into 6.9 MB, still being read after 300 s. Here
    2M rows (100 MB of XML, no dimension) packed into under 1 MB."""
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
    body = [packer.compress((head + rows_xml([["name"]])).encode())]
    block = ('<row><c t="inlineStr"><is><t>Acme</t></is></c></row>' * 20_000).encode()
    body += [packer.compress(block) for _ in range(100)]
    body.append(packer.compress(b"</sheetData></worksheet>") + packer.flush())
    data = _replace_part(xlsx(sheet_xml(rows_xml([["name"]]))), "xl/worksheets/sheet1.xml",
                         b"".join(body))  # fmt: skip
    assert len(data) < 1 << 20
    assert "zip bomb" in refused(data)


def test_without_a_dimension_the_default_row_limit_applies_as_rows_come(monkeypatch):
    monkeypatch.setattr("screening.inputs.MAX_SHEET_ROWS", 50)
    data = xlsx_rows([["name"]] + [[f"Name {i}"] for i in range(1, 52)])
    assert "more than 50 rows (row 52 has values)" in refused(data)
    assert len(suppliers(data, max_rows=51)) == 51  # a larger limit, given, is honoured


def _replace_part(data: bytes, name: str, deflated: bytes) -> bytes:
    """`data` with part `name` replaced by `deflated` (raw deflate bytes), packed as they
    are: its size and CRC are computed by unpacking in blocks, never all at once."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info.filename, source.read(info))
    unpacker, crc, size = zlib.decompressobj(-15), 0, 0
    for start in range(0, len(deflated), 1 << 16):
        piece = unpacker.decompress(deflated[start : start + (1 << 16)])
        crc, size = zlib.crc32(piece, crc), size + len(piece)
    return _append_deflated(out.getvalue(), name, deflated, crc, size)


def _append_deflated(data: bytes, name: str, deflated: bytes, crc: int, size: int) -> bytes:
    """A zip archive with one more member, whose deflated bytes are given."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = [(info, archive.read(info)) for info in archive.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, payload in members:
            target.writestr(info, payload)
    body = out.getvalue()
    end = body.rindex(b"PK\x05\x06")
    central_at = int.from_bytes(body[end + 16 : end + 20], "little")
    locals_, central = body[:central_at], body[central_at:end]
    encoded = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(deflated), size,
                        len(encoded), 0) + encoded  # fmt: skip
    entry = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(deflated),
                        size, len(encoded), 0, 0, 0, 0, 0, len(locals_)) + encoded  # fmt: skip
    count = len(members) + 1
    central += entry
    tail = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central),
                       len(locals_) + len(local) + len(deflated), 0)  # fmt: skip
    return locals_ + local + deflated + central + tail


# --- malformed workbooks: one line, never a traceback ---------------------------------------


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ('<row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c></row><row r="2"/>',
         "row 2 comes after row 3"),
        ('<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c>'
         '<c r="A2" t="inlineStr"><is><t>y</t></is></c></row>', "cell A2 appears twice"),
        ('<row r="2"><c r="B2" t="s"><v>7</v></c></row>', "shared string '7'"),
        ('<row r="2"><c r="XFE2" t="inlineStr"><is><t>x</t></is></c></row>', "past column XFD"),
        ('<row r="x2"/>', "row number 'x2'"),
        ('<row r="2"><row r="3"/></row>', "a row inside row 2"),
    ],
)  # fmt: skip
def test_malformed_sheets_are_refused_with_where(rows, expected):
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
    header += '<c r="B1" t="inlineStr"><is><t>name</t></is></c></row>'
    assert expected in refused(xlsx(sheet_xml(header + rows), shared=shared_xml([])))


def test_entity_expansion_is_refused():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f'<sst xmlns="{MAIN}"><si><t>&lol2;</t></si></sst>'
    )
    message = refused(xlsx_rows([["name"], ["Acme"]], shared=laughs))
    assert "xl/sharedStrings.xml declares a document type" in message


def test_parts_packed_with_other_methods_are_refused():
    message = refused(xlsx_rows([["name"], ["Acme"]], method=zipfile.ZIP_BZIP2))
    assert "compression method 12" in message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"PK\x03\x04" + b"\0" * 100, "not a readable XLSX workbook"),
        (xlsx_rows([["name"], ["x"]])[:-30], "not a readable XLSX workbook"),
        (xlsx(b"<worksheet><sheetData><row>"), "part xl/worksheets/sheet1.xml"),
        (xlsx(sheet_xml("")), "is empty"),
    ],
    ids=["zip-header-only", "truncated", "unclosed-xml", "no-rows"],
)
def test_damaged_workbooks(data, expected):
    assert expected in refused(data)


def test_a_chart_sheet_first_is_not_read_as_rows():
    data = xlsx_rows([["name"], ["x"]])
    chart_rels = (
        f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        f'2006/relationships"><Relationship Id="rId1" Type="{DOC_RELS}/chartsheet" '
        'Target="chartsheets/sheet1.xml"/></Relationships>'
    )
    data = _with_part(data, "xl/_rels/workbook.xml.rels", chart_rels)
    assert "sheet 'Sheet1' is a chart sheet" in refused(data)


def _with_part(data: bytes, name: str, text: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, text if info.filename == name else source.read(info))
    return out.getvalue()


# --- genuine workbooks ----------------------------------------------------------------------


def test_cells_read_as_pandas_read_them(tmp_path):
    """Numbers, dates, durations, booleans, errors, formulas (their saved value), rich text:
    the same text as pandas.read_excel(dtype=str) gave before this reader."""
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "name", "amount", "when", "flag"])
    sheet.append([1, "A", 2.5, datetime.datetime(2025, 1, 2), True])
    sheet.append([None])
    sheet.append([2.0, "  B ", 1e20, datetime.date(2024, 2, 29), False])
    rich = CellRichText(["Ri", TextBlock(InlineFont(b=True), "ch")])
    sheet.append(["007", rich, "=1+1", datetime.time(12, 30), "#N/A"])
    sheet.append([3, "Ü名\u00a0", -0.1, datetime.timedelta(hours=5), 0])
    sheet["D6"].number_format = "[h]:mm:ss"
    path = tmp_path / "types.xlsx"
    book.save(path)
    expected = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
    assert read_table(path).values.tolist() == expected.fillna("").values.tolist()


def test_rows_carry_their_sheet_row_numbers_and_blank_rows_between_are_kept():
    rows = rows_xml([["id", "name"]], first=3)  # two empty rows above the header
    rows += f'<row r="4">{cell("A4", "V1")}{cell("B4", "Acme")}</row>'
    rows += f'<row r="5">{cell("C5", "a note, in no column of ours")}</row>'
    rows += f'<row r="7">{cell("B7", "Beta")}</row>'
    rows += f'<row r="9">{cell("D9", "notes")}</row>'  # values only in another column
    rows += '<row r="11" spans="1:2"/><row r="12"><c r="A12" s="3"/></row>'  # formatted only
    found = suppliers(xlsx(sheet_xml(rows), shared=shared_xml([])))
    assert [(s.row, s.line, s.input_id, s.name) for s in found] == [
        (1, 4, "V1", "Acme"),
        (2, 5, "", ""),
        (3, 6, "", ""),
        (4, 7, "", "Beta"),
        (5, 8, "", ""),
        (6, 9, "", ""),  # a row as pandas kept it: no name, so reported as skipped
    ]
    # the same where the rows come after the first block the parser reads (64 KiB)
    rows = rows_xml([["id", "name"]])
    rows += "".join(f'<row r="{n}"><c r="Z{n}" s="1"/></row>' for n in range(2, 4000))
    rows += f'<row r="4000">{cell("B4000", "Beta")}</row><row r="4001">{cell("D4001", "x")}</row>'
    rows += '<row r="4002"><c r="A4002" s="3"/></row>'
    assert len(rows) > 1 << 16
    found = suppliers(xlsx(sheet_xml(rows)))
    assert len(found) == 4000 and not any(s.name for s in found[:3998])
    assert [(s.row, s.line, s.name) for s in found[-2:]] == [(3999, 4000, "Beta"), (4000, 4001, "")]


def test_inline_rich_text_without_phonetic_guides_and_shared_strings_by_index():
    rows = rows_xml([["name", "country"]])
    rows += (
        '<row r="2"><c r="A2" t="inlineStr"><is><r><t>Hua</t></r><r><t>wei</t></r>'
        '<rPh sb="0" eb="1"><t>ファーウェイ</t></rPh></is></c><c r="B2" t="s"><v>1</v></c></row>'
    )
    found = suppliers(xlsx(sheet_xml(rows), shared=shared_xml(["DE", "CN"])))
    assert [(s.name, s.country) for s in found] == [("Huawei", "CN")]


def test_repeated_header_names_in_a_sheet_are_refused():
    # pandas renamed the second one "name.1" and went on
    message = refused(xlsx_rows([["name", "name"], ["A", "B"]]))
    assert "column name(s) repeated in the header: name" in message


def test_library_messages_are_quoted_on_one_printable_line():
    # pyarrow's message for a Parquet file with one byte changed (found by tests/fuzz/)
    # ended in a raw \x0f; expat's and pyarrow's often run over several lines.
    error = OSError("Couldn't deserialize thrift: don't know what type: \x0f\nDeserializing failed")
    assert one_line(error) == (
        "Couldn't deserialize thrift: don't know what type: \\x0f Deserializing failed"
    )
    assert one_line(ValueError("")) == "ValueError"
    assert one_line(ValueError("'\t' expected")) == "'\\t' expected"  # a tab may be the point
    assert len(one_line(ValueError("x" * 500))) == 203


def test_a_part_name_that_does_not_print_is_quoted():
    # found by tests/fuzz/: a damaged central directory gave a name holding control bytes
    data = xlsx_rows([["name"], ["x"]], extra={"xl/bomb\x01\n.xml": "A" * (1 << 20)})
    message = refused(data)
    assert "part 'xl/bomb\\x01\\n.xml' would unpack" in message and message.isprintable()


def test_a_part_whose_packed_bytes_are_damaged_is_unreadable_not_a_crash():
    # found by tests/fuzz/: zlib.error from inside zipfile escaped as a traceback
    data = bytearray(xlsx_rows([["name"], ["Acme"]]))
    (rels,) = [
        i for i in zipfile.ZipFile(io.BytesIO(data)).infolist() if i.filename == "_rels/.rels"
    ]
    name_length, extra_length = struct.unpack(
        "<HH", data[rels.header_offset + 26 : rels.header_offset + 30]
    )
    data[rels.header_offset + 30 + name_length + extra_length] = 0xFF  # an invalid block type
    message = refused(bytes(data))
    assert "not a readable XLSX workbook (part _rels/.rels: Error -3" in message
