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
    # Fields some formats carry beyond the CSL's core; empty where a format has none.
    identifiers: tuple[str, ...] = ()  # "type number (country)", e.g. passports, IMO numbers
    dates_of_birth: tuple[str, ...] = ()  # as published: "1960-12-12", "1955", "circa 1960"
    places_of_birth: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    title: str = ""

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
    # The date of the data: the download date of an installed snapshot, else the file's own.
    data_date: date | None = None
    # Every file read, when a list is published as a set (OFAC's sdn.csv + add.csv + ...).
    files: tuple[Path, ...] = ()

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
    ownership: tuple[OwnershipFinding, ...] = ()
    ownership_review: OwnershipReview | None = None

    @property
    def rows_matched(self) -> int:
        """Number of distinct input rows with at least one finding."""
        return len({f.match.supplier.row for f in self.findings})


class RuleStatus(StrEnum):
    """Whether an ownership rule (OFAC 50 Percent Rule, BIS Affiliates Rule) applied on a date."""

    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    PENDING = "pending"  # before the rule first took effect


@dataclass(frozen=True, slots=True)
class ListedOwner:
    """A party of the ownership file that matched a listing in force: the root of a finding."""

    party: str  # the name as written in the ownership file
    entry: ListEntry
    list_name: str
    score: float
    status: EntryStatus


@dataclass(frozen=True, slots=True)
class OwnershipFinding:
    """A supplier restricted (or possibly restricted) because listed parties own it.

    `share` is the aggregate percent held by listed parties, directly and through chains,
    counting only known percentages; `share_max` is what it could reach if every stake of
    unknown size were as large as the other owners leave room for. `percent_unknown` marks a
    finding that rests on such a stake: the known share stays below the rule's threshold.
    """

    supplier: Supplier
    rule: str
    rule_title: str
    rule_status: RuleStatus
    rule_source: str
    share: float
    share_max: float
    percent_unknown: bool
    owners: tuple[ListedOwner, ...]
    path: str
    license_requirement: str = ""
    license_policy: str = ""
    evidence_as_of: date | None = None


@dataclass(frozen=True, slots=True)
class RuleOnDate:
    """One ownership rule as it stood on the screening date, for the report."""

    rule: str
    title: str
    status: RuleStatus
    source: str


@dataclass(frozen=True, slots=True)
class OwnershipReview:
    """What the look-through read and what it noticed: shown beside its findings."""

    path: Path
    sha256: str
    rows: int
    stakes: int
    parties: int
    listed_parties: int
    rules: tuple[RuleOnDate, ...]
    warnings: tuple[str, ...] = ()
