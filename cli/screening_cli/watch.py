"""`screen watch add|list|remove` and `screen rescreen`: files kept on a watch list and
screened again for what is new since their last screening.

Thin: the watch list and the re-screening are `screening.monitor`'s; this module parses
options, reads the clock, the user and the host, and draws. The run of `screen rescreen`
itself (reports, notifications, recording) is `screening_cli.rescreen`.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from screening.defaults import DEFAULT_THRESHOLD, MAX_AGE_DAYS
from screening.files import short_digest
from screening_cli.audit import open_log
from screening_cli.options import (
    WEBHOOK_ATTEMPTS,
    WEBHOOK_TIMEOUT_S,
    AllowStaleOption,
    AsOfOption,
    BaselineOption,
    CountryColumnOption,
    DataDirOption,
    DbOption,
    DecisionsOption,
    EncodingOption,
    FailOnChoice,
    FailOnOption,
    FormatChoice,
    FormatOption,
    IdColumnOption,
    IncludeVesselsOption,
    JobsOption,
    ListOption,
    MaxAgeOption,
    NameColumnOption,
    SheetOption,
    ShowFromOption,
    TextFormatChoice,
    ThresholdOption,
    skipped_types,
)
from screening_cli.runner import parse_date, run_command

if TYPE_CHECKING:
    from screening.monitor import ScreeningSummary, WatchedFile


watch_app = typer.Typer(
    name="watch",
    help="Keep supplier files on a watch list, in the audit database: `screen rescreen` "
    "screens them again for what is new since their last screening.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)


@watch_app.command("add")
def add(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="Supplier file (CSV, TSV, XLSX or Parquet) to watch; read again at each run.",
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="NAME",
            help="Name on the watch list, and of its report file. Default: the file's stem.",
        ),
    ] = None,
    lists: ListOption = None,
    as_of: AsOfOption = None,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    show_from: ShowFromOption = None,
    fail_on: FailOnOption = FailOnChoice.pending,
    include_vessels: IncludeVesselsOption = False,
    decisions: DecisionsOption = None,
    baseline: BaselineOption = None,
    sheet: SheetOption = None,
    name_column: NameColumnOption = None,
    country_column: CountryColumnOption = None,
    id_column: IdColumnOption = None,
    encoding: EncodingOption = None,
    jobs: JobsOption = None,
    max_age_days: MaxAgeOption = MAX_AGE_DAYS,
    allow_stale: AllowStaleOption = False,
    data_dir: DataDirOption = None,
    db: DbOption = None,
) -> None:
    """Put a supplier file on the watch list and screen it once: what it has now is the
    starting point, and `screen rescreen` reports what is new from then on. The lists given
    with --list are those it is always screened against (default: the lists in use at each
    run)."""

    def action() -> int:
        from screening.models import FailOn, Gate
        from screening.monitor import WatchSettings, default_name
        from screening.options import ReadOptions, ReviewFiles, ScreenOptions
        from screening_cli.rescreen import Run, first_screening

        day = parse_date(as_of, "--as-of")
        screen = ScreenOptions(
            as_of=day,
            gate=Gate(threshold, FailOn(fail_on.value)),
            show_from=show_from,
            skip_types=skipped_types(include_vessels),
        )
        read = ReadOptions(name_column, country_column, id_column, encoding, sheet)
        settings = WatchSettings.of(read, screen, ReviewFiles(decisions, baseline),
                                    tuple(lists or ()))  # fmt: skip
        run = Run(as_of=day, jobs=jobs, data_dir=data_dir, max_age_days=max_age_days, db=db,
                  allow_stale=allow_stale)  # fmt: skip
        return first_screening(file, name or default_name(file), settings, run)

    run_command(action)


def _summary_cells(summary: ScreeningSummary | None) -> list[str]:
    if summary is None:
        return ["", "", "", "", "not screened yet"]
    lists = " ".join(f"{n}:{short_digest(sha)}" for n, sha in summary.lists)
    return [
        summary.screened_at.strftime("%Y-%m-%d %H:%M"),
        summary.as_of.isoformat(),
        f"{summary.rows:,}",
        lists,
        f"{summary.hits} ({summary.failing} failing)",
    ]


def _watch_json(watched: WatchedFile, summary: ScreeningSummary | None) -> dict[str, object]:
    last = None
    if summary is not None:
        last = {
            "screened_at": summary.screened_at.isoformat(),
            "as_of": summary.as_of.isoformat(),
            "run_id": summary.run_id,
            "rows": summary.rows,
            "lists": [{"name": n, "sha256": sha} for n, sha in summary.lists],
            "hits": summary.hits,
            "failing": summary.failing,
        }
    return {
        "name": watched.name,
        "path": str(watched.path),
        "sha256": watched.sha256,
        "added_at": watched.added_at.isoformat(),
        "added_by": watched.added_by,
        "settings": json.loads(watched.settings.to_json()),
        "last_screening": last,
    }


@watch_app.command("list")
def list_watched(
    fmt: Annotated[
        TextFormatChoice, typer.Option("--format", "-f", help="Output format.")
    ] = TextFormatChoice.table,
    data_dir: DataDirOption = None,
    db: DbOption = None,
) -> None:
    """Show the watched files, each with its last screening: when, as of which date, the
    list versions (sha256) and its hits."""

    def action() -> int:
        from rich.table import Table

        from screening.monitor import screening_summaries, watched_files
        from screening_cli.render import add_plain_row, console

        with open_log(db, data_dir) as log:
            found = watched_files(log)
            summaries = screening_summaries(log, found)
        if fmt is TextFormatChoice.json:
            records = [_watch_json(w, summaries.get(w.id)) for w in found]
            sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
            return 0
        table = Table(title="Watched files", title_justify="left")
        headers = ("Name", "File", "Last screened (UTC)", "As of", "Rows", "Lists", "Hits")
        for header in headers:
            table.add_column(header, overflow="fold")
        for w in found:
            add_plain_row(table, w.name, str(w.path), *_summary_cells(summaries.get(w.id)))
        console().print(table)
        if not found:
            console(stderr=True).print(
                "No watched files: `screen watch add FILE` puts one on the list.", highlight=False
            )
        return 0

    run_command(action)


@watch_app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Name of the watched file.")],
    data_dir: DataDirOption = None,
    db: DbOption = None,
) -> None:
    """Take a file off the watch list (its recorded runs stay in the audit trail)."""

    def action() -> int:
        from screening.monitor import unwatch
        from screening_cli.render import console

        with open_log(db, data_dir) as log:
            unwatch(log, name)
        console(stderr=True).print(f"{name} is no longer watched.", highlight=False)
        return 0

    run_command(action)


#: `screen rescreen --list`: no environment twin, so that a SCREEN_LIST set for `screen
#: check` does not silently replace the lists each watched file was added with.
RescreenListOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--list",
        "-l",
        metavar="PATH",
        help="Screen every watched file against this list file or snapshot folder instead "
        "of its own lists and the installed ones; repeatable.",
    ),
]


def rescreen(
    names: Annotated[
        list[str] | None,
        typer.Option(
            "--name",
            metavar="NAME",
            help="Re-screen only this watched file (repeatable). Default: every one.",
        ),
    ] = None,
    lists: RescreenListOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = FormatChoice.table,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            envvar="SCREEN_OUTPUT_DIR",
            help="Write one report per watched file here, NAME.json, NAME.sarif... (created "
            "if absent). Default: standard output (one file, or --format table or github).",
        ),
    ] = None,
    exec_command: Annotated[
        str | None,
        typer.Option(
            "--exec",
            metavar="COMMAND",
            envvar="SCREEN_EXEC",
            help="Run this shell command with the new hits as JSON on its standard input, "
            "when there are any (or errors). A command that fails fails the run (exit 2).",
        ),
    ] = None,
    webhook: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            envvar="SCREEN_WEBHOOK",
            help="POST the same JSON to this address (retried; a failure fails the run).",
        ),
    ] = None,
    webhook_timeout: Annotated[
        float,
        typer.Option(metavar="SECONDS", min=0.1, help="Time allowed per webhook attempt."),
    ] = WEBHOOK_TIMEOUT_S,
    webhook_retries: Annotated[
        int, typer.Option(metavar="N", min=0, help="Webhook retries on network errors and 5xx.")
    ] = WEBHOOK_ATTEMPTS - 1,
    jobs: JobsOption = None,
    max_age_days: MaxAgeOption = MAX_AGE_DAYS,
    allow_stale: AllowStaleOption = False,
    data_dir: DataDirOption = None,
    db: DbOption = None,
) -> None:
    """Screen every watched file again and report only what is new since its last
    screening: hits against entries added or changed in the lists, hits of rows added or
    changed in the file, and hits whose listing's status changed with the date. Exit code 1
    when a new finding fails the gate, 0 when nothing new does, 2 on error."""

    def action() -> int:
        from screening_cli.rescreen import Notify, Output, Run, rescreen_watched

        run = Run(as_of=parse_date(as_of, "--as-of"), jobs=jobs, data_dir=data_dir,
                  max_age_days=max_age_days, db=db, lists=tuple(lists or ()),
                  allow_stale=allow_stale)  # fmt: skip
        notify = Notify(exec_command, webhook, webhook_timeout, webhook_retries + 1)
        return rescreen_watched(names, run, Output(fmt, output_dir), notify)

    run_command(action)


def rescreen_after_update(data_dir: Path | None) -> int:
    """`screen update --rescreen`: re-screen every watched file against the lists just
    installed, with `screen rescreen`'s defaults and its environment twins (SCREEN_DB,
    SCREEN_AS_OF, SCREEN_FORMAT, SCREEN_OUTPUT_DIR, SCREEN_EXEC, SCREEN_WEBHOOK)."""
    from screening.errors import ConfigError
    from screening_cli.rescreen import Notify, Output, Run, rescreen_watched

    env = {k: v for k, v in os.environ.items() if k.startswith("SCREEN_") and v.strip()}
    try:
        fmt = FormatChoice(env.get("SCREEN_FORMAT", FormatChoice.table.value))
    except ValueError:
        raise ConfigError(
            f"SCREEN_FORMAT={env['SCREEN_FORMAT']!r} is not a report format"
        ) from None
    folder = env.get("SCREEN_OUTPUT_DIR")
    run = Run(as_of=parse_date(env.get("SCREEN_AS_OF"), "SCREEN_AS_OF"), jobs=None,
              data_dir=data_dir, max_age_days=MAX_AGE_DAYS, db=env.get("SCREEN_DB"))  # fmt: skip
    notify = Notify(env.get("SCREEN_EXEC"), env.get("SCREEN_WEBHOOK"))
    return rescreen_watched(None, run, Output(fmt, Path(folder) if folder else None), notify)
