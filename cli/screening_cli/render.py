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
from screening_cli.report import TableView

if TYPE_CHECKING:
    from screening.ownership import Explanation, OwnershipNode

STATUS_STYLE = {
    EntryStatus.IN_FORCE: "bold red",
    EntryStatus.PENDING: "bold yellow",
    EntryStatus.REMOVED: "green",
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


def _status_text(finding: Finding) -> str:
    entry = finding.match.entry
    text = finding.status.value.replace("_", " ")
    if finding.status is EntryStatus.REMOVED and entry.end_date:
        text += f" {entry.end_date.isoformat()}"
    elif finding.status is EntryStatus.PENDING and entry.start_date:
        text += f" from {entry.start_date.isoformat()}"
    return text


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
    return f"+{count} other {'party' if count == 1 else 'parties'} (--all-hits)"


def _party_cell(line: Line) -> Text:
    cell = plain(line.party)
    if line.matched_as:
        cell.append(f"\n(as: {printable(line.matched_as)})", style="dim")
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
        title=f"Potential matches as of {result.as_of.isoformat()}",
        title_justify="left",
        show_lines=False,
        expand=False,
    )
    hits = view is TableView.HITS
    columns: list[tuple[str, dict[str, Any], Callable[[Line], str | Text]]] = [
        ("Row", {"justify": "right"}, lambda x: str(x.supplier.row)),
        ("Id", {}, lambda x: plain(x.supplier.input_id)),
        ("Input name", {"ratio": NAME_WEIGHT}, lambda x: plain(x.supplier.name)),
        (
            "Listed entry (matched name)" if hits else "Listed party",
            {"ratio": NAME_WEIGHT},
            _party_cell,
        ),
        ("List" if hits else "Lists", {}, lambda x: plain(", ".join(x.lists))),
        ("Score", {"justify": "right"}, _score),
        ("Evidence", {}, lambda x: plain(x.evidence)),
        ("Status", {}, lambda x: Text(x.status_text, style=STATUS_STYLE[x.status])),
        ("Gate", {}, lambda x: Text(x.verdict.label, style=VERDICT_STYLE[x.verdict])),
        ("Entry id", {}, lambda x: Text("\n").join(plain(i) for i in x.entry_ids)),
        ("Start", {}, lambda x: x.start if hits else ""),
        ("FR citation", {}, lambda x: plain(x.citation)),
        ("License policy", {}, lambda x: plain(x.policy)),
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


#: A card's labelled lines: indented this much, their labels this wide ("listing" and two
#: spaces), so that the values line up and wrap under themselves.
CARD_INDENT = 2
CARD_LABEL = 9


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
            out.append(label.ljust(CARD_LABEL) if i == 0 else " " * CARD_LABEL, style="dim")
            out.append_text(part)
            out.append("\n")
    return out


def _heading(supplier: Supplier) -> Text:
    heading = Text(f"Row {supplier.row}", style="bold")
    for part in (supplier.input_id, supplier.name):
        if part.strip():
            heading.append(" · ")
            heading.append(printable(part), style="bold")
    return heading


def _card(console: Console, line: Line) -> Text:
    """One line of the findings as a card: the input row, then labelled lines."""
    gate = Text(line.verdict.label, style=VERDICT_STYLE[line.verdict])
    gate.append(f" · score {line.score:.0f} · ")
    gate.append(line.status_text, style=STATUS_STYLE[line.status])
    party = plain(line.party)
    if line.matched_as:
        party.append(f" (as: {printable(line.matched_as)})", style="dim")
    fields = [("gate", gate), ("party", party), ("listing", plain(line.listings))]
    if line.evidence:
        fields.append(("evidence", plain(line.evidence)))
    basis = " · ".join(x for x in (line.citation, line.requirement, line.policy) if x.strip())
    if basis:
        fields.append(("basis", plain(basis)))
    if line.note:
        fields.append(("review", plain(line.note)))
    if line.others:
        fields.append(("also", Text(_others(line.others))))
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


def ownership_table(result: ScreeningResult, width: int) -> Table | None:
    """A table of the look-through findings (share, rule and its status, listed owners)
    `width` columns wide, or None when it cannot be drawn that narrow without breaking
    words."""
    table = Table(
        title=f"Ownership look-through as of {result.as_of.isoformat()} (50% rules)",
        title_justify="left",
        expand=False,
    )
    rows: list[list[str | Text]] = []
    for finding in result.ownership:
        share = f"{finding.share:g}%"
        if finding.percent_unknown:
            share += f" known\nup to {finding.share_max:g}%"
        rows.append(
            [
                str(finding.supplier.row),
                plain(finding.supplier.input_id),
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
            ]
        )
    columns: list[tuple[str, dict[str, Any]]] = [
        ("Row", {"justify": "right"}),
        ("Id", {}),
        ("Input name", {"ratio": NAME_WEIGHT}),
        ("Share", {"justify": "right"}),
        ("Rule", {}),
        ("Rule status", {}),
        ("Listed owners", {}),
        ("Path", {"ratio": NAME_WEIGHT}),
        ("License policy", {}),
    ]
    kept = [i for i in range(len(columns)) if any(_cell_text(row[i]).strip() for row in rows)]
    return fitted_table(
        table, [columns[i] for i in kept], [[row[i] for i in kept] for row in rows], width
    )


def ownership_card(console: Console, finding: OwnershipFinding, gate: Gate) -> Text:
    """One look-through finding as a card, for a narrow terminal or a log."""
    fails = ownership_fails(finding, gate)
    verdict = Text("fails" if fails else "below gate", style="bold red" if fails else "dim")
    verdict.append(f" · {printable(finding.rule_title)} · ")
    verdict.append(finding.rule_status.value.replace("_", " "), RULE_STYLE[finding.rule_status])
    share = f"{finding.share:g}%"
    if finding.percent_unknown:
        share += f" known, up to {finding.share_max:g}%"
    fields = [
        ("gate", verdict),
        ("share", Text(share)),
        ("owners", plain(" ".join(o.entry.entry_id for o in finding.owners))),
        ("path", plain(finding.path)),
    ]
    if finding.license_policy:
        fields.append(("basis", plain(finding.license_policy)))
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
            title = f"Potential matches as of {result.as_of.isoformat()}"
            print_cards(console, title, [_card(console, line) for line in lines])
        else:
            console.print(table)
    else:
        console.print(f"No potential matches at or above {result.threshold:g}.")
    owners = None if cards or not result.ownership else ownership_table(result, console.width)
    if owners is not None:
        console.print(owners)
    elif result.ownership:
        title = f"Ownership look-through as of {result.as_of.isoformat()} (50% rules)"
        found = [ownership_card(console, f, result.gate) for f in result.ownership]
        print_cards(console, title, found)
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


def _words_text(features: MatchFeatures) -> Text:
    """The supplier's words, each with the listed word it met and the rule, one a line."""
    text = Text()
    for i, word in enumerate(features.words):
        if i:
            text.append("\n")
        if word.listed:
            text.append(printable(f"{word.query} = {word.listed}"), style="bold")
            text.append(f": {RULES[word.rule]} ({word.similarity:.2f})")
        else:
            text.append(printable(word.query), style="bold")
            text.append(f": {RULES['none']}", style="yellow")
        if word.weight < 1:
            text.append(f"; generic, counts {word.weight:g}", style="dim")
    for unmet in features.listed_unmet:
        text.append("\n")
        text.append(printable(unmet), style="bold")
        text.append(": listed word no word of the supplier's meets", style="yellow")
    return text


def _name_points(features: MatchFeatures) -> str:
    parts = [f"words in common {features.word_overlap:.1f}"]
    if features.joined_similarity:
        parts.append(f"same letters without spaces {features.joined_similarity:g}")
    if features.generic_only:
        parts.append("only generic words in common")
    if features.partial:
        parts.append(f"part of the listed name, -{PARTIAL_NAME_PENALTY:g}")
    return f"{features.name_score:g} ({'; '.join(parts)})"


def _country_points(features: MatchFeatures) -> str:
    country = features.country
    if country.verdict == "not compared":
        return "not compared: " + (
            "the row has no country" if not country.country else "the listing has none"
        )
    listed = ", ".join(country.listed) or ", ".join(features.entry.countries)
    verb = {"agrees": "agrees with", "differs": "differs from"}.get(
        country.verdict, "is not known to"
    )
    text = f"{country.country} {verb} the listing's {listed}"
    if not country.points:
        return text + ": no points at a name score of 99 or more"
    return text + f": {country.points:+.1f}"


def why_card(console: Console, features: MatchFeatures, group: PartyGroup, gate: Gate) -> Text:
    """One party a supplier's name meets: its lead listing, with the features that made
    its score, and its other listings."""
    finding = group.lead
    found = verdict(finding, gate)
    line = Text(found.label, style=VERDICT_STYLE[found])
    line.append(f" · score {features.score:g} · ")
    line.append(_status_text(finding), style=STATUS_STYLE[finding.status])
    listed = plain(features.listed_name)
    if features.compared_name != features.listed_name:
        listed.append(printable(f" (compared as {features.compared_name!r})"), style="dim")
    compared = plain(" ".join(features.listed_words))
    supplier = plain(" ".join(features.query_words))
    if features.reading:
        supplier.append(f" ({features.reading})", style="dim")
    if features.qualifier:
        supplier.append(printable(f" (branch {features.qualifier!r} set aside)"), style="dim")
    fields = [
        ("gate", line),
        ("listing", plain(listings_text(group.findings))),
        ("listed", listed),
        ("compared", supplier),
        ("with", compared),
        ("words", _words_text(features)),
        ("name", Text(_name_points(features))),
        ("country", plain(_country_points(features))),
    ]
    if features.person:
        fields.append(("note", Text("an individual's name: its parts meet in any order")))
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
    title = Text("Why ")
    title.append_text(who)
    title.append(f" meets the lists, as of {result.as_of.isoformat()}")
    explained = dict(zip(result.findings, features, strict=True))
    groups = party_groups(result.findings, result.gate)
    cards = [why_card(console, explained[g.lead], g, result.gate) for g in groups]
    if not cards:
        console.print(title, highlight=False, soft_wrap=True)
        console.print(
            "No listing scores high enough to explain (lower --show-from, or name one with "
            "--entry ENTRY_ID).",
            highlight=False,
        )
    else:
        print_cards(console, title.plain, cards)
    console.print(Text(lists_caption(result), style="dim"), highlight=False)
