"""The CI gate: which findings make a run fail (exit code 1).

A finding fails the gate when its score reaches the threshold and its listing's status on
the screening date is one the result's `fail_on` setting counts (by default: in force or
pending, since a pending listing will bind by the time goods ship).
"""

from __future__ import annotations

from screening.models import EntryStatus, FailOn, Finding, ScreeningResult

_FAILING: dict[FailOn, frozenset[EntryStatus]] = {
    FailOn.ANY: frozenset(EntryStatus),
    FailOn.PENDING: frozenset({EntryStatus.IN_FORCE, EntryStatus.PENDING}),
    FailOn.IN_FORCE: frozenset({EntryStatus.IN_FORCE}),
    FailOn.NEVER: frozenset(),
}


def fails_gate(finding: Finding, result: ScreeningResult) -> bool:
    """Whether one finding of a result fails that result's gate."""
    return finding.match.score >= result.threshold and finding.status in _FAILING[result.fail_on]


def result_failures(result: ScreeningResult) -> list[Finding]:
    """The findings of a result that fail its gate: any of them means exit code 1."""
    return [f for f in result.findings if fails_gate(f, result)]
