"""`--format junit|sarif|github|xlsx|html` through the CLI: report on stdout or --output,
summary on stderr, the same exit codes; xlsx needs --output."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from clirun import REPO, invoke, one_line_error, runner
from screening_cli.app import app

SUPPLIERS = REPO / "fixtures" / "suppliers.csv"
AS_OF = ("--as-of", "2025-03-26")


def test_junit_on_stdout_names_every_row_and_the_host():
    result = invoke(SUPPLIERS, *AS_OF, "--format", "junit")
    assert result.exit_code == 1
    suite = ET.fromstring(result.stdout)
    cases = suite.findall("testcase")
    assert len(cases) == 53 and all(c.get("name").startswith("row ") for c in cases)
    assert all(":" in c.get("name") for c in cases)  # clean rows named too
    assert suite.get("hostname") and suite.get("timestamp")
    assert "Screened 53 rows" in result.stderr


def test_sarif_to_file_points_at_input_lines(tmp_path):
    target = tmp_path / "screen.sarif"
    result = invoke(SUPPLIERS, *AS_OF, "--format", "sarif", "-o", target)
    assert result.exit_code == 1 and result.stdout == ""
    run = json.loads(target.read_text(encoding="utf-8"))["runs"][0]
    first = run["results"][0]["locations"][0]["physicalLocation"]
    assert first["region"]["startLine"] == 2
    assert first["artifactLocation"]["uri"].endswith("fixtures/suppliers.csv")


def test_github_commands():
    result = invoke(SUPPLIERS, *AS_OF, "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=")
    assert "::notice " in result.stdout


def test_html_to_file(tmp_path):
    target = tmp_path / "report.html"
    assert invoke(SUPPLIERS, *AS_OF, "-f", "html", "-o", target).exit_code == 1
    assert '<table id="hits"' in target.read_text(encoding="utf-8")


def test_xlsx_to_file(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "report.xlsx"
    result = invoke(SUPPLIERS, *AS_OF, "-f", "xlsx", "-o", target)
    assert result.exit_code == 1 and result.stdout == ""
    assert openpyxl.load_workbook(target)["Hits"].max_row == 35  # header + 34 matches


def test_xlsx_without_output_is_a_usage_error():
    assert "--output" in one_line_error(invoke(SUPPLIERS, *AS_OF, "-f", "xlsx"))
    assert "--output" in one_line_error(invoke("lookup", "Huawei", "-f", "xlsx"))


def test_lookup_in_sarif_has_no_file_location():
    result = invoke("lookup", "Huawei Technologies Co Ltd", *AS_OF, "-f", "sarif")
    assert result.exit_code == 1
    location = json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"] == {"artifactLocation": {"uri": "screen"}}


def test_junit_from_standard_input_has_a_test_case_per_row():
    """The rows are kept as they are screened: standard input is read once, not twice."""
    data = (REPO / "fixtures" / "suppliers.csv").read_text(encoding="utf-8")
    result = runner.invoke(app, ["-", "--format", "junit"], input=data)
    assert result.exit_code == 1, result.stderr
    assert result.stdout.count("<testcase ") == 53
    assert '<testcase name="row 53: Flex Ltd."' in result.stdout  # named, not "row 53"
