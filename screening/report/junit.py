"""The JUnit XML report: one test case per input row, for CI systems that show test results.

A row fails when one of its hits (or ownership findings) fails the gate; a row with an empty
name is skipped. The layout follows the common JUnit schema (Apache Ant's `JUnit.xsd`): one
`testsuite` with `properties`, the test cases, `system-out` and `system-err`; that schema
allows one `failure` per test case, so a row's failing parties share one, each named once
with its listings (`screening.report.groups`), not once per list and alias.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from screening.gate import ownership_fails
from screening.i18n import N_, _
from screening.models import Finding, OwnershipFinding, ScreeningResult
from screening.report.context import (
    ReportContext,
    RowReport,
    explanation_lines,
    input_uri,
    row_reports,
)
from screening.report.groups import PartyGroup, Verdict, listings_text, party_groups

#: Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: The schema's timestamp: ISO 8601 without fraction or zone.
_TIMESTAMP = "%Y-%m-%dT%H:%M:%S"


def _clean(text: object) -> str:
    return _NOT_XML.sub("\ufffd", str(text))


#: A status or rule status as the messages of these reports give it (the values stay in
#: the reports' machine fields).
STATUS_TEXT = {
    "in_force": N_("in force"),
    "pending": N_("pending"),
    "removed": N_("removed"),
    "suspended": N_("suspended"),
}


def status_text(value: str) -> str:
    """A status value (`in_force`...) in words, in the interface's language."""
    return _(STATUS_TEXT.get(value, value))


def hit_message(finding: Finding) -> str:
    """Entry, list, score and status of one hit on one line; for a hit that rests on an
    identifier or an address alone, which."""
    match, entry = finding.match, finding.match.entry
    basis = {
        "identifier": _(", by a shared identifier"),
        "address": _(", by a shared address"),
    }
    return _("{entry} ({code} {entry_id}, {list}), score {score}{basis}, {status}").format(
        entry=entry.name,
        code=entry.source_code,
        entry_id=entry.entry_id,
        list=match.list_name,
        score=f"{match.score:g}",
        basis=basis.get(match.basis.value, ""),
        status=status_text(finding.status.value),
    )


def also_listed(group: PartyGroup) -> str:
    """The party's other listings after its lead ("also EL el-2578; CMIC cons-30947"), or
    ""."""
    lead = group.lead.match.entry.entry_id
    others = [f for f in group.findings[1:] if f.match.entry.entry_id != lead]
    return _("also {listings}").format(listings=listings_text(others)) if others else ""


def party_message(group: PartyGroup) -> str:
    """A party's lead hit on one line, with its other listings."""
    also = also_listed(group)
    return hit_message(group.lead) + (f"; {also}" if also else "")


def hit_details(finding: Finding, group: PartyGroup | None = None) -> list[str]:
    """The hit's message (with the other listings of its party `group`), then its citation,
    license terms and explanation lines."""
    entry = finding.match.entry
    first = hit_message(finding) if group is None else party_message(group)
    lines = [first, "  " + _("matched name: {name}").format(name=finding.match.matched_name)]
    if entry.federal_register_notice:
        notice = entry.federal_register_notice
        lines.append("  " + _("Federal Register: {notice}").format(notice=notice))
    if entry.license_requirement:
        terms = entry.license_requirement
        lines.append("  " + _("license requirement: {terms}").format(terms=terms))
    if entry.license_policy:
        lines.append("  " + _("license policy: {policy}").format(policy=entry.license_policy))
    lines.extend(f"  {line}" for line in explanation_lines(finding.match.explanation))
    return lines


def ownership_message(finding: OwnershipFinding) -> str:
    """An ownership finding on one line: rule, its status, share and chain."""
    return _("{rule} ({status}): {share}% held by listed parties: {path}").format(
        rule=finding.rule_title,
        status=status_text(finding.rule_status.value),
        share=f"{finding.share:g}",
        path=finding.path,
    )


def _testcase(
    suite: ET.Element,
    report: RowReport,
    classname: str,
    result: ScreeningResult,
    groups: dict[int, list[PartyGroup]],
) -> int:
    supplier = report.supplier
    name = f"row {supplier.row}: {supplier.name.strip()}" if supplier.name.strip() else ""
    case = ET.SubElement(
        suite,
        "testcase",
        name=_clean(name or f"row {supplier.row}"),
        classname=_clean(classname),
        time="0",
    )
    if report.skipped:
        from screening.i18n import translate_message

        reason = translate_message(report.skip_reason)
        message = _("{reason}: row not screened").format(reason=reason)
        ET.SubElement(case, "skipped", message=_clean(message))
        return 0
    failing = [g for g in groups.get(supplier.row, ()) if g.verdict is Verdict.FAILS]
    held = [f for f in report.ownership if ownership_fails(f, result.gate)]
    if not failing and not held:
        return 0
    messages = [party_message(g) for g in failing] + [ownership_message(f) for f in held]
    lines = [line for g in failing for line in hit_details(g.lead, g)]
    lines += [ownership_message(f) for f in held]
    failure = ET.SubElement(case, "failure", message=_clean(" | ".join(messages)), type="screening")
    failure.text = _clean("\n".join(lines) + "\n")
    return 1


def render_junit(result: ScreeningResult, context: ReportContext | None = None) -> str:
    """The result as a JUnit XML document (UTF-8 text)."""
    reports = row_reports(result, context)
    timestamp = context.timestamp if context and context.timestamp else None
    suite = ET.Element(
        "testsuite",
        name="screen",
        tests=str(len(reports)),
        failures="0",
        errors="0",
        skipped=str(sum(r.skipped for r in reports)),
        time=f"{context.elapsed if context else 0.0:.3f}",
        timestamp=(
            timestamp.strftime(_TIMESTAMP) if timestamp else f"{result.as_of.isoformat()}T00:00:00"
        ),
        hostname=_clean((context.hostname if context else "") or "unknown"),
    )
    properties = ET.SubElement(suite, "properties")
    settings = [
        ("as_of", result.as_of.isoformat()),
        ("threshold", f"{result.threshold:g}"),
        ("fail_on", result.fail_on.value),
    ]
    settings += [(f"list.{s.name}.sha256", s.sha256) for s in result.lists]
    for key, value in settings:
        ET.SubElement(properties, "property", name=_clean(key), value=_clean(value))
    classname = input_uri(context)
    groups: dict[int, list[PartyGroup]] = {}
    for group in party_groups(result.findings, result.gate):
        groups.setdefault(group.supplier.row, []).append(group)
    failures = sum(_testcase(suite, report, classname, result, groups) for report in reports)
    suite.set("failures", str(failures))
    shown = [g for each in groups.values() for g in each if g.verdict is not Verdict.FAILS]
    out = ET.SubElement(suite, "system-out")
    out.text = _clean(
        "".join(_("row {row}: for review, not failing: {party}").format(
                    row=g.supplier.row, party=party_message(g)) + "\n"
                for g in shown)
    )  # fmt: skip
    ET.SubElement(suite, "system-err").text = ""
    ET.indent(suite)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
    )
