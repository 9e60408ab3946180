"""The audit trail from the command line: recording `check` and `lookup` runs, and
`screen history` to read them back.

Thin: the database work is in `screening.audit` and `screening.audit_write`; this module
reads the clock, the user, the host and the environment, and draws with rich. SQLAlchemy is
imported only when a run is read, or recorded other than in an existing SQLite file, so
`screen --help` and a one-name `screen lookup` stay fast.
"""

from __future__ import annotations

import getpass
import json
import socket
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.lists import DataDirOption, resolve_data_dir

if TYPE_CHECKING:
    from screening.audit import RunRecord
    from screening.models import ScreeningResult

#: Exit code of a run stopped by Ctrl-C: 128 + SIGINT, as shells report it.
EXIT_INTERRUPTED = 130

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="SCREEN_DB",
        metavar="URL",
        help="Audit database (SQLAlchemy URL: sqlite:///path or postgresql+psycopg://...). "
        "Default: audit.sqlite3 in the data directory.",
    ),
]
NoAuditOption = Annotated[
    bool,
    typer.Option(
        "--no-audit",
        envvar="SCREEN_NO_AUDIT",
        help="Do not record this run in the audit database.",
    ),
]
#: `screen history` shows this many runs unless told otherwise.
DEFAULT_HISTORY_LIMIT = 20


class HistoryFormatChoice(StrEnum):
    """Output of `screen history`."""

    table = "table"
    json = "json"


def audit_url(db: str | None, data_dir: Path | None, *, create: bool) -> str | None:
    """--db, else SCREEN_DB, else the SQLite file in the data directory. With `create`, the
    data directory is made if absent; without, None when the default file does not exist."""
    from screening.audit_records import DEFAULT_DB_NAME, sqlite_url

    if db and db.strip():
        return db.strip()
    folder = resolve_data_dir(data_dir)
    path = folder / DEFAULT_DB_NAME
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    elif not path.exists():
        return None
    return sqlite_url(path)


def _now() -> datetime:
    return datetime.now(UTC)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return ""


def _warn(message: str) -> None:
    from cli.render import console, print_warning

    print_warning(console(stderr=True), message)


class RunAudit:
    """Records one `check` or `lookup` run: `wrap` the command's action, and pass its
    result through `finish` after the report is written."""

    def __init__(
        self,
        command: str,
        *,
        db: str | None,
        enabled: bool,
        data_dir: Path | None = None,
        input_path: Path | None = None,
        input_name: str | None = None,
        threshold: float | None = None,
        fail_on: str | None = None,
    ) -> None:
        self.command, self.db, self.enabled, self.data_dir = command, db, enabled, data_dir
        self.input_path, self.input_name = input_path, input_name
        self.threshold, self.fail_on = threshold, fail_on
        self.started_at = _now()
        self.run_id: int | None = None

    def _record(
        self, *, code: int, result: ScreeningResult | None = None, error: str | None = None
    ) -> None:
        if not self.enabled:
            return
        from screening.audit_records import RunInfo, file_sha256
        from screening.audit_write import record_run
        from screening.errors import ScreeningError

        path = self.input_path
        info = RunInfo(
            command=self.command,
            started_at=self.started_at,
            user=_user(),
            host=socket.gethostname(),
            input_path=str(path) if path is not None else None,
            input_name=self.input_name,
            input_sha256=file_sha256(path) if path is not None else None,
            threshold=self.threshold,
            fail_on=self.fail_on,
        )
        try:
            url = audit_url(self.db, self.data_dir, create=True)
            assert url is not None
            self.run_id = record_run(
                url, info, finished_at=_now(), exit_code=code, result=result, error=error
            )
        except (ScreeningError, OSError) as exc:
            _warn(f"the run was not recorded in the audit database: {exc}")

    def check_database(self) -> None:
        """Refuse, before any work, a --db that names a database the tool cannot write (a
        driver not installed): the run would otherwise go unrecorded."""
        from screening.audit_records import sqlite_path

        url = (self.db or "").strip()
        if self.enabled and url and sqlite_path(url) is None:
            from screening.audit import check_database_url

            check_database_url(url)

    def database_file(self) -> Path | None:
        """The SQLite file this run will be recorded in, if it is one."""
        from screening.audit_records import sqlite_path

        url = audit_url(self.db, self.data_dir, create=False) if self.enabled else None
        return sqlite_path(url) if url else None

    def finish(self, result: ScreeningResult, code: int) -> int:
        """Record a run that produced its report; returns its exit code unchanged."""
        self._record(code=code, result=result)
        return code

    def wrap(self, action: Callable[[], int]) -> Callable[[], int]:
        """The action, recording it as failed when it stops on an input error or Ctrl-C."""
        from screening.errors import ScreeningError

        def run() -> int:
            self.check_database()
            try:
                return action()
            except KeyboardInterrupt:
                self._record(code=EXIT_INTERRUPTED, error="interrupted")
                raise
            except ScreeningError as exc:
                self._record(code=2, error=str(exc))
                raise
            except Exception as exc:  # exits 2 too (cli.main._run): recorded as it ends
                from cli.runner import unexpected_error

                self._record(code=2, error=unexpected_error(exc))
                raise

        return run


def _when(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _input(run: RunRecord) -> str:
    if run.input_name is not None:
        return f"{run.command} {run.input_name!r}"
    return run.input_path or ""


def _print_runs(found: list[RunRecord], where: str) -> None:
    from rich.table import Table

    from cli.render import add_plain_row, console

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
            " ".join(f"{s.name}:{(s.sha256 or '')[:12]}" for s in run.lists),
        )
    console().print(table)


def _print_run(run: RunRecord) -> None:
    from rich.table import Table

    from cli.render import add_plain_row, console, plain

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
        HistoryFormatChoice, typer.Option("--format", "-f", help="Output format.")
    ] = HistoryFormatChoice.table,
    db: DbOption = None,
    data_dir: DataDirOption = None,
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
                    if fmt is HistoryFormatChoice.json:
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
        if fmt is HistoryFormatChoice.json:
            records = [run_json(r) for r in found]
            sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        else:
            _print_runs(found, where)
        return 0

    from cli.main import _run

    _run(action)


def register(app: typer.Typer) -> None:
    """Add `history` to the `screen` app."""
    app.command()(history)
