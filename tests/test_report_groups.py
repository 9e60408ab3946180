"""One row, one verdict: hits grouped by the listed party they name, and what the gate made
of each (screening/report/groups.py), as the JSON, SARIF, GitHub and JUnit reports show it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from screening.models import (
    EntryStatus,
    Finding,
    Gate,
    ListEntry,
    ListSnapshot,
    Match,
    ScreeningResult,
    Supplier,
)
from screening.report import match_record, render_github, render_json, render_junit
from screening.report.groups import (
    MIN_IDENTIFIER_DIGITS,
    Verdict,
    party_groups,
    row_verdicts,
    verdict,
)
from screening.report.sarif import FINGERPRINT_KEY, sarif_record

EL = "Entity List (EL) - Bureau of Industry and Security"
CMIC = "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department"
DPL = "Denied Persons List (DPL) - Bureau of Industry and Security"
SUPPLIER = Supplier(row=1, name="Huawei Technologies Co Ltd", country="CN", input_id="V1")
GATE = Gate()


def entry(entry_id: str, name: str, source: str = EL, **fields: object) -> ListEntry:
    return ListEntry(entry_id=entry_id, source=source, name=name, **fields)  # type: ignore[arg-type]


def hit(
    listed: ListEntry,
    score: float = 100.0,
    *,
    supplier: Supplier = SUPPLIER,
    status: EntryStatus = EntryStatus.IN_FORCE,
    **review: object,
) -> Finding:
    match = Match(supplier, listed, "lists.csv", listed.name, score, "compared 'a' with 'a'")
    return Finding(match=match, status=status, **review)  # type: ignore[arg-type]


def result_of(*findings: Finding, rows: int = 1) -> ScreeningResult:
    snapshot = ListSnapshot("lists.csv", Path("lists.csv"), "0" * 64, "csl", ())
    return ScreeningResult(date(2025, 3, 26), GATE, (snapshot,), rows, tuple(findings))


def test_one_company_on_three_lists_is_one_party_naming_its_lists():
    hits = [
        hit(entry("el-1", "Huawei Technologies Co., Ltd.")),
        hit(entry("cmic-1", "HUAWEI TECHNOLOGIES CO., LTD.", CMIC), 99.0),
        hit(entry("1260h-1", "Huawei Technologies Company Limited", "DoD 1260H"), 98.0),
    ]
    (group,) = party_groups(hits, GATE)
    assert group.entry_ids == ("el-1", "cmic-1", "1260h-1")
    assert group.lists == ("EL", "CMIC", "DoD 1260H")
    assert group.score == 100.0 and group.verdict is Verdict.FAILS


def test_a_listing_naming_another_as_its_alias_joins_it_and_the_join_is_transitive():
    hits = [
        hit(
            entry("el-1", "Huawei Technologies Co., Ltd. (Huawei)", aliases=("Huawei Technology",))
        ),
        hit(entry("el-2", "Huawei Technology")),
        hit(entry("el-3", "HUAWEI TECHNOLOGY CO. LTD.", CMIC)),  # same name as el-2
    ]
    (group,) = party_groups(hits, GATE)
    assert set(group.entry_ids) == {"el-1", "el-2", "el-3"}


def test_a_shared_identifier_number_joins_listings_a_bare_type_or_short_number_does_not():
    number = "Registration Number 1234567 (China)"
    assert sum(c.isdigit() for c in number) >= MIN_IDENTIFIER_DIGITS
    joined = [
        hit(entry("a", "Alpha Trading", identifiers=(number,))),
        hit(entry("b", "Beta Holdings", identifiers=("registration number 1234567 china",))),
    ]
    assert len(party_groups(joined, GATE)) == 1
    apart = [
        hit(entry("a", "Alpha Trading", identifiers=("National Identification Number",))),
        hit(entry("b", "Beta Holdings", identifiers=("National Identification Number",))),
        hit(entry("c", "Gamma Works", identifiers=("Executive Order 13846",))),
        hit(entry("d", "Delta Works", identifiers=("Executive Order 13846",))),
    ]
    assert len(party_groups(apart, GATE)) == 4


def test_other_listings_stay_parties_of_their_own():
    hits = [
        hit(entry("el-1", "Huawei Technologies Co., Ltd.")),
        hit(entry("el-2", "Huawei Technologies (Bolivia) S.R.L."), 88.6),
        hit(entry("el-3", "Huawei Technologies Co., Ltd."), supplier=replace_row(SUPPLIER, 2)),
    ]
    groups = party_groups(hits, GATE)
    assert [(g.supplier.row, g.entry_ids) for g in groups] == [
        (1, ("el-1",)),
        (1, ("el-2",)),
        (2, ("el-3",)),  # the same party met by another row is that row's own group
    ]
    assert [g.number for g in groups] == [1, 2, 3]


def replace_row(supplier: Supplier, row: int) -> Supplier:
    return Supplier(row=row, name=supplier.name, country=supplier.country, input_id=f"V{row}")


def test_verdicts_of_single_hits():
    listed = entry("el-1", "Huawei Technologies Co., Ltd.")
    assert verdict(hit(listed), GATE) is Verdict.FAILS
    assert verdict(hit(listed, cleared=True, decision="false_positive"), GATE) is Verdict.CLEARED
    assert verdict(hit(listed, in_baseline=True), GATE) is Verdict.IN_BASELINE
    assert verdict(hit(listed, 80.0), GATE) is Verdict.BELOW_GATE
    assert verdict(hit(listed, status=EntryStatus.REMOVED), GATE) is Verdict.BELOW_GATE
    assert [v.label for v in Verdict] == [
        "fails",
        "in baseline",
        "cleared by decision",
        "below gate",
    ]


def test_a_party_fails_when_any_listing_fails_and_its_lead_is_the_failing_one():
    hits = [
        hit(entry("el-1", "Huawei Technologies Co., Ltd."), 100.0, cleared=True),
        hit(entry("cmic-1", "HUAWEI TECHNOLOGIES CO., LTD.", CMIC), 95.0),
    ]
    (group,) = party_groups(hits, GATE)
    assert group.verdict is Verdict.FAILS
    assert group.lead.match.entry.entry_id == "cmic-1" and group.score == 95.0
    assert group.positions == (1, 0)


def test_the_row_verdict_comes_from_its_most_serious_party_not_its_highest_score():
    hits = [
        hit(entry("el-1", "Huawei Technologies Co., Ltd."), 100.0, cleared=True),
        hit(entry("el-2", "Huawei Technologies (UK) Co., Ltd."), 88.0),
        hit(entry("dpl-1", "Huawei Device Co.", DPL), 90.0, status=EntryStatus.REMOVED),
    ]
    (row,) = row_verdicts(hits, GATE)
    assert row.verdict is Verdict.FAILS
    assert [g.entry_ids for g in row.groups] == [("el-2",), ("el-1",), ("dpl-1",)]
    assert [g.verdict for g in row.groups] == [Verdict.FAILS, Verdict.CLEARED, Verdict.BELOW_GATE]


def huawei_row() -> ScreeningResult:
    """One supplier row meeting one party on three lists under two names, and another."""
    return result_of(
        hit(entry("el-1", "Huawei Technologies Co., Ltd.", aliases=("Huawei",))),
        hit(entry("cmic-1", "HUAWEI TECHNOLOGIES CO., LTD.", CMIC), 99.0),
        hit(entry("el-2", "Huawei", federal_register_notice="84 FR 22961"), 97.0),
        hit(entry("el-3", "Huawei Technologies (UK) Co., Ltd."), 88.0),
    )


def test_json_adds_the_grouping_and_keeps_every_hit_as_it_was():
    result = huawei_row()
    report = json.loads(render_json(result))
    assert len(report["matches"]) == 4
    for finding, record in zip(result.findings, report["matches"], strict=True):
        assert {k: v for k, v in record.items() if k not in ("group", "features")} == json.loads(
            json.dumps(match_record(finding, result.gate))
        )
    assert [m["group"] for m in report["matches"]] == [1, 1, 1, 2]
    first, second = report["groups"]
    assert first["entry_ids"] == ["el-1", "cmic-1", "el-2"] and first["lists"] == ["EL", "CMIC"]
    assert first["matches"] == [0, 1, 2] and first["leads_row"] is True
    assert first["verdict"] == "fails" and first["fails_gate"] is True
    assert second["entry_ids"] == ["el-3"] and second["leads_row"] is False
    assert report["summary"]["parties"] == 2 and report["summary"]["rows_failing_gate"] == 1
    assert report["summary"]["matches"] == 4  # the contract's count is still of hits


def test_sarif_github_and_junit_raise_one_alert_per_row_and_party():
    result = huawei_row()
    results = sarif_record(result)["runs"][0]["results"]
    assert len(results) == 2
    first = results[0]
    assert [e["entry_id"] for e in first["properties"]["entries"]] == ["el-1", "cmic-1", "el-2"]
    assert "also CMIC cmic-1; EL el-2" in first["message"]["text"]
    assert first["level"] == "error" and first["properties"]["verdict"] == "fails"
    assert len({r["partialFingerprints"][FINGERPRINT_KEY] for r in results}) == 2

    lines = render_github(result).splitlines()
    assert len(lines) == 2 and all(line.startswith("::error ") for line in lines)
    assert "may be listed (EL%2C CMIC)" in lines[0]

    case = ET.fromstring(render_junit(result)).find("testcase")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message", "").count(" | ") == 1  # two parties, not four hits


def test_sarif_fingerprint_of_a_party_of_one_listing_is_unchanged():
    """A party of one listing keeps the fingerprint earlier versions gave its hit, so code
    scanning does not reopen every alert after the upgrade."""
    import hashlib

    result = result_of(hit(entry("el-9", "Inspur Software Co., Ltd.")))
    (only,) = sarif_record(result)["runs"][0]["results"]
    expected = hashlib.sha256(b"V1\x1fel-9").hexdigest()
    assert only["partialFingerprints"][FINGERPRINT_KEY] == expected
