"""`screen why ROW|NAME`: why a supplier's name meets its listings, feature by feature.

A separate command rather than `screen explain` for names as well: `explain` answers "who
owns this supplier?" and needs an ownership file; `why` answers "what in this name met
that listing?" and needs only the lists. The matching index comes from the on-disk cache,
as for `screen lookup`, so a warm `why` takes a fraction of a second on the real lists.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from screening.defaults import DEFAULT_THRESHOLD, LOOKUP_SHOW_FROM
from screening_cli.options import (
    AsOfOption,
    FailOnChoice,
    FailOnOption,
    IncludeVesselsOption,
    LangOption,
    ListOption,
    TextFormatChoice,
    ThresholdOption,
    skipped_types,
)
from screening_cli.places import resolve_cache_dir, resolve_lists
from screening_cli.runner import parse_date, run_command

if TYPE_CHECKING:
    from screening.models import ListEntry, ListSnapshot, Supplier

#: `screen why` explains this many listed parties, best first, unless told otherwise.
WHY_LIMIT = 3


def why(
    target: Annotated[
        str,
        typer.Argument(
            help="A name; with --suppliers, a row's id or row number in that file.",
            metavar="ROW|NAME",
            show_default=False,
        ),
    ],
    suppliers: Annotated[
        Path | None,
        typer.Option("--suppliers", metavar="FILE", help="Supplier file in which ROW is found."),
    ] = None,
    country: Annotated[
        str,
        typer.Option(metavar="CC", help="Country of a NAME (ISO-2 or name); a row has its own."),
    ] = "",
    entry: Annotated[
        str | None,
        typer.Option(
            "--entry",
            metavar="ENTRY_ID",
            help="Explain this listing, whatever it scores (the entry_id of a report).",
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            metavar="N",
            min=1,
            help="Explain at most this many listed parties (one on several lists is one).",
        ),
    ] = WHY_LIMIT,
    show_from: Annotated[
        float,
        typer.Option(metavar="0-100", min=0.0, max=100.0, help="Explain listings from this score."),
    ] = LOOKUP_SHOW_FROM,
    lists: ListOption = None,
    as_of: AsOfOption = None,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    fail_on: FailOnOption = FailOnChoice.pending,
    include_vessels: IncludeVesselsOption = False,
    fmt: Annotated[
        TextFormatChoice, typer.Option("--format", "-f", help="Output format.")
    ] = TextFormatChoice.table,
    lang: LangOption = None,
) -> None:
    """Show why a name or a row matches, word by word.

    The words that met and by which rule, the names compared, the country's points, for
    the best listed parties. Exit code 1 when one fails the gate."""

    def action() -> int:
        from screening.errors import ConfigError
        from screening.gate import fails_gate
        from screening.lists import BUNDLED_SAMPLE_NOTE
        from screening.match import ListMatcher, name_query
        from screening.models import FailOn, Finding, Gate, Match, ScreeningResult
        from screening.report.groups import party_groups
        from screening.report.why import match_features, why_record
        from screening.status import entry_status
        from screening_cli.render import console, print_warning, print_why

        day = parse_date(as_of, "--as-of")
        gate = Gate(threshold, FailOn(fail_on.value))
        supplier = _supplier(target, suppliers, country)
        reason = name_query(supplier.name).skip_reason
        if reason:
            raise ConfigError(f"nothing to compare in {supplier.name!r}: {reason}")
        snapshots = resolve_lists(lists)
        if entry is not None:
            listed, list_name = _find_entry(entry, snapshots)
            found = match_features(supplier, listed)
            matches = [] if found is None else [
                Match(supplier, listed, list_name, found.listed_name, found.score,
                      found.explanation)
            ]  # fmt: skip
        else:
            matcher = ListMatcher(
                snapshots, cache_dir=resolve_cache_dir(), skip_types=skipped_types(include_vessels)
            )
            matches = matcher.match(supplier, min_score=show_from)
        every = [Finding(m, entry_status(m.entry, day)) for m in matches]
        # The best `limit` parties, each with all its listings (the cards show its lead).
        groups = party_groups(every, gate)[:limit]
        findings = tuple(f for group in groups for f in group.findings)
        features = [match_features(f.match.supplier, f.match.entry, f.match.matched_name)
                    for f in findings]  # fmt: skip
        kept = [(f, x) for f, x in zip(findings, features, strict=True) if x is not None]
        result = ScreeningResult(day, gate, snapshots, 1, tuple(f for f, _ in kept))
        if fmt is TextFormatChoice.json:
            import json
            import sys

            record = why_record(result, supplier, [x for _, x in kept])
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        else:
            print_why(console(), result, supplier, [x for _, x in kept])
        if any(s.bundled for s in snapshots):
            print_warning(console(stderr=True), BUNDLED_SAMPLE_NOTE)
        return 1 if any(fails_gate(f, gate) for f in result.findings) else 0

    run_command(action)


def _supplier(target: str, suppliers: Path | None, country: str) -> Supplier:
    """The row of the supplier file named by id or number, else the name given."""
    from screening.errors import ConfigError
    from screening.inputs import read_suppliers
    from screening.models import Supplier
    from screening.ownership.lookthrough import find_supplier

    if suppliers is None:
        return Supplier(row=1, name=target, country=country)
    if country:
        raise ConfigError("--country is for a NAME: a row of --suppliers has its own country")
    return find_supplier(target, read_suppliers(suppliers)[0], str(suppliers))


def _find_entry(entry_id: str, snapshots: tuple[ListSnapshot, ...]) -> tuple[ListEntry, str]:
    """The listing of this id and its list's name (found by the id column: entries read
    from the cache are built only for this one)."""
    from screening.errors import ConfigError
    from screening.models import entry_field

    for snapshot in snapshots:
        for position, listed in enumerate(entry_field(snapshot.entries, "entry_id")):
            if listed == entry_id:
                return snapshot.entries[position], snapshot.name
    raise ConfigError(f"no entry {entry_id!r} in the lists; check --entry and --list")
