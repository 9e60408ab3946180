"""The `screen` command: parse options, call `screening`, render, choose the exit code.

Exit codes: 0 screened and nothing fails the gate; 1 at least one match fails the gate;
2 usage or input error (one line on stderr, no traceback); 130 interrupted (Ctrl-C), with
no report left behind.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from cli.history import EXIT_INTERRUPTED, DbOption, NoAuditOption
from cli.runner import TRACEBACK_ENV, stdout_report, unexpected_error

if TYPE_CHECKING:
    from rich.console import Console

    from screening.models import ListSnapshot, ScreeningResult
    from screening.report import ReportContext

DEFAULT_COMMAND = "check"
#: Group-level arguments that must not be routed to the default command.
_GROUP_ARGS = {"--help", "-h", "--version", "--install-completion", "--show-completion"}
#: `screen lookup` shows near matches down to this score for review; the gate stays at
#: --threshold. 70 keeps a name's few best candidates on the bundled sample visible.
LOOKUP_SHOW_FROM = 70.0
# Kept here rather than imported so that `screen --help` does not load the library.
DEFAULT_THRESHOLD = 85.0
CHUNK_ROWS = 5_000  # screening.inputs.CHUNK_ROWS


class DefaultCommandGroup(TyperGroup):
    """Route `screen FILE ...` to `screen check FILE ...` when FILE is not a command name."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in _GROUP_ARGS:
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)


class FormatChoice(StrEnum):
    """Report formats on stdout or --output."""

    table = "table"
    json = "json"
    csv = "csv"
    junit = "junit"
    sarif = "sarif"
    github = "github"
    xlsx = "xlsx"
    html = "html"
    parquet = "parquet"


class EngineChoice(StrEnum):
    """Where a batch is screened."""

    local = "local"
    dask = "dask"


class FailOnChoice(StrEnum):
    """Listing statuses that fail the gate (exit code 1)."""

    any = "any"
    pending = "pending"
    in_force = "in-force"
    never = "never"


app = typer.Typer(
    cls=DefaultCommandGroup,
    name="screen",
    help=(
        "Screen suppliers and customers against export-control and sanctions lists, and say "
        "whether each listing is in force on a date. An aid to compliance review, not a "
        "legal determination.\n\n`screen FILE` is short for `screen check FILE`."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)

ListOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--list",
        "-l",
        envvar="SCREEN_LIST",
        metavar="PATH",
        help="List file (CSL, OFAC CSV, DPL, UN XML, OpenSanctions, custom CSV) or snapshot "
        "folder; repeatable. Default: the installed lists, else the bundled sample.",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        envvar="SCREEN_AS_OF",
        metavar="YYYY-MM-DD",
        help="Date on which listing status is judged. Default: today.",
    ),
]
ThresholdOption = Annotated[
    float,
    typer.Option(
        "--threshold",
        "-t",
        envvar="SCREEN_THRESHOLD",
        metavar="0-100",
        help="Score at or above which a match counts and can fail the gate.",
    ),
]
ShowFromOption = Annotated[
    float | None,
    typer.Option(
        "--show-from",
        metavar="0-100",
        min=0.0,
        max=100.0,
        help="Also report matches from this lower score, for review; they never fail the gate.",
    ),
]
FormatOption = Annotated[
    FormatChoice,
    typer.Option("--format", "-f", envvar="SCREEN_FORMAT", help="Report format."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write the report to this file (atomically) instead of stdout.",
    ),
]
IncludeVesselsOption = Annotated[
    bool,
    typer.Option(
        "--include-vessels",
        help="Also match vessel and aircraft names (left out by default: they are not "
        "counterparties, and ship names such as VISTA or FREEDOM collide with company names).",
    ),
]
FailOnOption = Annotated[
    FailOnChoice,
    typer.Option(
        "--fail-on",
        envvar="SCREEN_FAIL_ON",
        help="Which listings fail the gate: any status, in force or pending "
        "(default), in force only, or never.",
    ),
]
OwnershipOption = Annotated[
    Path | None,
    typer.Option(
        "--ownership",
        metavar="FILE",
        help="Ownership file (CSV: owned, owner, percent; optional owned_id, owner_id, "
        "owned_country, owner_country, as_of): look through suppliers to listed owners "
        "under the 50% rules.",
    ),
]
OwnershipRulesOption = Annotated[
    Path | None,
    typer.Option(
        "--ownership-rules",
        metavar="FILE",
        help="Ownership rule windows (CSV) replacing or adding to the bundled ones "
        "(OFAC 50 Percent Rule, BIS Affiliates Rule).",
    ),
]


def _stderr() -> Console:
    from cli.render import console

    return console(stderr=True)


def _fail(message: str) -> typer.Exit:
    from cli.render import print_error

    print_error(_stderr(), message)
    return typer.Exit(code=2)


def _parse_as_of(value: str | None) -> date:
    from screening.errors import ConfigError

    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"--as-of {value!r} is not a date; write it as YYYY-MM-DD") from None


def _load_lists(
    paths: list[Path] | None, data_dir: Path | None = None, max_age_days: int | None = None
) -> tuple[ListSnapshot, ...]:
    from cli.lists import resolve_lists

    return resolve_lists(paths or [], data_dir, max_age_days)


def _check_output(fmt: FormatChoice, output: Path | None) -> None:
    """Refuse, before any work, a binary format without a file to write it to."""
    from screening.errors import ConfigError

    if fmt is FormatChoice.xlsx and output is None:
        raise ConfigError("--format xlsx writes a workbook: give --output FILE.xlsx")
    if fmt is FormatChoice.parquet and output is None:
        raise ConfigError("--format parquet writes a binary file: give --output FILE.parquet")


def _context(file: Path | None, started: datetime, elapsed: float, **more: Any) -> ReportContext:
    """What the reports need beyond the result: the input file, the time and the host."""
    import socket

    from screening.report import ReportContext

    return ReportContext(
        input_path=None if file is None or str(file) == "-" else file,
        base_dir=Path.cwd(),
        timestamp=started.replace(microsecond=0),
        hostname=socket.gethostname(),
        elapsed=elapsed,
        **more,
    )


def _emit(
    result: ScreeningResult,
    fmt: FormatChoice,
    output: Path | None,
    context: ReportContext | None = None,
    *,
    written: bool = False,
) -> None:
    """Send the report to stdout or --output (unless already `written` as it was made),
    then the summary line to stderr."""
    from cli.render import console, file_console, print_table, print_warning, print_warnings
    from screening.lists import BUNDLED_SAMPLE_NOTE
    from screening.report import REPORTERS, summary_line, write_report

    if written:  # streamed to its destination while the rows were screened
        pass
    elif fmt is FormatChoice.table:
        if output is None:
            with stdout_report():
                print_table(console(), result)
        else:
            import io

            buffer = io.StringIO()
            print_table(file_console(buffer), result)
            lines = buffer.getvalue().splitlines()  # rich pads the title to the full width
            write_report(output, "".join(line.rstrip() + "\n" for line in lines))
    else:
        _check_output(fmt, output)
        text = REPORTERS[fmt.value](result, context)
        if output is None:
            assert isinstance(text, str)  # binary formats need --output (_check_output)
            with stdout_report():
                sys.stdout.write(text)
        else:
            write_report(output, text)
    stderr = _stderr()
    if any(s.bundled for s in result.lists):
        print_warning(stderr, BUNDLED_SAMPLE_NOTE)
    if result.ownership_review is not None:
        for warning in result.ownership_review.warnings:
            print_warning(stderr, warning)
    print_warnings(stderr, result.warnings)
    stderr.print(summary_line(result), highlight=False, soft_wrap=True)


def _exit_code(result: ScreeningResult, strict: bool = False) -> int:
    from screening.gate import run_fails_gate

    if strict and result.skipped:
        return 2
    return 1 if run_fails_gate(result) else 0


def _run(action: Any) -> None:
    """Run a command body. Library errors become one line on stderr and exit code 2; so does
    any other exception (exit code 1 means only that a hit fails the gate, so an error must
    never end with it), unless SCREEN_TRACEBACK asks for the traceback."""
    from screening.errors import ScreeningError

    try:
        code = action()
    except ScreeningError as exc:
        raise _fail(str(exc)) from None
    except KeyboardInterrupt:
        _stderr().print("interrupted: no report was written", style="red", highlight=False)
        raise typer.Exit(code=EXIT_INTERRUPTED) from None
    except Exception as exc:
        if os.environ.get(TRACEBACK_ENV):
            raise
        raise _fail(unexpected_error(exc)) from None
    raise typer.Exit(code=code)


@app.command(DEFAULT_COMMAND)
def check(
    file: Annotated[
        Path,
        typer.Argument(
            help="Supplier file: CSV, TSV or XLSX with a header row; - reads standard input.",
            metavar="FILE",
            show_default=False,
        ),
    ],
    lists: ListOption = None,
    as_of: AsOfOption = None,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    show_from: ShowFromOption = None,
    fmt: FormatOption = FormatChoice.table,
    output: OutputOption = None,
    fail_on: FailOnOption = FailOnChoice.pending,
    include_vessels: IncludeVesselsOption = False,
    decisions: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            envvar="SCREEN_DECISIONS",
            help="Reviewers' decisions (CSV): a false positive there no longer fails the gate "
            "while its decision holds. `screen review` adds to it.",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            metavar="REPORT",
            help="An earlier `--format json` report: hits already in it do not fail the gate.",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Sheet of an XLSX file to read. Default: the first."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            metavar="N",
            envvar="SCREEN_JOBS",
            help="Processes for large files (over 1,000 rows). Default: one per core.",
        ),
    ] = None,
    chunk_rows: Annotated[
        int,
        typer.Option(
            metavar="ROWS",
            min=1,
            help="Rows read and screened at a time: memory holds a few chunks, never the "
            "whole file. --format csv is written chunk by chunk.",
        ),
    ] = CHUNK_ROWS,
    max_rows: Annotated[
        int | None,
        typer.Option(
            metavar="ROWS",
            min=1,
            help="Refuse a supplier file of more rows than this (default: no limit; an XLSX "
            "sheet stops at Excel's 1,048,576).",
        ),
    ] = None,
    engine: Annotated[
        EngineChoice,
        typer.Option(
            envvar="SCREEN_ENGINE",
            help="dask: FILE is a folder of CSV/TSV/Parquet files, screened file by file on a "
            "Dask cluster into the --output folder (see docs/dask.md).",
        ),
    ] = EngineChoice.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            envvar="DASK_SCHEDULER_ADDRESS",
            help="With --engine dask: the scheduler of a running cluster (tcp://host:8786). "
            "Default: a cluster of --jobs processes on this machine.",
        ),
    ] = None,
    name_column: Annotated[
        str | None,
        typer.Option(
            metavar="COLUMN", help="Column holding the names. Default: detected from the header."
        ),
    ] = None,
    country_column: Annotated[
        str | None,
        typer.Option(
            metavar="COLUMN", help="Column holding the country. Default: detected from the header."
        ),
    ] = None,
    id_column: Annotated[
        str | None,
        typer.Option(
            metavar="COLUMN",
            help="Column holding your own id of each row. Default: detected from the header.",
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            metavar="ENCODING",
            help="Text encoding of FILE. Default: UTF-8, else detected (GB18030, cp1252...).",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            help="Exit with code 2 when any row could not be screened (for example an empty name)."
        ),
    ] = False,
    ownership: OwnershipOption = None,
    ownership_rules: OwnershipRulesOption = None,
    only_new_since: Annotated[
        Path | None,
        typer.Option(
            metavar="OLD",
            help="Screen only against entries added or changed since this older list file "
            "or snapshot folder.",
        ),
    ] = None,
    max_age_days: Annotated[
        int,
        typer.Option(
            envvar="SCREEN_MAX_AGE_DAYS",
            metavar="DAYS",
            help="Warn when an installed list is older than this.",
        ),
    ] = 7,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            envvar="SCREEN_DATA_DIR",
            metavar="PATH",
            help="Where `screen update` keeps list snapshots. Default: the user data directory.",
        ),
    ] = None,
    db: DbOption = None,
    no_audit: NoAuditOption = False,
) -> None:
    """Screen every row of a supplier file against the lists."""
    from cli.history import RunAudit

    if engine is EngineChoice.dask:
        from cli.engine import check_on_dask

        _run(
            lambda: check_on_dask(
                file,
                output,
                fmt=fmt.value,
                lists=_load_lists(lists, data_dir, max_age_days),
                as_of=_parse_as_of(as_of),
                threshold=threshold,
                show_from=show_from,
                fail_on=fail_on.value,
                include_vessels=include_vessels,
                name_column=name_column,
                country_column=country_column,
                id_column=id_column,
                encoding=encoding,
                scheduler=scheduler,
                jobs=jobs,
                strict=strict,
                unsupported={
                    "--decisions": decisions,
                    "--baseline": baseline,
                    "--ownership": ownership,
                    "--sheet": sheet,
                    "--only-new-since": only_new_since,
                    "--max-rows": max_rows,
                },
                audited=not no_audit,
            )
        )
    audit = RunAudit(
        "check",
        db=db,
        enabled=not no_audit,
        data_dir=data_dir,
        input_path=file,
        threshold=threshold,
        fail_on=fail_on.value,
    )

    def action() -> int:
        from cli.lists import resolve_cache_dir
        from screening.match import SKIPPED_TYPES
        from screening.models import FailOn
        from screening.screen import check_threshold, screen_file

        _check_output(fmt, output)
        if scheduler is not None:
            from screening.errors import ConfigError

            raise ConfigError("--scheduler applies to --engine dask")
        started, clock = datetime.now(), time.monotonic()
        day = _parse_as_of(as_of)
        check_threshold(threshold)
        snapshots = _load_lists(lists, data_dir, max_age_days)
        if decisions is not None and not decisions.exists():
            from cli.render import print_warning

            # No file yet means no decisions yet: every hit keeps failing the gate.
            print_warning(_stderr(), f"decisions file {decisions} does not exist yet: none applied")
        if output is not None:
            from screening.report import check_output_path

            check_output_path(
                output,
                [
                    ("supplier file", file),
                    ("decisions file", decisions),
                    ("baseline report", baseline),
                    ("ownership file", ownership),
                    ("ownership rules file", ownership_rules),
                    ("older list", only_new_since),
                    ("audit database", audit.database_file()),
                    *(("list file", s.path) for s in snapshots),
                ],
            )
        if only_new_since is not None:
            from cli.lists import load_path
            from screening.diff import only_new_since as cut

            snapshots = cut(snapshots, load_path(only_new_since))
        from contextlib import ExitStack, nullcontext

        from cli.render import progress_bar
        from screening.models import ScreeningResult
        from screening.report import CsvStream, report_text

        streamed: CsvStream | None = None
        with ExitStack() as scope:
            if fmt is FormatChoice.csv:  # written as the rows are screened
                out = scope.enter_context(
                    report_text(output) if output is not None else nullcontext(sys.stdout)
                )
                template = ScreeningResult(
                    as_of=day,
                    threshold=threshold,
                    lists=snapshots,
                    rows=0,
                    findings=(),
                    fail_on=FailOn(fail_on.value),
                )
                streamed = CsvStream(out, template)
            advance = scope.enter_context(progress_bar(_stderr()))
            result, _ = screen_file(
                file,
                snapshots,
                as_of=day,
                progress=advance,
                threshold=threshold,
                show_from=show_from,
                fail_on=FailOn(fail_on.value),
                encoding=encoding,
                name_column=name_column,
                country_column=country_column,
                id_column=id_column,
                ownership=ownership,
                ownership_rules=ownership_rules,
                cache_dir=resolve_cache_dir(),
                skip_types=() if include_vessels else SKIPPED_TYPES,
                jobs=jobs if jobs is not None else os.cpu_count() or 1,
                sheet=sheet,
                data=sys.stdin.buffer.read() if str(file) == "-" else None,
                decisions=decisions if decisions is None or decisions.exists() else None,
                baseline=baseline,
                chunk_rows=chunk_rows,
                sink=streamed.write if streamed is not None else None,
                max_rows=max_rows,
            )
            if streamed is not None:
                streamed.finish(result)
        more: dict[str, Any] = {}
        if fmt is FormatChoice.junit and str(file) != "-":  # a test case per row, named
            from screening.inputs import read_suppliers

            more["suppliers"] = tuple(
                read_suppliers(
                    file,
                    encoding=encoding,
                    name_column=name_column,
                    country_column=country_column,
                    id_column=id_column,
                    sheet=sheet,
                )[0]
            )
        context = _context(file, started, time.monotonic() - clock, **more)
        _emit(result, fmt, output, context, written=streamed is not None)
        return audit.finish(result, _exit_code(result, strict))

    _run(audit.wrap(action))


@app.command()
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
    limit: Annotated[int, typer.Option(metavar="N", help="Show at most this many matches.")] = 10,
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
    fail_on: FailOnOption = FailOnChoice.pending,
    include_vessels: IncludeVesselsOption = False,
    db: DbOption = None,
    no_audit: NoAuditOption = False,
) -> None:
    """Look up one name: best matches first. Exit code 1 when one fails the gate."""
    from cli.history import RunAudit

    audit = RunAudit(
        "lookup",
        db=db,
        enabled=not no_audit,
        input_name=name,
        threshold=threshold,
        fail_on=fail_on.value,
    )

    def action() -> int:
        from cli.lists import resolve_cache_dir
        from screening.errors import ConfigError
        from screening.match import SKIPPED_TYPES, name_query
        from screening.models import FailOn
        from screening.screen import check_threshold
        from screening.screen import lookup as lookup_name

        reason = name_query(name).skip_reason
        if reason:
            raise ConfigError(f"nothing to look up in {name!r}: {reason}")
        _check_output(fmt, output)
        started, clock = datetime.now(), time.monotonic()
        day = _parse_as_of(as_of)
        check_threshold(threshold)
        snapshots = _load_lists(lists)
        if output is not None:
            from screening.report import check_output_path

            check_output_path(
                output,
                [
                    ("audit database", audit.database_file()),
                    *(("list file", s.path) for s in snapshots),
                ],
            )
        result = lookup_name(
            name,
            snapshots,
            as_of=day,
            threshold=threshold,
            country=country,
            limit=limit,
            show_from=show_from,
            fail_on=FailOn(fail_on.value),
            cache_dir=resolve_cache_dir(),
            skip_types=() if include_vessels else SKIPPED_TYPES,
        )
        _emit(result, fmt, output, _context(None, started, time.monotonic() - clock))
        return audit.finish(result, _exit_code(result))

    _run(audit.wrap(action))


@app.command()
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
) -> None:
    """Draw who owns a supplier, up to its listed owners. Exit code 1 when the 50% rules
    restrict it and that fails the gate."""

    def action() -> int:
        from cli.render import console, print_explanation, print_warning
        from screening.gate import ownership_fails
        from screening.inputs import read_suppliers
        from screening.lists import BUNDLED_SAMPLE_NOTE
        from screening.match import ListMatcher
        from screening.models import FailOn
        from screening.ownership import explain_party
        from screening.ownership_input import read_ownership
        from screening.ownership_rules import load_rules
        from screening.screen import check_threshold

        day = _parse_as_of(as_of)
        check_threshold(threshold)
        data, rules = read_ownership(ownership), load_rules(ownership_rules)
        rows = read_suppliers(suppliers)[0] if suppliers is not None else None
        snapshots = _load_lists(lists)
        explanation = explain_party(
            ident,
            data,
            ListMatcher(snapshots),
            as_of=day,
            threshold=threshold,
            rules=rules,
            suppliers=rows,
        )
        print_explanation(console(), explanation, day)
        stderr = _stderr()
        if any(s.bundled for s in snapshots):
            print_warning(stderr, BUNDLED_SAMPLE_NOTE)
        for warning in explanation.review.warnings:
            print_warning(stderr, warning)
        gate = FailOn(fail_on.value)
        return 1 if any(ownership_fails(f, gate) for f in explanation.findings) else 0

    _run(action)


from cli.lists import register  # noqa: E402  (the commands need `app` defined above)

register(app)

from cli.history import register as register_history  # noqa: E402

register_history(app)

from cli.review import register as register_review  # noqa: E402

register_review(app)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
