"""The CI gate: which findings make a run fail (exit code 1).

A finding fails the gate when its score reaches the threshold and its listing's status on
the screening date is one the result's `fail_on` setting counts (by default: in force or
pending, since a pending listing will bind by the time goods ship).

An address finding fails only with `--fail-on-address` (by default it is reported for
review): sharing an address is a red flag to look at, not a match.

An ownership finding fails the gate when its rule is in force on the screening date; one
under a suspended or pending rule is reported for review and fails only with `--fail-on
any`. `--fail-on never` reports everything and fails nothing.
"""

from __future__ import annotations

from screening.models import (
    Basis,
    EntryStatus,
    FailOn,
    Finding,
    Gate,
    OwnershipFinding,
    RuleStatus,
    ScreeningResult,
)

_FAILING: dict[FailOn, frozenset[EntryStatus]] = {
    FailOn.ANY: frozenset(EntryStatus),
    FailOn.PENDING: frozenset({EntryStatus.IN_FORCE, EntryStatus.PENDING}),
    FailOn.IN_FORCE: frozenset({EntryStatus.IN_FORCE}),
    FailOn.NEVER: frozenset(),
}

#: Ownership rule statuses that fail the gate under each `fail_on` setting.
_FAILING_RULES: dict[FailOn, frozenset[RuleStatus]] = {
    FailOn.ANY: frozenset(RuleStatus),
    FailOn.PENDING: frozenset({RuleStatus.IN_FORCE}),
    FailOn.IN_FORCE: frozenset({RuleStatus.IN_FORCE}),
    FailOn.NEVER: frozenset(),
}


def fails_gate(finding: Finding, gate: Gate) -> bool:
    """Whether a finding fails a gate: at or above the threshold, a listing status the gate
    counts, not cleared by a reviewer's decision and not already in the baseline report.
    An address finding (a supplier at a listed party's address, its name unlike the
    party's) fails only when the gate says so (`fail_on_address`), whatever its score."""
    if finding.match.basis is Basis.ADDRESS:
        passes_score = gate.fail_on_address
    else:
        passes_score = finding.match.score >= gate.threshold
    return (
        passes_score
        and finding.status in _FAILING[gate.fail_on]
        and not finding.cleared
        and not finding.in_baseline
    )


def result_failures(result: ScreeningResult) -> list[Finding]:
    """The findings of a result that fail its gate: any of them means exit code 1."""
    return [f for f in result.findings if fails_gate(f, result.gate)]


def ownership_fails(finding: OwnershipFinding, gate: Gate) -> bool:
    """Whether an ownership finding fails a gate: by its rule's status on the date."""
    return finding.rule_status in _FAILING_RULES[gate.fail_on]


def ownership_failures(result: ScreeningResult) -> list[OwnershipFinding]:
    """The ownership findings of a result that fail its gate."""
    return [f for f in result.ownership if ownership_fails(f, result.gate)]


def run_fails_gate(result: ScreeningResult) -> bool:
    """Whether the run as a whole fails the gate (exit code 1): a name match or an
    ownership finding does."""
    return bool(result_failures(result) or ownership_failures(result))
