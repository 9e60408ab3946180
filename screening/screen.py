"""The screening pipeline, top to bottom: lists, suppliers, matches, status, result.

The CLI calls these functions; library users can call them too. Nothing here reads the
clock, prints or exits: the date, the paths and an optional progress callback come in.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from screening.decisions import apply_decisions, baseline_keys, mark_baseline, read_decisions
from screening.errors import ConfigError
from screening.inputs import Columns, read_suppliers
from screening.lists import load_bundled_sample, load_list
from screening.match import DEFAULT_THRESHOLD, SKIPPED_TYPES, ListMatcher
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

# The matcher worker processes use: set before they are forked, so they share its memory.
_worker_matcher: ListMatcher | None = None


def _match_rows(task: tuple[Sequence[Supplier], float]) -> list[list[Match]]:
    suppliers, floor = task
    assert _worker_matcher is not None, "worker started without a matcher"
    return [_worker_matcher.match(s, min_score=floor) if s.name.strip() else [] for s in suppliers]


def match_all(
    matcher: ListMatcher,
    suppliers: Sequence[Supplier],
    floor: float,
    *,
    jobs: int = 1,
    progress: ProgressCallback | None = None,
) -> Iterator[list[Match]]:
    """The matches of every supplier, in input order (none for an empty name).

    With `jobs` above 1 and more than `PARALLEL_CHUNK` rows, the rows are screened in that
    many forked processes, which share the matcher's index with this one; where processes
    cannot be forked (Windows, or macOS by default) the rows are screened here, one by one.
    """
    global _worker_matcher
    if jobs < 1:
        raise ConfigError(f"--jobs must be at least 1, got {jobs}")
    total = len(suppliers)
    if jobs == 1 or total <= PARALLEL_CHUNK or "fork" not in mp.get_all_start_methods():
        for done, supplier in enumerate(suppliers, start=1):
            yield matcher.match(supplier, min_score=floor) if supplier.name.strip() else []
            if progress is not None:
                progress(done, total)
        return
    matcher.prepare_batch()  # built once here rather than once per process
    load_tools_for(s.name for s in suppliers)
    chunks = [suppliers[i : i + PARALLEL_CHUNK] for i in range(0, total, PARALLEL_CHUNK)]
    _worker_matcher = matcher
    try:
        with mp.get_context("fork").Pool(jobs) as pool:
            done = 0
            for chunk, results in zip(
                chunks, pool.imap(_match_rows, [(c, floor) for c in chunks]), strict=True
            ):
                yield from results
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
    finally:
        _worker_matcher = None


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
    """Screen suppliers against lists as of a date.

    Findings at or above `show_from` (default: the threshold) are kept for the report; the
    gate only counts those at or above `threshold`. Rows without a name are returned as
    skipped, never dropped. With `jobs` above 1, large batches are screened in that many
    processes (see `match_all`); the result is the same.
    """
    check_threshold(threshold)
    floor = threshold if show_from is None else min(show_from, threshold)
    matcher = matcher or ListMatcher(lists, cache_dir=cache_dir, skip_types=skip_types)
    findings: list[Finding] = []
    skipped = [supplier for supplier in suppliers if not supplier.name.strip()]
    for matches in match_all(matcher, suppliers, floor, jobs=jobs, progress=progress):
        findings.extend(Finding(match=m, status=entry_status(m.entry, as_of)) for m in matches)
    return ScreeningResult(
        as_of=as_of,
        threshold=threshold,
        lists=tuple(lists),
        rows=len(suppliers),
        findings=tuple(findings),
        skipped=tuple(skipped),
        fail_on=fail_on,
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
) -> tuple[ScreeningResult, Columns]:
    """Read a supplier file and screen every row; also says which columns were used.

    `decisions` (a reviewers' decisions file) clears reviewed false positives from the gate;
    `baseline` (an earlier JSON report) keeps hits already in it from failing the gate.
    `data` holds the file's bytes when they come from standard input (`path` names it).
    With an `ownership` file, suppliers are also looked through to their owners (the 50%
    rules, windows from `ownership_rules` over the packaged ones): see `screening.ownership`.
    """
    suppliers, columns = read_suppliers(
        path,
        encoding=encoding,
        name_column=name_column,
        country_column=country_column,
        id_column=id_column,
        sheet=sheet,
        data=data,
    )
    reviewed = read_decisions(decisions) if decisions is not None else None
    known = baseline_keys(baseline) if baseline is not None else None
    look = None
    if ownership is not None:  # read first: a bad ownership file fails before the screening
        from screening.ownership_input import read_ownership
        from screening.ownership_rules import load_rules

        look = (read_ownership(ownership), load_rules(ownership_rules))
    matcher = ListMatcher(lists, cache_dir=cache_dir, skip_types=skip_types)
    result = screen_suppliers(
        suppliers,
        lists,
        as_of=as_of,
        threshold=threshold,
        show_from=show_from,
        fail_on=fail_on,
        matcher=matcher,
        progress=progress,
        jobs=jobs,
    )
    if reviewed is not None:
        result = replace(result, findings=apply_decisions(result.findings, reviewed, as_of))
    if known is not None:
        result = replace(result, findings=mark_baseline(result.findings, known))
    if look is not None:
        from screening.ownership import add_ownership

        result = add_ownership(result, suppliers, look[0], matcher, rules=look[1])
    return result, columns


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
    )
