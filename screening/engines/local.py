"""Matching rows on this machine: in this process, or in forked worker processes that share
the prepared index copy-on-write. The pipeline (`screening.screen`) calls `match_chunks`;
`screening.engines.dask` runs the same pipeline per file on a Dask cluster.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing as mp
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from typing import NamedTuple

from screening.errors import ConfigError, WorkerError
from screening.evidence import input_warnings
from screening.match import MAX_SCORED_WORDS, ListMatcher, name_query
from screening.models import Match, Supplier
from screening.normalize import load_tools_for

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
        screened.warnings.extend(input_warnings(supplier))
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
    # Taken before `shutdown`, which lets go of it (and of the call queue).
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(STOP_GRACE)
        if worker.exitcode is None:
            worker.kill()
            worker.join()
    # The pool's own thread notices the ended workers and reaps them too: once it is done,
    # no worker is left half-reaped (alive to `multiprocessing.active_children`).
    if manager is not None:
        manager.join(STOP_GRACE)
