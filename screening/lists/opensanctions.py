"""OpenSanctions exports: FollowTheMoney entities as JSON lines, and `targets.simple.csv`.

FtM (`entities.ftm.json`, also `.ijson`/`.jsonl`): one JSON object per line, `{id, schema,
properties: {name: [...], ...}, datasets, first_seen, ...}`; every property value is a list.
Parties (Person, Company, Organization, LegalEntity, PublicBody, Vessel, Airplane) become
entries; Address, Sanction and Identification entities are folded into the party they refer
to; the rest (Payment, Ownership...) is context and is not screened against.
See https://followthemoney.tech/explorer/ and https://www.opensanctions.org/docs/bulk/.

`targets.simple.csv`: one row per target, header id, schema, name, aliases, birth_date,
countries, addresses, identifiers, sanctions, phones, emails, dataset, first_seen,
last_seen, last_change; multi-value cells joined with ";".
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from screening.errors import ListDataError
from screening.lists.base import (
    UNEXPECTED_ERRORS,
    UnexpectedContentError,
    check_object,
    head_fields,
    json_error,
    json_kind,
    load_csv,
    parse_json,
    shown,
    unexpected_content,
)
from screening.lists.countries import country_codes
from screening.models import ListEntry

OPENSANCTIONS_URL = "https://www.opensanctions.org/"
#: FtM schemata that name a party a supplier could be (followthemoney's "Thing" subtypes).
PARTY_SCHEMATA = frozenset(
    {"Person", "Company", "Organization", "LegalEntity", "PublicBody", "Vessel", "Airplane"}
)
_ALIAS_PROPS = ("alias", "weakAlias", "previousName", "abbreviation")
_ID_PROPS = (
    "idNumber", "registrationNumber", "taxNumber", "innCode", "ogrnCode", "leiCode",
    "imoNumber", "passportNumber", "swiftBic", "vatCode", "okpoCode", "uscCode", "mmsi",
)  # fmt: skip
_COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry", "flag")
SIMPLE_COLUMNS: tuple[str, ...] = (
    "id", "schema", "name", "aliases", "birth_date", "countries", "addresses", "identifiers",
    "sanctions", "phones", "emails", "dataset", "first_seen", "last_seen", "last_change",
)  # fmt: skip


#: An entity's `last_seen` stamp in a line of FtM JSON, found without parsing the line.
_LAST_SEEN_JSON = re.compile(rb'"last_seen"\s*:\s*"(\d{4}-\d{2}-\d{2})')


def _iso(value: str) -> date | None:
    """An FtM date (YYYY, YYYY-MM or YYYY-MM-DD, maybe with a time): full dates only."""
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def _split(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split(";") if p.strip())


#: The properties the loader reads (of parties, and of the Address, Sanction and
#: Identification entities folded into them); only these are checked and kept, so a
#: large export costs no memory for the rest.
_READ_PROPS = frozenset(
    {
        "name", "address", "addressEntity", "notes", "summary", "position", "sourceUrl",
        "birthDate", "birthPlace", "full", "street", "city", "postalCode", "region",
        "entity", "startDate", "listingDate", "endDate", "program", "programId",
        "holder", "number", *_ALIAS_PROPS, *_ID_PROPS, *_COUNTRY_PROPS,
    }
)  # fmt: skip

Props = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class _Entity:
    """One FtM entity as read and checked: the fields and properties the loader uses."""

    id: str
    schema: str
    props: Props
    datasets: tuple[str, ...]
    caption: str
    where: str


def _strings(value: Any, where: str) -> tuple[str, ...]:
    """A property's values, which FtM writes as a list of strings, stripped, empties dropped.

    A lone string is taken as the one value it can only mean: writing `"name": "X"` for
    `"name": ["X"]` is a common slip in hand-written or converted files, and iterating it
    would read one name as its letters. Null is no value. A number is refused (quoted, it
    would keep what JSON numbers lose: the leading zeros of an id, the digits of a long
    one), as is a list or an object, naming the property.
    """
    items = value if isinstance(value, list) else [value]
    texts = []
    for item in items:
        if item is None:
            continue
        if not isinstance(item, str):
            hint = (
                " (a nested export? this loader reads the flat entities.ftm.json)"
                if isinstance(item, Mapping)
                else ""
            )
            raise ListDataError(f"{where}: {json_kind(item)} where FtM has strings{hint}")
        if text := item.strip():
            texts.append(text)
    return tuple(texts)


def _entity(record: Any, where: str) -> _Entity:
    """Check one parsed line's shape and keep what the loader reads of it."""
    if not isinstance(record, Mapping) or "schema" not in record:
        raise ListDataError(f"{where}: not a FollowTheMoney entity")
    check_object(record, where)
    schema = record["schema"]
    if not isinstance(schema, str) or not schema.strip():
        raise ListDataError(
            f'{where}: "schema" is {json_kind(schema)}; it must be one schema name, '
            'such as "Person"'
        )
    entity_id = record.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise ListDataError(f'{where}: "id" is {json_kind(entity_id)}; it must be a text id')
    where = f"{where} (id '{shown(entity_id)}')"
    properties = record.get("properties")
    if properties is None:
        properties = {}
    if not isinstance(properties, Mapping):
        raise ListDataError(f'{where}: "properties" is {json_kind(properties)}, not an object')
    check_object(properties, f"{where}, properties")
    props = {
        key: values
        for key, value in properties.items()
        if key in _READ_PROPS and (values := _strings(value, f"{where}, property {key!r}"))
    }
    caption = record.get("caption")
    if caption is not None and not isinstance(caption, str):
        raise ListDataError(f'{where}: "caption" is {json_kind(caption)}, not text')
    return _Entity(
        id=entity_id,
        schema=schema,
        props=props,
        datasets=_strings(record.get("datasets"), f'{where}, "datasets"'),
        caption=(caption or "").strip(),
        where=where,
    )


def _get(props: Props, *keys: str) -> list[str]:
    return [v for k in keys for v in props.get(k, ())]


def _address_text(props: Props) -> str:
    if full := _get(props, "full"):
        return full[0]
    return ", ".join(_get(props, "street", "city", "postalCode", "region", "country"))


def _read_entities(path: Path) -> list[_Entity]:
    """Every entity of a FollowTheMoney JSON-lines file, blank lines skipped; a line that is
    not JSON, or not an entity, is an error naming it."""
    entities: list[_Entity] = []
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for line_no, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}, line {line_no}"
                try:
                    record = parse_json(line)
                except (ValueError, RecursionError) as exc:
                    raise json_error(line, exc, where, single_line=True) from None
                entities.append(_entity(record, where))
    except UnicodeDecodeError as exc:
        raise ListDataError(f"{path}: not UTF-8 text ({exc.reason})") from None
    return entities


def _attached(
    entities: list[_Entity],
) -> tuple[dict[str, list[Props]], dict[str, list[str]]]:
    """What other entities say about a party, by its id: its Sanction entities, and the
    numbers of its Identification and Passport entities."""
    sanctions: defaultdict[str, list[Props]] = defaultdict(list)
    documents: defaultdict[str, list[str]] = defaultdict(list)
    for entity in entities:
        if entity.schema == "Sanction":
            for target in _get(entity.props, "entity"):
                sanctions[target].append(entity.props)
        elif entity.schema in ("Identification", "Passport"):
            for holder in _get(entity.props, "holder"):
                documents[holder].extend(_get(entity.props, "number"))
    return sanctions, documents


class FtmJson:
    """OpenSanctions / FollowTheMoney entities, one JSON object per line."""

    key = "ftm-json"

    def sniff(self, head: bytes) -> bool:
        first = head.decode("utf-8-sig", errors="replace").lstrip().split("\n", 1)[0]
        return first.startswith("{") and '"schema"' in first and '"properties"' in first

    def dated(self, path: Path) -> date | None:
        """The newest `last_seen` of the file's entities: OpenSanctions stamps every entity
        it still finds with the day of its run, so that is the day of the export."""
        newest: date | None = None
        with path.open("rb") as handle:
            for line in handle:
                found = _LAST_SEEN_JSON.search(line)
                day = _iso(found[1].decode()) if found else None
                if day is not None and (newest is None or day > newest):
                    newest = day
        return newest

    def load(self, path: Path) -> tuple[ListEntry, ...]:
        entities = _read_entities(path)
        by_id = {e.id: e for e in entities}
        sanctions, documents = _attached(entities)
        parties = []
        for entity in entities:
            if entity.schema in PARTY_SCHEMATA:
                try:
                    parties.append(self._entry(entity, by_id, sanctions, documents))
                except UNEXPECTED_ERRORS as exc:
                    raise UnexpectedContentError(unexpected_content(entity.where, exc)) from exc
        return tuple(parties)

    @staticmethod
    def _entry(
        entity: _Entity,
        by_id: Mapping[str, _Entity],
        sanctions: Mapping[str, list[Props]],
        documents: Mapping[str, list[str]],
    ) -> ListEntry:
        props = entity.props
        names = _get(props, "name") or [entity.caption or entity.id]
        addresses = _get(props, "address") + [
            _address_text(by_id[ref].props)
            for ref in _get(props, "addressEntity")
            if ref in by_id and _address_text(by_id[ref].props)
        ]
        listed = sanctions.get(entity.id, [])
        starts = [d for s in listed for d in map(_iso, _get(s, "startDate", "listingDate")) if d]
        ends = [d for s in listed for d in map(_iso, _get(s, "endDate")) if d]
        datasets = entity.datasets
        return ListEntry(
            entry_id=entity.id,
            source="OpenSanctions: " + ", ".join(datasets) if datasets else "OpenSanctions",
            name=names[0],
            aliases=tuple(dict.fromkeys(n for n in names[1:] + _get(props, *_ALIAS_PROPS))),
            entity_type=entity.schema,
            addresses=tuple(dict.fromkeys(addresses)),
            countries=country_codes(*_get(props, *_COUNTRY_PROPS)),
            programs=tuple(
                dict.fromkeys(p for s in listed for p in _get(s, "program", "programId"))
            ),
            start_date=min(starts) if starts else None,
            end_date=max(ends) if ends and len(ends) == len(listed) else None,
            remarks="; ".join(_get(props, "notes", "summary", "position")),
            source_url=(_get(props, "sourceUrl") or [OPENSANCTIONS_URL])[0],
            identifiers=tuple(
                dict.fromkeys(_get(props, *_ID_PROPS) + list(documents.get(entity.id, [])))
            ),
            dates_of_birth=tuple(_get(props, "birthDate")),
            places_of_birth=tuple(_get(props, "birthPlace")),
            nationalities=tuple(_get(props, "nationality", "citizenship")),
        )


class TargetsSimpleCsv:
    """OpenSanctions' simplified CSV export of a dataset's targets (`targets.simple.csv`)."""

    key = "opensanctions-simple-csv"

    def sniff(self, head: bytes) -> bool:
        header = [c.strip() for c in head_fields(head)]
        return all(c in header for c in ("id", "schema", "name", "dataset", "first_seen"))

    def load(self, path: Path) -> tuple[ListEntry, ...]:
        def header_of(first: list[str]) -> list[str]:
            header = [c.strip() for c in first]
            missing = [c for c in ("id", "name") if c not in header]
            if missing:
                raise ListDataError(f"{path}: missing column(s) {', '.join(missing)}")
            return header

        return load_csv(path, header_of, "name", lambda cell, where: _target(cell))

    def dated(self, path: Path) -> date | None:
        """The newest `last_seen` of the targets: the day of the export (as for FtM)."""
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            rows = csv.DictReader(handle)
            days = (_iso((row.get("last_seen") or "").strip()) for row in rows)
            return max((d for d in days if d is not None), default=None)


def _target(cell: Mapping[str, str]) -> ListEntry:
    """One row of targets.simple.csv (a dict of stripped cells) as an entry."""
    notes = (
        ("Sanctions", cell.get("sanctions", "")),
        ("Phones", cell.get("phones", "")),
        ("Emails", cell.get("emails", "")),
    )
    return ListEntry(
        entry_id=cell["id"],
        source="OpenSanctions: " + cell["dataset"] if cell.get("dataset") else "OpenSanctions",
        name=cell["name"],
        aliases=_split(cell.get("aliases", "")),
        entity_type=cell.get("schema", ""),
        addresses=_split(cell.get("addresses", "")),
        countries=country_codes(*_split(cell.get("countries", ""))),
        remarks="; ".join(f"{k}: {v}" for k, v in notes if v),
        source_url=OPENSANCTIONS_URL,
        identifiers=_split(cell.get("identifiers", "")),
        dates_of_birth=_split(cell.get("birth_date", "")),
    )
