"""The CI gate: which findings fail a run, for each --fail-on setting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screening.gate import fails_gate, result_failures
from screening.models import (
    EntryStatus,
    FailOn,
    Finding,
    Gate,
    ListEntry,
    ListSnapshot,
    Match,
    ScreeningResult,
    Supplier,
)

THRESHOLD = 85.0
SNAPSHOT = ListSnapshot(name="t.csv", path=Path("t.csv"), sha256="0" * 64, format="csl-csv",
                        entries=())  # fmt: skip


def finding(status: EntryStatus, score: float = 90.0, row: int = 1) -> Finding:
    entry = ListEntry(entry_id=f"e-{status.value}", source="EL", name="Acme")
    match = Match(
        supplier=Supplier(row=row, name="Acme"),
        entry=entry,
        list_name="t.csv",
        matched_name="Acme",
        score=score,
        explanation="",
    )
    return Finding(match=match, status=status)


def result(findings: list[Finding], fail_on: FailOn) -> ScreeningResult:
    return ScreeningResult(
        as_of=date(2025, 3, 26),
        gate=Gate(THRESHOLD, fail_on=fail_on),
        lists=(SNAPSHOT,),
        rows=3,
        findings=tuple(findings),
    )


IN_FORCE, PENDING, REMOVED = EntryStatus.IN_FORCE, EntryStatus.PENDING, EntryStatus.REMOVED


@pytest.mark.parametrize(
    ("fail_on", "failing"),
    [
        (FailOn.ANY, {IN_FORCE, PENDING, REMOVED}),
        (FailOn.PENDING, {IN_FORCE, PENDING}),
        (FailOn.IN_FORCE, {IN_FORCE}),
        (FailOn.NEVER, set()),
    ],
)
def test_fail_on_statuses(fail_on, failing):
    findings = [finding(status, row=n) for n, status in enumerate(EntryStatus, start=1)]
    res = result(findings, fail_on)
    for f in findings:
        assert fails_gate(f, res.gate) is (f.status in failing), (fail_on, f.status)
    assert {f.status for f in result_failures(res)} == failing


@pytest.mark.parametrize("fail_on", [FailOn.ANY, FailOn.PENDING, FailOn.IN_FORCE])
def test_below_threshold_never_fails(fail_on):
    low = finding(IN_FORCE, score=THRESHOLD - 0.1)
    exact = finding(IN_FORCE, score=THRESHOLD)
    res = result([low, exact], fail_on)
    assert not fails_gate(low, res.gate)
    assert fails_gate(exact, res.gate)  # at the threshold counts
    assert result_failures(res) == [exact]


def test_default_fail_on_is_pending():
    res = ScreeningResult(
        as_of=date(2025, 3, 24),
        gate=Gate(THRESHOLD),
        lists=(),
        rows=1,
        findings=(finding(PENDING), finding(REMOVED)),
    )
    assert res.fail_on is FailOn.PENDING
    assert [f.status for f in result_failures(res)] == [PENDING]


def test_fail_on_option_strings():
    assert [f.value for f in FailOn] == ["any", "pending", "in-force", "never"]
    assert FailOn("in-force") is FailOn.IN_FORCE
