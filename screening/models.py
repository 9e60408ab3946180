"""Records that flow through the pipeline: list entries, suppliers, matches and results.

All are frozen dataclasses so a result can be shared, cached and compared safely.
"""

from __future__ import annotations

import itertools
import pickle
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from screening.defaults import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    import pandas as pd

#: Why a row with a blank name was not screened (`ScreeningResult.skipped_rows`).
EMPTY_NAME = "empty name"

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


def check_score(value: float, option: str) -> float:
    """A score setting (threshold, show-from) checked to lie in 0-100; the message names
    the option as a user types it."""
    from screening.errors import ConfigError

    if not 0.0 <= value <= 100.0:
        raise ConfigError(f"{option} must be between 0 and 100, got {value:g}")
    return value


@dataclass(frozen=True, slots=True)
class Gate:
    """What fails a run (exit code 1): a finding scoring at least `threshold` whose listing
    has a status `fail_on` counts (see `screening.gate`). Carried by every result, so a
    finding can be judged without the rest of the run."""

    threshold: float = DEFAULT_THRESHOLD
    fail_on: FailOn = FailOn.PENDING
    # Whether an address finding (a supplier at a listed party's address, its name unlike
    # the party's) fails too: by default it is reported for review, not failed.
    fail_on_address: bool = False

    def __post_init__(self) -> None:
        check_score(self.threshold, "--threshold")


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


#: Where each field of a ListEntry sits in a row of `EntryRows`.
_ENTRY_FIELD_POSITIONS = {f.name: i for i, f in enumerate(fields(ListEntry))}


def entry_row(entry: ListEntry) -> tuple[Any, ...]:
    """An entry as a plain tuple (the form `EntryRows` keeps and the cache stores)."""
    return tuple(getattr(entry, name) for name in _ENTRY_FIELD_POSITIONS)


def entry_field(entries: Sequence[ListEntry], name: str) -> list[Any]:
    """One field of every entry; cheap for `EntryRows`, which need not build the entries."""
    if isinstance(entries, EntryRows):
        return entries.field(name)
    return [getattr(entry, name) for entry in entries]


class EntryRows(Sequence[ListEntry]):
    """Entries kept as pickled rows and made into `ListEntry` objects only when read.

    A list of tens of thousands of entries loads from the cache in milliseconds this way;
    a lookup then builds only the handful of entries it reports. A few fields are kept as
    plain columns (`INDEXED_FIELDS`) so that choosing entries does not unpickle them all.
    Reading every entry (iterating, or `tuple(...)`) builds them all, once.
    """

    __slots__ = ("_blobs", "_columns", "_made")

    #: Fields kept beside the pickled rows, readable without building the entries.
    INDEXED_FIELDS = ("entry_id", "entity_type")

    def __init__(self, blobs: Sequence[bytes], columns: dict[str, list[Any]]) -> None:
        self._blobs = blobs
        self._columns = columns
        self._made: list[ListEntry | None] = [None] * len(blobs)

    @classmethod
    def pack(cls, entries: Sequence[ListEntry]) -> tuple[list[bytes], dict[str, list[Any]]]:
        """What `EntryRows` is made from, for the cache: pickled rows and the columns."""
        blobs = [pickle.dumps(entry_row(e), protocol=pickle.HIGHEST_PROTOCOL) for e in entries]
        columns = {name: [getattr(e, name) for e in entries] for name in cls.INDEXED_FIELDS}
        return blobs, columns

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, index: int) -> ListEntry: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[ListEntry, ...]: ...

    def __getitem__(self, index: int | slice) -> ListEntry | tuple[ListEntry, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        made = self._made[index]
        if made is None:
            made = self._made[index] = ListEntry(*pickle.loads(self._blobs[index]))
        return made

    def __iter__(self) -> Iterator[ListEntry]:
        return (self[i] for i in range(len(self)))

    def field(self, name: str) -> list[Any]:
        """One field of every entry: from its column when kept, else from the entries."""
        column = self._columns.get(name)
        return list(column) if column is not None else [getattr(e, name) for e in self]


#: Where a list's date came from (`ListSnapshot.date_source`).
DATE_FROM_CONTENT = "content"
DATE_FROM_MANIFEST = "manifest"
DATE_FROM_MTIME = "file mtime"


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    """One list file as loaded: its entries and what identifies that exact version."""

    name: str
    path: Path
    sha256: str
    format: str
    entries: Sequence[ListEntry]  # a tuple, or `EntryRows` when read from the cache
    bundled: bool = False
    # The date of the data: the publisher's own date in the file where its format has one,
    # else the download date of an installed snapshot, else the file's modification date.
    data_date: date | None = None
    # Every file read, when a list is published as a set (OFAC's sdn.csv + add.csv + ...).
    files: tuple[Path, ...] = ()
    # Where `data_date` came from: DATE_FROM_CONTENT, DATE_FROM_MANIFEST or DATE_FROM_MTIME
    # (a date that says nothing of the list's age: a copy or a checkout sets it); "" when
    # the list is not dated (the bundled sample, a list built in code).
    date_source: str = ""

    @property
    def entry_count(self) -> int:
        """Number of entries read from the file."""
        return len(self.entries)


@dataclass(frozen=True, slots=True)
class Supplier:
    """One input row to screen. `row` is the 1-based data-row number (header not counted).

    Beyond the name, a row may carry what identifies the party further, each compared with
    the listings (`screening.evidence`): a second name (an English name beside a Chinese
    one), an address, identifiers as (kind, value) pairs (the kind from the column's
    header: "lei", "uscc", "imo", "duns", "registration"...), a date of birth and a
    nationality."""

    row: int
    name: str
    country: str = ""
    input_id: str = ""
    # Where the row starts in the file: its physical line in CSV/TSV (header = line 1, a
    # quoted cell may span lines), its row number in a sheet; 0 when the format has none.
    # Not part of the row's identity: the same row read from a pipe is the same supplier.
    line: int = field(default=0, compare=False)
    second_name: str = ""
    address: str = ""
    identifiers: tuple[tuple[str, str], ...] = ()
    date_of_birth: str = ""
    nationality: str = ""


class Basis(StrEnum):
    """What a finding rests on."""

    NAME = "name"  # the names are alike (other fields may corroborate or weaken them)
    IDENTIFIER = "identifier"  # an identifier the listing carries: decides whatever the name
    ADDRESS = "address"  # an address the listing carries, the names unlike


class Agreement(StrEnum):
    """How one field of a supplier compares with the listing's."""

    AGREES = "agrees"
    DIFFERS = "differs"
    INPUT_MISSING = "input_missing"  # the listing has it, the input row does not
    LISTING_MISSING = "listing_missing"  # the input row has it, the listing does not
    # Both have it, in forms that cannot be compared: a city against a street address, a
    # passport number against an LEI, a date of birth written another way.
    UNCOMPARED = "not_compared"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One field beyond the name compared (country, address, identifier, date of birth,
    nationality): whether they agree, the values compared on each side (the input's as written,
    the listing's that agreed or came closest) and the points it moved the score by."""

    field: str
    agreement: Agreement
    input_value: str = ""
    listed_value: str = ""
    points: float = 0.0


@dataclass(frozen=True, slots=True)
class Match:
    """A scored pairing of a supplier with one list entry, via its best-scoring name.

    `basis` says what the finding rests on; `input_column` which input name matched
    ("name", or "second_name" when the row's second name scored better); `evidence` how
    the row's other fields compare with the listing's."""

    supplier: Supplier
    entry: ListEntry
    list_name: str
    matched_name: str
    score: float
    explanation: str
    basis: Basis = Basis.NAME
    input_column: str = "name"
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """A match together with the entry's status on the screening date, and what a reviewer
    decided about it (see `screening.decisions`): a `false_positive` decision that still
    holds clears it from the gate; `review_note` says why a decision does or does not hold."""

    match: Match
    status: EntryStatus
    decision: str = ""  # "false_positive", "confirmed", or "" when nobody decided
    cleared: bool = False  # a false positive whose decision holds: does not fail the gate
    review_note: str = ""
    in_baseline: bool = False  # present in the --baseline report: does not fail the gate


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """Everything one screening run produced, ready for any report format."""

    as_of: date
    gate: Gate
    lists: tuple[ListSnapshot, ...]
    rows: int
    findings: tuple[Finding, ...]
    skipped: tuple[Supplier, ...] = field(default=())
    ownership: tuple[OwnershipFinding, ...] = ()
    ownership_review: OwnershipReview | None = None
    # Why each row of `skipped` was not screened, in the same order (see `skipped_rows`).
    skip_reasons: tuple[str, ...] = ()
    # What a reader must know about single rows, each naming its row: a name cut short.
    warnings: tuple[str, ...] = ()

    @property
    def threshold(self) -> float:
        """The score at or above which a finding can fail the gate."""
        return self.gate.threshold

    @property
    def fail_on(self) -> FailOn:
        """The listing statuses that fail the gate."""
        return self.gate.fail_on

    @property
    def rows_matched(self) -> int:
        """Number of distinct input rows with at least one finding."""
        return len({f.match.supplier.row for f in self.findings})

    @property
    def skipped_rows(self) -> tuple[tuple[Supplier, str], ...]:
        """Each row that was not screened with the reason; a result made without reasons
        (by hand, or read back from an older report) skipped rows for an empty name."""
        reasons = itertools.chain(self.skip_reasons, itertools.repeat(EMPTY_NAME))
        return tuple(zip(self.skipped, reasons, strict=False))

    def to_pandas(self) -> pd.DataFrame:
        """The findings as a pandas DataFrame, one row per finding with the report's match
        fields (see `screening.frame.result_frame`; pandas is imported only here)."""
        from screening.frame import result_frame

        return result_frame(self)


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
