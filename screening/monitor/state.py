"""What a watched file's last screening leaves for the next one to compare with.

The list versions it was screened against (by sha256, with the path to find that version
again for the diff), every hit it knew of (whole, entry included, so that a hit whose entry
has since left the list can still be reported), the digests of its rows, and the date its
statuses were judged on. Lists and hits are stored as JSON (readable with any SQL client);
the row digests as bytes (`screening.monitor.rows`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

from screening.errors import ConfigError
from screening.gate import fails_gate
from screening.models import (
    Agreement,
    Basis,
    EntryStatus,
    Evidence,
    Finding,
    Gate,
    ListEntry,
    ListSnapshot,
    Match,
    Supplier,
)
from screening.monitor.rows import RowPrints

#: A list as the watch list pairs its versions: its format and its file name (the same for
#: every snapshot of an installed source: `consolidated.csv`, `sdn.csv`...).
ListKey = tuple[str, str]


@dataclass(frozen=True, slots=True)
class ListVersion:
    """One list a screening used: which version (sha256) and where that version was."""

    name: str
    path: str
    format: str
    sha256: str
    entries: int
    data_date: date | None = None

    @property
    def key(self) -> ListKey:
        return (self.format, self.name)

    @classmethod
    def of(cls, snapshot: ListSnapshot) -> ListVersion:
        return cls(name=snapshot.name, path=str(snapshot.path), format=snapshot.format,
                   sha256=snapshot.sha256, entries=snapshot.entry_count,
                   data_date=snapshot.data_date)  # fmt: skip


def list_key(snapshot: ListSnapshot) -> ListKey:
    """The key pairing a list in use with the version a file was last screened against."""
    return (snapshot.format, snapshot.name)


@dataclass(frozen=True, slots=True)
class KnownHit:
    """A hit a screening found: the row's key and print (`screening.monitor.rows`), the
    list it came from, and the finding as it stood on that screening's date."""

    key: bytes
    print: bytes
    list: ListKey
    finding: Finding


@dataclass(frozen=True, slots=True)
class LastScreening:
    """A watched file's last screening, as the next one needs it."""

    screened_at: datetime
    as_of: date
    input_sha256: str | None
    rows: int
    lists: tuple[ListVersion, ...]
    hits: tuple[KnownHit, ...]
    prints: RowPrints
    run_id: int | None = None

    def failing(self, gate: Gate) -> int:
        """How many of its hits failed `gate` (cleared ones not counted)."""
        return sum(fails_gate(h.finding, gate) for h in self.hits)


def lists_json(lists: Sequence[ListVersion]) -> str:
    """The list versions as JSON text."""
    return json.dumps([_plain(_record(v)) for v in lists], ensure_ascii=False)


def lists_from_json(text: str, *, name: str) -> tuple[ListVersion, ...]:
    """List versions stored by `lists_json`; ConfigError naming the watched file."""
    with _stored(name, "lists"):
        return tuple(
            ListVersion(**{**r, "data_date": _date(r.get("data_date"))}) for r in json.loads(text)
        )


def hits_json(hits: Sequence[KnownHit]) -> str:
    """The known hits as JSON text: each finding with its whole entry."""
    return json.dumps([_plain(_hit_record(h)) for h in hits], ensure_ascii=False)


def hits_from_json(text: str, *, name: str) -> tuple[KnownHit, ...]:
    """Known hits stored by `hits_json`; ConfigError naming the watched file."""
    with _stored(name, "hits"):
        return tuple(_hit(r) for r in json.loads(text))


def _record(value: Any) -> dict[str, Any]:
    return {f.name: getattr(value, f.name) for f in fields(value)}


def _plain(value: Any) -> Any:
    """A value JSON can hold: dates as ISO text, tuples as lists, bytes as hex."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Path):
        return str(value)
    return value


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _hit_record(hit: KnownHit) -> dict[str, Any]:
    finding, match = hit.finding, hit.finding.match
    return {
        "key": hit.key,
        "print": hit.print,
        "list": list(hit.list),
        "supplier": _record(match.supplier),
        "entry": _record(match.entry),
        "list_name": match.list_name,
        "matched_name": match.matched_name,
        "score": match.score,
        "explanation": match.explanation,
        "basis": match.basis.value,
        "input_column": match.input_column,
        "evidence": [
            {
                "field": e.field,
                "agreement": e.agreement.value,
                "input_value": e.input_value,
                "listed_value": e.listed_value,
                "points": e.points,
            }
            for e in match.evidence
        ],
        "status": finding.status.value,
    }


#: ListEntry fields held as tuples, and those held as dates.
_TUPLES = frozenset(f.name for f in fields(ListEntry) if str(f.type).startswith("tuple"))
_DATES = frozenset(f.name for f in fields(ListEntry) if str(f.type).startswith("date"))


def _tuples(value: Any) -> Any:
    """A JSON array back as the tuple it was stored from, arrays inside it too."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _entry(record: dict[str, Any]) -> ListEntry:
    values: dict[str, Any] = {
        k: _tuples(v) if k in _TUPLES else _date(v) if k in _DATES else v for k, v in record.items()
    }
    return ListEntry(**values)


def _hit(record: dict[str, Any]) -> KnownHit:
    supplier = Supplier(**{k: _tuples(v) for k, v in record["supplier"].items()})
    match = Match(
        supplier=supplier,
        entry=_entry(record["entry"]),
        list_name=record["list_name"],
        matched_name=record["matched_name"],
        score=float(record["score"]),
        explanation=record["explanation"],
        basis=Basis(record.get("basis", Basis.NAME.value)),
        input_column=record.get("input_column", "name"),
        evidence=tuple(
            Evidence(
                field=e["field"],
                agreement=Agreement(e["agreement"]),
                input_value=e["input_value"],
                listed_value=e["listed_value"],
                points=float(e["points"]),
            )
            for e in record.get("evidence", ())
        ),
    )
    list_format, list_name = record["list"]
    return KnownHit(
        key=bytes.fromhex(record["key"]),
        print=bytes.fromhex(record["print"]),
        list=(list_format, list_name),
        finding=Finding(match=match, status=EntryStatus(record["status"])),
    )


@contextmanager
def _stored(name: str, what: str) -> Iterator[None]:
    """Turns what a damaged stored value raises into one ConfigError naming the file."""
    try:
        yield
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ConfigError(
            f"watched file {name!r}: its last screening's {what} cannot be read ({exc}); "
            f"`screen watch remove {name}` and add it again"
        ) from None
