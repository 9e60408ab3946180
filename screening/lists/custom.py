"""A company's own list, in a simple documented CSV layout (see README, "Custom lists").

For an internal blocked-party list, or lists the tool has no loader for (China's MOFCOM
Unreliable Entity List and Export Control Control List, Japan's METI End User List...).
Header (UTF-8, any order; only `name` is required):

    name, aliases, country, type, start_date, end_date, source, id, notes

`aliases` and `country` hold several values separated by ";"; dates are YYYY-MM-DD; an
empty `source` becomes "Custom list (<file name>)"; an empty `id` is derived from the row.
An unknown column is an error, so that a misspelt "start date" is not silently ignored.
"""

from __future__ import annotations

import csv
from pathlib import Path

from screening.errors import ListDataError
from screening.lists.base import (
    UNEXPECTED_ERRORS,
    UnexpectedContentError,
    check_header,
    head_fields,
    parse_list_date,
    records,
    shown,
    split_multi,
    stable_id,
    unexpected_content,
)
from screening.lists.countries import country_codes
from screening.models import ListEntry

CUSTOM_COLUMNS: tuple[str, ...] = (
    "name", "aliases", "country", "type", "start_date", "end_date", "source", "id", "notes",
)  # fmt: skip


class CustomCsv:
    """The documented custom-list CSV: name, aliases, country, type, dates, source, id, notes."""

    key = "custom-csv"

    def sniff(self, head: bytes) -> bool:
        header = {c.strip().lower() for c in head_fields(head)}
        # Loose on purpose (FORMATS tries it last): load() then names any unknown column.
        return "name" in header and "aliases" in header

    def load(self, path: Path) -> tuple[ListEntry, ...]:
        default_source = f"Custom list ({path.name})"
        entries = []
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle, strict=True)
                header = [c.strip().lower() for c in next(reader, [])]
                unknown = [c for c in header if c not in CUSTOM_COLUMNS]
                if "name" not in header or unknown:
                    raise ListDataError(
                        f"{path}: a custom list needs a 'name' column and only these columns: "
                        f"{', '.join(CUSTOM_COLUMNS)}"
                        + (f" (unknown: {', '.join(map(shown, unknown))})" if unknown else "")
                    )
                check_header(header, path)
                numbered = ((reader.line_num, row) for row in reader)
                for where, cell in records(numbered, header, path, "name"):
                    try:
                        entries.append(_entry(cell, where, default_source))
                    except UNEXPECTED_ERRORS as exc:
                        raise UnexpectedContentError(unexpected_content(where, exc)) from exc
        except csv.Error as exc:
            raise ListDataError(f"{path}: {exc}") from None
        except UnicodeDecodeError as exc:
            raise ListDataError(
                f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8"
            ) from None
        return tuple(entries)


def _entry(cell: dict[str, str], where: str, default_source: str) -> ListEntry:
    """One row (a dict of stripped cells) as an entry; `where` names it in errors."""
    source = cell.get("source") or default_source
    return ListEntry(
        entry_id=cell.get("id") or stable_id(source, cell["name"]),
        source=source,
        name=cell["name"],
        aliases=split_multi(cell.get("aliases", "")),
        entity_type=cell.get("type", ""),
        countries=country_codes(*split_multi(cell.get("country", ""))),
        start_date=parse_list_date(cell.get("start_date", ""), where=f"{where}, start_date"),
        end_date=parse_list_date(cell.get("end_date", ""), where=f"{where}, end_date"),
        remarks=cell.get("notes", ""),
    )
