"""`screen update`, `screen lists` and `screen diff`: keeping the lists fresh and knowing them.

Thin: the work is in `screening.lists.update`, `screening.lists.store` and
`screening.lists.diff`; this module parses options, reads the clock and the environment,
draws with rich on stderr/stdout and chooses the exit code.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from screening.defaults import DEADLINE_SECONDS, MAX_FILE_BYTES
from screening.files import short_digest
from screening.i18n import _, error_origins
from screening_cli.options import DataDirOption, LangOption, TextFormatChoice
from screening_cli.places import load_path, resolve_data_dir
from screening_cli.runner import EXIT_INTERRUPTED, EXIT_TERMINATED, parse_date, run_command

if TYPE_CHECKING:
    from screening.lists.diff import ListDiff
    from screening.lists.update import NoticeCallback, ProgressCallback, UpdateOptions
    from screening.models import ListSnapshot

#: --max-size is given in MiB.
MAX_FILE_MIB = MAX_FILE_BYTES / 2**20


class _Terminated(BaseException):
    """SIGTERM arrived during `screen update`: unwinds like Ctrl-C, so the download's
    `finally` removes its partial folder (the default action would kill the process and
    leave it behind). A BaseException, so no library `except Exception` swallows it."""


@contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """While inside, SIGTERM raises _Terminated (once; a second one is ignored, so the
    clean-up it started is not cut short). Only the main thread may set signal handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def update(
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            "-s",
            metavar="NAME",
            help="What to download (repeatable): csl, sdn, un, el (the Entity List from the "
            "eCFR, as of --date or the latest date) or fr (the Federal Register rules table "
            "that dates eCFR entries). Default: csl, sdn and un.",
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            help="Download from this address instead (a mirror); needs exactly one --source. "
            "For el, the eCFR versioner API's address (.../api/versioner/v1); for fr, the "
            "Federal Register documents search (.../api/v1/documents.json). Credentials in "
            "it are used but not stored.",
        ),
    ] = None,
    on_date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="With --source el: the Entity List as it stood on this date, kept beside the "
            "other versions (screen FILE --as-of uses the one in force).",
        ),
    ] = None,
    retries: Annotated[
        int,
        typer.Option(
            metavar="N", help="Retries per file on network errors, with exponential backoff."
        ),
    ] = 3,
    accept_shrink: Annotated[
        bool,
        typer.Option(
            "--accept-shrink",
            help="Install a list that lost more entries than a real update does (over 10% "
            "fewer than the snapshot in use, or any drop when the server gave no length).",
        ),
    ] = False,
    max_size: Annotated[
        float,
        typer.Option(metavar="MIB", help="Largest file accepted, after decompression (MiB)."),
    ] = MAX_FILE_MIB,
    deadline: Annotated[
        float,
        typer.Option(metavar="SECONDS", help="Most time one source may take, retries included."),
    ] = DEADLINE_SECONDS,
    data_dir: DataDirOption = None,
    lang: LangOption = None,
    rescreen: Annotated[
        bool,
        typer.Option(
            "--rescreen",
            help="Then, when every list was installed, re-screen the watched files "
            "(`screen rescreen`, its options from SCREEN_* variables); its exit code ends the run.",
        ),
    ] = False,
) -> None:
    """Download the official lists (the previous snapshots are kept)."""

    def action() -> int:
        from screening.errors import ConfigError
        from screening.lists.update import SOURCES, UpdateOptions
        from screening.lists.update_api import API_SOURCES, FR_SOURCE

        if retries < 0:
            raise ConfigError(f"--retries must be 0 or more, got {retries}")
        if not max_size > 0 or not deadline > 0:
            raise ConfigError(
                f"--max-size and --deadline must be above 0, got {max_size:g} and {deadline:g}"
            )
        keys = source or list(SOURCES)
        known = [*SOURCES, *API_SOURCES, FR_SOURCE]
        for key in keys:
            if key not in known:
                raise ConfigError(f"unknown --source {key!r}; choose from {', '.join(known)}")
        if url and len(keys) != 1:
            raise ConfigError("--url needs exactly one --source (the list it is a mirror of)")
        day = parse_date(on_date, "--date") if on_date is not None else None
        if day is not None and keys != ["el"]:
            raise ConfigError("--date needs --source el alone (the only list served as of a date)")
        if day is not None and day > date.today():
            raise ConfigError(
                f"--date {day.isoformat()} is after today; the eCFR has no such version"
            )
        options = UpdateOptions(
            attempts=retries + 1,
            deadline=deadline,
            max_bytes=int(max_size * 2**20),
            accept_shrink=accept_shrink,
        )
        code = _download(keys, _Request(resolve_data_dir(data_dir), options, url, day))
        if rescreen and code == 0:
            from screening_cli.watch import rescreen_after_update

            return rescreen_after_update(data_dir)
        return code

    run_command(action)


@dataclass(frozen=True, slots=True)
class _Request:
    """What every source of one `screen update` is downloaded with."""

    folder: Path
    options: UpdateOptions
    url: str | None
    day: date | None


def _update_one(
    key: str, request: _Request, progress: ProgressCallback, notice: NoticeCallback
) -> tuple[str, list[str]]:
    """Download one source; its summary line and warnings. DownloadError when it failed.
    `notice` hears of the download starting and of every failed attempt."""
    from screening.lists.update import redact_url, source_for, update_source
    from screening.lists.update_api import FR_SOURCE, refresh_fr_rules, update_el

    now = datetime.now(UTC).replace(microsecond=0)
    common: dict[str, Any] = {
        "now": now, "options": request.options, "progress": progress, "notice": notice
    }  # fmt: skip
    if key not in ("el", FR_SOURCE):
        notice(f"{key}: downloading {redact_url(source_for(key, url=request.url).url)}")
    if key == FR_SOURCE:
        done = refresh_fr_rules(request.folder, url=request.url, **common)
        return (
            f"fr: {done.documents} documents from {done.api}; {done.rules} rules in "
            f"{done.path} ({done.added} new, {done.changed} with new pages or dates)",
            list(done.warnings),
        )
    if key == "el":
        manifest = update_el(request.folder, day=request.day, api=request.url, **common)
    else:
        manifest = update_source(source_for(key, url=request.url), request.folder, **common)
    version = f" as of {manifest.version_date.isoformat()}" if manifest.version_date else ""
    return (
        f"{key}: {manifest.entries} entries{version}, sha256 {short_digest(manifest.sha256)}, "
        f"{manifest.size} bytes from {manifest.url}",
        list(manifest.warnings),
    )


def _download(keys: list[str], request: _Request) -> int:
    """Download each source, with a progress bar on stderr; the exit code: 2 when any
    failed, 0 when all were installed, 130/143 when interrupted."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    from screening.errors import DownloadError
    from screening_cli.render import console, print_error, print_warning

    stderr = console(stderr=True)
    failed = 0
    try:
        with (
            _sigterm_unwinds(),
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                DownloadColumn(),
                console=stderr,
                transient=True,
            ) as bar,
        ):
            tasks: dict[str, Any] = {}

            def progress(label: str, done: int, total: int | None) -> None:
                if label not in tasks:
                    tasks[label] = bar.add_task(label, total=total)
                bar.update(tasks[label], completed=done, total=total)

            def notice(line: str) -> None:
                stderr.print(line, highlight=False, soft_wrap=True)

            for key in keys:
                try:
                    line, warnings = _update_one(key, request, progress, notice)
                except DownloadError as exc:
                    failed += 1
                    print_error(stderr, str(exc), error_origins(exc))
                    continue
                for warning in warnings:
                    print_warning(stderr, f"{key}: {warning}")
                stderr.print(line, highlight=False, soft_wrap=True)
    except (_Terminated, KeyboardInterrupt) as exc:
        stderr.print(
            "interrupted: the download in progress was removed; the lists in use are unchanged",
            highlight=False,
            soft_wrap=True,
        )
        return EXIT_TERMINATED if isinstance(exc, _Terminated) else EXIT_INTERRUPTED
    return 2 if failed else 0


def _age(days: int | None) -> str:
    return "" if days is None else f"{days} d"


def lists(
    data_dir: DataDirOption = None,
    fmt: Annotated[
        TextFormatChoice, typer.Option("--format", "-f", help="Output format.")
    ] = TextFormatChoice.table,
    lang: LangOption = None,
) -> None:
    """Show installed and bundled lists: entries, dates, sha256, age."""

    def action() -> int:
        from rich.table import Table

        from screening.lists import bundled_sample_path, load_bundled_sample
        from screening.lists.store import scan_snapshots
        from screening_cli.render import add_plain_row, console, print_warning

        folder = resolve_data_dir(data_dir)
        today = date.today()
        scan = scan_snapshots(folder)
        for skipped in scan.skipped:
            print_warning(console(stderr=True), skipped)
        in_use = {s.directory for s in scan.in_use}
        sample = load_bundled_sample()
        records: list[dict[str, Any]] = [
            {
                "source": snap.manifest.source,
                "in_use": snap.directory in in_use,
                "entries": snap.manifest.entries,
                "data_date": snap.content_date.isoformat(),
                "downloaded_at": snap.manifest.downloaded_at.isoformat(),
                "sha256": snap.manifest.sha256,
                "age_days": snap.age_days(today),
                "path": str(snap.main_path),
                "url": snap.manifest.url,
                "format": snap.manifest.format,
                "bundled_sample": False,
            }
            for snap in scan.snapshots
        ]
        records.append(
            {
                "source": "bundled sample (only with --list sample)",
                "in_use": False,
                "entries": sample.entry_count,
                "data_date": None,
                "downloaded_at": None,
                "sha256": sample.sha256,
                "age_days": None,
                "path": str(bundled_sample_path()),
                "url": None,
                "format": sample.format,
                "bundled_sample": True,
            }
        )
        if fmt is TextFormatChoice.json:
            listing = {"data_dir": str(folder), "lists": records}
            sys.stdout.write(json.dumps(listing, ensure_ascii=False, indent=2) + "\n")
        else:
            title = _("Lists (data directory {folder})").format(folder=folder)
            table = Table(title=title, title_justify="left")
            for header in (
                _("Source"), _("Entries"), _("Data date"), _("Downloaded at"), "sha256",
                _("Age"), _("Path"),
            ):  # fmt: skip
                table.add_column(header, overflow="fold")
            for r in records:
                add_plain_row(
                    table,
                    r["source"] + (" " + _("(in use)") if r["in_use"] else ""),
                    str(r["entries"]),
                    r["data_date"] or "",
                    r["downloaded_at"] or "",
                    short_digest(r["sha256"]),
                    _age(r["age_days"]),
                    r["path"],
                )
            console().print(table)
        if not in_use:
            console(stderr=True).print(
                _(
                    "No lists installed: run `screen update` to download the official lists "
                    "(until then, screening stops with exit code 2 unless given --list)."
                ),
                highlight=False,
            )
        return 0

    run_command(action)


def _cell(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def diff_record(found: ListDiff) -> dict[str, Any]:
    """The diff as one JSON-ready object."""

    def side(s: ListSnapshot) -> dict[str, Any]:
        return {
            "name": s.name,
            "path": str(s.path),
            "sha256": s.sha256,
            "entries": s.entry_count,
            "date": _cell(s.data_date),
        }

    def brief(e: Any) -> dict[str, Any]:
        return {"entry_id": e.entry_id, "name": e.name, "source": e.source}

    return {
        "old": side(found.old),
        "new": side(found.new),
        "summary": {
            "added": len(found.added),
            "removed": len(found.removed),
            "changed": len(found.changed),
            "unchanged": found.unchanged,
        },
        "added": [brief(e) for e in found.added],
        "removed": [brief(e) for e in found.removed],
        "changed": [
            {
                **brief(c.new),
                "changes": {f.field: {"old": _cell(f.old), "new": _cell(f.new)} for f in c.changes},
            }
            for c in found.changed
        ],
    }


def _show(value: Any) -> str:
    value = _cell(value)
    return "; ".join(value) if isinstance(value, list) else str(value or "")


def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="Older list file or snapshot folder.")],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="Newer list file or snapshot folder.")],
    fmt: Annotated[
        TextFormatChoice, typer.Option("--format", "-f", help="Output format.")
    ] = TextFormatChoice.table,
    lang: LangOption = None,
) -> None:
    """Show what changed between two snapshots of one list."""

    def action() -> int:
        from rich.table import Table

        from screening.lists.diff import diff_snapshots
        from screening_cli.render import add_plain_row, console

        found = diff_snapshots(load_path(old), load_path(new))
        if not (found.added or found.removed or found.changed) and fmt is TextFormatChoice.table:
            same = _("no changes: the {count} entries are the same")
            console(stderr=True).print(same.format(count=found.unchanged), highlight=False)
            return 0
        if fmt is TextFormatChoice.json:
            sys.stdout.write(json.dumps(diff_record(found), ensure_ascii=False, indent=2) + "\n")
        else:
            table = Table(title=f"{found.old.name} -> {found.new.name}", title_justify="left")
            for header in (_("Change"), _("Entry id"), _("Name"), _("Field"), _("Old"), _("New")):
                table.add_column(header, overflow="fold")
            for e in found.added:
                add_plain_row(table, _("added"), e.entry_id, e.name, "", "", "")
            for e in found.removed:
                add_plain_row(table, _("removed"), e.entry_id, e.name, "", "", "")
            for c in found.changed:
                for f in c.changes:
                    add_plain_row(
                        table,
                        _("changed"),
                        c.new.entry_id,
                        c.new.name,
                        f.field,
                        _show(f.old),
                        _show(f.new),
                    )
            console().print(table)
        counts = _("{added} added, {removed} removed, {changed} changed, {unchanged} unchanged")
        console(stderr=True).print(
            counts.format(
                added=len(found.added),
                removed=len(found.removed),
                changed=len(found.changed),
                unchanged=found.unchanged,
            ),
            highlight=False,
        )
        return 0

    run_command(action)
