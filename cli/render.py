"""Everything the CLI draws with rich: the table of findings, warnings and errors."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from screening.gate import fails_gate
from screening.models import EntryStatus, ScreeningResult

STATUS_STYLE = {
    EntryStatus.IN_FORCE: "bold red",
    EntryStatus.PENDING: "bold yellow",
    EntryStatus.REMOVED: "green",
}


def findings_table(result: ScreeningResult) -> Table:
    """A table of every finding, with its listing's status and legal basis."""
    table = Table(
        title=f"Potential matches as of {result.as_of.isoformat()}",
        title_justify="left",
        show_lines=False,
        expand=False,
    )
    for header, options in (
        ("Row", {"justify": "right"}),
        ("Input name", {"overflow": "fold"}),
        ("Listed entry (matched name)", {"overflow": "fold"}),
        ("List", {}),
        ("Score", {"justify": "right"}),
        ("Status", {}),
        ("Start", {"no_wrap": True}),
        ("FR citation", {"overflow": "fold"}),
        ("License policy", {"overflow": "fold"}),
    ):
        table.add_column(header, **options)
    for finding in result.findings:
        match, entry = finding.match, finding.match.entry
        listed = Text(entry.name)
        if match.matched_name != entry.name:
            listed.append(f"\n(alias: {match.matched_name})", style="dim")
        score = Text(f"{match.score:.0f}", style="bold" if fails_gate(finding, result) else "dim")
        status = finding.status.value.replace("_", " ")
        if finding.status is EntryStatus.REMOVED and entry.end_date:
            status += f" {entry.end_date.isoformat()}"
        table.add_row(
            str(match.supplier.row),
            match.supplier.name,
            listed,
            entry.source_code,
            score,
            Text(status, style=STATUS_STYLE[finding.status]),
            entry.start_date.isoformat() if entry.start_date else "",
            entry.federal_register_notice,
            entry.license_policy,
        )
    return table


def lists_caption(result: ScreeningResult) -> str:
    """One line per list used: name, entries and the start of its sha256."""
    return "\n".join(
        f"List: {s.name} ({s.entry_count} entries, sha256 {s.sha256[:12]})"
        + (" [bundled sample]" if s.bundled else "")
        for s in result.lists
    )


def print_table(console: Console, result: ScreeningResult) -> None:
    """The table report, or a line saying nothing matched, then the lists used."""
    if result.findings:
        console.print(findings_table(result))
    else:
        console.print(f"No potential matches at or above {result.threshold:g}.")
    console.print(lists_caption(result), style="dim", highlight=False)


def print_error(console: Console, message: str) -> None:
    """One red line: what went wrong and, where possible, what to do."""
    console.print(Text(f"error: {message}", style="bold red"), soft_wrap=True, highlight=False)


def print_warning(console: Console, message: str) -> None:
    """One yellow line on stderr."""
    console.print(Text(f"warning: {message}", style="yellow"), soft_wrap=True, highlight=False)
