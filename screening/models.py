"""Records that flow through the pipeline: list entries, suppliers, matches and results.

All are frozen dataclasses so a result can be shared, cached and compared safely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

_SOURCE_CODE = re.compile(r"\(([A-Z][A-Za-z-]*(?: List)?)\)")


class EntryStatus(StrEnum):
    """Whether a listing applies on a given date."""

    IN_FORCE = "in_force"
    PENDING = "pending"
    REMOVED = "removed"


class FailOn(StrEnum):
    """Which listing statuses fail the CI gate, from the most statuses to none."""

    ANY = "any"  # in force, pending or removed
    PENDING = "pending"  # in force or pending (the default)
    IN_FORCE = "in-force"  # in force only
    NEVER = "never"  # report only, never fail


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One listed party, as published by the agency, with every field the tool shows."""

    entry_id: str
    source: str
    name: str
    aliases: tuple[str, ...] = ()
    entity_type: str = ""
    addresses: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    start_date: date | None = None
    end_date: date | None = None
    federal_register_notice: str = ""
    license_requirement: str = ""
    license_policy: str = ""
    remarks: str = ""
    source_url: str = ""

    @property
    def source_code(self) -> str:
        """The list's short code from its CSL source name ("Entity List (EL) - ..." -> "EL")."""
        found = _SOURCE_CODE.search(self.source)
        return found.group(1) if found else self.source

    @property
    def names(self) -> tuple[str, ...]:
        """The primary name followed by every alias, without repeats."""
        return tuple(dict.fromkeys(n for n in (self.name, *self.aliases) if n))


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    """One list file as loaded: its entries and what identifies that exact version."""

    name: str
    path: Path
    sha256: str
    format: str
    entries: tuple[ListEntry, ...]
    bundled: bool = False

    @property
    def entry_count(self) -> int:
        """Number of entries read from the file."""
        return len(self.entries)


@dataclass(frozen=True, slots=True)
class Supplier:
    """One input row to screen. `row` is the 1-based data-row number (header not counted)."""

    row: int
    name: str
    country: str = ""
    input_id: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """A scored pairing of a supplier with one list entry, via its best-scoring name."""

    supplier: Supplier
    entry: ListEntry
    list_name: str
    matched_name: str
    score: float
    explanation: str


@dataclass(frozen=True, slots=True)
class Finding:
    """A match together with the entry's status on the screening date."""

    match: Match
    status: EntryStatus


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """Everything one screening run produced, ready for any report format."""

    as_of: date
    threshold: float
    lists: tuple[ListSnapshot, ...]
    rows: int
    findings: tuple[Finding, ...]
    skipped: tuple[Supplier, ...] = field(default=())
    fail_on: FailOn = FailOn.PENDING

    @property
    def rows_matched(self) -> int:
        """Number of distinct input rows with at least one finding."""
        return len({f.match.supplier.row for f in self.findings})
