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
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from screening.defaults import DEADLINE_SECONDS, MAX_FILE_BYTES
from screening.files import short_digest
from screening_cli.options import DataDirOption, TextFormatChoice
from screening_cli.places import load_path, resolve_data_dir
from screening_cli.runner import EXIT_INTERRUPTED, EXIT_TERMINATED, run_command

if TYPE_CHECKING:
    from screening.lists.diff import ListDiff
    from screening.lists.update import Source, UpdateOptions
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
            help="List to download: csl, sdn or un (repeatable). Default: all three.",
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            help="Download from this address instead (a mirror); needs exactly one --source. "
            "Credentials in it are used but not stored.",
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
        from screening.lists.update import SOURCES, UpdateOptions, source_for

        if retries < 0:
            raise ConfigError(f"--retries must be 0 or more, got {retries}")
        if not max_size > 0 or not deadline > 0:
            raise ConfigError(
                f"--max-size and --deadline must be above 0, got {max_size:g} and {deadline:g}"
            )
        keys = source or list(SOURCES)
        if url and len(keys) != 1:
            raise ConfigError("--url needs exactly one --source (the list it is a mirror of)")
        sources = [source_for(k, url=url) for k in keys]
        options = UpdateOptions(
            attempts=retries + 1,
            deadline=deadline,
            max_bytes=int(max_size * 2**20),
            accept_shrink=accept_shrink,
        )
        code = _download(sources, resolve_data_dir(data_dir), options)
        if rescreen and code == 0:
            from screening_cli.watch import rescreen_after_update

            return rescreen_after_update(data_dir)
        return code

    run_command(action)


def _download(sources: list[Source], folder: Path, options: UpdateOptions) -> int:
    """Download each source into a new snapshot, with a progress bar on stderr; the exit
    code: 2 when any failed, 0 when all were installed, 130/143 when interrupted."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    from screening.errors import DownloadError
    from screening.lists.update import update_source
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

            for item in sources:
                try:
                    manifest = update_source(
                        item,
                        folder,
                        now=datetime.now(UTC).replace(microsecond=0),
                        options=options,
                        progress=progress,
                    )
                except DownloadError as exc:
                    failed += 1
                    print_error(stderr, str(exc))
                    continue
                for warning in manifest.warnings:
                    print_warning(stderr, f"{item.key}: {warning}")
                stderr.print(
                    f"{item.key}: {manifest.entries} entries, sha256 "
                    f"{short_digest(manifest.sha256)}, {manifest.size} bytes from {manifest.url}",
                    highlight=False,
                    soft_wrap=True,
                )
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


def lists(data_dir: DataDirOption = None) -> None:
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
        table = Table(title=f"Lists (data directory {folder})", title_justify="left")
        for header in ("Source", "Entries", "Data date", "Downloaded at", "sha256", "Age", "Path"):
            table.add_column(header, overflow="fold")
        for snap in scan.snapshots:
            m = snap.manifest
            add_plain_row(
                table,
                m.source + (" (in use)" if snap.directory in in_use else ""),
                str(m.entries),
                m.downloaded_at.date().isoformat(),
                m.downloaded_at.isoformat(),
                short_digest(m.sha256),
                _age(snap.age_days(today)),
                str(snap.main_path),
            )
        sample = load_bundled_sample()
        add_plain_row(
            table,
            "bundled sample" + ("" if in_use else " (in use)"),
            str(sample.entry_count),
            "",
            "",
            short_digest(sample.sha256),
            "",
            str(bundled_sample_path()),
        )
        console().print(table)
        if not in_use:
            console(stderr=True).print(
                "No lists installed: run `screen update` to download the official lists.",
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
) -> None:
    """Show what changed between two snapshots of one list."""

    def action() -> int:
        from rich.table import Table

        from screening.lists.diff import diff_snapshots
        from screening_cli.render import add_plain_row, console

        found = diff_snapshots(load_path(old), load_path(new))
        if fmt is TextFormatChoice.json:
            sys.stdout.write(json.dumps(diff_record(found), ensure_ascii=False, indent=2) + "\n")
        else:
            table = Table(title=f"{found.old.name} -> {found.new.name}", title_justify="left")
            for header in ("Change", "Entry id", "Name", "Field", "Old", "New"):
                table.add_column(header, overflow="fold")
            for e in found.added:
                add_plain_row(table, "added", e.entry_id, e.name, "", "", "")
            for e in found.removed:
                add_plain_row(table, "removed", e.entry_id, e.name, "", "", "")
            for c in found.changed:
                for f in c.changes:
                    add_plain_row(
                        table,
                        "changed",
                        c.new.entry_id,
                        c.new.name,
                        f.field,
                        _show(f.old),
                        _show(f.new),
                    )
            console().print(table)
        console(stderr=True).print(
            f"{len(found.added)} added, {len(found.removed)} removed, {len(found.changed)} "
            f"changed, {found.unchanged} unchanged",
            highlight=False,
        )
        return 0

    run_command(action)
