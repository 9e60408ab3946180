"""The `screen` command through Typer's runner: exit codes, stdout report, stderr summary."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from clirun import REPO, invoke, one_line_error
from screening_cli.app import app

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
SAMPLE = REPO / "fixtures" / "lists" / "sample_csl.csv"


#: Fields DESIGN.md promises in every JSON match.
CONTRACT_MATCH_FIELDS = {
    "row",
    "input_name",
    "entry_id",
    "source",
    "entry_name",
    "matched_name",
    "score",
    "status",
    "start_date",
    "end_date",
    "federal_register_notice",
    "license_requirement",
    "license_policy",
    "explanation",
}


def test_batch_exits_1_and_shows_hits_with_status_and_citation():
    result = invoke(SUPPLIERS, "--as-of", "2025-03-26")
    assert result.exit_code == 1
    assert "Huawei Technologies Co., Ltd." in result.stdout
    assert "84 FR 22961" in result.stdout
    assert "in force" in result.stdout
    assert "removed" in result.stdout and "2017-03-29" in result.stdout  # ZTE's lifted listing
    assert "bundled sample list: not a complete screening list" in result.stderr
    assert "Screened 53 rows against 1 list" in result.stderr
    assert "Screened" not in result.stdout


def test_clean_file_exits_0(tmp_path):
    clean = tmp_path / "clean.csv"
    clean.write_text("vendor_id,name,country\nV1,Robert Bosch GmbH,DE\nV2,Siemens AG,DE\n")
    result = invoke(clean, "--as-of", "2025-03-26")
    assert result.exit_code == 0, result.stderr
    assert "No potential matches" in result.stdout
    assert "0 potential matches" in result.stderr


def test_json_report_carries_the_contract_fields():
    result = invoke(SUPPLIERS, "--as-of", "2025-03-26", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["as_of"] == "2025-03-26"
    assert report["threshold"] == 85.0
    (used,) = report["lists"]
    assert used["entries"] == 24 and len(used["sha256"]) == 64 and used["bundled_sample"]
    assert {"rows", "rows_matched", "matches"} <= set(report["summary"])
    assert report["summary"]["rows"] == 53
    assert report["matches"], "the sample suppliers include true hits"
    for match in report["matches"]:
        assert CONTRACT_MATCH_FIELDS <= set(match)
        assert match["status"] in {"in_force", "pending", "removed"}
        assert 0 <= match["score"] <= 100


def test_as_of_before_the_action_shows_its_additions_pending():
    result = invoke(SUPPLIERS, "--as-of", "2025-03-24", "--format", "json")
    report = json.loads(result.stdout)
    baai = [m for m in report["matches"] if m["entry_id"] == "sample-el-001"]
    assert baai and all(m["status"] == "pending" for m in baai)
    huawei = [m for m in report["matches"] if m["entry_id"] == "sample-el-015"]
    assert huawei and all(m["status"] == "in_force" for m in huawei)


def test_fail_on_in_force_ignores_pending_listings(tmp_path):
    pending_only = tmp_path / "s.csv"
    pending_only.write_text('name\n"Nettrix Information Industry Co., Ltd."\n')
    assert invoke(pending_only, "--as-of", "2025-03-24").exit_code == 1
    assert invoke(pending_only, "--as-of", "2025-03-24", "--fail-on", "in-force").exit_code == 0
    assert invoke(pending_only, "--as-of", "2025-03-26", "--fail-on", "never").exit_code == 0


def test_removed_listing_is_reported_but_does_not_fail_by_default(tmp_path):
    zte = tmp_path / "zte.csv"
    zte.write_text("name\nZTE Kangxun Telecommunications Ltd.\n")
    result = invoke(zte, "--as-of", "2025-03-26", "--format", "json")
    assert result.exit_code == 0
    statuses = {m["status"] for m in json.loads(result.stdout)["matches"]}
    assert statuses == {"removed"}
    assert invoke(zte, "--as-of", "2025-03-26", "--fail-on", "any").exit_code == 1


def test_csv_report_to_output_file(tmp_path):
    out = tmp_path / "report.csv"
    result = invoke(SUPPLIERS, "--as-of", "2025-03-26", "--format", "csv", "-o", out)
    assert result.exit_code == 1
    assert result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and CONTRACT_MATCH_FIELDS <= set(rows[0])
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]  # no temp file left


def test_explicit_list_and_threshold(tmp_path):
    result = invoke(
        SUPPLIERS, "-l", SAMPLE, "--as-of", "2025-03-26", "--threshold", "99.5", "--format", "json"
    )
    report = json.loads(result.stdout)
    assert not report["lists"][0]["bundled_sample"]
    assert "bundled sample" not in result.stderr
    assert all(m["score"] >= 99.5 for m in report["matches"])


def test_empty_names_are_counted_not_dropped(tmp_path):
    file = tmp_path / "s.csv"
    file.write_text("id,name\n1,Siemens AG\n2,\n3,Huawei Technologies\n")
    result = invoke(file, "--as-of", "2025-03-26", "--format", "json")
    report = json.loads(result.stdout)
    assert report["summary"]["rows"] == 3
    assert report["skipped_rows"] == [{"row": 2, "input_id": "2", "reason": "empty name"}]
    assert "1 row skipped, empty name (row 2)" in result.stderr
    assert [m["row"] for m in report["matches"]] == [3]
    assert invoke(file, "--as-of", "2025-03-26", "--strict").exit_code == 2


def test_chinese_headers_in_gb18030(tmp_path):
    file = tmp_path / "供应商.csv"
    file.write_bytes(
        "编号,供应商名称,国家\nA1,华为技术有限公司,中国\nA2,西门子股份公司,德国\n".encode("gb18030")
    )
    result = invoke(file, "--as-of", "2025-03-26", "--format", "json")
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert [(m["row"], m["entry_id"]) for m in report["matches"]] == [(1, "sample-el-015")]
    assert report["matches"][0]["input_name"] == "华为技术有限公司"


# --- lookup ---------------------------------------------------------------------------


def test_lookup_hit_exits_1_best_first():
    result = invoke(
        "lookup",
        "Inspur Electronic Information Industry",
        "--as-of",
        "2025-03-26",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    matches = json.loads(result.stdout)["matches"]
    assert matches[0]["entry_id"] == "sample-el-007"
    assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)
    assert all(m["row"] == 1 for m in matches)


def test_lookup_limit_and_clean_name():
    result = invoke("lookup", "Inspur", "--limit", "2", "--format", "json", "--as-of", "2025-03-26")
    assert len(json.loads(result.stdout)["matches"]) <= 2
    clean = invoke("lookup", "Robert Bosch GmbH", "--as-of", "2025-03-26")
    assert clean.exit_code == 0
    assert "No potential matches" in clean.stdout


def test_lookup_pending_listing():
    result = invoke(
        "lookup",
        "Beijing Academy of Artificial Intelligence",
        "--as-of",
        "2025-03-24",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    assert json.loads(result.stdout)["matches"][0]["status"] == "pending"


# --- bad input: exit 2, one line, nothing on stdout ----------------------------------------


def test_missing_file(tmp_path):
    assert "does not exist" in one_line_error(invoke(tmp_path / "nope.csv"))


def test_directory_instead_of_file(tmp_path):
    assert "is a directory" in one_line_error(invoke(tmp_path))


def test_empty_file(tmp_path):
    (tmp_path / "e.csv").write_text("")
    assert "is empty" in one_line_error(invoke(tmp_path / "e.csv"))


def test_header_only(tmp_path):
    (tmp_path / "h.csv").write_text("vendor_id,name,country\n")
    assert "no data rows" in one_line_error(invoke(tmp_path / "h.csv"))


def test_no_name_column_lists_headers(tmp_path):
    (tmp_path / "n.csv").write_text("vendor_id,city\n1,Paris\n")
    message = one_line_error(invoke(tmp_path / "n.csv"))
    assert "no name column" in message and "vendor_id, city" in message


def test_unquoted_delimiter_in_a_name_is_an_error_not_a_shift(tmp_path):
    (tmp_path / "c.csv").write_text("id,name\n1,Nettrix Information Industry Co., Ltd.\n")
    message = one_line_error(invoke(tmp_path / "c.csv"))
    assert "line 2" in message and "3 cells but the header has 2" in message


def test_undecodable_bytes(tmp_path):
    (tmp_path / "b.csv").write_bytes(b"name\nCaf\xe9 Ltd\n")
    message = one_line_error(invoke(tmp_path / "b.csv", "--encoding", "utf-8"))
    assert "not valid utf-8" in message and "--encoding" in message


def test_list_in_unknown_format(tmp_path):
    (tmp_path / "list.txt").write_text("just some text\nnot a list\n")
    message = one_line_error(invoke(SUPPLIERS, "--list", tmp_path / "list.txt"))
    assert "format not recognised" in message and "list.txt" in message


@pytest.mark.parametrize("value", ["2025-13-01", "yesterday", "26/03/2025"])
def test_invalid_as_of(value):
    assert "--as-of" in one_line_error(invoke(SUPPLIERS, "--as-of", value))


def test_threshold_out_of_range():
    assert "--threshold" in one_line_error(invoke(SUPPLIERS, "--threshold", "140"))


def test_unknown_option_is_a_usage_error():
    result = invoke(SUPPLIERS, "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_output_into_missing_folder(tmp_path):
    out = tmp_path / "missing" / "r.json"
    message = one_line_error(invoke(SUPPLIERS, "--format", "json", "-o", out))
    assert "does not exist" in message
    assert not out.parent.exists()


# --- documentation -------------------------------------------------------------------------


def test_every_option_has_help_text():
    import typer.main

    command = typer.main.get_command(app)
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        for param in sub.params:
            assert getattr(param, "help", None), f"{name} {param.name} has no help text"


def test_installed_script_help_runs():
    """The console script's module runs as a program and prints its help quickly."""
    done = subprocess.run(
        [sys.executable, "-m", "screening_cli", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert done.returncode == 0
    assert "lookup" in done.stdout and "check" in done.stdout
