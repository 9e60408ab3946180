"""Read an ownership file: who owns how much of whom, row by row, checked before use.

Columns (header names compared case-insensitively, spaces and hyphens as underscores):
`owned`, `owner`, `percent` (required); `owned_id`, `owner_id`, `owned_country`,
`owner_country` and `as_of` (optional). A percent may be written "30", "30.5" or "30 %";
an empty cell, "unknown" or "?" keeps the stake with its size unknown, which the report
shows as "percentage unknown" (BIS treats an owner of unknown share as a red flag).
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from screening.dates import iso_date
from screening.errors import InputFileError
from screening.files import file_sha256
from screening.headers import find_column, header_key, repeated_columns
from screening.inputs import read_table
from screening.lists.base import (
    UNEXPECTED_ERRORS,
    one_line,
    printable,
    shown,
    unexpected_content,
)
from screening.normalize import normalize_name

#: Header names accepted for each column, first match wins.
OWNED_HEADERS = ("owned", "owned_name", "subsidiary", "entity")
OWNER_HEADERS = ("owner", "owner_name", "shareholder", "parent")
PERCENT_HEADERS = ("percent", "percentage", "share", "pct", "ownership_percent")
OPTIONAL_HEADERS = ("owned_id", "owner_id", "owned_country", "owner_country", "as_of")
_READ_KEYS = frozenset((*OWNED_HEADERS, *OWNER_HEADERS, *PERCENT_HEADERS, *OPTIONAL_HEADERS))

#: Percent cells that mean "a stake of unknown size" (kept, reported, never guessed).
UNKNOWN_PERCENT = frozenset({"", "unknown", "?", "n/a", "unk"})

#: Parties recur across rows (an owner of many companies); normalising each distinct name
#: once keeps a file of 100,000 stakes to seconds. Bounded so a long-lived process stays small.
NAME_CACHE_SIZE = 1 << 17

normalise_party = lru_cache(maxsize=NAME_CACHE_SIZE)(normalize_name)

#: Suffixes read as spreadsheets: not supported without openpyxl, which is not a dependency.
_SPREADSHEET = (".xlsx", ".xlsm", ".xls")


@dataclass(frozen=True, slots=True)
class OwnershipRow:
    """One stake as written: `owner` holds `percent` (None: unknown) of `owned`."""

    line: int
    owned: str
    owner: str
    percent: float | None
    owned_id: str = ""
    owner_id: str = ""
    owned_country: str = ""
    owner_country: str = ""
    as_of: date | None = None


@dataclass(frozen=True, slots=True)
class OwnershipData:
    """An ownership file as read: its rows and what identifies that version of it."""

    path: Path
    sha256: str
    rows: tuple[OwnershipRow, ...]


class UnexpectedOwnershipError(InputFileError):
    """An ownership file held content no specific check refused (the last line of defence,
    as UnexpectedContentError is for list files): one line and exit code 2, the original
    exception kept as the cause."""


def _unreadable() -> tuple[type[Exception], ...]:
    """What a damaged file's parser raises beyond the table reader's checks: OSError, and
    pyarrow's base exception when pyarrow is loaded (it is imported only for Parquet)."""
    arrow = sys.modules.get("pyarrow.lib")
    base = getattr(arrow, "ArrowException", None)
    if isinstance(base, type) and issubclass(base, Exception):
        return (OSError, base)
    return (OSError,)


def _check_columns(headers: list[str], path: Path) -> None:
    """Refuse two columns the reader would take for one (`Owner` and `owner`, `as of` and
    `as_of`): only the first would be read, and nothing says it is the one meant."""
    # A column the reader ignores may repeat without harm.
    repeats = repeated_columns(headers, key=header_key, only=_READ_KEYS)
    if repeats:
        one, other = (headers[position] for position in repeats[0])
        if one == other:
            what = f"the column '{shown(one)}' appears twice"
        else:
            what = (
                f"the columns '{shown(one)}' and '{shown(other)}' are one column "
                f"to this reader (both read as {header_key(one)})"
            )
        raise InputFileError(f"{path}, line 1: {what}; remove or rename one of them")


def parse_percent(value: str, where: str) -> float | None:
    """A percent 0-100 from a cell, or None when the cell says the size is unknown."""
    text = value.strip()
    if text.lower() in UNKNOWN_PERCENT:
        return None
    try:
        percent = float(text.removesuffix("%").strip())
    except ValueError:
        raise InputFileError(
            f"{where}: {value!r} is not a percentage (0-100, or empty/unknown/? if not known)"
        ) from None
    if not math.isfinite(percent) or not 0.0 <= percent <= 100.0:
        raise InputFileError(f"{where}: percentage {value!r} is outside 0-100")
    return percent


def _as_of(value: str, where: str) -> date | None:
    return iso_date(value, where)


def read_ownership(path: Path, encoding: str | None = None) -> OwnershipData:
    """Read and check an ownership file; any bad row is an error naming its line and column.

    Line numbers count the header as line 1 and assume one line per row (no line breaks
    inside quoted cells). A party owning itself is an error; owners of one party summing
    over 100% and cycles are reported by the look-through, since they depend on `as_of`.
    """
    if path.suffix.lower() in _SPREADSHEET:
        raise InputFileError(f"{path}: spreadsheets are not read yet; save it as CSV")
    if not path.is_file():
        raise InputFileError(f"ownership file {path} does not exist or is not a file")
    try:
        frame = read_table(path, encoding)
        headers = [str(h) for h in frame.columns]
        _check_columns(headers, path)
        values = frame.to_numpy(dtype=object).tolist()
    except InputFileError as exc:
        # The table reader may quote a parser's message of several lines (pyarrow's).
        if len(str(exc).splitlines()) > 1:
            raise InputFileError(one_line(str(exc))) from exc
        raise
    except _unreadable() as exc:
        # pyarrow reports a damaged Parquet page as an OSError, bad text in it as its own
        # ArrowException; the table reader lets both through.
        detail = printable(one_line(getattr(exc, "strerror", None) or str(exc)))
        raise InputFileError(f"ownership file {path} cannot be read: {detail}") from exc
    except UNEXPECTED_ERRORS as exc:
        # The last line of defence: whatever slips past the reader's checks is one line.
        raise UnexpectedOwnershipError(unexpected_content(f"ownership file {path}", exc)) from exc
    rows = _rows(path, headers, values)
    if not rows:
        raise InputFileError(f"ownership file {path} has no stakes")
    return OwnershipData(path=path, sha256=file_sha256(path), rows=tuple(rows))


def _rows(path: Path, headers: list[str], table: list[list[object]]) -> list[OwnershipRow]:
    """The stakes of a table whose header is `headers`, each row checked (see read_ownership)."""
    owned_col = find_column(headers, OWNED_HEADERS)
    owner_col = find_column(headers, OWNER_HEADERS)
    percent_col = find_column(headers, PERCENT_HEADERS)
    if owned_col is None or owner_col is None or percent_col is None:
        raise InputFileError(
            f"{path}: an ownership file needs columns owned, owner and percent; "
            f"columns are: {', '.join(map(shown, headers))}"
        )
    optional = {name: find_column(headers, (name,)) for name in OPTIONAL_HEADERS}
    rows = []
    position = {header: i for i, header in enumerate(headers)}
    for index, values in enumerate(table):
        line = index + 2

        def cell(column: str | None, values: list[object] = values) -> str:
            return str(values[position[column]]).strip() if column else ""

        try:
            owned, owner = cell(owned_col), cell(owner_col)
            if not owned and not owner:
                continue  # a blank line
            for column, value in ((owned_col, owned), (owner_col, owner)):
                if not value:
                    raise InputFileError(f"{path}, line {line}, column {column}: empty party name")
            row = OwnershipRow(
                line=line,
                owned=owned,
                owner=owner,
                percent=parse_percent(
                    cell(percent_col), f"{path}, line {line}, column {percent_col}"
                ),
                owned_id=cell(optional["owned_id"]),
                owner_id=cell(optional["owner_id"]),
                owned_country=cell(optional["owned_country"]),
                owner_country=cell(optional["owner_country"]),
                as_of=_as_of(
                    cell(optional["as_of"]), f"{path}, line {line}, column {optional['as_of']}"
                ),
            )
            if _same_party(row):
                raise InputFileError(f"{path}, line {line}: {owner!r} is given as owning itself")
        except UNEXPECTED_ERRORS as exc:
            where = f"{path}, line {line}"
            raise UnexpectedOwnershipError(unexpected_content(where, exc)) from exc
        rows.append(row)
    return rows


def _same_party(row: OwnershipRow) -> bool:
    if row.owned_id and row.owner_id:
        return row.owned_id == row.owner_id
    owned = normalise_party(row.owned)
    return bool(owned) and owned == normalise_party(row.owner)
