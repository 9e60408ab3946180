"""Property tests over every supplier-file reader (CSV, TSV, XLSX, Parquet): whatever the
bytes, the reader gives rows or raises a ScreeningError whose message is one line; never
another exception (a traceback, exit 1 in the CLI), and never unbounded time or memory.

Examples are drawn the same way on every run (`derandomize`), so the suite cannot pass on
one machine and fail on the next; tests/fuzz/ has a coverage-guided harness for longer
searches.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbooks import MAIN, shared_xml, sheet_xml, xlsx, xlsx_rows

from screening.errors import ScreeningError
from screening.inputs import read_suppliers
from screening.models import Supplier
from screening.options import ReadOptions

PROPERTY = settings(
    derandomize=True,
    deadline=None,  # timed below, with a bound that survives a loaded machine
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: Bounds on one read of a few kilobytes: far above what a correct reader needs (a few
#: milliseconds, a few hundred kilobytes), far below what unbounded work reaches.
SECONDS = 5.0
PEAK_BYTES = 64 << 20


def read(name: str, data: bytes, **options: object) -> list[Supplier] | ScreeningError:
    """Read `data` as the file `name`: the rows, or the ScreeningError raised, checked to be
    one line and to come within the time and memory bounds."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        return read_suppliers(Path(name), ReadOptions(**options), data=data)[0]  # type: ignore[arg-type]
    except ScreeningError as error:
        message = str(error)
        assert message and message.isprintable(), message  # one line, no escapes
        return error
    finally:
        elapsed, peak = time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert elapsed < SECONDS, f"{elapsed:.1f} s"
        assert peak < PEAK_BYTES, f"{peak:,} bytes"


# --- delimited text ---------------------------------------------------------------------------

#: Characters that matter to the CSV reader and the encoding guess: delimiters, quotes, line
#: ends, an escape, byte-order and zero-width marks, NUL, letters of header names in two
#: scripts.
CHARACTERS = ',;\t|"\n\r \x1b\ufeff\u200b\x00aéxnameid名称供应商'
TEXTY = st.text(alphabet=st.sampled_from(list(CHARACTERS)))


@PROPERTY
@given(data=st.binary(max_size=2048), name=st.sampled_from(["s.csv", "s.tsv", "s.txt"]))
def test_any_bytes_as_delimited_text(data, name):
    read(name, data)


@PROPERTY
@given(
    body=TEXTY,
    header=st.sampled_from(["", "name\n", "id,name\n", "名称\t编号\n", "\ufeff\ufeffid;name\r\n"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "cp1252"]),
)
def test_any_text_in_any_encoding(body, header, encoding):
    raw = (header + body).encode(encoding, errors="replace")
    rows = read("s.csv", raw)
    if isinstance(rows, list):
        assert [s.row for s in rows] == list(range(1, len(rows) + 1))
        assert all(s.line >= 2 for s in rows)
        assert [s.line for s in rows] == sorted({s.line for s in rows})  # rising, distinct


@PROPERTY
@given(data=st.binary(max_size=2048), limit=st.integers(-1, 5))
def test_any_bytes_and_row_limit_via_a_file(tmp_path_factory, data, limit):
    path = tmp_path_factory.mktemp("fuzz") / "s.csv"
    path.write_bytes(b"id,name\n" + data)
    try:
        rows = read_suppliers(path, ReadOptions(max_rows=limit if limit else None))[0]
    except ScreeningError as error:  # ConfigError for a limit below 1
        assert "\n" not in str(error)
    else:
        assert limit < 1 or len(rows) <= limit


# --- XLSX -------------------------------------------------------------------------------------


@PROPERTY
@given(data=st.binary(max_size=2048))
def test_any_bytes_after_a_zip_signature(data):
    assert isinstance(read("s.xlsx", b"PK\x03\x04" + data), ScreeningError)


#: A genuine workbook, its parts stored unpacked so that changed bytes reach the XML parser.
STORED = xlsx_rows(
    [["id", "name", "country"], ["V1", "Huawei Technologies", "CN"], ["V2", "Acme & Co", "US"]],
    method=zipfile.ZIP_STORED,
)


@PROPERTY
@given(changes=st.lists(st.tuples(st.integers(0, len(STORED) - 1), st.integers(0, 255)),
                        min_size=1, max_size=8))  # fmt: skip
def test_a_workbook_with_bytes_changed(changes):
    data = bytearray(STORED)
    for position, value in changes:
        data[position] = value
    read("s.xlsx", bytes(data))


#: Text XML 1.0 allows (no surrogates, no C0 controls but tab and line ends), so a workbook
#: holding it is well formed.
XML_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="".join(chr(c) for c in range(32) if c not in (9, 10, 13))
        + "\ufffe\uffff",
    ),
    max_size=40,
)


@PROPERTY
@given(names=st.lists(XML_TEXT, min_size=1, max_size=12), shared=st.booleans())
def test_a_workbook_with_any_names_reads_them_back(names, shared):
    rows = [["id", "name"]] + [[f"V{i}", n] for i, n in enumerate(names, start=1)]
    if shared:  # the same text through the shared-string table
        strings = [n for _, n in rows]
        cells = "".join(
            f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{i}</t></is></c>'
            f'<c r="B{r}" t="s"><v>{r - 1}</v></c></row>'
            for r, (i, _) in enumerate(rows, start=1)
        )
        data = xlsx(sheet_xml(cells), shared=shared_xml(strings))
    else:
        data = xlsx_rows(rows)
    found = read("s.xlsx", data)
    assert isinstance(found, list), found
    # XML reads every line end as "\n"; the reader trims each name
    expected = [n.replace("\r\n", "\n").replace("\r", "\n").strip() for n in names]
    assert [s.name for s in found] == expected
    assert [s.line for s in found] == list(range(2, len(names) + 2))


CELL_KINDS = st.sampled_from(["s", "inlineStr", "n", "b", "e", "str", "d", "x", ""])
REFS = st.one_of(st.just(None), st.from_regex(r"[A-Z]{0,4}[0-9]{0,9}", fullmatch=True))
ODD_NUMBERS = ["0", "1", "-1", "1e400", "nan", "2025-01-02T03:04:05Z", "#N/A", "١٢"]
VALUES = st.one_of(
    XML_TEXT, st.integers().map(str), st.floats().map(str), st.sampled_from(ODD_NUMBERS)
)


@st.composite
def odd_sheets(draw: st.DrawFn) -> bytes:
    """A sheet of cells of any kind, reference, style and value, rows numbered as drawn,
    with a dimension that may lie, and a shared-string table of any length."""
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        number = draw(st.one_of(st.none(), st.integers(-1, 1_100_000).map(str), st.just("x")))
        cells = []
        for _ in range(draw(st.integers(0, 4))):
            ref, kind = draw(REFS), draw(CELL_KINDS)
            style = draw(st.sampled_from(["", ' s="0"', ' s="14"', ' s="-3"', ' s="99"']))
            value = _escape(draw(VALUES))
            attributes = (f' r="{ref}"' if ref is not None else "") + style
            attributes += f' t="{kind}"' if kind else ""
            inner = f"<is><t>{value}</t></is>" if kind == "inlineStr" else f"<v>{value}</v>"
            cells.append(f"<c{attributes}>{inner}</c>")
        row = f' r="{number}"' if number is not None else ""
        rows.append(f"<row{row}>{''.join(cells)}</row>")
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'
    dimension = draw(st.one_of(st.none(), st.from_regex(r"[A-Z]{1,3}[0-9]{1,9}(:[A-Z]{1,3}[0-9]{1,9})?", fullmatch=True)))  # fmt: skip  # noqa: E501
    strings = draw(st.lists(XML_TEXT, max_size=3))
    styles = (
        f'<styleSheet xmlns="{MAIN}"><cellXfs count="1"><xf numFmtId="14"/></cellXfs></styleSheet>'
    )
    return xlsx(
        sheet_xml(header + "".join(rows), dimension=dimension),
        shared=shared_xml(strings),
        extra={"xl/styles.xml": styles},
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@PROPERTY
@given(data=odd_sheets(), limit=st.sampled_from([None, 1, 3]))
def test_a_sheet_of_odd_cells(data, limit):
    found = read("s.xlsx", data, max_rows=limit)
    if isinstance(found, list):
        assert len(found) <= (limit or 1_048_576)
        assert [s.line for s in found] == sorted({s.line for s in found})


# --- Parquet ----------------------------------------------------------------------------------


@PROPERTY
@given(data=st.binary(max_size=2048), footer=st.booleans())
def test_any_bytes_between_parquet_signatures(data, footer):
    pytest.importorskip("pyarrow")
    read("s.parquet", b"PAR1" + data + (b"PAR1" if footer else b""))


def _parquet() -> bytes:
    try:
        import pyarrow as pa
        from pyarrow import parquet
    except ImportError:
        return b""
    buffer = io.BytesIO()
    table = pa.table({"id": ["V1", "V2", None], "name": ["Huawei", "Acme", "Beta"]})
    parquet.write_table(table, buffer, compression="NONE")
    return buffer.getvalue()


PARQUET = _parquet()


@PROPERTY
@given(changes=st.lists(st.tuples(st.integers(0, max(len(PARQUET) - 1, 0)), st.integers(0, 255)),
                        min_size=1, max_size=6))  # fmt: skip
def test_a_parquet_file_with_bytes_changed(changes):
    if not PARQUET:
        pytest.skip("pyarrow absent")
    data = bytearray(PARQUET)
    for position, value in changes:
        data[position] = value
    read("s.parquet", bytes(data))
