"""What a report may need beyond the result: the input file, the time and host of the run.

The library never reads the clock, the host name or the working folder: the CLI fills a
`ReportContext` and passes it to the formats that use it (JUnit, SARIF, GitHub, HTML).
Every field is optional, so each format also renders from the result alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from screening.models import Finding, OwnershipFinding, ScreeningResult, Supplier

#: The header takes the first line of the input file, so data row N is on line N + 1.
HEADER_LINES = 1


@dataclass(frozen=True, slots=True)
class ReportContext:
    """Facts about the run that the result does not carry."""

    input_path: Path | None = None  # the screened file, as the user named it
    base_dir: Path | None = None  # folder that report paths are made relative to (the repo)
    timestamp: datetime | None = None  # when the run started
    hostname: str = ""
    elapsed: float = 0.0  # seconds the screening took
    suppliers: tuple[Supplier, ...] = ()  # every input row, for formats with one item per row


@dataclass(frozen=True, slots=True)
class RowReport:
    """One input row with what was found for it."""

    supplier: Supplier
    findings: tuple[Finding, ...] = ()
    ownership: tuple[OwnershipFinding, ...] = field(default=())
    skipped: bool = False  # the row was not screened (an empty name, or legal forms only)
    skip_reason: str = ""  # why, when it was not


def input_line(supplier: Supplier) -> int:
    """The line of the input file where the supplier's row starts: the one its reader
    recorded, else (a row not read from a text file) its row number after the header."""
    return supplier.line or supplier.row + HEADER_LINES


def input_file(context: ReportContext | None) -> str | None:
    """The input file's path with '/', relative to `base_dir` when inside it; None when the
    run read no file (a lookup)."""
    if context is None or context.input_path is None:
        return None
    path = context.input_path
    if (
        context.base_dir is not None
        and path.is_absolute()
        and path.is_relative_to(context.base_dir)
    ):
        path = path.relative_to(context.base_dir)
    return path.as_posix()


def input_uri(context: ReportContext | None) -> str:
    """The input file as a URI reference: its relative path, else a file URI; "screen"
    stands in for a lookup, which reads no file."""
    path = input_file(context)
    if path is None:
        return "screen"
    return Path(path).as_uri() if Path(path).is_absolute() else path


def explanation_lines(text: str) -> list[str]:
    """A match's explanation, one reason a line."""
    return [part.strip() for part in text.split("; ") if part.strip()]


def row_reports(result: ScreeningResult, context: ReportContext | None = None) -> list[RowReport]:
    """Every row of the input in order, with its findings and ownership findings.

    Rows come from `context.suppliers` when given; otherwise from what the result knows
    (rows with findings and skipped rows), the others named only by their number.
    """
    known: dict[int, Supplier] = {s.row: s for s in context.suppliers} if context else {}
    for finding in result.findings:
        known.setdefault(finding.match.supplier.row, finding.match.supplier)
    for owned in result.ownership:
        known.setdefault(owned.supplier.row, owned.supplier)
    for skipped in result.skipped:
        known.setdefault(skipped.row, skipped)
    by_row: dict[int, list[Finding]] = {}
    for finding in result.findings:
        by_row.setdefault(finding.match.supplier.row, []).append(finding)
    held: dict[int, list[OwnershipFinding]] = {}
    for owned in result.ownership:
        held.setdefault(owned.supplier.row, []).append(owned)
    skipped_rows = {s.row: reason for s, reason in result.skipped_rows}
    rows = range(1, max([result.rows, *known]) + 1)
    return [
        RowReport(
            supplier=known.get(row, Supplier(row=row, name="")),
            findings=tuple(by_row.get(row, ())),
            ownership=tuple(held.get(row, ())),
            skipped=row in skipped_rows,
            skip_reason=skipped_rows.get(row, ""),
        )
        for row in rows
    ]
