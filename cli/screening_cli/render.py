"""Everything the CLI draws with rich: the table of findings, warnings and errors."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from screening.files import short_digest
from screening.gate import fails_gate, ownership_fails
from screening.models import EntryStatus, ListSnapshot, RuleStatus, ScreeningResult
from screening.report.printable import printable

if TYPE_CHECKING:
    from screening.ownership import Explanation, OwnershipNode

STATUS_STYLE = {
    EntryStatus.IN_FORCE: "bold red",
    EntryStatus.PENDING: "bold yellow",
    EntryStatus.REMOVED: "green",
}


#: Width of a table written to a file with --output: wide enough that the nine columns of
#: the findings table keep whole words, as on a wide terminal.
FILE_WIDTH = 160


def console(*, stderr: bool = False) -> Console:
    """A console for stdout or stderr that never reads data as markup: every console the CLI
    draws on comes from here (or `file_console`), so a name like `[/x]` or `[link=...]`
    prints as it is written."""
    return Console(stderr=stderr, markup=False)


def file_console(stream: TextIO) -> Console:
    """A console drawing plain text (no colour, no terminal codes) into `stream`."""
    return Console(file=stream, markup=False, width=FILE_WIDTH, force_terminal=False, no_color=True)


def plain(text: str, style: str = "") -> Text:
    """Data as rich text that is never read as markup (`[link=...]`, `[/x]`), with control
    characters made harmless (`screening.report.printable`)."""
    return Text(printable(text), style=style)


def add_plain_row(table: Table, *cells: str | Text) -> None:
    """A table row whose text cells are data (see `plain`)."""
    table.add_row(*(plain(c) if isinstance(c, str) else c for c in cells))


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
        listed = plain(entry.name)
        if match.matched_name != entry.name:
            listed.append(f"\n(alias: {printable(match.matched_name)})", style="dim")
        score = Text(
            f"{match.score:.0f}", style="bold" if fails_gate(finding, result.gate) else "dim"
        )
        status = finding.status.value.replace("_", " ")
        if finding.status is EntryStatus.REMOVED and entry.end_date:
            status += f" {entry.end_date.isoformat()}"
        table.add_row(
            str(match.supplier.row),
            plain(match.supplier.name),
            listed,
            plain(entry.source_code),
            score,
            Text(status, style=STATUS_STYLE[finding.status]),
            entry.start_date.isoformat() if entry.start_date else "",
            plain(entry.federal_register_notice),
            plain(entry.license_policy),
        )
    return table


RULE_STYLE = {
    RuleStatus.IN_FORCE: "bold red",
    RuleStatus.SUSPENDED: "yellow",
    RuleStatus.PENDING: "yellow",
}


def ownership_table(result: ScreeningResult) -> Table:
    """A table of the look-through findings: share, rule and its status, listed owners."""
    table = Table(
        title=f"Ownership look-through as of {result.as_of.isoformat()} (50% rules)",
        title_justify="left",
        expand=False,
    )
    for header, options in (
        ("Row", {"justify": "right"}),
        ("Input name", {"overflow": "fold"}),
        ("Share", {"justify": "right", "no_wrap": True}),
        ("Rule", {"overflow": "fold"}),
        ("Rule status", {}),
        ("Listed owners", {"overflow": "fold"}),
        ("Path", {"overflow": "fold"}),
        ("License policy", {"overflow": "fold"}),
    ):
        table.add_column(header, **options)
    for finding in result.ownership:
        share = f"{finding.share:g}%"
        if finding.percent_unknown:
            share += f" known\nup to {finding.share_max:g}%"
        table.add_row(
            str(finding.supplier.row),
            plain(finding.supplier.name),
            Text(share, style="bold" if ownership_fails(finding, result.gate) else "dim"),
            plain(finding.rule_title),
            Text(
                finding.rule_status.value.replace("_", " "),
                style=RULE_STYLE[finding.rule_status],
            ),
            plain(" ".join(o.entry.entry_id for o in finding.owners)),
            plain(finding.path),
            plain(finding.license_policy),
        )
    return table


def _node_label(node: OwnershipNode) -> Text:
    label = Text()
    if node.line is not None:
        label.append("?% " if node.percent is None else f"{node.percent:g}% ", style="bold")
    label.append(printable(node.name))
    for listed in node.listings:
        entry = listed.entry
        label.append(
            printable(f"  [{entry.source_code} {entry.entry_id}: {entry.name}, ")
            + f"score {listed.score:g}, in force]",
            style="bold red",
        )
    if node.shares:
        held = printable(", ".join(f"{rule} {share:g}%" for rule, share in node.shares))
        label.append(f"  held by listed parties: {held}", style="yellow")
    details = []
    if node.line is not None:
        details.append(f"line {node.line}")
    if node.as_of is not None:
        details.append(f"as of {node.as_of.isoformat()}")
    if node.note:
        details.append(printable(node.note))
    if details:
        label.append(f"  ({', '.join(details)})", style="dim")
    return label


def ownership_tree(node: OwnershipNode, tree: Tree | None = None) -> Tree:
    """The owners of a party as a rich tree, the party at the root."""
    branch = Tree(_node_label(node)) if tree is None else tree.add(_node_label(node))
    for child in node.children:
        ownership_tree(child, branch)
    return branch


def print_explanation(console: Console, explanation: Explanation, as_of: date) -> None:
    """`screen explain`: the tree of owners, then each finding with its rule's status."""
    supplier = explanation.supplier
    where = f"row {supplier.row}" if supplier.row else "ownership file"
    ident = f", id {supplier.input_id}" if supplier.input_id else ""
    console.print(
        plain(f"Owners of {supplier.name} ({where}{ident}) as of {as_of.isoformat()}"),
        highlight=False,
    )
    console.print(ownership_tree(explanation.tree))
    for rule in explanation.review.rules:
        console.print(
            plain(
                f"{rule.title}: {rule.status.value.replace('_', ' ')} on {as_of.isoformat()} "
                f"({rule.source})",
                style="dim",
            ),
            highlight=False,
        )
    if not explanation.findings:
        console.print("No listed parties hold 50% or more.", highlight=False)
    for finding in explanation.findings:
        share = f"{finding.share:g}%"
        if finding.percent_unknown:
            share += f" known, up to {finding.share_max:g}% (percentage unknown)"
        status = finding.rule_status.value.replace("_", " ")
        console.print(
            Text.assemble(
                (f"{finding.rule_title} ({status}): ", RULE_STYLE[finding.rule_status]),
                printable(f"{share} held by listed parties: {finding.path}"),
            ),
            highlight=False,
        )
        if finding.license_policy or finding.license_requirement:
            console.print(
                plain(f"  carries over: {finding.license_requirement} {finding.license_policy}"),
                highlight=False,
            )


def _date_from(snapshot: ListSnapshot) -> str:
    return f" from {snapshot.date_source}" if snapshot.date_source else ""


def lists_caption(result: ScreeningResult) -> str:
    """One line per list used: name, date, entries and the start of its sha256."""
    return "\n".join(
        f"List: {printable(s.name)} ("
        + (f"dated {s.data_date.isoformat()}{_date_from(s)}, " if s.data_date else "")
        + f"{s.entry_count} entries, sha256 {short_digest(s.sha256)})"
        + (" [bundled sample]" if s.bundled else "")
        for s in result.lists
    )


def print_table(console: Console, result: ScreeningResult) -> None:
    """The table report, or a line saying nothing matched, then the lists used."""
    if result.findings:
        console.print(findings_table(result))
    else:
        console.print(f"No potential matches at or above {result.threshold:g}.")
    if result.ownership:
        console.print(ownership_table(result))
    elif result.ownership_review is not None:
        console.print("No supplier is 50% or more owned by listed parties.")
    console.print(Text(lists_caption(result), style="dim"), highlight=False)


def print_error(console: Console, message: str) -> None:
    """One red line: what went wrong and, where possible, what to do."""
    console.print(plain(f"error: {message}", "bold red"), soft_wrap=True, highlight=False)


def print_warning(console: Console, message: str) -> None:
    """One yellow line on stderr."""
    console.print(plain(f"warning: {message}", "yellow"), soft_wrap=True, highlight=False)


#: Row warnings shown on stderr before the rest are counted: the report (JSON) has them all.
MAX_SHOWN_WARNINGS = 20


def print_warnings(console: Console, warnings: Sequence[str]) -> None:
    """Warnings about single rows, the first `MAX_SHOWN_WARNINGS` of them, then a count."""
    for warning in warnings[:MAX_SHOWN_WARNINGS]:
        print_warning(console, warning)
    if len(warnings) > MAX_SHOWN_WARNINGS:
        rest = len(warnings) - MAX_SHOWN_WARNINGS
        print_warning(console, f"{rest} more row warnings: see the JSON report")


#: Seconds between redraws of the progress bar.
PROGRESS_REFRESH_S = 0.1


@contextmanager
def progress_bar(
    console: Console, unit: str = "rows"
) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr (rows, rows/s, time left) for a terminal; None elsewhere,
    so that CI logs and pipes get only the summary line."""
    if not console.is_terminal:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("screening"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        # Drawn from the screening loop itself, no refresh thread: the batch may fork worker
        # processes, and forking while another thread holds a lock can hang the child.
        auto_refresh=False,
    ) as bar:
        task = bar.add_task("screening", total=None, rate="")
        started = last = time.perf_counter()

        def advance(done: int, total: int) -> None:
            nonlocal last
            now = time.perf_counter()
            if now - last < PROGRESS_REFRESH_S and done < total:
                return
            last = now
            rate = f"{done / max(now - started, 1e-9):,.0f} {unit}/s"
            bar.update(task, completed=done, total=total, rate=rate)
            bar.refresh()

        yield advance
