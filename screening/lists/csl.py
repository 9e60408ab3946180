"""The trade.gov Consolidated Screening List (CSL), in both published shapes.

CSV: one header row, then one row per listing; multi-value cells are joined with "; ".
The current layout has 29 columns starting with `_id`; an older layout (in use until about
2020) has 28 columns and no `_id`, so entries there get an id derived from their content.

JSON: the same fields, multi-value fields as arrays; addresses and ids may be objects.
The records sit in a top-level array or under "results" (the shape of the search API).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from screening.errors import ListDataError
from screening.lists.base import (
    UNEXPECTED_ERRORS,
    UnexpectedContentError,
    check_header,
    check_object,
    countries_of,
    head_fields,
    json_error,
    json_kind,
    parse_json,
    parse_list_date,
    split_multi,
    stable_id,
    unexpected_content,
)
from screening.lists.ofac import remark_identifiers
from screening.models import ListEntry

CSL_COLUMNS: tuple[str, ...] = (
    "_id", "source", "entity_number", "type", "programs", "name", "title", "addresses",
    "federal_register_notice", "start_date", "end_date", "standard_order",
    "license_requirement", "license_policy", "call_sign", "vessel_type", "gross_tonnage",
    "gross_registered_tonnage", "vessel_flag", "vessel_owner", "remarks", "source_list_url",
    "alt_names", "citizenships", "dates_of_birth", "nationalities", "places_of_birth",
    "source_information_url", "ids",
)  # fmt: skip
#: The pre-2020 layout: the same columns without `_id`.
CSL_COLUMNS_OLD: tuple[str, ...] = CSL_COLUMNS[1:]

# Columns a CSV must have to be read as a CSL file at all.
_REQUIRED = ("source", "name", "alt_names", "start_date", "end_date")


Cell = str | tuple[str, ...]


def _text(record: Mapping[str, Cell], key: str) -> str:
    value = record.get(key, "")
    return ("; ".join(value) if isinstance(value, tuple) else value).strip()


def _multi(record: Mapping[str, Cell], key: str) -> tuple[str, ...]:
    """A multi-value field: kept as given when it came as an array, else split on ';'."""
    value = record.get(key, "")
    if isinstance(value, tuple):
        return tuple(v.strip() for v in value if v.strip())
    return split_multi(value)


def _entry(record: Mapping[str, Cell], *, where: str) -> ListEntry:
    """Build an entry from one record (CSV cells, or JSON fields with arrays as tuples)."""
    name = _text(record, "name")
    if not name:
        raise ListDataError(f"{where}: the name field is empty")
    addresses = _multi(record, "addresses")
    entry_id = _text(record, "_id") or stable_id(
        _text(record, "source"), name, _text(record, "addresses"), _text(record, "start_date")
    )
    return ListEntry(
        entry_id=entry_id,
        source=_text(record, "source"),
        name=name,
        aliases=_multi(record, "alt_names"),
        entity_type=_text(record, "type"),
        addresses=addresses,
        countries=countries_of(
            addresses,
            _multi(record, "nationalities"),
            _multi(record, "citizenships"),
        ),
        programs=_multi(record, "programs"),
        start_date=parse_list_date(_text(record, "start_date"), where=f"{where}, start_date"),
        end_date=parse_list_date(_text(record, "end_date"), where=f"{where}, end_date"),
        federal_register_notice=_text(record, "federal_register_notice"),
        license_requirement=_text(record, "license_requirement"),
        license_policy=_text(record, "license_policy"),
        remarks=_text(record, "remarks"),
        source_url=_text(record, "source_information_url") or _text(record, "source_list_url"),
        # The CSL's `ids`; a row converted from OFAC's files may keep them in its remarks.
        identifiers=_multi(record, "ids") or remark_identifiers(_text(record, "remarks")),
        dates_of_birth=_multi(record, "dates_of_birth"),
        places_of_birth=_multi(record, "places_of_birth"),
        nationalities=tuple(
            dict.fromkeys([*_multi(record, "nationalities"), *_multi(record, "citizenships")])
        ),
        title=_text(record, "title"),
    )


class CslCsv:
    """The CSL as CSV (`consolidated.csv`), current 29-column or older 28-column layout."""

    key = "csl-csv"

    def sniff(self, head: bytes) -> bool:
        header = [c.strip() for c in head_fields(head)]
        return all(column in header for column in _REQUIRED)

    def load(self, path: Path) -> tuple[ListEntry, ...]:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            try:
                return self._read(reader, path)
            except csv.Error as exc:
                raise ListDataError(f"{path}, line {reader.line_num}: {exc}") from None
            except UnicodeDecodeError as exc:
                raise ListDataError(f"{path}: not UTF-8 text ({exc.reason})") from None

    @staticmethod
    def _read(reader: Iterator[list[str]], path: Path) -> tuple[ListEntry, ...]:
        header = [c.strip() for c in next(reader, [])]
        missing = [c for c in _REQUIRED if c not in header]
        if missing:
            raise ListDataError(
                f"{path}: not a Consolidated Screening List CSV, missing column(s) "
                f"{', '.join(missing)}"
            )
        check_header(header, path)
        entries = []
        for line_no, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            where = f"{path}, line {line_no}"
            if len(row) != len(header):
                raise ListDataError(
                    f"{where}: {len(row)} fields where the header has {len(header)}; "
                    "the file may be truncated or not a CSL CSV"
                )
            try:
                entries.append(_entry(dict(zip(header, row, strict=True)), where=where))
            except UNEXPECTED_ERRORS as exc:
                raise UnexpectedContentError(unexpected_content(where, exc)) from exc
        return tuple(entries)


#: Fields that hold one value in every CSL record; a list or an object there is refused
#: (joined, a list of names would become one long name).
_SINGLE_FIELDS = ("_id", "id", "source", "name", "type", "start_date", "end_date")
#: The parts of an address object and of an identity-document object, in the order the CSV
#: writes them.
_ADDRESS_PARTS = ("address", "city", "state", "postal_code", "country")
_DOCUMENT_PARTS = ("type", "number", "country")


def _scalar(value: Any) -> str | None:
    """A JSON string, number or null as text; None for a list or an object."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return None


def _object_text(value: Mapping[str, Any], where: str) -> str:
    """An address or identity-document object as the CSV writes it: its parts comma-joined."""
    check_object(value, where)
    parts: dict[str, str] = {}
    for key, part in value.items():
        text = _scalar(part)
        if text is None:
            raise ListDataError(
                f"{where}, {key!r}: {json_kind(part)} inside an object, where the CSL has text"
            )
        parts[key] = text.strip()
    if any(k in parts for k in _ADDRESS_PARTS):
        keys: tuple[str, ...] = _ADDRESS_PARTS
    elif "number" in parts or "type" in parts:
        keys = _DOCUMENT_PARTS
    else:
        keys = tuple(parts)
    return ", ".join(parts[k] for k in keys if parts.get(k))


def _json_cell(value: Any, where: str) -> Cell:
    """One field of a JSON record as a cell: text, or a tuple of texts for an array.

    The CSL nests two levels at most (an array of address or id objects); anything deeper
    is refused here, naming the record and field, rather than flattened into nonsense.
    """
    if (text := _scalar(value)) is not None:
        return text
    if isinstance(value, Mapping):
        return _object_text(value, where)
    items = []
    for item in value:
        text = _scalar(item)
        if text is None:
            if not isinstance(item, Mapping):
                raise ListDataError(f"{where}: a list inside a list, where the CSL has text")
            text = _object_text(item, where)
        items.append(text)
    return tuple(items)


def _json_record(record: Any, where: str) -> dict[str, Cell]:
    """A JSON record as the cells `_entry` reads, every field's shape checked."""
    if not isinstance(record, Mapping):
        raise ListDataError(f"{where}: expected an object, found {json_kind(record)}")
    check_object(record, where)
    flat = {key: _json_cell(value, f"{where}, field {key!r}") for key, value in record.items()}
    for key in _SINGLE_FIELDS:
        if isinstance(flat.get(key), tuple) or isinstance(record.get(key), Mapping):
            raise ListDataError(
                f"{where}, field {key!r}: {json_kind(record[key])} where the CSL has one value"
            )
    flat.setdefault("_id", flat.get("id", ""))
    return flat


class CslJson:
    """The CSL as JSON (`consolidated.json`, or a saved search API response)."""

    key = "csl-json"

    def sniff(self, head: bytes) -> bool:
        text = head.decode("utf-8-sig", errors="replace").lstrip()
        return text[:1] in ("[", "{") and '"source"' in text and '"name"' in text

    def load(self, path: Path) -> tuple[ListEntry, ...]:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ListDataError(f"{path}: not UTF-8 text ({exc.reason})") from None
        try:
            data = parse_json(text)
        except (ValueError, RecursionError) as exc:
            raise json_error(text, exc, str(path)) from None
        if isinstance(data, Mapping):
            check_object(data, str(path))
            records = data.get("results")
        else:
            records = data
        if not isinstance(records, list):
            raise ListDataError(f"{path}: expected a JSON array of records or a 'results' array")
        entries = []
        for number, record in enumerate(records, start=1):
            where = f"{path}, record {number}"
            try:
                entries.append(_entry(_json_record(record, where), where=where))
            except UNEXPECTED_ERRORS as exc:
                raise UnexpectedContentError(unexpected_content(where, exc)) from exc
        return tuple(entries)
