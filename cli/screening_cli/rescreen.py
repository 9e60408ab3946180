"""The run of `screen rescreen` (and the first screening of `screen watch add`): each watched
file screened for what is new, its report written, the team notified, the run recorded.

The order matters. Reports are written first, then the notification is sent, and only
when it went out is each file's screening recorded as its last: a notification that fails
leaves the hits new, so the next run reports them again (exit code 2 now), and none is lost
between two runs.
"""

from __future__ import annotations

import getpass
import io
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from screening_cli.audit import now, open_log
from screening_cli.options import WEBHOOK_ATTEMPTS, WEBHOOK_TIMEOUT_S, FormatChoice

if TYPE_CHECKING:
    from screening.audit import AuditLog, RunInfo
    from screening.models import ListSnapshot
    from screening.monitor import Rescreening, WatchedFile, WatchSettings

#: The report file of each format, `NAME` + this, in --output-dir.
EXTENSIONS = {
    FormatChoice.table: ".txt",
    FormatChoice.json: ".json",
    FormatChoice.csv: ".csv",
    FormatChoice.junit: ".xml",
    FormatChoice.sarif: ".sarif",
    FormatChoice.github: ".txt",
    FormatChoice.html: ".html",
    FormatChoice.xlsx: ".xlsx",
    FormatChoice.parquet: ".parquet",
}
#: Formats whose reports of several files can follow each other on standard output.
_CONCATENATED = frozenset({FormatChoice.table, FormatChoice.github})


@dataclass(frozen=True, slots=True)
class Run:
    """What every file of one run shares: the date, the processes, where things are."""

    as_of: date
    jobs: int | None
    data_dir: Path | None
    max_age_days: int
    db: str | None
    lists: tuple[Path, ...] = ()  # --list: instead of each file's own and the installed
    allow_stale: bool = False  # --allow-stale: screen with lists older than max_age_days


@dataclass(frozen=True, slots=True)
class Output:
    """Where the reports go: one file per watched file in `folder`, else standard output."""

    fmt: FormatChoice
    folder: Path | None = None


@dataclass(frozen=True, slots=True)
class Notify:
    """Who is told about new hits: a command, a webhook, or nobody."""

    command: str | None = None
    webhook: str | None = None
    timeout: float = WEBHOOK_TIMEOUT_S
    attempts: int = WEBHOOK_ATTEMPTS


@dataclass(slots=True)
class Outcome:
    """One watched file's part of a run."""

    watched: WatchedFile
    started: datetime
    done: Rescreening | None = None
    report: Path | None = None
    error: str | None = None


@dataclass(slots=True)
class _Lists:
    """The lists of each file: --list, else the file's own, else the installed ones;
    each set loaded once per run."""

    run: Run
    loaded: dict[tuple[Path, ...], tuple[ListSnapshot, ...]] = field(default_factory=dict)

    def of(self, settings: WatchSettings) -> tuple[ListSnapshot, ...]:
        from screening_cli.places import freshness, resolve_lists

        paths = self.run.lists or settings.lists
        if paths not in self.loaded:
            run = self.run
            fresh = freshness(run.as_of, run.max_age_days, run.allow_stale)
            self.loaded[paths] = resolve_lists(list(paths) or None, run.data_dir, fresh)
        return self.loaded[paths]


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return ""


def _info(watched: WatchedFile, started: datetime, command: str, sha256: str | None) -> RunInfo:
    from screening.audit import RunInfo

    gate = watched.settings.gate
    return RunInfo(command=command, started_at=started, user=_user(), host=socket.gethostname(),
                   input_path=str(watched.path), input_sha256=sha256, threshold=gate.threshold,
                   fail_on=gate.fail_on.value)  # fmt: skip


def _screen(watched: WatchedFile, log: AuditLog | None, run: Run, lists: _Lists) -> Rescreening:
    """Screen one watched file for what is new since its last screening (all of it when
    `log` is None: the first screening)."""
    import os

    from screening.monitor import last_screening, rescreen_file
    from screening_cli.places import resolve_cache_dir
    from screening_cli.render import console, progress_bar

    last = last_screening(log, watched) if log is not None else None
    options = watched.settings.screen_options(
        run.as_of, jobs=run.jobs or os.cpu_count() or 1, cache_dir=resolve_cache_dir()
    )
    snapshots = lists.of(watched.settings)
    with progress_bar(console(stderr=True)) as advance:
        return rescreen_file(watched.path, watched.settings, snapshots, options, last,
                             progress=advance)  # fmt: skip


def first_screening(file: Path, name: str, settings: WatchSettings, run: Run) -> int:
    """`screen watch add`: screen the file once, then put it on the watch list with that
    screening as its last. Exit code 0: the hits it has now are the starting point."""
    from screening.monitor import (
        WatchedFile,
        check_file,
        check_name,
        describe,
        record_rescreening,
        watch_file,
        watched_files,
    )
    from screening_cli.render import console, print_warning

    check_name(name)
    check_file(file)
    started = now()
    with open_log(run.db, run.data_dir) as log:
        if any(w.name == name for w in watched_files(log)):
            from screening.errors import ConfigError

            raise ConfigError(
                f"a watched file is already named {name!r}: choose another --name, or "
                f"`screen watch remove {name}` first"
            )
        candidate = WatchedFile(0, name, file.expanduser().absolute(), None, started, None,
                                settings)  # fmt: skip
        done = _screen(candidate, None, run, _Lists(run))
        watched = watch_file(log, file, settings, name=name, added_at=started, added_by=_user())
        info = _info(watched, started, "watch add", done.input_sha256)
        code = 1 if _fails(done) else 0
        run_id = record_rescreening(log, watched, done, info, finished_at=now(), exit_code=code)
    stderr = console(stderr=True)
    for note in done.notes:
        print_warning(stderr, note)
    stderr.print(
        f"Watching {name} ({watched.path}): {describe(done)}; recorded as run {run_id} "
        "(`screen history` shows its hits). `screen rescreen` reports what is new from now on.",
        highlight=False,
        soft_wrap=True,
    )
    return 0


def _fails(done: Rescreening) -> bool:
    from screening.gate import run_fails_gate

    return run_fails_gate(done.result)


def _check_output(output: Output, files: int) -> None:
    """Refuse, before any work, reports that would have nowhere to go."""
    from screening.errors import ConfigError

    if output.folder is not None:
        if output.folder.exists() and not output.folder.is_dir():
            raise ConfigError(f"--output-dir {output.folder} is not a folder")
        return
    if output.fmt in (FormatChoice.xlsx, FormatChoice.parquet):
        raise ConfigError(f"--format {output.fmt.value} writes files: give --output-dir DIR")
    if files > 1 and output.fmt not in _CONCATENATED:
        raise ConfigError(
            f"{files} watched files make {files} {output.fmt.value} reports: give --output-dir "
            "DIR (one report per file), or --name to re-screen one"
        )


def _write_report(outcome: Outcome, output: Output, audit_file: Path | None) -> Path | None:
    """Write one file's report to --output-dir (returned) or standard output (None)."""
    from screening.report import REPORTERS, check_output_path, write_report
    from screening_cli.render import console, file_console, plain, print_table
    from screening_cli.report import context
    from screening_cli.runner import stdout_report

    assert outcome.done is not None
    result, watched = outcome.done.result, outcome.watched
    target = None
    if output.folder is not None:
        output.folder.mkdir(parents=True, exist_ok=True)
        target = output.folder / f"{watched.name}{EXTENSIONS[output.fmt]}"
        review = watched.settings.review
        check_output_path(target, [("watched file", watched.path),
                                   ("decisions file", review.decisions),
                                   ("baseline report", review.baseline),
                                   ("audit database", audit_file)])  # fmt: skip
    if output.fmt is FormatChoice.table:
        if target is None:
            with stdout_report():
                console().print(plain(f"{watched.name} ({watched.path})"), highlight=False)
                print_table(console(), result)
            return None
        buffer = io.StringIO()
        print_table(file_console(buffer), result)
        write_report(
            target, "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
        )
        return target
    rows = list({f.match.supplier.row: f.match.supplier for f in result.findings}.values())
    elapsed = (now() - outcome.started).total_seconds()
    text = REPORTERS[output.fmt.value](
        result, context(watched.path, outcome.started, elapsed, rows)
    )
    if target is not None:
        write_report(target, text)
        return target
    assert isinstance(text, str)  # binary formats need --output-dir (`_check_output`)
    with stdout_report():
        sys.stdout.write(text)
    return None


def _notify(notify: Notify, as_of: date, outcomes: list[Outcome]) -> str:
    """Send the notification when there is something new (or an error); what was done,
    for the summary."""
    from screening.monitor import FileNotice, notice_json, notice_record, post_webhook, run_exec

    news = [o for o in outcomes if o.error is not None or (o.done and o.done.changes)]
    if not news or (notify.command is None and notify.webhook is None):
        return ""
    notices = [FileNotice(o.watched.name, o.watched.path, o.done, o.report, o.error)
               for o in outcomes]  # fmt: skip
    payload = notice_json(notice_record(as_of, notices))
    told = []
    if notify.command is not None:
        run_exec(notify.command, payload)
        told.append("--exec")
    if notify.webhook is not None:
        post_webhook(notify.webhook, payload, timeout=notify.timeout, attempts=notify.attempts)
        told.append("--webhook")
    return " and ".join(told)


def _each(
    watched: list[WatchedFile], step: Callable[[WatchedFile, datetime], Outcome]
) -> list[Outcome]:
    from screening.errors import ScreeningError
    from screening_cli.render import console, print_error

    outcomes = []
    for w in watched:
        started = now()
        try:
            outcomes.append(step(w, started))
        except ScreeningError as exc:
            print_error(console(stderr=True), f"{w.name}: {exc}")
            outcomes.append(Outcome(w, started, error=str(exc)))
    return outcomes


def rescreen_watched(names: list[str] | None, run: Run, output: Output, notify: Notify) -> int:
    """`screen rescreen`: every watched file (or those `names`), reported, notified and
    recorded; the exit code (2: an error, 1: a new finding fails the gate, else 0)."""
    from screening.audit import sqlite_path
    from screening.monitor import NotificationError, check_webhook, describe, watched_files
    from screening_cli.render import console, print_error, print_warning

    if notify.webhook is not None:
        check_webhook(notify.webhook)
    stderr = console(stderr=True)
    lists = _Lists(run)
    with open_log(run.db, run.data_dir) as log:
        watched = watched_files(log, names)
        if not watched:
            stderr.print("No watched files: `screen watch add FILE` puts one on the list.")
            return 0
        _check_output(output, len(watched))
        audit_file = sqlite_path(log.url)

        def step(w: WatchedFile, started: datetime) -> Outcome:
            outcome = Outcome(w, started, done=_screen(w, log, run, lists))
            outcome.report = _write_report(outcome, output, audit_file)
            return outcome

        outcomes = _each(watched, step)
        try:
            told = _notify(notify, run.as_of, outcomes)
        except NotificationError as exc:
            print_error(stderr, str(exc))
            _record(log, outcomes, failure=f"not notified: {exc}")
            return 2
        _record(log, outcomes)
    for o in outcomes:
        if o.done is not None:
            for note in o.done.notes:
                print_warning(stderr, o.watched.name + ": " + note)  # the note says it all
            where = f"; report {o.report}" if o.report is not None else ""
            stderr.print(f"{o.watched.name}: {describe(o.done)}{where}", highlight=False,
                         soft_wrap=True)  # fmt: skip
    return _ending(outcomes, told)


def _record(log: AuditLog, outcomes: list[Outcome], failure: str | None = None) -> None:
    """Record each file's run; a screening becomes the file's last only without `failure`
    (a notification that did not go out)."""
    from screening.monitor import record_rescreening

    for o in outcomes:
        sha256 = o.done.input_sha256 if o.done is not None else None
        info = _info(o.watched, o.started, "rescreen", sha256)
        error = failure if o.error is None else o.error
        if o.done is None or error is not None:
            log.record_failure(info, error or "", finished_at=now(), exit_code=2)
            continue
        code = 1 if _fails(o.done) else 0
        record_rescreening(log, o.watched, o.done, info, finished_at=now(), exit_code=code)


def _ending(outcomes: list[Outcome], told: str) -> int:
    """The closing line on stderr, and the run's exit code."""
    from screening.gate import result_failures
    from screening_cli.render import console

    done = [o.done for o in outcomes if o.done is not None]
    new = sum(len(d.changes) for d in done)
    failing = sum(len(result_failures(d.result)) for d in done)
    errors = sum(o.error is not None for o in outcomes)
    line = (
        f"Re-screened {len(outcomes)} watched file{'s' if len(outcomes) != 1 else ''}: "
        f"{new} new finding{'s' if new != 1 else ''}, {failing} failing the gate"
        + (f", {errors} could not be screened" if errors else "")
        + (f"; notified by {told}" if told else "")
    )
    console(stderr=True).print(line, highlight=False, soft_wrap=True)
    if errors:
        return 2
    return 1 if any(_fails(d) for d in done) else 0
