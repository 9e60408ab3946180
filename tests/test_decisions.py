"""Reviewers' decisions and the baseline report: what they clear, and when they stop."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from screening.decisions import (
    Decision,
    append_decision,
    apply_decisions,
    baseline_keys,
    entry_digest,
    mark_baseline,
    read_decisions,
)
from screening.errors import InputFileError
from screening.gate import result_failures
from screening.models import EntryStatus, Finding, ListEntry, Match, ScreeningResult, Supplier

ENTRY = ListEntry(
    entry_id="el-1",
    source="Entity List (EL)",
    name="Acme Trading Co.",
    aliases=("Acme",),
    addresses=("Shenzhen, CN",),
)


def finding(input_id: str = "V1", name: str = "ACME Trading Company", entry=ENTRY) -> Finding:
    supplier = Supplier(row=1, name=name, input_id=input_id)
    return Finding(Match(supplier, entry, "list.csv", entry.name, 95.0, ""), EntryStatus.IN_FORCE)


def decision(**changes) -> Decision:
    base = Decision(
        entry_id="el-1",
        decision="false_positive",
        reviewer="kim",
        decided_on=date(2025, 4, 1),
        input_id="V1",
        reason="different company",
        entry_digest=entry_digest(ENTRY),
    )
    return replace(base, **changes)


def result_of(*findings: Finding) -> ScreeningResult:
    return ScreeningResult(date(2025, 5, 1), 85.0, (), 1, tuple(findings))


def test_false_positive_clears_the_gate_and_stays_in_the_report():
    (cleared,) = apply_decisions([finding()], [decision()], date(2025, 5, 1))
    assert cleared.cleared and cleared.decision == "false_positive"
    assert "kim on 2025-04-01: different company" in cleared.review_note
    assert result_failures(result_of(cleared)) == []
    assert result_failures(result_of(finding())) != []


def test_decision_by_name_when_no_input_id():
    by_name = decision(input_id="", input_name="Acme  trading co., ltd")
    (cleared,) = apply_decisions([finding(input_id="")], [by_name], date(2025, 5, 1))
    assert cleared.cleared


def test_expired_decision_no_longer_clears():
    expiring = decision(expires=date(2025, 4, 30))
    (kept,) = apply_decisions([finding()], [expiring], date(2025, 4, 30))
    (lapsed,) = apply_decisions([finding()], [expiring], date(2025, 5, 1))
    assert kept.cleared and not lapsed.cleared
    assert "expired 2025-04-30" in lapsed.review_note


def test_changed_entry_brings_the_hit_back():
    moved = replace(ENTRY, addresses=("Dubai, AE",))
    (back,) = apply_decisions([finding(entry=moved)], [decision()], date(2025, 5, 1))
    assert not back.cleared and "changed since" in back.review_note


def test_confirmed_match_still_fails_and_other_hits_are_untouched():
    other = replace(ENTRY, entry_id="el-2")
    confirmed, new = apply_decisions(
        [finding(), finding(entry=other)], [decision(decision="confirmed")], date(2025, 5, 1)
    )
    assert confirmed.decision == "confirmed" and not confirmed.cleared
    assert new.decision == "" and new.review_note == ""
    assert len(result_failures(result_of(confirmed, new))) == 2


def test_file_round_trip_and_errors(tmp_path):
    path = tmp_path / "decisions.csv"
    append_decision(path, decision())
    append_decision(path, decision(input_id="V2", decision="confirmed"))
    assert [d.input_id for d in read_decisions(path)] == ["V1", "V2"]
    assert read_decisions(path)[0] == decision()
    bad = tmp_path / "bad.csv"
    bad.write_text("input_id,entry_id,decision,reviewer,date\nV1,el-1,maybe,kim,2025-04-01\n")
    with pytest.raises(InputFileError, match=r"bad.csv, line 2: decision 'maybe'"):
        read_decisions(bad)
    bad.write_text("input_id,entry_id,decision,reviewer,date\nV1,el-1,confirmed,kim,04/01/25\n")
    with pytest.raises(InputFileError, match="column date"):
        read_decisions(bad)
    bad.write_text("entry_id,decision\nel-1,confirmed\n")
    with pytest.raises(InputFileError, match="needs the columns"):
        read_decisions(bad)


def test_baseline_marks_known_hits(tmp_path):
    report = tmp_path / "old.json"
    report.write_text(
        json.dumps({"matches": [{"entry_id": "el-1", "input_id": "V1", "input_name": "x"}]})
    )
    other = replace(ENTRY, entry_id="el-2")
    known, new = mark_baseline([finding(), finding(entry=other)], baseline_keys(report))
    assert known.in_baseline and not new.in_baseline
    assert result_failures(result_of(known, new)) == [new]
    report.write_text("[]")
    with pytest.raises(InputFileError, match="not a JSON report"):
        baseline_keys(report)
