"""Everything the CLI draws with rich: the table of findings, warnings and errors."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from screening.files import short_digest
from screening.gate import ownership_fails
from screening.i18n import N_, _, translate_message
from screening.match import PARTIAL_NAME_PENALTY
from screening.models import (
    Agreement,
    Basis,
    EntryStatus,
    Finding,
    Gate,
    ListSnapshot,
    Match,
    OwnershipFinding,
    RuleStatus,
    ScreeningResult,
    Supplier,
)
from screening.report.groups import (
    PartyGroup,
    Verdict,
    listings_text,
    party_groups,
    row_verdicts,
    verdict,
)
from screening.report.printable import printable
from screening.report.why import RULES, MatchFeatures
from screening_cli.options import TableView

if TYPE_CHECKING:
    from screening.ownership import Explanation, OwnershipNode

STATUS_STYLE = {
    EntryStatus.IN_FORCE: "bold red",
    EntryStatus.PENDING: "bold yellow",
    EntryStatus.REMOVED: "green",
}
#: A listing's status as people read it (the JSON keeps `in_force`, `pending`, `removed`).
#: In Chinese: 生效 (in effect), 尚未生效 (not yet in effect: the status China's national
#: database of laws and regulations gives an act published but not yet in force), 已移出
#: (taken off the list: MOFCOM's word for removal from its Unreliable Entity List, Order
#: 2020 No. 4, art. 13, "移出不可靠实体清单").
STATUS_LABEL = {
    EntryStatus.IN_FORCE: N_("in force"),
    EntryStatus.PENDING: N_("pending"),
    EntryStatus.REMOVED: N_("removed"),
}
#: The gate's verdict on a hit as people read it (the JSON keeps the `Verdict` values).
VERDICT_LABEL = {
    Verdict.FAILS: N_("fails"),
    Verdict.IN_BASELINE: N_("in baseline"),
    Verdict.CLEARED: N_("cleared by decision"),
    Verdict.BELOW_GATE: N_("below gate"),
}


#: Width of a table written to a file with --output: wide enough that the columns of the
#: findings table keep whole words, as on a wide terminal.
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


#: Below this many columns the findings are drawn as cards, one block of short labelled
#: lines per row, instead of a table: the default table has up to eleven columns, and
#: squeezed under ~120 columns rich breaks words mid-word to fit them (348 lines for the
#: 53-row sample at 80 columns). A pipe or CI log is 80 columns unless COLUMNS says more.
CARD_WIDTH_BELOW = 120

VERDICT_STYLE = {
    Verdict.FAILS: "bold red",
    Verdict.IN_BASELINE: "yellow",
    Verdict.CLEARED: "green",
    Verdict.BELOW_GATE: "dim",
}


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the findings table (or one card): a row's verdict, a party, or a hit."""

    supplier: Supplier
    party: str  # the listed entry's name
    matched_as: str  # the alias that matched, when not the entry's name
    lists: tuple[str, ...]  # short list codes (EL, SDN...)
    entry_ids: tuple[str, ...]
    listings: str  # the listings by list: "EL el-2578; CMIC cons-30947"
    score: float
    status: EntryStatus
    status_text: str
    verdict: Verdict
    start: str
    citation: str
    requirement: str
    policy: str
    note: str = ""  # why a reviewer's decision holds or not
    others: int = 0  # the row's other parties, not on this line
    evidence: str = ""  # what beyond the name found or moved it (`_evidence_text`)


def _evidence_text(match: Match) -> str:
    """What beyond the first name a hit rests on, in a few words: found by an identifier
    or an address alone, by the second name, and the fields that agree or differ ("by
    address; date of birth differs"); "" for a hit on the name alone (the country is in
    the explanation, as before)."""
    parts = [f"by {match.basis.value}"] if match.basis is not Basis.NAME else []
    if match.input_column == "second_name":
        parts.append("second name")
    parts += [
        f"{e.field.replace('_', ' ')} {e.agreement.value}"
        for e in match.evidence
        if e.field != "country" and e.agreement in (Agreement.AGREES, Agreement.DIFFERS)
    ]
    return "; ".join(parts)


def verdict_label(found: Verdict) -> str:
    """The gate's verdict in the interface's language."""
    return _(VERDICT_LABEL[found])


def _status_text(finding: Finding) -> str:
    entry = finding.match.entry
    if finding.status is EntryStatus.REMOVED and entry.end_date:
        return _("removed {date}").format(date=entry.end_date.isoformat())
    if finding.status is EntryStatus.PENDING and entry.start_date:
        return _("pending from {date}").format(date=entry.start_date.isoformat())
    return _(STATUS_LABEL[finding.status])


def _line(finding: Finding, verdict: Verdict, group: Sequence[Finding] = ()) -> Line:
    """A line for one hit, or for the party group of hits it leads (`group`)."""
    match, entry = finding.match, finding.match.entry
    hits = group or (finding,)
    return Line(
        supplier=match.supplier,
        party=entry.name,
        matched_as="" if match.matched_name == entry.name else match.matched_name,
        lists=tuple(dict.fromkeys(f.match.entry.source_code for f in hits)),
        entry_ids=tuple(dict.fromkeys(f.match.entry.entry_id for f in hits)),
        listings=listings_text(hits),
        score=match.score,
        status=finding.status,
        status_text=_status_text(finding),
        verdict=verdict,
        start=entry.start_date.isoformat() if entry.start_date else "",
        citation=entry.federal_register_notice,
        requirement=entry.license_requirement,
        policy=entry.license_policy,
        note=finding.review_note,
        evidence=_evidence_text(match),
    )


def _group_line(group: PartyGroup, others: int = 0) -> Line:
    return replace(_line(group.lead, group.verdict, group.findings), others=others)


def table_lines(result: ScreeningResult, view: TableView) -> list[Line]:
    """The lines to draw: one per input row (its verdict's party, the others counted), one
    per party of each row, or one per hit (`TableView`)."""
    if view is TableView.HITS:
        return [_line(f, verdict(f, result.gate)) for f in result.findings]
    rows = row_verdicts(result.findings, result.gate)
    if view is TableView.PARTIES:
        return [_group_line(group) for row in rows for group in row.groups]
    return [_group_line(row.lead, len(row.groups) - 1) for row in rows]


def _others(count: int) -> str:
    if count == 1:
        return _("+{count} other party (--all-hits)").format(count=count)
    return _("+{count} other parties (--all-hits)").format(count=count)


def _matched_as(line: Line) -> str:
    return _("(as: {name})").format(name=printable(line.matched_as))


def _party_cell(line: Line) -> Text:
    cell = plain(line.party)
    if line.matched_as:
        cell.append("\n" + _matched_as(line), style="dim")
    if line.others:
        cell.append(f"\n{_others(line.others)}", style="dim")
    return cell


def _score(line: Line) -> Text:
    return Text(f"{line.score:.0f}", style="bold" if line.verdict is Verdict.FAILS else "dim")


#: How much of the spare width each kind of column takes when a table is fitted to the
#: console: the names, which are what a reviewer reads, get two shares to one.
NAME_WEIGHT = 2
#: A cell this wide or less (a Federal Register citation such as "90 FR 14035, 3/28/25",
#: "in force", an entry id) is given its whole width before the names get more.
SHORT_CELL = 12


def _cell_text(cell: str | Text) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def fit_widths(
    headers: Sequence[str], rows: Sequence[Sequence[str | Text]], weights: Sequence[int], room: int
) -> list[int] | None:
    """Widths for table columns that never break a word: each column at least as wide as
    its longest word, the spare width shared by `weights` up to each column's longest line;
    None when even the longest words do not fit in `room` (the width less the borders)."""
    lows, highs = [], []
    for i, header in enumerate(headers):
        texts = [header, *(_cell_text(row[i]) for row in rows)]
        words = [cell_len(w) for text in texts for w in text.split()]
        lines = [cell_len(line) for text in texts for line in text.splitlines()]
        lows.append(max(words, default=1))
        highs.append(max(max(lines, default=1), lows[-1]))
    if sum(lows) > room:
        return None
    widths, spare = list(lows), room - sum(lows)
    # Short cells whole first (a score, an entry id); then the names, by their weights, and
    # the others up to a line of a citation or a status; then the rest.
    for caps, shares in (
        ([min(high, SHORT_CELL) for high in highs], [1] * len(highs)),
        (
            [
                high if w > 1 else min(high, SHORT_CELL * 2)
                for high, w in zip(highs, weights, strict=True)
            ],
            weights,
        ),
        (highs, weights),
    ):
        while spare > 0:
            growing = [i for i in range(len(widths)) if widths[i] < caps[i]]
            if not growing:
                break
            grow = min(growing, key=lambda i: (widths[i] / shares[i], i))
            widths[grow] += 1
            spare -= 1
    return widths


def findings_table(
    result: ScreeningResult, lines: Sequence[Line], view: TableView, width: int
) -> Table | None:
    """The findings as a table `width` columns wide, or None when it cannot be drawn that
    narrow without breaking words; a column empty on every line is left out."""
    table = Table(
        title=_matches_title(result),
        title_justify="left",
        show_lines=False,
        expand=False,
    )
    hits = view is TableView.HITS
    columns: list[tuple[str, dict[str, Any], Callable[[Line], str | Text]]] = [
        (_("Row"), {"justify": "right"}, lambda x: str(x.supplier.row)),
        (_("Id"), {}, lambda x: plain(x.supplier.input_id)),
        (_("Input name"), {"ratio": NAME_WEIGHT}, lambda x: plain(x.supplier.name)),
        (
            _("Listed entry (matched name)") if hits else _("Listed party"),
            {"ratio": NAME_WEIGHT},
            _party_cell,
        ),
        (_("List") if hits else _("Lists"), {}, lambda x: plain(", ".join(x.lists))),
        (_("Score"), {"justify": "right"}, _score),
        (_("Evidence"), {}, lambda x: plain(x.evidence)),
        (_("Status"), {}, lambda x: Text(x.status_text, style=STATUS_STYLE[x.status])),
        (_("Gate"), {}, lambda x: Text(verdict_label(x.verdict), style=VERDICT_STYLE[x.verdict])),
        (_("Entry id"), {}, lambda x: Text("\n").join(plain(i) for i in x.entry_ids)),
        (_("Start"), {}, lambda x: x.start if hits else ""),
        (_("FR citation"), {}, lambda x: plain(x.citation)),
        (_("License policy"), {}, lambda x: plain(x.policy)),
    ]
    cells = [[cell(line) for _, _, cell in columns] for line in lines]
    kept = [i for i in range(len(columns)) if any(_cell_text(row[i]).strip() for row in cells)]
    return fitted_table(
        table,
        [(columns[i][0], columns[i][1]) for i in kept],
        [[row[i] for i in kept] for row in cells],
        width,
    )


def fitted_table(
    table: Table,
    columns: Sequence[tuple[str, dict[str, Any]]],
    rows: Sequence[Sequence[str | Text]],
    width: int,
) -> Table | None:
    """`table` with these columns (header; `justify`, and `ratio` for the share of spare
    width) and rows, fitted to `width` by `fit_widths`; None when it cannot be."""
    weights = [options.get("ratio", 1) for _, options in columns]
    widths = fit_widths([h for h, _ in columns], rows, weights, width - 3 * len(columns) - 1)
    if widths is None:
        return None
    for (header, options), fitted in zip(columns, widths, strict=True):
        justify = options.get("justify", "left")
        table.add_column(header, justify=justify, width=fitted, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


#: A card's labelled lines: indented this much, their labels this wide in terminal cells
#: ("listing" and two spaces; a Chinese label of four characters and one space), so that
#: the values line up and wrap under themselves.
CARD_INDENT = 2
CARD_LABEL = 9


def pad(text: str, width: int) -> str:
    """`text` followed by spaces to `width` terminal cells (a Chinese character takes two)."""
    return text + " " * max(width - cell_len(text), 0)


def _matches_title(result: ScreeningResult) -> str:
    return _("Potential matches as of {date}").format(date=result.as_of.isoformat())


def _ownership_title(result: ScreeningResult) -> str:
    return _("Ownership look-through as of {date} (50% rules)").format(
        date=result.as_of.isoformat()
    )


def card(console: Console, heading: Text, fields: Sequence[tuple[str, Text]]) -> Text:
    """A heading and labelled lines, each value wrapped at word boundaries under itself to
    the console's width, without the trailing spaces a table pads its cells with."""
    out = Text()
    for part in heading.wrap(console, console.width, overflow="fold"):
        part.rstrip()
        out.append_text(part)
        out.append("\n")
    indent = " " * CARD_INDENT
    room = max(console.width - CARD_INDENT - CARD_LABEL, 1)
    for label, value in fields:
        for i, part in enumerate(value.wrap(console, room, overflow="fold")):
            part.rstrip()
            out.append(indent)
            out.append(pad(_(label), CARD_LABEL) if i == 0 else " " * CARD_LABEL, style="dim")
            out.append_text(part)
            out.append("\n")
    return out


def _heading(supplier: Supplier) -> Text:
    heading = Text(_("Row {row}").format(row=supplier.row), style="bold")
    for part in (supplier.input_id, supplier.name):
        if part.strip():
            heading.append(" · ")
            heading.append(printable(part), style="bold")
    return heading


def _card(console: Console, line: Line) -> Text:
    """One line of the findings as a card: the input row, then labelled lines."""
    gate = Text(verdict_label(line.verdict), style=VERDICT_STYLE[line.verdict])
    gate.append(" · " + _("score {score}").format(score=f"{line.score:.0f}") + " · ")
    gate.append(line.status_text, style=STATUS_STYLE[line.status])
    party = plain(line.party)
    if line.matched_as:
        party.append(" " + _matched_as(line), style="dim")
    fields = [(N_("gate"), gate), (N_("party"), party), (N_("listing"), plain(line.listings))]
    if line.evidence:
        fields.append((N_("evidence"), plain(line.evidence)))
    basis = " · ".join(x for x in (line.citation, line.requirement, line.policy) if x.strip())
    if basis:
        fields.append((N_("basis"), plain(basis)))
    if line.note:
        fields.append((N_("review"), plain(translate_message(line.note))))
    if line.others:
        fields.append((N_("also"), Text(_others(line.others))))
    return card(console, _heading(line.supplier), fields)


def print_cards(console: Console, title: str, cards: Sequence[Text]) -> None:
    """A title, then cards separated by blank lines, printed as they were wrapped."""
    console.print(Text(title, style="italic"), highlight=False)
    for each in cards:
        console.print()
        console.print(each, end="", highlight=False, soft_wrap=True)
    console.print()


RULE_STYLE = {
    RuleStatus.IN_FORCE: "bold red",
    RuleStatus.SUSPENDED: "yellow",
    RuleStatus.PENDING: "yellow",
}
#: An ownership rule's status on the date, as people read it.
RULE_LABEL = {
    RuleStatus.IN_FORCE: N_("in force"),
    RuleStatus.SUSPENDED: N_("suspended"),
    RuleStatus.PENDING: N_("pending"),
}


def rule_label(status: RuleStatus) -> str:
    """An ownership rule's status in the interface's language."""
    return _(RULE_LABEL[status])


def _share(finding: OwnershipFinding, joint: str = ", ") -> str:
    share = f"{finding.share:g}%"
    if finding.percent_unknown:
        share += _(" known{joint}up to {share}").format(
            joint=joint, share=f"{finding.share_max:g}%"
        )
    return share


def ownership_table(result: ScreeningResult, width: int) -> Table | None:
    """A table of the look-through findings (share, rule and its status, listed owners)
    `width` columns wide, or None when it cannot be drawn that narrow without breaking
    words."""
    table = Table(title=_ownership_title(result), title_justify="left", expand=False)
    rows: list[list[str | Text]] = []
    for finding in result.ownership:
        share = _share(finding, "\n")
        rows.append(
            [
                str(finding.supplier.row),
                plain(finding.supplier.input_id),
                plain(finding.supplier.name),
                Text(share, style="bold" if ownership_fails(finding, result.gate) else "dim"),
                plain(finding.rule_title),
                Text(rule_label(finding.rule_status), style=RULE_STYLE[finding.rule_status]),
                plain(" ".join(o.entry.entry_id for o in finding.owners)),
                plain(finding.path),
                plain(finding.license_policy),
            ]
        )
    columns: list[tuple[str, dict[str, Any]]] = [
        (_("Row"), {"justify": "right"}),
        (_("Id"), {}),
        (_("Input name"), {"ratio": NAME_WEIGHT}),
        (_("Share"), {"justify": "right"}),
        (_("Rule"), {}),
        (_("Rule status"), {}),
        (_("Listed owners"), {}),
        (_("Path"), {"ratio": NAME_WEIGHT}),
        (_("License policy"), {}),
    ]
    kept = [i for i in range(len(columns)) if any(_cell_text(row[i]).strip() for row in rows)]
    return fitted_table(
        table, [columns[i] for i in kept], [[row[i] for i in kept] for row in rows], width
    )


def ownership_card(console: Console, finding: OwnershipFinding, gate: Gate) -> Text:
    """One look-through finding as a card, for a narrow terminal or a log."""
    fails = ownership_fails(finding, gate)
    found = Verdict.FAILS if fails else Verdict.BELOW_GATE
    verdict = Text(verdict_label(found), style="bold red" if fails else "dim")
    verdict.append(f" · {printable(finding.rule_title)} · ")
    verdict.append(rule_label(finding.rule_status), RULE_STYLE[finding.rule_status])
    fields = [
        (N_("gate"), verdict),
        (N_("share"), Text(_share(finding))),
        (N_("owners"), plain(" ".join(o.entry.entry_id for o in finding.owners))),
        (N_("path"), plain(finding.path)),
    ]
    if finding.license_policy:
        fields.append((N_("basis"), plain(finding.license_policy)))
    return card(console, _heading(finding.supplier), fields)


def _node_label(node: OwnershipNode) -> Text:
    label = Text()
    if node.line is not None:
        label.append("?% " if node.percent is None else f"{node.percent:g}% ", style="bold")
    label.append(printable(node.name))
    for listed in node.listings:
        entry = listed.entry
        label.append(
            printable(f"  [{entry.source_code} {entry.entry_id}: {entry.name}, ")
            + _("score {score}, in force").format(score=f"{listed.score:g}")
            + "]",
            style="bold red",
        )
    if node.shares:
        held = printable(", ".join(f"{rule} {share:g}%" for rule, share in node.shares))
        label.append("  " + _("held by listed parties: {held}").format(held=held), style="yellow")
    details = []
    if node.line is not None:
        details.append(_("line {line}").format(line=node.line))
    if node.as_of is not None:
        details.append(_("as of {date}").format(date=node.as_of.isoformat()))
    if node.note:
        details.append(printable(translate_message(node.note)))
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
    if supplier.row:
        where = _("row {row}").format(row=supplier.row)
    else:
        where = _("ownership file")
    if supplier.input_id:
        where += _(", id {id}").format(id=supplier.input_id)
    console.print(
        plain(
            _("Owners of {name} ({where}) as of {date}").format(
                name=supplier.name, where=where, date=as_of.isoformat()
            )
        ),
        highlight=False,
    )
    console.print(ownership_tree(explanation.tree))
    for rule in explanation.review.rules:
        line = _("{rule}: {status} on {date} ({source})").format(
            rule=rule.title, status=rule_label(rule.status), date=as_of.isoformat(),
            source=rule.source,
        )  # fmt: skip
        console.print(plain(line, style="dim"), highlight=False)
    if not explanation.findings:
        console.print(_("No listed parties hold 50% or more."), highlight=False)
    for finding in explanation.findings:
        share = _share(finding)
        if finding.percent_unknown:
            share += _(" (percentage unknown)")
        status = rule_label(finding.rule_status)
        console.print(
            Text.assemble(
                (f"{finding.rule_title} ({status}): ", RULE_STYLE[finding.rule_status]),
                printable(
                    _("{share} held by listed parties: {path}").format(
                        share=share, path=finding.path
                    )
                ),
            ),
            highlight=False,
        )
        if finding.license_policy or finding.license_requirement:
            carried = f"{finding.license_requirement} {finding.license_policy}"
            console.print(
                plain("  " + _("carries over: {terms}").format(terms=carried)), highlight=False
            )


#: Where a list's date came from (`ListSnapshot.date_source`), as people read it.
DATE_SOURCE_LABEL = {
    "content": N_("content"),
    "manifest": N_("manifest"),
    "file mtime": N_("file mtime"),
}


def _list_line(snapshot: ListSnapshot) -> str:
    parts = []
    if snapshot.data_date:
        day = snapshot.data_date.isoformat()
        if snapshot.date_source:
            source = _(DATE_SOURCE_LABEL.get(snapshot.date_source, snapshot.date_source))
            parts.append(_("dated {date} from {source}").format(date=day, source=source))
        else:
            parts.append(_("dated {date}").format(date=day))
    parts.append(_("{count} entries").format(count=snapshot.entry_count))
    parts.append(f"sha256 {short_digest(snapshot.sha256)}")
    line = _("List: {name} ({details})").format(
        name=printable(snapshot.name), details=_(", ").join(parts)
    )
    return line + (" " + _("[bundled sample]") if snapshot.bundled else "")


def lists_caption(result: ScreeningResult) -> str:
    """One line per list used: name, date, entries and the start of its sha256."""
    return "\n".join(_list_line(s) for s in result.lists)


def print_table(
    console: Console, result: ScreeningResult, view: TableView = TableView.ROWS
) -> None:
    """The table report (cards on a console narrower than `CARD_WIDTH_BELOW`), or a line
    saying nothing matched, then the lists used."""
    cards = console.width < CARD_WIDTH_BELOW
    if result.findings:
        lines = table_lines(result, view)
        table = None if cards else findings_table(result, lines, view, console.width)
        if table is None:
            print_cards(console, _matches_title(result), [_card(console, line) for line in lines])
        else:
            console.print(table)
    else:
        none = _("No potential matches at or above {threshold}.")
        console.print(none.format(threshold=f"{result.threshold:g}"), highlight=False)
    owners = None if cards or not result.ownership else ownership_table(result, console.width)
    if owners is not None:
        console.print(owners)
    elif result.ownership:
        found = [ownership_card(console, f, result.gate) for f in result.ownership]
        print_cards(console, _ownership_title(result), found)
    elif result.ownership_review is not None:
        console.print(_("No supplier is 50% or more owned by listed parties."), highlight=False)
    console.print(Text(lists_caption(result), style="dim"), highlight=False)


def print_error(console: Console, message: str, origins: tuple[str, ...] = ()) -> None:
    """One red line: what went wrong and, where possible, what to do (in the interface's
    language where the catalog knows the message, see `screening.i18n.translate_message`;
    `origins`: the modules an error was raised in)."""
    line = _("error: {message}").format(message=translate_message(message, origins))
    console.print(plain(line, "bold red"), soft_wrap=True, highlight=False)


def print_warning(console: Console, message: str) -> None:
    """One yellow line on stderr (translated as `print_error` is)."""
    line = _("warning: {message}").format(message=translate_message(message))
    console.print(plain(line, "yellow"), soft_wrap=True, highlight=False)


#: Row warnings shown on stderr before the rest are counted: the report (JSON) has them all.
MAX_SHOWN_WARNINGS = 20


def print_warnings(console: Console, warnings: Sequence[str]) -> None:
    """Warnings about single rows, the first `MAX_SHOWN_WARNINGS` of them, then a count."""
    for warning in warnings[:MAX_SHOWN_WARNINGS]:
        print_warning(console, warning)
    if len(warnings) > MAX_SHOWN_WARNINGS:
        rest = len(warnings) - MAX_SHOWN_WARNINGS
        print_warning(
            console, _("{count} more row warnings: see the JSON report").format(count=rest)
        )


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
        TextColumn(_("screening")),
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


def _words_text(features: MatchFeatures) -> Text:
    """The supplier's words, each with the listed word it met and the rule, one a line."""
    text = Text()
    for i, word in enumerate(features.words):
        if i:
            text.append("\n")
        if word.listed:
            text.append(printable(f"{word.query} = {word.listed}"), style="bold")
            text.append(f": {_(RULES[word.rule])} ({word.similarity:.2f})")
        else:
            text.append(printable(word.query), style="bold")
            text.append(f": {_(RULES['none'])}", style="yellow")
        if word.weight < 1:
            text.append(_("; generic, counts {weight}").format(weight=f"{word.weight:g}"), "dim")
    for unmet in features.listed_unmet:
        text.append("\n")
        text.append(printable(unmet), style="bold")
        text.append(": " + _("listed word no word of the supplier's meets"), style="yellow")
    return text


def _name_points(features: MatchFeatures) -> str:
    parts = [_("words in common {points}").format(points=f"{features.word_overlap:.1f}")]
    if features.joined_similarity:
        joined = f"{features.joined_similarity:g}"
        parts.append(_("same letters without spaces {points}").format(points=joined))
    if features.generic_only:
        parts.append(_("only generic words in common"))
    if features.partial:
        penalty = f"{PARTIAL_NAME_PENALTY:g}"
        parts.append(_("part of the listed name, -{points}").format(points=penalty))
    return f"{features.name_score:g} ({_('; ').join(parts)})"


#: How the supplier's country compares with the listing's (`CountryPoints.verdict`).
COUNTRY_VERDICT = {
    "agrees": N_("{country} agrees with the listing's {listed}"),
    "differs": N_("{country} differs from the listing's {listed}"),
    "not known": N_("{country} is not known to the listing's {listed}"),
}


def _country_shown(text: str, code: str) -> str:
    """A country as the supplier wrote it, with its name in Chinese in a Chinese interface
    when the row gave only a code (CN: 中国)."""
    from screening.i18n import current_language
    from screening.lists.countries import country_name

    if current_language() == "en" or not code or text.strip().upper() != code:
        return text
    name = country_name(code, current_language())
    return text if name == code else f"{name} ({code})"


def _country_points(features: MatchFeatures) -> str:
    country = features.country
    if country.verdict == "not compared":
        if not country.country:
            return _("not compared: the row has no country")
        return _("not compared: the listing has none")
    listed = ", ".join(country.listed) or ", ".join(features.entry.countries)
    verdict = COUNTRY_VERDICT.get(country.verdict, COUNTRY_VERDICT["not known"])
    text = _(verdict).format(country=_country_shown(country.country, country.code), listed=listed)
    if not country.points:
        return text + _(": no points at a name score of 99 or more")
    return text + f": {country.points:+.1f}"


def why_card(console: Console, features: MatchFeatures, group: PartyGroup, gate: Gate) -> Text:
    """One party a supplier's name meets: its lead listing, with the features that made
    its score, and its other listings."""
    finding = group.lead
    found = verdict(finding, gate)
    line = Text(verdict_label(found), style=VERDICT_STYLE[found])
    line.append(" · " + _("score {score}").format(score=f"{features.score:g}") + " · ")
    line.append(_status_text(finding), style=STATUS_STYLE[finding.status])
    listed = plain(features.listed_name)
    if features.compared_name != features.listed_name:
        shown = _(" (compared as {name})").format(name=repr(features.compared_name))
        listed.append(printable(shown), style="dim")
    compared = plain(" ".join(features.listed_words))
    supplier = plain(" ".join(features.query_words))
    if features.reading:
        supplier.append(f" ({_(features.reading)})", style="dim")
    if features.qualifier:
        aside = _(" (branch {qualifier} set aside)").format(qualifier=repr(features.qualifier))
        supplier.append(printable(aside), style="dim")
    fields = [
        (N_("gate"), line),
        (N_("listing"), plain(listings_text(group.findings))),
        (N_("listed"), listed),
        (N_("compared"), supplier),
        (N_("with"), compared),
        (N_("words"), _words_text(features)),
        (N_("name"), Text(_name_points(features))),
        (N_("country"), plain(_country_points(features))),
    ]
    if features.person:
        note = _("an individual's name: its parts meet in any order")
        fields.append((N_("note"), Text(note)))
    return card(console, plain(features.entry.name, "bold"), fields)


def print_why(
    console: Console,
    result: ScreeningResult,
    supplier: Supplier,
    features: Sequence[MatchFeatures],
) -> None:
    """`screen why`: the supplier, then a card per listed party its name meets (its lead
    listing's features; its other listings named)."""
    who = _heading(supplier) if supplier.input_id or supplier.row > 1 else plain(supplier.name)
    if supplier.country:
        who.append(printable(f" ({supplier.country})"))
    title = Text(
        _("Why {who} meets the lists, as of {date}").format(
            who=who.plain, date=result.as_of.isoformat()
        )
    )
    explained = dict(zip(result.findings, features, strict=True))
    groups = party_groups(result.findings, result.gate)
    cards = [why_card(console, explained[g.lead], g, result.gate) for g in groups]
    if not cards:
        console.print(title, highlight=False, soft_wrap=True)
        console.print(
            _(
                "No listing scores high enough to explain (lower --show-from, or name one "
                "with --entry ENTRY_ID)."
            ),
            highlight=False,
        )
    else:
        print_cards(console, title.plain, cards)
    console.print(Text(lists_caption(result), style="dim"), highlight=False)
