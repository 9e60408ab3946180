"""The BIS Denied Persons List as BIS publishes it (`dpl.txt`).

Tab-separated, every field in double quotes, one header row: Name, Street_Address, City,
State, Country, Postal_Code, Effective_Date, Expiration_Date, Standard_Order, Last_Update,
Action, FR_Citation. Effective and expiration dates are MM/DD/YYYY, Last_Update is
YYYY-MM-DD; both forms are accepted in every date field. A person denied at several
addresses has one row per address, so each row is one entry, as in the CSL.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

from screening.errors import ListDataError
from screening.lists.base import (
    UNEXPECTED_ERRORS,
    UnexpectedContentError,
    check_header,
    records,
    stable_id,
    unexpected_content,
    unique_ids,
)
from screening.lists.countries import country_code
from screening.models import ListEntry

DPL_SOURCE = "Denied Persons List (DPL) - Bureau of Industry and Security"
DPL_URL = (
    "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/"
    "denied-persons-list"
)
#: The header BIS publishes (checked against ../shared/data/bis/dpl.txt).
DPL_COLUMNS: tuple[str, ...] = (
    "Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date",
    "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation",
)  # fmt: skip
_DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d")


def parse_dpl_date(value: str, *, where: str) -> date | None:
    """A DPL date in either of the forms BIS uses (MM/DD/YYYY or YYYY-MM-DD); "" is none."""
    text = value.strip()
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ListDataError(f"{where}: {text!r} is not a date in the form MM/DD/YYYY or YYYY-MM-DD")


class BisDpl:
    """The Denied Persons List, tab-separated with quoted fields."""

    key = "bis-dpl"

    def sniff(self, head: bytes) -> bool:
        first = head.decode("utf-8-sig", errors="replace").split("\n", 1)[0]
        fields = [f.strip().strip('"') for f in first.split("\t")]
        return fields[:2] == ["Name", "Street_Address"] and "FR_Citation" in fields

    def load(self, path: Path) -> tuple[ListEntry, ...]:
        rows = _rows(path)
        if not rows:
            raise ListDataError(f"{path}: the file is empty")
        header = [c.strip() for c in rows[0]]
        missing = [c for c in DPL_COLUMNS if c not in header]
        if missing:
            raise ListDataError(f"{path}: not a Denied Persons List, missing {', '.join(missing)}")
        check_header(header, path)
        entries: list[ListEntry] = []
        for where, cell in records(enumerate(rows[1:], start=2), header, path, "Name"):
            try:
                entries.append(_entry(cell, where))
            except UNEXPECTED_ERRORS as exc:
                raise UnexpectedContentError(unexpected_content(where, exc)) from exc
        # Rows alike in name, address and date keep an id each: a suffix from the second.
        return unique_ids(entries)


def _rows(path: Path) -> list[list[str]]:
    """The file's rows: UTF-8 as BIS publishes it now, else Windows-1252 as it used to."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ListDataError(
                f"{path}: neither UTF-8 nor Windows-1252 text (byte {exc.start} is "
                f"{raw[exc.start : exc.start + 1]!r}); save it as UTF-8"
            ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True)
    try:
        return list(reader)
    except csv.Error as exc:
        raise ListDataError(f"{path}, line {reader.line_num}: {exc}") from None


def _entry(cell: dict[str, str], where: str) -> ListEntry:
    """One DPL row as an entry, with the id its content gives it (see below)."""
    code = country_code(cell["Country"])
    region = " ".join(p for p in (cell["State"], cell["Postal_Code"]) if p)
    address = ", ".join(
        p for p in (cell["Street_Address"], cell["City"], region, code or cell["Country"]) if p
    )
    # The DPL has no ids: derive one from the row's content, so that it stays the same
    # from one snapshot to the next (row numbers would shift) and `screen diff` works.
    notes = (
        ("Standard order", cell["Standard_Order"]),
        ("Last update", cell["Last_Update"]),
        ("Action", cell["Action"]),
    )
    return ListEntry(
        entry_id="dpl-" + stable_id(cell["Name"], address, cell["Effective_Date"]),
        source=DPL_SOURCE,
        name=cell["Name"],
        addresses=(address,) if address else (),
        countries=(code,) if code else (),
        start_date=parse_dpl_date(cell["Effective_Date"], where=f"{where}, Effective_Date"),
        end_date=parse_dpl_date(cell["Expiration_Date"], where=f"{where}, Expiration_Date"),
        federal_register_notice=cell["FR_Citation"],
        remarks="; ".join(f"{k}: {v}" for k, v in notes if v),
        source_url=DPL_URL,
    )
