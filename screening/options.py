"""Settings of a screening run, each group one frozen object built once (by the command line,
or by a library user) and passed whole down the pipeline.

- `ReadOptions`: how a supplier file is read (columns, encoding, sheet, chunk size, limits).
- `ScreenOptions`: how names are screened and judged (date, gate, what is shown, where work
  runs).
- `ReviewFiles`: the files that add to or clear hits beyond the lists: reviewers'
  decisions, a baseline report, an ownership file and its rule windows.

Defaults are the library's own (`screening.defaults`); each object checks its values when
made, with messages that name the option a user types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from screening.defaults import CHUNK_ROWS, SKIPPED_TYPES
from screening.errors import ConfigError
from screening.models import Gate, check_score


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How a supplier file is read. Columns left None are found from the header."""

    name_column: str | None = None
    country_column: str | None = None
    id_column: str | None = None
    encoding: str | None = None  # None: UTF-8, else detected
    sheet: str | None = None  # XLSX: None is the first sheet
    chunk_rows: int = CHUNK_ROWS  # rows read and screened at a time
    max_rows: int | None = None  # refuse a longer file (None: no limit but the format's)
    # The columns beyond name, country and id (`screening.inputs`); None: found from the
    # header. `address_columns` are the address's parts in order (street, city).
    second_name_column: str | None = None
    address_columns: tuple[str, ...] | None = None
    identifier_columns: tuple[str, ...] | None = None
    birth_date_column: str | None = None
    nationality_column: str | None = None

    def __post_init__(self) -> None:
        if self.chunk_rows < 1:
            raise ConfigError(f"--chunk-rows must be at least 1, got {self.chunk_rows}")
        if self.max_rows is not None and self.max_rows < 1:
            raise ConfigError(f"--max-rows must be at least 1 row, got {self.max_rows}")


@dataclass(frozen=True, slots=True)
class ScreenOptions:
    """How names are screened and findings judged.

    `gate` decides what fails the run; `show_from` (lower) adds near misses to the report
    for review. Entries of `skip_types` (vessels and aircraft by default) are not matched.
    `jobs` processes screen large inputs; `cache_dir` keeps the parsed lists and their
    index between runs (None: no cache).
    """

    as_of: date
    gate: Gate = field(default_factory=Gate)
    show_from: float | None = None
    skip_types: frozenset[str] = SKIPPED_TYPES
    jobs: int = 1
    cache_dir: Path | None = None

    def __post_init__(self) -> None:
        if self.show_from is not None:
            check_score(self.show_from, "--show-from")
        if self.jobs < 1:
            raise ConfigError(f"--jobs must be at least 1, got {self.jobs}")

    @property
    def floor(self) -> float:
        """The lowest score kept: `show_from` when it is below the threshold."""
        threshold = self.gate.threshold
        return threshold if self.show_from is None else min(self.show_from, threshold)


@dataclass(frozen=True, slots=True)
class ReviewFiles:
    """Files beside the lists that clear hits or add findings (each optional)."""

    decisions: Path | None = None  # reviewers' decisions (CSV): cleared false positives
    baseline: Path | None = None  # an earlier JSON report: its hits do not fail again
    ownership: Path | None = None  # who owns whom: look-through to listed owners
    ownership_rules: Path | None = None  # rule windows replacing or adding to the bundled
