"""Read a supplier file: its encoding, its delimiter, and which columns hold name, country, id.

CSV and TSV are read as text, every cell a string, so ids such as "00123" keep their zeros.
UTF-8 (with or without a byte-order mark) is tried first; other encodings (GB18030/GBK,
Windows code pages) are detected from the bytes, or given with `encoding`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from charset_normalizer import from_bytes

from screening.errors import InputFileError
from screening.models import Supplier

if TYPE_CHECKING:
    import pandas as pd

#: Header names recognised for each role, compared after lower-casing and trimming, with
#: spaces, hyphens and underscores treated alike. First match wins, in this order.
NAME_HEADERS = (
    "name", "supplier_name", "supplier", "vendor_name", "vendor", "company_name", "company",
    "customer_name", "customer", "party_name", "party", "legal_name", "entity_name", "entity",
    "organisation", "organization", "business_name", "counterparty",
    "名称", "供应商名称", "供应商", "公司名称", "企业名称", "客户名称", "单位名称", "名字",
)  # fmt: skip
COUNTRY_HEADERS = (
    "country", "country_code", "countrycode", "nation", "country_iso", "iso_country",
    "国家", "国家/地区", "国家地区", "国别",
)  # fmt: skip
ID_HEADERS = (
    "id", "vendor_id", "supplier_id", "customer_id", "party_id", "vendor_number",
    "supplier_number", "vendor_no", "supplier_no", "account", "code",
    "编号", "供应商编号", "客户编号", "代码", "序号",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Columns:
    """Which header holds each role; `country` and `input_id` may be absent."""

    name: str
    country: str | None = None
    input_id: str | None = None


def _key(header: str) -> str:
    return header.strip().lower().replace("-", "_").replace(" ", "_")


def _find(headers: Sequence[str], wanted: Sequence[str]) -> str | None:
    by_key = {_key(h): h for h in reversed(headers)}
    for candidate in wanted:
        if _key(candidate) in by_key:
            return by_key[_key(candidate)]
    return None


def _pick(headers: Sequence[str], given: str | None, wanted: Sequence[str], role: str,
          path: Path) -> str | None:  # fmt: skip
    if given is None:
        return _find(headers, wanted)
    if given in headers:
        return given
    found = _find(headers, [given])
    if found is None:
        raise InputFileError(
            f"{path}: no column {given!r} for --{role}-column; columns are: {', '.join(headers)}"
        )
    return found


def detect_columns(
    headers: Sequence[str],
    path: Path,
    *,
    name: str | None = None,
    country: str | None = None,
    input_id: str | None = None,
) -> Columns:
    """Choose the name, country and id columns, honouring explicit choices first."""
    name_column = _pick(headers, name, NAME_HEADERS, "name", path)
    if name_column is None:
        name_column = next((h for h in headers if "name" in h.lower() or "名称" in h), None)
    if name_column is None:
        raise InputFileError(
            f"{path}: no name column found among: {', '.join(headers)}; "
            "pass --name-column to say which one holds the names"
        )
    return Columns(
        name=name_column,
        country=_pick(headers, country, COUNTRY_HEADERS, "country", path),
        input_id=_pick(headers, input_id, ID_HEADERS, "id", path),
    )


def decode_bytes(raw: bytes, path: Path, encoding: str | None = None) -> str:
    """Decode a file's bytes: the given encoding, else UTF-8, else the detected one."""
    if encoding:
        try:
            return raw.decode(encoding)
        except LookupError:
            raise InputFileError(f"unknown encoding {encoding!r} for {path}") from None
        except UnicodeDecodeError as exc:
            raise InputFileError(
                f"{path}: byte {exc.start} is not valid {encoding}; check --encoding"
            ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    guess = from_bytes(raw).best()
    if guess is not None and guess.encoding not in ("utf_8", "ascii"):
        return str(guess)
    raise InputFileError(
        f"{path}: byte {utf8_error.start} is not valid UTF-8 and the encoding could not be "
        "detected; pass --encoding (for example gb18030 or cp1252)"
    )


def _delimiter(path: Path, text: str) -> str:
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    first = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


#: First bytes of an XLSX (a zip archive) and of an old binary XLS (an OLE2 file).
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def read_table(
    path: Path,
    encoding: str | None = None,
    *,
    sheet: str | None = None,
    data: bytes | None = None,
) -> pd.DataFrame:
    """Read a CSV, TSV or XLSX file into a frame of strings, every data row kept.

    A row with more cells than the header is an error, never silently shifted: it usually
    means a name with an unquoted comma. A row with fewer cells is padded with empty ones.
    `data` gives the file's bytes when they do not come from `path` (standard input); XLSX
    is recognised by its content and read from its first sheet, or `sheet`.
    """
    import pandas as pd

    if data is None:
        if not path.exists():
            raise InputFileError(f"input file {path} does not exist")
        if path.is_dir():
            raise InputFileError(f"input file {path} is a directory; pass a CSV, TSV or XLSX file")
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    else:
        raw = data
    if raw.startswith(_ZIP_MAGIC):
        return _read_xlsx(raw, path, sheet)
    if raw.startswith(_OLE_MAGIC):
        raise InputFileError(f"{path} is an old binary Excel file (.xls); save it as .xlsx or CSV")
    if sheet is not None:
        raise InputFileError(f"--sheet applies to XLSX files; {path} is not one")
    text = decode_bytes(raw, path, encoding)
    if not text.strip():
        raise InputFileError(f"input file {path} is empty")
    delimiter = _delimiter(path, text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [cell.strip() for cell in next(reader)]
        rows: list[list[str]] = []
        for row in reader:
            if len(row) > len(header):
                shown = "tab" if delimiter == "\t" else repr(delimiter)
                raise InputFileError(
                    f"{path}, line {reader.line_num}: {len(row)} cells but the header has "
                    f"{len(header)}; quote values that contain the delimiter ({shown})"
                )
            rows.append(row + [""] * (len(header) - len(row)))
    except csv.Error as exc:
        raise InputFileError(
            f"{path}, line {reader.line_num}: not well-formed CSV ({exc})"
        ) from None
    if not rows:
        raise InputFileError(f"input file {path} has a header but no data rows")
    if len(set(header)) != len(header):
        repeated = sorted({h for h in header if header.count(h) > 1})
        raise InputFileError(
            f"{path}: column name(s) repeated in the header: {', '.join(repeated)}"
        )
    return pd.DataFrame(rows, columns=header, dtype=str)


def _read_xlsx(raw: bytes, path: Path, sheet: str | None) -> pd.DataFrame:
    """The first sheet (or `sheet`) of an XLSX workbook as a frame of strings."""
    import pandas as pd

    try:
        book = pd.ExcelFile(io.BytesIO(raw), engine="openpyxl")
    except ImportError:
        raise InputFileError(f"{path}: reading XLSX needs openpyxl; pip install openpyxl") from None
    except Exception as exc:  # openpyxl raises several types for a damaged workbook
        raise InputFileError(f"{path}: not a readable XLSX workbook ({exc})") from None
    names = [str(n) for n in book.sheet_names]
    if sheet is not None and sheet not in names:
        raise InputFileError(f"{path}: no sheet {sheet!r}; sheets are: {', '.join(names)}")
    frame = pd.read_excel(
        book, sheet_name=sheet if sheet is not None else 0, dtype=str, keep_default_na=False
    )
    if frame.empty and len(frame.columns) == 0:
        raise InputFileError(f"input file {path} is empty")
    if frame.empty:
        raise InputFileError(f"input file {path} has a header but no data rows")
    frame.columns = [str(c).strip() for c in frame.columns]
    if len(set(frame.columns)) != len(frame.columns):
        raise InputFileError(f"{path}: column names repeated in the header")
    return frame.fillna("")


def read_suppliers(
    path: Path,
    *,
    encoding: str | None = None,
    name_column: str | None = None,
    country_column: str | None = None,
    id_column: str | None = None,
    sheet: str | None = None,
    data: bytes | None = None,
) -> tuple[list[Supplier], Columns]:
    """Every data row of the file as a Supplier (empty names included), and the columns used.

    `data`, when given, holds the file's bytes (read by the caller from standard input);
    `path` then only names it in messages."""
    frame = read_table(path, encoding, sheet=sheet, data=data)
    columns = detect_columns(
        list(frame.columns), path, name=name_column, country=country_column, input_id=id_column
    )

    def cells(column: str | None) -> list[str]:
        if column is None:
            return [""] * len(frame)
        return [str(v).strip() for v in frame[column].tolist()]

    suppliers = [
        Supplier(row=row, name=name, country=country, input_id=input_id)
        for row, (name, country, input_id) in enumerate(
            zip(cells(columns.name), cells(columns.country), cells(columns.input_id), strict=True),
            start=1,
        )
    ]
    return suppliers, columns
