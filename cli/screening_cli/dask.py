"""`screen FOLDER --engine dask`: the command side of `screening.engines.dask`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from screening.models import ListSnapshot
    from screening.options import ReadOptions, ScreenOptions

#: Formats the Dask engine writes its results folder in; the default table means Parquet.
_RESULT_FORMATS = {"table": "parquet", "parquet": "parquet", "csv": "csv"}


def check_on_dask(
    source: Path,
    output: Path | None,
    lists: tuple[ListSnapshot, ...],
    options: ScreenOptions,
    read: ReadOptions,
    *,
    fmt: str,
    scheduler: str | None,
    strict: bool,
    audited: bool,
) -> int:
    """Screen a folder of files on Dask; summary on stderr; the exit code of `screen check`."""
    from screening.engines.dask import screen_dataset
    from screening.errors import ConfigError
    from screening.lists import BUNDLED_SAMPLE_NOTE
    from screening_cli.render import console, print_warning, progress_bar

    if fmt not in _RESULT_FORMATS:
        raise ConfigError(f"--engine dask writes parquet or csv results, not --format {fmt}")
    if output is None:
        raise ConfigError("--engine dask writes a results folder: give --output FOLDER")
    stderr = console(stderr=True)
    if audited:
        print_warning(
            stderr,
            "runs on --engine dask are not recorded in the audit database; the results "
            "folder keeps _summary.json with the lists' sha256",
        )
    with progress_bar(stderr, unit="files") as advance:
        result = screen_dataset(
            source,
            output,
            lists,
            options,
            read,
            output_format=_RESULT_FORMATS[fmt],
            scheduler=scheduler,
            progress=advance,
        )
    if any(s.bundled for s in lists):
        print_warning(stderr, BUNDLED_SAMPLE_NOTE)
    where = scheduler or "a local cluster"
    entries = sum(s.entry_count for s in lists)
    skipped = result.skipped
    stderr.print(
        f"Screened {result.rows} rows in {len(result.partitions)} files on Dask ({where}) "
        f"against {len(lists)} list{'s' if len(lists) != 1 else ''} ({entries} entries) as of "
        f"{options.as_of.isoformat()}: {result.findings} potential matches, {result.failing} "
        f"fail the gate (threshold {options.gate.threshold:g}, fail on "
        f"{options.gate.fail_on.value})"
        + (f"; {skipped} rows skipped (nothing to screen in the name)" if skipped else "")
        + f"; results in {result.destination}",
        highlight=False,
        soft_wrap=True,
    )
    if strict and skipped:
        return 2
    return 1 if result.failing else 0
