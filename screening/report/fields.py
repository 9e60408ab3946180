"""The fields every machine-readable report shares (the contract in DESIGN.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from screening.gate import fails_gate, result_failures
from screening.models import Finding, ScreeningResult

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
)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def match_record(finding: Finding, result: ScreeningResult) -> dict[str, Any]:
    """One finding as a flat record with the contract's field names."""
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
        "fails_gate": fails_gate(finding, result),
        "explanation": match.explanation,
    }


def result_record(result: ScreeningResult) -> dict[str, Any]:
    """The whole run as one object: settings, lists used, summary and matches."""
    summary: dict[str, Any] = {
        "rows": result.rows,
        "rows_matched": result.rows_matched,
        "matches": len(result.findings),
        "rows_skipped": len(result.skipped),
        "matches_failing_gate": len(result_failures(result)),
    }
    return {
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
                "bundled_sample": s.bundled,
            }
            for s in result.lists
        ],
        "summary": summary,
        "skipped_rows": [
            {"row": s.row, "input_id": s.input_id, "reason": "empty name"} for s in result.skipped
        ],
        "matches": [match_record(f, result) for f in result.findings],
    }
