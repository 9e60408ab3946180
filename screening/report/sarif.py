"""The SARIF 2.1.0 report: hits as code-scanning alerts on the lines of the input file.

One run, tool `screen`, one rule per list (its source code, e.g. `EL`, `SDN`) and one per
ownership rule (`ofac_50`, `bis_affiliates`). One result per input row and listed party
(`screening.report.groups`: the same company on three lists is one alert, its listings in
`properties.entries`); its rule is the lead listing's list; its properties also say what the
lead hit rests on (`finding`: name, identifier or address) and the fields compared
(`evidence`). A party that fails the gate is an `error`; one shown for review only is a
`note`. Each result points at the line where the input row starts (the header is line 1; the
reader records it, as a quoted cell may span lines) and carries `partialFingerprints` built
from the input id (or name) and the party's entry ids, so GitHub code scanning keeps an
alert when rows move (a party of one listing keeps the fingerprint of earlier versions). The
file's URI is percent-encoded.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from screening.gate import fails_gate, ownership_fails
from screening.i18n import _
from screening.models import Basis, OwnershipFinding, ScreeningResult, Supplier
from screening.normalize import normalize_name
from screening.report.context import ReportContext, input_file, input_line, input_uri
from screening.report.fields import evidence_record
from screening.report.groups import PartyGroup, Verdict, party_groups
from screening.report.junit import also_listed, hit_message, ownership_message

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: Key of our fingerprint; the version changes if the recipe ever does.
FINGERPRINT_KEY = "screenHit/v1"


def _fingerprint(supplier: Supplier, *ids: str) -> str:
    who = supplier.input_id or normalize_name(supplier.name) or f"row {supplier.row}"
    return hashlib.sha256("\x1f".join((who, *ids)).encode("utf-8")).hexdigest()


def artifact_uri(context: ReportContext | None) -> str:
    """The input file as SARIF wants it (a URI reference, SARIF 2.1.0 §3.10.2): the path,
    relative when it can be, percent-encoded as RFC 3986 requires (a space, '#', '%' or a
    non-ASCII letter in a file name would otherwise make a broken or different URI)."""
    path = input_file(context)
    if path is None or Path(path).is_absolute():
        return input_uri(context)  # "screen" for a lookup; Path.as_uri() encodes already
    # Every character but unreserved ones and "/" encoded: a ":" too, which in a relative
    # reference's first segment would read as a scheme (RFC 3986 §4.2).
    return quote(path, safe="/")


def _location(supplier: Supplier, context: ReportContext | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(context)}}
    if context is not None and context.input_path is not None:
        physical["region"] = {"startLine": input_line(supplier)}
    return {"physicalLocation": physical}


def _rule(rule_id: str, name: str, text: str, uri: str = "") -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": rule_id,
        "name": name,
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
    }
    if uri:
        rule["helpUri"] = uri
    return rule


def _party(
    group: PartyGroup, result: ScreeningResult, context: ReportContext | None
) -> dict[str, Any]:
    lead = group.lead
    match, entry = lead.match, lead.match.entry
    if match.basis is Basis.ADDRESS:
        template = _("Row {row} '{name}' shares an address with {hit}")
    else:
        template = _("Row {row} '{name}' may be {hit}")
    text = template.format(row=match.supplier.row, name=match.supplier.name, hit=hit_message(lead))
    also = also_listed(group)
    if also:
        text += f"; {also}"
    if entry.federal_register_notice:
        notice = entry.federal_register_notice
        text += "; " + _("Federal Register: {notice}").format(notice=notice)
    if entry.license_policy:
        text += "; " + _("license policy: {policy}").format(policy=entry.license_policy)
    return {
        "ruleId": entry.source_code,
        "level": "error" if group.verdict is Verdict.FAILS else "note",
        "message": {"text": text + _(". Why: {explanation}").format(explanation=match.explanation)},
        "locations": [_location(match.supplier, context)],
        "partialFingerprints": {
            FINGERPRINT_KEY: _fingerprint(match.supplier, *sorted(group.entry_ids))
        },
        "properties": {
            "row": match.supplier.row,
            "input_id": match.supplier.input_id,
            "input_name": match.supplier.name,
            "entry_id": entry.entry_id,
            "entry_name": entry.name,
            "matched_name": match.matched_name,
            "list": match.list_name,
            "score": match.score,
            "status": lead.status.value,
            "verdict": group.verdict.value,
            "federal_register_notice": entry.federal_register_notice,
            "license_requirement": entry.license_requirement,
            "license_policy": entry.license_policy,
            "finding": match.basis.value,
            "matched_column": match.input_column,
            "evidence": [evidence_record(e) for e in match.evidence],
            "entries": [
                {
                    "entry_id": f.match.entry.entry_id,
                    "list_code": f.match.entry.source_code,
                    "entry_name": f.match.entry.name,
                    "matched_name": f.match.matched_name,
                    "score": f.match.score,
                    "status": f.status.value,
                    "fails_gate": fails_gate(f, result.gate),
                }
                for f in group.findings
            ],
        },
    }


def _held(
    finding: OwnershipFinding, result: ScreeningResult, context: ReportContext | None
) -> dict[str, Any]:
    owners = [o.entry.entry_id for o in finding.owners]
    supplier = finding.supplier
    return {
        "ruleId": finding.rule,
        "level": "error" if ownership_fails(finding, result.gate) else "note",
        "message": {
            "text": _("Row {row} '{name}': {finding}; source: {source}").format(
                row=supplier.row,
                name=supplier.name,
                finding=ownership_message(finding),
                source=finding.rule_source,
            )
        },
        "locations": [_location(supplier, context)],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(supplier, finding.rule, *owners)},
        "properties": {"row": supplier.row, "share": round(finding.share, 2), "owners": owners},
    }


def sarif_record(result: ScreeningResult, context: ReportContext | None = None) -> dict[str, Any]:
    """The result as a SARIF log object."""
    rules: dict[str, dict[str, Any]] = {}
    groups = party_groups(result.findings, result.gate)
    for group in groups:
        entry = group.entry
        rules.setdefault(
            entry.source_code, _rule(entry.source_code, entry.source_code, entry.source)
        )
    for owned in result.ownership:
        rules.setdefault(owned.rule, _rule(owned.rule, owned.rule, owned.rule_title))
    results = [_party(group, result, context) for group in groups]
    results += [_held(f, result, context) for f in result.ownership]
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    for item in results:
        item["ruleIndex"] = index[item["ruleId"]]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "screen",
                        "rules": list(rules.values()),
                    }
                },
                "results": results,
                "properties": {
                    "as_of": result.as_of.isoformat(),
                    "threshold": result.threshold,
                    "fail_on": result.fail_on.value,
                    "lists": [
                        {"name": s.name, "sha256": s.sha256, "entries": s.entry_count}
                        for s in result.lists
                    ],
                },
            }
        ],
    }


def render_sarif(result: ScreeningResult, context: ReportContext | None = None) -> str:
    """The result as SARIF 2.1.0 JSON text."""
    return json.dumps(sarif_record(result, context), ensure_ascii=False, indent=2) + "\n"
