"""Screening of a partitioned dataset on a Dask distributed cluster (`--engine dask`).

A dataset is a folder of CSV, TSV or Parquet files, its partitions. Each file is one Dask
task: a worker opens it with `open_suppliers` and screens it with `screen_chunks`, exactly as
the local engine does one file, and writes the findings of that file to one results file.
Only a small summary per partition travels back to the client, so the client's memory does
not grow with the dataset.

The list snapshots are sent from the client to every worker once; each worker process
builds its matcher from them once and keeps it for the following partitions. The workers
therefore need no list files and no cache, but they do read the input files and write the
results where the client names them: both must be on a filesystem every worker shares, at
the same path.

Nothing half-written is left behind: the results go to a hidden folder beside the
destination, renamed to it only when every partition has been screened and written, and
removed on any error or interruption.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import secrets
import shutil
import socket
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from screening.errors import ConfigError, InputFileError
from screening.extras import parquet_module
from screening.gate import result_failures
from screening.inputs import Columns, open_suppliers
from screening.match import ListMatcher
from screening.models import Gate, ListSnapshot
from screening.options import ReadOptions, ScreenOptions
from screening.report import report_file, write_report
from screening.report.csv import neutralise_cell
from screening.report.fields import MATCH_FIELDS, match_record
from screening.report.parquet import check_parquet, records_table
from screening.screen import screen_chunks

__all__ = [
    "DASK_MISSING",
    "INPUT_SUFFIXES",
    "OUTPUT_FORMATS",
    "SUMMARY_FILE",
    "DatasetResult",
    "PartitionSummary",
    "dataset_files",
    "screen_dataset",
]

#: Results file formats, the first being the default.
OUTPUT_FORMATS = ("parquet", "csv")
#: Suffixes of the files read as partitions (compared in lower case); `.tab` is TSV, as
#: for a single file.
INPUT_SUFFIXES = frozenset({".csv", ".tsv", ".tab", ".parquet"})
#: The run's totals and settings, in the results folder. The leading underscore makes
#: Parquet dataset readers (pyarrow, dask, Spark) pass it over as they do `_SUCCESS`.
SUMMARY_FILE = "_summary.json"
#: Raised when the optional dependencies are missing.
DASK_MISSING = (
    "--engine dask needs dask and distributed: pip install dask distributed (in a checkout "
    "of screening: pip install '.[dask]')"
)
#: What needs pyarrow, in the message when it is missing (the `dask` extra installs it).
PARQUET_RESULTS = "--engine dask with Parquet results (the default; --format csv writes CSV)"
#: The column added before the match fields: the name of the input file (the partition).
PARTITION_FIELD = "partition"
#: Matchers a worker process keeps: two runs sharing a cluster do not rebuild for each
#: other's partitions, and memory holds at most two indexes of the lists (hundreds of MB
#: each for the full real lists).
MATCHERS_KEPT = 2
#: Removing the temporary folder is tried this many times, this many seconds apart: a task
#: still running on a remote worker when the run was stopped may write one last file into
#: it while it is being removed.
CLEANUP_ATTEMPTS = 5
CLEANUP_PAUSE = 0.2

#: Where the local cluster's scheduler serves its few HTTP routes (health, metrics; the
#: dashboard is off): a free port of this machine only, not 8787, which another cluster may
#: hold (the scheduler would take another port, but warn).
_LOCAL_HTTP = "127.0.0.1:0"

#: Called after each partition is done with (partitions done, partitions in all).
DatasetProgress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class PartitionSummary:
    """What one input file gave: its rows, its findings, and where they were written.

    `rows`, `findings` and `failing` count as the local engine's result for that file would
    (`failing`: findings that fail the gate); `skipped_rows` are the numbers (from 1 within
    the file) of the rows with an empty name, which were not screened.
    """

    partition: str  # the input file's name
    source: Path
    output: Path
    rows: int
    findings: int
    failing: int
    skipped_rows: tuple[int, ...]
    columns: Columns


@dataclass(frozen=True, slots=True)
class DatasetResult:
    """A whole dataset's run: its settings, its partitions and the totals over them.

    `failing > 0` means the run fails the gate (exit code 1), as for one file.
    """

    source: Path
    destination: Path
    summary_file: Path
    output_format: str
    as_of: date
    gate: Gate
    lists: tuple[ListSnapshot, ...]
    partitions: tuple[PartitionSummary, ...]

    @property
    def rows(self) -> int:
        """Data rows read, over every partition."""
        return sum(p.rows for p in self.partitions)

    @property
    def findings(self) -> int:
        """Findings written, over every partition."""
        return sum(p.findings for p in self.partitions)

    @property
    def failing(self) -> int:
        """Findings that fail the gate, over every partition."""
        return sum(p.failing for p in self.partitions)

    @property
    def skipped(self) -> int:
        """Rows not screened for an empty name, over every partition."""
        return sum(len(p.skipped_rows) for p in self.partitions)

    @property
    def outputs(self) -> tuple[Path, ...]:
        """The results files, one per partition, in the partitions' order."""
        return tuple(p.output for p in self.partitions)


@dataclass(frozen=True, slots=True)
class _Settings:
    """What every partition's task needs besides its file and the lists."""

    options: ScreenOptions
    read: ReadOptions
    output_format: str


@dataclass(frozen=True, slots=True)
class _Task:
    """One partition: the file to read and the results file to write (both absolute)."""

    source: Path
    output: Path


def dataset_files(source: Path) -> list[Path]:
    """The partitions of a dataset folder, in name order.

    Names starting with "." or "_" are passed over (`_SUCCESS`, `.crc` files, hidden
    folders). Any other file or folder that is not CSV, TSV or Parquet is refused rather
    than skipped: a supplier file left out would be a supplier never screened.
    """
    if not source.exists():
        raise ConfigError(f"dataset folder {source} does not exist")
    if not source.is_dir():
        raise ConfigError(
            f"{source} is not a folder: --engine dask reads a folder of CSV, TSV or Parquet "
            "files; screen a single file without it"
        )
    try:
        entries = sorted(source.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise ConfigError(f"cannot read dataset folder {source}: {exc.strerror or exc}") from None
    files: list[Path] = []
    others: list[str] = []
    for entry in entries:
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_file() and entry.suffix.lower() in INPUT_SUFFIXES:
            files.append(entry)
        else:
            others.append(entry.name + ("/" if entry.is_dir() else ""))
    if others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        raise ConfigError(
            f"dataset folder {source} holds entries that are not CSV, TSV or Parquet files "
            f"({shown}); move them out or convert them, so that no supplier goes unscreened"
        )
    if not files:
        raise ConfigError(f"dataset folder {source} holds no CSV, TSV or Parquet files")
    return files


def screen_dataset(
    source: Path,
    destination: Path,
    lists: Sequence[ListSnapshot],
    options: ScreenOptions,
    read: ReadOptions | None = None,
    *,
    output_format: str = "parquet",
    scheduler: str | None = None,
    progress: DatasetProgress | None = None,
) -> DatasetResult:
    """Screen every file of the `source` folder on a Dask cluster; write the results folder.

    Each file is screened as the local engine screens it (same parsing, encoding detection,
    row numbers from 1 within the file, same scores and statuses); its findings (the report's
    match fields and `partition`, the file's name) go to one file of `destination`, a
    folder this creates, with `_summary.json`. `scheduler` is the address of a running
    cluster ("tcp://host:8786"); without one, a cluster of `options.jobs` processes is
    started on this machine for the run. `progress` gets (partitions done, partitions in
    all). `options.cache_dir` is where workers look for the lists' prepared index (and save
    it): the client's cache folder serves a local cluster, or workers that share it; a
    worker that cannot read or write it builds the index itself.

    An error in any partition (an `InputFileError` naming its file, as for one file) stops
    the run, and no results folder is left behind.
    """
    if output_format not in OUTPUT_FORMATS:
        raise ConfigError(
            f"unknown output format {output_format!r} for --engine dask; "
            f"choose one of: {', '.join(OUTPUT_FORMATS)}"
        )
    if not lists:
        raise ConfigError("no lists to screen against")
    # Absolute (not resolved: a symbolic link may only exist here) so workers whose working
    # folder differs read and write the same paths.
    source, destination = source.absolute(), destination.absolute()
    files = dataset_files(source)
    _check_destination(destination)
    distributed = _import_distributed()
    if output_format == "parquet":  # before a cluster starts: the workers write Parquet
        check_parquet(PARQUET_RESULTS)
    settings = _Settings(options, read or ReadOptions(), output_format)
    workers = None if scheduler is not None else options.jobs
    partial = _make_partial(destination)
    try:
        with _client(distributed, scheduler, workers) as client:
            summaries = _run(client, distributed, files, partial, tuple(lists), settings, progress)
        result = DatasetResult(
            source=source,
            destination=destination,
            summary_file=destination / SUMMARY_FILE,
            output_format=output_format,
            as_of=options.as_of,
            gate=options.gate,
            lists=tuple(lists),
            partitions=tuple(replace(s, output=destination / s.output.name) for s in summaries),
        )
        record = _summary_record(result, settings)
        write_report(partial / SUMMARY_FILE, json.dumps(record, indent=2, ensure_ascii=False))
        _finish(partial, destination)
    except BaseException:
        _remove(partial)
        raise
    return result


def _import_distributed() -> Any:
    """The `distributed` package, imported only when the engine is used."""
    try:
        import distributed
    except ImportError:
        raise ConfigError(DASK_MISSING) from None
    return distributed


def _check_destination(destination: Path) -> None:
    if destination.exists():
        if not destination.is_dir():
            raise ConfigError(f"--output {destination} exists and is not a folder")
        if any(destination.iterdir()):
            raise ConfigError(
                f"--output {destination} already exists and is not empty; "
                "choose a new folder or remove it"
            )
    if not destination.parent.is_dir():
        raise ConfigError(
            f"cannot create {destination}: folder {destination.parent} does not exist"
        )


def _make_partial(destination: Path) -> Path:
    """A new hidden folder beside `destination`, renamed to it once all is written."""
    partial = destination.with_name(f".{destination.name}.partial-{secrets.token_hex(4)}")
    try:
        partial.mkdir()
    except OSError as exc:
        raise ConfigError(f"cannot create {partial}: {exc.strerror or exc}") from None
    return partial


def _remove(partial: Path) -> None:
    for _ in range(CLEANUP_ATTEMPTS):
        shutil.rmtree(partial, ignore_errors=True)
        if not partial.exists():
            return
        time.sleep(CLEANUP_PAUSE)


def _finish(partial: Path, destination: Path) -> None:
    """Give the complete results folder its name (an empty folder there is replaced)."""
    for stray in partial.glob(".*.tmp"):  # left by a worker that died while writing
        stray.unlink(missing_ok=True)
    try:
        if destination.is_dir():
            destination.rmdir()  # empty: checked before the run
        os.rename(partial, destination)
    except OSError as exc:
        raise ConfigError(f"cannot create {destination}: {exc.strerror or exc}") from None


def _cores() -> int:
    """Cores this process may use (its affinity, where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


@contextmanager
def _client(distributed: Any, scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A client of the cluster at `scheduler`, or of a local cluster started for the run.

    One thread per worker process: matching is Python code that holds the GIL, so more
    threads in a process would only share one core. The local cluster's logs are silenced:
    its workers log each failed task, which reaches the caller as the task's own error.
    """
    if scheduler is None:
        try:
            cluster = distributed.LocalCluster(
                n_workers=workers or _cores(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                scheduler_kwargs={"dashboard_address": _LOCAL_HTTP},
                silence_logs=logging.CRITICAL,
            )
        except OSError as exc:
            raise ConfigError(f"cannot start a local Dask cluster: {_one_line(exc)}") from None
        with cluster, distributed.Client(cluster, set_as_default=False) as client:
            yield client
        return
    try:
        client = distributed.Client(scheduler, set_as_default=False)
    except (OSError, ValueError) as exc:  # TimeoutError is an OSError
        raise ConfigError(
            f"cannot connect to the Dask scheduler at {scheduler} ({_one_line(exc)}); "
            "check --scheduler and that `dask scheduler` runs there"
        ) from None
    with client:
        yield client


def _run(
    client: Any,
    distributed: Any,
    files: Sequence[Path],
    partial: Path,
    lists: tuple[ListSnapshot, ...],
    settings: _Settings,
    progress: DatasetProgress | None,
) -> list[PartitionSummary]:
    """One task per file; the summaries in the files' order once every task is done."""
    # Sent once to every worker (a random key: hashing every entry would cost more than it
    # saves); each task then reads them from its worker's memory.
    try:
        [shared] = client.scatter([lists], broadcast=True, hash=False)
    except TimeoutError:  # the scheduler waits a moment for a worker, then gives up
        address = client.scheduler.address
        raise ConfigError(
            f"the Dask cluster at {address} has no running workers; start them with "
            f"`dask worker {address}`"
        ) from None
    width = max(5, len(str(len(files) - 1)))
    tasks = [
        _Task(source=path, output=partial / f"part-{i:0{width}d}.{settings.output_format}")
        for i, path in enumerate(files)
    ]
    run = secrets.token_hex(4)
    keys = [f"screen-partition-{i}-{run}" for i in range(len(tasks))]
    # Not pure: a task reads a file that may change between runs and writes one.
    futures = client.map(
        _screen_partition, tasks, key=keys, pure=False, lists=shared, settings=settings
    )
    by_key = dict(zip(keys, tasks, strict=True))
    done: dict[str, PartitionSummary] = {}
    if progress is not None:
        progress(0, len(tasks))
    try:
        for future in distributed.as_completed(futures, loop=client.loop):
            done[future.key] = _outcome(future, distributed, by_key[future.key])
            if progress is not None:
                progress(len(done), len(tasks))
    except BaseException:
        client.cancel(futures)  # partitions not started yet are not started
        raise
    return [done[key] for key in keys]


def _outcome(future: Any, distributed: Any, task: _Task) -> PartitionSummary:
    """A task's summary; its own error (InputFileError...) is raised here as it was raised
    on the worker, the cluster's failures as a ConfigError naming the file."""
    try:
        summary: PartitionSummary = future.result()
    except distributed.KilledWorker:
        raise ConfigError(
            f"{task.source}: the Dask workers screening it died repeatedly (out of memory?); "
            "give the workers more memory or split the file"
        ) from None
    except distributed.CancelledError:
        raise ConfigError(
            f"{task.source}: the Dask cluster cancelled its screening "
            "(was the scheduler restarted or closed?)"
        ) from None
    return summary


# Worker side ------------------------------------------------------------------------------

# The matchers of this worker process, by the lists and settings they were built for.
_matchers: dict[tuple[object, ...], ListMatcher] = {}
_matchers_lock = threading.Lock()


def _matcher(
    lists: Sequence[ListSnapshot], skip_types: Collection[str], cache_dir: Path | None = None
) -> ListMatcher:
    """The matcher for these lists, built on this worker's first partition and then kept.

    Keyed by each snapshot's name, sha256 and entry count (a snapshot narrowed to a few
    entries keeps its file's sha256) and the skipped entry types; the threshold is not
    part of it, being passed to each match. Built under a lock, once, by the first of a
    worker's threads to need it, with the index's tables, which every batch needs.
    """
    key = (
        tuple((s.name, s.sha256, s.entry_count) for s in lists),
        frozenset(t.lower() for t in skip_types),
    )
    with _matchers_lock:
        matcher = _matchers.get(key)
        if matcher is None:
            matcher = ListMatcher(lists, skip_types=skip_types, cache_dir=cache_dir)
            matcher.prepare_batch()
            while len(_matchers) >= MATCHERS_KEPT:
                del _matchers[next(iter(_matchers))]
            _matchers[key] = matcher
        return matcher


def _screen_partition(
    task: _Task, *, lists: tuple[ListSnapshot, ...], settings: _Settings
) -> PartitionSummary:
    """Screen one file on a worker and write its results file (the task's body)."""
    host = socket.gethostname()
    if not task.output.parent.is_dir():
        raise ConfigError(
            f"results folder {task.output.parent} is not visible on Dask worker {host}: "
            "--output must be on a filesystem every worker shares, at the same path"
        )
    if not task.source.exists():
        raise InputFileError(
            f"input file {task.source} does not exist on Dask worker {host}: the dataset "
            "must be on a filesystem every worker shares, at the same path"
        )
    opened = open_suppliers(task.source, settings.read)
    options = replace(settings.options, jobs=1)  # a task is one worker's
    result = screen_chunks(
        opened,
        lists,
        options,
        matcher=_matcher(lists, options.skip_types, options.cache_dir),
    )
    records = [match_record(finding, result.gate) for finding in result.findings]
    partition = task.source.name
    if settings.output_format == "csv":
        write_report(task.output, _csv_text(records, partition))
    else:
        _write_parquet(task.output, records, partition)
    return PartitionSummary(
        partition=partition,
        source=task.source,
        output=task.output,
        rows=result.rows,
        findings=len(result.findings),
        failing=len(result_failures(result)),
        skipped_rows=tuple(s.row for s in result.skipped),
        columns=opened.columns,
    )


def _csv_text(records: Sequence[dict[str, Any]], partition: str) -> str:
    """The records as the CSV report writes its rows (CRLF, formulas neutralised, lists
    joined with "; "), after a `partition` column; a header alone when nothing matched."""
    lines: list[list[str]] = [[PARTITION_FIELD, *MATCH_FIELDS]]
    cell = neutralise_cell(partition)
    lines.extend([cell, *(neutralise_cell(r[f]) for f in MATCH_FIELDS)] for r in records)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(lines)
    return buffer.getvalue()


def _write_parquet(path: Path, records: Sequence[dict[str, Any]], partition: str) -> None:
    """The records as a Parquet file (a schema and no rows when nothing matched), written
    through a temporary file: a task retried after its worker died never leaves a
    half-written file under the final name."""
    pq = parquet_module(PARQUET_RESULTS)
    table = records_table(records, before={PARTITION_FIELD: [partition] * len(records)})
    with report_file(path) as stream:
        pq.write_table(table, stream)


def _summary_record(result: DatasetResult, settings: _Settings) -> dict[str, Any]:
    """`_summary.json`: the settings, the lists, the totals and each partition's summary
    (files named relative to the results folder)."""
    return {
        "engine": "dask",
        "source": str(result.source),
        "as_of": result.as_of.isoformat(),
        "threshold": result.gate.threshold,
        "show_from": settings.options.show_from,
        "fail_on": result.gate.fail_on.value,
        "skip_types": sorted(settings.options.skip_types),
        "output_format": result.output_format,
        "lists": [
            {"name": s.name, "sha256": s.sha256, "entries": s.entry_count, "path": str(s.path)}
            for s in result.lists
        ],
        "rows": result.rows,
        "partitions": len(result.partitions),
        "findings": result.findings,
        "failing": result.failing,
        "rows_skipped": result.skipped,
        "partition_files": [
            {
                "partition": p.partition,
                "output": p.output.name,
                "rows": p.rows,
                "findings": p.findings,
                "failing": p.failing,
                "skipped_rows": list(p.skipped_rows),
                "columns": {
                    "name": p.columns.name,
                    "country": p.columns.country,
                    "input_id": p.columns.input_id,
                },
            }
            for p in result.partitions
        ],
    }
