"""`screen FILE` (`screen check FILE`): screen every row of a supplier file."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from screening.defaults import CHUNK_ROWS, DEFAULT_THRESHOLD, MAX_AGE_DAYS
from screening.i18n import _
from screening_cli.audit import RunAudit
from screening_cli.options import (
    AllowStaleOption,
    AsOfOption,
    BaselineOption,
    CountryColumnOption,
    DataDirOption,
    DbOption,
    DecisionsOption,
    EncodingOption,
    EngineChoice,
    FailOnChoice,
    FailOnOption,
    FormatChoice,
    FormatOption,
    IdColumnOption,
    IncludeVesselsOption,
    JobsOption,
    LangOption,
    ListOption,
    MaxAgeOption,
    NameColumnOption,
    NoAuditOption,
    OutputOption,
    OwnershipRulesOption,
    SheetOption,
    ShowFromOption,
    TableView,
    ThresholdOption,
    skipped_types,
)
from screening_cli.places import freshness, load_path, resolve_cache_dir, resolve_lists
from screening_cli.report import (
    AllHitsOption,
    BomOption,
    check_output,
    context,
    emit,
    exit_code,
    streaming,
)
from screening_cli.runner import (
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    fail,
    parse_date,
    run_command,
)

if TYPE_CHECKING:
    from screening.models import ListSnapshot
    from screening.options import ReadOptions, ReviewFiles, ScreenOptions


def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Supplier file: CSV, TSV or XLSX with a header row; - reads standard input. "
            "Several files are screened one after the other (a table or github report each).",
            metavar="FILE...",
            show_default=False,
        ),
    ],
    lists: ListOption = None,
    as_of: AsOfOption = None,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    show_from: ShowFromOption = None,
    fmt: FormatOption = FormatChoice.table,
    output: OutputOption = None,
    bom: BomOption = False,
    all_hits: AllHitsOption = False,
    fail_on: FailOnOption = FailOnChoice.pending,
    include_vessels: IncludeVesselsOption = False,
    decisions: DecisionsOption = None,
    baseline: BaselineOption = None,
    sheet: SheetOption = None,
    jobs: JobsOption = None,
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
    name_column: NameColumnOption = None,
    country_column: CountryColumnOption = None,
    id_column: IdColumnOption = None,
    second_name_column: Annotated[
        str | None,
        typer.Option(
            metavar="COLUMN",
            help="Column holding a second name (an English name beside a Chinese one), "
            "screened too. Default: detected (english_name, 英文名称, alias...).",
        ),
    ] = None,
    address_column: Annotated[
        list[str] | None,
        typer.Option(
            metavar="COLUMN",
            help="Column holding the address, repeated for its parts in order (street, "
            "city). Default: detected (address, street, city, 地址, 城市...).",
        ),
    ] = None,
    identifier_column: Annotated[
        list[str] | None,
        typer.Option(
            metavar="COLUMN",
            help="Column holding an identifier (LEI, USCC, IMO, D-U-N-S, registration or "
            "tax number); repeat for several. Default: every one detected (lei, duns, imo, "
            "registration_number, tax_id, 统一社会信用代码...).",
        ),
    ] = None,
    date_of_birth_column: Annotated[
        str | None,
        typer.Option(
            metavar="COLUMN",
            help="Column holding a person's date of birth (YYYY-MM-DD or YYYY). Default: "
            "detected (date_of_birth, dob, 出生日期).",
        ),
    ] = None,
    nationality_column: Annotated[
        str | None,
        typer.Option(
            metavar="COLUMN",
            help="Column holding a person's nationality. Default: detected (nationality, 国籍).",
        ),
    ] = None,
    fail_on_address: Annotated[
        bool,
        typer.Option(
            "--fail-on-address",
            envvar="SCREEN_FAIL_ON_ADDRESS",
            help="Also fail the gate on an address finding (a supplier at a listed party's "
            "address, its name unlike the party's). Default: reported for review only.",
        ),
    ] = False,
    encoding: EncodingOption = None,
    strict: Annotated[
        bool,
        typer.Option(
            help="Exit with code 2 when the result cannot be vouched for: a row that could not "
            "be screened (an empty name), a list of unknown age (unless --allow-stale), a list "
            "read without its companion files, a stale list even at a terminal."
        ),
    ] = False,
    ownership: Annotated[
        Path | None,
        typer.Option(
            "--ownership",
            metavar="FILE",
            help="Ownership file (CSV: owned, owner, percent; optional owned_id, owner_id, "
            "owned_country, owner_country, as_of): look through suppliers to listed owners "
            "under the 50% rules.",
        ),
    ] = None,
    ownership_rules: OwnershipRulesOption = None,
    only_new_since: Annotated[
        Path | None,
        typer.Option(
            metavar="OLD",
            help="Screen only against entries added or changed since this older list file "
            "or snapshot folder.",
        ),
    ] = None,
    max_age_days: MaxAgeOption = MAX_AGE_DAYS,
    allow_stale: AllowStaleOption = False,
    data_dir: DataDirOption = None,
    db: DbOption = None,
    no_audit: NoAuditOption = False,
    lang: LangOption = None,
) -> None:
    """Screen every row of a supplier file against the lists."""
    dask = engine is EngineChoice.dask
    resolved: list[tuple[ListSnapshot, ...]] = []  # the lists, read once for every FILE

    def screen_one(file: Path) -> NoReturn:
        audit = RunAudit(
            "check",
            db=db,
            enabled=not no_audit and not dask,  # a Dask run keeps _summary.json instead
            data_dir=data_dir,
            input_path=file,
            threshold=threshold,
            fail_on=fail_on.value,
        )

        def action() -> int:
            from screening.models import FailOn, Gate
            from screening.options import ReadOptions, ReviewFiles, ScreenOptions

            day = parse_date(as_of, "--as-of")
            options = ScreenOptions(
                as_of=day,
                gate=Gate(threshold, FailOn(fail_on.value), fail_on_address),
                show_from=show_from,
                skip_types=skipped_types(include_vessels),
                jobs=jobs or os.cpu_count() or 1,
                cache_dir=resolve_cache_dir(),
            )
            read = ReadOptions(
                name_column, country_column, id_column, encoding, sheet, chunk_rows, max_rows,
                second_name_column=second_name_column,
                address_columns=tuple(address_column) if address_column else None,
                identifier_columns=tuple(identifier_column) if identifier_column else None,
                birth_date_column=date_of_birth_column,
                nationality_column=nationality_column,
            )  # fmt: skip
            review = ReviewFiles(decisions, baseline, ownership, ownership_rules)
            if not resolved:
                rules = freshness(day, max_age_days, allow_stale, strict=strict)
                resolved.append(resolve_lists(lists, data_dir, rules))
            if dask:
                return _on_dask(file, output, resolved[0], options, read, review, fmt,
                                scheduler, strict=strict, audited=not no_audit,
                                only_new_since=only_new_since)  # fmt: skip
            if scheduler is not None:
                from screening.errors import ConfigError

                raise ConfigError("--scheduler applies to --engine dask")
            view = TableView.HITS if all_hits else TableView.ROWS
            return screen_to_report(file, resolved[0], options, read, review, fmt, output,
                                    strict=strict, audit=audit, older=only_new_since,
                                    view=view, bom=bom)  # fmt: skip

        run_command(audit.wrap(action))

    if len(files) == 1:
        screen_one(files[0])
    from screening_cli.render import console

    _several(files, fmt, output, engine)
    codes = []
    for file in files:
        try:
            heading = _("Screening {file}").format(file=file)
            console(stderr=True).print(heading, highlight=False, soft_wrap=True)
            screen_one(file)
        except typer.Exit as stop:
            if stop.exit_code in (EXIT_INTERRUPTED, EXIT_TERMINATED) or not resolved:
                raise  # interrupted, or no lists to screen the other files against either
            codes.append(stop.exit_code)
    raise typer.Exit(code=max(codes))


def _several(
    files: list[Path], fmt: FormatChoice, output: Path | None, engine: EngineChoice
) -> None:
    """Refuse (exit 2) what several FILEs cannot do: one --output, a report format that is
    one document (JSON, SARIF...), the Dask engine (which takes one folder)."""
    given = f"{len(files)} FILEs"
    if output is not None:
        fail(f"--output takes one report: give one FILE, not {given}")
    if fmt not in (FormatChoice.table, FormatChoice.github):
        fail(
            f"--format {fmt.value} makes one document per run: give one FILE, not {given} "
            "(several FILEs take --format table or github)"
        )
    if engine is EngineChoice.dask:
        fail(f"--engine dask screens one folder: give one FILE, not {given}")


def screen_to_report(
    file: Path,
    lists: tuple[ListSnapshot, ...],
    options: ScreenOptions,
    read: ReadOptions,
    files: ReviewFiles,
    fmt: FormatChoice,
    output: Path | None,
    *,
    strict: bool,
    audit: RunAudit,
    older: Path | None = None,
    view: TableView = TableView.ROWS,
    bom: bool = False,
) -> int:
    """Screen `file` on this machine and write its report; the run's exit code. With `older`
    (a list file or snapshot), only entries added or changed since it are screened; `view`
    is what a line of the table report stands for; `bom` starts a CSV report with a
    byte-order mark."""
    from screening.lists.diff import only_new_since
    from screening.report import check_output_path
    from screening.screen import screen_file
    from screening_cli.render import console, print_warning, progress_bar

    check_output(fmt, output)
    started, clock = datetime.now(), time.monotonic()
    stderr = console(stderr=True)
    if files.decisions is not None and not files.decisions.exists():
        # No file yet means no decisions yet: every hit keeps failing the gate.
        print_warning(stderr, f"decisions file {files.decisions} does not exist yet: none applied")
        files = replace(files, decisions=None)
    if output is not None:
        used = [("supplier file", file), ("decisions file", files.decisions),
                ("baseline report", files.baseline), ("ownership file", files.ownership),
                ("ownership rules file", files.ownership_rules), ("older list", older),
                ("audit database", audit.database_file()),
                *(("list file", s.path) for s in lists)]  # fmt: skip
        check_output_path(output, used)
    if older is not None:
        lists = only_new_since(lists, load_path(older))
    data = sys.stdin.buffer.read() if str(file) == "-" else None
    with streaming(fmt, output, options.gate, bom=bom) as stream, progress_bar(stderr) as advance:
        result, _ = screen_file(file, lists, options, read, files=files, data=data,
                                progress=advance, sink=stream.sink())  # fmt: skip
        if stream.csv is not None:
            stream.csv.finish(result)
    where = context(file, started, time.monotonic() - clock, stream.rows)
    emit(result, fmt, output, where, written=stream.csv is not None, view=view, bom=bom)
    return audit.finish(result, exit_code(result, strict))


def _on_dask(
    file: Path,
    output: Path | None,
    lists: tuple[ListSnapshot, ...],
    options: ScreenOptions,
    read: ReadOptions,
    files: ReviewFiles,
    fmt: FormatChoice,
    scheduler: str | None,
    *,
    strict: bool,
    audited: bool,
    only_new_since: Path | None,
) -> int:
    """`--engine dask`: refuse what it does not support, then screen the folder."""
    from screening.errors import ConfigError
    from screening_cli.dask import check_on_dask

    unsupported = {
        "--decisions": files.decisions,
        "--baseline": files.baseline,
        "--ownership": files.ownership,
        "--sheet": read.sheet,
        "--only-new-since": only_new_since,
        "--max-rows": read.max_rows,
    }
    given = [option for option, value in unsupported.items() if value]
    if given:
        raise ConfigError(f"{', '.join(given)} cannot be used with --engine dask")
    return check_on_dask(file, output, lists, options, read, fmt=fmt.value,
                         scheduler=scheduler, strict=strict, audited=audited)  # fmt: skip
