"""`screen lookup NAME`: one name against the lists, best matches first."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Annotated

import typer

from screening.defaults import DEFAULT_THRESHOLD, LOOKUP_LIMIT, LOOKUP_SHOW_FROM, MAX_AGE_DAYS
from screening_cli.audit import RunAudit
from screening_cli.options import (
    AllowStaleOption,
    AsOfOption,
    DbOption,
    FailOnChoice,
    FailOnOption,
    FormatChoice,
    FormatOption,
    IncludeVesselsOption,
    LangOption,
    ListOption,
    MaxAgeOption,
    NoAuditOption,
    OutputOption,
    TableView,
    ThresholdOption,
    skipped_types,
)
from screening_cli.places import freshness, resolve_cache_dir, resolve_lists
from screening_cli.report import (
    AllHitsOption,
    BomOption,
    check_output,
    context,
    emit,
    exit_code,
)
from screening_cli.runner import parse_date, run_command


def lookup(
    name: Annotated[
        str, typer.Argument(help="The name to look up.", metavar="NAME", show_default=False)
    ],
    country: Annotated[
        str,
        typer.Option(
            metavar="CC", help="Country of the party (ISO-2), shown beside the listing's countries."
        ),
    ] = "",
    limit: Annotated[
        int, typer.Option(metavar="N", help="Show at most this many matches.")
    ] = LOOKUP_LIMIT,
    lists: ListOption = None,
    as_of: AsOfOption = None,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    show_from: Annotated[
        float,
        typer.Option(
            metavar="0-100",
            min=0.0,
            max=100.0,
            help="Show matches from this score, for review; only those at or "
            "above --threshold fail the gate.",
        ),
    ] = LOOKUP_SHOW_FROM,
    fmt: FormatOption = FormatChoice.table,
    output: OutputOption = None,
    bom: BomOption = False,
    all_hits: AllHitsOption = False,
    fail_on: FailOnOption = FailOnChoice.pending,
    include_vessels: IncludeVesselsOption = False,
    max_age_days: MaxAgeOption = MAX_AGE_DAYS,
    allow_stale: AllowStaleOption = False,
    db: DbOption = None,
    no_audit: NoAuditOption = False,
    lang: LangOption = None,
) -> None:
    """Look up one name: best matches first. Exit code 1 when one fails the gate."""
    audit = RunAudit(
        "lookup",
        db=db,
        enabled=not no_audit,
        input_name=name,
        threshold=threshold,
        fail_on=fail_on.value,
    )

    def action() -> int:
        from screening.errors import ConfigError
        from screening.match import name_query
        from screening.models import FailOn, Gate
        from screening.options import ScreenOptions
        from screening.report import check_output_path
        from screening.screen import lookup as lookup_name

        reason = name_query(name).skip_reason
        if reason:
            raise ConfigError(f"nothing to look up in {name!r}: {reason}")
        check_output(fmt, output)
        started, clock = datetime.now(), time.monotonic()
        day = parse_date(as_of, "--as-of")
        options = ScreenOptions(
            as_of=day,
            gate=Gate(threshold, FailOn(fail_on.value)),
            show_from=show_from,
            skip_types=skipped_types(include_vessels),
            cache_dir=resolve_cache_dir(),
        )
        snapshots = resolve_lists(lists, fresh=freshness(day, max_age_days, allow_stale))
        if output is not None:
            used = [("list file", s.path) for s in snapshots]
            check_output_path(output, [*used, ("audit database", audit.database_file())])
        result = lookup_name(name, snapshots, options, country=country, limit=limit)
        view = TableView.HITS if all_hits else TableView.PARTIES
        where = context(None, started, time.monotonic() - clock)
        emit(result, fmt, output, where, view=view, bom=bom)
        return audit.finish(result, exit_code(result))

    run_command(audit.wrap(action))
