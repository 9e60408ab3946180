"""Reviewers' decisions about hits, kept in a plain CSV beside the vendor list.

Decisions file columns (DESIGN.md): input_id, input_name, entry_id, decision
(`false_positive` | `confirmed`), reviewer, date, reason, expires (optional), and
entry_digest (optional; `screen review` writes it). Other columns are the user's own: they
are ignored when reading and kept, with their values, when `screen review` adds a row.

Which hit a decision (or a hit of the baseline report) applies to: the one whose entry_id
and input_id both agree. The normalised input_name stands in for the id only when the
screened input has no id column at all (`by_name`): otherwise two suppliers whose names
normalise alike ("Huawei Technologies Co Ltd" and "Huawei Technologies GmbH") would share
one review, and a row without an id would clear every supplier of that name. A blank id,
or a name that normalises to nothing, never matches anything.

A `false_positive` decision clears the hit from the gate while it holds: not after its
`expires` date, and not once the list entry has changed (its names, aliases or addresses
no longer give the `entry_digest` recorded at review). A cleared hit stays in the report.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from screening.dates import iso_date
from screening.errors import ConfigError, InputFileError
from screening.files import atomic_text, write_target
from screening.models import Finding, ListEntry
from screening.normalize import normalize_name
from screening.review.keys import HitKey, finding_key, hit_key
from screening.review.locking import locked

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

    def key(self, *, by_name: bool) -> HitKey | None:
        """The hit this decision applies to, for an input with (or, `by_name`, without) an
        id column; None when it applies to none there."""
        return hit_key(self.entry_id, self.input_id, self.input_name, by_name=by_name)


def entry_digest(entry: ListEntry) -> str:
    """A digest of what identifies a listed party: its names, aliases and addresses."""
    text = "\n".join([entry.name, *sorted(entry.aliases), "", *sorted(entry.addresses)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _date(value: str, where: str, column: str) -> date | None:
    return iso_date(value, f"{where}, column {column}")


@dataclass(frozen=True, slots=True)
class _Table:
    """A decisions file as written: header cells, data rows with the line each starts on,
    and whether it began with a byte-order mark (kept when the file is rewritten)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    bom: bool

    @property
    def names(self) -> list[str]:
        """The header's column names as the reader matches them."""
        return [cell.replace("\ufeff", "").strip() for cell in self.header]


def _read_table(path: Path) -> _Table:
    """Read a decisions file as CSV cells; unreadable text is one error naming the file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(f"decisions file {path} does not exist") from None
    except OSError as exc:
        raise InputFileError(f"cannot read decisions file {path}: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not UTF-8 text ({exc.reason})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputFileError(f"{path}, line {start}: not readable as CSV ({exc})") from None
    header = records[0][1] if records else []
    return _Table(header, records[1:], data.startswith(codecs.BOM_UTF8))


def _check_header(path: Path, names: list[str]) -> None:
    """Refuse a header that lacks a needed column or names a known one twice (a reader
    would take one of the two silently, and a `confirmed` could hide behind the other)."""
    missing = [c for c in _REQUIRED if c not in names]
    if missing or not ({"input_id", "input_name"} & set(names)):
        raise InputFileError(
            f"{path}: a decisions file needs the columns {', '.join(DECISION_COLUMNS[:7])}"
            f" (missing: {', '.join(missing) or 'input_id or input_name'})"
        )
    for column in DECISION_COLUMNS:
        if names.count(column) > 1:
            raise InputFileError(
                f"{path}: column {column!r} appears {names.count(column)} times in the "
                "header; keep one"
            )


def _decision(row: dict[str, str], where: str) -> Decision:
    """One data row as a Decision, or an error naming its line."""
    if row.get("decision") not in DECISIONS:
        raise InputFileError(
            f"{where}: decision {row.get('decision')!r} is not one of {', '.join(DECISIONS)}"
        )
    if not row.get("entry_id") or not (row.get("input_id") or row.get("input_name")):
        raise InputFileError(f"{where}: entry_id and input_id or input_name are needed")
    if not row.get("input_id") and not normalize_name(row["input_name"]):
        raise InputFileError(
            f"{where}: input_name {row['input_name']!r} has no words to match a supplier "
            "by; give input_id"
        )
    decided = _date(row.get("date", ""), where, "date")
    if decided is None or not row.get("reviewer"):
        raise InputFileError(f"{where}: reviewer and date are needed")
    return Decision(
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


def _decisions(path: Path, table: _Table) -> list[Decision]:
    """Check a read table and turn its rows into decisions; every problem is one error."""
    names = table.names
    if not names and not table.rows:  # an empty file: no decisions yet
        return []
    _check_header(path, names)
    known = {name: position for position, name in enumerate(names) if name in DECISION_COLUMNS}
    decisions = []
    for line, cells in table.rows:
        where = f"{path}, line {line}"
        if len(cells) > len(names):
            raise InputFileError(
                f"{where}: {len(cells)} cells but the header has {len(names)} columns; "
                "quote a value that holds a comma"
            )
        row = {
            name: cells[position].strip() if position < len(cells) else ""
            for name, position in known.items()
        }
        if any(row.values()):
            decisions.append(_decision(row, where))
    return decisions


def read_decisions(path: Path) -> list[Decision]:
    """Read and check a decisions file; every problem is one error naming its line."""
    if path.exists() and not path.is_file():
        raise InputFileError(f"decisions file {path} is not a file")
    return _decisions(path, _read_table(path))


def _by_key(decisions: Sequence[Decision], *, by_name: bool) -> dict[HitKey, Decision]:
    filed: dict[HitKey, Decision] = {}
    for decision in decisions:  # the last row for a hit wins
        key = decision.key(by_name=by_name)
        if key is not None:
            filed[key] = decision
    return filed


def _applied(finding: Finding, decision: Decision, as_of: date) -> Finding:
    """The finding with its decision: the note says who decided, and why it no longer holds
    when it has expired or the list entry has changed since."""
    by = f"{decision.reviewer} on {decision.decided_on.isoformat()}"
    note = f"{decision.decision} by {by}" + (f": {decision.reason}" if decision.reason else "")
    holds = True
    if decision.expires is not None and as_of > decision.expires:
        holds, note = False, f"{note}; expired {decision.expires.isoformat()}"
    elif decision.entry_digest and decision.entry_digest != entry_digest(finding.match.entry):
        holds, note = False, f"{note}; the list entry changed since, review again"
    return replace(
        finding,
        decision=decision.decision if holds else "",
        cleared=holds and decision.decision == "false_positive",
        review_note=note,
    )


def apply_decisions(
    findings: Iterable[Finding],
    decisions: Sequence[Decision],
    as_of: date,
    *,
    by_name: bool = False,
) -> tuple[Finding, ...]:
    """The findings with each one's decision applied (the last row for a hit wins).

    `by_name`: the screened input has no id column, so decisions match by normalised name.
    Otherwise they match by input id only; a decision recorded by name alone is then noted
    on the hits it names, without clearing them, so the reviewer sees why it did not count.
    """
    filed = _by_key(decisions, by_name=by_name)
    unkeyed = {} if by_name else _by_key([d for d in decisions if not d.input_id], by_name=True)
    applied = []
    for finding in findings:
        key = finding_key(finding, by_name=by_name)
        decision = filed.get(key) if key is not None else None
        if decision is not None:
            applied.append(_applied(finding, decision, as_of))
            continue
        named = unkeyed.get(finding_key(finding, by_name=True) or ("", ""))
        if named is not None:
            finding = replace(
                finding,
                review_note=f"the decision by name for {named.input_name!r} does not apply: "
                "the input has an id column, so decisions need input_id",
            )
        applied.append(finding)
    return tuple(applied)


def _cells(decision: Decision) -> dict[str, str]:
    return {
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


def _write_table(path: Path, table: _Table) -> None:
    """Write a table to `path` through a new file moved into place and flushed to the disk
    (`atomic_file`), so a reader never sees half a row and a power cut loses no decision.
    The file keeps its permissions; a new one gets what any new file gets."""
    encoding = "utf-8-sig" if table.bom else "utf-8"
    try:
        with atomic_text(path, encoding=encoding, durable=True) as stream:
            csv.writer(stream).writerows([table.header, *(cells for _, cells in table.rows)])
    except UnicodeEncodeError as exc:  # undecodable bytes given on the command line
        bad = exc.object[exc.start : exc.end]
        raise ConfigError(f"cannot write {path}: {bad!r} is not text") from None


def append_decision(path: Path, decision: Decision) -> None:
    """Add one decision to a decisions file (created with its header when absent).

    Safe with several writers at once: the file is re-read under a lock beside it
    (`screening.locking`), so no writer drops another's row. Columns the tool does not know
    keep their values, rows keep their cells, the file keeps its permissions, and a known
    column the file lacks is added only when this decision has a value for it. The whole
    file is written anew and moved into place."""
    target = write_target(path)  # through a symlink, to the file it names
    with locked(target):
        table = _Table(list(DECISION_COLUMNS), [], False)
        if target.exists():
            read = _read_table(target)
            _decisions(target, read)  # refuse to extend a file that is already wrong
            if read.header or read.rows:  # an empty file gets the header
                table = read
        values = _cells(decision)
        header, names = list(table.header), table.names
        for column in DECISION_COLUMNS:
            if column not in names and values[column]:
                header.append(column)
                names.append(column)
        row = [values.get(name, "") if name in DECISION_COLUMNS else "" for name in names]
        line = table.rows[-1][0] + 1 if table.rows else 2
        _write_table(target, _Table(header, [*table.rows, (line, row)], table.bom))
