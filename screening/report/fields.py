"""The fields every machine-readable report shares (the contract in DESIGN.md)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from screening.gate import (
    fails_gate,
    ownership_fails,
    ownership_failures,
    result_failures,
)
from screening.models import (
    Agreement,
    Basis,
    Evidence,
    Finding,
    Gate,
    OwnershipFinding,
    OwnershipReview,
    ScreeningResult,
)
from screening.report.groups import PartyGroup, Verdict, row_verdicts

if TYPE_CHECKING:
    from screening.ownership import Explanation, OwnershipNode

#: Per-match fields, in report column order.
MATCH_FIELDS: tuple[str, ...] = (
    "row",
    "input_id",
    "input_name",
    "input_country",
    "entry_id",
    "source",
    "list",
    "entry_name",
    "matched_name",
    "score",
    "status",
    "start_date",
    "end_date",
    "federal_register_notice",
    "license_requirement",
    "license_policy",
    "programs",
    "entry_countries",
    "fails_gate",
    "explanation",
    "decision",
    "cleared",
    "review_note",
    "in_baseline",
    "matched_column",
    "input_second_name",
    "evidence_agrees",
    "evidence_differs",
    "evidence_missing",
)

#: Per-ownership-finding fields of the JSON report (the `ownership` list).
OWNERSHIP_FIELDS: tuple[str, ...] = (
    "row",
    "input_id",
    "input_name",
    "input_country",
    "share",
    "share_max",
    "percent_unknown",
    "rule",
    "rule_title",
    "rule_status",
    "rule_source",
    "owners",
    "owner_details",
    "path",
    "license_requirement",
    "license_policy",
    "evidence_as_of",
    "fails_gate",
)


#: How a field of several values (aliases, programs, countries) is written in one cell of
#: a table format: the CSL's own multi-value separator.
LIST_SEPARATOR = "; "


def flat(value: Any) -> Any:
    """A record value for one cell of a table format (CSV, XLSX, HTML, Parquet): a list
    joined with LIST_SEPARATOR, anything else as it is."""
    return LIST_SEPARATOR.join(str(v) for v in value) if isinstance(value, list) else value


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def evidence_record(item: Evidence) -> dict[str, Any]:
    """One field beyond the name as compared (`screening.evidence`): the field, whether
    it agrees, differs or is missing on one side (`agreement`), both values and the points
    it moved the score by."""
    return {
        "field": item.field,
        "agreement": item.agreement.value,
        "input": item.input_value,
        "listed": item.listed_value,
        "points": round(item.points, 2),
    }


def _evidence_summary(evidence: tuple[Evidence, ...]) -> dict[str, list[str]]:
    """The evidence as three flat lists of field names, for table formats: the fields
    that agree, that differ, and those missing on one side ("address (input)", "date_of_birth
    (listing)") or not comparable ("identifier (not comparable)")."""
    missing = {
        Agreement.INPUT_MISSING: "input",
        Agreement.LISTING_MISSING: "listing",
        Agreement.UNCOMPARED: "not comparable",
    }
    return {
        "evidence_agrees": [e.field for e in evidence if e.agreement is Agreement.AGREES],
        "evidence_differs": [e.field for e in evidence if e.agreement is Agreement.DIFFERS],
        "evidence_missing": [
            f"{e.field} ({missing[e.agreement]})" for e in evidence if e.agreement in missing
        ],
    }


def match_record(finding: Finding, gate: Gate) -> dict[str, Any]:
    """One finding as a flat record with the contract's field names; `fails_gate` as the
    run's `gate` judges it. Beyond the contract: `finding` says what the finding rests on
    (`name`, `identifier` or `address`), `matched_column` which input name matched (`name`
    or `second_name`), `evidence` each field beyond the name as compared
    (`evidence_record`), and the `evidence_*` fields the same in three flat lists."""
    match, entry = finding.match, finding.match.entry
    return {
        "row": match.supplier.row,
        "input_id": match.supplier.input_id,
        "input_name": match.supplier.name,
        "input_country": match.supplier.country,
        "entry_id": entry.entry_id,
        "source": entry.source,
        "list": match.list_name,
        "entry_name": entry.name,
        "matched_name": match.matched_name,
        "score": match.score,
        "status": finding.status.value,
        "start_date": _iso(entry.start_date),
        "end_date": _iso(entry.end_date),
        "federal_register_notice": entry.federal_register_notice,
        "license_requirement": entry.license_requirement,
        "license_policy": entry.license_policy,
        "programs": list(entry.programs),
        "entry_countries": list(entry.countries),
        "fails_gate": fails_gate(finding, gate),
        "explanation": match.explanation,
        "decision": finding.decision,
        "cleared": finding.cleared,
        "review_note": finding.review_note,
        "in_baseline": finding.in_baseline,
        "matched_column": match.input_column,
        "input_second_name": match.supplier.second_name,
        **_evidence_summary(match.evidence),
        "finding": match.basis.value,
        "evidence": [evidence_record(e) for e in match.evidence],
    }


def ownership_record(finding: OwnershipFinding, gate: Gate) -> dict[str, Any]:
    """One ownership finding as a flat record with the contract's field names."""
    supplier = finding.supplier
    return {
        "row": supplier.row,
        "input_id": supplier.input_id,
        "input_name": supplier.name,
        "input_country": supplier.country,
        "share": round(finding.share, 2),
        "share_max": round(finding.share_max, 2),
        "percent_unknown": finding.percent_unknown,
        "rule": finding.rule,
        "rule_title": finding.rule_title,
        "rule_status": finding.rule_status.value,
        "rule_source": finding.rule_source,
        "owners": [o.entry.entry_id for o in finding.owners],
        "owner_details": [
            {
                "entry_id": o.entry.entry_id,
                "entry_name": o.entry.name,
                "source": o.entry.source,
                "list": o.list_name,
                "party": o.party,
                "score": o.score,
                "status": o.status.value,
            }
            for o in finding.owners
        ],
        "path": finding.path,
        "license_requirement": finding.license_requirement,
        "license_policy": finding.license_policy,
        "evidence_as_of": _iso(finding.evidence_as_of),
        "fails_gate": ownership_fails(finding, gate),
    }


def ownership_match_record(finding: OwnershipFinding, gate: Gate) -> dict[str, Any]:
    """An ownership finding in the match columns, for reports with one row per finding (CSV):
    the listed owners stand in the entry columns, the rule's status in `status`, the share
    and path in `explanation`; `score` stays empty, a share being no name score."""
    record = ownership_record(finding, gate)
    owners = finding.owners
    share = f"{record['share']:g}%"
    if finding.percent_unknown:
        share = f"{share} known, up to {record['share_max']:g}% (percentage unknown)"
    return {
        "row": record["row"],
        "input_id": record["input_id"],
        "input_name": record["input_name"],
        "input_country": record["input_country"],
        "entry_id": [o.entry.entry_id for o in owners],
        "source": list(dict.fromkeys(o.entry.source for o in owners)),
        "list": list(dict.fromkeys(o.list_name for o in owners)),
        "entry_name": [o.entry.name for o in owners],
        "matched_name": [o.party for o in owners],
        "score": None,
        "status": record["rule_status"],
        "start_date": None,
        "end_date": None,
        "federal_register_notice": finding.rule_source,
        "license_requirement": finding.license_requirement,
        "license_policy": finding.license_policy,
        "programs": [],
        "entry_countries": [],
        "fails_gate": record["fails_gate"],
        "explanation": f"{finding.rule_title}: {share} held by listed parties: {finding.path}",
        "decision": "",
        "cleared": False,
        "review_note": "",
        "in_baseline": False,
        "matched_column": "",
        "input_second_name": finding.supplier.second_name,
        "evidence_agrees": [],
        "evidence_differs": [],
        "evidence_missing": [],
        "finding": "ownership",
    }


def group_record(group: PartyGroup, first_in_row: bool) -> dict[str, Any]:
    """One party group of a row (`screening.report.groups`): the listings that name one
    party, the lead's score, status and the group's gate verdict; `leads_row` marks the
    group the row's verdict comes from (`first_in_row`); `matches` are the places (0-based)
    of its hits in the report's `matches`, the lead's first."""
    supplier = group.supplier
    return {
        "group": group.number,
        "row": supplier.row,
        "input_id": supplier.input_id,
        "input_name": supplier.name,
        "entry_name": group.entry.name,
        "entry_ids": list(group.entry_ids),
        "lists": list(group.lists),
        "sources": list(group.sources),
        "score": group.score,
        "status": group.status.value,
        "verdict": group.verdict.value,
        "fails_gate": group.verdict is Verdict.FAILS,
        "leads_row": first_in_row,
        "matches": list(group.positions),
    }


def ownership_input_record(review: OwnershipReview) -> dict[str, Any]:
    """What the look-through read, and each rule's status on the date."""
    return {
        "path": str(review.path),
        "sha256": review.sha256,
        "rows": review.rows,
        "stakes": review.stakes,
        "parties": review.parties,
        "listed_parties": review.listed_parties,
        "rules": [
            {"rule": r.rule, "title": r.title, "status": r.status.value, "source": r.source}
            for r in review.rules
        ],
        "warnings": list(review.warnings),
    }


def node_record(node: OwnershipNode) -> dict[str, Any]:
    """One party of an ownership tree with its owners, recursively: its stake in its parent
    (`percent`, None when unknown or at the root), the ownership file's line and date, the
    listings it matched and the shares listed parties hold in it, by rule."""
    return {
        "name": node.name,
        "percent": node.percent,
        "line": node.line,
        "as_of": _iso(node.as_of),
        "listings": [
            {
                "entry_id": o.entry.entry_id,
                "entry_name": o.entry.name,
                "source": o.entry.source,
                "list": o.list_name,
                "score": o.score,
                "status": o.status.value,
            }
            for o in node.listings
        ],
        "shares": [{"rule": rule, "share": round(share, 2)} for rule, share in node.shares],
        "note": node.note,
        "owners": [node_record(child) for child in node.children],
    }


def explanation_record(explanation: Explanation, as_of: date, gate: Gate) -> dict[str, Any]:
    """`screen explain --format json`: the supplier, its tree of owners, each rule's status
    on the date, the look-through findings (as in the report's `ownership`) and warnings."""
    supplier = explanation.supplier
    review = ownership_input_record(explanation.review)
    return {
        "as_of": as_of.isoformat(),
        "threshold": gate.threshold,
        "fail_on": gate.fail_on.value,
        "supplier": {
            "row": supplier.row or None,
            "input_id": supplier.input_id,
            "input_name": supplier.name,
            "input_country": supplier.country,
        },
        "tree": node_record(explanation.tree),
        "ownership_input": review,
        "ownership": [ownership_record(f, gate) for f in explanation.findings],
        "warnings": list(explanation.review.warnings),
    }


def name_features(finding: Finding) -> dict[str, Any] | None:
    """The features that made a name match's score, as data (`screening.features`: the words
    that met, by which rule, with what weight; the form of the listed name compared; the
    country's points), from which its `explanation` sentence is read; None for a finding
    that rests on an identifier or an address rather than on the name."""
    from screening.features import features_record, match_features

    match = finding.match
    if match.basis is not Basis.NAME:
        return None
    found = match_features(match.supplier, match.entry, match.matched_name)
    return features_record(found) if found is not None else None


def result_record(result: ScreeningResult) -> dict[str, Any]:
    """The whole run as one object: settings, lists used, summary and matches."""
    rows = row_verdicts(result.findings, result.gate)
    groups = [(group, i == 0) for row in rows for i, group in enumerate(row.groups)]
    summary: dict[str, Any] = {
        "rows": result.rows,
        "rows_matched": result.rows_matched,
        "matches": len(result.findings),
        "rows_skipped": len(result.skipped),
        "matches_failing_gate": len(result_failures(result)),
        "matches_cleared": sum(f.cleared for f in result.findings),
        "matches_in_baseline": sum(f.in_baseline for f in result.findings),
        "parties": len(groups),
        "rows_failing_gate": sum(row.verdict is Verdict.FAILS for row in rows),
    }
    record: dict[str, Any] = {
        "as_of": result.as_of.isoformat(),
        "threshold": result.threshold,
        "fail_on": result.fail_on.value,
        "lists": [
            {
                "name": s.name,
                "path": str(s.path),
                "format": s.format,
                "sha256": s.sha256,
                "entries": s.entry_count,
                "date": s.data_date.isoformat() if s.data_date else None,
                "date_source": s.date_source or None,
                "files": [f.name for f in s.files],
                "bundled_sample": s.bundled,
            }
            for s in result.lists
        ],
        "summary": summary,
        "skipped_rows": [
            {"row": s.row, "input_id": s.input_id, "reason": reason}
            for s, reason in result.skipped_rows
        ],
        "matches": [
            {**match_record(f, result.gate), "features": name_features(f)} for f in result.findings
        ],
        "groups": [group_record(group, first) for group, first in groups],
    }
    for group, _ in groups:
        for position in group.positions:
            record["matches"][position]["group"] = group.number
    if result.warnings:  # only when there are some: keeps old reports
        record["warnings"] = list(result.warnings)
    if result.ownership_review is not None:  # only with an ownership file: keeps old reports
        summary["ownership_findings"] = len(result.ownership)
        summary["ownership_failing_gate"] = len(ownership_failures(result))
        record["ownership_input"] = ownership_input_record(result.ownership_review)
        record["ownership"] = [ownership_record(f, result.gate) for f in result.ownership]
    return record
