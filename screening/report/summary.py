"""The one-line summary a run prints on stderr, usable in logs and CI output."""

from __future__ import annotations

from screening.gate import ownership_failures, result_failures
from screening.models import ScreeningResult


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def summary_line(result: ScreeningResult) -> str:
    """e.g. "Screened 48 rows against 1 list (96 entries) as of 2025-03-26: 14 potential
    matches in 12 rows, 13 fail the gate (threshold 85, fail on pending); 1 row skipped"."""
    entries = sum(s.entry_count for s in result.lists)
    failing = len(result_failures(result))
    text = (
        f"Screened {_plural(result.rows, 'row')} against {_plural(len(result.lists), 'list')} "
        f"({_plural(entries, 'entry', 'entries')}) as of {result.as_of.isoformat()}: "
        f"{_plural(len(result.findings), 'potential match', 'potential matches')} in "
        f"{_plural(result.rows_matched, 'row')}, {failing} "
        f"{'fails' if failing == 1 else 'fail'} the gate "
        f"(threshold {result.threshold:g}, fail on {result.fail_on.value})"
    )
    cleared = sum(f.cleared for f in result.findings)
    if cleared:
        text += f"; {cleared} cleared by reviewers' decisions"
    known = sum(f.in_baseline for f in result.findings)
    if known:
        text += f"; {known} already in the baseline report"
    if result.ownership_review is not None:
        held = len(result.ownership)
        failing_ownership = len(ownership_failures(result))
        text += (
            f"; {_plural(held, 'ownership finding')} (50% rules), "
            f"{failing_ownership} {'fails' if failing_ownership == 1 else 'fail'} the gate"
        )
    by_reason: dict[str, list[int]] = {}
    for supplier, reason in result.skipped_rows:
        by_reason.setdefault(reason, []).append(supplier.row)
    for reason, numbers in by_reason.items():
        rows = ", ".join(str(row) for row in numbers[:10])
        more = ", ..." if len(numbers) > 10 else ""
        text += f"; {_plural(len(numbers), 'row')} skipped, {reason} (row {rows}{more})"
    return text
