"""Rows whose names have nothing to compare (punctuation, a legal form alone) are reported
as skipped with the reason, like blank names, and `--strict` fails the run on them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from clirun import invoke

from screening.match import NO_LETTERS, ONLY_LEGAL_FORMS


@pytest.mark.parametrize(
    ("name", "reason"),
    [("---", NO_LETTERS), ("()", NO_LETTERS), ("Ltd.", ONLY_LEGAL_FORMS),
     ('"Co., Ltd."', ONLY_LEGAL_FORMS), ("有限公司", ONLY_LEGAL_FORMS)],
)  # fmt: skip
def test_a_name_with_nothing_to_compare_fails_a_strict_run(tmp_path, name, reason):
    file = tmp_path / "s.csv"
    file.write_text(f"id,name\nA1,Siemens AG\nA2,{name}\n", encoding="utf-8")
    result = invoke(file, "--as-of", "2025-03-26", "--format", "json")
    assert result.exit_code == 0, result.stderr  # screened: nothing fails the gate
    report = json.loads(result.stdout)
    assert report["summary"]["rows"] == 2
    assert report["skipped_rows"] == [{"row": 2, "input_id": "A2", "reason": reason}]
    assert f"1 row skipped, {reason} (row 2)" in result.stderr
    assert invoke(file, "--as-of", "2025-03-26", "--strict").exit_code == 2


def test_each_reason_is_named_in_the_summary_and_the_junit_report(tmp_path):
    file = tmp_path / "s.csv"
    file.write_text("id,name\n1,\n2,---\n3,Ltd.\n4,Siemens AG\n5,()\n", encoding="utf-8")
    result = invoke(file, "--as-of", "2025-03-26", "--format", "junit")
    assert result.exit_code == 0, result.stderr
    assert "1 row skipped, empty name (row 1)" in result.stderr
    assert f"2 rows skipped, {NO_LETTERS} (row 2, 5)" in result.stderr
    assert f"1 row skipped, {ONLY_LEGAL_FORMS} (row 3)" in result.stderr
    messages = [e.get("message") for e in ET.fromstring(result.stdout).iter("skipped")]
    assert messages == [
        "empty name: row not screened",
        f"{NO_LETTERS}: row not screened",
        f"{ONLY_LEGAL_FORMS}: row not screened",
        f"{NO_LETTERS}: row not screened",
    ]
