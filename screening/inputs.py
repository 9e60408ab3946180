"""Read a supplier file: its encoding, its delimiter, and which columns hold name, country,
id, and what identifies a party beyond them (a second name, an address, identifiers, a date
of birth, a nationality).

CSV and TSV are read as text, every cell a string, so ids such as "00123" keep their zeros.
UTF-8 (with or without a byte-order mark) is tried first; other encodings (GB18030/GBK,
Windows code pages) are detected from the bytes, or given with `encoding`.

Large files are read in chunks (`open_suppliers`): CSV and TSV as a text stream, Parquet
by record batches (pyarrow, installed by the `parquet` extra), XLSX row by row
(`screening.workbook`, which also bounds what a small workbook can unpack to), so memory
holds one chunk of rows, never the whole file.
Standard input and pipes (a FIFO, the shell's `<(command)`) are read whole first, as they
can be read only once.

Each Supplier carries the line where its record starts (a quoted cell may span lines), so
reports that point into the file (SARIF, GitHub annotations) point at the right place.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from screening.errors import ConfigError, InputFileError
from screening.extras import parquet_module
from screening.headers import find_column, header_key, repeated_columns
from screening.models import Supplier
from screening.options import ReadOptions
from screening.workbook import MAX_SHEET_ROWS, one_line, open_sheet, shown

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

#: A second name of the party, screened beside the first (an English name beside a Chinese
#: one): a row matches when either does.
SECOND_NAME_HEADERS = (
    "english_name", "name_en", "en_name", "name_english", "second_name", "other_name",
    "alias", "aka", "英文名称", "英文名", "英文公司名称", "别名",
)  # fmt: skip
#: The parts of an address, joined in this order ("street, city"). A city alone is shown
#: but never compared (`screening.addresses`: an address must name a street).
ADDRESS_HEADERS = (
    "address", "street", "street_address", "address_line_1", "address1", "addr",
    "registered_address", "地址", "详细地址", "注册地址", "公司地址", "街道",
)  # fmt: skip
CITY_HEADERS = ("city", "town", "城市", "市", "所在城市")
#: Identifier columns and the kind each holds (`screening.identifiers.COLUMN_SCHEMES`):
#: every one present is read. A column named by --identifier-column that is none of these
#: holds numbers of any scheme, recognised by their form when they have a check digit.
IDENTIFIER_HEADERS: dict[str, str] = {
    "lei": "lei", "lei_code": "lei", "legal_entity_identifier": "lei",
    "uscc": "uscc", "unified_social_credit_code": "uscc", "credit_code": "uscc",
    "统一社会信用代码": "uscc", "社会信用代码": "uscc", "信用代码": "uscc",
    "imo": "imo", "imo_number": "imo", "imo_no": "imo",
    "duns": "duns", "duns_number": "duns", "d_u_n_s": "duns", "duns_no": "duns",
    "isin": "isin", "bic": "bic", "swift": "bic", "swift_code": "bic", "swift_bic": "bic",
    "registration_number": "registration", "registration_no": "registration",
    "reg_no": "registration", "company_number": "registration",
    "company_registration_number": "registration", "注册号": "registration",
    "工商注册号": "registration",
    "tax_id": "tax", "tax_number": "tax", "tax_no": "tax", "vat": "tax", "vat_number": "tax",
    "vat_id": "tax", "tin": "tax", "税号": "tax", "纳税人识别号": "tax",
    "passport": "passport", "passport_number": "passport", "护照号码": "passport",
}  # fmt: skip
BIRTH_DATE_HEADERS = (
    "date_of_birth", "dob", "birth_date", "birthdate", "born", "出生日期", "生日",
)  # fmt: skip
NATIONALITY_HEADERS = ("nationality", "citizenship", "国籍")


@dataclass(frozen=True, slots=True)
class Columns:
    """Which header holds each role; every role but `name` may be absent. `address` holds
    the address's parts in order (street, city); `identifiers` every identifier column."""

    name: str
    country: str | None = None
    input_id: str | None = None
    second_name: str | None = None
    address: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    date_of_birth: str | None = None
    nationality: str | None = None

    def used(self) -> list[str]:
        """Every column read, each once, in the order `_Layout` expects them."""
        single = (self.name, self.country, self.input_id, self.second_name,
                  self.date_of_birth, self.nationality)  # fmt: skip
        return list(dict.fromkeys([*(c for c in single if c is not None), *self.address,
                                   *self.identifiers]))  # fmt: skip


def _names(headers: Sequence[str]) -> str:
    """Column names for a message, each shown as it prints (see `shown`)."""
    return ", ".join(shown(h) for h in headers)


def _pick(headers: Sequence[str], given: str | None, wanted: Sequence[str], role: str,
          path: Path) -> str | None:  # fmt: skip
    if given is None:
        return find_column(headers, wanted)
    if given in headers:
        return given
    found = find_column(headers, [given])
    if found is None:
        raise InputFileError(
            f"{path}: no column {given!r} for --{role}-column; columns are: {_names(headers)}"
        )
    return found


def detect_columns(
    headers: Sequence[str],
    path: Path,
    *,
    name: str | None = None,
    country: str | None = None,
    input_id: str | None = None,
    more: ReadOptions | None = None,
) -> Columns:
    """Choose the columns of each role, honouring explicit choices first (those of `more`
    for the roles beyond name, country and id)."""
    name_column = _pick(headers, name, NAME_HEADERS, "name", path)
    if name_column is None:
        name_column = next((h for h in headers if "name" in h.lower() or "名称" in h), None)
    if name_column is None:
        raise InputFileError(
            f"{path}: no name column found among: {_names(headers)}; "
            "pass --name-column to say which one holds the names"
        )
    more = more or ReadOptions()
    taken = {name_column}
    second = _pick(headers, more.second_name_column, SECOND_NAME_HEADERS, "second-name", path)
    return Columns(
        name=name_column,
        country=_pick(headers, country, COUNTRY_HEADERS, "country", path),
        input_id=_pick(headers, input_id, ID_HEADERS, "id", path),
        second_name=second if second not in taken else None,
        address=_address_columns(headers, more.address_columns, path),
        identifiers=_identifier_columns(headers, more.identifier_columns, path),
        date_of_birth=_pick(
            headers, more.birth_date_column, BIRTH_DATE_HEADERS, "date-of-birth", path
        ),  # fmt: skip
        nationality=_pick(
            headers, more.nationality_column, NATIONALITY_HEADERS, "nationality", path
        ),  # fmt: skip
    )


def _address_columns(
    headers: Sequence[str], given: tuple[str, ...] | None, path: Path
) -> tuple[str, ...]:
    """The address columns named, else a street column and a city column when present."""
    if given is not None:
        return tuple(dict.fromkeys(_pick(headers, c, (), "address", path) or c for c in given))
    found = (find_column(headers, ADDRESS_HEADERS), find_column(headers, CITY_HEADERS))
    return tuple(dict.fromkeys(c for c in found if c is not None))


def _identifier_columns(
    headers: Sequence[str], given: tuple[str, ...] | None, path: Path
) -> tuple[str, ...]:
    """The identifier columns named, else every column of IDENTIFIER_HEADERS present."""
    if given is not None:
        return tuple(dict.fromkeys(_pick(headers, c, (), "identifier", path) or c for c in given))
    return tuple(h for h in headers if header_key(h) in IDENTIFIER_HEADERS)


def identifier_kind(header: str) -> str:
    """The kind of identifier a column holds, from its header ("LEI" -> "lei"); "" when
    the header is not a known one (numbers of any scheme)."""
    return IDENTIFIER_HEADERS.get(header_key(header), "")


#: Bytes read from the start of a text file to choose its encoding and delimiter.
SAMPLE_BYTES = 1 << 20
#: First bytes of an XLSX (a zip archive), an old binary XLS (an OLE2 file) and Parquet.
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_PARQUET_MAGIC = b"PAR1"


def _choose_encoding(sample: bytes, complete: bool, path: Path, encoding: str | None) -> str:
    """The encoding to read a text file with, chosen from its first bytes.

    The given encoding, else UTF-8 (a byte-order mark skipped) when the sample decodes as
    UTF-8, else the encoding charset-normalizer detects. `complete` says the sample is the
    whole file (otherwise its last character may be cut and is not held against UTF-8).
    """
    if encoding:
        try:
            return codecs.lookup(encoding).name
        except LookupError:
            raise InputFileError(f"unknown encoding {encoding!r} for {path}") from None
    if not complete:  # end on a whole line: a character cut in two confuses the detection
        sample = sample[: sample.rfind(b"\n") + 1] or sample
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(sample, final=complete)
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Imported here: most files are UTF-8, and a one-name lookup reads no file at all.
    from charset_normalizer import from_bytes

    guess = from_bytes(sample).best()
    if guess is not None and guess.encoding not in ("utf_8", "ascii"):
        return str(guess.encoding)
    raise InputFileError(
        f"{path}: byte {utf8_error.start} is not valid UTF-8 and the encoding could not be "
        "detected; pass --encoding (for example gb18030 or cp1252)"
    )


def _delimiter(path: Path, first_line: str) -> str:
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


#: Characters trimmed from each header cell besides whitespace: byte-order marks (a file
#: saved twice by a tool that adds one each time starts with two; decoding drops only one)
#: and the zero-width characters that copying from web pages leaves behind.
_HEADER_JUNK = "\ufeff\u200b\u200c\u200d\u2060"


def _clean_header(cell: str) -> str:
    """A header cell without surrounding whitespace, byte-order marks or zero-width marks."""
    previous = None
    while previous != cell:
        previous, cell = cell, cell.strip().strip(_HEADER_JUNK)
    return cell


def _check_header(header: list[str], path: Path) -> list[str]:
    """The header, if no column name appears twice (empty ones aside: they hold no role).

    Counted once, so a header of 100,000 columns is checked in milliseconds."""
    repeated = sorted({header[again] for _, again in repeated_columns(header)})
    if repeated:
        raise InputFileError(f"{path}: column name(s) repeated in the header: {_names(repeated)}")
    return header


class _CsvRows:
    """The header and data rows of delimited text, each row as wide as the header.

    A row with more cells than the header is an error, never silently shifted: it usually
    means a name with an unquoted delimiter. A row with fewer cells is padded with empty
    ones. Errors name the file and line.
    """

    def __init__(self, text: IO[str], path: Path, delimiter: str, encoding: str) -> None:
        self._reader = csv.reader(text, delimiter=delimiter, strict=True)
        self._path, self._delimiter, self._encoding = path, delimiter, encoding
        self.lines_estimate = 0  # lines in the file, estimated from its first bytes
        first = self._next()
        if first is None:
            raise InputFileError(f"input file {path} is empty")
        self.header = _check_header([_clean_header(cell) for cell in first], path)

    def _next(self) -> list[str] | None:
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            raise InputFileError(
                f"{self._path}, line {self._reader.line_num}: not well-formed CSV ({one_line(exc)})"
            ) from None
        except UnicodeDecodeError:
            raise InputFileError(
                f"{self._path}, after line {self._reader.line_num}: bytes that are not valid "
                f"{self._encoding}; pass --encoding with the file's encoding"
            ) from None

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        """(line, cells) of each record; `line` is where it starts, as a cell in quotes
        may hold line breaks."""
        width = len(self.header)
        while True:
            line = self._reader.line_num + 1
            if (row := self._next()) is None:
                return
            if len(row) > width:
                shown = "tab" if self._delimiter == "\t" else repr(self._delimiter)
                raise InputFileError(
                    f"{self._path}, line {self._reader.line_num}: {len(row)} cells but the "
                    f"header has {width}; quote values that contain the delimiter ({shown})"
                )
            yield line, row + [""] * (width - len(row))


def _open_text(stream: IO[bytes], path: Path, encoding: str | None) -> _CsvRows:
    """Delimited text from a binary stream that can seek (a file, or bytes in memory)."""
    sample = stream.read(SAMPLE_BYTES)
    stream.seek(0)
    complete = len(sample) < SAMPLE_BYTES
    if complete and not sample.strip():
        raise InputFileError(f"input file {path} is empty")
    chosen = _choose_encoding(sample, complete, path, encoding)
    decoded = sample.decode(chosen, errors="replace")
    if complete and not decoded.strip():
        raise InputFileError(f"input file {path} is empty")
    first_line = decoded.lstrip("\ufeff").split("\n", 1)[0]
    # Lines in the file, for a progress bar: counted in the sample, scaled to the file's size.
    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    lines = sample.count(b"\n") + (0 if sample.endswith(b"\n") else 1)
    text = io.TextIOWrapper(stream, encoding=chosen, errors="strict", newline="")
    rows = _CsvRows(text, path, _delimiter(path, first_line), chosen)
    rows.lines_estimate = lines if complete else round(lines * size / len(sample))
    return rows


def _check_encoding_readable(stream: IO[bytes], path: Path, encoding: str) -> None:
    """Decode the whole file once when an explicit encoding is given, so that a wrong one is
    reported before any screening (the byte offset names where)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    while block := stream.read(SAMPLE_BYTES):
        try:
            decoder.decode(block)
        except UnicodeDecodeError as exc:
            raise InputFileError(
                f"{path}: byte {offset + exc.start} is not valid {encoding}; check --encoding"
            ) from None
        offset += len(block)
    stream.seek(0)


def read_table(
    path: Path,
    encoding: str | None = None,
    *,
    sheet: str | None = None,
    data: bytes | None = None,
    max_rows: int | None = None,
) -> pd.DataFrame:
    """Read a CSV, TSV, Parquet or XLSX file whole into a frame of strings, every row kept.

    For files too large for memory, use `open_suppliers`, which reads them in chunks.
    `data` gives the file's bytes when they do not come from `path` (standard input); XLSX
    is recognised by its content and read from its first sheet, or `sheet`. `max_rows` is
    as for `open_suppliers`.
    """
    import pandas as pd

    _check_max_rows(max_rows)
    raw = _read_bytes(path) if data is None else data
    if raw.startswith(_ZIP_MAGIC):
        book = open_sheet(io.BytesIO(raw), path, sheet, max_rows or MAX_SHEET_ROWS)
        header = _check_header([_clean_header(h) for h in book.header], path)
        cells = [r for _, r in book.rows(range(len(header)), max_rows or MAX_SHEET_ROWS)]
        if not cells:
            raise InputFileError(f"input file {path} has a header but no data rows")
        return pd.DataFrame(cells, columns=header, dtype=str)
    if raw.startswith(_OLE_MAGIC):
        _refuse_ole(raw, path)
    _refuse_sheet(path, sheet)
    if raw.startswith(_PARQUET_MAGIC):
        frame: pd.DataFrame = _parquet_file(path, io.BytesIO(raw)).read().to_pandas()
        if frame.empty:
            raise InputFileError(f"input file {path} has a header but no data rows")
        return frame.astype(str).where(frame.notna(), "")
    rows = _open_text(io.BytesIO(raw), path, encoding)
    body = [cells for _, cells in rows]
    if max_rows is not None and len(body) > max_rows:
        raise _too_many_rows(path, max_rows)
    if not body:
        raise InputFileError(f"input file {path} has a header but no data rows")
    return pd.DataFrame(body, columns=rows.header, dtype=str)


def _read_bytes(path: Path) -> bytes:
    _check_path(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputFileError(f"cannot read {path}: {exc.strerror or exc}") from None


def _check_path(path: Path) -> None:
    if not path.exists():
        raise InputFileError(f"input file {path} does not exist")
    if path.is_dir():
        raise InputFileError(
            f"input file {path} is a directory; pass a CSV, TSV, Parquet or XLSX file"
        )


#: The name of the stream that holds the package in the OLE2 compound file of an encrypted
#: Office Open XML document ([MS-OFFCRYPTO] 2.3.4.4, "EncryptedPackage" stream), which is
#: what Excel writes for a workbook saved with a password to open.
_ENCRYPTED_PACKAGE = "EncryptedPackage\0".encode("utf-16-le")
#: An OLE2 directory entry: 128 bytes, its name in UTF-16LE first, the name's length in
#: bytes (terminator included) at offset 64; the directory starts after the 512-byte header.
_OLE_ENTRY, _OLE_NAME_LENGTH_AT, _OLE_HEADER = 128, 64, 512


def _is_encrypted_package(raw: bytes) -> bool:
    """Whether the OLE2 file `raw` holds an encrypted workbook: a directory entry, where
    entries sit, named EncryptedPackage. A cell's text of that name would not sit on an
    entry's boundary with the matching length beside it."""
    at = raw.find(_ENCRYPTED_PACKAGE, _OLE_HEADER)
    while at != -1:
        length = raw[at + _OLE_NAME_LENGTH_AT : at + _OLE_NAME_LENGTH_AT + 2]
        if at % _OLE_ENTRY == 0 and int.from_bytes(length, "little") == len(_ENCRYPTED_PACKAGE):
            return True
        at = raw.find(_ENCRYPTED_PACKAGE, at + 1)
    return False


def _refuse_ole(raw: bytes, path: Path) -> NoReturn:
    """Refuse an OLE2 compound file (the whole of it in `raw`): an encrypted workbook, said
    to be one, or an old binary .xls."""
    if _is_encrypted_package(raw):
        raise InputFileError(
            f"{path} is a password-protected (encrypted) workbook; save a copy without the "
            "password, as .xlsx or CSV, and screen that"
        )
    raise InputFileError(f"{path} is an old binary Excel file (.xls); save it as .xlsx or CSV")


def _refuse_sheet(path: Path, sheet: str | None) -> None:
    if sheet is not None:
        raise InputFileError(f"--sheet applies to XLSX files; {path} is not one")


def _check_max_rows(max_rows: int | None) -> None:
    if max_rows is not None and max_rows < 1:
        raise ConfigError(f"the row limit must be at least 1 row, got {max_rows}")


def _too_many_rows(path: Path, max_rows: int) -> InputFileError:
    return InputFileError(
        f"{path}: more than {max_rows:,} data rows; split the file, or raise the limit (--max-rows)"
    )


def _parquet_file(path: Path, source: Path | IO[bytes] | None = None) -> Any:
    """The Parquet file at `path` (or in `source`, which `path` then names)."""
    source = path if source is None else source
    pq = parquet_module(f"{path} is a Parquet file: reading it", InputFileError)
    try:
        return pq.ParquetFile(source)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError... for a damaged file
        raise InputFileError(f"{path}: not a readable Parquet file ({one_line(exc)})") from None


@dataclass
class SupplierChunks:
    """A supplier file opened for reading in chunks of rows.

    `columns` were chosen from the header when the file was opened, so a file without a
    name column fails before any work. `rows_estimate` is the number of data rows when the
    format records it (Parquet, XLSX, standard input) or an estimate from the line count
    (CSV, TSV), for a progress bar. Iterating yields lists of `Supplier`, numbered from 1
    across the file; it can be done once. A file with a header and no rows raises
    InputFileError when the iteration ends.
    """

    path: Path
    columns: Columns
    rows_estimate: int
    _chunks: Iterator[list[Supplier]]

    def __iter__(self) -> Iterator[list[Supplier]]:
        return self._chunks


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where each role's cells sit in a row of the columns read (None: absent)."""

    name: int
    country: int | None
    input_id: int | None
    second_name: int | None
    address: tuple[int, ...]
    identifiers: tuple[tuple[int, str], ...]  # (position, kind)
    date_of_birth: int | None
    nationality: int | None

    def supplier(self, number: int, line: int, row: Sequence[str]) -> Supplier:
        """One row's Supplier."""

        def cell(at: int | None) -> str:
            return row[at].strip() if at is not None else ""

        return Supplier(
            row=number,
            name=row[self.name].strip(),
            country=cell(self.country),
            input_id=cell(self.input_id),
            line=line,
            second_name=cell(self.second_name),
            address=", ".join(p for p in (cell(at) for at in self.address) if p),
            identifiers=tuple((kind, v) for at, kind in self.identifiers if (v := cell(at))),
            date_of_birth=cell(self.date_of_birth),
            nationality=cell(self.nationality),
        )


def _suppliers(
    rows: Iterator[tuple[int, Sequence[str]]], layout: _Layout,
    chunk_rows: int, path: Path, max_rows: int | None,
) -> Iterator[list[Supplier]]:  # fmt: skip
    """(line, cells) rows as chunks of Suppliers, numbered from 1; no rows at all, or more
    than `max_rows`, is an error."""
    chunk: list[Supplier] = []
    number = 0
    for number, (line, row) in enumerate(rows, start=1):
        if max_rows is not None and number > max_rows:
            raise _too_many_rows(path, max_rows)
        chunk.append(layout.supplier(number, line, row))
        if len(chunk) >= chunk_rows:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
    if number == 0:
        raise InputFileError(f"input file {path} has a header but no data rows")


def _positions(headers: Sequence[str], columns: Columns) -> _Layout:
    """Where each role's column sits among `headers`."""
    where = {h: i for i, h in enumerate(headers)}

    def at(column: str | None) -> int | None:
        return None if column is None else where[column]

    return _Layout(
        name=where[columns.name],
        country=at(columns.country),
        input_id=at(columns.input_id),
        second_name=at(columns.second_name),
        address=tuple(where[c] for c in columns.address),
        identifiers=tuple((where[c], identifier_kind(c)) for c in columns.identifiers),
        date_of_birth=at(columns.date_of_birth),
        nationality=at(columns.nationality),
    )


def _parquet_rows(
    book: Any, wanted: list[str], chunk_rows: int, path: Path
) -> Iterator[tuple[int, Sequence[str]]]:
    """Rows of a Parquet file's `wanted` columns as strings (missing values empty), with
    line 0: a Parquet file has no lines. A damaged page is found only when its batch is
    read, so errors are caught here too."""
    batches = book.iter_batches(batch_size=chunk_rows, columns=wanted)
    while True:
        try:
            batch = next(batches, None)
            if batch is None:
                return
            cells = [
                ["" if v is None else str(v) for v in batch.column(i).to_pylist()]
                for i in range(len(wanted))
            ]
        except Exception as exc:  # pyarrow raises OSError, ArrowInvalid... for a bad page
            raise InputFileError(f"{path}: not a readable Parquet file ({one_line(exc)})") from None
        for row in zip(*cells, strict=True):
            yield 0, row


def _open_stream(path: Path, data: bytes | None) -> IO[bytes]:
    """The file as a binary stream that can seek: `data` when given; a pipe (a FIFO, or
    the shell's `<(command)`, which names one) read whole first, since it can be read only
    once, like standard input."""
    if data is not None:
        return io.BytesIO(data)
    _check_path(path)
    try:
        stream: IO[bytes] = path.open("rb")
        if stream.seekable():
            return stream
        with stream:
            return io.BytesIO(stream.read())
    except OSError as exc:
        raise InputFileError(f"cannot read {path}: {exc.strerror or exc}") from None


def open_suppliers(
    path: Path, read: ReadOptions | None = None, *, data: bytes | None = None
) -> SupplierChunks:
    """Open a CSV, TSV, Parquet or XLSX supplier file for reading in chunks of
    `read.chunk_rows` rows, with the columns, encoding and sheet `read` names (the defaults:
    found from the header and the content).

    Every format is streamed: memory holds one chunk (and, for XLSX, the shared-string
    table). `data`, when given, holds the file's bytes (read by the caller from standard
    input); `path` then only names it in messages. A pipe is read whole first. Header
    problems are reported here; row problems (a row wider than the header, bytes not in the
    file's encoding) when the iteration reaches them.

    `read.max_rows` caps the data rows: more is an error, raised before any row is read when
    the file says how many it has (Parquet metadata, an XLSX sheet's dimension). When None,
    an XLSX sheet is capped at MAX_SHEET_ROWS (a small workbook can claim millions of rows;
    no spreadsheet holds more), and CSV, TSV and Parquet are not capped.
    """
    read = read or ReadOptions()
    encoding, sheet, chunk_rows, max_rows = (
        read.encoding,
        read.sheet,
        read.chunk_rows,
        read.max_rows,
    )
    stream = _open_stream(path, data)
    start = stream.read(8)
    stream.seek(0)
    wanted = {"name": read.name_column, "country": read.country_column, "input_id": read.id_column}
    rows: Iterator[tuple[int, Sequence[str]]]
    try:
        if start.startswith(_ZIP_MAGIC):
            sheet_rows = open_sheet(stream, path, sheet, max_rows or MAX_SHEET_ROWS)
            headers = _check_header([_clean_header(h) for h in sheet_rows.header], path)
            columns = detect_columns(headers, path, **wanted, more=read)
            used = columns.used()
            positions = _positions(used, columns)
            rows = sheet_rows.rows([headers.index(c) for c in used], max_rows or MAX_SHEET_ROWS)
            estimate = sheet_rows.declared_rows or 1
        elif start.startswith(_OLE_MAGIC):
            _refuse_ole(stream.read(), path)
        elif start.startswith(_PARQUET_MAGIC):
            _refuse_sheet(path, sheet)
            book = _parquet_file(path, stream)
            if max_rows is not None and book.metadata.num_rows > max_rows:
                raise _too_many_rows(path, max_rows)
            columns = detect_columns(list(book.schema_arrow.names), path, **wanted, more=read)
            used = columns.used()
            positions = _positions(used, columns)
            rows, estimate = _parquet_rows(book, used, chunk_rows, path), book.metadata.num_rows
        else:
            _refuse_sheet(path, sheet)
            if encoding:
                _check_encoding_readable(stream, path, _choose_encoding(b"", True, path, encoding))
            text = _open_text(stream, path, encoding)
            columns = detect_columns(text.header, path, **wanted, more=read)
            positions = _positions(text.header, columns)
            rows, estimate = iter(text), max(text.lines_estimate - 1, 1)
    except BaseException:
        stream.close()
        raise
    chunks = _closing(_suppliers(rows, positions, chunk_rows, path, max_rows), stream)
    return SupplierChunks(path, columns, estimate, chunks)


def table_suppliers(
    headers: Sequence[str],
    cells: Callable[[int], Sequence[str]],
    rows: int,
    source: Path,
    read: ReadOptions | None = None,
) -> SupplierChunks:
    """Suppliers from a table held in memory (a DataFrame), read as a file's rows are.

    The header is cleaned and checked, and the name, country and id columns chosen, by the
    same rules as a file's (`detect_columns`, with `read`'s columns first); `cells(i)`
    gives the `rows` cells of column i as text, and is asked only for the columns used.
    Rows are numbered from 1 and chunked by `read.chunk_rows`; `read.max_rows` applies;
    `line` is 0 (a table in memory has no lines). `source` names the table in messages.
    """
    read = read or ReadOptions()
    if read.encoding is not None or read.sheet is not None:
        raise ConfigError(
            f"{source}: encoding and sheet apply to files; a table in memory is read as it is"
        )
    if read.max_rows is not None and rows > read.max_rows:
        raise _too_many_rows(source, read.max_rows)
    header = _check_header([_clean_header(h) for h in headers], source)
    columns = detect_columns(header, source, name=read.name_column, country=read.country_column,
                             input_id=read.id_column, more=read)  # fmt: skip
    used = columns.used()
    table = zip(*(cells(header.index(c)) for c in used), strict=True)
    lines = ((0, row) for row in table)
    chunks = _suppliers(lines, _positions(used, columns), read.chunk_rows, source, read.max_rows)
    return SupplierChunks(source, columns, max(rows, 1), chunks)


def _closing(chunks: Iterator[list[Supplier]], stream: IO[bytes]) -> Iterator[list[Supplier]]:
    try:
        yield from chunks
    finally:
        stream.close()


def read_suppliers(
    path: Path, read: ReadOptions | None = None, *, data: bytes | None = None
) -> tuple[list[Supplier], Columns]:
    """Every data row of the file as a Supplier (empty names included), and the columns used.

    `data`, when given, holds the file's bytes (read by the caller from standard input);
    `path` then only names it in messages. Reads the whole file: see `open_suppliers` for
    files too large for memory."""
    opened = open_suppliers(path, read, data=data)
    return [s for chunk in opened for s in chunk], opened.columns
