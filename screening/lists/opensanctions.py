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
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from screening.errors import ListDataError
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


def _iso(value: str) -> date | None:
    """An FtM date (YYYY, YYYY-MM or YYYY-MM-DD, maybe with a time): full dates only."""
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def _split(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split(";") if p.strip())


def _props(record: Mapping[str, Any]) -> Mapping[str, list[str]]:
    props = record.get("properties")
    return props if isinstance(props, Mapping) else {}


def _get(props: Mapping[str, Sequence[Any]], *keys: str) -> list[str]:
    return [str(v).strip() for k in keys for v in props.get(k, ()) if str(v).strip()]


def _address_text(props: Mapping[str, Sequence[Any]]) -> str:
    if full := _get(props, "full"):
        return full[0]
    return ", ".join(_get(props, "street", "city", "postalCode", "region", "country"))


class FtmJson:
    """OpenSanctions / FollowTheMoney entities, one JSON object per line."""

    key = "ftm-json"

    def sniff(self, head: bytes) -> bool:
        first = head.decode("utf-8-sig", errors="replace").lstrip().split("\n", 1)[0]
        return first.startswith("{") and '"schema"' in first and '"properties"' in first

    def load(self, path: Path) -> tuple[ListEntry, ...]:
        records: list[Mapping[str, Any]] = []
        try:
            with path.open(encoding="utf-8-sig") as handle:
                for line_no, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise ListDataError(
                            f"{path}, line {line_no}: invalid JSON ({exc.msg}); "
                            "the file may be truncated"
                        ) from None
                    if not isinstance(record, Mapping) or "schema" not in record:
                        raise ListDataError(f"{path}, line {line_no}: not a FollowTheMoney entity")
                    records.append(record)
        except UnicodeDecodeError as exc:
            raise ListDataError(f"{path}: not UTF-8 text ({exc.reason})") from None
        by_id = {str(r.get("id")): r for r in records}
        sanctions: defaultdict[str, list[Mapping[str, list[str]]]] = defaultdict(list)
        documents: defaultdict[str, list[str]] = defaultdict(list)
        for record in records:
            props = _props(record)
            if record["schema"] == "Sanction":
                for target in _get(props, "entity"):
                    sanctions[target].append(props)
            elif record["schema"] in ("Identification", "Passport"):
                for holder in _get(props, "holder"):
                    documents[holder].extend(_get(props, "number"))
        return tuple(
            self._entry(r, by_id, sanctions, documents)
            for r in records
            if r["schema"] in PARTY_SCHEMATA
        )

    @staticmethod
    def _entry(
        record: Mapping[str, Any],
        by_id: Mapping[str, Mapping[str, Any]],
        sanctions: Mapping[str, list[Mapping[str, list[str]]]],
        documents: Mapping[str, list[str]],
    ) -> ListEntry:
        entity_id = str(record.get("id"))
        props = _props(record)
        names = _get(props, "name") or [str(record.get("caption") or entity_id)]
        addresses = _get(props, "address") + [
            _address_text(_props(by_id[ref]))
            for ref in _get(props, "addressEntity")
            if ref in by_id and _address_text(_props(by_id[ref]))
        ]
        listed = sanctions.get(entity_id, [])
        starts = [d for s in listed for d in map(_iso, _get(s, "startDate", "listingDate")) if d]
        ends = [d for s in listed for d in map(_iso, _get(s, "endDate")) if d]
        datasets = [str(d) for d in record.get("datasets", ()) if d]
        return ListEntry(
            entry_id=entity_id,
            source="OpenSanctions: " + ", ".join(datasets) if datasets else "OpenSanctions",
            name=names[0],
            aliases=tuple(dict.fromkeys(n for n in names[1:] + _get(props, *_ALIAS_PROPS))),
            entity_type=str(record["schema"]),
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
                dict.fromkeys(_get(props, *_ID_PROPS) + list(documents.get(entity_id, [])))
            ),
            dates_of_birth=tuple(_get(props, "birthDate")),
            places_of_birth=tuple(_get(props, "birthPlace")),
            nationalities=tuple(_get(props, "nationality", "citizenship")),
        )


class TargetsSimpleCsv:
    """OpenSanctions' simplified CSV export of a dataset's targets (`targets.simple.csv`)."""

    key = "opensanctions-simple-csv"

    def sniff(self, head: bytes) -> bool:
        first = head.decode("utf-8-sig", errors="replace").split("\n", 1)[0]
        header = [c.strip() for c in next(csv.reader([first]), [])]
        return all(c in header for c in ("id", "schema", "name", "dataset", "first_seen"))

    def load(self, path: Path) -> tuple[ListEntry, ...]:
        entries = []
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle, strict=True)
                missing = [c for c in ("id", "name") if c not in (reader.fieldnames or [])]
                if missing:
                    raise ListDataError(f"{path}: missing column(s) {', '.join(missing)}")
                for row in reader:
                    cell = {k: (v or "").strip() for k, v in row.items() if k}
                    where = f"{path}, line {reader.line_num}"
                    if not cell.get("name"):
                        raise ListDataError(f"{where}: the name field is empty")
                    notes = (
                        ("Sanctions", cell.get("sanctions", "")),
                        ("Phones", cell.get("phones", "")),
                        ("Emails", cell.get("emails", "")),
                    )
                    entries.append(
                        ListEntry(
                            entry_id=cell["id"],
                            source="OpenSanctions: " + cell["dataset"]
                            if cell.get("dataset")
                            else "OpenSanctions",
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
                    )
        except csv.Error as exc:
            raise ListDataError(f"{path}: {exc}") from None
        except UnicodeDecodeError as exc:
            raise ListDataError(f"{path}: not UTF-8 text ({exc.reason})") from None
        return tuple(entries)
