"""`screen history`: the recorded runs, or one run with its lists and every hit."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from screening.files import short_digest
from screening_cli.audit import audit_url
from screening_cli.options import DataDirOption, DbOption, LangOption, TextFormatChoice
from screening_cli.runner import run_command

if TYPE_CHECKING:
    from screening.audit import RunRecord

#: `screen history` shows this many runs unless told otherwise.
DEFAULT_HISTORY_LIMIT = 20


def _when(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _input(run: RunRecord) -> str:
    if run.input_name is not None:
        return f"{run.command} {run.input_name!r}"
    return run.input_path or ""


def _print_runs(found: list[RunRecord], where: str) -> None:
    from rich.table import Table

    from screening_cli.render import add_plain_row, console

    table = Table(title=f"Screening runs ({where})", title_justify="left")
    for header in ("Id", "When (UTC)", "Who", "Input", "Rows", "Hits", "Failing", "Exit", "Lists"):
        table.add_column(header, overflow="fold")
    for run in found:
        add_plain_row(
            table,
            str(run.id),
            _when(run.started_at),
            f"{run.user}@{run.host}" if run.host else run.user or "",
            _input(run),
            "" if run.input_rows is None else str(run.input_rows),
            str(run.hit_count),
            str(run.failing),
            str(run.exit_code) + ("" if run.status == "ok" else f" ({run.status})"),
            " ".join(f"{s.name}:{short_digest(s.sha256 or '')}" for s in run.lists),
        )
    console().print(table)


def _print_run(run: RunRecord) -> None:
    from rich.table import Table

    from screening_cli.render import add_plain_row, console, plain

    out = console()
    lines = [
        f"Run {run.id}: {run.command}, {run.status}, exit code {run.exit_code}",
        f"started {run.started_at.isoformat()}, finished {run.finished_at.isoformat()}",
        f"by {run.user or '?'} on {run.host or '?'}",
        f"input {_input(run)}"
        + (f" (sha256 {run.input_sha256})" if run.input_sha256 else "")
        + ("" if run.input_rows is None else f", {run.input_rows} rows"),
        f"as of {run.as_of.isoformat() if run.as_of else '?'}, threshold {run.threshold}, "
        f"fail on {run.fail_on}",
    ]
    if run.error:
        lines.append(f"error: {run.error}")
    for line in lines:
        out.print(plain(line), highlight=False, soft_wrap=True)
    lists = Table(title="Lists", title_justify="left")
    for header in ("Name", "Entries", "Data date", "sha256", "Path"):
        lists.add_column(header, overflow="fold")
    for s in run.lists:
        date = s.data_date.isoformat() if s.data_date else ""
        add_plain_row(lists, s.name, str(s.entries), date, s.sha256 or "", s.path or "")
    out.print(lists)
    hits = Table(title=f"Hits ({run.hit_count}, {run.failing} failing)", title_justify="left")
    for header in ("Row", "Input", "Entry id", "Matched name", "Score", "Status", "Fails"):
        hits.add_column(header, overflow="fold")
    for h in run.hits:
        add_plain_row(
            hits,
            str(h.row),
            " ".join(x for x in (h.input_id, h.input_name) if x),
            h.entry_id or "",
            h.matched_name or "",
            "" if h.score is None else f"{h.score:.1f}",
            h.status or "",
            "yes" if h.fails_gate else "",
        )
    out.print(hits)


def history(
    run_id: Annotated[
        int | None,
        typer.Argument(metavar="RUN_ID", help="Show this run with its lists and every hit."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", help="Show the last N runs.")
    ] = DEFAULT_HISTORY_LIMIT,
    fmt: Annotated[
        TextFormatChoice, typer.Option("--format", "-f", help="Output format.")
    ] = TextFormatChoice.table,
    db: DbOption = None,
    data_dir: DataDirOption = None,
    lang: LangOption = None,
) -> None:
    """Show recorded screening runs, or one run with its hits."""

    def action() -> int:
        from screening.audit import AuditLog, run_json
        from screening.errors import ConfigError

        if limit < 1:
            raise ConfigError(f"--limit must be at least 1, got {limit}")
        url = audit_url(db, data_dir, create=False)
        if url is None:
            found: list[RunRecord] = []
            where = "no audit database yet"
        else:
            with AuditLog(url) as log:
                where = log.display_url()
                if run_id is not None:
                    one = log.run(run_id)
                    if one is None:
                        raise ConfigError(f"no run {run_id} in the audit database {where}")
                    if fmt is TextFormatChoice.json:
                        text = json.dumps(
                            run_json(one, with_hits=True), ensure_ascii=False, indent=2
                        )
                        sys.stdout.write(text + "\n")
                    else:
                        _print_run(one)
                    return 0
                found = log.recent_runs(limit)
        if run_id is not None:
            raise ConfigError(f"no run {run_id}: nothing has been recorded yet")
        if fmt is TextFormatChoice.json:
            records = [run_json(r) for r in found]
            sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        else:
            _print_runs(found, where)
        return 0

    run_command(action)
