"""`screen explain ID`: who owns a supplier, up to its listed owners (the 50% rules)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from screening.defaults import DEFAULT_THRESHOLD, MAX_AGE_DAYS
from screening_cli.options import (
    AllowStaleOption,
    AsOfOption,
    FailOnChoice,
    FailOnOption,
    LangOption,
    ListOption,
    MaxAgeOption,
    OwnershipRulesOption,
    TextFormatChoice,
    ThresholdOption,
)
from screening_cli.places import freshness, resolve_cache_dir, resolve_lists
from screening_cli.runner import parse_date, run_command


def explain(
    ident: Annotated[
        str,
        typer.Argument(
            help="The supplier's id or row number in --suppliers; without --suppliers, a "
            "party's id or name in the ownership file.",
            metavar="ID",
            show_default=False,
        ),
    ],
    ownership: Annotated[
        Path,
        typer.Option("--ownership", metavar="FILE", help="Ownership file, as for `screen check`."),
    ],
    suppliers: Annotated[
        Path | None,
        typer.Option("--suppliers", metavar="FILE", help="Supplier file in which ID is looked up."),
    ] = None,
    ownership_rules: OwnershipRulesOption = None,
    lists: ListOption = None,
    as_of: AsOfOption = None,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    fail_on: FailOnOption = FailOnChoice.pending,
    fmt: Annotated[
        TextFormatChoice, typer.Option("--format", "-f", help="Output format.")
    ] = TextFormatChoice.table,
    max_age_days: MaxAgeOption = MAX_AGE_DAYS,
    allow_stale: AllowStaleOption = False,
    lang: LangOption = None,
) -> None:
    """Draw who owns a supplier, up to its listed owners. Exit code 1 when the 50% rules
    restrict it and that fails the gate."""

    def action() -> int:
        from screening.gate import ownership_fails
        from screening.inputs import read_suppliers
        from screening.lists import BUNDLED_SAMPLE_NOTE
        from screening.match import ListMatcher
        from screening.models import FailOn, Gate
        from screening.ownership import explain_party, load_rules, read_ownership
        from screening_cli.render import console, print_explanation, print_warning

        day = parse_date(as_of, "--as-of")
        gate = Gate(threshold, FailOn(fail_on.value))
        data, rules = read_ownership(ownership), load_rules(ownership_rules)
        rows = read_suppliers(suppliers)[0] if suppliers is not None else None
        snapshots = resolve_lists(lists, fresh=freshness(day, max_age_days, allow_stale))
        # The matching index from the on-disk cache, as for a batch: built anew it took
        # 5-6 s on the real lists.
        matcher = ListMatcher(snapshots, cache_dir=resolve_cache_dir())
        explanation = explain_party(
            ident, data, matcher, as_of=day, threshold=gate.threshold, rules=rules,
            suppliers=rows,
        )  # fmt: skip
        if fmt is TextFormatChoice.json:
            import json
            import sys

            from screening.report.fields import explanation_record

            record = explanation_record(explanation, day, gate)
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        else:
            print_explanation(console(), explanation, day)
        stderr = console(stderr=True)
        if any(s.bundled for s in snapshots):
            print_warning(stderr, BUNDLED_SAMPLE_NOTE)
        for warning in explanation.review.warnings:
            print_warning(stderr, warning)
        return 1 if any(ownership_fails(f, gate) for f in explanation.findings) else 0

    run_command(action)
