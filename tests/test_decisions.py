"""Reviewers' decisions and the baseline report: what they clear, and when they stop."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from screening.errors import InputFileError
from screening.gate import result_failures
from screening.models import (
    EntryStatus,
    Finding,
    Gate,
    ListEntry,
    Match,
    ScreeningResult,
    Supplier,
)
from screening.review import (
    Decision,
    append_decision,
    apply_decisions,
    baseline_keys,
    entry_digest,
    mark_baseline,
    read_decisions,
)

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
    return ScreeningResult(date(2025, 5, 1), Gate(85.0), (), 1, tuple(findings))


def test_false_positive_clears_the_gate_and_stays_in_the_report():
    (cleared,) = apply_decisions([finding()], [decision()], date(2025, 5, 1))
    assert cleared.cleared and cleared.decision == "false_positive"
    assert "kim on 2025-04-01: different company" in cleared.review_note
    assert result_failures(result_of(cleared)) == []
    assert result_failures(result_of(finding())) != []


def test_decision_by_name_when_the_input_has_no_id_column():
    by_name = decision(input_id="", input_name="Acme  trading co., ltd")
    (cleared,) = apply_decisions([finding(input_id="")], [by_name], date(2025, 5, 1), by_name=True)
    assert cleared.cleared


def test_a_decision_without_id_clears_no_supplier_of_an_input_with_ids():
    """DESIGN.md: the name stands in only when the input has no id column at all. Names
    that normalise alike belong to different suppliers once each has its own id."""
    by_name = decision(input_id="", input_name="Huawei Technologies Co Ltd")
    huawei = replace(ENTRY, name="Huawei Technologies Co., Ltd.", aliases=())
    hits = [
        finding(input_id=vid, name=name, entry=huawei)
        for vid, name in [
            ("V1", "Huawei Technologies Co Ltd"),
            ("V3", "Huawei Technologies GmbH"),
            ("V4", "HUAWEI TECHNOLOGIES INC."),
            ("", "Huawei Technologies Co Ltd"),  # a blank id cell in a file that has ids
        ]
    ]
    applied = apply_decisions(hits, [by_name], date(2025, 5, 1))
    assert [f.cleared for f in applied] == [False] * 4
    assert len(result_failures(result_of(*applied))) == 4
    assert "does not apply: the input has an id column" in applied[0].review_note


def test_a_decision_with_id_clears_only_that_supplier():
    huawei = replace(ENTRY, name="Huawei Technologies Co., Ltd.", aliases=())
    keyed = decision(input_id="V1", input_name="Huawei Technologies Co Ltd", entry_digest="")
    v1, v3, blank = apply_decisions(
        [
            finding(input_id="V1", name="Huawei Technologies Co Ltd", entry=huawei),
            finding(input_id="V3", name="Huawei Technologies Co Ltd", entry=huawei),
            finding(input_id="", name="Huawei Technologies Co Ltd", entry=huawei),
        ],
        [keyed],
        date(2025, 5, 1),
    )
    assert v1.cleared and not v3.cleared and not blank.cleared


def test_by_name_a_decision_with_an_id_matches_by_its_name():
    """Without an id column in the input, the name is all a hit can be matched by."""
    keyed = decision(input_id="V1", input_name="ACME Trading Co")
    only_id = decision(input_id="V1")
    (cleared,) = apply_decisions([finding(input_id="")], [keyed], date(2025, 5, 1), by_name=True)
    (kept,) = apply_decisions([finding(input_id="")], [only_id], date(2025, 5, 1), by_name=True)
    assert cleared.cleared and not kept.cleared


def test_names_that_normalise_to_nothing_never_match():
    empty = decision(input_id="", input_name="Co., Ltd.")
    (kept,) = apply_decisions(
        [finding(input_id="", name="Ltd")], [empty], date(2025, 5, 1), by_name=True
    )
    assert not kept.cleared


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


def test_baseline_matches_by_id_when_the_input_has_ids(tmp_path):
    report = tmp_path / "old.json"
    report.write_text(
        json.dumps(
            {
                "matches": [
                    {"entry_id": "el-1", "input_id": "V1", "input_name": "ACME Trading Co"},
                    {"entry_id": "el-1", "input_id": "", "input_name": "Acme Trading Ltd"},
                ]
            }
        )
    )
    keys = baseline_keys(report)
    same, other_id, blank_id = mark_baseline([finding("V1"), finding("V2"), finding("")], keys)
    assert same.in_baseline and not other_id.in_baseline and not blank_id.in_baseline
    (by_name,) = mark_baseline([finding("")], keys, by_name=True)
    assert by_name.in_baseline
    (stranger,) = mark_baseline([finding("", name="Other Name Ltd")], keys, by_name=True)
    assert not stranger.in_baseline


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


HEADER = "input_id,input_name,entry_id,decision,reviewer,date,reason\n"


def test_a_known_column_given_twice_is_refused(tmp_path):
    """Read last-wins, the second `decision` cell would turn a `confirmed` into a
    `false_positive` that clears the gate."""
    path = tmp_path / "twice.csv"
    path.write_text(
        "input_id,entry_id,decision,reviewer,date,decision\n"
        "V1,el-1,confirmed,kim,2025-04-01,false_positive\n"
    )
    with pytest.raises(InputFileError) as error:
        read_decisions(path)
    assert str(error.value) == (
        f"{path}: column 'decision' appears 2 times in the header; keep one"
    )
    path.write_text(" entry_id ,input_id,entry_id,decision,reviewer,date\n")
    with pytest.raises(InputFileError, match="column 'entry_id' appears 2 times"):
        read_decisions(path)


def test_a_row_with_more_cells_than_the_header_is_refused_by_its_line(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text(
        HEADER + 'V1,,el-1,confirmed,kim,2025-04-01,"two\nlines"\n'
        "V2,Acme, Inc,el-1,false_positive,kim,2025-04-01,unquoted comma\n"
    )
    with pytest.raises(InputFileError) as error:
        read_decisions(path)
    assert str(error.value) == (
        f"{path}, line 4: 8 cells but the header has 7 columns; quote a value that holds a comma"
    )


def test_other_columns_are_allowed_and_ignored(tmp_path):
    path = tmp_path / "own.csv"
    path.write_text(
        "ticket,input_id,entry_id,decision,reviewer,date,ticket\nT-1,V1,el-1,confirmed,kim,2025-04-01,T-2\n"
    )
    (read,) = read_decisions(path)
    assert (read.input_id, read.decision) == ("V1", "confirmed")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nests too deeply"),
        ('{"matches": [1, 2]}', "match 1: is int, not an object of `screen --format json`"),
        ('{"matches": {"entry_id": "el-1"}}', "no 'matches' list"),
        ('{"matches": [{"input_id": "V1"}]}', "match 1: has no entry_id"),
        ('{"matches": [{"entry_id": 5}]}', "match 1: entry_id is int 5, not text"),
        ('{"matches": [{"entry_id": "el-1", "input_id": ["V1"]}]}', "input_id is list"),
        ('{"matches": [{"entry_id": "a", "entry_id": "b"}]}', "key 'entry_id' appears twice"),
        ('{"matches": [], "n": ' + "9" * 5000 + "}", "not usable JSON (Exceeds the limit"),
        ('{"matches": [}', "not JSON (Expecting value at line 1, column 14)"),
        ("\ud800", "not UTF-8 text"),
    ],
)
def test_a_malformed_baseline_is_one_line_naming_the_file(tmp_path, content, message):
    report = tmp_path / "old.json"
    report.write_bytes(content.encode("utf-8", "surrogatepass"))
    with pytest.raises(InputFileError) as error:
        baseline_keys(report)
    assert str(error.value).startswith(str(report))
    assert message in str(error.value) and "\n" not in str(error.value)


def test_a_baseline_that_is_a_folder_is_one_line(tmp_path):
    with pytest.raises(InputFileError, match="cannot read baseline report"):
        baseline_keys(tmp_path)
    with pytest.raises(InputFileError, match="is not a file"):
        read_decisions(tmp_path)
