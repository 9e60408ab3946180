"""Reviewers' decisions about hits, kept in a plain CSV beside the vendor list, and the
baseline of an earlier report.

Decisions file columns (DESIGN.md): input_id, input_name, entry_id, decision
(`false_positive` | `confirmed`), reviewer, date, reason, expires (optional), and
entry_digest (optional; `screen review` writes it). A row applies to a hit when its
entry_id and its input_id agree, or, when input_id is blank, its normalised input_name.

A `false_positive` decision clears the hit from the gate while it holds: not after its
`expires` date, and not once the list entry has changed (its names, aliases or addresses
no longer give the `entry_digest` recorded at review). A cleared hit stays in the report.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from screening.errors import ConfigError, InputFileError
from screening.models import Finding, ListEntry
from screening.normalize import normalize_name

DECISION_COLUMNS = (
    "input_id", "input_name", "entry_id", "decision", "reviewer", "date", "reason", "expires",
    "entry_digest",
)  # fmt: skip
_REQUIRED = ("entry_id", "decision", "reviewer", "date")
DECISIONS = ("false_positive", "confirmed")


@dataclass(frozen=True, slots=True)
class Decision:
    """One reviewer's decision about one hit."""

    entry_id: str
    decision: str
    reviewer: str
    decided_on: date
    input_id: str = ""
    input_name: str = ""
    reason: str = ""
    expires: date | None = None
    entry_digest: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """What the decision is filed under: the entry and the input id or normalised name."""
        who = self.input_id or "name:" + normalize_name(self.input_name)
        return (self.entry_id, who)


def entry_digest(entry: ListEntry) -> str:
    """A digest of what identifies a listed party: its names, aliases and addresses."""
    text = "\n".join([entry.name, *sorted(entry.aliases), "", *sorted(entry.addresses)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _date(value: str, where: str, column: str) -> date | None:
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputFileError(
            f"{where}, column {column}: {text!r} is not a date YYYY-MM-DD"
        ) from None


def read_decisions(path: Path) -> list[Decision]:
    """Read and check a decisions file; every problem is one error naming its line."""
    if not path.is_file():
        raise InputFileError(f"decisions file {path} does not exist")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not UTF-8 text ({exc.reason})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in _REQUIRED if c not in header]
    if missing or not ({"input_id", "input_name"} & set(header)):
        raise InputFileError(
            f"{path}: a decisions file needs the columns {', '.join(DECISION_COLUMNS[:7])}"
            f" (missing: {', '.join(missing) or 'input_id or input_name'})"
        )
    decisions = []
    for line, raw in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(row.values()):
            continue
        where = f"{path}, line {line}"
        if row.get("decision") not in DECISIONS:
            raise InputFileError(
                f"{where}: decision {row.get('decision')!r} is not one of {', '.join(DECISIONS)}"
            )
        if not row.get("entry_id") or not (row.get("input_id") or row.get("input_name")):
            raise InputFileError(f"{where}: entry_id and input_id or input_name are needed")
        decided = _date(row.get("date", ""), where, "date")
        if decided is None or not row.get("reviewer"):
            raise InputFileError(f"{where}: reviewer and date are needed")
        decisions.append(
            Decision(
                entry_id=row["entry_id"],
                decision=row["decision"],
                reviewer=row["reviewer"],
                decided_on=decided,
                input_id=row.get("input_id", ""),
                input_name=row.get("input_name", ""),
                reason=row.get("reason", ""),
                expires=_date(row.get("expires", ""), where, "expires"),
                entry_digest=row.get("entry_digest", ""),
            )
        )
    return decisions


def _finding_keys(finding: Finding) -> list[tuple[str, str]]:
    supplier, entry_id = finding.match.supplier, finding.match.entry.entry_id
    keys = [(entry_id, "name:" + normalize_name(supplier.name))]
    if supplier.input_id:
        keys.insert(0, (entry_id, supplier.input_id))
    return keys


def apply_decisions(
    findings: Iterable[Finding], decisions: Sequence[Decision], as_of: date
) -> tuple[Finding, ...]:
    """The findings with each one's decision applied (the last row for a hit wins)."""
    filed = {d.key: d for d in decisions}
    applied = []
    for finding in findings:
        decision = next((filed[k] for k in _finding_keys(finding) if k in filed), None)
        if decision is None:
            applied.append(finding)
            continue
        by = f"{decision.reviewer} on {decision.decided_on.isoformat()}"
        note = f"{decision.decision} by {by}" + (f": {decision.reason}" if decision.reason else "")
        holds = True
        if decision.expires is not None and as_of > decision.expires:
            holds, note = False, f"{note}; expired {decision.expires.isoformat()}"
        elif decision.entry_digest and decision.entry_digest != entry_digest(finding.match.entry):
            holds, note = False, f"{note}; the list entry changed since, review again"
        applied.append(
            replace(
                finding,
                decision=decision.decision if holds else "",
                cleared=holds and decision.decision == "false_positive",
                review_note=note,
            )
        )
    return tuple(applied)


def baseline_keys(path: Path) -> set[tuple[str, str]]:
    """The hits of an earlier JSON report, keyed like decisions (entry, input id or name)."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
        matches = report["matches"]
    except FileNotFoundError:
        raise InputFileError(f"baseline report {path} does not exist") from None
    except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError):
        raise InputFileError(
            f"{path}: not a JSON report of `screen --format json` (no 'matches' list)"
        ) from None
    keys = set()
    for match in matches:
        entry_id = str(match.get("entry_id", ""))
        if match.get("input_id"):
            keys.add((entry_id, str(match["input_id"])))
        keys.add((entry_id, "name:" + normalize_name(str(match.get("input_name", "")))))
    return keys


def mark_baseline(findings: Iterable[Finding], keys: set[tuple[str, str]]) -> tuple[Finding, ...]:
    """The findings, those already in the baseline report marked so."""
    return tuple(
        replace(f, in_baseline=True) if any(k in keys for k in _finding_keys(f)) else f
        for f in findings
    )


def append_decision(path: Path, decision: Decision) -> None:
    """Add one decision to a decisions file (created with its header when absent),
    writing the whole file anew and atomically, so a reader never sees half a row."""
    rows: list[dict[str, str]] = []
    if path.exists():
        read_decisions(path)  # refuse to extend a file that is already wrong
        with path.open(encoding="utf-8-sig", newline="") as existing:
            rows = [dict(r) for r in csv.DictReader(existing)]
    rows.append(
        {
            "input_id": decision.input_id,
            "input_name": decision.input_name,
            "entry_id": decision.entry_id,
            "decision": decision.decision,
            "reviewer": decision.reviewer,
            "date": decision.decided_on.isoformat(),
            "reason": decision.reason,
            "expires": decision.expires.isoformat() if decision.expires else "",
            "entry_digest": decision.entry_digest,
        }
    )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ConfigError(f"cannot write {path}: folder {folder} does not exist")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=DECISION_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
