"""One row, one verdict: the hits of an input row grouped by the listed party they name.

A supplier row often meets one party several times: the same company on the Entity List,
the CMIC list and the 1260H list, or listed twice under two spellings. Each listing is a
hit of its own (the JSON report keeps them all), but a reviewer decides about a party, and
a CI alert should name it once. The rule, applied to the hits of one input row:

* two hits name the same party when their entries' primary names have the same comparable
  form (`screening.normalize.normalize_name`: case, width, script, punctuation and legal
  forms folded, so "HUAWEI TECHNOLOGIES CO., LTD." on CMIC meets "Huawei Technologies Co.,
  Ltd." on the Entity List);
* or when one entry's primary name is, in that form, one of the other entry's names or
  aliases: the list itself says the two names are one party;
* or when they share an identifier (a registration, tax, passport or IMO number) that holds
  a number of at least `MIN_IDENTIFIER_DIGITS` digits: the lists' own cross-reference.

The relation is closed transitively (A with B and B with C puts all three together). Names
that differ otherwise stay apart: "Huawei Technologies (Bolivia) S.R.L." is a listing of
its own, with its own address and its own review, even when it meets the same supplier.

A group's verdict is its most serious hit's (`Verdict`, in that order): a group with one
failing hit fails however many of its listings were cleared. Its lead hit is the one that
gives that verdict, with the highest score; a row's groups are ordered the same way, so
its first group is the one its verdict comes from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from screening.gate import fails_gate
from screening.models import EntryStatus, Finding, Gate, ListEntry, Supplier
from screening.normalize import normalize_name

#: An identifier links two listings only when it holds a number of this many digits or
#: more. Shorter numbers in the lists' identifier fields are not identities: years
#: ("Organization Established Date 2001"), executive orders ("Executive Order 13846"),
#: and a bare type with no number at all ("National Identification Number", 7 times in
#: ../shared/data/derived/real_lists_csl.csv). Passport and registration numbers there
#: have 7 digits or more.
MIN_IDENTIFIER_DIGITS = 6

_DIGITS = re.compile(r"\d")
_NOT_ALNUM = re.compile(r"[\W_]+")


class Verdict(StrEnum):
    """What the gate made of a hit, from the most serious to the least."""

    FAILS = "fails"  # fails the gate: exit code 1
    IN_BASELINE = "in_baseline"  # would fail, but the --baseline report already had it
    CLEARED = "cleared"  # would fail, but a reviewer's decision clears it
    BELOW_GATE = "below_gate"  # under the threshold, or a status --fail-on does not count

    @property
    def label(self) -> str:
        """How people read it."""
        return _LABELS[self]


_LABELS = {
    Verdict.FAILS: "fails",
    Verdict.IN_BASELINE: "in baseline",
    Verdict.CLEARED: "cleared by decision",
    Verdict.BELOW_GATE: "below gate",
}
_RANK = {verdict: rank for rank, verdict in enumerate(Verdict)}
_STATUS_RANK = {EntryStatus.IN_FORCE: 0, EntryStatus.PENDING: 1, EntryStatus.REMOVED: 2}


def verdict(finding: Finding, gate: Gate) -> Verdict:
    """The gate's verdict on one hit."""
    if fails_gate(finding, gate):
        return Verdict.FAILS
    if finding.in_baseline:
        return Verdict.IN_BASELINE
    if finding.cleared:
        return Verdict.CLEARED
    return Verdict.BELOW_GATE


@dataclass(frozen=True, slots=True)
class PartyGroup:
    """The hits of one input row that name one listed party, the lead hit first.

    `number` is the group's 1-based place in the report; `positions` are its hits' places
    (0-based) in the result's findings, in the group's order."""

    number: int
    supplier: Supplier
    findings: tuple[Finding, ...]
    positions: tuple[int, ...]
    verdict: Verdict

    @property
    def lead(self) -> Finding:
        """The hit the group's verdict, score and status come from."""
        return self.findings[0]

    @property
    def entry(self) -> ListEntry:
        """The lead hit's listing."""
        return self.lead.match.entry

    @property
    def score(self) -> float:
        """The lead hit's score."""
        return self.lead.match.score

    @property
    def status(self) -> EntryStatus:
        """The lead hit's listing status on the screening date."""
        return self.lead.status

    @property
    def entry_ids(self) -> tuple[str, ...]:
        """Every listing's entry id (what `screen review` takes), the lead's first."""
        return tuple(dict.fromkeys(f.match.entry.entry_id for f in self.findings))

    @property
    def lists(self) -> tuple[str, ...]:
        """The short codes of the lists the party is on (EL, CMIC...), the lead's first."""
        return tuple(dict.fromkeys(f.match.entry.source_code for f in self.findings))

    @property
    def sources(self) -> tuple[str, ...]:
        """The lists' full source names, the lead's first."""
        return tuple(dict.fromkeys(f.match.entry.source for f in self.findings))


def listings_text(findings: Sequence[Finding]) -> str:
    """Listings named by list, each list once: "EL el-2578; CMIC cons-30947, cons-31002"."""
    by_list: dict[str, list[str]] = {}
    for finding in findings:
        entry = finding.match.entry
        ids = by_list.setdefault(entry.source_code, [])
        if entry.entry_id not in ids:
            ids.append(entry.entry_id)
    return "; ".join(f"{code} {', '.join(ids)}" for code, ids in by_list.items())


@dataclass(frozen=True, slots=True)
class RowVerdict:
    """An input row with its hits grouped by party: its verdict is its first group's."""

    supplier: Supplier
    groups: tuple[PartyGroup, ...]

    @property
    def lead(self) -> PartyGroup:
        """The party the row's verdict comes from."""
        return self.groups[0]

    @property
    def verdict(self) -> Verdict:
        """The row's verdict: the most serious of its parties'."""
        return self.lead.verdict


@lru_cache(maxsize=1 << 14)
def _name_key(name: str) -> str:
    return normalize_name(name)


def _identifier_keys(entry: ListEntry) -> set[str]:
    keys = set()
    for identifier in entry.identifiers:
        if len(_DIGITS.findall(identifier)) >= MIN_IDENTIFIER_DIGITS:
            keys.add(_NOT_ALNUM.sub("", identifier.casefold()))
    return keys


class _Sets:
    """Disjoint sets of positions (a union-find), each named by its smallest member."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, i: int) -> int:
        """The smallest member of `i`'s set."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        """Put `i` and `j` in one set."""
        a, b = self.root(i), self.root(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _party_sets(entries: Sequence[ListEntry]) -> list[int]:
    """For each entry, the index of the first entry of its party (the rule in the module's
    docstring, closed transitively)."""
    sets = _Sets(len(entries))
    primary: dict[str, int] = {}
    for i, entry in enumerate(entries):
        key = _name_key(entry.name)
        if key:
            sets.join(i, primary.setdefault(key, i))
    identifiers: dict[str, int] = {}
    for i, entry in enumerate(entries):
        for alias in entry.aliases:
            other = primary.get(_name_key(alias))
            if other is not None:
                sets.join(i, other)
        for key in _identifier_keys(entry):
            sets.join(i, identifiers.setdefault(key, i))
    return [sets.root(i) for i in range(len(entries))]


def _hit_order(item: tuple[int, Finding, Verdict]) -> tuple[int, float, int, str, int]:
    position, finding, found = item
    return (
        _RANK[found],
        -finding.match.score,
        _STATUS_RANK[finding.status],
        finding.match.entry.name,
        position,
    )


def _row_groups(
    hits: Sequence[tuple[int, Finding]], gate: Gate
) -> list[list[tuple[int, Finding, Verdict]]]:
    """The hits of one row as party groups, each in hit order, in group order."""
    judged = [(position, finding, verdict(finding, gate)) for position, finding in hits]
    roots = _party_sets([finding.match.entry for _, finding in hits])
    groups: dict[int, list[tuple[int, Finding, Verdict]]] = {}
    for root, item in zip(roots, judged, strict=True):
        groups.setdefault(root, []).append(item)
    ordered = [sorted(items, key=_hit_order) for items in groups.values()]
    ordered.sort(key=lambda items: _hit_order(items[0]))
    return ordered


def row_verdicts(findings: Iterable[Finding], gate: Gate) -> list[RowVerdict]:
    """Every input row with hits, in the order rows first appear, its hits grouped by party
    and judged by `gate`; groups are numbered from 1 across all rows."""
    by_row: dict[int, list[tuple[int, Finding]]] = {}
    for position, finding in enumerate(findings):
        by_row.setdefault(finding.match.supplier.row, []).append((position, finding))
    rows: list[RowVerdict] = []
    number = 0
    for hits in by_row.values():
        groups = []
        for items in _row_groups(hits, gate):
            number += 1
            groups.append(
                PartyGroup(
                    number=number,
                    supplier=hits[0][1].match.supplier,
                    findings=tuple(finding for _, finding, _ in items),
                    positions=tuple(position for position, _, _ in items),
                    verdict=items[0][2],
                )
            )
        rows.append(RowVerdict(hits[0][1].match.supplier, tuple(groups)))
    return rows


def party_groups(findings: Iterable[Finding], gate: Gate) -> list[PartyGroup]:
    """Every party group of every row, in report order (see `row_verdicts`)."""
    return [group for row in row_verdicts(findings, gate) for group in row.groups]
