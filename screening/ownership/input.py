"""Read an ownership file: who owns how much of whom, row by row, checked before use.

Columns (header names compared case-insensitively, spaces and hyphens as underscores):
`owned`, `owner`, `percent` (required); `owned_id`, `owner_id`, `owned_country`,
`owner_country` and `as_of` (optional). A percent may be written "30", "30.5", "30 %" or
"30％"; an empty cell, "unknown", "?" or 未知 keeps the stake with its size unknown, which
the report shows as "percentage unknown" (BIS treats an owner of unknown share as a red
flag).

Chinese headers are read too, as Chinese company data writes them: the shareholder tables
of the National Enterprise Credit Information Publicity System (国家企业信用信息公示系统:
股东名称, 股东类型, 证照号码) and of the data vendors built on it (股东名称, 持股比例,
认缴出资额; outward investments as 被投资企业名称 and 投资比例), listed companies' F10
tables (所持对象, 占公司股权(%)) and annual reports' notes on subsidiaries and parents
(子公司名称, 母公司名称, 持股比例(%)); and the plain words 所有者 / 被持有方.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import chain
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
OWNED_HEADERS = (
    "owned", "owned_name", "subsidiary", "entity",
    "被持有方", "被持股方", "被投资企业名称", "被投资企业", "被投资公司", "被投资单位",
    "子公司名称", "子公司", "所持对象", "企业名称", "公司名称",
)  # fmt: skip
OWNER_HEADERS = (
    "owner", "owner_name", "shareholder", "parent",
    "所有者", "持有方", "持股方", "股东名称", "股东", "投资人", "投资方", "出资人",
    "母公司名称", "母公司",
)  # fmt: skip
PERCENT_HEADERS = (
    "percent", "percentage", "share", "pct", "ownership_percent",
    "持股比例", "持股比例(%)", "持股比例（%）", "持股比例%", "股权比例", "出资比例",
    "投资比例", "投资比例(%)", "占公司股权(%)", "占比", "比例",
)  # fmt: skip
#: The optional columns, each with the headers accepted for it.
OPTIONAL_HEADERS: dict[str, tuple[str, ...]] = {
    "owned_id": ("owned_id", "被投资企业统一社会信用代码", "企业统一社会信用代码"),
    "owner_id": ("owner_id", "股东证照号码", "股东统一社会信用代码", "证照号码"),
    "owned_country": ("owned_country", "被投资企业国家/地区", "企业国别", "企业所在国"),
    "owner_country": ("owner_country", "股东国别", "股东国籍", "股东国家/地区"),
    "as_of": ("as_of", "截止日期", "统计日期", "日期"),
}
_READ_KEYS = frozenset(
    header_key(h)
    for h in (*OWNED_HEADERS, *OWNER_HEADERS, *PERCENT_HEADERS, *chain(*OPTIONAL_HEADERS.values()))
)

#: Percent cells that mean "a stake of unknown size" (kept, reported, never guessed).
UNKNOWN_PERCENT = frozenset({"", "unknown", "?", "n/a", "unk", "未知", "不详", "？"})
#: Percent signs a cell may end with: ASCII and the full-width one of Chinese text.
_PERCENT_SIGNS = ("%", "％")

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
        number = text
        for sign in _PERCENT_SIGNS:
            number = number.removesuffix(sign)
        percent = float(number.strip())
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
            f"{path}: an ownership file needs columns owned, owner and percent (or 被持有方, "
            f"所有者 and 持股比例); "
            f"columns are: {', '.join(map(shown, headers))}"
        )
    optional = {name: find_column(headers, wanted) for name, wanted in OPTIONAL_HEADERS.items()}
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
