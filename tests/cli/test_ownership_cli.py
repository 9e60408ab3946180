"""`screen check --ownership` and `screen explain`: exit codes, JSON fields, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from clirun import REPO, invoke, one_line_error

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
OWNERSHIP = REPO / "fixtures" / "ownership.csv"


#: Fields DESIGN.md promises in every JSON ownership finding.
CONTRACT_OWNERSHIP_FIELDS = {"row", "input_name", "share", "rule", "rule_status", "owners", "path"}


@pytest.fixture
def owned_only(tmp_path) -> Path:
    """Two clean suppliers: Haier (60% Huawei, Entity List) and Delta (chain via Inspur)."""
    path = tmp_path / "s.csv"
    path.write_text(
        'vendor_id,name,country\nV0052,"Haier Smart Home Co., Ltd.",CN\n'
        'V0051,"Delta Electronics, Inc.",TW\n',
        encoding="utf-8",
    )
    return path


def test_json_carries_the_ownership_fields():
    result = invoke(SUPPLIERS, "--ownership", OWNERSHIP, "--as-of", "2026-12-01", "-f", "json")
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["ownership_findings"] == 6
    assert report["summary"]["ownership_failing_gate"] == 6
    assert {r["rule"]: r["status"] for r in report["ownership_input"]["rules"]} == {
        "ofac_50": "in_force",
        "bis_affiliates": "in_force",
    }
    for finding in report["ownership"]:
        assert CONTRACT_OWNERSHIP_FIELDS <= set(finding)
        assert 0 <= finding["share"] <= 100
        assert finding["rule"] in {"ofac_50", "bis_affiliates"}
        assert finding["rule_status"] in {"in_force", "suspended", "pending"}
    haier = next(f for f in report["ownership"] if f["input_id"] == "V0052")
    assert haier["owners"] == ["sample-el-015"] and haier["share"] == 60
    assert haier["license_policy"] == "Presumption of denial."
    assert haier["license_requirement"].startswith("For all items subject to the EAR")
    assert haier["path"].startswith("Haier Smart Home Co., Ltd. ← 60% Huawei Technologies")


def test_json_without_ownership_has_no_ownership_keys():
    report = json.loads(invoke(SUPPLIERS, "--as-of", "2026-12-01", "-f", "json").stdout)
    assert "ownership" not in report and "ownership_findings" not in report["summary"]


def test_suspended_rule_reports_but_exits_0(owned_only):
    result = invoke(owned_only, "--ownership", OWNERSHIP, "--as-of", "2026-03-01", "-f", "json")
    assert result.exit_code == 0, result.stderr
    statuses = {f["rule_status"] for f in json.loads(result.stdout)["ownership"]}
    assert statuses == {"suspended"}
    assert "2 ownership findings (50% rules), 0 fail the gate" in result.stderr


def test_pending_rule_reports_but_exits_0(owned_only):
    result = invoke(owned_only, "--ownership", OWNERSHIP, "--as-of", "2025-06-01", "-f", "json")
    assert result.exit_code == 0
    assert {f["rule_status"] for f in json.loads(result.stdout)["ownership"]} == {"pending"}


@pytest.mark.parametrize("as_of", ["2025-10-15", "2026-11-10"])
def test_rule_in_force_exits_1(owned_only, as_of):
    result = invoke(owned_only, "--ownership", OWNERSHIP, "--as-of", as_of)
    assert result.exit_code == 1
    assert "Ownership look-through as of" in result.stdout
    assert "in force" in result.stdout
    assert "2 ownership findings (50% rules), 2 fail the gate" in result.stderr


def test_fail_on_any_counts_a_suspended_rule(owned_only):
    args = (owned_only, "--ownership", OWNERSHIP, "--as-of", "2026-03-01")
    assert invoke(*args, "--fail-on", "any").exit_code == 1
    assert invoke(*args, "--fail-on", "never").exit_code == 0


def test_user_rules_file_extends_the_suspension(owned_only, tmp_path):
    rules = tmp_path / "rules.csv"
    rules.write_text(
        "rule,title,lists,threshold,status,from,through,source\n"
        "bis_affiliates,BIS Affiliates Rule,EL;MEU,50,in_force,2025-09-29,2025-11-09,a\n"
        "bis_affiliates,BIS Affiliates Rule,EL;MEU,50,suspended,2025-11-10,2027-11-09,b\n",
        encoding="utf-8",
    )
    args = (owned_only, "--ownership", OWNERSHIP, "--as-of", "2026-12-01")
    assert invoke(*args).exit_code == 1
    assert invoke(*args, "--ownership-rules", rules).exit_code == 0


def test_csv_has_ownership_rows_after_name_rows():
    result = invoke(SUPPLIERS, "--ownership", OWNERSHIP, "--as-of", "2026-03-01", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    kinds = [r["finding"] for r in rows]
    assert kinds == sorted(kinds, key=lambda k: k != "name")
    ownership = [r for r in rows if r["finding"] == "ownership"]
    assert len(ownership) == 6
    samsung = next(r for r in ownership if r["input_name"].startswith("Samsung"))
    assert samsung["entry_id"] == "sample-el-009; sample-el-010"
    assert samsung["status"] == "suspended" and samsung["fails_gate"] == "False"
    assert samsung["explanation"].startswith("BIS Affiliates Rule: 50% held by listed parties")


def test_warnings_go_to_stderr():
    result = invoke(SUPPLIERS, "--ownership", OWNERSHIP, "--as-of", "2026-03-01", "-f", "json")
    assert "warning: " in result.stderr and "ownership cycle among" in result.stderr
    report = json.loads(result.stdout)
    assert any("cycle" in w for w in report["ownership_input"]["warnings"])


# --- bad ownership input: exit 2, one line ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("owned,owner,percent\nA Co,B Co,130\n", "line 2, column percent"),
        ("owned,owner,percent\nA Co,A Co,30\n", "owning itself"),
        ("name,percent\nA Co,30\n", "needs columns owned, owner and percent"),
    ],
)
def test_bad_ownership_file(tmp_path, text, message):
    bad = tmp_path / "own.csv"
    bad.write_text(text, encoding="utf-8")
    assert message in one_line_error(invoke(SUPPLIERS, "--ownership", bad))


def test_missing_ownership_file(tmp_path):
    message = one_line_error(invoke(SUPPLIERS, "--ownership", tmp_path / "none.csv"))
    assert "does not exist" in message


def test_bad_rules_file(tmp_path):
    rules = tmp_path / "rules.csv"
    rules.write_text("rule,title\nx,y\n", encoding="utf-8")
    args = (SUPPLIERS, "--ownership", OWNERSHIP, "--ownership-rules", rules)
    assert "lacks column(s)" in one_line_error(invoke(*args))


# --- explain -----------------------------------------------------------------------------------


def test_explain_draws_the_tree_and_exits_1_when_restricted():
    result = invoke(
        "explain", "V0047", "--suppliers", SUPPLIERS, "--ownership", OWNERSHIP,
        "--as-of", "2026-12-01",
    )  # fmt: skip
    assert result.exit_code == 1, result.stderr
    out = result.stdout
    assert "Owners of Texas Instruments Incorporated (row 47, id V0047)" in out
    assert "└── 60% Ridgeway Trading LLC" in out
    assert "40% Suma-USI Electronics Co Ltd" in out and "EL sample-el-011" in out
    assert "cycle" in out
    assert "BIS Affiliates Rule (in force): 60% held by listed parties" in out


def test_explain_by_row_number_under_suspension_exits_0():
    result = invoke(
        "explain", "52", "--suppliers", SUPPLIERS, "--ownership", OWNERSHIP,
        "--as-of", "2026-03-01",
    )  # fmt: skip
    assert result.exit_code == 0
    assert "Haier Smart Home" in result.stdout
    assert "BIS Affiliates Rule (suspended)" in result.stdout


def test_explain_party_of_the_ownership_file():
    result = invoke("explain", "Harbour Crest Holdings Ltd", "--ownership", OWNERSHIP)
    assert "50% Inspur Electronic Information Industry Co Ltd" in result.stdout


def test_explain_unknown_id():
    result = invoke("explain", "V9999", "--suppliers", SUPPLIERS, "--ownership", OWNERSHIP)
    assert "no supplier with id or row number" in one_line_error(result)


def test_explain_needs_an_ownership_file():
    result = invoke("explain", "V0047")
    assert result.exit_code == 2 and "--ownership" in result.stderr


def test_an_ownership_file_with_chinese_headers_finds_the_listed_owner(tmp_path):
    """A shareholder table as Chinese company data writes it (被投资企业名称, 股东名称,
    持股比例 with a full-width %, GB18030): Haier 60% owned by Huawei fails the gate."""
    suppliers = tmp_path / "供应商.csv"
    suppliers.write_text("编号,名称,国家\nV1,海尔智家股份有限公司,中国\n", encoding="utf-8")
    owners = tmp_path / "股权.csv"
    owners.write_bytes(
        "被投资企业名称,股东名称,持股比例,截止日期\n"
        "海尔智家股份有限公司,华为技术有限公司,60％,2024-12-31\n".encode("gb18030")
    )
    result = invoke(suppliers, "--ownership", owners, "--as-of", "2026-12-01", "-f", "json")
    assert result.exit_code == 1, result.stderr
    (finding,) = json.loads(result.stdout)["ownership"]
    assert (finding["input_id"], finding["share"]) == ("V1", 60)
    assert finding["owners"] == ["sample-el-015"]
