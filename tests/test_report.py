"""Report formats: CSV (formula-safe), JSON (the DESIGN.md contract), atomic file writes."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from screening.errors import ConfigError
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
from screening.report import MATCH_FIELDS, render_csv, render_json, write_report
from screening.report.csv import neutralise_cell

ENTRY = ListEntry(
    entry_id="sample-el-001",
    source="Entity List (EL) - Bureau of Industry and Security",
    name="Beijing Academy of Artificial Intelligence",
    aliases=("BAAI",),
    addresses=("CN",),
    countries=("CN",),
    start_date=date(2025, 3, 25),
    federal_register_notice="90 FR 14046",
    license_requirement="For all items subject to the EAR.",
    license_policy="Presumption of denial.",
)
SNAPSHOT = ListSnapshot(name="sample_csl.csv", path=Path("lists/sample_csl.csv"),
                        sha256="ab" * 32, format="csl-csv", entries=(ENTRY,))  # fmt: skip


def make_result(*names: str, status: EntryStatus = EntryStatus.PENDING) -> ScreeningResult:
    findings = tuple(
        Finding(
            match=Match(
                supplier=Supplier(row=row, name=name, country="CN", input_id=f"V{row:04d}"),
                entry=ENTRY,
                list_name=SNAPSHOT.name,
                matched_name="BAAI",
                score=91.5,
                explanation="compared 'baai' with 'baai'",
            ),
            status=status,
        )
        for row, name in enumerate(names, start=1)
    )
    return ScreeningResult(
        as_of=date(2025, 3, 24),
        gate=Gate(85.0, fail_on=FailOn.PENDING),
        lists=(SNAPSHOT,),
        rows=len(names) + 1,
        findings=findings,
    )


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# --- CSV ----------------------------------------------------------------------------------

DANGEROUS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd"]


def test_csv_neutralises_formula_cells():
    names = [*DANGEROUS, "BAAI Ltd"]
    rows = parse_csv(render_csv(make_result(*names)))
    assert rows[0] == [*MATCH_FIELDS, "finding"]  # `finding`: name or ownership row
    assert len(rows) == len(names) + 1
    column = MATCH_FIELDS.index("input_name")
    got = [row[column] for row in rows[1:]]
    assert got == ["'" + name for name in DANGEROUS] + ["BAAI Ltd"]
    for row in rows[1:]:
        assert len(row) == len(MATCH_FIELDS) + 1
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_neutralise_cell_prefixes_apostrophe(start):
    assert neutralise_cell(start + "1+1") == "'" + start + "1+1"


def test_neutralise_cell_leaves_other_values():
    assert neutralise_cell("Acme = Beta") == "Acme = Beta"
    assert neutralise_cell(None) == ""
    assert neutralise_cell(91.5) == "91.5"
    assert neutralise_cell(["CN", "HK"]) == "CN; HK"


@pytest.mark.parametrize("name", ["\rcmd", "Acme\rCorp"])
def test_csv_cell_with_carriage_return_round_trips(name):
    rows = parse_csv(render_csv(make_result(name)))
    assert len(rows) == 2
    cell = rows[1][MATCH_FIELDS.index("input_name")]
    assert cell == ("'" + name if name.startswith("\r") else name)


def test_csv_values_round_trip():
    rows = parse_csv(render_csv(make_result("Beijing Academy of AI")))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["row"] == "1"
    assert record["input_id"] == "V0001"
    assert record["entry_id"] == "sample-el-001"
    assert record["matched_name"] == "BAAI"
    assert float(record["score"]) == 91.5
    assert record["status"] == "pending"
    assert record["start_date"] == "2025-03-25"
    assert record["end_date"] == ""
    assert record["federal_register_notice"] == "90 FR 14046"
    assert record["license_policy"] == "Presumption of denial."
    assert record["entry_countries"] == "CN"


def test_csv_without_matches_is_header_only():
    assert parse_csv(render_csv(make_result())) == [[*MATCH_FIELDS, "finding"]]


# --- JSON ---------------------------------------------------------------------------------

CONTRACT_MATCH_KEYS = {
    "row", "input_name", "entry_id", "source", "entry_name", "matched_name", "score",
    "status", "start_date", "end_date", "federal_register_notice", "license_requirement",
    "license_policy", "explanation",
}  # fmt: skip


def test_json_has_contract_keys():
    data = json.loads(render_json(make_result("北京智源人工智能研究院", "BAAI")))
    assert data["as_of"] == "2025-03-24"
    assert data["threshold"] == 85.0
    (listed,) = data["lists"]
    assert {"name", "path", "sha256", "entries"} <= listed.keys()
    assert listed["name"] == "sample_csl.csv"
    assert listed["path"] == str(Path("lists/sample_csl.csv"))
    assert listed["sha256"] == "ab" * 32
    assert listed["entries"] == 1
    assert {"rows", "rows_matched", "matches"} <= data["summary"].keys()
    assert (data["summary"]["rows"], data["summary"]["rows_matched"]) == (3, 2)
    assert data["summary"]["matches"] == len(data["matches"]) == 2
    for match in data["matches"]:
        assert CONTRACT_MATCH_KEYS <= match.keys(), CONTRACT_MATCH_KEYS - match.keys()
        assert match["status"] in {"in_force", "pending", "removed"}
        assert 0 <= match["score"] <= 100
    first = data["matches"][0]
    assert first["row"] == 1
    assert first["input_name"] == "北京智源人工智能研究院"
    assert first["entry_id"] == "sample-el-001"
    assert first["source"] == "Entity List (EL) - Bureau of Industry and Security"
    assert first["start_date"] == "2025-03-25"
    assert first["end_date"] is None


def test_json_keeps_non_ascii_readable():
    assert "北京智源" in render_json(make_result("北京智源人工智能研究院"))


# --- write_report -------------------------------------------------------------------------


def test_write_report_writes_and_replaces(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    write_report(target, "new 报告\n")
    assert target.read_bytes() == "new 报告\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_write_report_failure_leaves_no_temp_file(tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_report(target, "half \ud800 written")  # a lone surrogate cannot be encoded
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]
    assert target.read_text(encoding="utf-8") == "old"


def test_write_report_os_error_is_config_error_and_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "report.csv"

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ConfigError, match="report.csv"):
        write_report(target, "text")
    assert list(tmp_path.iterdir()) == []


def test_write_report_missing_folder(tmp_path):
    target = tmp_path / "no_such_folder" / "report.json"
    with pytest.raises(ConfigError, match="does not exist"):
        write_report(target, "{}")
    assert not target.parent.exists()


def test_write_report_to_directory(tmp_path):
    with pytest.raises(ConfigError, match="directory"):
        write_report(tmp_path, "{}")


def test_every_name_match_in_json_carries_its_features():
    """DESIGN.md: the explanation also as data, the features that made the score."""

    from screening.options import ScreenOptions
    from screening.report import render_json
    from screening.screen import load_lists, screen_file

    repo = Path(__file__).resolve().parents[1]
    lists = load_lists([repo / "fixtures" / "lists" / "sample_csl.csv"])
    result, _ = screen_file(
        repo / "fixtures" / "suppliers.csv", lists, ScreenOptions(as_of=date(2025, 3, 26))
    )
    report = json.loads(render_json(result))
    assert report["matches"]
    for match in report["matches"]:
        features = match["features"]
        assert features["words"], match["input_name"]
        assert {w["rule"] for w in features["words"]} <= {
            "same", "consonants", "name_form", "abbreviation", "plural", "typo", "variant", "none"
        }  # fmt: skip
        # The features are what made the score: name score and country points add up to it.
        assert round(features["score"]) == round(match["score"]), match["input_name"]
