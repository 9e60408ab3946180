"""The small interface every list format implements, and helpers they share."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from screening.errors import ListDataError
from screening.headers import repeated_columns
from screening.models import ListEntry

# How much of a file a format may look at to recognise itself.
SNIFF_BYTES = 64 * 1024


class ListFormat(Protocol):
    """A published list format: recognise a file by its content, then read it."""

    #: Short name used in reports and `--list-format` (e.g. "csl-csv").
    key: str

    def sniff(self, head: bytes) -> bool:
        """Return True when the first bytes of a file look like this format."""
        ...

    def load(self, path: Path) -> tuple[ListEntry, ...]:
        """Read every entry of the file; raise ListDataError naming the row on bad data."""
        ...


def head_fields(head: bytes) -> list[str]:
    """The cells of a file's first line, from its first bytes, for a format to recognise its
    header by. Never raises (a damaged line is no header: the next format is tried)."""
    text = head.decode("utf-8-sig", errors="replace").lstrip("\ufeff")
    first = text.splitlines()[0] if text else ""
    try:
        return next(csv.reader([first]), [])
    except csv.Error:  # a quote left open, a stray line break: not a header
        return []


# A date, optionally followed by a time or by a time-zone offset as XML Schema dates carry
# ("2015-04-07-04:00", as the UN list writes its LISTED_ON values).
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*|Z|[+-]\d{2}:\d{2})?$")


def parse_list_date(value: str, *, where: str) -> date | None:
    """Parse a YYYY-MM-DD date (a time or zone after it is ignored); empty means no date.

    `where` names the file, row and field for the error message.
    """
    text = value.strip()
    if not text:
        return None
    found = _ISO_DATE.match(text)
    if found:
        try:
            return date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            pass
    raise ListDataError(f"{where}: {text!r} is not a date in the form YYYY-MM-DD")


def split_multi(value: str) -> tuple[str, ...]:
    """Split a multi-value cell joined with '; ' into its non-empty, stripped parts."""
    return tuple(part.strip() for part in value.split(";") if part.strip())


_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def countries_of(addresses: Iterable[str], *extra: Iterable[str]) -> tuple[str, ...]:
    """ISO-2 country codes of an entry: the code that ends each address, plus `extra` codes."""
    found: list[str] = []
    for address in addresses:
        tail = address.rsplit(",", 1)[-1].strip()
        if _COUNTRY_CODE.match(tail):
            found.append(tail)
    for values in extra:
        found.extend(v.strip() for v in values if _COUNTRY_CODE.match(v.strip()))
    return tuple(dict.fromkeys(found))


def stable_id(*parts: str) -> str:
    """A short id derived from an entry's content, for list layouts that carry none."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def unique_ids(entries: Iterable[ListEntry]) -> tuple[ListEntry, ...]:
    """The entries, an id that repeats given a suffix from its second use on ("-2", "-3"):
    ids derived from content repeat where a list names one party twice (at two addresses,
    on two dates), and every entry needs an id of its own for decisions and `screen diff`."""
    seen: dict[str, int] = {}
    unique = []
    for entry in entries:
        seen[entry.entry_id] = count = seen.get(entry.entry_id, 0) + 1
        unique.append(entry if count == 1 else replace(entry, entry_id=f"{entry.entry_id}-{count}"))
    return tuple(unique)


def records(
    rows: Iterable[tuple[int, Sequence[str]]], header: Sequence[str], path: Path, name_field: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """The non-blank rows of a table as {column: stripped value}, each with where it stands
    ("file, line N"); a row of another width than the header, or with an empty name, is an
    error naming that line. `rows` pairs each row with its line number."""
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path}, line {line}"
        if len(row) != len(header):
            raise ListDataError(f"{where}: {len(row)} fields where the header has {len(header)}")
        cell = {key: value.strip() for key, value in zip(header, row, strict=True)}
        if not cell[name_field]:
            raise ListDataError(f"{where}: the {name_field} field is empty")
        yield where, cell


def check_header(header: Sequence[str], path: Path) -> None:
    """Refuse a header that names a column twice (blank names aside, which no reader uses).

    Read by name, one of the two columns would be dropped without a word (a dict keeps the
    last), and nothing says which of them holds what the publisher meant: a second `name`
    column would replace every listed name (see `screening.headers`).
    """
    repeats = repeated_columns(header)
    if repeats:
        first, again = repeats[0]
        raise ListDataError(
            f"{path}, line 1: the column '{shown(header[again])}' appears twice (columns "
            f"{first + 1} and {again + 1}); remove or rename one of them"
        )


def load_csv(
    path: Path,
    header_of: Callable[[list[str]], list[str]],
    name_field: str,
    entry: Callable[[dict[str, str], str], ListEntry],
    *,
    not_utf8: str = "",
) -> tuple[ListEntry, ...]:
    """Every non-blank row of a UTF-8 CSV list file as an entry, for formats read by header.

    `header_of` turns the first row into the header, refusing (ListDataError) one the format
    cannot read; a repeated column is refused here (`check_header`), and each row goes
    through `records` and then `entry(cells, where)`. What goes wrong is one ListDataError
    naming the file (and the line, where known); `not_utf8` is added to the message about
    text that is not UTF-8 (what the user can do about it)."""
    entries = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            header = header_of(next(reader, []))
            check_header(header, path)
            numbered = ((reader.line_num, row) for row in reader)
            for where, cell in records(numbered, header, path, name_field):
                try:
                    entries.append(entry(cell, where))
                except UNEXPECTED_ERRORS as exc:
                    raise UnexpectedContentError(unexpected_content(where, exc)) from exc
    except csv.Error as exc:
        raise ListDataError(f"{path}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ListDataError(f"{path}: not UTF-8 text ({exc.reason}){not_utf8}") from None
    return tuple(entries)


#: The longest piece of file content quoted in an error message: enough to recognise it.
SHOWN_CHARS = 80


def printable(text: str) -> str:
    """`text` with control and other invisible characters escaped as Python writes them
    (a line break as \\n), so that a message quoting it stays on one line of a terminal."""
    return text if text.isprintable() else repr(text)[1:-1]


def shown(text: str) -> str:
    """Text from a file as an error message may quote it: printable, cut to SHOWN_CHARS."""
    return printable(text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "...")


def one_line(text: str) -> str:
    """A message of several lines (a parser's own, quoted) as one: its lines joined by "; "."""
    return "; ".join(part.strip() for part in text.splitlines() if part.strip())


#: What malformed content can still raise from deep inside a parser or a loader once every
#: shape the loaders know about is checked: JSON nested past Python's recursion limit, a
#: number too long to convert, a value of a type no check foresaw, a CSV error outside the
#: places that catch it.
UNEXPECTED_ERRORS: tuple[type[Exception], ...] = (
    RecursionError,
    ValueError,
    TypeError,
    LookupError,
    csv.Error,
)


class UnexpectedContentError(ListDataError):
    """A list file held content no specific check refused (the last line of defence).

    Still one line naming the file (and the record, where the loader knows it), so the user
    gets exit code 2 and not a traceback; the original exception is kept as the cause. A
    test that meets one has found a shape that deserves a check (and a message) of its own.
    """


def unexpected_content(where: str, exc: Exception) -> str:
    """The one-line description of an unexpected error `exc` raised while reading `where`."""
    if isinstance(exc, RecursionError):
        return f"{where}: the content is nested too deeply to be read"
    detail = next(iter(str(exc).splitlines()), "") or "no detail"
    return (
        f"{where}: unexpected content ({type(exc).__name__}: {shown(detail)}); "
        "check that the file is a complete copy of the published list"
    )


# --- XML --------------------------------------------------------------------------------


def parse_xml(path: Path, *, encoding_note: str = "") -> Element:
    """The root element of an XML list file, parsed with defusedxml: the files come from the
    internet, so no entity expansion and no external entities. Every failure is one
    ListDataError naming the file; `encoding_note` ("the UN list is UTF-8") is added to the
    message about an encoding the parser cannot read."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        raise ListDataError(f"{path}: not well-formed XML ({exc}); download it again") from None
    except DefusedXmlException as exc:
        raise ListDataError(f"{path}: refused unsafe XML ({exc})") from None
    except (LookupError, ValueError) as exc:
        # expat's answers to the encoding the XML declaration names: unknown (LookupError)
        # or multi-byte other than UTF-8/16 (ValueError).
        note = f"; {encoding_note}" if encoding_note else ""
        raise ListDataError(
            f"{path}: the XML declares an encoding this parser cannot read "
            f"({shown(str(exc))}){note}"
        ) from None
    if root is None:
        raise ListDataError(f"{path}: the XML has no root element")
    return root


# --- JSON -------------------------------------------------------------------------------


class RepeatedKeyObject(dict[str, Any]):
    """A JSON object in which a key appeared more than once (`repeated` names the first)."""

    repeated: str = ""


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    marked = RepeatedKeyObject(obj)
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            marked.repeated = key
            break
        seen.add(key)
    return marked


def parse_json(text: str) -> Any:
    """Parse JSON text, marking objects that repeat a key (json keeps the last silently).

    Raises json.JSONDecodeError for malformed text, ValueError for a number too long to
    convert and RecursionError for nesting past the interpreter's limit; see json_error.
    """
    return json.loads(text, object_pairs_hook=_json_object)


def check_object(value: Any, where: str) -> None:
    """Refuse a JSON object that repeated a key: one of its values would be lost unseen."""
    if isinstance(value, RepeatedKeyObject):
        raise ListDataError(
            f"{where}: the key '{shown(value.repeated)}' appears twice in one object; "
            "keep one of them"
        )


#: How deep JSON may nest before an error message points at it: the list formats read
#: here nest 5 levels at most (a CSL search response: object, results array, record,
#: addresses array, address object), so anything past this is certainly not a list.
JSON_DEPTH_SHOWN = 64

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_error(
    text: str, exc: Exception, where: str, *, single_line: bool = False
) -> ListDataError:
    """A one-line error for text that parse_json could not read, saying where it went wrong.

    `single_line` says `text` is one line of a file `where` already names (JSON lines), so
    only the column is given. For nesting too deep, the place is found by a second look at
    the text (only on this failing path): the first bracket deeper than JSON_DEPTH_SHOWN.
    """

    def position(line: int, column: int) -> str:
        return f"column {column}" if single_line else f"line {line}, column {column}"

    if isinstance(exc, json.JSONDecodeError):
        return ListDataError(
            f"{where}: invalid JSON at {position(exc.lineno, exc.colno)}: {exc.msg}; "
            "the file may be truncated"
        )
    if isinstance(exc, RecursionError):
        depth = 0
        for token in _JSON_TOKEN.finditer(text):
            bracket = token[0]
            if bracket in "[{":
                depth += 1
                if depth > JSON_DEPTH_SHOWN:
                    line = text.count("\n", 0, token.start()) + 1
                    column = token.start() - text.rfind("\n", 0, token.start())
                    return ListDataError(
                        f"{where}: JSON nested more than {JSON_DEPTH_SHOWN} levels deep at "
                        f"{position(line, column)}; no list format nests so deep"
                    )
            elif bracket in "]}":
                depth -= 1
        return ListDataError(f"{where}: JSON nested too deeply to be read")
    return ListDataError(f"{where}: invalid JSON ({shown(str(exc))})")


def json_kind(value: Any) -> str:
    """What a JSON value is, in words, for a message saying it is not what was expected."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {shown(repr(value))}"
    if isinstance(value, str):
        return f"the text '{shown(value)}'"
    return "a list" if isinstance(value, list) else "an object"
