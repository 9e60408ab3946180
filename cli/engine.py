"""`screen FOLDER --engine dask`: the command side of `screening.distributed`."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from screening.models import ListSnapshot

#: Formats the Dask engine writes its results folder in; the default table means Parquet.
_RESULT_FORMATS = {"table": "parquet", "parquet": "parquet", "csv": "csv"}


def check_on_dask(
    source: Path,
    output: Path | None,
    *,
    fmt: str,
    lists: tuple[ListSnapshot, ...],
    as_of: date,
    threshold: float,
    show_from: float | None,
    fail_on: str,
    include_vessels: bool,
    name_column: str | None,
    country_column: str | None,
    id_column: str | None,
    encoding: str | None,
    scheduler: str | None,
    jobs: int | None,
    strict: bool,
    unsupported: dict[str, Any],
    audited: bool,
) -> int:
    """Screen a folder of files on Dask; summary on stderr; the exit code of `screen check`."""
    from cli.lists import resolve_cache_dir
    from cli.render import console, print_warning, progress_bar
    from screening.distributed import screen_dataset
    from screening.errors import ConfigError
    from screening.lists import BUNDLED_SAMPLE_NOTE
    from screening.match import SKIPPED_TYPES
    from screening.models import FailOn

    given = [option for option, value in unsupported.items() if value]
    if given:
        raise ConfigError(f"{', '.join(given)} cannot be used with --engine dask")
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
            as_of=as_of,
            threshold=threshold,
            show_from=show_from,
            fail_on=FailOn(fail_on),
            skip_types=() if include_vessels else SKIPPED_TYPES,
            name_column=name_column,
            country_column=country_column,
            id_column=id_column,
            encoding=encoding,
            output_format=_RESULT_FORMATS[fmt],
            scheduler=scheduler,
            workers=None if scheduler is not None else (jobs or os.cpu_count() or 1),
            progress=advance,
            cache_dir=resolve_cache_dir(),
        )
    if any(s.bundled for s in lists):
        print_warning(stderr, BUNDLED_SAMPLE_NOTE)
    where = scheduler or "a local cluster"
    entries = sum(s.entry_count for s in lists)
    skipped = result.skipped
    stderr.print(
        f"Screened {result.rows} rows in {len(result.partitions)} files on Dask ({where}) "
        f"against {len(lists)} list{'s' if len(lists) != 1 else ''} ({entries} entries) as of "
        f"{as_of.isoformat()}: {result.findings} potential matches, {result.failing} fail the "
        f"gate (threshold {threshold:g}, fail on {fail_on})"
        + (f"; {skipped} rows skipped (nothing to screen in the name)" if skipped else "")
        + f"; results in {result.destination}",
        highlight=False,
        soft_wrap=True,
    )
    if strict and skipped:
        return 2
    return 1 if result.failing else 0
