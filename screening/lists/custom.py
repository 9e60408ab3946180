"""A company's own list, in a simple documented CSV layout (see README, "Custom lists").

For an internal blocked-party list, or lists the tool has no loader for (China's MOFCOM
Unreliable Entity List and Export Control Control List, Japan's METI End User List...).
Header (UTF-8, any order; only `name` is required):

    name, aliases, country, type, start_date, end_date, source, id, notes, addresses,
    identifiers

`aliases`, `country`, `addresses` and `identifiers` hold several values separated by ";"
(an identifier as "type number", e.g. "LEI 5493001KJTIIGC8Y1R12"); dates are YYYY-MM-DD; an
empty `source` becomes "Custom list (<file name>)"; an empty `id` is derived from the row.
An unknown column is an error, so that a misspelt "start date" is not silently ignored.
"""

from __future__ import annotations

from pathlib import Path

from screening.errors import ListDataError
from screening.lists.base import (
    head_fields,
    load_csv,
    parse_list_date,
    shown,
    split_multi,
    stable_id,
)
from screening.lists.countries import country_codes
from screening.models import ListEntry

CUSTOM_COLUMNS: tuple[str, ...] = (
    "name", "aliases", "country", "type", "start_date", "end_date", "source", "id", "notes",
    "addresses", "identifiers",
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

        def header_of(first: list[str]) -> list[str]:
            header = [c.strip().lower() for c in first]
            unknown = [c for c in header if c not in CUSTOM_COLUMNS]
            if "name" not in header or unknown:
                raise ListDataError(
                    f"{path}: a custom list needs a 'name' column and only these columns: "
                    f"{', '.join(CUSTOM_COLUMNS)}"
                    + (f" (unknown: {', '.join(map(shown, unknown))})" if unknown else "")
                )
            return header

        return load_csv(
            path,
            header_of,
            "name",
            lambda cell, where: _entry(cell, where, default_source),
            not_utf8="; save it as UTF-8",
        )


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
        addresses=split_multi(cell.get("addresses", "")),
        identifiers=split_multi(cell.get("identifiers", "")),
    )
