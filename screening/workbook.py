"""One sheet of an XLSX workbook as rows of text, read as a stream and within fixed bounds.

An XLSX file is a zip archive of XML parts, so a file of a few hundred kilobytes can unpack
to gigabytes: one cell of a gigabyte, or twenty million rows. A general-purpose reader
(openpyxl, which pandas uses) takes the shared-string table whole and scans every sheet
before the first row, so such a file costs minutes and all the memory there is. This reader
bounds the work before doing it:

- every part must unpack to at most `MAX_INFLATE_RATIO` times its packed size (past a small
  grace), and use a compression method spreadsheet programs write, so what is parsed stays
  proportional to the file's size;
- a cell longer than `MAX_CELL_CHARS` is never held: its text stops being collected at the
  limit, and using it is an error naming the sheet and cell;
- a sheet whose `dimension` says it has more rows than allowed is refused before any row is
  parsed, and rows past the limit are refused as they come, so a huge sheet fails in seconds.

Parts are parsed with expat, which is given no document type declaration to expand (one is
refused), so no entity can grow. Cell values follow what pandas made of them with openpyxl:
whole numbers without ".0", dates as `YYYY-MM-DD HH:MM:SS`, booleans `True`/`False`, errors
and empty cells as "".
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any, NoReturn
from xml.parsers import expat

from screening.errors import InputFileError

#: Excel's own limits (Microsoft, "Excel specifications and limits"): a sheet has at most
#: 1,048,576 rows and 16,384 columns (A to XFD), a cell at most 32,767 characters. Nothing a
#: spreadsheet program saves goes past them, so a workbook that does was made to do harm or
#: is damaged: it is refused, never truncated (a cut name would be screened as another name).
MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_COLUMNS = 16_384
MAX_CELL_CHARS = 32_767
#: A part unpacking to more than this many times its packed size is taken for a zip bomb;
#: parts under the grace size are let through, as small XML packs very tightly. These are
#: Apache POI's defaults for the same check (ZipSecureFile: MIN_INFLATE_RATIO 0.01,
#: GRACE_ENTRY_SIZE 100 KiB). Supplier sheets of 10,000 to 200,000 rows written by
#: openpyxl unpack 10 to 12 times, so a genuine workbook has a wide margin.
MAX_INFLATE_RATIO = 100
INFLATE_GRACE_BYTES = 100 * 1024
#: Bytes of a part handed to the XML parser at a time.
_READ_BYTES = 1 << 16
#: Compression methods Excel, LibreOffice and the usual libraries write. Others (bzip2,
#: lzma) are refused: zipfile unpacks them without a bound on each step.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_CELL_REF = re.compile(r"([A-Za-z]{1,3})?([0-9]+)?$")
_LETTERS = re.compile(r"[A-Za-z]{1,3}$")
_DIGITS = re.compile(r"[0-9]+$")


def one_line(exc: BaseException) -> str:
    """A library exception's message on one line, short enough to quote in an error
    message (pyarrow's and expat's run over several lines)."""
    text = " ".join(str(exc).replace("\t", "\\t").split())  # a tab may be the point
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)
    return (text[:200] + "...") if len(text) > 200 else text or type(exc).__name__


def shown(text: str) -> str:
    """`text` for an error message: as it is when every character prints, else as a Python
    literal, so a name holding a line break or a terminal escape keeps the message on one
    line and cannot act on the terminal."""
    return text if text.isprintable() else repr(text)


def _unreadable(path: Path, why: str) -> InputFileError:
    return InputFileError(f"{path}: not a readable XLSX workbook ({why})")


def column_letter(index: int) -> str:
    """Excel's name of the 1-based column `index` (1 → A, 28 → AB)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index


class _TooLong:
    """Stands for a text longer than MAX_CELL_CHARS, which was never kept."""

    __slots__ = ()


_TOO_LONG = _TooLong()
Text = str | _TooLong


class _Collector:
    """Character data of one element, kept up to MAX_CELL_CHARS, then only flagged."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, data: str) -> None:
        if self.size <= MAX_CELL_CHARS:
            self.parts.append(data)
        self.size += len(data)

    def text(self) -> Text:
        return _TOO_LONG if self.size > MAX_CELL_CHARS else "".join(self.parts)


def _parser(path: Path, name: str) -> expat.XMLParserType:
    """An expat parser that reports local names and refuses any document type declaration
    (the only way an XML file can declare entities to expand)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True

    def refuse(*_: object) -> None:
        raise _unreadable(path, f"part {shown(name)} declares a document type; XLSX never does")

    parser.StartDoctypeDeclHandler = refuse
    return parser


def _local(tag: str) -> str:
    return tag.rpartition(" ")[2]


def _feed(archive: zipfile.ZipFile, name: str, parser: expat.XMLParserType,
          path: Path) -> Iterator[None]:  # fmt: skip
    """Parse part `name` in blocks, pausing after each so the caller can take what the
    handlers collected."""
    try:
        with archive.open(name) as stream:
            while block := stream.read(_READ_BYTES):
                parser.Parse(block, False)
                yield
            parser.Parse(b"", True)
            yield
    except expat.ExpatError as exc:
        raise _unreadable(path, f"part {shown(name)}: {one_line(exc)}") from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError,
            NotImplementedError) as exc:  # fmt: skip  # what a damaged part makes zipfile raise
        raise _unreadable(path, f"part {shown(name)}: {one_line(exc)}") from None


def _scan(archive: zipfile.ZipFile, name: str, path: Path, on_start: Callable[[list[str],
          dict[str, str]], None]) -> None:  # fmt: skip
    """Parse part `name`, calling `on_start(stack, attributes)` at each element: `stack` the
    local names from the root to it, attributes by local name. No tree is built, so what a
    part costs is what the caller keeps of it."""
    stack: list[str] = []
    parser = _parser(path, name)

    def start(tag: str, attributes: dict[str, str]) -> None:
        stack.append(_local(tag))
        on_start(stack, {_local(k): v for k, v in attributes.items()})

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _tag: stack.pop()
    for _ in _feed(archive, name, parser, path):
        pass


def _check_archive(source: IO[bytes], path: Path) -> zipfile.ZipFile:
    """The workbook's zip archive, once every part is known to unpack within bounds."""
    try:
        archive = zipfile.ZipFile(source)
        members = archive.infolist()
    except Exception as exc:  # zipfile raises several types for a damaged archive
        raise _unreadable(path, one_line(exc)) from None
    for member in members:
        part = shown(member.filename)
        if member.compress_type not in _METHODS:
            raise _unreadable(
                path, f"part {part} uses compression method {member.compress_type}, which "
                "spreadsheet programs do not write"
            )  # fmt: skip
        if member.flag_bits & 0x1:
            raise InputFileError(
                f"{path}: part {part} is encrypted; save an unprotected copy of the workbook "
                "and screen that"
            )
        packed = max(member.compress_size, 1)
        if member.file_size > INFLATE_GRACE_BYTES and member.file_size > packed * MAX_INFLATE_RATIO:
            raise InputFileError(
                f"{path}: part {part} would unpack from {member.compress_size:,} to "
                f"{member.file_size:,} bytes, more than {MAX_INFLATE_RATIO} times: refused as "
                "a zip bomb; if the workbook is genuine, save it as CSV"
            )
    return archive


class _Parts:
    """Where the workbook's parts are, from its relationships, looked up case-blind (as
    Excel does)."""

    def __init__(self, archive: zipfile.ZipFile, path: Path) -> None:
        self.archive, self.path = archive, path
        self.names = {info.filename.lower(): info.filename for info in archive.infolist()}

    def find(self, name: str) -> str | None:
        return self.names.get(name.lstrip("/").lower())

    def relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Id → (type, target part) of `part`'s relationships."""
        folder, base = posixpath.split(part)
        rels = self.find(posixpath.join(folder, "_rels", base + ".rels"))
        if rels is None:
            return {}
        found = {}

        def relation(stack: list[str], rel: dict[str, str]) -> None:
            if stack[-1] != "Relationship" or rel.get("TargetMode") == "External":
                return
            target = rel.get("Target", "")
            joined = target if target.startswith("/") else posixpath.join(folder, target)
            found[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(joined))

        _scan(self.archive, rels, self.path, relation)
        return found


def _of_type(relations: dict[str, tuple[str, str]], kind: str) -> str | None:
    return next((t for k, t in relations.values() if k.endswith("/" + kind)), None)


class _SharedStrings:
    """Expat handlers that collect the shared-string table: the text of each item (`si`),
    its rich-text runs (`t`) joined, its phonetic guides (`rPh`, which may hold `t` too)
    left out."""

    def __init__(self) -> None:
        self.strings: list[Text] = []
        self.item: _Collector | None = None  # the item being read
        self.text: _Collector | None = None  # where character data goes now, if anywhere
        self.phonetic = 0  # depth inside phonetic guides

    def start(self, tag: str, _attributes: dict[str, str]) -> None:
        local = _local(tag)
        if local == "si":
            self.item = _Collector()
        elif local == "rPh":
            self.phonetic += 1
        elif local == "t" and self.item is not None and not self.phonetic:
            self.text = self.item

    def end(self, tag: str) -> None:
        local = _local(tag)
        if local == "si" and self.item is not None:
            self.strings.append(self.item.text())
            self.item = None
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "t":
            self.text = None

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.add(text)


def _shared_strings(parts: _Parts, part: str | None) -> list[Text]:
    """The shared-string table: the text of each item (rich-text runs joined, phonetic
    guides left out), or _TOO_LONG for one over the cell limit."""
    name = parts.find(part) if part else None
    if name is None:
        return []
    table = _SharedStrings()
    parser = _parser(parts.path, name)
    parser.StartElementHandler, parser.EndElementHandler = table.start, table.end
    parser.CharacterDataHandler = table.data
    for _ in _feed(parts.archive, name, parser, parts.path):
        pass
    return table.strings


def _date_styles(parts: _Parts, part: str | None) -> tuple[set[int], set[int]]:
    """Indices of the cell styles (cellXfs) that show a number as a date, and as a
    duration, as openpyxl decides: by the style's number format."""
    name = parts.find(part) if part else None
    if name is None:
        return set(), set()
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    custom: dict[str, str] = {}
    dates, durations = set(), set()
    count = [0]

    def style(stack: list[str], attributes: dict[str, str]) -> None:
        if stack[-1] == "numFmt":
            custom[attributes.get("numFmtId", "")] = attributes.get("formatCode", "")
        elif stack[-1] == "xf" and len(stack) > 1 and stack[-2] == "cellXfs":
            index, count[0] = count[0], count[0] + 1
            number = attributes.get("numFmtId", "0")
            code = custom.get(number)
            if code is None and _DIGITS.match(number) and len(number) < 6:
                code = BUILTIN_FORMATS.get(int(number))
            if code and is_date_format(code):
                dates.add(index)
            if code and is_timedelta_format(code):
                durations.add(index)

    _scan(parts.archive, name, parts.path, style)
    return dates, durations


@dataclass
class _Styles:
    dates: set[int] = field(default_factory=set)
    durations: set[int] = field(default_factory=set)
    mac_epoch: bool = False


def _number_text(raw: str, style: int, styles: _Styles) -> str:
    """A number cell as text: whole numbers without ".0", dates by their style."""
    try:
        number: float = float(raw) if any(c in raw for c in ".eE") else int(raw)
    except ValueError:
        return raw
    if style in styles.dates:
        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

        epoch = MAC_EPOCH if styles.mac_epoch else WINDOWS_EPOCH
        try:
            return str(from_excel(number, epoch, timedelta=style in styles.durations))
        except (OverflowError, ValueError):
            return ""  # openpyxl makes it a #VALUE! error, which pandas read as empty
    if isinstance(number, float) and number.is_integer():
        return str(int(number))
    return str(number)


def _iso_date_text(raw: str) -> str:
    try:
        return str(datetime.fromisoformat(raw.strip().rstrip("Z")))
    except ValueError:
        return raw


class _SheetParser:
    """The expat handlers of a worksheet part: they turn its rows into (line, {column:
    text}, other) in `done`, keeping only the columns in `keep` (all when None); `other`
    says whether a cell in a column not kept has a value (the row is then not blank).

    Written for speed (a million rows is tens of millions of calls): handlers are found by
    tag in a dictionary, the open cell's state lives in plain attributes, and the text of a
    cell in a column not kept is never collected.
    """

    def __init__(self, path: Path, title: str, strings: list[Text], styles: _Styles) -> None:
        self.path, self.title, self.strings, self.styles = path, title, strings, styles
        self.keep: set[int] | None = None
        self.dimension: tuple[int, int] | None = None  # first and last row it declares
        self.done: list[tuple[int, dict[int, Text], bool]] = []
        self.line = 0
        self.row: dict[int, Text] | None = None
        self.column = 0  # the open cell's column; 0 when no cell is open
        self.last_column = 0  # of the row's previous cell, for cells without a reference
        self.kind, self.style, self.kept = "n", 0, False
        self.parts: list[str] = []  # the open cell's text so far, up to MAX_CELL_CHARS
        self.size = 0
        self.capture = False  # whether character data now belongs to the cell's value
        self.sense = False  # whether it is the value of a cell not kept
        self.other = False  # whether such a value was seen in the row
        self.inline = self.phonetic = 0
        self._letters: dict[str, int] = {}
        self._local_starts: dict[str, Any] = {
            "row": self._start_row, "c": self._start_cell, "v": self._start_value,
            "is": self._start_inline, "t": self._start_text, "rPh": self._start_phonetic,
            "dimension": self._start_dimension,
        }  # fmt: skip
        self._local_ends: dict[str, Any] = {
            "row": self._end_row, "c": self._end_cell, "v": self._end_text, "t": self._end_text,
            "is": self._end_inline, "rPh": self._end_phonetic,
        }  # fmt: skip
        self._starts: dict[str, Any] = {}
        self._ends: dict[str, Any] = {}

    def where(self, column: int, line: int | None = None) -> str:
        return f"{self.path}, sheet {self.title!r}, cell {column_letter(column)}{line or self.line}"

    # expat's three handlers

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        handler = self._starts.get(tag)
        if handler is None:
            handler = self._local_starts.get(_local(tag), _ignore)
            self._starts[tag] = handler
        handler(attributes)

    def end(self, tag: str) -> None:
        handler = self._ends.get(tag)
        if handler is None:
            handler = self._local_ends.get(_local(tag), _ignore_end)
            self._ends[tag] = handler
        handler()

    def data(self, text: str) -> None:
        if self.capture:
            if self.size <= MAX_CELL_CHARS:
                self.parts.append(text)
            self.size += len(text)
        elif self.sense and text:
            self.other = True

    # elements

    def _start_dimension(self, attributes: dict[str, str]) -> None:
        if self.row is None:
            self.dimension = _rows_of(attributes.get("ref", ""))

    def _start_row(self, attributes: dict[str, str]) -> None:
        if self.row is not None:
            raise InputFileError(f"{self.path}, sheet {self.title!r}: a row inside row {self.line}")
        number = attributes.get("r")
        line = self.line + 1
        if number is not None:
            if not _DIGITS.match(number):
                raise InputFileError(
                    f"{self.path}, sheet {self.title!r}: row number {number[:20]!r} after row "
                    f"{self.line} is not a number"
                )
            line = int(number)
        if line <= self.line:
            raise InputFileError(
                f"{self.path}, sheet {self.title!r}: row {line} comes after row {self.line}; "
                "rows out of order mean a damaged workbook: open and save it again"
            )
        if line > MAX_SHEET_ROWS:
            raise InputFileError(
                f"{self.path}, sheet {self.title!r}: row {line:,} is past the last row a sheet "
                f"can have ({MAX_SHEET_ROWS:,})"
            )
        self.line, self.row, self.last_column, self.other = line, {}, 0, False

    def _end_row(self) -> None:
        if self.row is not None:
            self.done.append((self.line, self.row, self.other))
            self.row = None

    def _start_cell(self, attributes: dict[str, str]) -> None:
        if self.row is None:
            return  # a cell outside a row is no cell of the table
        if self.column:
            raise InputFileError(f"{self.where(self.column)}: a cell inside a cell")
        ref = attributes.get("r")
        column = self._column(ref) if ref else self.last_column + 1
        if column > MAX_SHEET_COLUMNS:
            raise InputFileError(
                f"{self.path}, sheet {self.title!r}, row {self.line}: cell {ref!r} is past "
                "column XFD, the last a sheet can have"
            )
        self.kept = self.keep is None or column in self.keep
        if self.kept and column in self.row:
            raise InputFileError(f"{self.where(column)} appears twice in the workbook")
        self.column = self.last_column = column
        self.kind = attributes.get("t", "n")
        style = attributes.get("s")
        self.style = int(style) if style and _DIGITS.match(style) else 0
        self.parts, self.size = [], 0

    def _column(self, ref: str) -> int:
        letters = ref.rstrip("0123456789")
        column = self._letters.get(letters)
        if column is None:
            if not _LETTERS.match(letters):
                raise InputFileError(
                    f"{self.path}, sheet {self.title!r}, row {self.line}: {ref[:20]!r} is not a "
                    "cell reference"
                )
            column = self._letters[letters] = _column_index(letters)
        return column

    def _end_cell(self) -> None:
        if self.column and self.row is not None and self.kept:
            text: Text = _TOO_LONG if self.size > MAX_CELL_CHARS else "".join(self.parts)
            self.row[self.column] = self._value(text)
        self.column, self.capture, self.sense = 0, False, False

    def _start_value(self, _attributes: dict[str, str]) -> None:
        value = self.column > 0 and self.kind != "inlineStr"
        self.capture, self.sense = self.kept and value, not self.kept and value

    def _start_inline(self, _attributes: dict[str, str]) -> None:
        self.inline += 1

    def _end_inline(self) -> None:
        self.inline -= 1

    def _start_text(self, _attributes: dict[str, str]) -> None:
        inline = self.column > 0 and self.kind == "inlineStr" and self.inline > 0
        inline = inline and not self.phonetic
        self.capture, self.sense = self.kept and inline, not self.kept and inline

    def _end_text(self) -> None:
        self.capture = self.sense = False

    def _start_phonetic(self, _attributes: dict[str, str]) -> None:
        self.phonetic += 1

    def _end_phonetic(self) -> None:
        self.phonetic -= 1

    def _value(self, raw: Text) -> Text:
        """The open cell's value as text, from the text of its `<v>` (or inline string)."""
        kind = self.kind
        if isinstance(raw, _TooLong) or kind in ("inlineStr", "str"):  # str: a formula's text
            return raw
        if not raw or kind == "e":  # an error such as #N/A reads as empty, as in pandas
            return ""
        if kind == "s":
            if not _DIGITS.match(raw.strip()) or int(raw) >= len(self.strings):
                raise InputFileError(
                    f"{self.where(self.column)}: refers to shared string {raw[:20]!r}, which "
                    "the workbook does not have"
                )
            return self.strings[int(raw)]
        if kind == "b":
            return str(raw.strip() not in ("0", "false", ""))
        if kind == "d":
            return _iso_date_text(raw)
        return _number_text(raw.strip(), self.style, self.styles)


def _ignore(_attributes: dict[str, str]) -> None:
    pass


def _ignore_end() -> None:
    pass


def _rows_of(ref: str) -> tuple[int, int] | None:
    """The first and last row of a range such as "A1:C250"; None when it gives none."""
    first, _, last = ref.partition(":")
    found = [_CELL_REF.match(part.strip()) for part in (first, last or first)]
    numbers = [int(m.group(2)) for m in found if m and m.group(2)]
    return (numbers[0], numbers[1]) if len(numbers) == 2 else None


@dataclass
class Sheet:
    """A sheet opened for reading: its header (the first row with a value) and its rows.

    `declared_rows` is the number of data rows the sheet's `dimension` gives, when it has
    one (for a progress bar). `rows` can be iterated once.
    """

    path: Path
    title: str
    header: list[str]
    header_line: int
    declared_rows: int | None
    _parser: _SheetParser
    _events: Iterator[tuple[int, dict[int, Text], bool]]

    def rows(self, columns: Sequence[int], max_rows: int) -> Iterator[tuple[int, list[str]]]:
        """(line, cells) for each row after the header: the cells of the 0-based header
        `columns`, the line the row's number in the sheet. Blank rows between rows with
        values are kept (they are rows of the table), and so is a row with values only in
        other columns (a supplier without a name, reported as skipped); blank rows after
        the last are not: a spreadsheet program keeps formatted empty rows.
        More than `max_rows` rows is an error."""
        wanted = [c + 1 for c in columns]
        self._parser.keep = set(wanted)
        previous, last = self.header_line, self.header_line + max_rows
        for line, cells, other in self._events:
            if not (other or any(cells.values())):  # cells: kept ones, or all (parsed early)
                continue  # kept only if a row with values follows
            values = [cells.get(c, "") for c in wanted]
            if line > last:
                raise InputFileError(
                    f"{self.path}, sheet {self.title!r}: more than {max_rows:,} rows (row "
                    f"{line:,} has values); split the file, or raise the limit (--max-rows)"
                )
            if _TOO_LONG in values:
                self._too_long(wanted[values.index(_TOO_LONG)], line)
            for empty in range(previous + 1, line):  # blank rows, written or not
                yield empty, [""] * len(wanted)
            previous = line
            yield line, values  # type: ignore[misc]  # no _TOO_LONG left

    def _too_long(self, column: int, line: int) -> NoReturn:
        raise InputFileError(
            f"{self._parser.where(column, line)} ({self.header[column - 1]!r}): more than "
            f"{MAX_CELL_CHARS:,} characters, more than a spreadsheet cell can hold; check "
            "that cell, or that this is the file meant"
        )


def _rows(
    parser: _SheetParser, feed: Iterator[None]
) -> Iterator[tuple[int, dict[int, Text], bool]]:
    for _ in feed:
        done, parser.done = parser.done, []
        yield from done


def _sheets(parts: _Parts, workbook: str) -> tuple[list[tuple[str, str]], bool]:
    """The (title, relationship id) of each sheet, in order, and whether dates count from
    1904 (workbookPr date1904, the old Mac default)."""
    sheets: list[tuple[str, str]] = []
    mac_epoch = [False]

    def entry(stack: list[str], attributes: dict[str, str]) -> None:
        if stack[-1] == "sheet":
            sheets.append((attributes.get("name", ""), attributes.get("id", "")))
        elif stack[-1] == "workbookPr":
            mac_epoch[0] = attributes.get("date1904", "").lower() in ("1", "true")

    _scan(parts.archive, workbook, parts.path, entry)
    return sheets, mac_epoch[0]


def _sheet_part(
    parts: _Parts,
    sheets: list[tuple[str, str]],
    relations: dict[str, tuple[str, str]],
    sheet: str | None,
) -> tuple[str, str]:
    """The title and part name of the sheet asked for (the first one when None)."""
    if not sheets:
        raise _unreadable(parts.path, "it has no sheets")
    if sheet is not None and sheet not in [title for title, _ in sheets]:
        names = ", ".join(shown(title) for title, _ in sheets)
        raise InputFileError(f"{parts.path}: no sheet {sheet!r}; sheets are: {names}")
    title, rel_id = next(s for s in sheets if sheet is None or s[0] == sheet)
    kind, target = relations.get(rel_id, ("", ""))
    name = parts.find(target) if target else None
    if not kind.endswith("/worksheet") or name is None:
        what = "a chart sheet" if kind.endswith("/chartsheet") else "not a worksheet it holds"
        raise InputFileError(f"{parts.path}: sheet {title!r} is {what}; pass --sheet")
    return title, name


def open_sheet(source: IO[bytes], path: Path, sheet: str | None, max_rows: int) -> Sheet:
    """Open the first sheet of the workbook in `source` (a binary stream that can seek; the
    caller closes it) or `sheet`, and read its header.

    Refuses a workbook whose parts unpack past the bounds, a sheet that declares more than
    `max_rows` data rows, and a header cell over MAX_CELL_CHARS, before reading any row.
    """
    archive = _check_archive(source, path)
    parts = _Parts(archive, path)
    office = _of_type(parts.relations(""), "officeDocument") or "xl/workbook.xml"
    workbook = parts.find(office)
    if workbook is None:
        raise _unreadable(path, "no workbook part in the archive")
    (sheets, mac_epoch), relations = _sheets(parts, workbook), parts.relations(workbook)
    title, part = _sheet_part(parts, sheets, relations, sheet)
    styles = _Styles(*_date_styles(parts, _of_type(relations, "styles")), mac_epoch=mac_epoch)
    parser = _SheetParser(path, title, _shared_strings(parts, _of_type(relations, "sharedStrings")),
                          styles)  # fmt: skip
    expat_parser = _parser(path, part)
    expat_parser.StartElementHandler = parser.start
    expat_parser.EndElementHandler = parser.end
    expat_parser.CharacterDataHandler = parser.data
    events = _rows(parser, _checked_dimension(parser, _feed(archive, part, expat_parser, path),
                                              max_rows))  # fmt: skip
    for line, cells, _ in events:
        if any(value != "" for value in cells.values()):
            header = _header(parser, line, cells)
            last = parser.dimension[1] if parser.dimension else 0
            declared = last - line if last > line else None
            return Sheet(path, title, header, line, declared, parser, events)
    raise InputFileError(f"input file {path} is empty")


def _checked_dimension(parser: _SheetParser, feed: Iterator[None],
                       max_rows: int) -> Iterator[None]:  # fmt: skip
    """The feed of a sheet, stopped as soon as its declared dimension is too large."""
    checked = False
    for step in feed:
        if not checked and parser.dimension is not None:
            checked = True
            first, last = parser.dimension
            if last > MAX_SHEET_ROWS or last - first > max_rows:
                raise InputFileError(
                    f"{parser.path}, sheet {parser.title!r}: it declares rows {first:,} to "
                    f"{last:,}, more than {max_rows:,} data rows; split the file, or raise the "
                    "limit (--max-rows)"
                )
        checked = checked or bool(parser.done)
        yield step


def _header(parser: _SheetParser, line: int, cells: dict[int, Text]) -> list[str]:
    width = max(c for c, v in cells.items() if v != "")
    header = []
    for column in range(1, width + 1):
        value = cells.get(column, "")
        if isinstance(value, _TooLong):
            raise InputFileError(
                f"{parser.where(column, line)}: a header of more than {MAX_CELL_CHARS:,} "
                "characters, more than a spreadsheet cell can hold"
            )
        header.append(value)
    return header
