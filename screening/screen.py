"""The screening pipeline, top to bottom: lists, suppliers, matches, status, result.

The CLI calls these functions; library users can call them too. Nothing here reads the
clock, prints or exits: the date, the paths and an optional progress callback come in.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing as mp
import signal
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from datetime import date
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import NamedTuple

from screening.decisions import (
    Decision,
    apply_decisions,
    baseline_keys,
    mark_baseline,
    read_decisions,
)
from screening.errors import ConfigError, WorkerError
from screening.inputs import CHUNK_ROWS, Columns, open_suppliers
from screening.lists import load_bundled_sample, load_list
from screening.match import (
    DEFAULT_THRESHOLD,
    MAX_SCORED_WORDS,
    SKIPPED_TYPES,
    ListMatcher,
    name_query,
)
from screening.models import FailOn, Finding, ListSnapshot, Match, ScreeningResult, Supplier
from screening.normalize import load_tools_for
from screening.status import entry_status

#: Called after each supplier is screened with (rows done, rows in all).
ProgressCallback = Callable[[int, int], None]


def load_lists(paths: Sequence[Path]) -> tuple[ListSnapshot, ...]:
    """Load the given list files, or the bundled sample when none are given."""
    if not paths:
        return (load_bundled_sample(),)
    return tuple(load_list(path) for path in paths)


def check_threshold(threshold: float) -> float:
    """Reject a threshold outside 0-100 with a message naming the option."""
    if not 0.0 <= threshold <= 100.0:
        raise ConfigError(f"--threshold must be between 0 and 100, got {threshold:g}")
    return threshold


#: Rows a worker process screens per task: enough that handing rows over costs little.
PARALLEL_CHUNK = 1000
#: Input chunks handed to the worker processes and not yet collected: enough to keep every
#: worker busy while the results of the oldest are reported, few enough to bound memory.
CHUNKS_IN_FLIGHT = 2

# The matcher worker processes use: set before they are forked, so they share its memory.
_worker_matcher: ListMatcher | None = None


class ChunkMatches(NamedTuple):
    """What screening a chunk of suppliers gave: the matches of each row, in order; the rows
    that could not be screened, as (position in the chunk, reason); warnings naming rows."""

    matches: list[list[Match]]
    skipped: list[tuple[int, str]]
    warnings: list[str]


def _match_each(matcher: ListMatcher, suppliers: Sequence[Supplier], floor: float) -> ChunkMatches:
    screened = ChunkMatches([], [], [])
    for position, supplier in enumerate(suppliers):
        query = name_query(supplier.name)
        if query.skip_reason:
            screened.skipped.append((position, query.skip_reason))
            screened.matches.append([])
            continue
        if query.cut:
            screened.warnings.append(
                f"row {supplier.row}: the name has {query.words:,} words; only its first "
                f"{MAX_SCORED_WORDS} were compared with the lists"
            )
        screened.matches.append(matcher.match(supplier, min_score=floor, prepared_query=query))
    return screened


def _match_rows(suppliers: Sequence[Supplier], floor: float) -> ChunkMatches:
    assert _worker_matcher is not None, "worker started without a matcher"
    return _match_each(_worker_matcher, suppliers, floor)


def _ignore_interrupts() -> None:
    """Worker start-up: Ctrl-C is for the parent, which stops the pool and cleans up; the
    workers would otherwise each print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _can_fork() -> bool:
    return "fork" in mp.get_all_start_methods()


def match_chunks(
    matcher: ListMatcher,
    chunks: Iterable[Sequence[Supplier]],
    floor: float,
    *,
    jobs: int = 1,
) -> Iterator[tuple[Sequence[Supplier], ChunkMatches]]:
    """Each chunk of suppliers with what screening its rows gave, in input order.

    Chunks are read one at a time. With `jobs` above 1 and a first chunk of more than
    `PARALLEL_CHUNK` rows, rows are screened in that many forked processes, which share the
    matcher's prebuilt index with this one (copy-on-write); at most `CHUNKS_IN_FLIGHT` chunks
    are out at once, so memory stays bounded however long the input. Where processes cannot
    be forked (Windows, or macOS by default) rows are screened here, one by one. The result
    is the same either way; a worker that dies (killed, out of memory) stops the run with a
    `WorkerError` instead of leaving it waiting for rows that will never come.
    """
    if jobs < 1:
        raise ConfigError(f"--jobs must be at least 1, got {jobs}")
    stream = iter(chunks)
    first = next(stream, None)
    if first is None:
        return
    if len(first) <= BATCH_ROWS:  # a lookup or a small file: nothing to prepare
        for chunk in itertools.chain([first], stream):
            yield chunk, _match_each(matcher, chunk, floor)
        return
    with _prepared_batch(matcher, first):
        if jobs == 1 or len(first) <= PARALLEL_CHUNK or not _can_fork():
            for chunk in itertools.chain([first], stream):
                yield chunk, _match_each(matcher, chunk, floor)
        else:
            yield from _match_in_pool(matcher, itertools.chain([first], stream), floor, jobs)


#: Rows from which a batch prepares the matcher's look-up tables before the first row.
BATCH_ROWS = 100


@contextmanager
def _prepared_batch(matcher: ListMatcher, first: Sequence[Supplier]) -> Iterator[None]:
    """Prepare a batch once, here (not once per worker): the index's look-up tables and the
    script tools the first rows need.

    The garbage collector is paused while the tables are made (a million new objects, each
    wave of which would start a collection: about a quarter of the time), then every object
    is frozen for the batch: the collector leaves the index alone, and forked workers do not
    copy the pages it would otherwise touch.
    """
    gc.disable()
    try:
        matcher.prepare_batch()
        load_tools_for(s.name for s in first)
    finally:
        gc.enable()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _match_in_pool(
    matcher: ListMatcher, chunks: Iterator[Sequence[Supplier]], floor: float, jobs: int
) -> Iterator[tuple[Sequence[Supplier], ChunkMatches]]:
    """`match_chunks` in `jobs` forked processes (see there).

    A process pool of `concurrent.futures` notices a worker that ends while rows are out
    (its process sentinel) and fails every pending task with `BrokenProcessPool`, where a
    `multiprocessing.Pool` would start a new worker and wait forever for the lost task.
    """
    global _worker_matcher
    _worker_matcher = matcher  # before the fork: the workers inherit it
    pool = ProcessPoolExecutor(
        jobs, mp_context=mp.get_context("fork"), initializer=_ignore_interrupts
    )
    workers: list[BaseProcess] = []
    finished = False
    try:
        pending: deque[tuple[Sequence[Supplier], list[Future[ChunkMatches]]]] = deque()
        for chunk in chunks:
            tasks = [
                pool.submit(_match_rows, chunk[i : i + PARALLEL_CHUNK], floor)
                for i in range(0, len(chunk), PARALLEL_CHUNK)
            ]
            # The pool forks every worker at its first task (its private map of them is the
            # only place they are named): kept to stop them if the run ends early.
            workers = workers or list(pool._processes.values())
            pending.append((chunk, tasks))
            while len(pending) > CHUNKS_IN_FLIGHT:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())
        finished = True
    except BrokenProcessPool:
        raise WorkerError(_worker_died(jobs)) from None
    finally:
        _worker_matcher = None
        _stop(pool, workers, finished)


def _collect(
    chunk: Sequence[Supplier], tasks: list[Future[ChunkMatches]]
) -> tuple[Sequence[Supplier], ChunkMatches]:
    screened = ChunkMatches([], [], [])
    offset = 0
    for task in tasks:
        part = task.result()
        screened.matches.extend(part.matches)
        screened.skipped.extend((offset + position, why) for position, why in part.skipped)
        screened.warnings.extend(part.warnings)
        offset += len(part.matches)
    return chunk, screened


def _worker_died(jobs: int) -> str:
    """The one line a user reads when a worker process died: what happened, what to do."""
    return (
        f"a worker process of --jobs {jobs} ended before it finished its rows (killed, or "
        "out of memory?): run again, or with --jobs 1 to screen in one process"
    )


#: Seconds a worker is given to end once told to (SIGTERM) before it is killed (SIGKILL).
STOP_GRACE = 5.0


def _stop(pool: ProcessPoolExecutor, workers: Sequence[BaseProcess], finished: bool) -> None:
    """Shut the pool down: after the last result, once its workers are idle; when the run
    ends early (Ctrl-C, an error, the caller stopped reading), at once, ending the workers
    rather than letting them finish rows nobody will read."""
    if finished:
        pool.shutdown(wait=True)
        return
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(STOP_GRACE)
        if worker.exitcode is None:
            worker.kill()
            worker.join()


#: Receives the findings of each chunk as soon as they are known (a streamed report).
FindingsSink = Callable[[Sequence[Finding]], None]


def screen_chunks(
    chunks: Iterable[Sequence[Supplier]],
    lists: Sequence[ListSnapshot],
    *,
    as_of: date,
    threshold: float = DEFAULT_THRESHOLD,
    show_from: float | None = None,
    fail_on: FailOn = FailOn.PENDING,
    matcher: ListMatcher | None = None,
    cache_dir: Path | None = None,
    skip_types: Collection[str] = SKIPPED_TYPES,
    jobs: int = 1,
    progress: ProgressCallback | None = None,
    rows_estimate: int = 0,
    decisions: Sequence[Decision] | None = None,
    baseline: set[tuple[str, str]] | None = None,
    sink: FindingsSink | None = None,
    by_name: bool = False,
) -> ScreeningResult:
    """Screen suppliers that arrive in chunks against lists as of a date.

    Only findings are kept from one chunk to the next (and the rows that cannot be
    screened, a blank name or one of legal forms only, which are returned as skipped with
    the reason, never dropped): memory follows the hits, not the input size. Warnings name
    the rows they concern (a name cut to `MAX_SCORED_WORDS` words).
    Each chunk's findings, with reviewers' `decisions` and the `baseline` keys applied, go
    to `sink` as soon as they are known. Findings at or above `show_from` (default: the
    threshold) are kept for the report; the gate only counts those at or above `threshold`.
    `progress` gets (rows done, rows in all), the total being `rows_estimate` until the
    input has been read. `by_name`: the input has no id column, so decisions and baseline
    hits match suppliers by normalised name instead of by id.
    """
    check_threshold(threshold)
    floor = threshold if show_from is None else min(show_from, threshold)
    matcher = matcher or ListMatcher(lists, cache_dir=cache_dir, skip_types=skip_types)
    findings: list[Finding] = []
    skipped: list[Supplier] = []
    reasons: list[str] = []
    warnings: list[str] = []
    rows = 0
    for chunk, screened in match_chunks(matcher, chunks, floor, jobs=jobs):
        found = [
            Finding(match=m, status=entry_status(m.entry, as_of))
            for ms in screened.matches
            for m in ms
        ]
        if decisions is not None:
            found = list(apply_decisions(found, decisions, as_of, by_name=by_name))
        if baseline is not None:
            found = list(mark_baseline(found, baseline, by_name=by_name))
        if sink is not None:
            sink(found)
        findings.extend(found)
        skipped.extend(chunk[position] for position, _ in screened.skipped)
        reasons.extend(reason for _, reason in screened.skipped)
        warnings.extend(screened.warnings)
        rows += len(chunk)
        if progress is not None:
            progress(rows, max(rows, rows_estimate))
    if progress is not None and rows < rows_estimate:  # the estimate was high: end at 100%
        progress(rows, rows)
    return ScreeningResult(
        as_of=as_of,
        threshold=threshold,
        lists=tuple(lists),
        rows=rows,
        findings=tuple(findings),
        skipped=tuple(skipped),
        fail_on=fail_on,
        skip_reasons=tuple(reasons),
        warnings=tuple(warnings),
    )


def screen_suppliers(
    suppliers: Sequence[Supplier],
    lists: Sequence[ListSnapshot],
    *,
    as_of: date,
    threshold: float = DEFAULT_THRESHOLD,
    show_from: float | None = None,
    fail_on: FailOn = FailOn.PENDING,
    matcher: ListMatcher | None = None,
    cache_dir: Path | None = None,
    skip_types: Collection[str] = SKIPPED_TYPES,
    progress: ProgressCallback | None = None,
    jobs: int = 1,
) -> ScreeningResult:
    """Screen suppliers held in memory against lists as of a date (see `screen_chunks`)."""
    chunks = (suppliers[i : i + CHUNK_ROWS] for i in range(0, len(suppliers), CHUNK_ROWS))
    return screen_chunks(
        chunks,
        lists,
        as_of=as_of,
        threshold=threshold,
        show_from=show_from,
        fail_on=fail_on,
        matcher=matcher,
        cache_dir=cache_dir,
        skip_types=skip_types,
        jobs=jobs,
        progress=progress,
        rows_estimate=len(suppliers),
    )


def screen_file(
    path: Path,
    lists: Sequence[ListSnapshot],
    *,
    as_of: date,
    threshold: float = DEFAULT_THRESHOLD,
    encoding: str | None = None,
    name_column: str | None = None,
    country_column: str | None = None,
    id_column: str | None = None,
    show_from: float | None = None,
    fail_on: FailOn = FailOn.PENDING,
    progress: ProgressCallback | None = None,
    ownership: Path | None = None,
    ownership_rules: Path | None = None,
    cache_dir: Path | None = None,
    skip_types: Collection[str] = SKIPPED_TYPES,
    jobs: int = 1,
    sheet: str | None = None,
    data: bytes | None = None,
    decisions: Path | None = None,
    baseline: Path | None = None,
    chunk_rows: int = CHUNK_ROWS,
    sink: FindingsSink | None = None,
    max_rows: int | None = None,
) -> tuple[ScreeningResult, Columns]:
    """Read a supplier file in chunks and screen every row; also says which columns were used.

    CSV, TSV and Parquet files are streamed (`screening.inputs.open_suppliers`), so memory
    holds a few chunks of `chunk_rows` rows, the index and the findings, however large the
    file. `sink` receives each chunk's findings as they are known (see `screen_chunks`).
    `decisions` (a reviewers' decisions file) clears reviewed false positives from the gate;
    `baseline` (an earlier JSON report) keeps hits already in it from failing the gate.
    `data` holds the file's bytes when they come from standard input (`path` names it).
    With an `ownership` file, suppliers are also looked through to their owners (the 50%
    rules, windows from `ownership_rules` over the packaged ones): see `screening.ownership`;
    every supplier is then kept in memory for the look-through.
    """
    opened = open_suppliers(
        path,
        encoding=encoding,
        name_column=name_column,
        country_column=country_column,
        id_column=id_column,
        sheet=sheet,
        data=data,
        chunk_rows=chunk_rows,
        max_rows=max_rows,
    )
    reviewed = read_decisions(decisions) if decisions is not None else None
    known = baseline_keys(baseline) if baseline is not None else None
    look = None
    if ownership is not None:  # read first: a bad ownership file fails before the screening
        from screening.ownership_input import read_ownership
        from screening.ownership_rules import load_rules

        look = (read_ownership(ownership), load_rules(ownership_rules))
    matcher = ListMatcher(lists, cache_dir=cache_dir, skip_types=skip_types)
    kept: list[Supplier] = []
    chunks: Iterable[list[Supplier]] = opened if look is None else _keeping(opened, kept)
    result = screen_chunks(
        chunks,
        lists,
        as_of=as_of,
        threshold=threshold,
        show_from=show_from,
        fail_on=fail_on,
        matcher=matcher,
        jobs=jobs,
        progress=progress,
        rows_estimate=opened.rows_estimate,
        decisions=reviewed,
        baseline=known,
        sink=sink,
        by_name=opened.columns.input_id is None,
    )
    if look is not None:
        from screening.ownership import add_ownership

        result = add_ownership(result, kept, look[0], matcher, rules=look[1])
    return result, opened.columns


def _keeping(chunks: Iterable[list[Supplier]], kept: list[Supplier]) -> Iterator[list[Supplier]]:
    """The chunks, unchanged, each also added to `kept`."""
    for chunk in chunks:
        kept.extend(chunk)
        yield chunk


def lookup(
    name: str,
    lists: Sequence[ListSnapshot],
    *,
    as_of: date,
    threshold: float = DEFAULT_THRESHOLD,
    country: str = "",
    limit: int = 10,
    show_from: float | None = None,
    fail_on: FailOn = FailOn.PENDING,
    cache_dir: Path | None = None,
    skip_types: Collection[str] = SKIPPED_TYPES,
) -> ScreeningResult:
    """Screen one name; the best `limit` matches at or above `show_from` are kept."""
    if limit < 1:
        raise ConfigError(f"--limit must be at least 1, got {limit}")
    supplier = Supplier(row=1, name=name, country=country)
    result = screen_suppliers(
        [supplier],
        lists,
        as_of=as_of,
        threshold=threshold,
        show_from=show_from,
        fail_on=fail_on,
        cache_dir=cache_dir,
        skip_types=skip_types,
    )
    findings = sorted(result.findings, key=lambda f: -f.match.score)[:limit]
    return ScreeningResult(
        as_of=result.as_of,
        threshold=result.threshold,
        lists=result.lists,
        rows=result.rows,
        findings=tuple(findings),
        skipped=result.skipped,
        fail_on=fail_on,
        skip_reasons=result.skip_reasons,
        warnings=result.warnings,
    )
