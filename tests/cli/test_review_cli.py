"""The review trail through the CLI: a recorded false positive stops failing the gate."""

from __future__ import annotations

import json

from clirun import REPO, invoke, one_line_error, runner
from screening_cli.app import app

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"


def review_v1(decisions, reason: str):
    """Record, as reviewer kim, that supplier V1's hit on the Huawei listing is a false
    positive."""
    return invoke(
        "review",
        "--decisions",
        decisions,
        "--entry-id",
        "sample-el-015",
        "--input-id",
        "V1",
        "--decision",
        "false_positive",
        "--reviewer",
        "kim",
        "--reason",
        reason,
    )


def test_review_then_screen_with_decisions(tmp_path):
    vendors = tmp_path / "vendors.csv"
    vendors.write_text(
        "vendor_id,name\nV1,Huawei Technologies Co Ltd\nV2,Nettrix Information Industry Co Ltd\n"
    )
    decisions = tmp_path / "decisions.csv"
    assert invoke(vendors, "--as-of", "2025-03-26").exit_code == 1
    recorded = review_v1(decisions, "a different Huawei")
    assert recorded.exit_code == 0, recorded.stderr
    assert "Recorded false_positive for V1 / sample-el-015" in recorded.stderr
    result = invoke(vendors, "--as-of", "2025-03-26", "--decisions", decisions, "--format", "json")
    assert result.exit_code == 1  # V2's hit is new and still fails
    matches = {m["input_id"]: m for m in json.loads(result.stdout)["matches"]}
    assert matches["V1"]["cleared"] and not matches["V1"]["fails_gate"]
    assert matches["V2"]["fails_gate"]
    assert "1 cleared by reviewers' decisions" in result.stderr
    invoke(
        "review",
        "--decisions",
        decisions,
        "--entry-id",
        "sample-el-009",
        "--input-id",
        "V2",
        "--decision",
        "false_positive",
        "--reviewer",
        "kim",
        "--reason",
        "checked",
    )
    assert invoke(vendors, "--as-of", "2025-03-26", "--decisions", decisions).exit_code == 0


def test_baseline_fails_only_new_hits(tmp_path):
    old = tmp_path / "old.json"
    first = invoke(SUPPLIERS, "--as-of", "2025-03-26", "--format", "json", "-o", old)
    assert first.exit_code == 1
    again = invoke(SUPPLIERS, "--as-of", "2025-03-26", "--baseline", old)
    assert again.exit_code == 0
    assert "already in the baseline report" in again.stderr


def test_review_errors_are_one_line(tmp_path):
    message = one_line_error(
        invoke(
            "review",
            "--decisions",
            tmp_path / "d.csv",
            "--entry-id",
            "no-such-entry",
            "--input-id",
            "V1",
            "--decision",
            "false_positive",
            "--reason",
            "x",
        )
    )
    assert "no entry 'no-such-entry'" in message
    missing = invoke(SUPPLIERS, "--as-of", "2025-03-26", "--decisions", tmp_path / "none.csv")
    assert missing.exit_code == 1  # no decisions yet: every hit still fails the gate
    assert "decisions file" in missing.stderr and "does not exist yet" in missing.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("input_id,entry_id,decision,reviewer,date\nV1,x,maybe,kim,2025-01-01\n")
    assert "decision 'maybe'" in one_line_error(invoke(SUPPLIERS, "--decisions", bad))


def test_audit_records_the_decision(tmp_path):
    vendors = tmp_path / "vendors.csv"
    vendors.write_text("vendor_id,name\nV1,Huawei Technologies Co Ltd\n")
    decisions = tmp_path / "decisions.csv"
    review_v1(decisions, "checked")
    db = f"sqlite:///{tmp_path / 'audit.sqlite3'}"
    assert invoke(vendors, "--decisions", decisions, "--db", db).exit_code == 0
    shown = invoke("history", "1", "--db", db, "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    (hit,) = json.loads(shown.stdout)["hits"]
    assert hit["decision"] == "cleared: false_positive"


def test_review_asks_for_what_is_missing(tmp_path):
    decisions = tmp_path / "decisions.csv"
    asked = runner.invoke(
        app,
        ["review", "--decisions", str(decisions), "--input-id", "V7", "--reviewer", "kim"],
        input="sample-el-009\nfalse_positive\nanother Nettrix\n",
    )
    assert asked.exit_code == 0, asked.stderr
    assert "List entry id of the hit" in asked.stderr  # prompts keep stdout for reports
    row = decisions.read_text().splitlines()[1]
    assert row.startswith("V7,,sample-el-009,false_positive,kim,")
    assert "another Nettrix" in row
    no_answer = runner.invoke(app, ["review", "--decisions", str(decisions), "--input-id", "V8"])
    assert no_answer.exit_code == 2 and not no_answer.stdout.strip()
    assert no_answer.stderr.endswith(
        "error: --entry-id is missing; give it, or answer the prompt\n"
    )


def test_expired_and_changed_decisions_bring_hits_back(tmp_path):
    vendors = tmp_path / "vendors.csv"
    vendors.write_text("vendor_id,name\nV1,Huawei Technologies Co Ltd\nV2,Nettrix Information\n")
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(
        "input_id,input_name,entry_id,decision,reviewer,date,reason,expires,entry_digest\n"
        "V1,,sample-el-015,false_positive,kim,2025-01-02,old review,2025-02-01,\n"
        "V2,,sample-el-009,false_positive,kim,2025-01-02,before a change,,0000000000000000\n"
    )
    result = invoke(vendors, "--as-of", "2025-03-26", "--decisions", decisions, "-f", "json")
    assert result.exit_code == 1
    notes = {m["input_id"]: m for m in json.loads(result.stdout)["matches"]}
    assert not notes["V1"]["cleared"] and "expired 2025-02-01" in notes["V1"]["review_note"]
    assert not notes["V2"]["cleared"] and "changed since" in notes["V2"]["review_note"]


HUAWEIS = [
    ("V1", "Huawei Technologies Co Ltd"),
    ("V3", "Huawei Technologies GmbH"),
    ("V4", "HUAWEI TECHNOLOGIES INC."),
]


def test_a_decision_by_name_clears_no_supplier_with_an_id(tmp_path):
    """The three names normalise alike; with ids they are three suppliers, and a row
    without input_id clears none of them. Only an input without an id column is matched
    by name."""
    with_ids = tmp_path / "vendors.csv"
    with_ids.write_text("vendor_id,name\n" + "".join(f"{v},{n}\n" for v, n in HUAWEIS))
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(
        "input_id,input_name,entry_id,decision,reviewer,date\n"
        ",Huawei Technologies Co Ltd,sample-el-015,false_positive,kim,2025-01-02\n"
    )
    result = invoke(with_ids, "--as-of", "2025-03-26", "--decisions", decisions, "-f", "json")
    assert result.exit_code == 1
    matches = json.loads(result.stdout)["matches"]
    assert sorted(m["input_id"] for m in matches if m["fails_gate"]) == ["V1", "V3", "V4"]
    assert "does not apply: the input has an id column" in matches[0]["review_note"]
    names_only = tmp_path / "names.csv"
    names_only.write_text("name\n" + "".join(f"{n}\n" for _, n in HUAWEIS))
    cleared = invoke(names_only, "--as-of", "2025-03-26", "--decisions", decisions)
    assert cleared.exit_code == 0
    assert "3 cleared by reviewers' decisions" in cleared.stderr


def test_a_baseline_hit_covers_only_the_same_supplier_id(tmp_path):
    vendors = tmp_path / "vendors.csv"
    vendors.write_text("vendor_id,name\nV1,Huawei Technologies Co Ltd\n")
    old = tmp_path / "old.json"
    assert invoke(vendors, "--as-of", "2025-03-26", "-f", "json", "-o", old).exit_code == 1
    assert invoke(vendors, "--as-of", "2025-03-26", "--baseline", old).exit_code == 0
    newcomer = tmp_path / "new.csv"
    newcomer.write_text("vendor_id,name\nV9,Huawei Technologies GmbH\n,Huawei Technologies\n")
    again = invoke(newcomer, "--as-of", "2025-03-26", "--baseline", old, "-f", "json")
    assert again.exit_code == 1
    assert [m["in_baseline"] for m in json.loads(again.stdout)["matches"]] == [False, False]
    by_name = tmp_path / "names.csv"
    by_name.write_text("name\nHuawei Technologies GmbH\n")
    assert invoke(by_name, "--as-of", "2025-03-26", "--baseline", old).exit_code == 0


def test_malformed_baselines_and_decisions_are_one_line_and_exit_2(tmp_path):
    old = tmp_path / "old.json"
    for content, says in [
        ("[" * 50_000 + "]" * 50_000, "nests too deeply"),
        ('{"matches": [1, 2]}', "match 1: is int, not an object"),
    ]:
        old.write_text(content)
        message = one_line_error(invoke(SUPPLIERS, "--as-of", "2025-03-26", "--baseline", old))
        assert str(old) in message and says in message
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(
        "input_id,entry_id,decision,reviewer,date,decision\n"
        "V1,sample-el-015,confirmed,kim,2025-01-02,false_positive\n"
    )
    message = one_line_error(invoke(SUPPLIERS, "--decisions", decisions))
    assert (
        message == f"error: {decisions}: column 'decision' appears 2 times in the header; keep one"
    )


def test_review_keeps_the_files_own_columns_and_mode(tmp_path):
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(
        "ticket,input_id,entry_id,decision,reviewer,date,reason\n"
        "T-17,V0,sample-el-009,confirmed,kim,2025-01-02,known\n"
    )
    decisions.chmod(0o644)
    assert review_v1(decisions, "another Huawei").exit_code == 0
    lines = decisions.read_text().splitlines()
    assert lines[:2] == [
        "ticket,input_id,entry_id,decision,reviewer,date,reason,entry_digest",
        "T-17,V0,sample-el-009,confirmed,kim,2025-01-02,known",
    ]
    assert lines[2].startswith(",V1,sample-el-015,false_positive,kim,")
    assert decisions.stat().st_mode & 0o777 == 0o644


def test_review_by_name_says_where_it_applies(tmp_path):
    decisions = tmp_path / "decisions.csv"
    recorded = invoke(
        "review", "--decisions", decisions, "--entry-id", "sample-el-015", "--input-name",
        "Huawei Technologies Co Ltd", "--decision", "false_positive", "--reason", "x",
    )  # fmt: skip
    assert recorded.exit_code == 0, recorded.stderr
    assert "warning: recorded by name only: it applies when the screened file has no id" in (
        recorded.stderr
    )
    assert decisions.read_text().splitlines()[1].startswith(",Huawei Technologies Co Ltd,")
