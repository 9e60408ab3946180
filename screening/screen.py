"""The screening pipeline, top to bottom: lists, suppliers, matches, status, result.

The CLI calls these functions; library users can call them too. Nothing here reads the
clock, prints or exits: the date, the paths and an optional progress callback come in, with
the run's settings as three objects (`screening.options`): how to read the input, how to
screen, and which review files apply.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from screening.defaults import LOOKUP_LIMIT
from screening.engines.local import match_chunks
from screening.errors import ConfigError
from screening.inputs import Columns, open_suppliers
from screening.lists import load_bundled_sample, load_list
from screening.match import ListMatcher
from screening.models import Finding, ListSnapshot, ScreeningResult, Supplier
from screening.options import ReadOptions, ReviewFiles, ScreenOptions
from screening.review import Reviews
from screening.status import entry_status

#: Called after each supplier is screened with (rows done, rows in all).
ProgressCallback = Callable[[int, int], None]
#: Receives each chunk as soon as it is screened: its rows and their findings (a report
#: written as the rows go by, or one that needs every row, such as JUnit's).
ChunkSink = Callable[[Sequence[Supplier], Sequence[Finding]], None]


def load_lists(paths: Sequence[Path]) -> tuple[ListSnapshot, ...]:
    """Load the given list files, or the bundled sample when none are given."""
    if not paths:
        return (load_bundled_sample(),)
    return tuple(load_list(path) for path in paths)


def screen_chunks(
    chunks: Iterable[Sequence[Supplier]],
    lists: Sequence[ListSnapshot],
    options: ScreenOptions,
    *,
    matcher: ListMatcher | None = None,
    reviews: Reviews | None = None,
    progress: ProgressCallback | None = None,
    rows_estimate: int = 0,
    sink: ChunkSink | None = None,
) -> ScreeningResult:
    """Screen suppliers that arrive in chunks against lists as of `options.as_of`.

    Only findings are kept from one chunk to the next (and the rows that cannot be
    screened, a blank name or one of legal forms only, which are returned as skipped with
    the reason, never dropped): memory follows the hits, not the input size. Warnings name
    the rows they concern (a name cut to its first words). Each chunk's findings, with the
    `reviews` (decisions, baseline) applied, go to `sink` with the chunk's rows as soon as
    they are known. Findings at or above `options.show_from` (default: the threshold) are
    kept for the report; the gate only counts those at or above its threshold. `progress`
    gets (rows done, rows in all), the total being `rows_estimate` until the input has been
    read.
    """
    as_of = options.as_of
    matcher = matcher or ListMatcher(
        lists, cache_dir=options.cache_dir, skip_types=options.skip_types
    )
    findings: list[Finding] = []
    skipped: list[Supplier] = []
    reasons: list[str] = []
    warnings: list[str] = []
    rows = 0
    for chunk, screened in match_chunks(matcher, chunks, options.floor, jobs=options.jobs):
        found: Sequence[Finding] = [
            Finding(match=m, status=entry_status(m.entry, as_of))
            for ms in screened.matches
            for m in ms
        ]
        if reviews is not None:
            found = reviews.apply(found, as_of)
        if sink is not None:
            sink(chunk, found)
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
        gate=options.gate,
        lists=tuple(lists),
        rows=rows,
        findings=tuple(findings),
        skipped=tuple(skipped),
        skip_reasons=tuple(reasons),
        warnings=tuple(warnings),
    )


def screen_suppliers(
    suppliers: Sequence[Supplier],
    lists: Sequence[ListSnapshot],
    options: ScreenOptions,
    *,
    matcher: ListMatcher | None = None,
    progress: ProgressCallback | None = None,
) -> ScreeningResult:
    """Screen suppliers held in memory against lists (see `screen_chunks`)."""
    size = ReadOptions().chunk_rows
    chunks = (suppliers[i : i + size] for i in range(0, len(suppliers), size))
    return screen_chunks(
        chunks, lists, options, matcher=matcher, progress=progress, rows_estimate=len(suppliers)
    )


def screen_file(
    path: Path,
    lists: Sequence[ListSnapshot],
    options: ScreenOptions,
    read: ReadOptions | None = None,
    *,
    files: ReviewFiles | None = None,
    data: bytes | None = None,
    progress: ProgressCallback | None = None,
    sink: ChunkSink | None = None,
) -> tuple[ScreeningResult, Columns]:
    """Read a supplier file in chunks and screen every row; also says which columns were used.

    CSV, TSV, Parquet and XLSX files are streamed (`screening.inputs.open_suppliers`), so
    memory holds a few chunks of `read.chunk_rows` rows, the index and the findings, however
    large the file. `sink` receives each chunk's rows and findings as they are known (see
    `screen_chunks`). Of the review `files`: decisions clear reviewed false positives from
    the gate; a baseline (an earlier JSON report) keeps hits already in it from failing the
    gate; with an ownership file, suppliers are also looked through to their owners (the
    50% rules, windows from the ownership rules file over the packaged ones: see
    `screening.ownership`), every supplier being kept in memory for the look-through.
    `data` holds the file's bytes when they come from standard input (`path` names it).
    """
    read = read or ReadOptions()
    files = files or ReviewFiles()
    opened = open_suppliers(path, read, data=data)
    reviews = Reviews.read(files.decisions, files.baseline, by_name=opened.columns.input_id is None)
    look = None
    if files.ownership is not None:  # read first: a bad ownership file fails before screening
        from screening.ownership.input import read_ownership
        from screening.ownership.rules import load_rules

        look = (read_ownership(files.ownership), load_rules(files.ownership_rules))
    matcher = ListMatcher(lists, cache_dir=options.cache_dir, skip_types=options.skip_types)
    kept: list[Supplier] = []
    chunks: Iterable[Sequence[Supplier]] = opened if look is None else _keeping(opened, kept)
    result = screen_chunks(
        chunks,
        lists,
        options,
        matcher=matcher,
        reviews=reviews,
        progress=progress,
        rows_estimate=opened.rows_estimate,
        sink=sink,
    )
    if look is not None:
        from screening.ownership import add_ownership

        result = add_ownership(result, kept, look[0], matcher, rules=look[1])
    return result, opened.columns


def _keeping(
    chunks: Iterable[Sequence[Supplier]], kept: list[Supplier]
) -> Iterator[Sequence[Supplier]]:
    """The chunks, unchanged, each also added to `kept`."""
    for chunk in chunks:
        kept.extend(chunk)
        yield chunk


def lookup(
    name: str,
    lists: Sequence[ListSnapshot],
    options: ScreenOptions,
    *,
    country: str = "",
    limit: int = LOOKUP_LIMIT,
) -> ScreeningResult:
    """Screen one name; the best `limit` matches at or above the options' floor are kept."""
    if limit < 1:
        raise ConfigError(f"--limit must be at least 1, got {limit}")
    result = screen_suppliers([Supplier(row=1, name=name, country=country)], lists, options)
    best = sorted(result.findings, key=lambda f: -f.match.score)[:limit]
    return replace(result, findings=tuple(best))
