"""The one-line summary a run prints on stderr, usable in logs and CI output.

Written in the interface's language (`screening.i18n`): each part is a message of the
catalog, so a translation may order the numbers as its grammar wants.
"""

from __future__ import annotations

from screening.gate import ownership_failures, result_failures
from screening.i18n import N_, _, translate_message
from screening.models import ScreeningResult


def _count(count: int, one: str, many: str) -> str:
    """`one` or `many` (catalog messages with a `{count}` placeholder), filled in."""
    return (_(one) if count == 1 else _(many)).format(count=count)


def _fails(count: int) -> str:
    return _count(count, N_("{count} fails the gate"), N_("{count} fail the gate"))


def summary_line(result: ScreeningResult) -> str:
    """e.g. "Screened 48 rows against 1 list (96 entries) as of 2025-03-26: 14 potential
    matches in 12 rows, 13 fail the gate (threshold 85, fail on pending); 1 row skipped"."""
    entries = sum(s.entry_count for s in result.lists)
    text = _(
        "Screened {rows} against {lists} ({entries}) as of {date}: {matches} in {matched}, "
        "{failing} (threshold {threshold}, fail on {fail_on})"
    ).format(
        rows=_count(result.rows, N_("{count} row"), N_("{count} rows")),
        lists=_count(len(result.lists), N_("{count} list"), N_("{count} lists")),
        entries=_count(entries, N_("{count} entry"), N_("{count} entries")),
        date=result.as_of.isoformat(),
        matches=_count(
            len(result.findings), N_("{count} potential match"), N_("{count} potential matches")
        ),
        matched=_count(result.rows_matched, N_("{count} row"), N_("{count} rows")),
        failing=_fails(len(result_failures(result))),
        threshold=f"{result.threshold:g}",
        fail_on=result.fail_on.value,
    )
    cleared = sum(f.cleared for f in result.findings)
    if cleared:
        text += _("; {count} cleared by reviewers' decisions").format(count=cleared)
    known = sum(f.in_baseline for f in result.findings)
    if known:
        text += _("; {count} already in the baseline report").format(count=known)
    if result.ownership_review is not None:
        held = len(result.ownership)
        text += _("; {findings} (50% rules), {failing}").format(
            findings=_count(
                held, N_("{count} ownership finding"), N_("{count} ownership findings")
            ),
            failing=_fails(len(ownership_failures(result))),
        )
    by_reason: dict[str, list[int]] = {}
    for supplier, reason in result.skipped_rows:
        by_reason.setdefault(reason, []).append(supplier.row)
    for reason, numbers in by_reason.items():
        rows = ", ".join(str(row) for row in numbers[:10])
        more = ", ..." if len(numbers) > 10 else ""
        text += _("; {rows} skipped, {reason} (row {numbers})").format(
            rows=_count(len(numbers), N_("{count} row"), N_("{count} rows")),
            reason=translate_message(reason),
            numbers=rows + more,
        )
    return text
